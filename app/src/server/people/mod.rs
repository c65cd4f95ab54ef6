//! People: accounts and their one-time links, signing in and out, and the agencies they work for.

pub mod account_links;
pub mod agencies;
pub mod agency_import;
pub mod broadcasts;
pub mod login;
pub mod notice_prefs;
pub mod users;
