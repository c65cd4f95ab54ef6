//! Agencies (perangkat daerah, puskesmas, schools).

use crate::error::AppError;
use crate::models::AgencyKind;

use super::db::now_ms;

pub struct NewAgency<'a> {
    pub name: &'a str,
    pub short_name: Option<&'a str>,
    pub kind: AgencyKind,
    pub head_name: Option<&'a str>,
}

pub async fn create<'e, E>(executor: E, agency: NewAgency<'_>) -> Result<i64, AppError>
where
    E: sqlx::Executor<'e, Database = sqlx::Any>,
{
    Ok(sqlx::query_scalar(
        "INSERT INTO agencies (name, short_name, kind, head_name, active, created_at)
         VALUES ($1, $2, $3, $4, 1, $5) RETURNING id",
    )
    .bind(agency.name)
    .bind(agency.short_name)
    .bind(agency.kind.as_str())
    .bind(agency.head_name)
    .bind(now_ms())
    .fetch_one(executor)
    .await?)
}
