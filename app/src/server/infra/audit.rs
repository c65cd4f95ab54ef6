//! The audit trail: append-only, each row's hash covering the previous row's hash, so that an
//! edited or deleted row breaks the chain (`inovasi verify-audit`).

use sha2::{Digest, Sha256};
use sqlx::{Any, Transaction};

use crate::error::AppError;

use crate::server::infra::db::{now_ms, Backend};

/// What an audit event records. The text (`as_str`) is what is stored, sealed and shown on the
/// audit page and in its CSV; an action's text never changes once events carry it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AuditAction {
    AgencyActivate,
    AgencyCreate,
    AgencyDeactivate,
    AgencyImport,
    AgencyUpdate,
    AssignmentAdd,
    AssignmentAuto,
    AssignmentRemove,
    BroadcastSend,
    CategoryAdd,
    CategoryRemove,
    CertificateIssue,
    CertificateWithdraw,
    CertificatePurge,
    CompetitionCreate,
    CompetitionDates,
    CompetitionPhase,
    CompetitionSettings,
    ConflictDeclare,
    CompendiumSave,
    CriteriaReplace,
    ExtensionGrant,
    ExtensionRevoke,
    FileDownload,
    FormOutline,
    FormReplace,
    IdentityCrest,
    IdentitySave,
    JudgePoolSet,
    MailRetry,
    NoticeTemplateReset,
    NoticeTemplateSave,
    ProposalRequestApproval,
    ProposalCheck,
    ProposalReturnToDraft,
    ProposalScreen,
    ProposalSendBack,
    ProposalSubmit,
    ResultsCertificateSigner,
    ResultsDecide,
    ResultsLock,
    ResultsSettings,
    RoundAdvance,
    RoundsCombination,
    RoundsPlan,
    RoundsRules,
    ScheduleRoom,
    ScheduleRoomRemove,
    ScheduleSave,
    /// The moderator started, paused or skipped on a room's board (presentation/room.rs).
    RoomControl,
    /// An agency uploaded the slides of its presentation (presentation/slides.rs).
    SlidesUpload,
    ScoreSave,
    ScoreSubmit,
    ScoreSheetReopen,
    /// A judge's visit report saved, handed in, or given a photo (visits/).
    VisitSave,
    VisitSubmit,
    VisitPhoto,
    /// The organisers opened a handed-in visit report again (visits/reopen.rs).
    VisitReopen,
    /// The organisers wrote a field round's checklist of claims (visits/claims.rs).
    VisitClaims,
    UserActivate,
    UserCreate,
    UserDeactivate,
    UserInviteLink,
    UserPasswordSet,
    UserResetLink,
    UserSignIn,
    UserSignInFailed,
}

impl AuditAction {
    pub const ALL: [AuditAction; 67] = [
        AuditAction::AgencyActivate,
        AuditAction::AgencyCreate,
        AuditAction::AgencyDeactivate,
        AuditAction::AgencyImport,
        AuditAction::AgencyUpdate,
        AuditAction::AssignmentAdd,
        AuditAction::AssignmentAuto,
        AuditAction::AssignmentRemove,
        AuditAction::BroadcastSend,
        AuditAction::CategoryAdd,
        AuditAction::CategoryRemove,
        AuditAction::CertificateIssue,
        AuditAction::CertificateWithdraw,
        AuditAction::CertificatePurge,
        AuditAction::CompetitionCreate,
        AuditAction::CompetitionDates,
        AuditAction::CompetitionPhase,
        AuditAction::CompetitionSettings,
        AuditAction::ConflictDeclare,
        AuditAction::CompendiumSave,
        AuditAction::CriteriaReplace,
        AuditAction::ExtensionGrant,
        AuditAction::ExtensionRevoke,
        AuditAction::FileDownload,
        AuditAction::FormOutline,
        AuditAction::FormReplace,
        AuditAction::IdentityCrest,
        AuditAction::IdentitySave,
        AuditAction::JudgePoolSet,
        AuditAction::MailRetry,
        AuditAction::NoticeTemplateReset,
        AuditAction::NoticeTemplateSave,
        AuditAction::ProposalRequestApproval,
        AuditAction::ProposalCheck,
        AuditAction::ProposalReturnToDraft,
        AuditAction::ProposalScreen,
        AuditAction::ProposalSendBack,
        AuditAction::ProposalSubmit,
        AuditAction::ResultsCertificateSigner,
        AuditAction::ResultsDecide,
        AuditAction::ResultsLock,
        AuditAction::ResultsSettings,
        AuditAction::RoundAdvance,
        AuditAction::RoundsCombination,
        AuditAction::RoundsPlan,
        AuditAction::RoundsRules,
        AuditAction::ScheduleRoom,
        AuditAction::ScheduleRoomRemove,
        AuditAction::ScheduleSave,
        AuditAction::RoomControl,
        AuditAction::SlidesUpload,
        AuditAction::ScoreSave,
        AuditAction::ScoreSubmit,
        AuditAction::ScoreSheetReopen,
        AuditAction::VisitSave,
        AuditAction::VisitSubmit,
        AuditAction::VisitPhoto,
        AuditAction::VisitReopen,
        AuditAction::VisitClaims,
        AuditAction::UserActivate,
        AuditAction::UserCreate,
        AuditAction::UserDeactivate,
        AuditAction::UserInviteLink,
        AuditAction::UserPasswordSet,
        AuditAction::UserResetLink,
        AuditAction::UserSignIn,
        AuditAction::UserSignInFailed,
    ];

