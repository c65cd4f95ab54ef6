//! The photos of a visit: taken with the tablet's camera (`capture`), kept on the device at once
//! (IndexedDB), sent one at a time when there is a network, and removed from the device only
//! once the server has answered that it holds them. Each shows where it stands: on the device
//! waiting, uploading with its progress, sent, or refused with the reason (a file that is not a
//! photo). A refused photo stays until the visitor removes it.

use std::collections::HashMap;

use leptos::prelude::*;

use crate::i18n::{format_date, t, use_i18n, Key, Lang};
use crate::models::VisitPhoto;
use crate::routes;

use super::ctx::VisitCtx;

/// Where one photo stands. (The server renders only sent photos; the rest live in the browser.)
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(not(feature = "hydrate"), allow(dead_code))]
enum PhotoState {
    /// Kept on this device, waiting for the network.
    OnDevice,
    Uploading(u32),
    /// The server has it.
    Sent,
    /// The server refused it (the reason, in words).
    Refused(String),
    /// The server no longer takes photos for this visit (judging closed, signed out); the photo
    /// stays on the device.
    Stopped(String),
}

#[derive(Clone, Debug, PartialEq)]
struct Shown {
    id: String,
    claim: Option<i64>,
    taken_at: i64,
    /// The image's address: the server's route once sent, the device's copy before.
    src: String,
    state: PhotoState,
}

/// The visit's photos and the loop that sends them (which runs in the browser only).
#[derive(Clone, Copy)]
#[cfg_attr(not(feature = "hydrate"), allow(dead_code))]
pub struct PhotoShelf {
    photos: RwSignal<Vec<Shown>>,
    /// The device could not keep a photo: it is safe only once sent.
    not_kept: RwSignal<bool>,
    busy: StoredValue<bool>,
    stopped: StoredValue<bool>,
    backoff_ms: StoredValue<u64>,
    owner: StoredValue<String>,
    proposal_id: StoredValue<String>,
    lang: RwSignal<Lang>,
    /// The photos still on the device, by id (browser objects, so kept on this thread only).
    #[cfg(feature = "hydrate")]
    blobs: StoredValue<HashMap<String, web_sys::Blob>, LocalStorage>,
    #[cfg(not(feature = "hydrate"))]
    blobs: StoredValue<HashMap<String, ()>>,
}

impl PhotoShelf {
    pub fn new(user_id: i64, proposal_id: &str, on_server: &[VisitPhoto]) -> Self {
        let photos = on_server
            .iter()
            .map(|p| Shown {
                id: p.id.clone(),
                claim: p.claim,
                taken_at: p.taken_at,
                src: routes::visit_photo(&p.id),
                state: PhotoState::Sent,
            })
            .collect();
        PhotoShelf {
            photos: RwSignal::new(photos),
            not_kept: RwSignal::new(false),
            busy: StoredValue::new(false),
            stopped: StoredValue::new(false),
            backoff_ms: StoredValue::new(1000),
            owner: StoredValue::new(crate::client::photo_store::owner(user_id, proposal_id)),
            proposal_id: StoredValue::new(proposal_id.to_string()),
            lang: use_i18n().lang,
            #[cfg(feature = "hydrate")]
            blobs: StoredValue::new_local(HashMap::new()),
            #[cfg(not(feature = "hydrate"))]
            blobs: StoredValue::new(HashMap::new()),
        }
    }

    /// After hydration: bring in the photos this device still keeps for the visit (those the
    /// server already has are dropped from the device), and send the rest.
    pub fn start(self) {
        #[cfg(feature = "hydrate")]
        {
            Effect::new(move |prev: Option<()>| {
                if prev.is_some() {
                    return;
                }
                leptos::task::spawn_local(async move {
                    use crate::client::photo_store;
                    let kept = photo_store::list(&self.owner.get_value()).await;
                    for photo in kept {
                        let on_server = self
                            .photos
                            .with_untracked(|list| list.iter().any(|p| p.id == photo.id));
                        if on_server {
                            photo_store::forget(&photo.id).await;
                            continue;
                        }
                        let src = web_sys::Url::create_object_url_with_blob(&photo.blob)
                            .unwrap_or_default();
                        let state = match photo.refused.clone() {
                            Some(reason) => PhotoState::Refused(reason),
                            None => PhotoState::OnDevice,
                        };
                        self.blobs.update_value(|b| {
                            b.insert(photo.id.clone(), photo.blob.clone());
                        });
                        self.photos.update(|list| {
                            list.push(Shown {
                                id: photo.id,
                                claim: photo.claim,
                                taken_at: photo.taken_at,
                                src,
                                state,
                            });
                            list.sort_by_key(|p| p.taken_at);
                        });
                    }
                    self.pump();
                });
                let online = window_event_listener(leptos::ev::online, move |_| {
                    self.backoff_ms.set_value(1000);
                    self.pump();
                });
                on_cleanup(move || online.remove());
            });
        }
    }

