//! The figures and lists behind each role's home page.

use const_format::formatcp;

use crate::error::AppError;
use crate::models::{
    AdminOverview, AgencyOverview, JudgeAssignmentItem, JudgeOverview, Phase, ProposalListItem,
    ProposalStatus, PublicOverview, SheetState,
};
use crate::server::infra::cache::Cached;
use crate::server::infra::db::{parse_enum, Flag};
use crate::server::judging::NOT_CONFLICTED;
use crate::server::year::competitions;
use crate::server::Db;

async fn count(db: &Db, sql: &str, competition_id: i64) -> Result<i64, AppError> {
    Ok(sqlx::query_scalar(sql)
        .bind(competition_id)
        .fetch_one(&db.pool)
        .await?)
}

pub async fn admin_overview(db: &Db) -> Result<AdminOverview, AppError> {
    let competition = competitions::current(db).await?;
    let users_total: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM users WHERE active = 1")
        .fetch_one(&db.pool)
        .await?;
    let judges_total: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM users WHERE active = 1 AND role = 'judge'")
            .fetch_one(&db.pool)
            .await?;
    let Some(c) = &competition else {
        return Ok(AdminOverview {
            competition,
            agencies_total: 0,
            agencies_started: 0,
            agencies_submitted: 0,
            proposals_by_status: vec![],
            judges_total,
            users_total,
        });
    };
    let agencies_total = count(
        db,
        "SELECT COUNT(*) FROM competition_agencies ca JOIN agencies a ON a.id = ca.agency_id
         WHERE ca.competition_id = $1 AND a.active = 1",
        c.id,
    )
    .await?;
    let agencies_started = count(
        db,
        "SELECT COUNT(DISTINCT p.agency_id) FROM proposals p
         JOIN competition_agencies ca ON ca.agency_id = p.agency_id AND ca.competition_id = p.competition_id
         WHERE p.competition_id = $1",
        c.id,
    )
    .await?;
    let agencies_submitted = count(
        db,
        "SELECT COUNT(DISTINCT p.agency_id) FROM proposals p
         JOIN competition_agencies ca ON ca.agency_id = p.agency_id AND ca.competition_id = p.competition_id
         WHERE p.competition_id = $1 AND p.status NOT IN ('draft', 'awaiting_approval')",
        c.id,
    )
    .await?;
    let rows: Vec<(String, i64)> = sqlx::query_as(
        "SELECT status, COUNT(*) AS n FROM proposals WHERE competition_id = $1 GROUP BY status",
    )
    .bind(c.id)
    .fetch_all(&db.pool)
    .await?;
    let mut proposals_by_status = Vec::new();
    for status in ProposalStatus::ALL {
        let n = rows
            .iter()
            .find(|(s, _)| s == status.as_str())
            .map_or(0, |(_, n)| *n);
        if n > 0 {
            proposals_by_status.push((status, n));
        }
    }
    Ok(AdminOverview {
        competition,
        agencies_total,
        agencies_started,
        agencies_submitted,
        proposals_by_status,
        judges_total,
        users_total,
    })
}

#[derive(sqlx::FromRow)]
struct AssignmentRow {
    id: String,
    title: String,
    category_name: Option<String>,
    sheet_status: Option<String>,
    agency_name: String,
    short_name: Option<String>,
    head_name: Option<String>,
    #[sqlx(try_from = "i64")]
    blind_judging: Flag,
}

pub async fn judge_overview(db: &Db, judge_id: i64) -> Result<JudgeOverview, AppError> {
    let competition = competitions::current(db).await?;
    let Some(c) = &competition else {
        return Ok(JudgeOverview {
            competition,
            assignments: vec![],
            user_id: judge_id,
            room: None,
        });
    };
    // A declared conflict takes the proposal off the judge's list.
    let rows = sqlx::query_as::<_, AssignmentRow>(formatcp!(
        "SELECT p.id, p.title, cat.name AS category_name, s.status AS sheet_status,
                a.name AS agency_name, a.short_name, a.head_name,
                CASE WHEN cur.kind = 'desk' THEN y.blind_judging ELSE 0 END AS blind_judging
         FROM judge_assignments ja
         JOIN rounds cur ON cur.id = ja.round_id AND cur.is_current = 1
         JOIN proposals p ON p.id = ja.proposal_id
         JOIN agencies a ON a.id = p.agency_id
         JOIN competitions y ON y.id = p.competition_id
         LEFT JOIN categories cat ON cat.id = p.category_id
         LEFT JOIN score_sheets s ON s.round_id = ja.round_id AND s.proposal_id = p.id
             AND s.judge_id = ja.judge_id
         WHERE ja.judge_id = $1 AND p.competition_id = $2
           AND {NOT_CONFLICTED}
         ORDER BY cat.position, p.title"
    ))
    .bind(judge_id)
    .bind(c.id)
    .fetch_all(&db.pool)
    .await?;
    let assignments = rows
        .into_iter()
        .map(|r| {
            // Blind judging masks the title here exactly as in the reading copy.
            let title = if r.blind_judging.0 {
                let mut names = vec![r.agency_name];
                names.extend(r.short_name);
                names.extend(r.head_name);
                crate::server::judging::blind::mask_names(&r.title, &names)
            } else {
                r.title
            };
            JudgeAssignmentItem {
                proposal_id: r.id,
                title,
                category_name: r.category_name,
                sheet: match r.sheet_status.as_deref() {
                    None => SheetState::NotStarted,
                    Some("submitted") => SheetState::Submitted,
                    Some(_) => SheetState::Draft,
                },
            }
        })
        .collect();
    Ok(JudgeOverview {
        competition,
        assignments,
        user_id: judge_id,
        room: crate::server::presentation::room::seat_of(db, judge_id).await?,
    })
}

