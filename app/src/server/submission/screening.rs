//! Screening: the server's checklist for each submitted proposal (complete; running long enough;
//! no duplicate title this year or in earlier years) and the organisers' decision.

use serde_json::{json, Value};

use crate::error::{AppError, FieldError, Input, Problem};
use crate::models::{
    Checklist, CurrentUser, Notice, Phase, ProposalStatus, ScreeningItem, ScreeningList,
};
use crate::server::infra::audit::AuditAction;
use crate::server::infra::notify::{self, Audience};
use crate::validation::answers::{check_running_long_enough, missing_for_submission};

use crate::server::infra::db::{for_update, parse_enum};
use crate::server::{infra::audit, submission::proposals, year::competitions, year::form, Db};

/// The checklist of one proposal.
pub async fn checklist(db: &Db, row: &proposals::ProposalRow) -> Result<Checklist, AppError> {
    let form = form::load(db, row.competition_id, row.agency_id).await?;
    let state = proposals::state(db, row).await?;
    let missing = missing_for_submission(&form, &state.fields, &|q| {
        state
            .attachments
            .iter()
            .filter(|a| a.question_id == q)
            .count()
    });
    let running_long_enough = form
        .questions()
        .find(|q| q.is_start_date)
        .and_then(|q| state.fields.get(&crate::models::question_field(q.id)))
        .and_then(Value::as_str)
        .map(|s| check_running_long_enough(s, form.deadline_at, form.min_running_days).is_ok());
    let title = state
        .fields
        .get(crate::models::TITLE_FIELD)
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_string();
    let duplicates = sqlx::query_as::<_, (String, i64)>(
        "SELECT p.title, c.year FROM proposals p JOIN competitions c ON c.id = p.competition_id
         WHERE p.id <> $1 AND LOWER(TRIM(p.title)) = LOWER(TRIM($2)) AND TRIM(p.title) <> ''
           AND (p.competition_id <> $3 OR p.status <> 'draft')
         ORDER BY c.year DESC",
    )
    .bind(&row.id)
    .bind(&title)
    .bind(row.competition_id)
    .fetch_all(&db.pool)
    .await?
    .into_iter()
    .map(|(title, year)| format!("{title} ({year})"))
    .collect();
    Ok(Checklist {
        complete: missing.is_empty(),
        missing: missing.len() as u32,
        running_long_enough,
        duplicates,
    })
}

#[derive(sqlx::FromRow)]
struct ListRow {
    id: String,
    title: String,
    screening_note: Option<String>,
    send_backs: i64,
    fix_by: Option<i64>,
}

/// Every proposal of the current year that was handed in (or sent back and not handed in
/// again yet), with its checklist.
pub async fn list(db: &Db) -> Result<ScreeningList, AppError> {
    let Some(competition) = competitions::current(db).await? else {
        return Ok(ScreeningList {
            open: false,
            items: Vec::new(),
        });
    };
    let rows: Vec<ListRow> = sqlx::query_as(
        "SELECT p.id, p.title, p.screening_note,
                (SELECT COUNT(*) FROM send_backs s WHERE s.proposal_id = p.id) AS send_backs,
                (SELECT MAX(s.fix_by) FROM send_backs s
                 WHERE s.proposal_id = p.id AND s.resubmitted_at IS NULL) AS fix_by
         FROM proposals p
         JOIN agencies a ON a.id = p.agency_id
         WHERE p.competition_id = $1
           AND (p.status IN ('submitted', 'screened_in', 'screened_out')
                OR EXISTS (SELECT 1 FROM send_backs s
                           WHERE s.proposal_id = p.id AND s.resubmitted_at IS NULL))
         ORDER BY CASE WHEN p.status = 'submitted' THEN 0
                       WHEN p.status IN ('screened_in', 'screened_out') THEN 2 ELSE 1 END,
                  a.name, p.title",
    )
    .bind(competition.id)
    .fetch_all(&db.pool)
    .await?;
    let mut items = Vec::with_capacity(rows.len());
    for r in rows {
        let Some(row) = proposals::find(db, &r.id).await? else {
            continue;
        };
        items.push(ScreeningItem {
            checks: checklist(db, &row).await?,
            proposal_id: r.id,
            title: r.title,
            agency_name: row.agency_name,
            status: row.status,
            note: r.screening_note,
            fix_by: r.fix_by,
            send_backs: u32::try_from(r.send_backs).unwrap_or(u32::MAX),
        });
    }
    Ok(ScreeningList {
        open: competition.phase == Phase::Screening,
        items,
    })
}

/// Passes or fails a handed-in proposal (a decision may be changed while screening lasts). A
/// failure needs its reason, which the agency will read.
pub async fn decide(
    db: &Db,
    admin: &CurrentUser,
    proposal_id: &str,
    pass: bool,
    reason: &str,
) -> Result<(), AppError> {
    let reason = reason.trim();
    if !pass && reason.is_empty() {
        return Err(FieldError::new(Input::Reason, Problem::Required).into());
    }
    if reason.chars().count() > 1_000 {
        return Err(FieldError::new(Input::Reason, Problem::TooLong { max: 1_000 }).into());
    }
    let competition = competitions::current(db).await?.ok_or(AppError::NotFound)?;
    let mut tx = db.begin_write().await?;
    let sql = format!(
        "SELECT status, competition_id, agency_id, title FROM proposals WHERE id = $1{}",
        for_update(db.backend)
    );
    let (status, competition_id, agency_id, title): (String, i64, i64, String) =
        sqlx::query_as(&sql)
            .bind(proposal_id)
            .fetch_optional(&mut *tx)
            .await?
            .ok_or(AppError::NotFound)?;
    if competition_id != competition.id {
        return Err(AppError::NotFound);
    }
    let status = parse_enum("status", &status, ProposalStatus::parse)?;
    if !matches!(
        status,
        ProposalStatus::Submitted | ProposalStatus::ScreenedIn | ProposalStatus::ScreenedOut
    ) {
        return Err(AppError::ReadOnly);
    }
    let to = if pass {
        ProposalStatus::ScreenedIn
    } else {
        ProposalStatus::ScreenedOut
    };
    sqlx::query("UPDATE proposals SET status = $1, screening_note = $2 WHERE id = $3")
        .bind(to.as_str())
        .bind((!reason.is_empty()).then(|| reason.to_string()))
        .bind(proposal_id)
        .execute(&mut *tx)
        .await?;
    let notice = Notice::Screened {
        proposal_id: proposal_id.to_string(),
        title,
        passed: pass,
        reason: reason.to_string(),
    };
    notify::agency(&mut tx, agency_id, Audience::Everyone, None, &notice).await?;
    audit::commit(
        tx,
        db.backend,
        audit::Event::by(
            admin.id,
            AuditAction::ProposalScreen,
            "proposal",
            proposal_id,
        )
        .before(json!({ "status": status.as_str() }))
        .after(json!({ "status": to.as_str(), "reason": reason })),
    )
    .await?;
    Ok(())
}
