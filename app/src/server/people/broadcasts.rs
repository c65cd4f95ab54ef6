//! The organisers' broadcast (docs/notifications.md): a draft says what and to whom; its page
//! shows every recipient with the message as they will read it (and a WhatsApp link when they
//! gave a number); sending writes each recipient's notification — and with it their e-mail in
//! the outbox — in one transaction, once.

use sqlx::any::AnyArguments;
use sqlx::query::QueryScalar;
use sqlx::{Any, FromRow};

use crate::error::{AppError, FieldError, Input, Problem, ServerProblem};
use crate::i18n::{format_day, Lang};
use crate::models::{
    check_placeholders, fill_placeholders, normalise_phone, whatsapp_link, AgencyKind, Broadcast,
    BroadcastAudience, BroadcastFilter, BroadcastRecipient, BroadcastSummary, BroadcastView,
    ComplianceChoice, ComplianceLevel, JudgeProgress, Notice, PlaceholderError, PlaceholderValues,
    PLACEHOLDERS,
};
use crate::server::infra::audit::{self, AuditAction};
use crate::server::infra::db::{internal, now_ms, parse_enum};
use crate::server::infra::notify;
use crate::server::judging::NOT_CONFLICTED;
use crate::server::year::{competitions, compliance::STATUS_RANK};
use crate::server::Db;

/// The longest message, per language: a WhatsApp message of a screen or two.
pub const MESSAGE_MAX: usize = 2000;
/// How many broadcasts the list shows (the newest).
const LIST_LIMIT: i64 = 50;

/// A broadcast as the compose form posts it, checked.
#[derive(Clone, Debug, PartialEq)]
pub struct Draft {
    pub filter: BroadcastFilter,
    pub message_id: String,
    pub message_en: String,
}

/// Reads the compose form: the audience, its filters (empty: any) and the message in both
/// languages (the English may be left empty: English readers then get the Indonesian).
pub fn parse_draft(
    audience: &str,
    agency_kind: &str,
    compliance: &str,
    progress: &str,
    message_id: &str,
    message_en: &str,
) -> Result<Draft, AppError> {
    let audience = BroadcastAudience::parse(audience)
        .ok_or_else(|| FieldError::new(Input::Audience, Problem::NotAllowed))?;
    fn optional(s: &str) -> Option<&str> {
        Some(s.trim()).filter(|s| !s.is_empty())
    }
    let agency_kind = optional(agency_kind)
        .map(|s| AgencyKind::parse(s).ok_or(FieldError::new(Input::Kind, Problem::NotAllowed)))
        .transpose()?;
    let compliance = optional(compliance)
        .map(|s| {
            ComplianceChoice::parse(s).ok_or(FieldError::new(Input::Level, Problem::NotAllowed))
        })
        .transpose()?;
    let progress = optional(progress)
        .map(|s| {
            JudgeProgress::parse(s).ok_or(FieldError::new(Input::Progress, Problem::NotAllowed))
        })
        .transpose()?;
    let message_id = message_id.trim();
    if message_id.is_empty() {
        return Err(FieldError::new(Input::MessageId, Problem::Required).into());
    }
    for (input, text) in [
        (Input::MessageId, message_id),
        (Input::MessageEn, message_en.trim()),
    ] {
        if text.chars().count() > MESSAGE_MAX {
            return Err(FieldError::new(
                input,
                Problem::TooLong {
                    max: MESSAGE_MAX as u32,
                },
            )
            .into());
        }
        let problem = match check_placeholders(text) {
            Ok(()) => continue,
            Err(PlaceholderError::Unknown(name)) => ServerProblem::UnknownPlaceholder {
                name,
                known: PLACEHOLDERS.iter().map(|p| format!("{{{p}}}")).collect(),
            },
            Err(PlaceholderError::Unmatched) => ServerProblem::UnmatchedBrace,
        };
        return Err(FieldError::new(input, Problem::Server(problem)).into());
    }
    Ok(Draft {
        filter: BroadcastFilter {
            audience,
            agency_kind,
            compliance,
            progress,
        },
        message_id: message_id.to_string(),
        message_en: message_en.trim().to_string(),
    })
}