    /// The stored text: the kind of object, a dot, what happened to it.
    pub fn as_str(self) -> &'static str {
        match self {
            AuditAction::AgencyActivate => "agency.activate",
            AuditAction::AgencyCreate => "agency.create",
            AuditAction::AgencyDeactivate => "agency.deactivate",
            AuditAction::AgencyImport => "agency.import",
            AuditAction::AgencyUpdate => "agency.update",
            AuditAction::AssignmentAdd => "assignment.add",
            AuditAction::AssignmentAuto => "assignment.auto",
            AuditAction::AssignmentRemove => "assignment.remove",
            AuditAction::BroadcastSend => "broadcast.send",
            AuditAction::CategoryAdd => "category.add",
            AuditAction::CategoryRemove => "category.remove",
            AuditAction::CertificateIssue => "certificate.issue",
            AuditAction::CertificateWithdraw => "certificate.withdraw",
            AuditAction::CertificatePurge => "certificate.purge",
            AuditAction::CompetitionCreate => "competition.create",
            AuditAction::CompetitionDates => "competition.dates",
            AuditAction::CompetitionPhase => "competition.phase",
            AuditAction::CompetitionSettings => "competition.settings",
            AuditAction::ConflictDeclare => "conflict.declare",
            AuditAction::CompendiumSave => "compendium.save",
            AuditAction::CriteriaReplace => "criteria.replace",
            AuditAction::ExtensionGrant => "extension.grant",
            AuditAction::ExtensionRevoke => "extension.revoke",
            AuditAction::FileDownload => "file.download",
            AuditAction::FormOutline => "form.outline",
            AuditAction::FormReplace => "form.replace",
            AuditAction::IdentityCrest => "identity.crest",
            AuditAction::IdentitySave => "identity.save",
            AuditAction::JudgePoolSet => "judge_pool.set",
            AuditAction::MailRetry => "mail.retry",
            AuditAction::NoticeTemplateReset => "notice_template.reset",
            AuditAction::NoticeTemplateSave => "notice_template.save",
            AuditAction::ProposalRequestApproval => "proposal.request_approval",
            AuditAction::ProposalReturnToDraft => "proposal.return_to_draft",
            AuditAction::ProposalScreen => "proposal.screen",
            AuditAction::ProposalCheck => "proposal.check",
            AuditAction::ProposalSendBack => "proposal.send_back",
            AuditAction::ProposalSubmit => "proposal.submit",
            AuditAction::ResultsCertificateSigner => "results.certificate_signer",
            AuditAction::ResultsDecide => "results.decide",
            AuditAction::ResultsLock => "results.lock",
            AuditAction::ResultsSettings => "results.settings",
            AuditAction::RoundAdvance => "round.advance",
            AuditAction::RoundsCombination => "rounds.combination",
            AuditAction::RoundsPlan => "rounds.plan",
            AuditAction::RoundsRules => "rounds.rules",
            AuditAction::ScheduleRoom => "schedule.room",
            AuditAction::ScheduleRoomRemove => "schedule.room_remove",
            AuditAction::ScheduleSave => "schedule.save",
            AuditAction::RoomControl => "room.control",
            AuditAction::SlidesUpload => "slides.upload",
            AuditAction::ScoreSave => "score.save",
            AuditAction::ScoreSubmit => "score.submit",
            AuditAction::ScoreSheetReopen => "score_sheet.reopen",
            AuditAction::VisitSave => "visit.save",
            AuditAction::VisitSubmit => "visit.submit",
            AuditAction::VisitPhoto => "visit.photo",
            AuditAction::VisitReopen => "visit.reopen",
            AuditAction::VisitClaims => "rounds.visit_claims",
            AuditAction::UserActivate => "user.activate",
            AuditAction::UserCreate => "user.create",
            AuditAction::UserDeactivate => "user.deactivate",
            AuditAction::UserInviteLink => "user.invite_link",
            AuditAction::UserPasswordSet => "user.password_set",
            AuditAction::UserResetLink => "user.reset_link",
            AuditAction::UserSignIn => "user.sign_in",
            AuditAction::UserSignInFailed => "user.sign_in_failed",
        }
    }
}

