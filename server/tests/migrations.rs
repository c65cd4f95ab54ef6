//! Migrations are append-only once released (issue 15): a released file never changes (sqlx
//! would refuse to start on a database that applied the earlier text), both dialects carry the
//! same numbered steps, and a database made by an earlier release's migrations, with data in it,
//! upgrades to this one on SQLite and on Postgres without losing a row.

mod support;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};
use support::{Backend, TestDb};

fn migrations_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../migrations")
}

/// `released.txt`: the released files (`sqlite/0001_schema.sql`) and their SHA-256.
fn released() -> Vec<(String, String)> {
    let text =
        std::fs::read_to_string(migrations_dir().join("released.txt")).expect("released.txt");
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(|l| {
            let (file, hash) = l.split_once(' ').expect("`<file> <sha256>`");
            (file.to_string(), hash.trim().to_string())
        })
        .collect()
}

fn files_of(dialect: &str) -> BTreeSet<String> {
    std::fs::read_dir(migrations_dir().join(dialect))
        .expect("migrations directory")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .filter(|name| name.ends_with(".sql"))
        .collect()
}

#[test]
fn released_migrations_are_never_edited() {
    let released = released();
    assert!(released.len() >= 4, "the list was read: {released:?}");
    for (file, expected) in &released {
        let bytes = std::fs::read(migrations_dir().join(file))
            .unwrap_or_else(|e| panic!("{file} was released and must stay: {e}"));
        let actual = format!("{:x}", Sha256::digest(&bytes));
        assert_eq!(
            &actual, expected,
            "{file} was released and has changed since: put the change in a new numbered \
             migration (both dialects) and leave {file} as it was"
        );
    }
}

#[test]
fn every_migration_is_listed_and_both_dialects_have_the_same_steps() {
    let listed: BTreeSet<String> = released().into_iter().map(|(f, _)| f).collect();
    let sqlite = files_of("sqlite");
    let postgres = files_of("postgres");
    assert_eq!(
        sqlite, postgres,
        "each migration is written for both databases, under the same name"
    );
    for dialect in ["sqlite", "postgres"] {
        for name in files_of(dialect) {
            let file = format!("{dialect}/{name}");
            assert!(
                listed.contains(&file),
                "{file} is not in migrations/released.txt: add its line (and its twin's) in the \
                 change that adds it"
            );
        }
    }
}

/// Numbered steps in the order sqlx applies them.
fn versions() -> Vec<i64> {
    files_of("sqlite")
        .iter()
        .map(|name| {
            name.split('_')
                .next()
                .and_then(|n| n.parse().ok())
                .unwrap_or_else(|| panic!("{name}: a migration's name starts with its number"))
        })
        .collect()
}