/// Writes a new draft, or changes draft `id`; returns its id. A sent broadcast cannot change.
pub async fn save(db: &Db, admin_id: i64, id: Option<i64>, draft: &Draft) -> Result<i64, AppError> {
    let now = now_ms();
    match id {
        None => {
            let insert = sqlx::query_scalar(
                "INSERT INTO broadcasts (audience, agency_kind, compliance, progress, message_id,
                                         message_en, created_by, created_at, updated_at)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8) RETURNING id",
            );
            let id: i64 = bind_draft(insert, draft)
                .bind(admin_id)
                .bind(now)
                .fetch_one(&db.pool)
                .await?;
            Ok(id)
        }
        Some(id) => {
            let update = sqlx::query_scalar(
                "UPDATE broadcasts SET audience = $1, agency_kind = $2, compliance = $3,
                        progress = $4, message_id = $5, message_en = $6, updated_at = $7
                 WHERE id = $8 AND sent_at IS NULL RETURNING id",
            );
            let changed: Option<i64> = bind_draft(update, draft)
                .bind(now)
                .bind(id)
                .fetch_optional(&db.pool)
                .await?;
            match changed {
                Some(id) => Ok(id),
                None => Err(gone_or_sent(db, id).await),
            }
        }
    }
}

/// The draft's six columns, as `$1`–`$6` of both the insert and the update.
fn bind_draft<'q>(
    query: QueryScalar<'q, Any, i64, AnyArguments<'q>>,
    draft: &'q Draft,
) -> QueryScalar<'q, Any, i64, AnyArguments<'q>> {
    let f = &draft.filter;
    query
        .bind(f.audience.as_str())
        .bind(f.agency_kind.map(|k| k.as_str()))
        .bind(f.compliance.map(|c| c.as_str()))
        .bind(f.progress.map(|p| p.as_str()))
        .bind(&draft.message_id)
        .bind(&draft.message_en)
}

/// Why broadcast `id` cannot change: there is none, or it has been sent.
async fn gone_or_sent(db: &Db, id: i64) -> AppError {
    match sqlx::query_scalar::<_, i64>("SELECT id FROM broadcasts WHERE id = $1")
        .bind(id)
        .fetch_optional(&db.pool)
        .await
    {
        Ok(Some(_)) => AppError::Conflict {
            what: "broadcast already sent".into(),
        },
        Ok(None) => AppError::NotFound,
        Err(e) => e.into(),
    }
}

#[derive(FromRow)]
struct BroadcastRow {
    id: i64,
    audience: String,
    agency_kind: Option<String>,
    compliance: Option<String>,
    progress: Option<String>,
    message_id: String,
    message_en: String,
    created_at: i64,
    sent_at: Option<i64>,
    sent_by: Option<String>,
}

async fn load(db: &Db, id: i64) -> Result<Broadcast, AppError> {
    let row: BroadcastRow = sqlx::query_as(
        "SELECT b.id, b.audience, b.agency_kind, b.compliance, b.progress, b.message_id,
                b.message_en, b.created_at, b.sent_at, u.name AS sent_by
         FROM broadcasts b LEFT JOIN users u ON u.id = b.sent_by WHERE b.id = $1",
    )
    .bind(id)
    .fetch_optional(&db.pool)
    .await?
    .ok_or(AppError::NotFound)?;
    let stored = |what: &str, v: &str| internal(format!("broadcast {id}: {what} {v:?}"));
    let filter = BroadcastFilter {
        audience: parse_enum("audience", &row.audience, BroadcastAudience::parse)?,
        agency_kind: row
            .agency_kind
            .map(|k| AgencyKind::parse(&k).ok_or_else(|| stored("kind", &k)))
            .transpose()?,
        compliance: row
            .compliance
            .map(|c| ComplianceChoice::parse(&c).ok_or_else(|| stored("compliance", &c)))
            .transpose()?,
        progress: row
            .progress
            .map(|p| JudgeProgress::parse(&p).ok_or_else(|| stored("progress", &p)))
            .transpose()?,
    };
    Ok(Broadcast {
        id: row.id,
        filter,
        message_id: row.message_id,
        message_en: row.message_en,
        created_at: row.created_at,
        sent_at: row.sent_at,
        sent_by: row.sent_by,
    })
}

