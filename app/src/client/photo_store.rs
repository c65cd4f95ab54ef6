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

/// Waits for an IndexedDB request to settle: its result, or `Err` when it failed.
///
/// IndexedDB answers through events; one handler serves both outcomes (only one of them ever
/// fires) and is dropped once the request has settled, so nothing is left behind.
#[cfg(feature = "hydrate")]
async fn settled(request: &web_sys::IdbRequest) -> Result<JsValue, JsValue> {
    use leptos::wasm_bindgen::closure::Closure;
    let mut handler = None;
    let promise = js_sys::Promise::new(&mut |resolve, reject| {
        let req = request.clone();
        let settle = Closure::<dyn FnMut(web_sys::Event)>::new(move |_| {
            let _ = match req.error() {
                Ok(None) => resolve.call1(&JsValue::NULL, &req.result().unwrap_or_default()),
                _ => reject.call0(&JsValue::NULL),
            };
        });
        request.set_onsuccess(Some(settle.as_ref().unchecked_ref()));
        request.set_onerror(Some(settle.as_ref().unchecked_ref()));
        handler = Some(settle);
    });
    let outcome = wasm_bindgen_futures::JsFuture::from(promise).await;
    request.set_onsuccess(None);
    request.set_onerror(None);
    drop(handler);
    outcome
}

/// A write transaction's end: resolves once it is on disk (`complete`), fails when it errs or
/// is aborted. Watched from before its first request, so the end cannot pass unseen.
#[cfg(feature = "hydrate")]
struct Commit {
    tx: web_sys::IdbTransaction,
    done: wasm_bindgen_futures::JsFuture,
    _handlers: Vec<leptos::wasm_bindgen::closure::Closure<dyn FnMut(web_sys::Event)>>,
}

#[cfg(feature = "hydrate")]
impl Commit {
    fn watch(tx: web_sys::IdbTransaction) -> Commit {
        use leptos::wasm_bindgen::closure::Closure;
        let mut handlers = Vec::new();
        let promise = js_sys::Promise::new(&mut |resolve, reject| {
            let done = Closure::<dyn FnMut(web_sys::Event)>::new(move |_| {
                let _ = resolve.call0(&JsValue::NULL);
            });
            let failed = Closure::<dyn FnMut(web_sys::Event)>::new(move |_| {
                let _ = reject.call0(&JsValue::NULL);
            });
            tx.set_oncomplete(Some(done.as_ref().unchecked_ref()));
            tx.set_onerror(Some(failed.as_ref().unchecked_ref()));
            tx.set_onabort(Some(failed.as_ref().unchecked_ref()));
            handlers.extend([done, failed]);
        });
        Commit {
            tx,
            done: wasm_bindgen_futures::JsFuture::from(promise),
            _handlers: handlers,
        }
    }

    async fn finished(self) -> Result<(), JsValue> {
        let outcome = self.done.await.map(|_| ());
        self.tx.set_oncomplete(None);
        self.tx.set_onerror(None);
        self.tx.set_onabort(None);
        outcome
    }
}

/// Opens the store's database, creating its one object store on first use.
#[cfg(feature = "hydrate")]
async fn open() -> Result<web_sys::IdbDatabase, JsValue> {
    use leptos::wasm_bindgen::closure::Closure;
    let factory = web_sys::window()
        .ok_or(JsValue::NULL)?
        .indexed_db()?
        .ok_or(JsValue::NULL)?;
    let request = factory.open_with_u32(DB_NAME, 1)?;
    let upgrade_request = request.clone();
    let upgrade = Closure::<dyn FnMut(web_sys::Event)>::new(move |_| {
        let Ok(db) = upgrade_request.result() else {
            return;
        };
        let db: web_sys::IdbDatabase = db.unchecked_into();
        let params = web_sys::IdbObjectStoreParameters::new();
        params.set_key_path(&JsValue::from_str("id"));
        // Only fails when the store exists, which version 1's upgrade never meets.
        let _ = db.create_object_store_with_optional_parameters(STORE, &params);
    });
    request.set_onupgradeneeded(Some(upgrade.as_ref().unchecked_ref()));
    let db = settled(&request).await;
    request.set_onupgradeneeded(None);
    drop(upgrade);
    Ok(db?.unchecked_into())
}

/// The store within a new transaction of `mode`, with the transaction's end watched.
#[cfg(feature = "hydrate")]
fn store(
    db: &web_sys::IdbDatabase,
    mode: web_sys::IdbTransactionMode,
) -> Result<(Commit, web_sys::IdbObjectStore), JsValue> {
    let tx = db.transaction_with_str_and_mode(STORE, mode)?;
    let store = tx.object_store(STORE)?;
    Ok((Commit::watch(tx), store))
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
        let (tx, store) = store(&db, web_sys::IdbTransactionMode::Readwrite)?;
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
        settled(&store.put(&record)?).await?;
        // Kept only once the transaction is on disk, not when the request was accepted.
        let done = tx.finished().await;
        db.close();
        done
    };
    write.await.is_ok()
}

/// The photos of `owner` still on the device, oldest first.
#[cfg(feature = "hydrate")]
pub async fn list(owner: &str) -> Vec<KeptPhoto> {
    let read = async {
        let db = open().await?;
        let (_tx, store) = store(&db, web_sys::IdbTransactionMode::Readonly)?;
        let values = settled(&store.get_all()?).await;
        db.close();
        values
    };
    let values: js_sys::Array = read.await.map(JsCast::unchecked_into).unwrap_or_default();
    let mut photos: Vec<KeptPhoto> = values
        .iter()
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
        let (tx, store) = store(&db, web_sys::IdbTransactionMode::Readwrite)?;
        settled(&store.delete(&JsValue::from_str(id))?).await?;
        let done = tx.finished().await;
        db.close();
        done
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
