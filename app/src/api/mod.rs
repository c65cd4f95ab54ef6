//! Server functions, one file per domain. Each is thin: authorize (the permission table) →
//! parse its input → call into `crate::server`. Every endpoint name here has a rule in
//! `crate::permissions::RULES`.

pub mod agencies;
pub mod assignments;
pub mod attachments;
pub mod audit;
pub mod auth;
pub mod broadcasts;
pub mod compliance;
pub mod criteria;
pub mod form_builder;
pub mod home;
pub mod identity;
pub mod judging;
pub mod notifications;
pub mod preferences;
pub mod proposals;
pub mod results;
pub mod room;
pub mod rounds;
pub mod schedule;
pub mod screening;
pub mod slides;
pub mod users;
pub mod visits;
pub mod year;

pub use agencies::*;
pub use assignments::*;
pub use attachments::*;
pub use audit::*;
pub use auth::*;
pub use broadcasts::*;
pub use compliance::*;
pub use criteria::*;
pub use form_builder::*;
pub use home::*;
pub use identity::*;
pub use judging::*;
pub use notifications::*;
pub use preferences::*;
pub use proposals::*;
pub use results::*;
pub use room::*;
pub use rounds::*;
pub use schedule::*;
pub use screening::*;
pub use slides::*;
pub use users::*;
pub use visits::*;
pub use year::*;