/// A person a broadcast would go to, with what fills its placeholders for them.
#[derive(FromRow)]
struct Target {
    id: i64,
    name: String,
    email: String,
    lang: String,
    phone: Option<String>,
    agency: Option<String>,
    kind: Option<String>,
    deadline: Option<i64>,
    /// Agencies: their furthest proposal's rank (`STATUS_RANK`). Judges: unused.
    furthest: i64,
    /// Judges: standing assignments this year, and those not handed in.
    assigned: i64,
    open_sheets: i64,
}

/// The current year's name (for `{year}`) and everyone `filter` picks in it now, in the order
/// the page lists them (agency, then name).
async fn targets(db: &Db, filter: &BroadcastFilter) -> Result<(String, Vec<Target>), AppError> {
    let Some(year) = competitions::current(db).await? else {
        return Ok((String::new(), Vec::new()));
    };
    let rows: Vec<Target> = if filter.audience.is_agencies() {
        let roles = match filter.audience {
            BroadcastAudience::AgencyHeads => "('agency_head')",
            _ => "('agency_head', 'agency_member')",
        };
        sqlx::query_as(&format!(
            "SELECT u.id, u.name, u.email, u.lang, u.phone, a.name AS agency, a.kind,
                    COALESCE((SELECT e.deadline_at FROM deadline_extensions e
                              WHERE e.competition_id = ca.competition_id AND e.agency_id = a.id),
                             (SELECT cp.ends_at FROM competition_phases cp
                              WHERE cp.competition_id = ca.competition_id
                                AND cp.phase = 'submission_open')) AS deadline,
                    COALESCE((SELECT MAX({STATUS_RANK}) FROM proposals p
                              WHERE p.agency_id = a.id AND p.competition_id = ca.competition_id),
                             0) AS furthest,
                    0 AS assigned, 0 AS open_sheets
             FROM users u JOIN agencies a ON a.id = u.agency_id
             JOIN competition_agencies ca ON ca.agency_id = a.id AND ca.competition_id = $1
             WHERE u.active = 1 AND a.active = 1 AND u.role IN {roles}
             ORDER BY a.name, u.name, u.id"
        ))
        .bind(year.id)
        .fetch_all(&db.pool)
        .await?
    } else {
        let standing = format!(
            "FROM judge_assignments ja
             JOIN rounds cur ON cur.id = ja.round_id AND cur.is_current = 1
             JOIN proposals p ON p.id = ja.proposal_id
             WHERE ja.judge_id = u.id AND p.competition_id = $1 AND p.status = 'screened_in'
               AND {NOT_CONFLICTED}"
        );
        sqlx::query_as(&format!(
            "SELECT u.id, u.name, u.email, u.lang, u.phone, NULL AS agency, NULL AS kind,
                    (SELECT cp.ends_at FROM competition_phases cp
                     WHERE cp.competition_id = $1 AND cp.phase = 'judging') AS deadline,
                    0 AS furthest,
                    (SELECT COUNT(*) {standing}) AS assigned,
                    (SELECT COUNT(*) {standing}
                       AND NOT EXISTS (SELECT 1 FROM score_sheets s
                                       WHERE s.round_id = ja.round_id
                                         AND s.proposal_id = ja.proposal_id
                                         AND s.judge_id = ja.judge_id
                                         AND s.status = 'submitted')) AS open_sheets
             FROM users u WHERE u.role = 'judge' AND u.active = 1
             ORDER BY u.name, u.id"
        ))
        .bind(year.id)
        .fetch_all(&db.pool)
        .await?
    };
    let picked = rows.into_iter().filter(|t| {
        if filter.audience.is_agencies() {
            let kind = t.kind.as_deref().and_then(AgencyKind::parse);
            let level = ComplianceLevel::from_rank(t.furthest);
            filter.agency_kind.is_none_or(|k| kind == Some(k))
                && filter.compliance.is_none_or(|c| c.includes(level))
        } else {
            filter.progress.is_none_or(|p| match p {
                JudgeProgress::Open => t.open_sheets > 0,
                JudgeProgress::Done => t.assigned > 0 && t.open_sheets == 0,
                JudgeProgress::Unassigned => t.assigned == 0,
            })
        }
    });
    let picked = picked
        .map(|mut t| {
            t.name = t.name.trim().to_string();
            t.agency = t.agency.map(|a| a.trim().to_string());
            t
        })
        .collect();
    Ok((year.name, picked))
}

