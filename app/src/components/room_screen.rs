//! A screen of a presentation room (docs/presentation.md): the board on the projector or the
//! moderator's laptop, the judge's room page, and the line above a judge's score sheet. It
//! listens to the room's stream (`/live/rooms/<id>`) and shows who is on the stage, the
//! countdown, who is next and whose sheets are in. On a judge's tablet it opens the score
//! sheet of each finalist who comes on, once, as the moderator starts them.
//!
//! The moderator's presses are plain forms (they work without script, and the page comes back
//! with the room as it now is); the server-rendered screen is complete without the stream, it
//! just does not move by itself.

use leptos::prelude::*;

use crate::i18n::{provide_i18n, use_i18n, Key};
use crate::models::{OnStage, RoomLive, Stage};
use crate::routes;

/// The browser's clock (ms); the countdown counts from when the room was received, so a tablet
/// whose clock is wrong still shows the right time left.
fn now() -> f64 {
    #[cfg(feature = "hydrate")]
    {
        js_sys::Date::now()
    }
    #[cfg(not(feature = "hydrate"))]
    {
        0.0
    }
}

fn seen_key(room_id: i64) -> String {
    format!("inovasi.room.{room_id}.seen")
}

/// The latest start of the room this device has followed.
fn seen_start(room_id: i64) -> i64 {
    #[cfg(feature = "hydrate")]
    {
        use gloo_storage::Storage;
        gloo_storage::LocalStorage::get::<i64>(seen_key(room_id)).unwrap_or(0)
    }
    #[cfg(not(feature = "hydrate"))]
    {
        let _ = seen_key(room_id);
        0
    }
}

#[cfg(feature = "hydrate")]
fn note_start(room_id: i64, seq: i64) {
    use gloo_storage::Storage;
    let _ = gloo_storage::LocalStorage::set(seen_key(room_id), seq);
}

/// `12:05`, or `+0:35` over time.
pub fn countdown(ms: i64) -> String {
    let over = ms < 0;
    let secs = (ms.abs() + if over { 0 } else { 999 }) / 1000;
    format!(
        "{}{}:{:02}",
        if over { "+" } else { "" },
        secs / 60,
        secs % 60
    )
}

