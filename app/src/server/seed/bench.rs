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
