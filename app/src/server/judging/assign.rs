//! The assignment board: the judge pool, manual assignment, and the automatic plan
//! (`crate::assignment`) previewed and then committed only if nothing changed meanwhile.

use std::collections::{BTreeMap, BTreeSet};

use const_format::formatcp;
use serde_json::json;
use sha2::{Digest, Sha256};
use sqlx::{Any, Transaction};

use crate::assignment::{self, Input, JudgeSlot, Plan, ProposalSlot};
use crate::error::{AppError, FieldError, Problem};
use crate::models::{
    AssignmentBoard, BoardJudge, BoardProposal, CategoryOption, CurrentUser, Notice, PlanPreview,
    PoolJudge,
};
use crate::server::infra::audit::AuditAction;
use crate::server::infra::db::now_ms;
use crate::server::infra::notify;
use crate::server::judging::CONFLICTS;
use crate::server::year::rounds::{self, ENTERED};
use crate::server::{infra::audit, Db};

/// The algorithm's input for a year's current round: screened proposals, the pool, the round's
/// assignments that count (a conflicted one does not: its proposal needs another judge), and
/// declared conflicts.
async fn input(conn: &mut sqlx::AnyConnection, competition_id: i64) -> Result<Input, AppError> {
    let round_id = rounds::current(&mut *conn, competition_id).await?;
    let per: i64 = sqlx::query_scalar("SELECT judges_per_proposal FROM competitions WHERE id = $1")
        .bind(competition_id)
        .fetch_one(&mut *conn)
        .await?;
    let proposals = sqlx::query_as::<_, (String, i64, Option<i64>)>(&format!(
        "SELECT p.id, p.agency_id, p.category_id FROM proposals p
         JOIN rounds cur ON cur.id = $2
         LEFT JOIN categories c ON c.id = p.category_id
         WHERE p.competition_id = $1 AND p.status = 'screened_in' AND {ENTERED}
         ORDER BY c.position, p.title, p.id",
    ))
    .bind(competition_id)
    .bind(round_id)
    .fetch_all(&mut *conn)
    .await?
    .into_iter()
    .map(|(id, agency_id, category_id)| ProposalSlot {
        id,
        agency_id,
        category_id,
    })
    .collect();
    let judges = sqlx::query_as::<_, (i64, Option<i64>, Option<i64>)>(
        "SELECT u.id, u.agency_id, cj.category_id FROM competition_judges cj
         JOIN users u ON u.id = cj.user_id
         WHERE cj.competition_id = $1 AND u.active = 1 AND u.role = 'judge' ORDER BY u.id",
    )
    .bind(competition_id)
    .fetch_all(&mut *conn)
    .await?
    .into_iter()
    .map(|(id, agency_id, expertise)| JudgeSlot {
        id,
        agency_id,
        expertise,
    })
    .collect();
    let conflicts: BTreeSet<(String, i64)> = sqlx::query_as(
        "SELECT cd.proposal_id, cd.judge_id FROM conflict_declarations cd
         JOIN proposals p ON p.id = cd.proposal_id WHERE p.competition_id = $1",
    )
    .bind(competition_id)
    .fetch_all(&mut *conn)
    .await?
    .into_iter()
    .collect();
    let existing = sqlx::query_as::<_, (String, i64)>(
        "SELECT ja.proposal_id, ja.judge_id FROM judge_assignments ja
         JOIN proposals p ON p.id = ja.proposal_id
         WHERE ja.round_id = $1 AND p.status = 'screened_in'",
    )
    .bind(round_id)
    .fetch_all(&mut *conn)
    .await?
    .into_iter()
    .filter(|pair| !conflicts.contains(pair))
    .collect();
    Ok(Input {
        proposals,
        judges,
        existing,
        conflicts,
        per_proposal: usize::try_from(per).unwrap_or(3),
    })
}

/// Names a plan: the same new assignments give the same fingerprint.
pub fn fingerprint(plan: &Plan) -> String {
    let mut h = Sha256::new();
    for (p, j) in &plan.new {
        h.update(p.as_bytes());
        h.update(b":");
        h.update(j.to_string().as_bytes());
        h.update(b";");
    }
    hex::encode(h.finalize())
}