    /// New photos from the camera (or the file picker), for a claim or the visit as a whole.
    #[cfg(feature = "hydrate")]
    fn take(self, files: web_sys::FileList, claim: Option<i64>) {
        use crate::client::photo_store::{self, KeptPhoto};
        photo_store::ask_to_persist();
        for i in 0..files.length() {
            let Some(file) = files.get(i) else { continue };
            let blob: web_sys::Blob = file.into();
            let id = uuid::Uuid::new_v4().to_string();
            let taken_at = crate::client::sync_engine::js_now();
            let src = web_sys::Url::create_object_url_with_blob(&blob).unwrap_or_default();
            self.blobs.update_value(|b| {
                b.insert(id.clone(), blob.clone());
            });
            self.photos.update(|list| {
                list.push(Shown {
                    id: id.clone(),
                    claim,
                    taken_at,
                    src,
                    state: PhotoState::OnDevice,
                })
            });
            let photo = KeptPhoto {
                id,
                claim,
                taken_at,
                refused: None,
                blob,
            };
            leptos::task::spawn_local(async move {
                if !photo_store::keep(&self.owner.get_value(), &photo).await {
                    self.not_kept.set(true);
                }
                self.pump();
            });
        }
    }

    /// Sends the next photo waiting on the device, if the network is there and nothing is in
    /// flight.
    #[cfg(feature = "hydrate")]
    fn pump(self) {
        use crate::client::upload::{send_form, Parts};
        use crate::error::AppError;

        if self.busy.get_value() || self.stopped.get_value() || !crate::client::online::is_online()
        {
            return;
        }
        let Some(next) = self.photos.with_untracked(|list| {
            list.iter()
                .find(|p| p.state == PhotoState::OnDevice)
                .cloned()
        }) else {
            return;
        };
        let Some(blob) = self.blobs.with_value(|b| b.get(&next.id).cloned()) else {
            return;
        };
        self.busy.set_value(true);
        self.set_state(&next.id, PhotoState::Uploading(0));
        let mut fields = vec![
            ("proposal_id", self.proposal_id.get_value()),
            ("photo_id", next.id.clone()),
            ("taken_at", next.taken_at.to_string()),
        ];
        if let Some(claim) = next.claim {
            fields.push(("claim", claim.to_string()));
        }
        let id = next.id.clone();
        let progress_id = next.id.clone();
        let name = format!("foto-{}.jpg", next.id);
        send_form::<VisitPhoto>(
            "/api/upload_visit_photo",
            Parts {
                fields,
                file: &blob,
                file_name: &name,
            },
            move |n| self.set_state(&progress_id, PhotoState::Uploading(n.min(99))),
            move |result| {
                self.busy.set_value(false);
                let lang = self.lang.get_untracked();
                match result {
                    Ok(_) => {
                        self.set_state(&id, PhotoState::Sent);
                        self.backoff_ms.set_value(1000);
                        let forget = id.clone();
                        self.blobs.update_value(|b| {
                            b.remove(&forget);
                        });
                        leptos::task::spawn_local(async move {
                            crate::client::photo_store::forget(&forget).await;
                        });
                        self.pump();
                    }
                    Err(e @ (AppError::Invalid(_) | AppError::BadRequest { .. })) => {
                        let reason = e.message(lang);
                        self.set_state(&id, PhotoState::Refused(reason.clone()));
                        self.remember_refusal(&id, reason);
                        self.pump();
                    }
                    Err(
                        e @ (AppError::NotFound
                        | AppError::Forbidden
                        | AppError::WrongPhase
                        | AppError::ConflictOfInterest
                        | AppError::Unauthenticated),
                    ) => {
                        self.stopped.set_value(true);
                        self.set_state(&id, PhotoState::Stopped(e.message(lang)));
                    }
                    Err(_) => {
                        // Unreachable, or the server failed: the photo waits on the device
                        // and goes again later (at once when the browser is back online).
                        self.set_state(&id, PhotoState::OnDevice);
                        let wait = self.backoff_ms.get_value();
                        self.backoff_ms.set_value((wait * 2).min(60_000));
                        set_timeout(move || self.pump(), std::time::Duration::from_millis(wait));
                    }
                }
            },
        );
    }

    #[cfg(feature = "hydrate")]
    fn set_state(self, id: &str, state: PhotoState) {
        self.photos.update(|list| {
            if let Some(p) = list.iter_mut().find(|p| p.id == id) {
                p.state = state;
            }
        });
    }

    /// Keeps the server's refusal with the photo on the device, so a reload shows it too.
    #[cfg(feature = "hydrate")]
    fn remember_refusal(self, id: &str, reason: String) {
        use crate::client::photo_store::KeptPhoto;
        let Some((claim, taken_at)) = self.photos.with_untracked(|list| {
            list.iter()
                .find(|p| p.id == id)
                .map(|p| (p.claim, p.taken_at))
        }) else {
            return;
        };
        let Some(blob) = self.blobs.with_value(|b| b.get(id).cloned()) else {
            return;
        };
        let photo = KeptPhoto {
            id: id.to_string(),
            claim,
            taken_at,
            refused: Some(reason),
            blob,
        };
        leptos::task::spawn_local(async move {
            crate::client::photo_store::keep(&self.owner.get_value(), &photo).await;
        });
    }