/// One thing that happened.
pub struct Event<'a> {
    pub actor_id: Option<i64>,
    pub action: AuditAction,
    pub object_kind: &'a str,
    pub object_id: String,
    pub before: Option<serde_json::Value>,
    pub after: Option<serde_json::Value>,
}

impl<'a> Event<'a> {
    /// What `actor_id` (nobody: the system) did to one object; `before` and `after` are added
    /// with the two builders below when the event carries them.
    pub fn new(
        actor_id: Option<i64>,
        action: AuditAction,
        object_kind: &'a str,
        object_id: impl ToString,
    ) -> Self {
        Event {
            actor_id,
            action,
            object_kind,
            object_id: object_id.to_string(),
            before: None,
            after: None,
        }
    }

    /// What someone signed in did.
    pub fn by(
        actor_id: i64,
        action: AuditAction,
        object_kind: &'a str,
        object_id: impl ToString,
    ) -> Self {
        Event::new(Some(actor_id), action, object_kind, object_id)
    }

    pub fn before(mut self, before: serde_json::Value) -> Self {
        self.before = Some(before);
        self
    }

    pub fn after(mut self, after: serde_json::Value) -> Self {
        self.after = Some(after);
        self
    }
}

/// The end of every audited write: the event joins the change's transaction, and both commit
/// together or not at all.
pub async fn commit(
    mut tx: Transaction<'static, Any>,
    backend: Backend,
    event: Event<'_>,
) -> Result<(), AppError> {
    append(&mut tx, backend, event).await?;
    tx.commit().await?;
    Ok(())
}

/// The hash of the chain before its first row.
pub const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// The hash that seals one row: every stored field plus the previous hash, length-prefixed so
/// that moving text between fields changes it.
#[allow(clippy::too_many_arguments)]
pub fn seal(
    prev_hash: &str,
    at: i64,
    actor_id: Option<i64>,
    action: &str,
    object_kind: &str,
    object_id: &str,
    before: Option<&str>,
    after: Option<&str>,
) -> String {
    let mut h = Sha256::new();
    let actor = actor_id.map(|a| a.to_string());
    for part in [
        Some(prev_hash),
        Some(&at.to_string()[..]),
        actor.as_deref(),
        Some(action),
        Some(object_kind),
        Some(object_id),
        before,
        after,
    ] {
        match part {
            Some(p) => {
                h.update((p.len() as u64).to_be_bytes());
                h.update(p.as_bytes());
            }
            None => h.update(u64::MAX.to_be_bytes()),
        }
    }
    hex::encode(h.finalize())
}

