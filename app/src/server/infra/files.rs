//! Where attachment contents live, behind one interface: a directory under the data directory
//! by default, or an S3-compatible object store when several servers share the work. Contents
//! are addressed by their SHA-256, so the same file uploaded twice is stored once, and an
//! object's name can never be chosen by a user.

use std::sync::Arc;

use bytes::Bytes;
use object_store::path::Path;
use object_store::{ObjectStore, ObjectStoreExt, PutPayload};
use sha2::{Digest, Sha256};

use crate::error::AppError;

use crate::server::infra::db::internal;

#[derive(Clone, Debug)]
pub struct FileStore {
    inner: Arc<dyn ObjectStore>,
}

fn path_of(sha256: &str) -> Path {
    // Two levels of fan-out keep directories small on a local disk.
    Path::from(format!("sha256/{}/{}", &sha256[..2], sha256))
}

pub fn sha256_hex(bytes: &[u8]) -> String {
    hex::encode(Sha256::digest(bytes))
}

impl FileStore {
    /// Files in a local directory (created if missing).
    pub fn local(dir: &std::path::Path) -> Result<FileStore, AppError> {
        std::fs::create_dir_all(dir).map_err(internal)?;
        let store = object_store::local::LocalFileSystem::new_with_prefix(dir).map_err(internal)?;
        Ok(FileStore {
            inner: Arc::new(store),
        })
    }

    /// An S3-compatible bucket; credentials, region and endpoint come from the standard
    /// `AWS_*` environment variables (`AWS_ENDPOINT` for MinIO and the like).
    pub fn s3(bucket: &str) -> Result<FileStore, AppError> {
        let store = object_store::aws::AmazonS3Builder::from_env()
            .with_bucket_name(bucket)
            .build()
            .map_err(internal)?;
        Ok(FileStore {
            inner: Arc::new(store),
        })
    }

    /// Any object store (tests, or a store configured by the caller).
    pub fn from_store(store: Arc<dyn ObjectStore>) -> FileStore {
        FileStore { inner: store }
    }

    /// Kept in memory (tests).
    pub fn memory() -> FileStore {
        FileStore {
            inner: Arc::new(object_store::memory::InMemory::new()),
        }
    }

    /// Stores the content (once) and returns its SHA-256.
    pub async fn put(&self, bytes: Bytes) -> Result<String, AppError> {
        let sha = sha256_hex(&bytes);
        let path = path_of(&sha);
        if self.inner.head(&path).await.is_err() {
            self.inner
                .put(&path, PutPayload::from(bytes))
                .await
                .map_err(internal)?;
        }
        Ok(sha)
    }

    pub async fn get(&self, sha256: &str) -> Result<Bytes, AppError> {
        if sha256.len() != 64 || !sha256.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Err(AppError::NotFound);
        }
        let found = self
            .inner
            .get(&path_of(sha256))
            .await
            .map_err(|e| match e {
                object_store::Error::NotFound { .. } => AppError::NotFound,
                other => internal(other),
            })?;
        found.bytes().await.map_err(internal)
    }

    pub async fn delete(&self, sha256: &str) -> Result<(), AppError> {
        match self.inner.delete(&path_of(sha256)).await {
            Ok(()) | Err(object_store::Error::NotFound { .. }) => Ok(()),
            Err(e) => Err(internal(e)),
        }
    }
}
