//! What the proposal wizard page is rendered from.

use serde::{Deserialize, Serialize};

use super::{AttachmentInfo, Fields, ProposalForm, ProposalStatus, Role};

/// The server's copy of a proposal, as far as the wizard needs it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ProposalState {
    pub id: String,
    pub version: i64,
    pub status: ProposalStatus,
    pub fields: Fields,
    pub attachments: Vec<AttachmentInfo>,
    /// The agency head's note when the proposal was sent back for revision.
    pub head_note: Option<String>,
    pub agency_name: String,
}

impl ProposalState {
    /// The proposal's title as stored (masked, in a judge's blind copy), if it has one.
    pub fn title(&self) -> Option<&str> {
        self.fields
            .get(crate::models::TITLE_FIELD)
            .and_then(|v| v.as_str())
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct WizardData {
    pub form: ProposalForm,
    /// The proposal id: the one asked for, or empty for a new proposal (whose id the device
    /// mints: `wizard::WizardCtx::new`).
    pub proposal_id: String,
    /// `None` for a proposal the server has not seen yet (new, or begun offline).
    pub proposal: Option<ProposalState>,
    /// Local drafts are kept per user, so two people on one computer never mix.
    pub user_id: i64,
    pub role: Role,
    /// The server clock when the page was made, for "deadline passed" without trusting the device.
    pub now: i64,
    /// The organisers' preview of the form: the wizard as an agency sees it, keeping nothing on
    /// the device and sending nothing.
    #[serde(default)]
    pub preview: bool,
}

/// A proposal with its form, for the reading and printing view.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ProposalPrint {
    pub form: ProposalForm,
    pub state: ProposalState,
}
