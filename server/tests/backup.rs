//! `inovasi backup` and `inovasi restore`, on both databases: a full demo (three published
//! years, sheets, results, feedback, the audit trail, evidence files) backed up, restored into an
//! empty database, and compared table by table and file by file; a backup of one database
//! restored into the other; and every refusal that keeps a restore from half-happening.

mod support;

use app::server::infra::backup::{self, BackupError};
use app::server::infra::files::{sha256_hex, FileStore};
use app::server::{demo, infra::audit, Db};
use support::{Backend, Scratch, TestDb};

/// The published demo and two evidence files (one with a judge's copy) on its first proposal.
async fn seeded(db: &Db, files: &FileStore) -> Vec<String> {
    demo::seed_scenario(db, &support::hasher(), demo::Scenario::Published)
        .await
        .expect("seed");
    let (proposal, question, user): (String, i64, i64) = sqlx::query_as(
        "SELECT p.id, q.id, p.created_by FROM proposals p
         JOIN form_sections s ON s.competition_id = p.competition_id
         JOIN questions q ON q.section_id = s.id AND q.kind = 'evidence'
         ORDER BY p.id LIMIT 1",
    )
    .fetch_one(&db.pool)
    .await
    .expect("a proposal with an evidence slot");
    let mut shas = Vec::new();
    for (n, text) in ["Laporan capaian", "SK Bupati"].into_iter().enumerate() {
        let original = support::pdf_by("Dinas Dukcapil", text);
        let sha = files.put(original.into()).await.expect("store");
        let copy = files
            .put(support::pdf_by("", text).into())
            .await
            .expect("store");
        sqlx::query(
            "INSERT INTO attachments (id, proposal_id, question_id, file_name, content_type,
                 size_bytes, sha256, judge_sha256, uploaded_by, uploaded_at)
             VALUES ($1, $2, $3, $4, 'application/pdf', 100, $5, $6, $7, 1)",
        )
        .bind(format!("att-{n}"))
        .bind(&proposal)
        .bind(question)
        .bind(format!("{text}.pdf"))
        .bind(&sha)
        .bind((n == 0).then_some(copy.clone()))
        .bind(user)
        .execute(&db.pool)
        .await
        .expect("attachment");
        shas.push(sha);
        if n == 0 {
            shas.push(copy);
        }
    }
    shas
}

async fn head_of(db: &Db) -> (i64, String) {
    match audit::verify(db).await.expect("verify") {
        audit::Verdict::Intact { events, head } => (events, head),
        audit::Verdict::Broken { event_id, reason } => panic!("broken at {event_id}: {reason}"),
    }
}