/// A little of everything a regency holds, written with the first release's columns only.
const FIRST_RELEASE_DATA: &[&str] = &[
    "INSERT INTO agencies (id, name, kind, created_at)
     VALUES (1, 'Dinas Kependudukan dan Pencatatan Sipil', 'perangkat_daerah', 1700000000000)",
    "INSERT INTO users (id, email, name, password_hash, role, agency_id, created_at)
     VALUES (1, 'admin@kab.test', 'Admin', 'hash', 'admin', NULL, 1700000000000),
            (2, 'operator@kab.test', 'Siti Rahayu', 'hash', 'agency_member', 1, 1700000000000),
            (3, 'juri@kab.test', 'Dr. Bambang', 'hash', 'judge', NULL, 1700000000000)",
    "INSERT INTO competitions (id, year, name, phase, created_at)
     VALUES (1, 2025, 'Lomba Inovasi 2025', 'submission_open', 1700000000000)",
    "INSERT INTO form_sections (id, competition_id, position, title)
     VALUES (1, 1, 1, 'Profil Inovasi')",
    "INSERT INTO questions (id, section_id, position, kind, label, required)
     VALUES (1, 1, 1, 'evidence', 'Bukti dukung', 1)",
    "INSERT INTO proposals (id, competition_id, agency_id, title, status, version, created_by,
         created_at, updated_at)
     VALUES ('8b0e8f0e-3f5c-4a57-9d1e-0f5a4b1c2d3e', 1, 1, 'Akta Lahir Sehari Jadi', 'draft', 2, 2,
         1700000000000, 1700000000000)",
    "INSERT INTO proposal_fields (proposal_id, field, value, version, updated_at, updated_by)
     VALUES ('8b0e8f0e-3f5c-4a57-9d1e-0f5a4b1c2d3e', 'title', '\"Akta Lahir Sehari Jadi\"', 2,
         1700000000000, 2)",
    "INSERT INTO attachments (id, proposal_id, question_id, file_name, content_type, size_bytes,
         sha256, uploaded_by, uploaded_at)
     VALUES ('0d5c1a7e-8a9b-4c3d-9e2f-1a2b3c4d5e6f', '8b0e8f0e-3f5c-4a57-9d1e-0f5a4b1c2d3e', 1,
         'sk-bupati.pdf', 'application/pdf', 1234, 'abc', 2, 1700000000000)",
    "INSERT INTO criteria (id, competition_id, code, name, weight, position)
     VALUES (1, 1, 'K1', 'Kebaruan', 100, 0)",
    "INSERT INTO rubric_levels (id, criterion_id, score_from, score_to, descriptor)
     VALUES (1, 1, 1, 3, 'Tidak baru')",
    "INSERT INTO judge_assignments (id, proposal_id, judge_id, assigned_by, assigned_at)
     VALUES (1, '8b0e8f0e-3f5c-4a57-9d1e-0f5a4b1c2d3e', 3, 1, 1700000000000)",
    "INSERT INTO score_sheets (id, proposal_id, judge_id, status, created_at, updated_at)
     VALUES ('5a1d2c3b-0000-4000-8000-000000000001', '8b0e8f0e-3f5c-4a57-9d1e-0f5a4b1c2d3e', 3,
         'draft', 1700000000000, 1700000000000)",
    "INSERT INTO scores (sheet_id, criterion_id, value, value_version, updated_at)
     VALUES ('5a1d2c3b-0000-4000-8000-000000000001', 1, 7, 1, 1700000000000)",
];

/// What the upgrade must keep: one line per row of the tables above.
async fn what_is_kept(db: &app::server::Db) -> Vec<String> {
    use sqlx::Row;
    let queries = [
        "SELECT name || '|' || kind FROM agencies ORDER BY id",
        "SELECT email || '|' || name || '|' || role FROM users ORDER BY id",
        "SELECT name || '|' || phase FROM competitions ORDER BY id",
        "SELECT title || '|' || status || '|' || CAST(version AS TEXT) FROM proposals ORDER BY id",
        "SELECT field || '|' || value FROM proposal_fields ORDER BY field",
        "SELECT file_name || '|' || sha256 || '|' || CAST(size_bytes AS TEXT) FROM attachments",
        "SELECT code || '|' || name || '|' || CAST(weight AS TEXT) FROM criteria ORDER BY id",
        "SELECT descriptor FROM rubric_levels ORDER BY id",
        "SELECT proposal_id || '|' || CAST(judge_id AS TEXT) FROM judge_assignments ORDER BY id",
        "SELECT id || '|' || status FROM score_sheets ORDER BY id",
        "SELECT sheet_id || '|' || CAST(value AS TEXT) FROM scores ORDER BY sheet_id",
    ];
    let mut kept = Vec::new();
    for q in queries {
        for row in sqlx::query(q).fetch_all(&db.pool).await.expect(q) {
            kept.push(row.try_get::<String, _>(0).expect("text"));
        }
    }
    kept
}

