//! Serde types shared by browser and server. Nothing in here knows about the database.

mod agency;
mod assignments;
mod audit;
mod competition;
mod compliance;
mod criteria;
mod form;
mod form_builder;
mod home;
mod judging;
mod notification;
mod proposal;
mod results;
mod screening;
mod sync;
mod user;
mod wizard;

pub use agency::*;
pub use assignments::*;
pub use audit::*;
pub use competition::*;
pub use compliance::*;
pub use criteria::*;
pub use form::*;
pub use form_builder::*;
pub use home::*;
pub use judging::*;
pub use notification::*;
pub use proposal::*;
pub use results::*;
pub use screening::*;
pub use sync::*;
pub use user::*;
pub use wizard::*;