/// A judge account, and its place in the year's pool if it has one.
#[derive(sqlx::FromRow)]
struct JudgeRow {
    id: i64,
    name: String,
    agency_name: Option<String>,
    pooled: Option<i64>,
    category_id: Option<i64>,
}

/// A screened-in proposal with one of its judges (none: `judge_id` null).
#[derive(sqlx::FromRow)]
struct BoardRow {
    id: String,
    title: String,
    agency_name: String,
    category_name: Option<String>,
    judge_id: Option<i64>,
    judge_name: Option<String>,
    conflicts: i64,
    submitted: i64,
}

/// The board of the year's current round as the page shows it, with the automatic plan when
/// asked for.
pub async fn board(
    db: &Db,
    competition_id: i64,
    with_preview: bool,
) -> Result<AssignmentBoard, AppError> {
    let input = input(&mut *db.pool.acquire().await?, competition_id).await?;
    let round_id = rounds::current(&db.pool, competition_id).await?;
    let categories = sqlx::query_as::<_, (i64, String)>(
        "SELECT id, name FROM categories WHERE competition_id = $1 ORDER BY position, id",
    )
    .bind(competition_id)
    .fetch_all(&db.pool)
    .await?
    .into_iter()
    .map(|(id, name)| CategoryOption { id, name })
    .collect();
    let mut load: BTreeMap<i64, usize> = BTreeMap::new();
    for (_, j) in &input.existing {
        *load.entry(*j).or_default() += 1;
    }
    let judges: Vec<PoolJudge> = sqlx::query_as::<_, JudgeRow>(
        "SELECT u.id, u.name, a.name AS agency_name, cj.user_id AS pooled, cj.category_id
         FROM users u
         LEFT JOIN agencies a ON a.id = u.agency_id
         LEFT JOIN competition_judges cj ON cj.user_id = u.id AND cj.competition_id = $1
         WHERE u.role = 'judge' AND u.active = 1 ORDER BY u.name, u.id",
    )
    .bind(competition_id)
    .fetch_all(&db.pool)
    .await?
    .into_iter()
    .map(|r| PoolJudge {
        user_id: r.id,
        name: r.name,
        agency_name: r.agency_name,
        in_pool: r.pooled.is_some(),
        expertise: r.category_id,
        load: load.get(&r.id).copied().unwrap_or(0),
    })
    .collect();
    let names: BTreeMap<i64, String> = judges.iter().map(|j| (j.user_id, j.name.clone())).collect();

    let rows: Vec<BoardRow> = sqlx::query_as(formatcp!(
        "SELECT p.id, p.title, a.name AS agency_name, c.name AS category_name,
                ja.judge_id, u.name AS judge_name,
                {CONFLICTS} AS conflicts,
                (SELECT COUNT(*) FROM score_sheets s WHERE s.round_id = ja.round_id
                 AND s.proposal_id = p.id AND s.judge_id = ja.judge_id
                 AND s.status = 'submitted') AS submitted
         FROM proposals p
         JOIN rounds cur ON cur.id = $2
         JOIN agencies a ON a.id = p.agency_id
         LEFT JOIN categories c ON c.id = p.category_id
         LEFT JOIN judge_assignments ja ON ja.proposal_id = p.id AND ja.round_id = $2
         LEFT JOIN users u ON u.id = ja.judge_id
         WHERE p.competition_id = $1 AND p.status = 'screened_in' AND {ENTERED}
         ORDER BY c.position, p.title, p.id, u.name"
    ))
    .bind(competition_id)
    .bind(round_id)
    .fetch_all(&db.pool)
    .await?;
    let mut proposals: Vec<BoardProposal> = Vec::new();
    for r in rows {
        if proposals.last().is_none_or(|p| p.proposal_id != r.id) {
            proposals.push(BoardProposal {
                proposal_id: r.id,
                title: r.title,
                agency_name: r.agency_name,
                category_name: r.category_name,
                judges: Vec::new(),
                missing: 0,
            });
        }
        if let (Some(judge), Some(p)) = (r.judge_id, proposals.last_mut()) {
            p.judges.push(BoardJudge {
                user_id: judge,
                name: r.judge_name.unwrap_or_default(),
                conflict: r.conflicts > 0,
                submitted: r.submitted > 0,
            });
        }
    }
    for p in &mut proposals {
        let counted = p.judges.iter().filter(|j| !j.conflict).count();
        p.missing = input.per_proposal.saturating_sub(counted);
    }

    let preview = with_preview.then(|| {
        let plan = assignment::plan(&input);
        let titles: BTreeMap<&str, &str> = proposals
            .iter()
            .map(|p| (p.proposal_id.as_str(), p.title.as_str()))
            .collect();
        let title = |id: &str| titles.get(id).copied().unwrap_or_default().to_string();
        let name = |id: &i64| names.get(id).cloned().unwrap_or_default();
        PlanPreview {
            fingerprint: fingerprint(&plan),
            new: plan.new.iter().map(|(p, j)| (title(p), name(j))).collect(),
            short: plan.short.iter().map(|(p, n)| (title(p), *n)).collect(),
            load: plan.load.iter().map(|(j, n)| (name(j), *n)).collect(),
        }
    });
    Ok(AssignmentBoard {
        per_proposal: input.per_proposal,
        categories,
        judges,
        proposals,
        preview,
    })
}

