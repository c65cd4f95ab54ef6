//! Server-only code, in one room per capability (docs/architecture.md, "Where things go"). The
//! server functions in `api/` and the pages in `pages/` call into the room of the same name:
//!
//! - `people`: accounts, invitations, signing in, agencies.
//! - `year`: the competition year, its phases and dates, categories and criteria, the proposal
//!   form, a new year, the compliance register.
//! - `submission`: proposals and their drafts, evidence files, screening.
//! - `judging`: assignment, conflicts, score sheets, blind reading.
//! - `presentation`: the presentation day: rooms, their panels, the schedule.
//! - `visits`: field verification: a field round's checklist, the judges' visit reports and
//!   their photos.
//! - `results`: the ranking's inputs, deliberation, feedback, the public gallery.
//! - `documents`: the PDF, CSV and XLSX writers the results are handed over in, and the crest's
//!   checks.
//! - `identity`: the regency as its documents name it — government, place, crest, signatories,
//!   numbering.
//! - `home`: the figures behind each role's home page.
//! - `demo`: the demo year `inovasi seed-demo` writes.
//! - `infra`: what every room stands on: the database, caches, files, mail, passwords,
//!   sessions, throttles, the audit trail, backups.
//! - `http`: the door: authorization, security headers, request guards, the file routes, where a
//!   plain form goes back to.
//!
//! A room may use `infra` and the rooms listed before it; `infra` uses none of them
//! (`server/tests/module_graph.rs` holds every room to that).

pub mod demo;
pub mod documents;
pub mod home;
pub mod http;
pub mod identity;
pub mod infra;
pub mod judging;
pub mod people;
pub mod presentation;
pub mod results;
pub mod submission;
pub mod visits;
pub mod year;

pub use http::state::AppState;
pub use infra::db::Db;