/// Appends an event inside the caller's write transaction, so it commits or rolls back with the
/// change it describes.
pub async fn append(
    tx: &mut Transaction<'static, Any>,
    backend: Backend,
    event: Event<'_>,
) -> Result<(), AppError> {
    if backend == Backend::Postgres {
        // Serialise appenders so two rows never chain to the same predecessor. (On SQLite the
        // write transaction already holds the database's single write lock.)
        sqlx::query("SELECT pg_advisory_xact_lock(7242001)")
            .execute(&mut **tx)
            .await?;
    }
    let prev: Option<String> =
        sqlx::query_scalar("SELECT hash FROM audit_events ORDER BY id DESC LIMIT 1")
            .fetch_optional(&mut **tx)
            .await?;
    let prev = prev.unwrap_or_else(|| GENESIS.to_string());
    let at = now_ms();
    let before = event.before.map(|v| v.to_string());
    let after = event.after.map(|v| v.to_string());
    let hash = seal(
        &prev,
        at,
        event.actor_id,
        event.action.as_str(),
        event.object_kind,
        &event.object_id,
        before.as_deref(),
        after.as_deref(),
    );
    sqlx::query(
        "INSERT INTO audit_events (at, actor_id, action, object_kind, object_id, before_json,
             after_json, prev_hash, hash)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
    )
    .bind(at)
    .bind(event.actor_id)
    .bind(event.action.as_str())
    .bind(event.object_kind)
    .bind(&event.object_id)
    .bind(before)
    .bind(after)
    .bind(&prev)
    .bind(&hash)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// The newest seal of the trail (`None` while it is empty). Written down outside the database
/// (it is printed on every berita acara and shown on the audit page), it anchors the trail:
/// `verify_anchored` proves that nothing up to it has changed since.
pub async fn head(db: &crate::server::Db) -> Result<Option<String>, AppError> {
    Ok(
        sqlx::query_scalar("SELECT hash FROM audit_events ORDER BY id DESC LIMIT 1")
            .fetch_optional(&db.pool)
            .await?,
    )
}

/// `verify`, and then that `anchor` (a seal written down earlier) is still in the trail. Someone
/// who can write the database could edit a row and reseal every row after it, or drop the newest
/// rows, and the chain alone would look intact; the seals after the edit would all differ, so
/// an anchor taken after the edited row is gone from the trail.
pub async fn verify_anchored(db: &crate::server::Db, anchor: &str) -> Result<Verdict, AppError> {
    let verdict = verify(db).await?;
    if let Verdict::Broken { .. } = verdict {
        return Ok(verdict);
    }
    let found: Option<i64> = sqlx::query_scalar("SELECT id FROM audit_events WHERE hash = $1")
        .bind(anchor.trim().to_ascii_lowercase())
        .fetch_optional(&db.pool)
        .await?;
    Ok(match found {
        Some(_) => verdict,
        None => Verdict::Broken {
            event_id: 0,
            reason: "the anchor is not in the trail: events up to it were changed and resealed, \
                     or removed"
                .into(),
        },
    })
}

/// Records an event that changes nothing else (a sign-in, a download), in a transaction of its
/// own.
pub async fn record(db: &crate::server::Db, event: Event<'_>) -> Result<(), AppError> {
    let mut tx = db.begin_write().await?;
    append(&mut tx, db.backend, event).await?;
    tx.commit().await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_action_has_its_own_text_of_object_and_verb() {
        let texts: std::collections::BTreeSet<&str> =
            AuditAction::ALL.iter().map(|a| a.as_str()).collect();
        assert_eq!(
            texts.len(),
            AuditAction::ALL.len(),
            "no two actions share a text"
        );
        for text in texts {
            let (object, verb) = text.split_once('.').expect("object.verb");
            assert!(!object.is_empty() && !verb.is_empty(), "{text}");
            assert!(
                text.chars()
                    .all(|c| c.is_ascii_lowercase() || c == '_' || c == '.'),
                "{text}"
            );
        }
    }

    #[test]
    fn seal_depends_on_every_field() {
        let base = seal(GENESIS, 1, Some(2), "a", "b", "c", Some("{}"), None);
        assert_eq!(base.len(), 64);
        assert_ne!(
            base,
            seal(GENESIS, 1, Some(2), "a", "b", "c", Some("{}"), Some(""))
        );
        assert_ne!(
            base,
            seal(GENESIS, 1, None, "a", "b", "c", Some("{}"), None)
        );
        assert_ne!(
            base,
            seal(GENESIS, 1, Some(2), "ab", "", "c", Some("{}"), None)
        );
        assert_ne!(
            base,
            seal(&base, 1, Some(2), "a", "b", "c", Some("{}"), None)
        );
    }
}