async fn insert(
    tx: &mut Transaction<'static, Any>,
    round_id: i64,
    proposal: &str,
    judge: i64,
    admin: i64,
) -> Result<u64, AppError> {
    Ok(sqlx::query(
        "INSERT INTO judge_assignments (round_id, proposal_id, judge_id, assigned_by, assigned_at)
         VALUES ($1, $2, $3, $4, $5) ON CONFLICT (round_id, proposal_id, judge_id) DO NOTHING",
    )
    .bind(round_id)
    .bind(proposal)
    .bind(judge)
    .bind(admin)
    .bind(now_ms())
    .execute(&mut **tx)
    .await?
    .rows_affected())
}

/// Commits the automatic plan, recomputed inside the write transaction: if it is not the plan
/// the admin saw (someone assigned, declared a conflict, or changed the pool meanwhile), nothing
/// is written and the admin is asked to look again.
pub async fn commit(
    db: &Db,
    admin: &CurrentUser,
    competition_id: i64,
    seen: &str,
) -> Result<usize, AppError> {
    let mut tx = db.begin_write().await?;
    let plan = assignment::plan(&input(&mut tx, competition_id).await?);
    if fingerprint(&plan) != seen {
        return Err(AppError::Conflict {
            what: "the assignments changed since the preview".into(),
        });
    }
    let round_id = rounds::current(&mut *tx, competition_id).await?;
    let mut per_judge: BTreeMap<i64, i64> = BTreeMap::new();
    for (p, j) in &plan.new {
        insert(&mut tx, round_id, p, *j, admin.id).await?;
        *per_judge.entry(*j).or_default() += 1;
    }
    // One notice per judge, with how many they were given.
    for (judge, count) in per_judge {
        notify::user(&mut tx, judge, &Notice::Assigned { count }).await?;
    }
    audit::commit(
        tx,
        db.backend,
        audit::Event::by(
            admin.id,
            AuditAction::AssignmentAuto,
            "competition",
            competition_id,
        )
        .after(json!({ "assigned": plan.new, "short": plan.short })),
    )
    .await?;
    Ok(plan.new.len())
}

/// One judge onto one proposal, by hand. Refused with the reason when it would break a rule.
pub async fn assign(
    db: &Db,
    admin: &CurrentUser,
    competition_id: i64,
    proposal_id: &str,
    judge_id: i64,
) -> Result<(), AppError> {
    let mut tx = db.begin_write().await?;
    let input = input(&mut tx, competition_id).await?;
    let proposal = input
        .proposals
        .iter()
        .find(|p| p.id == proposal_id)
        .ok_or(AppError::NotFound)?;
    let judge_err = |problem| Err(FieldError::new(crate::error::Input::Judge, problem).into());
    let Some(judge) = input.judges.iter().find(|j| j.id == judge_id) else {
        return judge_err(Problem::NotInPool);
    };
    if judge.agency_id == Some(proposal.agency_id) {
        return judge_err(Problem::OwnAgency);
    }
    if input.conflicts.contains(&(proposal.id.clone(), judge.id)) {
        return judge_err(Problem::ConflictDeclared);
    }
    let round_id = rounds::current(&mut *tx, competition_id).await?;
    if insert(&mut tx, round_id, proposal_id, judge_id, admin.id).await? > 0 {
        notify::user(&mut tx, judge_id, &Notice::Assigned { count: 1 }).await?;
        audit::append(
            &mut tx,
            db.backend,
            audit::Event::by(
                admin.id,
                AuditAction::AssignmentAdd,
                "proposal",
                proposal_id,
            )
            .after(json!({ "judge_id": judge_id })),
        )
        .await?;
    }
    tx.commit().await?;
    Ok(())
}

