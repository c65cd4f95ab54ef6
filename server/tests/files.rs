//! The attachment store behind its one interface: in memory, in a local directory, and in an
//! S3-compatible bucket. The S3 test needs an endpoint (`scripts/test` starts a local S3
//! emulator and sets `INOVASI_TEST_S3_ENDPOINT` and `INOVASI_TEST_S3_BUCKET`); without one it is
//! skipped loudly, and under `CI=true` it fails.

use std::sync::Arc;

use app::error::AppError;
use app::server::infra::files::{sha256_hex, FileStore};
use bytes::Bytes;

async fn round_trip(store: &FileStore) {
    let content = Bytes::from_static(b"%PDF-1.4\n% bukti kegiatan\n%%EOF\n");
    let sha = store.put(content.clone()).await.expect("put");
    assert_eq!(sha, sha256_hex(&content));
    // The same content twice is stored once, under the same name.
    assert_eq!(store.put(content.clone()).await.expect("put again"), sha);
    assert_eq!(store.get(&sha).await.expect("get"), content);
    store.delete(&sha).await.expect("delete");
    assert_eq!(store.get(&sha).await, Err(AppError::NotFound));
    // Deleting what is not there is fine; a name that is not a hash is simply not found.
    store.delete(&sha).await.expect("delete again");
    assert_eq!(store.get("../../etc/passwd").await, Err(AppError::NotFound));
}

#[tokio::test]
async fn memory_store() {
    round_trip(&FileStore::memory()).await;
}

#[tokio::test]
async fn local_directory_store() {
    let dir = std::env::temp_dir().join(format!("inovasi-files-{}", uuid::Uuid::new_v4()));
    let store = FileStore::local(&dir).expect("local store");
    round_trip(&store).await;
    let _ = std::fs::remove_dir_all(dir);
}

#[tokio::test]
async fn s3_compatible_store() {
    let (Ok(endpoint), Ok(bucket)) = (
        std::env::var("INOVASI_TEST_S3_ENDPOINT"),
        std::env::var("INOVASI_TEST_S3_BUCKET"),
    ) else {
        if std::env::var("CI").is_ok_and(|v| v == "true") {
            panic!("CI=true and no S3 endpoint (INOVASI_TEST_S3_ENDPOINT) to test against");
        }
        eprintln!("\n!!!!!!!! SKIPPING the S3 store test: set INOVASI_TEST_S3_ENDPOINT and INOVASI_TEST_S3_BUCKET.\n");
        return;
    };
    let s3 = object_store::aws::AmazonS3Builder::new()
        .with_endpoint(endpoint)
        .with_allow_http(true)
        .with_bucket_name(bucket)
        .with_region("us-east-1")
        .with_access_key_id("test")
        .with_secret_access_key("test")
        .build()
        .expect("s3 store");
    round_trip(&FileStore::from_store(Arc::new(s3))).await;
}
