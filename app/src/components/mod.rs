//! Reusable pieces of the UI.

pub mod charts;
mod competition_card;
mod empty_state;
mod error_panel;
mod escape;
mod fix_request;
mod form_error;
mod header;
mod language_switch;
mod loaded;
mod page_title;
mod proposal_answers;
pub mod room_screen;
pub mod score_sheet;
mod status_badge;
mod sync_state;
mod unsynced_notice;
mod user_context;
pub mod visit;
pub mod wizard;

pub use competition_card::CompetitionCard;
pub use empty_state::EmptyState;
pub use error_panel::ErrorPanel;
pub use escape::{escape_html, escape_lines, textarea_text};
pub use fix_request::{FixItemLabel, FixRequestNotice};
pub use form_error::{
    error_from_query, field_error, kept_field, kept_form, FieldProblem, FlashedError, KeptForm,
    QueryError, ERROR_PARAM,
};
pub use header::{go_to, AdminSubNav, Header};
pub use language_switch::LanguageSwitch;
pub use loaded::loaded;
pub use page_title::PageTitle;
pub use proposal_answers::{render_value, ProposalAnswers};
pub use room_screen::RoomScreen;
pub use status_badge::StatusBadge;
pub use sync_state::SyncStateLine;
pub use unsynced_notice::UnsyncedNotice;
pub use user_context::UserContext;
pub use visit::VisitChecklist;
