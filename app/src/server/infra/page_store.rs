//! Where the public pages kept whole are held (`http::page_cache` decides what is kept and
//! answers from it; docs/performance.md "Caches").

use std::collections::HashMap;
use std::sync::{Arc, RwLock};
use std::time::{Duration, Instant};

use axum::body::Bytes;
use axum::http::HeaderMap;

use crate::i18n::Lang;

/// How long a page is kept at most (as every cache of the app).
const KEPT_FOR: Duration = Duration::from_secs(30);

/// How many pages are kept at once: the four pages in two languages, and the gallery's filters
/// and pages people open. Addresses made up to fill it only push other pages out.
const MAX_PAGES: usize = 256;

/// A page's address (path and query) and language.
pub type Key = (String, Lang);

/// The generations of the caches a public page is rendered from (`Cached::generation`).
pub type Stamp = [u64; 2];

/// The kept pages of one server process.
#[derive(Debug, Default)]
pub struct PageCache {
    pages: RwLock<HashMap<Key, Arc<KeptPage>>>,
}

#[derive(Debug)]
pub struct KeptPage {
    kept_at: Instant,
    built_from: Stamp,
    /// The answer's headers, without its length and policy (set for each answer).
    pub headers: HeaderMap,
    /// The page cut where its render's nonce stood.
    pub pieces: Vec<Bytes>,
}

impl KeptPage {
    /// A page rendered now from caches at `built_from`.
    pub fn new(built_from: Stamp, headers: HeaderMap, pieces: Vec<Bytes>) -> Self {
        KeptPage {
            kept_at: Instant::now(),
            built_from,
            headers,
            pieces,
        }
    }
}

impl PageCache {
    /// The page kept under `key`, if it is younger than its time and was built from the caches
    /// as they are `now`.
    pub fn get(&self, key: &Key, now: Stamp) -> Option<Arc<KeptPage>> {
        let pages = self.pages.read().unwrap_or_else(|e| e.into_inner());
        pages
            .get(key)
            .filter(|page| page.built_from == now && page.kept_at.elapsed() < KEPT_FOR)
            .cloned()
    }

    /// Keeps a page, pushing the oldest out when full.
    pub fn keep(&self, key: Key, page: KeptPage) {
        let mut pages = self.pages.write().unwrap_or_else(|e| e.into_inner());
        if pages.len() >= MAX_PAGES && !pages.contains_key(&key) {
            pages.retain(|_, kept| kept.kept_at.elapsed() < KEPT_FOR);
            let oldest = pages
                .iter()
                .min_by_key(|(_, kept)| kept.kept_at)
                .map(|(key, _)| key.clone());
            if let (true, Some(oldest)) = (pages.len() >= MAX_PAGES, oldest) {
                pages.remove(&oldest);
            }
        }
        pages.insert(key, Arc::new(page));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_full_cache_pushes_the_oldest_out() {
        let cache = PageCache::default();
        let start = Instant::now();
        for i in 0..MAX_PAGES + 10 {
            let page = KeptPage {
                kept_at: start + Duration::from_micros(i as u64),
                built_from: [0, 0],
                headers: HeaderMap::new(),
                pieces: vec![Bytes::new()],
            };
            cache.keep((format!("/galeri?page={i}"), Lang::Id), page);
        }
        let pages = cache.pages.read().expect("lock");
        assert_eq!(pages.len(), MAX_PAGES);
        assert!(pages.contains_key(&(format!("/galeri?page={}", MAX_PAGES + 9), Lang::Id)));
        assert!(!pages.contains_key(&("/galeri?page=0".to_owned(), Lang::Id)));
    }

    #[test]
    fn a_page_built_from_stale_caches_is_not_answered() {
        let cache = PageCache::default();
        let key = ("/".to_owned(), Lang::Id);
        cache.keep(
            key.clone(),
            KeptPage {
                kept_at: Instant::now(),
                built_from: [1, 4],
                headers: HeaderMap::new(),
                pieces: vec![Bytes::new()],
            },
        );
        assert!(cache.get(&key, [1, 4]).is_some());
        assert!(cache.get(&key, [2, 4]).is_none(), "the gallery changed");
        assert!(cache.get(&key, [1, 5]).is_none(), "the year changed");
    }
}