// An island in the score sheet's bundle, the only one a page with it is ever served when the
// lighter bundles are built (server/http/page_scripts.rs): the full bundle of a release build
// leaves it out (21 KiB it would carry for the wizard's pages). A development build, which has
// only the full bundle, keeps it (docs/architecture.md "Size").
#[cfg_attr(
    any(
        not(feature = "hydrate"),
        feature = "bundle-sheet",
        all(debug_assertions, not(feature = "bundle-home"))
    ),
    island
)]
#[cfg_attr(
    not(any(
        not(feature = "hydrate"),
        feature = "bundle-sheet",
        all(debug_assertions, not(feature = "bundle-home"))
    )),
    component
)]
pub fn RoomScreen(
    room_id: i64,
    /// The room as the page was made; none above a score sheet, which waits for the stream.
    live: Option<RoomLive>,
    /// The moderator's presses (the organisers' board while the round is judged).
    drive: bool,
    /// Open the score sheet of a finalist who comes on after `known_start` (a judge's tablet).
    follow: bool,
    known_start: i64,
    /// The finalist whose score sheet this page is (none: the room page).
    here: Option<String>,
) -> impl IntoView {
    provide_i18n();
    let i18n = use_i18n();
    let compact = here.is_some();
    let room = RwSignal::new(live);
    let received = RwSignal::new(now());
    let clock = RwSignal::new(now());
    let lost = RwSignal::new(false);
    // A cached copy of the page (the service worker's, offline) may be older than the device's
    // last look at the room: the device's own note wins, so a finalist's sheet opens by itself
    // once per start, never again when the judge went back to an earlier sheet.
    let known = StoredValue::new(known_start.max(seen_start(room_id)));
    let here = StoredValue::new(here);

    #[cfg(feature = "hydrate")]
    {
        let _ = set_interval_with_handle(
            move || clock.set(now()),
            std::time::Duration::from_millis(500),
        );
        let heard = move |next: RoomLive| {
            received.set(now());
            lost.set(false);
            if follow {
                if let Some(on) = &next.now {
                    let moved = next.started_seq > known.get_value();
                    let elsewhere = here.with_value(|h| h.as_deref() != Some(&on.proposal_id));
                    if moved && elsewhere {
                        if let Some(w) = web_sys::window() {
                            let _ = w.location().assign(&routes::judge_sheet(&on.proposal_id));
                        }
                    }
                }
                known.set_value(known.get_value().max(next.started_seq));
                note_start(room_id, known.get_value());
            }
            room.set(Some(next));
        };
        listen(
            room_id,
            std::rc::Rc::new(heard),
            std::rc::Rc::new(move || lost.set(true)),
        );
    }

    #[cfg(not(feature = "hydrate"))]
    let _ = known;

    let left = move || {
        room.with(|r| {
            r.as_ref().map_or(0, |r| {
                let gone = if r.running {
                    (clock.get() - received.get()) as i64
                } else {
                    0
                };
                r.remaining_ms - gone
            })
        })
    };
    let t = move |key: Key| i18n.t(key);

    view! {
        <div class=if compact { "room-screen compact no-print" } else { "room-screen" }>
            <Show when=move || lost.get()>
                <p class="notice-warning room-lost" role="status">{move || t(Key::RoomLiveLost)}</p>
            </Show>
            {move || {
                room.get().map(|r| {
                    let stage = r.stage;
                    let running = r.running;
                    let stage_text = match (stage, running) {
                        (Stage::Waiting, _) => t(Key::RoomWaiting),
                        (_, false) => t(Key::RoomPaused),
                        (Stage::Presenting, true) => t(Key::RoomPresenting),
                        (Stage::Questions, true) => t(Key::RoomQuestions),
                    };
                    let on = r.now.clone();
                    let sheet_link = on.as_ref().and_then(|o| {
                        let elsewhere = here.with_value(|h| h.as_deref() != Some(&o.proposal_id));
                        (follow && elsewhere).then(|| view! {
                            <a class="button primary" href=routes::judge_sheet(&o.proposal_id)>
                                {t(Key::RoomOpenSheet)}
                            </a>
                        })
                    });
                    let handed = r.panel.iter().filter(|s| s.handed_in).count();
                    view! {
                        <section class=format!("card room-now stage-{}", stage.as_str()) aria-live="polite">
                            <p class="room-stage">{r.room.clone()} " · " {stage_text}</p>
                            {on.map(|o| {
                                let slides = (!compact && o.slides.is_some()).then(|| view! {
                                    <a class="button" href=routes::slides(&o.proposal_id) target="_blank" rel="noopener">
                                        {t(Key::RoomOpenSlides)}
                                    </a>
                                });
                                view! {
                                    <h2 class="room-title">{o.title}</h2>
                                    <p class="room-agency">{o.agency_name}</p>
                                    {slides}
                                }
                            })}
                            {(stage != Stage::Waiting).then(|| view! {
                                // A timer is read on request, never announced each second.
                                <p
                                    role="timer"
                                    aria-live="off"
                                    class=move || if left() < 0 { "room-clock over" } else { "room-clock" }
                                >
                                    {move || countdown(left())}
                                </p>
                            })}
                            {sheet_link}
                        </section>
                        {(!compact).then(|| view! {
                            <Next next=r.next.clone() />
                            <section class="card room-panel">
                                <h2>
                                    {t(Key::RoomSheetsIn)
                                        .replace("{n}", &handed.to_string())
                                        .replace("{m}", &r.panel.len().to_string())}
                                </h2>
                                <ul class="room-seats">
                                    {r.panel.iter().map(|s| view! {
                                        <li class=if s.handed_in { "seat in" } else { "seat" }>
                                            {s.name.clone()} ": "
                                            <strong>{if s.handed_in { t(Key::RoomSheetIn) } else { t(Key::RoomSheetOpen) }}</strong>
                                        </li>
                                    }).collect_view()}
                                </ul>
                                <p class="muted">
                                    {t(Key::RoomProgress)
                                        .replace("{done}", &r.done.to_string())
                                        .replace("{n}", &r.scheduled.to_string())}
                                </p>
                            </section>
                        })}
                        {(drive && !compact).then(|| view! { <Presses room_id stage running has_next=r.next.is_some() /> })}
                    }
                })
            }}
        </div>
    }
}

