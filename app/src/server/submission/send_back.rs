//! The administrative check at screening: the organisers mark each item of a handed-in proposal
//! accepted or needing a fix (with a note), and may send the proposal back to its agency with
//! those notes and a day to fix it by. A sent-back proposal is a draft again until its agency
//! hands it in once more; the send-back row holds what to fix and the fix-by day, which is the
//! proposal's deadline meanwhile (`form_for`).

use std::collections::{BTreeMap, BTreeSet};

use serde_json::{json, Value};

use crate::error::{AppError, Field, FieldError, Input, Problem};
use crate::models::{
    CheckDraft, CheckItem, CompetitionSummary, CurrentUser, FixItem, Notice, Phase, PhaseBlock,
    ProposalForm, ProposalStatus, QuestionKind, ScreeningDetail, SendBackRecord, Verdict,
    CATEGORY_FIELD, TITLE_FIELD,
};
use crate::server::infra::audit::AuditAction;
use crate::server::infra::db::{for_update, internal, now_ms, parse_enum};
use crate::server::infra::notify::{self, Audience};
use crate::server::year::setup::day_end;
use crate::server::{infra::audit, submission::proposals, year::competitions, year::form, Db};
use crate::validation::answers::missing_for_submission;
use crate::validation::dates::parse_date;

/// Longest note on one item.
pub const NOTE_MAX_CHARS: u32 = 1_000;

/// How much of an answer the check's table shows.
const PREVIEW_CHARS: usize = 300;

/// The form a proposal is edited under: the year's, with the deadline moved to the fix-by day
/// while the proposal is sent back (the agency's own deadline still holds if it is later).
pub async fn form_for(
    db: &Db,
    competition_id: i64,
    agency_id: i64,
    proposal_id: &str,
) -> Result<ProposalForm, AppError> {
    let mut form = form::load(db, competition_id, agency_id).await?;
    if let Some(fix_by) = open_fix_by(db, proposal_id).await? {
        form.deadline_at = Some(form.deadline_at.map_or(fix_by, |d| d.max(fix_by)));
    }
    Ok(form)
}

/// The fix-by day of the proposal's send-back that has not been answered yet.
async fn open_fix_by(db: &Db, proposal_id: &str) -> Result<Option<i64>, AppError> {
    Ok(sqlx::query_scalar(
        "SELECT fix_by FROM send_backs WHERE proposal_id = $1 AND resubmitted_at IS NULL
         ORDER BY id DESC LIMIT 1",
    )
    .bind(proposal_id)
    .fetch_optional(&db.pool)
    .await?)
}

/// What the agency is asked to fix, while the proposal is sent back and not handed in again.
pub async fn fix_request(db: &Db, proposal_id: &str) -> Result<Option<SendBackRecord>, AppError> {
    let history = history(db, proposal_id).await?;
    Ok(history
        .into_iter()
        .next()
        .filter(|s| s.resubmitted_at.is_none())
        .map(|s| SendBackRecord {
            sent_by: String::new(),
            ..s
        }))
}

#[derive(sqlx::FromRow)]
struct SendBackRow {
    items_json: String,
    fix_by: i64,
    sent_at: i64,
    sent_by: String,
    resubmitted_at: Option<i64>,
}

/// Every send-back of the proposal, newest first.
async fn history(db: &Db, proposal_id: &str) -> Result<Vec<SendBackRecord>, AppError> {
    let rows: Vec<SendBackRow> = sqlx::query_as(
        "SELECT s.items_json, s.fix_by, s.sent_at, u.name AS sent_by, s.resubmitted_at
         FROM send_backs s JOIN users u ON u.id = s.sent_by
         WHERE s.proposal_id = $1 ORDER BY s.id DESC",
    )
    .bind(proposal_id)
    .fetch_all(&db.pool)
    .await?;
    rows.into_iter()
        .map(|r| {
            Ok(SendBackRecord {
                items: serde_json::from_str(&r.items_json).map_err(internal)?,
                fix_by: r.fix_by,
                sent_at: r.sent_at,
                sent_by: r.sent_by,
                resubmitted_at: r.resubmitted_at,
            })
        })
        .collect()
}

/// The items of the check, in the form's order: the title, the category, then each question
/// (its draft key and the form's label; the title's and category's labels are the page's).
fn items(form: &ProposalForm) -> Vec<(String, String)> {
    [TITLE_FIELD, CATEGORY_FIELD]
        .into_iter()
        .map(|f| (f.to_string(), String::new()))
        .chain(
            form.questions()
                .map(|q| (crate::models::question_field(q.id), q.label.clone())),
        )
        .collect()
}

fn preview(text: String) -> String {
    if text.chars().count() <= PREVIEW_CHARS {
        return text;
    }
    let mut short: String = text.chars().take(PREVIEW_CHARS).collect();
    short.push('…');
    short
}