async fn an_earlier_release_upgrades_with_its_data(backend: Backend) {
    let Some(t) = TestDb::empty(backend).await else {
        return;
    };
    let versions = versions();
    let first = versions[0];
    t.db.migrate_to(first)
        .await
        .expect("the first release's schema");
    for statement in FIRST_RELEASE_DATA {
        sqlx::query(statement)
            .execute(&t.db.pool)
            .await
            .unwrap_or_else(|e| panic!("{statement}: {e}"));
    }
    let before = what_is_kept(&t.db).await;
    assert_eq!(before.len(), 13, "{before:?}");
    assert!(
        !t.db.schema_is_current().await.expect("read"),
        "behind this binary"
    );

    // Each later release in turn, as a regency that updates every time would see them; then
    // all at once, as the server does at start.
    for &version in &versions[1..] {
        t.db.migrate_to(version).await.expect("one release further");
        assert_eq!(
            what_is_kept(&t.db).await,
            before,
            "after migration {version}"
        );
    }
    t.db.migrate().await.expect("up to date");
    assert!(t.db.schema_is_current().await.expect("read"));
    assert_eq!(what_is_kept(&t.db).await, before);

    // Rounds (0012): the year has its first round, the current one, and its criteria, the
    // assignment and the sheet belong to it; the rebuilt tables' references hold.
    let round = app::server::year::rounds::current(&t.db.pool, 1)
        .await
        .expect("the year's current round");
    let first = app::server::year::rounds::first(&t.db.pool, 1)
        .await
        .expect("the year's first round");
    assert_eq!(round, first);
    let in_round: i64 = sqlx::query_scalar(
        "SELECT (SELECT COUNT(*) FROM criteria WHERE round_id = $1)
              + (SELECT COUNT(*) FROM judge_assignments WHERE round_id = $1)
              + (SELECT COUNT(*) FROM score_sheets WHERE round_id = $1)",
    )
    .bind(round)
    .fetch_one(&t.db.pool)
    .await
    .expect("count");
    assert_eq!(in_round, 3);
    let criteria = app::server::judging::criteria(&t.db, 1)
        .await
        .expect("read by the app");
    assert_eq!(criteria.len(), 1);
    assert_eq!(criteria[0].levels.len(), 1, "the rubric kept its criterion");
    if backend == Backend::Sqlite {
        let broken: Vec<(String,)> =
            sqlx::query_as("SELECT \"table\" FROM pragma_foreign_key_check")
                .fetch_all(&t.db.pool)
                .await
                .expect("check");
        assert!(broken.is_empty(), "references left dangling: {broken:?}");
    }

    // The app reads the old rows: the file uploaded before the judge's copy existed is found,
    // with no copy yet (it is cleaned the first time a judge opens it).
    let file =
        app::server::submission::attachments::find(&t.db, "0d5c1a7e-8a9b-4c3d-9e2f-1a2b3c4d5e6f")
            .await
            .expect("read by the app")
            .expect("still there");
    assert_eq!(file.file_name, "sk-bupati.pdf");
    assert_eq!(file.judge_sha256, None);

    // Removing the proposal still takes its assignment, sheet and scores with it.
    sqlx::query("DELETE FROM proposals")
        .execute(&t.db.pool)
        .await
        .expect("the proposal goes");
    let left: i64 = sqlx::query_scalar(
        "SELECT (SELECT COUNT(*) FROM judge_assignments) + (SELECT COUNT(*) FROM score_sheets)
              + (SELECT COUNT(*) FROM scores)",
    )
    .fetch_one(&t.db.pool)
    .await
    .expect("count");
    assert_eq!(left, 0);
    t.destroy().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_earlier_release_upgrades_with_its_data_sqlite() {
    support::bounded(an_earlier_release_upgrades_with_its_data(Backend::Sqlite)).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_earlier_release_upgrades_with_its_data_postgres() {
    support::bounded(an_earlier_release_upgrades_with_its_data(Backend::Postgres)).await;
}
