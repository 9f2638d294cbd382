//! Interchange records for `desk import`: one JSON object (a ticket in the shape `show
//! --format json` prints, or an article with `"type": "article"`) or one CSV row,
//! validated field by field into domain values. Pure: no I/O, no database. The import
//! command reads the file, numbers the lines, and files what this module returns.
//!
//! JSON is parsed into a borrowed tree ([`Json`]) rather than `serde_json::Value`: no
//! map hashing, and strings without escapes are not copied, which matters at a million
//! tickets. CSV rows are turned into the same tree after their spreadsheet spellings
//! (column names, dates, statuses, priorities) are mapped, so one validator serves both.
//!
//! The seams, one file each: [`json`] (the borrowed tree), [`fields`] (one field
//! checked), [`tree`] (a record from the tree), [`typed`] (the fast path that skips
//! the tree) and [`csv_rows`] (spreadsheet rows into the tree).

mod csv_rows;
mod fields;
mod json;
#[cfg(test)]
mod tests;
mod tree;
mod typed;

pub use csv_rows::*;
use fields::*;
pub use json::*;
pub use tree::*;
use typed::*;

use crate::domain::ticket::{Comment, Event, Link, Ticket, WorkEntry};
use chrono::{DateTime, Utc};
use std::fmt;

/// What is wrong with a record: the field (as the file names it) and why.
#[derive(Debug, Clone, PartialEq)]
pub struct FieldError {
    pub field: String,
    pub msg: String,
}

impl FieldError {
    fn new(field: impl Into<String>, msg: impl Into<String>) -> FieldError {
        FieldError {
            field: field.into(),
            msg: msg.into(),
        }
    }
}

impl fmt::Display for FieldError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.field.is_empty() {
            f.write_str(&self.msg)
        } else {
            write!(f, "field {:?}: {}", self.field, self.msg)
        }
    }
}

type Res<T> = Result<T, FieldError>;

/// A ticket as the file gives it, before the importer fills in defaults and files it.
#[derive(Debug, Clone, PartialEq)]
pub struct TicketRecord {
    /// The id the file carries, if any (kept when free).
    pub id: Option<i64>,
    pub ticket: Ticket,
    /// Sorted by `at` (stable); never empty: a synthetic history when the file had none.
    pub events: Vec<Event>,
    pub comments: Vec<Comment>,
    pub worklog: Vec<WorkEntry>,
    pub links: Vec<Link>,
    /// When the status last changed (the latest event that set one).
    pub status_at: Option<DateTime<Utc>>,
    /// Resolved or closed with no time for it anywhere in the record (no resolved_at,
    /// closed_at, updated_at or events): dated at its creation, which the import says.
    pub undated_resolution: bool,
}

/// A knowledge-base article from the file.
#[derive(Debug, Clone, PartialEq)]
pub struct ArticleRecord {
    pub id: Option<i64>,
    pub title: String,
    pub body: String,
    pub tags: Vec<String>,
    pub category: Option<String>,
    pub author: String,
    pub source_ticket: Option<i64>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Record {
    Ticket(Box<TicketRecord>),
    Article(ArticleRecord),
}

/// What the importer supplies for missing values.
#[derive(Debug, Clone, Copy)]
pub struct Defaults<'a> {
    pub now: DateTime<Utc>,
    pub user: &'a str,
}

/// One line of JSONL (or one element of a JSON array) as a record: parsed straight
/// into the record's fields, and only when that fails parsed again into a [`Json`]
/// tree and validated field by field, for the message naming the field.
///
/// The typed parse is a shortcut, not a second set of rules: it accepts only what
/// [`record_from_json`] accepts and builds the same record (the same defaults, the
/// same `complete`), and gives up on anything it is not sure of (a duplicate key, an
/// unknown one, a null where a value is needed, a value out of range), leaving the
/// verdict to the field-by-field path.
pub fn record_from_bytes(bytes: &[u8], d: Defaults) -> Result<Record, String> {
    if let Some(r) = typed_record(bytes, d) {
        return Ok(r);
    }
    let v = parse_json(bytes)?;
    record_from_json(&v, d).map_err(|e| e.to_string())
}
