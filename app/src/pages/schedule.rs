//! `/admin/schedule`: the presentation day's schedule, built while the presentation round is
//! judged — the rooms and who sits in each, the whole day laid out at once, then each
//! finalist's slot adjusted — and printed per room for the meeting room's door. Plain forms
//! throughout.

use leptos::either::Either;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::api::{fetch_schedule, AddScheduleRoom, FillSchedule, RemoveScheduleRoom, SaveSchedule};
use crate::components::{
    field_error, kept_form, loaded, EmptyState, FieldProblem, PageTitle, QueryError,
};
use crate::error::{Field, Input};
use crate::i18n::{format_date, iso_clock, iso_day, t, use_i18n, PageKey};
use crate::models::{Room, Schedule, ScheduleRow, Slot, SlotInput};
use crate::routes;

#[component]
pub fn SchedulePage() -> impl IntoView {
    let data = Resource::new(|| (), |_| fetch_schedule());
    let saved = use_query_map().read_untracked().get("saved").is_some();
    view! {
        <PageTitle page=PageKey::ScheduleTitle />
        <h1>{t(PageKey::ScheduleTitle)}</h1>
        <QueryError anchor=schedule_input />
        {saved.then(|| view! { <p class="card notice-info no-print" role="status">{t(PageKey::Saved)}</p> })}
        {loaded(data, |schedule| match schedule.round {
            None => Either::Left(view! {
                <EmptyState title=PageKey::ScheduleNone hint=PageKey::ScheduleNoneHint />
            }),
            Some(_) => Either::Right(view! { <Plan schedule /> }),
        })}
    }
}

/// The id of the input a refused post is about.
fn schedule_input(field: &Field) -> Option<String> {
    match field {
        Field::Slot { row, part } => Some(format!("slot-{row}-{}", part.name())),
        Field::Input(Input::Name) => Some("room-name".into()),
        Field::Input(input) if input.name().starts_with("fill_") => {
            Some(input.name().replace('_', "-"))
        }
        _ => None,
    }
}

#[component]
fn Plan(schedule: Schedule) -> impl IntoView {
    let editable = schedule.editable;
    let rooms = schedule.rooms.clone();
    view! {
        <PerRoom rooms=schedule.rooms.clone() rows=schedule.rows.clone() />
        <Rooms rooms=schedule.rooms.clone() judges=schedule.judges.clone() editable />
        {(editable && !rooms.is_empty()).then(|| view! { <Fill /> })}
        {(!rooms.is_empty()).then(|| view! { <Slots rooms rows=schedule.rows editable /> })}
    }
}

/// The day per room, in time order: what the moderator and the agencies read, and what is
/// printed for the meeting room's door.
#[component]
fn PerRoom(rooms: Vec<Room>, rows: Vec<ScheduleRow>) -> impl IntoView {
    let i18n = use_i18n();
    let unscheduled = rows.iter().filter(|r| r.slot.is_none()).count();
    view! {
        <section class="card" aria-labelledby="per-room-title">
            <h2 id="per-room-title">{t(PageKey::SchedulePerRoom)}</h2>
            {(unscheduled > 0).then(|| view! {
                <p class="notice-info">{move || PageKey::ScheduleUnscheduled.text(i18n.lang.get()).replace("{n}", &unscheduled.to_string())}</p>
            })}
            {rooms.into_iter().map(|room| {
                let mut here: Vec<(ScheduleRow, Slot)> = rows
                    .iter()
                    .filter_map(|r| {
                        let slot = r.slot.clone().filter(|s| s.room_id == room.id)?;
                        Some((r.clone(), slot))
                    })
                    .collect();
                here.sort_by_key(|(_, s)| s.starts_at);
                let panel = room.judges.iter().map(|(_, n)| n.clone()).collect::<Vec<_>>().join(", ");
                let heading = format!("room-{}", room.id);
                // Printed, each room starts a page of its own: the sheet for that room's door.
                view! {
                    <div class="schedule-room">
                        <h3 id=heading.clone()>{room.name.clone()}</h3>
                        <p class="muted">{move || PageKey::SchedulePanel.text(i18n.lang.get()).replace("{judges}", &panel)}</p>
                        <p class="no-print">
                            <a class="button" href=routes::admin_room(room.id)>
                                {t(PageKey::RoomBoardOpen)} " " {room.name.clone()}
                            </a>
                        </p>
                        {if here.is_empty() {
                            Either::Left(view! { <p class="muted">{t(PageKey::ScheduleRoomEmpty)}</p> })
                        } else {
                            Either::Right(view! {
                                <div class="table-scroll" tabindex="0" role="region" aria-labelledby=heading>
                                    <table class="table">
                                        <thead>
                                            <tr>
                                                <th scope="col">{t(PageKey::ScheduleStart)}</th>
                                                <th scope="col">{t(PageKey::ColProposal)}</th>
                                                <th scope="col" class="num">{t(PageKey::SchedulePresent)}</th>
                                                <th scope="col" class="num">{t(PageKey::ScheduleQuestions)}</th>
                                            </tr>
                                        </thead>
                                        <tbody>
                                            {here.into_iter().map(|(r, slot)| {
                                                let at = slot.starts_at;
                                                view! {
                                                    <tr>
                                                        <td>{move || format_date(at, i18n.lang.get())}</td>
                                                        <td>{r.title.clone()} <br /> <span class="muted">{r.agency_name.clone()}</span></td>
                                                        <td class="num">{slot.present_minutes}</td>
                                                        <td class="num">{slot.question_minutes}</td>
                                                    </tr>
                                                }
                                            }).collect_view()}
                                        </tbody>
                                    </table>
                                </div>
                            })
                        }}
                    </div>
                }
            }).collect_view()}
        </section>
    }
}

