//! The presentation day (issue 16; docs/presentation.md): a presentation round's rooms, the
//! judges who sit in each, and when each finalist presents and answers questions. The agencies
//! read their own slot on their home page. On the day each room has its board (room.rs), which
//! every screen of the room follows live (hub.rs, and http/room_stream.rs).

pub mod hub;
pub mod room;
pub mod schedule;
pub mod slides;
