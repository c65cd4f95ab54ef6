//! `GET /live/rooms/<id>`: a room's server-sent-events stream (docs/presentation.md "Live"), for
//! the organisers and the judges who sit in the room. It sends the room at once, then again
//! whenever the room hub says it changed, and every `REFRESH` regardless (an announcement lost
//! while a Postgres listener reconnected costs at most that long). It ends when the room is gone
//! or the server shuts down; the browser's `EventSource` then reconnects.

use std::convert::Infallible;
use std::time::Duration;

use axum::extract::{Path, State};
use axum::http::{HeaderValue, StatusCode};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use axum::Extension;
use tokio::sync::broadcast;

use crate::error::AppError;
use crate::models::RoomLive;
use crate::server::http::authz::{authorize_route, Principal};
use crate::server::http::form_return::refuse;
use crate::server::presentation::hub::EVERY_ROOM;
use crate::server::presentation::room;
use crate::server::AppState;

/// How often a stream reads its room even when nothing was announced.
const REFRESH: Duration = Duration::from_secs(20);

pub async fn room_events(
    State(state): State<AppState>,
    principal: Option<Extension<Principal>>,
    Path(id): Path<String>,
) -> Response {
    let principal = Principal::of(principal);
    match open(&state, principal, &id).await {
        Ok(response) => response,
        Err(e) => refuse(e),
    }
}

async fn open(state: &AppState, principal: Principal, id: &str) -> Result<Response, AppError> {
    let auth = authorize_route(state, principal, crate::permissions::route::ROOM_EVENTS)?;
    let room_id: i64 = id.parse().map_err(|_| AppError::NotFound)?;
    room::may_watch(&state.db, auth.user()?, room_id).await?;
    // Listening before the first read: a change between the two is not missed.
    let changes = state.live.subscribe();
    let mut closing = state.live.closing();
    if *closing.borrow_and_update() {
        return Ok(StatusCode::SERVICE_UNAVAILABLE.into_response());
    }
    let first = room::live(&state.db, room_id).await?;
    let db = state.db.clone();
    let stream = futures_util::stream::unfold(
        (Some(first), changes, closing, db),
        move |(first, mut changes, mut closing, db)| async move {
            if let Some(live) = first {
                return Some((
                    Ok::<_, Infallible>(event(&live)),
                    (None, changes, closing, db),
                ));
            }
            loop {
                let wake = tokio::select! {
                    wake = tokio::time::timeout(REFRESH, changes.recv()) => wake,
                    _ = closing.changed() => return None,
                };
                let read = match wake {
                    Ok(Ok(room)) => room == room_id || room == EVERY_ROOM,
                    Ok(Err(broadcast::error::RecvError::Lagged(_))) | Err(_) => true,
                    Ok(Err(broadcast::error::RecvError::Closed)) => return None,
                };
                if !read {
                    continue;
                }
                // A room that is gone (removed, or the round moved on) ends the stream; the
                // screen's reconnect then gets "not found".
                let live = room::live(&db, room_id).await.ok()?;
                return Some((Ok(event(&live)), (None, changes, closing, db)));
            }
        },
    );
    let mut response = Sse::new(stream)
        .keep_alive(KeepAlive::default())
        .into_response();
    // A proxy in front must not hold the stream back to buffer it.
    response
        .headers_mut()
        .insert("x-accel-buffering", HeaderValue::from_static("no"));
    Ok(response)
}

fn event(live: &RoomLive) -> Event {
    Event::default()
        .event("room")
        .data(serde_json::to_string(live).unwrap_or_default())
}