/// The rooms and their panels; a new room with the judges ticked to sit in it.
#[component]
fn Rooms(rooms: Vec<Room>, judges: Vec<(i64, String)>, editable: bool) -> impl IntoView {
    let add = ServerAction::<AddScheduleRoom>::new();
    let kept = kept_form::<AddScheduleRoom>();
    let name = kept.as_ref().map(|k| k.name.clone()).unwrap_or_default();
    let ticked: Vec<String> = kept
        .and_then(|k| k.judges)
        .unwrap_or_default()
        .into_iter()
        .filter(|p| p.sit.as_deref().is_some_and(|v| !v.is_empty()))
        .map(|p| p.judge_id)
        .collect();
    let name_err = field_error(Input::Name.name());
    let bad = name_err.is_some();
    view! {
        <section class="card no-print" aria-labelledby="rooms-title">
            <h2 id="rooms-title">{t(PageKey::ScheduleRooms)}</h2>
            <p class="muted">{t(PageKey::ScheduleRoomsHint)}</p>
            <ul class="list">
                {rooms.into_iter().map(|room| {
                    let remove = ServerAction::<RemoveScheduleRoom>::new();
                    let label = format!("{} {}", PageKey::ScheduleRemoveRoom.text(use_i18n().lang.get_untracked()), room.name);
                    view! {
                        <li class="list-item">
                            <span class="list-title">{room.name.clone()}</span>
                            <span class="muted">{room.judges.iter().map(|(_, n)| n.clone()).collect::<Vec<_>>().join(", ")}</span>
                            {editable.then(|| view! {
                                <ActionForm action=remove>
                                    <input type="hidden" name="room" value=room.id.to_string() />
                                    <button type="submit" class="button small" aria-label=label>{t(PageKey::ScheduleRemove)}</button>
                                </ActionForm>
                            })}
                        </li>
                    }
                }).collect_view()}
            </ul>
            {editable.then(|| view! {
                <ActionForm action=add>
                    <div class="field">
                        <label for="room-name">{t(PageKey::ScheduleRoomName)}</label>
                        <input type="text" id="room-name" name="name" value=name maxlength="80" required
                            aria-invalid=bad.then_some("true") aria-describedby="room-name-error" autofocus=bad />
                        <FieldProblem id="room-name-error".to_string() message=name_err />
                    </div>
                    <fieldset class="field">
                        <legend>{t(PageKey::SchedulePanelLabel)}</legend>
                        {judges.into_iter().enumerate().map(|(i, (id, judge))| {
                            let (check_id, label_for) = (format!("room-judge-{id}"), format!("room-judge-{id}"));
                            let checked = ticked.contains(&id.to_string());
                            view! {
                                <label class="check" for=label_for>
                                    <input type="hidden" name=format!("judges[{i}][judge_id]") value=id.to_string() />
                                    <input type="checkbox" id=check_id name=format!("judges[{i}][sit]") value="1" checked=checked />
                                    {judge}
                                </label>
                            }
                        }).collect_view()}
                    </fieldset>
                    <button type="submit" class="button">{t(PageKey::ScheduleAddRoom)}</button>
                </ActionForm>
            })}
        </section>
    }
}

