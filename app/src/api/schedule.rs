//! The presentation day's schedule (docs/presentation.md): rooms, their panels and the slots,
//! built by the organisers while the presentation round is judged.

use leptos::prelude::*;

use crate::error::AppError;
use crate::models::{JudgePick, Schedule, SlotInput};

#[server(prefix = "/api", endpoint = "fetch_schedule")]
pub async fn fetch_schedule() -> Result<Schedule, AppError> {
    use crate::server::{http::authz, presentation::schedule};
    let auth = authz::authorize::<FetchSchedule>().await?;
    schedule::load(&auth.state.db).await
}

/// Adds a room with the judges ticked to sit in it.
#[server(prefix = "/api", endpoint = "add_schedule_room")]
pub async fn add_schedule_room(
    name: String,
    judges: Option<Vec<JudgePick>>,
) -> Result<(), AppError> {
    use crate::server::{http::authz, presentation::schedule};
    let auth = authz::authorize::<AddScheduleRoom>().await?;
    let mut seated = Vec::new();
    for pick in judges.iter().flatten() {
        if pick.sit.as_deref().is_some_and(|v| !v.is_empty()) {
            seated.push(
                pick.judge_id
                    .trim()
                    .parse::<i64>()
                    .map_err(|_| AppError::NotFound)?,
            );
        }
    }
    schedule::add_room(&auth.state.db, auth.user()?, &name, &seated).await?;
    crate::api::auth::redirect_plain_form_post(&format!(
        "{}?saved=room",
        crate::routes::ADMIN_SCHEDULE
    ));
    Ok(())
}

/// Removes a room and the slots in it.
#[server(prefix = "/api", endpoint = "remove_schedule_room")]
pub async fn remove_schedule_room(room: String) -> Result<(), AppError> {
    use crate::server::{http::authz, presentation::schedule};
    let auth = authz::authorize::<RemoveScheduleRoom>().await?;
    let room: i64 = room.trim().parse().map_err(|_| AppError::NotFound)?;
    schedule::remove_room(&auth.state.db, auth.user()?, room).await?;
    crate::api::auth::redirect_plain_form_post(&format!(
        "{}?saved=room",
        crate::routes::ADMIN_SCHEDULE
    ));
    Ok(())
}

/// Saves every finalist's slot as the schedule form holds it.
#[server(prefix = "/api", endpoint = "save_schedule")]
pub async fn save_schedule(slots: Option<Vec<SlotInput>>) -> Result<(), AppError> {
    use crate::server::{http::authz, presentation::schedule};
    let auth = authz::authorize::<SaveSchedule>().await?;
    schedule::save(&auth.state.db, auth.user()?, &slots.unwrap_or_default()).await?;
    crate::api::auth::redirect_plain_form_post(&format!(
        "{}?saved=schedule",
        crate::routes::ADMIN_SCHEDULE
    ));
    Ok(())
}

/// Lays the whole day out at once: every finalist into the rooms in turn from the first start.
#[server(prefix = "/api", endpoint = "fill_schedule")]
pub async fn fill_schedule(
    fill_day: String,
    fill_start: String,
    fill_present: String,
    fill_questions: String,
    fill_gap: String,
) -> Result<(), AppError> {
    use crate::models::FillInput;
    use crate::server::{http::authz, presentation::schedule};
    let auth = authz::authorize::<FillSchedule>().await?;
    let input = FillInput {
        day: fill_day,
        start: fill_start,
        present: fill_present,
        questions: fill_questions,
        gap: fill_gap,
    };
    schedule::fill(&auth.state.db, auth.user()?, &input).await?;
    crate::api::auth::redirect_plain_form_post(&format!(
        "{}?saved=schedule",
        crate::routes::ADMIN_SCHEDULE
    ));
    Ok(())
}
