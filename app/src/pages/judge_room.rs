//! `/judge/room`: the presentation room the judge sits in, followed live. When the moderator
//! puts a finalist on the stage the tablet opens that finalist's score sheet by itself (the
//! sheet keeps following the room; RoomScreen). A judge who sits in no room is told so.

use leptos::either::Either;
use leptos::prelude::*;

use crate::api::fetch_judge_room;
use crate::components::{loaded, EmptyState, PageTitle, RoomScreen};
use crate::i18n::{t, PageKey};
use crate::routes;

#[component]
pub fn JudgeRoomPage() -> impl IntoView {
    let data = Resource::new(|| (), |_| fetch_judge_room());
    view! {
        <PageTitle page=PageKey::JudgeRoomTitle />
        <p><a href=routes::JUDGE>{t(PageKey::BackToList)}</a></p>
        <h1>{t(PageKey::JudgeRoomTitle)}</h1>
        {loaded(data, |room| match room {
            None => Either::Left(view! {
                <EmptyState title=PageKey::JudgeRoomNone hint=PageKey::JudgeRoomNoneHint />
            }),
            Some(live) => Either::Right(view! {
                <p class="muted">{t(PageKey::JudgeRoomHint)}</p>
                <RoomScreen
                    room_id=live.room_id
                    known_start=live.started_seq
                    live=Some(live)
                    drive=false
                    follow=true
                    here=None
                />
            }),
        })}
    }
}