    /// The visitor removes a refused photo from the device.
    fn remove(self, id: String) {
        self.photos.update(|list| {
            if let Some(at) = list.iter().position(|p| p.id == id) {
                let shown = list.remove(at);
                #[cfg(feature = "hydrate")]
                let _ = web_sys::Url::revoke_object_url(&shown.src);
                #[cfg(not(feature = "hydrate"))]
                let _ = shown;
            }
        });
        self.blobs.update_value(|b| {
            b.remove(&id);
        });
        #[cfg(feature = "hydrate")]
        leptos::task::spawn_local(async move {
            crate::client::photo_store::forget(&id).await;
        });
    }
}

/// "3 photos waiting for the network", and a warning when the device could not keep one.
#[component]
pub fn WaitingLine() -> impl IntoView {
    let shelf = expect_context::<PhotoShelf>();
    let i18n = use_i18n();
    let waiting = move || {
        shelf.photos.with(|list| {
            list.iter()
                .filter(|p| matches!(p.state, PhotoState::OnDevice | PhotoState::Uploading(_)))
                .count()
        })
    };
    view! {
        <Show when=move || { waiting() > 0 }>
            <p class="photos-waiting" role="status">
                {move || Key::PhotosWaiting.text(i18n.lang.get()).replace("{n}", &waiting().to_string())}
            </p>
        </Show>
        <Show when=move || shelf.not_kept.get()>
            <p class="banner-warning" role="alert">{t(Key::PhotoNotKept)}</p>
        </Show>
    }
}

/// The photos of one claim (or of the visit as a whole), each with its state.
#[component]
pub fn PhotoList(claim: Option<i64>) -> impl IntoView {
    let shelf = expect_context::<PhotoShelf>();
    let i18n = use_i18n();
    let mine = move || {
        shelf.photos.with(|list| {
            list.iter()
                .filter(|p| p.claim == claim)
                .cloned()
                .collect::<Vec<_>>()
        })
    };
    view! {
        <ul class="photos">
            <For each=mine key=|p| (p.id.clone(), format!("{:?}", p.state)) let:photo>
                {
                    let lang = i18n.lang.get_untracked();
                    let alt = Key::PhotoAlt.text(lang).replace("{time}", &format_date(photo.taken_at, lang));
                    let (class, label, reason) = match &photo.state {
                        PhotoState::OnDevice => ("on-device", Key::PhotoOnDevice.text(lang).to_string(), None),
                        PhotoState::Uploading(n) => (
                            "uploading",
                            Key::PhotoUploading.text(lang).replace("{n}", &n.to_string()),
                            None,
                        ),
                        PhotoState::Sent => ("sent", Key::PhotoUploaded.text(lang).to_string(), None),
                        PhotoState::Refused(r) => ("refused", Key::PhotoRefused.text(lang).to_string(), Some(r.clone())),
                        PhotoState::Stopped(r) => ("stopped", Key::PhotoStopped.text(lang).to_string(), Some(r.clone())),
                    };
                    let refused = matches!(photo.state, PhotoState::Refused(_));
                    let id = photo.id.clone();
                    view! {
                        <li class=format!("photo {class}") data-photo=photo.id.clone() data-state=class>
                            <img src=photo.src.clone() alt=alt width="160" height="120" loading="lazy" />
                            <span class="photo-state">{label}{reason.map(|r| format!(": {r}"))}</span>
                            {refused.then(|| view! {
                                <button type="button" class="button small" on:click=move |_| shelf.remove(id.clone())>
                                    {t(Key::PhotoRemove)}
                                </button>
                            })}
                        </li>
                    }
                }
            </For>
        </ul>
    }
}

/// The camera button: on a tablet it opens the back camera; elsewhere it picks image files.
#[component]
pub fn TakePhoto(claim: Option<i64>) -> impl IntoView {
    let ctx = expect_context::<VisitCtx>();
    let shelf = expect_context::<PhotoShelf>();
    let id = match claim {
        Some(n) => format!("photo-claim-{n}"),
        None => "photo-other".to_string(),
    };
    let label_for = id.clone();
    let on_change = move |ev: leptos::ev::Event| {
        #[cfg(feature = "hydrate")]
        {
            use leptos::wasm_bindgen::JsCast;
            let Some(input) = ev
                .target()
                .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
            else {
                return;
            };
            if let Some(files) = input.files() {
                shelf.take(files, claim);
            }
            // The same photo file may be chosen again (a retake).
            input.set_value("");
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = (ev, shelf, claim);
    };
    view! {
        <label class="button take-photo" class:disabled=move || ctx.read_only.get() for=label_for>
            {t(Key::TakePhoto)}
            <input
                id=id
                class="visually-hidden"
                type="file"
                accept="image/*"
                capture="environment"
                multiple
                disabled=move || ctx.read_only.get()
                on:change=on_change
            />
        </label>
    }
}
