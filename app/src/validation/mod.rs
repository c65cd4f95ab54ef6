//! Parse, don't validate: each newtype can only hold a value that passed its rules. The same code
//! runs in the browser before a form is sent and in the server function, always.

mod account;
pub mod agency;
pub mod answers;
pub mod criteria;
pub mod dates;
pub mod form_builder;
pub mod phases;
pub mod sheet;

pub use account::*;
