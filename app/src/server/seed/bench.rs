//! Bulk data for benchmarks (`inovasi seed-bench`): many agencies in the current year, with
//! proposals in every state, so pages and queries are measured at a large regency's scale.

use crate::error::AppError;
use crate::models::{AgencyKind, ProposalStatus};

use super::super::agencies::{self, NewAgency};
use super::super::db::now_ms;
use super::super::{competitions, Db};

/// Adds `count` agencies to the current competition year; about two in three get a proposal in
/// a state that cycles through draft, awaiting approval, submitted and screened in.
pub async fn agencies(db: &Db, count: usize) -> Result<usize, AppError> {
    let competition = competitions::current(db).await?.ok_or(AppError::NotFound)?;
    let author: i64 = sqlx::query_scalar("SELECT id FROM users ORDER BY id LIMIT 1")
        .fetch_one(&db.pool)
        .await?;
    let kinds = AgencyKind::ALL;
    let statuses = [
        None,
        Some(ProposalStatus::Draft),
        Some(ProposalStatus::AwaitingApproval),
        Some(ProposalStatus::Submitted),
        Some(ProposalStatus::ScreenedIn),
        None,
    ];
    let mut tx = db.begin_write().await?;
    let now = now_ms();
    for i in 0..count {
        let name = format!("Instansi Uji {i:04}");
        let id = agencies::create(
            &mut *tx,
            NewAgency {
                name: &name,
                short_name: None,
                kind: kinds[i % kinds.len()],
                head_name: Some("Kepala Uji"),
            },
        )
        .await?;
        sqlx::query("INSERT INTO competition_agencies (competition_id, agency_id) VALUES ($1, $2)")
            .bind(competition.id)
            .bind(id)
            .execute(&mut *tx)
            .await?;
        if let Some(status) = statuses[i % statuses.len()] {
            sqlx::query(
                "INSERT INTO proposals (id, competition_id, agency_id, title, status, version,
                     created_by, created_at, updated_at)
                 VALUES ($1, $2, $3, $4, $5, 1, $6, $7, $7)",
            )
            .bind(uuid::Uuid::new_v4().to_string())
            .bind(competition.id)
            .bind(id)
            .bind(format!("Inovasi {name}"))
            .bind(status.as_str())
            .bind(author)
            .bind(now - i as i64 * 60_000)
            .execute(&mut *tx)
            .await?;
        }
    }
    tx.commit().await?;
    Ok(count)
}

/// The judging benchmark's data (on top of `seed-demo --judging`): `proposals` screened proposals
/// of new agencies, and `judges` judge accounts (`juri.bench{n}@inovasi.test`, the demo
/// password), each assigned every one of those proposals.
pub async fn judges(
    db: &Db,
    hasher: &super::super::passwords::PasswordHasher,
    judges: usize,
    proposals: usize,
) -> Result<(), AppError> {
    let competition = competitions::current(db).await?.ok_or(AppError::NotFound)?;
    let admin: i64 =
        sqlx::query_scalar("SELECT id FROM users WHERE role = 'admin' ORDER BY id LIMIT 1")
            .fetch_one(&db.pool)
            .await?;
    let category: Option<i64> = sqlx::query_scalar(
        "SELECT id FROM categories WHERE competition_id = $1 ORDER BY position LIMIT 1",
    )
    .bind(competition.id)
    .fetch_optional(&db.pool)
    .await?;
    let hash = hasher.hash(super::DEMO_PASSWORD.to_string()).await?;
    let mut tx = db.begin_write().await?;
    let now = now_ms();
    let mut proposal_ids = Vec::with_capacity(proposals);
    for i in 0..proposals {
        let name = format!("Instansi Penilaian {i:04}");
        let agency = agencies::create(
            &mut *tx,
            NewAgency {
                name: &name,
                short_name: None,
                kind: AgencyKind::PerangkatDaerah,
                head_name: None,
            },
        )
        .await?;
        let id = uuid::Uuid::new_v4().to_string();
        sqlx::query(
            "INSERT INTO proposals (id, competition_id, agency_id, category_id, title, status,
                 version, created_by, created_at, updated_at, submitted_at, submitted_by)
             VALUES ($1, $2, $3, $4, $5, 'screened_in', 1, $6, $7, $7, $7, $6)",
        )
        .bind(&id)
        .bind(competition.id)
        .bind(agency)
        .bind(category)
        .bind(format!("Inovasi {name}"))
        .bind(admin)
        .bind(now)
        .execute(&mut *tx)
        .await?;
        proposal_ids.push(id);
    }
    for j in 0..judges {
        let judge: i64 = sqlx::query_scalar(
            "INSERT INTO users (email, name, password_hash, role, active, created_at)
             VALUES ($1, $2, $3, 'judge', 1, $4) RETURNING id",
        )
        .bind(format!("juri.bench{j}@inovasi.test"))
        .bind(format!("Juri Uji {j}"))
        .bind(&hash)
        .bind(now)
        .fetch_one(&mut *tx)
        .await?;
        for p in &proposal_ids {
            sqlx::query(
                "INSERT INTO judge_assignments (proposal_id, judge_id, assigned_by, assigned_at)
                 VALUES ($1, $2, $3, $4)",
            )
            .bind(p)
            .bind(judge)
            .bind(admin)
            .bind(now)
            .execute(&mut *tx)
            .await?;
        }
    }
    tx.commit().await?;
    Ok(())
}