/// The message as `t` reads it in `lang`.
fn message_for(t: &Target, year: &str, text: &str, lang: Lang) -> String {
    let values = PlaceholderValues {
        name: t.name.clone(),
        agency: t.agency.clone().unwrap_or_default(),
        year: year.to_string(),
        deadline: t
            .deadline
            .map(|d| format_day(d, lang))
            .unwrap_or_else(|| "-".into()),
    };
    fill_placeholders(text, &values)
}

/// The notice that carries `broadcast` to `t`: both languages, filled in for them.
fn notice_for(broadcast: &Broadcast, t: &Target, year: &str) -> Notice {
    let en = if broadcast.message_en.is_empty() {
        String::new()
    } else {
        message_for(t, year, &broadcast.message_en, Lang::En)
    };
    Notice::Broadcast {
        broadcast_id: broadcast.id,
        text_id: message_for(t, year, &broadcast.message_id, Lang::Id),
        text_en: en,
        judge: !broadcast.filter.audience.is_agencies(),
    }
}

fn recipient(
    name: String,
    email: String,
    agency: Option<String>,
    phone: Option<&str>,
    text: String,
) -> BroadcastRecipient {
    // A number stored before it was checked, or changed by hand, gives no link rather than a
    // wrong one.
    let whatsapp = phone
        .and_then(normalise_phone)
        .map(|digits| whatsapp_link(&digits, &text));
    BroadcastRecipient {
        name,
        email,
        agency,
        text,
        whatsapp,
    }
}

/// The broadcast's page: a draft with whom it would reach now, or a sent one with whom it did.
pub async fn view(db: &Db, id: i64, mail_configured: bool) -> Result<BroadcastView, AppError> {
    let broadcast = load(db, id).await?;
    let recipients = if broadcast.sent_at.is_some() {
        sent_to(db, id).await?
    } else {
        let (year, targets) = targets(db, &broadcast.filter).await?;
        targets
            .into_iter()
            .map(|t| {
                let lang = Lang::parse(&t.lang).unwrap_or(Lang::Id);
                let text = notice_for(&broadcast, &t, &year).sentence(lang);
                let phone = t.phone.clone();
                recipient(t.name, t.email, t.agency, phone.as_deref(), text)
            })
            .collect()
    };
    Ok(BroadcastView {
        broadcast,
        recipients,
        mail_configured,
    })
}

#[derive(FromRow)]
struct SentRow {
    name: String,
    email: String,
    lang: String,
    phone: Option<String>,
    agency: Option<String>,
    notice: String,
}

