//! Browser-only helpers: the device's draft store, online status, file downloads. They compile
//! on the server too (islands render there) but do nothing there.

pub mod download;
pub mod draft_store;
pub mod online;
pub mod photo_store;
pub mod sync_engine;
pub mod upload;
