//! Inovasi: the shared crate. Models, validation, the dictionary and the permission table compile
//! for both the browser and the server; `server` (database, sessions, authorization) only for ssr.

// Leptos views are deeply nested types; the default limit is too low for whole pages.
#![recursion_limit = "256"]

pub mod agreement;
pub mod api;
pub mod app;
pub mod assignment;
pub mod client;
pub mod combine;
pub mod components;
pub mod error;
pub mod i18n;
pub mod models;
pub mod pages;
pub mod permissions;
pub mod ranking;
pub mod routes;
pub mod sync;
pub mod validation;

#[cfg(feature = "ssr")]
pub mod server;

pub use app::{shell, App};