/// Who a sent broadcast reached, and what it said to each (their notification).
async fn sent_to(db: &Db, id: i64) -> Result<Vec<BroadcastRecipient>, AppError> {
    let rows: Vec<SentRow> = sqlx::query_as(
        "SELECT u.name, u.email, u.lang, u.phone, a.name AS agency, n.notice
         FROM broadcast_recipients r JOIN users u ON u.id = r.user_id
         JOIN notifications n ON n.id = r.notification_id
         LEFT JOIN agencies a ON a.id = u.agency_id
         WHERE r.broadcast_id = $1
         ORDER BY a.name, u.name, u.id",
    )
    .bind(id)
    .fetch_all(&db.pool)
    .await?;
    rows.into_iter()
        .map(|r| {
            let notice: Notice = serde_json::from_str(&r.notice).map_err(internal)?;
            let text = notice.sentence(Lang::parse(&r.lang).unwrap_or(Lang::Id));
            Ok(recipient(
                r.name,
                r.email,
                r.agency,
                r.phone.as_deref(),
                text,
            ))
        })
        .collect()
}

/// Sends draft `id` to everyone it picks now: their notifications and e-mails in one
/// transaction, with who got it recorded (audited `broadcast.send`). Returns how many.
/// Refused whole when it picks nobody, or was sent already.
pub async fn send(db: &Db, admin_id: i64, id: i64) -> Result<usize, AppError> {
    let broadcast = load(db, id).await?;
    if broadcast.sent_at.is_some() {
        return Err(gone_or_sent(db, id).await);
    }
    let (year, targets) = targets(db, &broadcast.filter).await?;
    if targets.is_empty() {
        return Err(FieldError::new(
            Input::Audience,
            Problem::Server(ServerProblem::NoRecipients),
        )
        .into());
    }
    let mut tx = db.begin_write().await?;
    let now = now_ms();
    // Claimed first: of two organisers pressing Send at once, one sends and the other is told.
    let claimed = sqlx::query(
        "UPDATE broadcasts SET sent_at = $1, sent_by = $2, recipients = $3
         WHERE id = $4 AND sent_at IS NULL",
    )
    .bind(now)
    .bind(admin_id)
    .bind(targets.len() as i64)
    .bind(id)
    .execute(&mut *tx)
    .await?;
    if claimed.rows_affected() != 1 {
        return Err(gone_or_sent(db, id).await);
    }
    for t in &targets {
        let notification_id =
            notify::user(&mut tx, t.id, &notice_for(&broadcast, t, &year)).await?;
        sqlx::query(
            "INSERT INTO broadcast_recipients (broadcast_id, user_id, notification_id)
             VALUES ($1, $2, $3)",
        )
        .bind(id)
        .bind(t.id)
        .bind(notification_id)
        .execute(&mut *tx)
        .await?;
    }
    audit::commit(
        tx,
        db.backend,
        audit::Event::by(admin_id, AuditAction::BroadcastSend, "broadcast", id).after(
            serde_json::json!({
                "audience": broadcast.filter.audience.as_str(),
                "recipients": targets.len(),
            }),
        ),
    )
    .await?;
    Ok(targets.len())
}

#[derive(FromRow)]
struct SummaryRow {
    id: i64,
    audience: String,
    message_id: String,
    created_at: i64,
    sent_at: Option<i64>,
    recipients: i64,
}

/// The newest broadcasts, drafts and sent.
pub async fn list(db: &Db) -> Result<Vec<BroadcastSummary>, AppError> {
    let rows: Vec<SummaryRow> = sqlx::query_as(
        "SELECT id, audience, message_id, created_at, sent_at, recipients FROM broadcasts
         ORDER BY id DESC LIMIT $1",
    )
    .bind(LIST_LIMIT)
    .fetch_all(&db.pool)
    .await?;
    rows.into_iter()
        .map(|r| {
            Ok(BroadcastSummary {
                id: r.id,
                audience: parse_enum("audience", &r.audience, BroadcastAudience::parse)?,
                excerpt: excerpt(&r.message_id),
                created_at: r.created_at,
                sent_at: r.sent_at,
                recipients: r.recipients,
            })
        })
        .collect()
}

/// A message's first line, at most 80 characters.
fn excerpt(message: &str) -> String {
    let line = message.lines().next().unwrap_or_default();
    if line.chars().count() > 80 {
        format!("{}…", line.chars().take(79).collect::<String>())
    } else {
        line.to_string()
    }
}
