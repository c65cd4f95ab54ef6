//! Bulk data for benchmarks (`inovasi-bench seed-agencies`, `seed-judging`, `seed-gallery`,
//! `ranking`): many agencies in the current year, with proposals in every state, so pages and
//! queries are measured at a large regency's scale.

use app::error::AppError;
use app::models::{AgencyKind, ProposalStatus};

use app::server::infra::db::{now_ms, Backend};
use app::server::judging::handed_in;
use app::server::people::agencies::{self, NewAgency};
use app::server::year::{competitions, rounds};
use app::server::Db;

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
    hasher: &app::server::infra::passwords::PasswordHasher,
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
    let hash = hasher
        .hash(app::server::demo::DEMO_PASSWORD.to_string())
        .await?;
    let round = rounds::current(&db.pool, competition.id).await?;
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
                "INSERT INTO judge_assignments (round_id, proposal_id, judge_id, assigned_by,
                     assigned_at)
                 VALUES ($1, $2, $3, $4, $5)",
            )
            .bind(round)
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

/// Rows per multi-row INSERT: well under both engines' limit on bound parameters.
const BATCH: usize = 400;

/// Runs `INSERT INTO <head> VALUES (…), (…)` over `rows`, `BATCH` rows per statement, each row
/// `width` parameters bound by `bind`.
async fn insert_many<T>(
    tx: &mut sqlx::Transaction<'static, sqlx::Any>,
    head: &str,
    width: usize,
    rows: &[T],
    bind: impl for<'q> Fn(
        sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments<'q>>,
        &'q T,
    ) -> sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments<'q>>,
) -> Result<(), AppError> {
    for chunk in rows.chunks(BATCH) {
        let mut sql = format!("INSERT INTO {head} VALUES ");
        for (r, _) in chunk.iter().enumerate() {
            if r > 0 {
                sql.push(',');
            }
            sql.push('(');
            for c in 0..width {
                if c > 0 {
                    sql.push(',');
                }
                sql.push_str(&format!("${}", r * width + c + 1));
            }
            sql.push(')');
        }
        let mut q = sqlx::query(&sql);
        for row in chunk {
            q = bind(q, row);
        }
        q.execute(&mut **tx).await?;
    }
    Ok(())
}

