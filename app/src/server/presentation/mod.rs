//! The presentation day (issue 16; docs/presentation.md): a presentation round's rooms, the
//! judges who sit in each, and when each finalist presents and answers questions. The agencies
//! read their own slot on their home page.

pub mod schedule;