/// Backs `source` up, restores it into a fresh database of `into`, and checks that the restored
/// database and store hold exactly what the source did.
async fn round_trip(source: Backend, into: Backend) {
    let Some(from) = TestDb::new(source).await else {
        return;
    };
    let Some(to) = TestDb::empty(into).await else {
        from.destroy().await;
        return;
    };
    let (store_a, store_b) = (Scratch::new("store-a"), Scratch::new("store-b"));
    let files_a = FileStore::local(&store_a.0).expect("store");
    let files_b = FileStore::local(&store_b.0).expect("store");
    let shas = seeded(&from.db, &files_a).await;

    let first = Scratch::new("first");
    let made = backup::backup(&from.db, &files_a, &first.0)
        .await
        .expect("backup");
    assert_eq!(made.files, 3, "two originals and one judge's copy");
    assert!(made.rows > 500, "{} rows", made.rows);

    let restored = backup::restore(&to.db, &files_b, &first.0)
        .await
        .expect("restore");
    assert_eq!(restored, made);

    // Every table as it was: backed up again, the restored database writes the same rows.
    let second = Scratch::new("second");
    backup::backup(&to.db, &files_b, &second.0)
        .await
        .expect("second backup");
    let (a, b) = (
        support::backup_tables(&first.0),
        support::backup_tables(&second.0),
    );
    assert_eq!(
        a.iter().map(|t| &t.0).collect::<Vec<_>>(),
        b.iter().map(|t| &t.0).collect::<Vec<_>>()
    );
    for ((name, before), (_, after)) in a.iter().zip(&b) {
        assert!(before == after, "{name} differs after the round trip");
    }
    // Every file, byte for byte.
    for sha in &shas {
        let bytes = files_b.get(sha).await.expect("restored file");
        assert_eq!(&sha256_hex(&bytes), sha);
        assert_eq!(bytes, files_a.get(sha).await.expect("original"));
    }
    // The audit trail still proves itself, with the same newest seal.
    assert_eq!(head_of(&to.db).await, head_of(&from.db).await);
    // The restored server goes on numbering where the old one stopped.
    let before: i64 = sqlx::query_scalar("SELECT MAX(id) FROM agencies")
        .fetch_one(&to.db.pool)
        .await
        .expect("max");
    let added: i64 = sqlx::query_scalar(
        "INSERT INTO agencies (name, kind, active, created_at)
         VALUES ('Dinas Baru', 'perangkat_daerah', 1, 0) RETURNING id",
    )
    .fetch_one(&to.db.pool)
    .await
    .expect("a new agency after the restore");
    assert!(added > before);

    // A second restore over the restored data is refused, and changes nothing.
    let again = backup::restore(&to.db, &files_b, &first.0).await;
    assert!(
        matches!(&again, Err(BackupError::Refused(m)) if m.contains("already holds data")),
        "{again:?}"
    );
    from.destroy().await;
    to.destroy().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_full_demo_round_trips_on_sqlite() {
    support::bounded(round_trip(Backend::Sqlite, Backend::Sqlite)).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_full_demo_round_trips_on_postgres() {
    support::bounded(round_trip(Backend::Postgres, Backend::Postgres)).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_sqlite_backup_restores_into_postgres() {
    support::bounded(round_trip(Backend::Sqlite, Backend::Postgres)).await;
}

/// A damaged or unfinished backup, or a directory that already holds one, is refused before
/// anything is written.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn damaged_or_unfinished_backups_are_refused_whole() {
    support::bounded(async {
        let from = TestDb::new(Backend::Sqlite).await.expect("sqlite");
        let store = Scratch::new("store");
        let files = FileStore::local(&store.0).expect("store");
        seeded(&from.db, &files).await;
        let dir = Scratch::new("damaged");
        backup::backup(&from.db, &files, &dir.0).await.expect("backup");

        // Not over an earlier backup.
        let over = backup::backup(&from.db, &files, &dir.0).await;
        assert!(
            matches!(&over, Err(BackupError::Refused(m)) if m.contains("not empty")),
            "{over:?}"
        );

        let to = TestDb::empty(Backend::Sqlite).await.expect("sqlite");
        let target_store = Scratch::new("target");
        let target_files = FileStore::local(&target_store.0).expect("store");
        let nothing_there = |db: Db| async move {
            let tables: i64 = sqlx::query_scalar(
                "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'users'",
            )
            .fetch_one(&db.pool)
            .await
            .expect("count");
            tables == 0
        };

        // A table file changed after the backup.
        let users = dir.0.join("tables").join("users.jsonl.gz");
        let original = std::fs::read(&users).expect("read");
        let mut changed = original.clone();
        let last = changed.len() - 9;
        changed[last] ^= 0x01;
        std::fs::write(&users, &changed).expect("write");
        let refused = backup::restore(&to.db, &target_files, &dir.0).await;
        assert!(
            matches!(&refused, Err(BackupError::Refused(m)) if m.contains("users.jsonl.gz") && m.contains("changed")),
            "{refused:?}"
        );
        assert!(nothing_there(to.db.clone()).await);
        std::fs::write(&users, &original).expect("write");

        // A file that does not hold what its name says.
        let file = std::fs::read_dir(dir.0.join("files"))
            .expect("files")
            .next()
            .expect("a file")
            .expect("entry")
            .path();
        let kept = std::fs::read(&file).expect("read");
        std::fs::write(&file, b"%PDF-1.4 something else").expect("write");
        let refused = backup::restore(&to.db, &target_files, &dir.0).await;
        assert!(
            matches!(&refused, Err(BackupError::Refused(m)) if m.contains("does not hold")),
            "{refused:?}"
        );
        std::fs::write(&file, kept).expect("write");

        // A backup made by a newer Inovasi (a schema this one does not know).
        let manifest_path = dir.0.join("manifest.json");
        let manifest = std::fs::read_to_string(&manifest_path).expect("manifest");
        let mut newer: serde_json::Value = serde_json::from_str(&manifest).expect("json");
        newer["schema_version"] = serde_json::json!(99_999_999);
        std::fs::write(&manifest_path, newer.to_string()).expect("write");
        let refused = backup::restore(&to.db, &target_files, &dir.0).await;
        assert!(
            matches!(&refused, Err(BackupError::Refused(m)) if m.contains("newer version")),
            "{refused:?}"
        );
        assert!(nothing_there(to.db.clone()).await);
        std::fs::write(&manifest_path, manifest).expect("write");

        // A backup that never finished (no manifest).
        std::fs::remove_file(dir.0.join("manifest.json")).expect("remove");
        let refused = backup::restore(&to.db, &target_files, &dir.0).await;
        assert!(
            matches!(&refused, Err(BackupError::Refused(m)) if m.contains("manifest.json")),
            "{refused:?}"
        );
        assert!(nothing_there(to.db.clone()).await);
        from.destroy().await;
        to.destroy().await;
    })
    .await;
}

/// Every column that names a stored file is one the backup carries files for.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_column_naming_a_file_is_backed_up() {
    support::bounded(async {
        let t = TestDb::new(Backend::Sqlite).await.expect("sqlite");
        let mut conn = t.db.pool.acquire().await.expect("conn");
        let tables = backup::catalog::tables(&mut conn, t.db.backend)
            .await
            .expect("catalog");
        drop(conn);
        let named: Vec<(String, String)> = tables
            .iter()
            .flat_map(|t| {
                t.columns
                    .iter()
                    .filter(|c| c.name.contains("sha256"))
                    .map(|c| (t.name.clone(), c.name.clone()))
            })
            .collect();
        assert!(!named.is_empty());
        for (table, column) in named {
            assert!(
                backup::FILE_COLUMNS.contains(&(table.as_str(), column.as_str())),
                "{table}.{column} names stored files but is not in backup::FILE_COLUMNS"
            );
        }
        t.destroy().await;
    })
    .await;
}