/// A national-scale judged year for the ranking benchmark, in a database of its own:
/// `proposals` screened proposals, each with `per_proposal` handed-in sheets from a pool of
/// judges (200 proposals per judge) scoring every one of `criteria` criteria on 1–10.
/// Returns the year's id.
pub async fn ranking_year(
    db: &Db,
    proposals: usize,
    per_proposal: usize,
    criteria: usize,
) -> Result<i64, AppError> {
    let now = now_ms();
    let mut tx = db.begin_write().await?;
    let competition: i64 = sqlx::query_scalar(
        "INSERT INTO competitions (year, name, phase, created_at)
         VALUES (2026, 'Lomba Inovasi Nasional (uji skala)', 'deliberation', $1) RETURNING id",
    )
    .bind(now)
    .fetch_one(&mut *tx)
    .await?;
    let round = rounds::add_first(&mut *tx, competition, now).await?;
    let admin: i64 = sqlx::query_scalar(
        "INSERT INTO users (email, name, role, created_at)
         VALUES ('admin.skala@inovasi.test', 'Admin Uji', 'admin', $1) RETURNING id",
    )
    .bind(now)
    .fetch_one(&mut *tx)
    .await?;
    let mut categories = Vec::new();
    for (i, code) in ["perangkat_daerah", "kesehatan", "pendidikan"]
        .iter()
        .enumerate()
    {
        categories.push(
            sqlx::query_scalar::<_, i64>(
                "INSERT INTO categories (competition_id, code, name, position)
                 VALUES ($1, $2, $2, $3) RETURNING id",
            )
            .bind(competition)
            .bind(*code)
            .bind(i as i64)
            .fetch_one(&mut *tx)
            .await?,
        );
    }
    let mut criterion_ids = Vec::new();
    for c in 0..criteria {
        // Weights that add up to 100 whatever the count.
        let weight = 100 / criteria as i64 + i64::from(c < 100 % criteria);
        criterion_ids.push(
            sqlx::query_scalar::<_, i64>(
                "INSERT INTO criteria (competition_id, round_id, code, name, weight, position)
                 VALUES ($1, $2, $3, $3, $4, $5) RETURNING id",
            )
            .bind(competition)
            .bind(round)
            .bind(format!("K{}", c + 1))
            .bind(weight)
            .bind(c as i64)
            .fetch_one(&mut *tx)
            .await?,
        );
    }
    let agency: i64 = sqlx::query_scalar(
        "INSERT INTO agencies (name, kind, created_at)
         VALUES ('Instansi Uji Skala', 'perangkat_daerah', $1) RETURNING id",
    )
    .bind(now)
    .fetch_one(&mut *tx)
    .await?;
    let judge_count = (proposals * per_proposal).div_ceil(200).max(per_proposal);
    let judges: Vec<(String, String)> = (0..judge_count)
        .map(|j| {
            (
                format!("juri.skala{j}@inovasi.test"),
                format!("Juri Skala {j}"),
            )
        })
        .collect();
    insert_many(
        &mut tx,
        "users (email, name, role, created_at)",
        4,
        &judges,
        |q, (email, name)| q.bind(email).bind(name).bind("judge").bind(now),
    )
    .await?;
    let first_judge: i64 = sqlx::query_scalar("SELECT MIN(id) FROM users WHERE role = 'judge'")
        .fetch_one(&mut *tx)
        .await?;

    let ids: Vec<String> = (0..proposals)
        .map(|_| uuid::Uuid::new_v4().to_string())
        .collect();
    let rows: Vec<(String, i64, i64)> = ids
        .iter()
        .enumerate()
        .map(|(i, id)| (id.clone(), categories[i % categories.len()], now - i as i64))
        .collect();
    insert_many(
        &mut tx,
        "proposals (id, competition_id, agency_id, category_id, title, status, version, \
         created_by, created_at, updated_at, submitted_at)",
        11,
        &rows,
        |q, (id, category, at)| {
            q.bind(id)
                .bind(competition)
                .bind(agency)
                .bind(*category)
                .bind("Inovasi uji skala")
                .bind("screened_in")
                .bind(1_i64)
                .bind(admin)
                .bind(*at)
                .bind(*at)
                .bind(*at)
        },
    )
    .await?;

    // Sheets: proposal i is judged by judges (i·k + s) mod pool, s < per_proposal.
    let mut sheets = Vec::with_capacity(proposals * per_proposal);
    let mut scores = Vec::with_capacity(proposals * per_proposal * criteria);
    for (i, id) in ids.iter().enumerate() {
        for s in 0..per_proposal {
            let judge = first_judge + ((i * per_proposal + s) % judge_count) as i64;
            let sheet = uuid::Uuid::new_v4().to_string();
            let values: Vec<(i64, i64)> = criterion_ids
                .iter()
                .enumerate()
                .map(|(c, criterion)| {
                    // A spread of values that depends on proposal, judge and criterion.
                    let value = 1 + ((i * 7 + s * 3 + c * 5 + (judge as usize % 4)) % 10) as i64;
                    (*criterion, value)
                })
                .collect();
            for (criterion, value) in &values {
                scores.push((sheet.clone(), *criterion, *value));
            }
            sheets.push((sheet, id.clone(), judge, handed_in::encode(values)));
        }
    }
    insert_many(
        &mut tx,
        "judge_assignments (round_id, proposal_id, judge_id, assigned_by, assigned_at)",
        5,
        &sheets,
        |q, (_, proposal, judge, _)| {
            q.bind(round)
                .bind(proposal)
                .bind(*judge)
                .bind(admin)
                .bind(now)
        },
    )
    .await?;
    insert_many(
        &mut tx,
        "score_sheets (id, round_id, proposal_id, judge_id, status, created_at, updated_at, \
         submitted_at, handed_in)",
        9,
        &sheets,
        |q, (sheet, proposal, judge, handed_in)| {
            q.bind(sheet)
                .bind(round)
                .bind(proposal)
                .bind(*judge)
                .bind("submitted")
                .bind(now)
                .bind(now)
                .bind(now)
                .bind(handed_in)
        },
    )
    .await?;
    insert_many(
        &mut tx,
        "scores (sheet_id, criterion_id, value, updated_at)",
        4,
        &scores,
        |q, (sheet, criterion, value)| q.bind(sheet).bind(*criterion).bind(*value).bind(now),
    )
    .await?;
    tx.commit().await?;
    // A database that grew to this size over a year is measured in the state it would be in,
    // not the one a minute's bulk load leaves: Postgres has its planner statistics (from
    // autovacuum); SQLite has long since copied its write-ahead log back into the database
    // (every write past 1,000 logged pages does), where one 200 MB transaction leaves every read
    // looking its pages up in the log first. SQLite gathers no statistics unless asked.
    match db.backend {
        Backend::Postgres => sqlx::query("ANALYZE").execute(&db.pool).await?,
        Backend::Sqlite => {
            sqlx::query("PRAGMA wal_checkpoint(TRUNCATE)")
                .execute(&db.pool)
                .await?
        }
    };
    Ok(competition)
}

