//! The storage boundary. Commands speak to the store in domain terms; the engine that
//! keeps the data (SQLite, in `sqlite/`) is named nowhere else.

pub mod sqlite;

pub use sqlite::{Store, interchange, kb, report, settings, tickets};