/// The whole day at once: the day, the first start, the minutes.
#[component]
fn Fill() -> impl IntoView {
    let fill = ServerAction::<FillSchedule>::new();
    let kept = kept_form::<FillSchedule>();
    let value = |f: fn(&FillSchedule) -> String, default: &str| {
        kept.as_ref().map_or_else(|| default.to_string(), f)
    };
    let fields = [
        (
            "fill-day",
            "fill_day",
            "date",
            PageKey::ScheduleDay,
            value(|k| k.fill_day.clone(), ""),
        ),
        (
            "fill-start",
            "fill_start",
            "time",
            PageKey::ScheduleStart,
            value(|k| k.fill_start.clone(), "09:00"),
        ),
        (
            "fill-present",
            "fill_present",
            "number",
            PageKey::SchedulePresent,
            value(|k| k.fill_present.clone(), "15"),
        ),
        (
            "fill-questions",
            "fill_questions",
            "number",
            PageKey::ScheduleQuestions,
            value(|k| k.fill_questions.clone(), "10"),
        ),
        (
            "fill-gap",
            "fill_gap",
            "number",
            PageKey::ScheduleGap,
            value(|k| k.fill_gap.clone(), "5"),
        ),
    ];
    view! {
        <section class="card no-print" aria-labelledby="fill-title">
            <h2 id="fill-title">{t(PageKey::ScheduleFillTitle)}</h2>
            <p class="muted">{t(PageKey::ScheduleFillHint)}</p>
            <ActionForm action=fill>
                <div class="criterion-grid">
                    {fields.into_iter().map(|(id, name, kind, label, value)| {
                        let err = field_error(name);
                        let bad = err.is_some();
                        view! {
                            <div class="field">
                                <label for=id>{t(label)}</label>
                                <input type=kind id=id name=name value=value required
                                    min=(kind == "number").then_some("0") max=(kind == "number").then_some("120")
                                    aria-invalid=bad.then_some("true") aria-describedby=format!("{id}-error") autofocus=bad />
                                <FieldProblem id=format!("{id}-error") message=err />
                            </div>
                        }
                    }).collect_view()}
                </div>
                <button type="submit" class="button primary">{t(PageKey::ScheduleFill)}</button>
            </ActionForm>
        </section>
    }
}