/// A published year for the gallery benchmark, beside the demo: `count` judged innovations with
/// frozen results (one in ten a finalist, one in thirty a winner) and a summary each.
pub async fn gallery(db: &Db, count: usize) -> Result<(), AppError> {
    let now = now_ms();
    let mut tx = db.begin_write().await?;
    let competition: i64 = sqlx::query_scalar(
        "INSERT INTO competitions (year, name, phase, created_at, results_locked_at)
         VALUES (2025, 'Lomba Inovasi Pelayanan Publik 2025', 'published', $1, $1) RETURNING id",
    )
    .bind(now)
    .fetch_one(&mut *tx)
    .await?;
    rounds::add_first(&mut *tx, competition, now).await?;
    let category: i64 = sqlx::query_scalar(
        "INSERT INTO categories (competition_id, code, name, position)
         VALUES ($1, 'perangkat_daerah', 'Perangkat Daerah', 0) RETURNING id",
    )
    .bind(competition)
    .fetch_one(&mut *tx)
    .await?;
    let admin: i64 =
        sqlx::query_scalar("SELECT id FROM users WHERE role = 'admin' ORDER BY id LIMIT 1")
            .fetch_one(&mut *tx)
            .await?;
    let agency: i64 = sqlx::query_scalar("SELECT id FROM agencies ORDER BY id LIMIT 1")
        .fetch_one(&mut *tx)
        .await?;
    let rows: Vec<(String, usize)> = (0..count)
        .map(|i| (uuid::Uuid::new_v4().to_string(), i))
        .collect();
    insert_many(
        &mut tx,
        "proposals (id, competition_id, agency_id, category_id, title, status, version, \
         created_by, created_at, updated_at, submitted_at)",
        11,
        &rows,
        |q, (id, i)| {
            let status = match i % 30 {
                0 => "winner",
                n if n % 10 == 0 => "finalist",
                _ => "not_selected",
            };
            q.bind(id)
                .bind(competition)
                .bind(agency)
                .bind(category)
                .bind(format!("Inovasi Layanan Publik Nomor {i:05}"))
                .bind(status)
                .bind(1_i64)
                .bind(admin)
                .bind(now)
                .bind(now)
                .bind(now)
        },
    )
    .await?;
    insert_many(
        &mut tx,
        "results (proposal_id, competition_id, award, score, rank, summary, decided_at)",
        7,
        &rows,
        |q, (id, i)| {
            let award = match i % 30 {
                0 => Some("winner"),
                n if n % 10 == 0 => Some("finalist"),
                _ => None,
            };
            q.bind(id)
                .bind(competition)
                .bind(award)
                .bind(90.0 - (*i as f64) / 100.0)
                .bind(*i as i64 + 1)
                .bind(format!(
                    "Ringkasan inovasi {i}: layanan lebih cepat bagi warga desa, antrean turun, \
                     data terhubung antarinstansi."
                ))
                .bind(now)
        },
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Gives each agency of the current year without accounts `people` of them (one head, the rest
/// members; no password: nobody signs in as them), for the broadcast benchmark.
pub async fn agency_people(db: &Db, people: usize) -> Result<usize, AppError> {
    let competition = competitions::current(db).await?.ok_or(AppError::NotFound)?;
    let agencies: Vec<i64> = sqlx::query_scalar(
        "SELECT ca.agency_id FROM competition_agencies ca
         WHERE ca.competition_id = $1
           AND NOT EXISTS (SELECT 1 FROM users u WHERE u.agency_id = ca.agency_id)",
    )
    .bind(competition.id)
    .fetch_all(&db.pool)
    .await?;
    let mut tx = db.begin_write().await?;
    let now = now_ms();
    let mut added = 0;
    for agency in agencies {
        for n in 0..people {
            let role = if n == 0 {
                "agency_head"
            } else {
                "agency_member"
            };
            sqlx::query(
                "INSERT INTO users (email, name, role, agency_id, active, created_at)
                 VALUES ($1, $2, $3, $4, 1, $5)",
            )
            .bind(format!("orang{n}.instansi{agency}@inovasi.test"))
            .bind(format!("Orang {n} Instansi {agency}"))
            .bind(role)
            .bind(agency)
            .bind(now)
            .execute(&mut *tx)
            .await?;
            added += 1;
        }
    }
    tx.commit().await?;
    Ok(added)
}
