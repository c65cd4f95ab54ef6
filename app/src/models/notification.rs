//! Notifications: what happened that a person should know, told in the app (the bell in the
//! header and `/notifications`).

use serde::{Deserialize, Serialize};

/// What happened, with what the sentence names. Stored as JSON beside its kind; the page says
/// it in the reader's language.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Notice {
    /// A member asks the head to approve and hand the proposal in.
    AwaitingApproval { proposal_id: String, title: String },
    /// The head sent the proposal back to its writers, saying what to change.
    ReturnedToDraft {
        proposal_id: String,
        title: String,
        note: String,
    },
    /// The head handed the proposal in to the competition.
    Submitted { proposal_id: String, title: String },
    /// Screening passed or failed the proposal, with the organisers' reason.
    Screened {
        proposal_id: String,
        title: String,
        passed: bool,
        reason: String,
    },
    /// The organisers sent the proposal back to be fixed by the end of `fix_by`.
    SentBack {
        proposal_id: String,
        title: String,
        fix_by: i64,
    },
    /// The organisers extended the agency's deadline.
    DeadlineExtended { deadline_at: i64, reason: String },
    /// The organisers reopened a sheet the judge had handed in, saying why.
    SheetReopened {
        proposal_id: String,
        title: String,
        reason: String,
    },
}

impl Notice {
    /// The kind's name (`notifications.kind`).
    pub fn kind(&self) -> &'static str {
        match self {
            Notice::AwaitingApproval { .. } => "awaiting_approval",
            Notice::ReturnedToDraft { .. } => "returned_to_draft",
            Notice::Submitted { .. } => "submitted",
            Notice::Screened { .. } => "screened",
            Notice::SentBack { .. } => "sent_back",
            Notice::DeadlineExtended { .. } => "deadline_extended",
            Notice::SheetReopened { .. } => "sheet_reopened",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct NotificationItem {
    pub id: i64,
    pub notice: Notice,
    pub created_at: i64,
    pub read: bool,
}

/// `/notifications`: the newest first, and how many are unread in all.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct NotificationList {
    pub items: Vec<NotificationItem>,
    pub unread: u32,
}