#[derive(sqlx::FromRow)]
struct ProposalRow {
    id: String,
    title: String,
    status: String,
    updated_at: i64,
    category_name: Option<String>,
    screening_note: Option<String>,
    fix_by: Option<i64>,
}

pub async fn agency_overview(
    db: &Db,
    agency_id: i64,
    user_id: i64,
) -> Result<AgencyOverview, AppError> {
    let agency_name: String = sqlx::query_scalar("SELECT name FROM agencies WHERE id = $1")
        .bind(agency_id)
        .fetch_optional(&db.pool)
        .await?
        .ok_or(AppError::NotFound)?;
    let competition = competitions::current(db).await?;
    let Some(c) = &competition else {
        return Ok(AgencyOverview {
            competition,
            agency_name,
            deadline_at: None,
            proposals: vec![],
            slots: vec![],
            user_id,
            now: crate::server::infra::db::now_ms(),
        });
    };
    let deadline_at = competitions::deadline_for(db, c.id, agency_id).await?;
    let rows = sqlx::query_as::<_, ProposalRow>(
        "SELECT p.id, p.title, p.status, p.updated_at, cat.name AS category_name,
                p.screening_note,
                (SELECT MAX(s.fix_by) FROM send_backs s
                 WHERE s.proposal_id = p.id AND s.resubmitted_at IS NULL) AS fix_by
         FROM proposals p LEFT JOIN categories cat ON cat.id = p.category_id
         WHERE p.competition_id = $1 AND p.agency_id = $2
         ORDER BY p.updated_at DESC",
    )
    .bind(c.id)
    .bind(agency_id)
    .fetch_all(&db.pool)
    .await?;
    let proposals = rows
        .into_iter()
        .map(|r| {
            Ok(ProposalListItem {
                id: r.id,
                title: r.title,
                category_name: r.category_name,
                status: parse_enum("status", &r.status, ProposalStatus::parse)?,
                updated_at: r.updated_at,
                screening_note: r.screening_note,
                fix_by: r.fix_by,
            })
        })
        .collect::<Result<_, sqlx::Error>>()?;
    // Where and when its finalists present, while the presentation round is judged.
    let slots = if c.phase == Phase::Judging {
        crate::server::presentation::schedule::of_agency(db, c.id, agency_id).await?
    } else {
        Vec::new()
    };
    Ok(AgencyOverview {
        competition,
        agency_name,
        deadline_at,
        proposals,
        slots,
        user_id,
        now: crate::server::infra::db::now_ms(),
    })
}

/// What the public home page shows: kept in memory (`Caches::public_overview`), as every visitor
/// reads the same thing and it changes only when the organisers set the year up.
pub async fn public_overview(
    db: &Db,
    cache: &Cached<PublicOverview>,
) -> Result<PublicOverview, AppError> {
    let overview = cache.get_or_load(|| load_public_overview(db)).await?;
    Ok((*overview).clone())
}

async fn load_public_overview(db: &Db) -> Result<PublicOverview, AppError> {
    let competition = competitions::current(db).await?;
    let Some(c) = &competition else {
        return Ok(PublicOverview {
            competition,
            agencies_total: 0,
            categories: vec![],
            criteria: vec![],
        });
    };
    let agencies_total = count(
        db,
        "SELECT COUNT(*) FROM competition_agencies WHERE competition_id = $1",
        c.id,
    )
    .await?;
    let categories = sqlx::query_scalar(
        "SELECT name FROM categories WHERE competition_id = $1 ORDER BY position",
    )
    .bind(c.id)
    .fetch_all(&db.pool)
    .await?;
    // The criteria of the first round, the desk round every agency's proposal is read in.
    let criteria = sqlx::query_as(
        "SELECT cr.name, cr.weight FROM criteria cr
         JOIN rounds r ON r.id = cr.round_id AND r.position = 1
         WHERE r.competition_id = $1 ORDER BY cr.position",
    )
    .bind(c.id)
    .fetch_all(&db.pool)
    .await?;
    Ok(PublicOverview {
        competition,
        agencies_total,
        categories,
        criteria,
    })
}