/// Takes a judge off a proposal in the current round, unless they have handed in their scores
/// there.
pub async fn unassign(
    db: &Db,
    admin: &CurrentUser,
    proposal_id: &str,
    judge_id: i64,
) -> Result<(), AppError> {
    let mut tx = db.begin_write().await?;
    let round_id = rounds::current_of_proposal(&mut *tx, proposal_id).await?;
    let submitted: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM score_sheets WHERE round_id = $1 AND proposal_id = $2
         AND judge_id = $3 AND status = 'submitted'",
    )
    .bind(round_id)
    .bind(proposal_id)
    .bind(judge_id)
    .fetch_one(&mut *tx)
    .await?;
    if submitted > 0 {
        return Err(AppError::Conflict {
            what: "the judge has submitted scores for this proposal".into(),
        });
    }
    let removed = sqlx::query(
        "DELETE FROM judge_assignments WHERE round_id = $1 AND proposal_id = $2 AND judge_id = $3",
    )
    .bind(round_id)
    .bind(proposal_id)
    .bind(judge_id)
    .execute(&mut *tx)
    .await?
    .rows_affected();
    if removed == 0 {
        return Err(AppError::NotFound);
    }
    let title: String = sqlx::query_scalar("SELECT title FROM proposals WHERE id = $1")
        .bind(proposal_id)
        .fetch_one(&mut *tx)
        .await?;
    let notice = Notice::Unassigned {
        proposal_id: proposal_id.to_string(),
        title,
    };
    notify::user(&mut tx, judge_id, &notice).await?;
    audit::commit(
        tx,
        db.backend,
        audit::Event::by(
            admin.id,
            AuditAction::AssignmentRemove,
            "proposal",
            proposal_id,
        )
        .before(json!({ "judge_id": judge_id })),
    )
    .await?;
    Ok(())
}

/// Puts a judge account in the year's pool (with an optional category of expertise) or takes it
/// out. Assignments already made stay.
pub async fn set_pool(
    db: &Db,
    admin: &CurrentUser,
    competition_id: i64,
    judge_id: i64,
    in_pool: bool,
    expertise: Option<i64>,
) -> Result<(), AppError> {
    let mut tx = db.begin_write().await?;
    let (role, active): (String, i64) =
        sqlx::query_as("SELECT role, active FROM users WHERE id = $1")
            .bind(judge_id)
            .fetch_optional(&mut *tx)
            .await?
            .ok_or(AppError::NotFound)?;
    if role != "judge" || active == 0 {
        return Err(FieldError::new(crate::error::Input::Judge, Problem::NotAllowed).into());
    }
    if let Some(category) = expertise {
        let known: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM categories WHERE id = $1 AND competition_id = $2",
        )
        .bind(category)
        .bind(competition_id)
        .fetch_one(&mut *tx)
        .await?;
        if known == 0 {
            return Err(
                FieldError::new(crate::error::Input::Expertise, Problem::NotAllowed).into(),
            );
        }
    }
    sqlx::query("DELETE FROM competition_judges WHERE competition_id = $1 AND user_id = $2")
        .bind(competition_id)
        .bind(judge_id)
        .execute(&mut *tx)
        .await?;
    if in_pool {
        sqlx::query(
            "INSERT INTO competition_judges (competition_id, user_id, category_id) VALUES ($1, $2, $3)",
        )
        .bind(competition_id)
        .bind(judge_id)
        .bind(expertise)
        .execute(&mut *tx)
        .await?;
    }
    audit::commit(
        tx,
        db.backend,
        audit::Event::by(admin.id, AuditAction::JudgePoolSet, "user", judge_id)
            .after(json!({ "in_pool": in_pool, "expertise": expertise })),
    )
    .await?;
    Ok(())
}