#[component]
fn Next(next: Option<OnStage>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <section class="card room-next">
            <h2>{move || i18n.t(Key::RoomNext)}</h2>
            {match next {
                Some(n) => view! {
                    <p><strong>{n.title}</strong></p>
                    <p class="muted">{n.agency_name}</p>
                }.into_any(),
                None => view! { <p class="muted">{move || i18n.t(Key::RoomNobodyNext)}</p> }.into_any(),
            }}
        </section>
    }
}

/// The moderator's presses: plain forms to the server function, which brings the page back.
#[component]
fn Presses(room_id: i64, stage: Stage, running: bool, has_next: bool) -> impl IntoView {
    let i18n = use_i18n();
    let press = move |action: &'static str, label: Key, class: &'static str| {
        view! {
            <form method="post" action="/api/control_room" class="room-press">
                <input type="hidden" name="room" value=room_id.to_string() />
                <input type="hidden" name="action" value=action />
                <button type="submit" class=format!("button {class}")>{move || i18n.t(label)}</button>
            </form>
        }
    };
    view! {
        <div class="room-presses" role="group" aria-label=move || i18n.t(Key::RoomPresses)>
            {match stage {
                Stage::Waiting => has_next
                    .then(|| press("start", Key::RoomStartNext, "primary"))
                    .into_any(),
                _ => view! {
                    {if running {
                        press("pause", Key::RoomPause, "")
                    } else {
                        press("start", Key::RoomResume, "primary")
                    }}
                    {press(
                        "skip",
                        if stage == Stage::Presenting { Key::RoomToQuestions } else { Key::RoomEndTurn },
                        "",
                    )}
                }
                .into_any(),
            }}
        </div>
    }
}

/// Listens to the room's stream for the page's lifetime: `heard` gets each room sent, `lost`
/// says the connection dropped. The browser reconnects by itself after a network error; after
/// an answer that is not a stream (a server shutting down, a proxy's error page) it gives up,
/// so then a new stream is opened here after a pause.
#[cfg(feature = "hydrate")]
fn listen(room_id: i64, heard: std::rc::Rc<dyn Fn(RoomLive)>, lost: std::rc::Rc<dyn Fn()>) {
    use leptos::wasm_bindgen::closure::Closure;
    use leptos::wasm_bindgen::JsCast;
    let Ok(source) = web_sys::EventSource::new(&routes::room_events(room_id)) else {
        return;
    };
    let on_room = {
        let heard = heard.clone();
        Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |e: web_sys::MessageEvent| {
            if let Some(room) = e
                .data()
                .as_string()
                .and_then(|text| serde_json::from_str::<RoomLive>(&text).ok())
            {
                heard(room);
            }
        })
    };
    let _ = source.add_event_listener_with_callback("room", on_room.as_ref().unchecked_ref());
    on_room.forget();
    let on_error = {
        let source = source.clone();
        Closure::<dyn FnMut()>::new(move || {
            lost();
            if source.ready_state() == web_sys::EventSource::CLOSED {
                let (heard, lost) = (heard.clone(), lost.clone());
                set_timeout(
                    move || listen(room_id, heard, lost),
                    std::time::Duration::from_secs(5),
                );
            }
        })
    };
    source.set_onerror(Some(on_error.as_ref().unchecked_ref()));
    on_error.forget();
}

#[cfg(test)]
mod tests {
    use super::countdown;

    #[test]
    fn the_countdown_rounds_up_and_shows_time_over_with_a_plus() {
        assert_eq!(countdown(600_000), "10:00");
        assert_eq!(countdown(599_001), "10:00");
        assert_eq!(countdown(59_000), "0:59");
        assert_eq!(countdown(0), "0:00");
        assert_eq!(countdown(-35_400), "+0:35");
    }
}
