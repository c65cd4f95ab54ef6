//! The competition year as the organisers run it: years and phase dates, phase changes and
//! settings, the rounds it is judged in, categories and criteria, the proposal form and its
//! builder, starting a new year, and the compliance register of who has taken part.

pub mod competitions;
pub mod compliance;
pub mod criteria;
pub mod form;
pub mod form_builder;
pub mod new_year;
pub mod reminders;
pub mod rounds;
pub mod setup;
