//! File uploads with progress. `fetch` cannot report upload progress, so this uses
//! XMLHttpRequest against a multipart server function (`upload_attachment`,
//! `upload_visit_photo`: same permission rule, same error type as every other call).

use crate::error::AppError;
use crate::models::AttachmentInfo;

/// A file picked in the browser.
#[cfg(feature = "hydrate")]
pub type PickedFile = web_sys::File;
#[cfg(not(feature = "hydrate"))]
pub type PickedFile = ();

/// The parts of a multipart form, in order: text fields, then the file under `file`.
#[cfg(feature = "hydrate")]
pub struct Parts<'a> {
    pub fields: Vec<(&'static str, String)>,
    pub file: &'a web_sys::Blob,
    pub file_name: &'a str,
}

/// Sends one file as evidence; `progress` gets whole percentages, `done` the server's answer
/// (exactly once).
pub fn send(
    proposal_id: &str,
    question_id: i64,
    file: PickedFile,
    progress: impl Fn(u32) + 'static,
    done: impl FnOnce(Result<AttachmentInfo, AppError>) + 'static,
) {
    #[cfg(feature = "hydrate")]
    {
        let parts = Parts {
            fields: vec![
                ("proposal_id", proposal_id.to_string()),
                ("question_id", question_id.to_string()),
            ],
            file: &file,
            file_name: &file.name(),
        };
        send_form("/api/upload_attachment", parts, progress, done);
    }
    #[cfg(not(feature = "hydrate"))]
    {
        let _ = (proposal_id, question_id, file, progress, done);
    }
}

/// Posts `parts` to the multipart server function at `url`; `progress` gets whole percentages,
/// `done` the server's answer (exactly once; `Unreachable` when the network failed).
#[cfg(feature = "hydrate")]
pub fn send_form<T: serde::de::DeserializeOwned + 'static>(
    url: &str,
    parts: Parts<'_>,
    progress: impl Fn(u32) + 'static,
    done: impl FnOnce(Result<T, AppError>) + 'static,
) {
    use std::cell::RefCell;
    use std::rc::Rc;

    use leptos::wasm_bindgen::closure::Closure;
    use leptos::wasm_bindgen::{JsCast, JsValue};

    type Done<T> = Rc<RefCell<Option<Box<dyn FnOnce(Result<T, AppError>)>>>>;
    let done: Done<T> = Rc::new(RefCell::new(Some(Box::new(done))));
    fn finish<T>(done: &Done<T>, result: Result<T, AppError>) {
        if let Some(f) = done.borrow_mut().take() {
            f(result);
        }
    }

    let start = || -> Result<(), JsValue> {
        let form = web_sys::FormData::new()?;
        for (name, value) in &parts.fields {
            form.append_with_str(name, value)?;
        }
        form.append_with_blob_and_filename("file", parts.file, parts.file_name)?;
        let xhr = web_sys::XmlHttpRequest::new()?;
        xhr.open("POST", url)?;
        xhr.set_request_header("Accept", "application/json")?;

        let on_progress =
            Closure::<dyn FnMut(web_sys::ProgressEvent)>::new(move |e: web_sys::ProgressEvent| {
                if e.length_computable() && e.total() > 0.0 {
                    progress(((e.loaded() / e.total()) * 100.0) as u32);
                }
            });
        xhr.upload()?
            .set_onprogress(Some(on_progress.as_ref().unchecked_ref()));
        // One small closure per upload, alive for as long as the request may report.
        on_progress.forget();

        let answered = xhr.clone();
        let done_on_load = done.clone();
        let on_load = Closure::once_into_js(move || {
            let status = answered.status().unwrap_or(0);
            let text = answered.response_text().ok().flatten().unwrap_or_default();
            // Read as bytes, the way server functions' answers are, so the browser's code
            // holds one decoder per type rather than two (docs/architecture.md "Size").
            let result = if (200..300).contains(&status) {
                serde_json::from_slice::<T>(text.as_bytes()).map_err(|_| AppError::BadRequest {
                    detail: "unreadable answer".into(),
                })
            } else {
                Err(
                    serde_json::from_slice::<AppError>(text.as_bytes()).unwrap_or(
                        AppError::Internal {
                            reference: format!("HTTP {status}"),
                        },
                    ),
                )
            };
            finish(&done_on_load, result);
        });
        let done_on_error = done.clone();
        let on_error = Closure::once_into_js(move || {
            finish(&done_on_error, Err(AppError::Unreachable));
        });
        xhr.set_onload(Some(on_load.unchecked_ref()));
        xhr.set_onerror(Some(on_error.unchecked_ref()));
        xhr.send_with_opt_form_data(Some(&form))
    };
    if start().is_err() {
        finish(&done, Err(AppError::Unreachable));
    }
}
