//! What every room stands on: the database pool, in-memory caches, the file store, mail,
//! password hashing, the session store, throttles, the audit trail, in-app notifications, their
//! e-mail and webhook deliveries, and backups.

pub mod audit;
pub mod backup;
pub mod cache;
pub mod db;
pub mod delivery;
pub mod files;
pub mod mail;
pub mod notice_mail;
pub mod notice_wording;
pub mod notify;
pub mod outbox;
pub mod page_store;
pub mod passwords;
pub mod session_store;
pub mod sync_receipts;
pub mod throttle;
pub mod webhook;