/// An answer as one line of text.
fn answer_text(value: Option<&Value>) -> String {
    match value {
        None | Some(Value::Null) => String::new(),
        Some(Value::String(s)) => s.clone(),
        Some(Value::Array(items)) => items
            .iter()
            .map(|v| match v {
                Value::Object(m) => {
                    let part = |k: &str| m.get(k).and_then(Value::as_str).unwrap_or_default();
                    format!("{} ({})", part("name"), part("role"))
                }
                other => answer_text(Some(other)),
            })
            .collect::<Vec<_>>()
            .join(", "),
        Some(other) => other.to_string(),
    }
}

/// Whether the organisers may check the proposal and send it back now.
fn open(phase: Phase, status: ProposalStatus) -> bool {
    phase == Phase::Screening
        && matches!(
            status,
            ProposalStatus::Submitted | ProposalStatus::ScreenedIn | ProposalStatus::ScreenedOut
        )
}

/// A proposal of the current year with the year and its form; another year's (or none) is
/// "not found".
async fn this_years(
    db: &Db,
    proposal_id: &str,
) -> Result<(proposals::ProposalRow, CompetitionSummary, ProposalForm), AppError> {
    let row = proposals::find(db, proposal_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let competition = competitions::current(db).await?.ok_or(AppError::NotFound)?;
    if row.competition_id != competition.id {
        return Err(AppError::NotFound);
    }
    let form = form::load(db, row.competition_id, row.agency_id).await?;
    Ok((row, competition, form))
}

/// One proposal's check for the organisers: each item with the agency's answer, what the server
/// finds missing, the verdicts so far, and the send-backs.
pub async fn detail(db: &Db, proposal_id: &str) -> Result<ScreeningDetail, AppError> {
    let (row, competition, form) = this_years(db, proposal_id).await?;
    let state = proposals::state(db, &row).await?;
    let missing: BTreeSet<String> = missing_for_submission(&form, &state.fields, &|q| {
        state
            .attachments
            .iter()
            .filter(|a| a.question_id == q)
            .count()
    })
    .into_iter()
    .map(|e| e.field.to_string())
    .collect();
    let verdicts = verdicts(db, proposal_id).await?;
    let items = items(&form)
        .into_iter()
        .map(|(item, label)| {
            let answer = if item == CATEGORY_FIELD {
                let id = state.fields.get(CATEGORY_FIELD).and_then(Value::as_i64);
                form.categories
                    .iter()
                    .find(|c| Some(c.id) == id)
                    .map(|c| c.name.clone())
                    .unwrap_or_default()
            } else if let Some(q) = form.questions().find(|q| {
                q.kind == QuestionKind::Evidence && crate::models::question_field(q.id) == item
            }) {
                state
                    .attachments
                    .iter()
                    .filter(|a| a.question_id == q.id)
                    .map(|a| a.file_name.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            } else {
                answer_text(state.fields.get(&item))
            };
            let (verdict, note) = verdicts.get(&item).cloned().unwrap_or_default();
            CheckItem {
                missing: missing.contains(&item),
                answer: preview(answer),
                verdict,
                note,
                item,
                label,
            }
        })
        .collect();
    Ok(ScreeningDetail {
        proposal_id: row.id.clone(),
        title: state
            .fields
            .get(TITLE_FIELD)
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_string(),
        agency_name: row.agency_name.clone(),
        status: row.status,
        open: open(competition.phase, row.status),
        items,
        history: history(db, proposal_id).await?,
        now: now_ms(),
    })
}

#[derive(sqlx::FromRow)]
struct VerdictRow {
    item: String,
    verdict: String,
    note: String,
}

async fn verdicts(
    db: &Db,
    proposal_id: &str,
) -> Result<BTreeMap<String, (Option<Verdict>, String)>, AppError> {
    let rows: Vec<VerdictRow> =
        sqlx::query_as("SELECT item, verdict, note FROM screening_checks WHERE proposal_id = $1")
            .bind(proposal_id)
            .fetch_all(&db.pool)
            .await?;
    rows.into_iter()
        .map(|r| {
            let verdict = parse_enum("verdict", &r.verdict, Verdict::parse)?;
            Ok((r.item, (Some(verdict), r.note)))
        })
        .collect()
}

/// A verdict that passed its checks.
struct Checked {
    item: String,
    label: String,
    verdict: Verdict,
    note: String,
}

/// Reads the posted verdicts against the form: an item the form does not have or a verdict
/// that is neither is a tampered request; "needs fixing" needs its note (rows from 1).
fn check_drafts(form: &ProposalForm, drafts: &[CheckDraft]) -> Result<Vec<Checked>, AppError> {
    let known = items(form);
    let mut seen = BTreeSet::new();
    let mut out = Vec::new();
    for (i, d) in drafts.iter().enumerate() {
        let bad = |detail: &str| AppError::BadRequest {
            detail: format!("check {}: {detail}", i + 1),
        };
        let Some((item, label)) = known.iter().find(|(k, _)| *k == d.item) else {
            return Err(bad("no such item"));
        };
        if !seen.insert(item.as_str()) {
            return Err(bad("an item appears twice"));
        }
        // An item left without a verdict is not checked yet.
        if d.verdict.trim().is_empty() {
            continue;
        }
        let verdict = Verdict::parse(d.verdict.trim()).ok_or_else(|| bad("unknown verdict"))?;
        let row = Field::Check { row: i + 1 };
        let note = crate::validation::text(
            row,
            &d.note,
            NOTE_MAX_CHARS,
            verdict == Verdict::NeedsFixing,
        )?;
        out.push(Checked {
            item: item.clone(),
            label: label.clone(),
            verdict,
            note,
        });
    }
    Ok(out)
}

/// Saves the organisers' verdicts and, when `fix_by` is given (`YYYY-MM-DD`), sends the proposal
/// back to its agency with the items that need fixing. Refused whole: nothing is stored when
/// any verdict, the day, or the proposal's state is wrong.
pub async fn save(
    db: &Db,
    admin: &CurrentUser,
    proposal_id: &str,
    drafts: &[CheckDraft],
    fix_by: Option<&str>,
) -> Result<(), AppError> {
    let (row, competition, form) = this_years(db, proposal_id).await?;
    let checked = check_drafts(&form, drafts)?;
    let now = now_ms();
    let fix_by = match fix_by {
        None => None,
        Some(day) => {
            let day = parse_date(day.trim())
                .ok_or_else(|| FieldError::new(Input::FixBy, Problem::NotADate))?;
            let at = day_end(day);
            if at < now {
                return Err(FieldError::new(Input::FixBy, Problem::InThePast).into());
            }
            Some(at)
        }
    };
    let to_fix: Vec<FixItem> = checked
        .iter()
        .filter(|c| c.verdict == Verdict::NeedsFixing)
        .map(|c| FixItem {
            item: c.item.clone(),
            label: c.label.clone(),
            note: c.note.clone(),
        })
        .collect();
    if fix_by.is_some() && to_fix.is_empty() {
        return Err(AppError::PhaseBlocked(PhaseBlock::NothingToFix));
    }

    let mut tx = db.begin_write().await?;
    let sql = format!(
        "SELECT status, version, title FROM proposals WHERE id = $1{}",
        for_update(db.backend)
    );
    let (status, version, title): (String, i64, String) = sqlx::query_as(&sql)
        .bind(proposal_id)
        .fetch_optional(&mut *tx)
        .await?
        .ok_or(AppError::NotFound)?;
    let status = parse_enum("status", &status, ProposalStatus::parse)?;
    if !open(competition.phase, status) {
        return Err(AppError::ReadOnly);
    }
    for c in &checked {
        sqlx::query(
            "INSERT INTO screening_checks (proposal_id, item, verdict, note, checked_by, checked_at)
             VALUES ($1, $2, $3, $4, $5, $6)
             ON CONFLICT (proposal_id, item) DO UPDATE SET verdict = excluded.verdict,
                 note = excluded.note, checked_by = excluded.checked_by,
                 checked_at = excluded.checked_at",
        )
        .bind(proposal_id)
        .bind(&c.item)
        .bind(c.verdict.as_str())
        .bind(&c.note)
        .bind(admin.id)
        .bind(now)
        .execute(&mut *tx)
        .await?;
    }
    let verdicts: Vec<Value> = checked
        .iter()
        .map(|c| json!({ "item": c.item, "verdict": c.verdict.as_str(), "note": c.note }))
        .collect();
    let Some(fix_by) = fix_by else {
        audit::commit(
            tx,
            db.backend,
            audit::Event::by(
                admin.id,
                AuditAction::ProposalCheck,
                "proposal",
                proposal_id,
            )
            .after(json!({ "checks": verdicts })),
        )
        .await?;
        return Ok(());
    };
    // No earlier send-back is open here: one is answered when the proposal is handed in again,
    // and only a handed-in proposal gets this far.
    sqlx::query(
        "INSERT INTO send_backs (proposal_id, items_json, fix_by, sent_by, sent_at)
         VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(proposal_id)
    .bind(serde_json::to_string(&to_fix).map_err(internal)?)
    .bind(fix_by)
    .bind(admin.id)
    .bind(now)
    .execute(&mut *tx)
    .await?;
    // A draft again, so the agency's wizard opens it; screening's earlier word no longer holds.
    sqlx::query(
        "UPDATE proposals SET status = 'draft', version = $1, updated_at = $2,
             screening_note = NULL
         WHERE id = $3",
    )
    .bind(version + 1)
    .bind(now)
    .bind(proposal_id)
    .execute(&mut *tx)
    .await?;
    let notice = Notice::SentBack {
        proposal_id: proposal_id.to_string(),
        title,
        fix_by,
    };
    notify::agency(&mut tx, row.agency_id, Audience::Everyone, None, &notice).await?;
    audit::commit(
        tx,
        db.backend,
        audit::Event::by(
            admin.id,
            AuditAction::ProposalSendBack,
            "proposal",
            proposal_id,
        )
        .before(json!({ "status": status.as_str() }))
        .after(json!({
            "status": ProposalStatus::Draft.as_str(),
            "fix_by": fix_by,
            "items": to_fix,
            "checks": verdicts,
        })),
    )
    .await?;
    Ok(())
}
