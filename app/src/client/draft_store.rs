//! Drafts on this device, in local storage: one entry per record under a key that names the user
//! and the record (`inovasi/v1/{user}/{kind}/{id}`), written on every change. A failed write (the
//! storage is full, or the browser refuses it) is reported to the caller at once, so the page can
//! tell the person that their work is only safe once synced.

use crate::sync::draft::DraftRecord;

/// The local storage key of one record.
pub fn key(user_id: i64, kind: &str, id: &str) -> String {
    format!("inovasi/v1/{user_id}/{kind}/{id}")
}

/// The record stored on this device, if any (and if storage can be read at all).
pub fn load(key: &str) -> Option<DraftRecord> {
    #[cfg(feature = "hydrate")]
    {
        use gloo_storage::Storage;
        gloo_storage::LocalStorage::get(key).ok()
    }
    #[cfg(not(feature = "hydrate"))]
    {
        let _ = key;
        None
    }
}

/// Writes the record; `false` when the device could not keep it.
pub fn save(key: &str, record: &DraftRecord) -> bool {
    #[cfg(feature = "hydrate")]
    {
        use gloo_storage::Storage;
        gloo_storage::LocalStorage::set(key, record).is_ok()
    }
    #[cfg(not(feature = "hydrate"))]
    {
        let _ = (key, record);
        true
    }
}

/// Forgets the record (after the proposal was handed in and is safe on the server).
pub fn remove(key: &str) {
    #[cfg(feature = "hydrate")]
    {
        use gloo_storage::Storage;
        gloo_storage::LocalStorage::delete(key);
    }
    #[cfg(not(feature = "hydrate"))]
    {
        let _ = key;
    }
}

/// Ids of this user's records of `kind` that still hold changes the server has not taken.
pub fn unsynced(user_id: i64, kind: &str) -> Vec<String> {
    #[cfg(feature = "hydrate")]
    {
        let prefix = key(user_id, kind, "");
        let Some(storage) = web_sys::window().and_then(|w| w.local_storage().ok().flatten()) else {
            return Vec::new();
        };
        let n = storage.length().unwrap_or(0);
        (0..n)
            .filter_map(|i| storage.key(i).ok().flatten())
            .filter_map(|k| k.strip_prefix(&prefix).map(str::to_string))
            .filter(|id| load(&key(user_id, kind, id)).is_some_and(|r| r.is_dirty()))
            .collect()
    }
    #[cfg(not(feature = "hydrate"))]
    {
        let _ = (user_id, kind);
        Vec::new()
    }
}