/// Every finalist's slot, one row each: as stored, or as typed when the save was refused.
#[component]
fn Slots(rooms: Vec<Room>, rows: Vec<ScheduleRow>, editable: bool) -> impl IntoView {
    let save = ServerAction::<SaveSchedule>::new();
    let kept: Vec<SlotInput> = kept_form::<SaveSchedule>()
        .and_then(|k| k.slots)
        .unwrap_or_default();
    view! {
        <section class="card no-print" aria-labelledby="slots-title">
            <h2 id="slots-title">{t(PageKey::ScheduleSlots)}</h2>
            <ActionForm action=save>
                <div class="table-scroll" tabindex="0" role="region" aria-labelledby="slots-title">
                    <table class="table">
                        <thead>
                            <tr>
                                <th scope="col">{t(PageKey::ColProposal)}</th>
                                <th scope="col">{t(PageKey::ScheduleRoom)}</th>
                                <th scope="col">{t(PageKey::ScheduleDay)}</th>
                                <th scope="col">{t(PageKey::ScheduleStart)}</th>
                                <th scope="col">{t(PageKey::SchedulePresent)}</th>
                                <th scope="col">{t(PageKey::ScheduleQuestions)}</th>
                            </tr>
                        </thead>
                        <tbody>
                            {rows.into_iter().enumerate().map(|(i, r)| {
                                let row = i + 1;
                                let typed = kept.iter().find(|k| k.proposal_id == r.proposal_id).cloned();
                                let stored = SlotInput {
                                    proposal_id: r.proposal_id.clone(),
                                    room: r.slot.as_ref().map(|s| s.room_id.to_string()).unwrap_or_default(),
                                    day: r.slot.as_ref().map(|s| iso_day(s.starts_at)).unwrap_or_default(),
                                    start: r.slot.as_ref().map(|s| iso_clock(s.starts_at)).unwrap_or_default(),
                                    present: r.slot.as_ref().map(|s| s.present_minutes.to_string()).unwrap_or_default(),
                                    questions: r.slot.as_ref().map(|s| s.question_minutes.to_string()).unwrap_or_default(),
                                };
                                let v = typed.unwrap_or(stored);
                                let id = move |part: &str| format!("slot-{row}-{part}");
                                let name = move |part: &str| format!("slots[{i}][{part}]");
                                let err = |part: &str| field_error(&format!("slots.{row}.{part}"));
                                let (room_err, day_err, start_err, present_err, questions_err) =
                                    (err("room"), err("day"), err("start"), err("present"), err("questions"));
                                let title = r.title.clone();
                                let label = move |key: PageKey| format!("{} {}", key.text(use_i18n().lang.get_untracked()), title);
                                let room_label = label(PageKey::ScheduleRoom);
                                let day_label = label(PageKey::ScheduleDay);
                                let start_label = label(PageKey::ScheduleStart);
                                let present_label = label(PageKey::SchedulePresent);
                                let questions_label = label(PageKey::ScheduleQuestions);
                                let room_value = v.room.clone();
                                view! {
                                    <tr>
                                        <td>
                                            {r.title.clone()} <br /> <span class="muted">{r.agency_name.clone()}</span>
                                            <input type="hidden" name=name("proposal_id") value=r.proposal_id.clone() />
                                        </td>
                                        <td>
                                            <select id=id("room") name=name("room") aria-label=room_label disabled=!editable
                                                aria-invalid=room_err.is_some().then_some("true") autofocus=room_err.is_some()>
                                                <option value="" selected=room_value.is_empty()>"—"</option>
                                                {rooms.iter().map(|room| view! {
                                                    <option value=room.id.to_string() selected={room_value == room.id.to_string()}>{room.name.clone()}</option>
                                                }).collect_view()}
                                            </select>
                                            <FieldProblem id=id("room-error") message=room_err />
                                        </td>
                                        <td>
                                            <input type="date" id=id("day") name=name("day") value=v.day aria-label=day_label disabled=!editable
                                                aria-invalid=day_err.is_some().then_some("true") aria-describedby=id("day-error") autofocus=day_err.is_some() />
                                            <FieldProblem id=id("day-error") message=day_err />
                                        </td>
                                        <td>
                                            <input type="time" id=id("start") name=name("start") value=v.start aria-label=start_label disabled=!editable
                                                aria-invalid=start_err.is_some().then_some("true") aria-describedby=id("start-error") autofocus=start_err.is_some() />
                                            <FieldProblem id=id("start-error") message=start_err />
                                        </td>
                                        <td>
                                            <input type="number" id=id("present") name=name("present") value=v.present min="1" max="120" aria-label=present_label disabled=!editable
                                                aria-invalid=present_err.is_some().then_some("true") aria-describedby=id("present-error") autofocus=present_err.is_some() />
                                            <FieldProblem id=id("present-error") message=present_err />
                                        </td>
                                        <td>
                                            <input type="number" id=id("questions") name=name("questions") value=v.questions min="0" max="120" aria-label=questions_label disabled=!editable
                                                aria-invalid=questions_err.is_some().then_some("true") aria-describedby=id("questions-error") autofocus=questions_err.is_some() />
                                            <FieldProblem id=id("questions-error") message=questions_err />
                                        </td>
                                    </tr>
                                }
                            }).collect_view()}
                        </tbody>
                    </table>
                </div>
                {editable.then(|| view! { <button type="submit" class="button primary">{t(PageKey::ScheduleSave)}</button> })}
            </ActionForm>
        </section>
    }
}
