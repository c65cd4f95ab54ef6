//! The room board of the presentation day (docs/presentation.md): the organisers' board of a
//! room with the moderator's presses, and the room a judge sits in. The live stream itself is a
//! plain route (`server/presentation/hub.rs`, `server/http/room_stream.rs`).

use leptos::prelude::*;

use crate::error::AppError;
use crate::models::{RoomBoard, RoomLive};

/// A room of the presentation round, now and its day.
#[server(prefix = "/api", endpoint = "fetch_room_board")]
pub async fn fetch_room_board(room: i64) -> Result<RoomBoard, AppError> {
    use crate::server::{http::authz, presentation::room};
    let auth = authz::authorize::<FetchRoomBoard>().await?;
    room::board(&auth.state.db, room).await
}

/// The moderator's press: `start` (the next finalist, the one named by `proposal`, or the
/// paused countdown again), `pause`, `skip`. Every screen of the room hears of it at once.
#[server(prefix = "/api", endpoint = "control_room")]
pub async fn control_room(
    room: String,
    action: String,
    proposal: Option<String>,
) -> Result<(), AppError> {
    use crate::models::RoomAction;
    use crate::server::{http::authz, presentation::room};
    let auth = authz::authorize::<ControlRoom>().await?;
    // Anything else is a tampered form: the board only ever posts these.
    let room_id: i64 = room.trim().parse().map_err(|_| AppError::NotFound)?;
    let action = RoomAction::parse(action.trim()).ok_or(AppError::NotFound)?;
    let proposal = proposal.filter(|p| !p.trim().is_empty());
    let db = &auth.state.db;
    if room::control(db, auth.user()?, room_id, action, proposal.as_deref()).await? {
        auth.state.live.changed(db, room_id).await;
    }
    crate::api::auth::redirect_plain_form_post(&crate::routes::admin_room(room_id));
    Ok(())
}

/// The room the calling judge sits in on the presentation day, now (none: no such room).
#[server(prefix = "/api", endpoint = "fetch_judge_room")]
pub async fn fetch_judge_room() -> Result<Option<RoomLive>, AppError> {
    use crate::server::{http::authz, presentation::room};
    let auth = authz::authorize::<FetchJudgeRoom>().await?;
    let db = &auth.state.db;
    match room::seat_of(db, auth.user()?.id).await? {
        Some(seat) => Ok(Some(room::live(db, seat.room_id).await?)),
        None => Ok(None),
    }
}
