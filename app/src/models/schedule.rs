//! The presentation day's schedule as the organisers build it and the agencies read it
//! (docs/presentation.md).

use serde::{Deserialize, Serialize};

/// A room of the presentation round and the judges who sit in it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Room {
    pub id: i64,
    pub name: String,
    /// (judge id, name), by name.
    pub judges: Vec<(i64, String)>,
}

/// When and where a finalist presents.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Slot {
    pub room_id: i64,
    /// When the presentation starts (ms, UTC).
    pub starts_at: i64,
    pub present_minutes: i64,
    pub question_minutes: i64,
}

impl Slot {
    /// When the questions end (ms).
    pub fn ends_at(&self) -> i64 {
        self.starts_at + (self.present_minutes + self.question_minutes) * 60_000
    }
}

/// A finalist of the presentation round and its slot, if it has one yet.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ScheduleRow {
    pub proposal_id: String,
    pub title: String,
    pub agency_name: String,
    pub slot: Option<Slot>,
}

/// The schedule page: the current round when it is a presentation, its rooms, its finalists in
/// the order they were sent on with their slots, and the year's judges to seat.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Schedule {
    pub year: i32,
    /// The current round's place, when it is a presentation round (none: nothing to schedule).
    pub round: Option<i64>,
    pub rooms: Vec<Room>,
    pub rows: Vec<ScheduleRow>,
    /// (judge id, name) of the year's judges, by name.
    pub judges: Vec<(i64, String)>,
    /// The schedule may change: the round is under way and not locked.
    pub editable: bool,
}

/// One finalist's slot as typed on the schedule form: the room (its id, empty: none yet), the day
/// (`2026-12-08`), the start (`09.30` or `09:30`, WIB) and the minutes.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct SlotInput {
    pub proposal_id: String,
    #[serde(default)]
    pub room: String,
    #[serde(default)]
    pub day: String,
    #[serde(default)]
    pub start: String,
    #[serde(default)]
    pub present: String,
    #[serde(default)]
    pub questions: String,
}

/// The whole day laid out at once, as typed: the day, the first start, the minutes for each
/// presentation and its questions, and the minutes between two slots.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct FillInput {
    #[serde(default)]
    pub day: String,
    #[serde(default)]
    pub start: String,
    #[serde(default)]
    pub present: String,
    #[serde(default)]
    pub questions: String,
    #[serde(default)]
    pub gap: String,
}

/// One judge on the new-room form: the judge, and "1" when ticked to sit in the room.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct JudgePick {
    pub judge_id: String,
    #[serde(default)]
    pub sit: Option<String>,
}

/// The agency's own slot, as its home page shows it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AgencySlot {
    pub proposal_id: String,
    pub title: String,
    pub room: String,
    pub slot: Slot,
    /// The slides uploaded for it, if any.
    pub slides: Option<SlidesInfo>,
}

/// Slides uploaded for a presentation.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SlidesInfo {
    pub file_name: String,
    pub size_bytes: i64,
    /// When (ms, UTC).
    pub uploaded_at: i64,
}
