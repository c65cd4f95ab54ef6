//! Serde types shared by browser and server. Nothing in here knows about the database.

mod agency;
mod competition;
mod home;
mod proposal;
mod user;

pub use agency::*;
pub use competition::*;
pub use home::*;
pub use proposal::*;
pub use user::*;