#[derive(sqlx::FromRow)]
struct EntryRow {
    id: i64,
    at: i64,
    actor_name: Option<String>,
    actor_email: Option<String>,
    action: String,
    object_kind: String,
    object_id: String,
    before_json: Option<String>,
    after_json: Option<String>,
}

/// One row of the trail as the admin page shows it.
pub async fn list(
    db: &crate::server::Db,
    filter: &crate::models::AuditFilter,
    limit: i64,
) -> Result<Vec<crate::models::AuditEntry>, AppError> {
    // Each filter is optional: an empty value matches everything.
    let rows: Vec<EntryRow> = sqlx::query_as(
        "SELECT e.id, e.at, u.name AS actor_name, u.email AS actor_email, e.action,
                e.object_kind, e.object_id, e.before_json, e.after_json
         FROM audit_events e LEFT JOIN users u ON u.id = e.actor_id
         WHERE ($1 = '' OR e.action LIKE $1 || '%')
           AND ($2 = '' OR e.object_kind = $2)
           AND ($3 = '' OR u.email = $3)
         ORDER BY e.id DESC LIMIT $4",
    )
    .bind(filter.action.clone().unwrap_or_default())
    .bind(filter.object_kind.clone().unwrap_or_default())
    .bind(
        filter
            .actor_email
            .clone()
            .unwrap_or_default()
            .to_ascii_lowercase(),
    )
    .bind(limit)
    .fetch_all(&db.pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| crate::models::AuditEntry {
            id: r.id,
            at: r.at,
            actor_name: r.actor_name,
            actor_email: r.actor_email,
            action: r.action,
            object_kind: r.object_kind,
            object_id: r.object_id,
            before: r.before_json,
            after: r.after_json,
        })
        .collect())
}

/// What `verify` found.
#[derive(Debug, PartialEq)]
pub enum Verdict {
    /// Every row reseals to its stored hash and chains to the one before. `head` is the last
    /// hash: written down somewhere else, it also exposes a deletion of the newest rows.
    Intact { events: i64, head: String },
    /// The first row where the chain breaks, and why.
    Broken { event_id: i64, reason: String },
}

/// A stored event with everything its seal covers.
#[derive(sqlx::FromRow)]
struct SealedRow {
    id: i64,
    at: i64,
    actor_id: Option<i64>,
    action: String,
    object_kind: String,
    object_id: String,
    before_json: Option<String>,
    after_json: Option<String>,
    prev_hash: String,
    hash: String,
}

/// Walks the whole trail in order and checks every seal and link.
pub async fn verify(db: &crate::server::Db) -> Result<Verdict, AppError> {
    let rows: Vec<SealedRow> = sqlx::query_as(
        "SELECT id, at, actor_id, action, object_kind, object_id, before_json, after_json,
                prev_hash, hash
         FROM audit_events ORDER BY id",
    )
    .fetch_all(&db.pool)
    .await?;
    let mut prev = GENESIS.to_string();
    let events = rows.len() as i64;
    for r in rows {
        if r.prev_hash != prev {
            return Ok(Verdict::Broken {
                event_id: r.id,
                reason: "does not follow the event before it (an event was removed or changed)"
                    .into(),
            });
        }
        let hash = seal(
            &prev,
            r.at,
            r.actor_id,
            &r.action,
            &r.object_kind,
            &r.object_id,
            r.before_json.as_deref(),
            r.after_json.as_deref(),
        );
        if r.hash != hash {
            return Ok(Verdict::Broken {
                event_id: r.id,
                reason: "its content no longer matches its seal (the row was edited)".into(),
            });
        }
        prev = r.hash;
    }
    Ok(Verdict::Intact { events, head: prev })
}
