//! Submission: proposals and their drafts on the way from the wizard to the head's approval,
//! evidence files (and the cleaned copy a blind judge reads), and the organisers' screening with
//! its administrative check and send-back.

pub mod attachments;
pub mod judge_copy;
pub mod proposals;
pub mod screening;
pub mod send_back;
