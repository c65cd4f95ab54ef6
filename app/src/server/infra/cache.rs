//! Read-mostly data kept in memory (docs/performance.md, "Caches"): one `Cached` value. The
//! app's caches themselves are listed in `http::state::Caches`.
//!
//! Only data that changes at a few known moments is cached, and each of those moments calls
//! `invalidate`. A short time-to-live covers what one process cannot see: another server on
//! the same Postgres, or a command-line tool writing to the database.

use std::fmt;
use std::future::Future;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, RwLock};
use std::time::{Duration, Instant};

use crate::error::AppError;

pub struct Cached<T> {
    slot: RwLock<Option<(Instant, Arc<T>)>>,
    /// Bumped by every invalidation, so a load that started before one is not kept.
    generation: AtomicU64,
    /// One load at a time: a hundred readers arriving at an empty cache wait for one query.
    loading: tokio::sync::Mutex<()>,
    ttl: Duration,
}

impl<T> Default for Cached<T> {
    fn default() -> Self {
        Cached::new(Duration::from_secs(30))
    }
}

impl<T> fmt::Debug for Cached<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Cached").field("ttl", &self.ttl).finish()
    }
}

impl<T> Cached<T> {
    pub fn new(ttl: Duration) -> Self {
        Cached {
            slot: RwLock::new(None),
            generation: AtomicU64::new(0),
            loading: tokio::sync::Mutex::new(()),
            ttl,
        }
    }

    fn fresh(&self) -> Option<Arc<T>> {
        let slot = self.slot.read().unwrap_or_else(|e| e.into_inner());
        slot.as_ref()
            .filter(|(at, _)| at.elapsed() < self.ttl)
            .map(|(_, value)| value.clone())
    }

    /// How many times the value was forgotten: what was built from it is stale once this moves
    /// (the public pages kept whole, `http::page_cache`).
    pub fn generation(&self) -> u64 {
        self.generation.load(Ordering::SeqCst)
    }

    /// Forgets the value: the next reader loads it again.
    pub fn invalidate(&self) {
        self.generation.fetch_add(1, Ordering::SeqCst);
        *self.slot.write().unwrap_or_else(|e| e.into_inner()) = None;
    }

    /// The cached value, or the one `load` gives (kept unless invalidated meanwhile).
    pub async fn get_or_load<F, Fut>(&self, load: F) -> Result<Arc<T>, AppError>
    where
        F: FnOnce() -> Fut,
        Fut: Future<Output = Result<T, AppError>>,
    {
        if let Some(value) = self.fresh() {
            return Ok(value);
        }
        let _one_at_a_time = self.loading.lock().await;
        if let Some(value) = self.fresh() {
            return Ok(value);
        }
        let generation = self.generation.load(Ordering::SeqCst);
        let value = Arc::new(load().await?);
        let mut slot = self.slot.write().unwrap_or_else(|e| e.into_inner());
        if self.generation.load(Ordering::SeqCst) == generation {
            *slot = Some((Instant::now(), value.clone()));
        }
        Ok(value)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn loads_once_until_invalidated() {
        let cache: Cached<u32> = Cached::new(Duration::from_secs(60));
        let v = cache.get_or_load(|| async { Ok(1) }).await;
        assert_eq!(v.ok().as_deref(), Some(&1));
        let v = cache.get_or_load(|| async { Ok(2) }).await;
        assert_eq!(v.ok().as_deref(), Some(&1), "kept, not loaded again");
        cache.invalidate();
        let v = cache.get_or_load(|| async { Ok(3) }).await;
        assert_eq!(v.ok().as_deref(), Some(&3));
    }

    #[tokio::test]
    async fn expires_after_its_time() {
        let cache: Cached<u32> = Cached::new(Duration::ZERO);
        let _ = cache.get_or_load(|| async { Ok(1) }).await;
        let v = cache.get_or_load(|| async { Ok(2) }).await;
        assert_eq!(v.ok().as_deref(), Some(&2));
    }

    #[tokio::test]
    async fn a_load_overtaken_by_an_invalidation_is_not_kept() {
        let cache: Cached<u32> = Cached::new(Duration::from_secs(60));
        let v = cache
            .get_or_load(|| async {
                cache.invalidate();
                Ok(1)
            })
            .await;
        assert_eq!(
            v.ok().as_deref(),
            Some(&1),
            "the caller still gets what it read"
        );
        let v = cache.get_or_load(|| async { Ok(2) }).await;
        assert_eq!(v.ok().as_deref(), Some(&2));
    }

    #[tokio::test]
    async fn a_failed_load_is_not_kept() {
        let cache: Cached<u32> = Cached::new(Duration::from_secs(60));
        let v = cache
            .get_or_load(|| async { Err(AppError::NotFound) })
            .await;
        assert!(v.is_err());
        let v = cache.get_or_load(|| async { Ok(5) }).await;
        assert_eq!(v.ok().as_deref(), Some(&5));
    }
}
