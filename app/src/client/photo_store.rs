//! The photos of a field visit kept on the tablet until the server has them (docs/sync.md
//! "Photos"). Local storage holds a few megabytes of text, so photos — 2–6 MB each, a dozen a
//! visit — go into IndexedDB, which keeps `Blob`s as they are, within the origin's quota (a
//! share of the disk). One object store, `photos`, keyed by the id the tablet gave the photo;
//! each record names its owner (`<user id>/<proposal id>`), so a tablet shared by two judges, or
//! used for several visits, keeps each visit's photos apart.
//!
//! A record is deleted only once the server has answered that it holds the photo.

#[cfg(feature = "hydrate")]
use leptos::wasm_bindgen::{JsCast, JsValue};

#[cfg(feature = "hydrate")]
const DB_NAME: &str = "inovasi-photos";
#[cfg(feature = "hydrate")]
const STORE: &str = "photos";

/// A photo as kept on the device.
#[derive(Clone, Debug)]
pub struct KeptPhoto {
    pub id: String,
    pub claim: Option<i64>,
    pub taken_at: i64,
    /// The server's refusal, once given (the photo stays until the visitor removes it).
    pub refused: Option<String>,
    #[cfg(feature = "hydrate")]
    pub blob: web_sys::Blob,
}

/// The owner part of a record: whose visit, to which finalist.
pub fn owner(user_id: i64, proposal_id: &str) -> String {
    format!("{user_id}/{proposal_id}")
}

#[cfg(feature = "hydrate")]
async fn open() -> Result<idb::Database, idb::Error> {
    let factory = idb::Factory::new()?;
    let mut request = factory.open(DB_NAME, Some(1))?;
    request.on_upgrade_needed(|event| {
        use idb::DatabaseEvent;
        let Ok(db) = event.database() else { return };
        let mut params = idb::ObjectStoreParams::new();
        params.key_path(Some(idb::KeyPath::new_single("id")));
        // Only fails when the store exists, which version 1's upgrade never meets.
        let _ = db.create_object_store(STORE, params);
    });
    request.await
}

#[cfg(feature = "hydrate")]
fn set(object: &js_sys::Object, key: &str, value: &JsValue) {
    let _ = js_sys::Reflect::set(object, &JsValue::from_str(key), value);
}

#[cfg(feature = "hydrate")]
fn get(object: &JsValue, key: &str) -> JsValue {
    js_sys::Reflect::get(object, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
}

/// Keeps a photo (or updates its record); false when the device could not keep it.
#[cfg(feature = "hydrate")]
pub async fn keep(owner: &str, photo: &KeptPhoto) -> bool {
    let write = async {
        let db = open().await?;
        let tx = db.transaction(&[STORE], idb::TransactionMode::ReadWrite)?;
        let store = tx.object_store(STORE)?;
        let record = js_sys::Object::new();
        set(&record, "id", &JsValue::from_str(&photo.id));
        set(&record, "owner", &JsValue::from_str(owner));
        set(
            &record,
            "claim",
            &photo
                .claim
                .map_or(JsValue::NULL, |c| JsValue::from_f64(c as f64)),
        );
        set(
            &record,
            "taken_at",
            &JsValue::from_f64(photo.taken_at as f64),
        );
        set(
            &record,
            "refused",
            &photo
                .refused
                .as_deref()
                .map_or(JsValue::NULL, JsValue::from_str),
        );
        set(&record, "blob", &photo.blob);
        store.put(&record, None)?.await?;
        tx.commit()?.await?;
        db.close();
        Ok::<_, idb::Error>(())
    };
    write.await.is_ok()
}

/// The photos of `owner` still on the device, oldest first.
#[cfg(feature = "hydrate")]
pub async fn list(owner: &str) -> Vec<KeptPhoto> {
    let read = async {
        let db = open().await?;
        let tx = db.transaction(&[STORE], idb::TransactionMode::ReadOnly)?;
        let values = tx.object_store(STORE)?.get_all(None, None)?.await?;
        db.close();
        Ok::<_, idb::Error>(values)
    };
    let mut photos: Vec<KeptPhoto> = read
        .await
        .unwrap_or_default()
        .into_iter()
        .filter(|v| get(v, "owner").as_string().as_deref() == Some(owner))
        .filter_map(|v| {
            Some(KeptPhoto {
                id: get(&v, "id").as_string()?,
                claim: get(&v, "claim").as_f64().map(|c| c as i64),
                taken_at: get(&v, "taken_at").as_f64()? as i64,
                refused: get(&v, "refused").as_string(),
                blob: get(&v, "blob").dyn_into::<web_sys::Blob>().ok()?,
            })
        })
        .collect();
    photos.sort_by_key(|p| p.taken_at);
    photos
}

/// Removes a photo from the device (the server has it, or the visitor removed a refused one).
#[cfg(feature = "hydrate")]
pub async fn forget(id: &str) {
    let delete = async {
        let db = open().await?;
        let tx = db.transaction(&[STORE], idb::TransactionMode::ReadWrite)?;
        tx.object_store(STORE)?
            .delete(JsValue::from_str(id))?
            .await?;
        tx.commit()?.await?;
        db.close();
        Ok::<_, idb::Error>(())
    };
    let _ = delete.await;
}

/// Asks the browser to keep this origin's storage under pressure too (photos waiting for the
/// network must not be evicted); the browser may say no, which changes nothing else.
#[cfg(feature = "hydrate")]
pub fn ask_to_persist() {
    if let Some(window) = web_sys::window() {
        let _ = window.navigator().storage().persist();
    }
}
