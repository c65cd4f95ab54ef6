//! `/admin/schedule/rooms/:id`: a room's board on the presentation day, for the projector or the
//! moderator's laptop — who is on the stage with the countdown, who is next, whose score sheets
//! are in, the moderator's presses — and the room's day in order, where any finalist can be put
//! on the stage (someone late goes later). Live through the room's stream (RoomScreen); every
//! press is a plain form.

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use crate::api::fetch_room_board;
use crate::components::{loaded, PageTitle, QueryError, RoomScreen};
use crate::i18n::{format_date, t, use_i18n, PageKey};
use crate::models::RoomBoard;
use crate::routes;

#[component]
pub fn RoomBoardPage() -> impl IntoView {
    let params = use_params_map();
    // A number that is not one is no room: "not found", like a room of another year.
    let id = params
        .read_untracked()
        .get("id")
        .and_then(|id| id.parse::<i64>().ok())
        .unwrap_or(0);
    let data = Resource::new(move || id, fetch_room_board);
    view! {
        <QueryError />
        {loaded(data, |board| view! { <Board board /> })}
    }
}

#[component]
fn Board(board: RoomBoard) -> impl IntoView {
    let i18n = use_i18n();
    let live = board.live;
    let room_id = live.room_id;
    let drivable = board.drivable;
    let on_stage = live.now.as_ref().map(|o| o.proposal_id.clone());
    view! {
        <PageTitle page=PageKey::RoomBoardTitle text=live.room.clone() />
        <p class="no-print">
            <a href=routes::ADMIN_SCHEDULE>{t(PageKey::BackToSchedule)}</a>
        </p>
        <h1>{t(PageKey::RoomBoardTitle)} ": " {live.room.clone()}</h1>
        <p class="muted no-print">{t(PageKey::RoomBoardHint)}</p>
        <RoomScreen
            room_id
            live=Some(live)
            drive=drivable
            follow=false
            known_start=0
            here=None
        />
        <section class="card room-day-card" aria-labelledby="room-day-title">
            <h2 id="room-day-title">{t(PageKey::RoomDay)}</h2>
            <ol class="room-day">
                {board.day.into_iter().map(|(slot, done)| {
                    let at = slot.starts_at;
                    let current = on_stage.as_deref() == Some(slot.proposal_id.as_str());
                    view! {
                        <li class=if done { "done" } else { "" }>
                            <span class="room-day-time">{move || format_date(at, i18n.lang.get())}</span>
                            " "
                            <strong>{slot.title.clone()}</strong>
                            " · "
                            <span class="muted">{slot.agency_name.clone()}</span>
                            {done.then(|| view! { " " <span class="badge">{t(PageKey::RoomDayDone)}</span> })}
                            {(drivable && !current).then(|| view! {
                                <form method="post" action="/api/control_room" class="room-press inline">
                                    <input type="hidden" name="room" value=room_id.to_string() />
                                    <input type="hidden" name="action" value="start" />
                                    <input type="hidden" name="proposal" value=slot.proposal_id.clone() />
                                    <button type="submit" class="button small">
                                        {t(PageKey::RoomStartThis)}
                                    </button>
                                </form>
                            })}
                        </li>
                    }
                }).collect_view()}
            </ol>
        </section>
    }
}
