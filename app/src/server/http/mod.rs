//! The door: the authorization layer (one table, two doors), security headers, request guards,
//! the public pages kept whole, the routes that hand over files, the rooms' live streams, and where a form posted without script goes back to.

pub mod admin_exports;
pub mod authz;
pub mod downloads;
pub mod file_response;
pub mod form_return;
pub mod nul_guard;
pub mod page_cache;
pub mod page_scripts;
pub mod result_files;
pub mod room_stream;
pub mod security_headers;
pub mod state;
