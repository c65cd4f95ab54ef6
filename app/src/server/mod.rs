//! Server-only code: the database, sessions, password hashing, the authorization layer, and one
//! module per group of tables. Server functions in `api/` call into here.

pub mod account_links;
pub mod agencies;
pub mod agency_import;
pub mod attachments;
pub mod audit;
pub mod authz;
pub mod backup;
pub mod cache;
pub mod competitions;
pub mod compliance;
pub mod criteria;
pub mod db;
pub mod documents;
pub mod downloads;
pub mod exports;
pub mod file_response;
pub mod files;
pub mod form_builder;
pub mod form_return;
pub mod forms;
pub mod home;
pub mod judge_copy;
pub mod judging;
pub mod login;
pub mod mail;
pub mod new_year;
pub mod nul_guard;
pub mod page_scripts;
pub mod passwords;
pub mod proposals;
pub mod result_files;
pub mod results;
pub mod screening;
pub mod security_headers;
pub mod seed;
pub mod session_store;
pub mod state;
pub mod throttle;
pub mod users;
pub mod year_setup;

pub use db::Db;
pub use state::AppState;
