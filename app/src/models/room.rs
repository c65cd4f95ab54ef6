//! The room board of the presentation day (docs/presentation.md): who is on the stage, who
//! is next, the countdown the moderator drives, and which judges of the panel have handed in.
//! One value serves the projector, the moderator and the judges' tablets; the server sends it
//! again over server-sent events whenever the room changes.

use serde::{Deserialize, Serialize};

/// What the finalist on the stage is doing.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Stage {
    /// Nobody on the stage: before the first presentation, or between two.
    Waiting,
    Presenting,
    Questions,
}

impl Stage {
    pub fn as_str(self) -> &'static str {
        match self {
            Stage::Waiting => "waiting",
            Stage::Presenting => "presenting",
            Stage::Questions => "questions",
        }
    }

    pub fn parse(text: &str) -> Option<Stage> {
        match text {
            "waiting" => Some(Stage::Waiting),
            "presenting" => Some(Stage::Presenting),
            "questions" => Some(Stage::Questions),
            _ => None,
        }
    }
}

/// A finalist of the room, as the board names it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct OnStage {
    pub proposal_id: String,
    pub title: String,
    pub agency_name: String,
    /// The scheduled start (ms, UTC).
    pub starts_at: i64,
    pub present_minutes: i64,
    pub question_minutes: i64,
    /// The slides' file name, when the agency uploaded them (`routes::slides`).
    pub slides: Option<String>,
}

/// A judge of the room's panel and whether their sheet of the finalist on the stage is in.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Seat {
    pub judge_id: i64,
    pub name: String,
    pub handed_in: bool,
}

/// The room as it is now.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RoomLive {
    pub room_id: i64,
    pub room: String,
    pub stage: Stage,
    /// On the stage (none while waiting).
    pub now: Option<OnStage>,
    /// The first finalist of the room's order who has not presented yet, besides the one on
    /// the stage.
    pub next: Option<OnStage>,
    /// The countdown runs (false: paused, or nobody on the stage).
    pub running: bool,
    /// Left of the stage's time when this value was made (ms; below zero: over time).
    pub remaining_ms: i64,
    /// Grows with every change of the room.
    pub seq: i64,
    /// `seq` when the finalist on the stage came on: a tablet opens that finalist's sheet once,
    /// when this grows past what it last saw.
    pub started_seq: i64,
    /// The panel, and who has handed in the sheet of the finalist on the stage.
    pub panel: Vec<Seat>,
    /// Finalists of the room who have presented.
    pub done: usize,
    /// Finalists scheduled in the room.
    pub scheduled: usize,
}

/// What the moderator asks of the room.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum RoomAction {
    /// Puts the next finalist (or the one named) on the stage presenting, or resumes the
    /// countdown when it is paused.
    Start,
    Pause,
    /// From the presentation to the questions; from the questions, closes the finalist's turn.
    Skip,
}

impl RoomAction {
    pub fn as_str(self) -> &'static str {
        match self {
            RoomAction::Start => "start",
            RoomAction::Pause => "pause",
            RoomAction::Skip => "skip",
        }
    }

    pub fn parse(text: &str) -> Option<RoomAction> {
        match text {
            "start" => Some(RoomAction::Start),
            "pause" => Some(RoomAction::Pause),
            "skip" => Some(RoomAction::Skip),
            _ => None,
        }
    }
}

/// The room a judge sits in on the presentation day, for the tablet to follow.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RoomFollow {
    pub room_id: i64,
    pub room: String,
    /// The room's `started_seq` when the page was made: only a later start moves the tablet.
    pub started_seq: i64,
}

/// The organiser's room board page: the room now, and the room's day in order.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RoomBoard {
    pub live: RoomLive,
    /// The room's finalists in the schedule's order, with whether each has presented.
    pub day: Vec<(OnStage, bool)>,
    /// The moderator may drive the room (the round is being judged).
    pub drivable: bool,
}
