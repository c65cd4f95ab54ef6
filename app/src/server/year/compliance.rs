//! The compliance register: one query over every obligated agency and its furthest proposal.

use crate::error::AppError;
use crate::models::{
    AgencyKind, ComplianceFilter, ComplianceLevel, ComplianceRegister, ComplianceRow,
};

use crate::server::infra::db::parse_enum;
use crate::server::{year::competitions, Db};

/// How far proposal `p` has come, as the register ranks it: 0 none … 4 passed screening (a
/// proposal that failed screening was still submitted: the duty was met). An agency's level is
/// its furthest proposal's (`ComplianceLevel::from_rank`).
pub const STATUS_RANK: &str = "CASE p.status
    WHEN 'draft' THEN 1
    WHEN 'awaiting_approval' THEN 2
    WHEN 'submitted' THEN 3
    WHEN 'screened_out' THEN 3
    WHEN 'screened_in' THEN 4
    WHEN 'scored' THEN 4
    WHEN 'finalist' THEN 4
    WHEN 'winner' THEN 4
    WHEN 'not_selected' THEN 4
    ELSE 0 END";

/// One obligated agency with its furthest proposal's rank (`furthest`).
#[derive(sqlx::FromRow)]
struct RegisterRow {
    id: i64,
    name: String,
    kind: String,
    head_name: Option<String>,
    proposals: i64,
    furthest: i64,
    last_activity: Option<i64>,
}

/// The register of the current competition year, filtered.
pub async fn register(db: &Db, filter: ComplianceFilter) -> Result<ComplianceRegister, AppError> {
    let competition = competitions::current(db).await?.ok_or(AppError::NotFound)?;
    // Rank each agency's proposals and keep the furthest.
    let rows = sqlx::query_as::<_, RegisterRow>(&format!(
        "SELECT a.id, a.name, a.kind, a.head_name,
                COUNT(p.id) AS proposals,
                COALESCE(MAX({STATUS_RANK}), 0) AS furthest,
                MAX(p.updated_at) AS last_activity
         FROM competition_agencies ca
         JOIN agencies a ON a.id = ca.agency_id
         LEFT JOIN proposals p ON p.agency_id = a.id AND p.competition_id = ca.competition_id
         WHERE ca.competition_id = $1 AND a.active = 1
         GROUP BY a.id, a.name, a.kind, a.head_name
         ORDER BY a.name"
    ))
    .bind(competition.id)
    .fetch_all(&db.pool)
    .await?;
    let all = rows
        .into_iter()
        .map(|r| {
            Ok(ComplianceRow {
                agency_id: r.id,
                agency_name: r.name,
                kind: parse_enum("kind", &r.kind, AgencyKind::parse)?,
                head_name: r.head_name,
                level: ComplianceLevel::from_rank(r.furthest),
                proposals: r.proposals,
                last_activity: r.last_activity,
            })
        })
        .collect::<Result<Vec<_>, sqlx::Error>>()?;
    let total = all.len() as i64;
    let complied = all.iter().filter(|r| r.level.complied()).count() as i64;
    let rows = all
        .into_iter()
        .filter(|r| filter.level.is_none_or(|l| r.level == l))
        .filter(|r| filter.kind.is_none_or(|k| r.kind == k))
        .collect();
    Ok(ComplianceRegister {
        competition,
        total,
        complied,
        rows,
        filter,
    })
}

/// Reads the filter from query values; empty means "all", anything unknown is an error.
pub fn parse_filter(level: Option<&str>, kind: Option<&str>) -> Result<ComplianceFilter, AppError> {
    use crate::error::{FieldError, Input, Problem};
    let level = match level.filter(|s| !s.is_empty()) {
        None => None,
        Some(s) => Some(
            ComplianceLevel::parse(s)
                .ok_or_else(|| FieldError::new(Input::Level, Problem::NotAllowed))?,
        ),
    };
    let kind = match kind.filter(|s| !s.is_empty()) {
        None => None,
        Some(s) => Some(
            AgencyKind::parse(s)
                .ok_or_else(|| FieldError::new(Input::Kind, Problem::NotAllowed))?,
        ),
    };
    Ok(ComplianceFilter { level, kind })
}

/// The register as CSV (UTF-8 with a byte-order mark, so spreadsheet programs read it right).
pub fn to_csv(register: &ComplianceRegister, lang: crate::i18n::Lang) -> Result<Vec<u8>, AppError> {
    use crate::i18n::{format_date, labels, Key, PageKey};
    let mut w = crate::server::documents::csv_file::CsvFile::new();
    w.row([
        Key::ColAgency.text(lang),
        PageKey::AgencyKindLabel.text(lang),
        PageKey::HeadName.text(lang),
        PageKey::ColStatus.text(lang),
        PageKey::ProposalCount.text(lang),
        PageKey::ColUpdated.text(lang),
    ])?;
    for r in &register.rows {
        w.row([
            r.agency_name.clone(),
            labels::agency_kind(r.kind).text(lang).to_string(),
            r.head_name.clone().unwrap_or_default(),
            labels::compliance(r.level).text(lang).to_string(),
            r.proposals.to_string(),
            r.last_activity
                .map(|t| format_date(t, lang))
                .unwrap_or_default(),
        ])?;
    }
    w.finish()
}
