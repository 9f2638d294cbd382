//! Interchange records for `desk import`: one JSON object (a ticket in the shape `show
//! --format json` prints, or an article with `"type": "article"`) or one CSV row,
//! validated field by field into domain values; and the file they come in, read.
//! Nothing here touches the database: the import command hands what [`reader`]
//! returns to the store's importer.
//!
//! One parser per record: a JSON object is streamed key by key (no tree of the
//! whole record, strings without escapes not copied, which matters at a million
//! tickets) into the [`tree::Builder`] that checks each value as it comes; a CSV row
//! feeds the same builder once its spreadsheet spellings (column names, dates,
//! statuses, priorities) are mapped. One set of rules serves both.
//!
//! The seams, one file each: [`parse`] (a record streamed from its JSON text),
//! [`tree`] (the builder that checks each field and makes the record, the one set of
//! rules), [`fields`] (one value checked), [`json`] (one value as read) and
//! [`csv_rows`] (spreadsheet rows into the same builder). Reading a file: [`reader`]
//! (the reading half of an import, on its own thread), [`array`] (a JSON array one
//! element at a time), [`csv_file`] (a CSV file's delimiter sniffed, its header mapped).

pub mod array;
pub mod csv_file;
mod csv_rows;
mod fields;
mod json;
mod parse;
pub mod reader;
#[cfg(test)]
mod tests;
mod tree;

pub use csv_rows::*;
use fields::*;
pub use json::*;
pub use parse::record_from_bytes;
pub use reader::at_line;
pub use tree::*;

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

    /// The error of a field inside `outer` (`at` inside `events[2]`).
    fn under(mut self, outer: &str) -> FieldError {
        self.field = if self.field.is_empty() {
            outer.to_string()
        } else {
            format!("{outer}.{}", self.field)
        };
        self
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
    /// Files kept on the ticket (their content base64), checked when filed.
    pub attachments: Vec<AttachmentEntry>,
    /// The mail the ticket sent and received.
    pub mail: Vec<MailEntry>,
}

/// An attachment as `export` writes it: `show`'s fields, and `content` (base64) when
/// the file itself was kept.
#[derive(Debug, Clone, PartialEq, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AttachmentEntry {
    #[serde(default)]
    pub id: Option<i64>,
    pub name: String,
    #[serde(default, rename = "type")]
    pub mime: Option<String>,
    #[serde(default)]
    pub size: Option<i64>,
    #[serde(default)]
    pub sha256: Option<String>,
    #[serde(default)]
    pub stored: Option<bool>,
    #[serde(default)]
    pub at: Option<String>,
    #[serde(default)]
    pub actor: Option<String>,
    #[serde(default)]
    pub content: Option<String>,
}

/// One message in or out, as `show` lists it.
#[derive(Debug, Clone, PartialEq, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MailEntry {
    pub at: String,
    pub direction: String,
    #[serde(default)]
    pub message_id: Option<String>,
    #[serde(default)]
    pub to: Option<String>,
    #[serde(default)]
    pub subject: Option<String>,
    #[serde(default)]
    pub state: Option<String>,
}

/// A value as serde_json's, for the entries read with serde (attachments, mail).
fn to_value(v: &Json) -> serde_json::Value {
    use serde_json::Value;
    match v {
        Json::Null => Value::Null,
        Json::Bool(b) => Value::Bool(*b),
        Json::Int(n) => Value::from(*n),
        Json::Float(f) => serde_json::Number::from_f64(*f).map_or(Value::Null, Value::Number),
        Json::Str(s) => Value::String(s.to_string()),
        Json::Array(items) => Value::Array(items.iter().map(to_value).collect()),
        Json::Object(fields) => Value::Object(
            fields
                .iter()
                .map(|(k, v)| (k.to_string(), to_value(v)))
                .collect(),
        ),
    }
}

/// One entry of `attachments` or `mail`, read with serde.
fn serde_entry<T: serde::de::DeserializeOwned>(v: &Json) -> Res<T> {
    serde_json::from_value(to_value(v)).map_err(|e| FieldError::new("", e.to_string()))
}

/// A knowledge-base article from the file: the article (its id 0 when the file gave
/// none, its uses 0: they are derived) and the id the file gave, if any.
#[derive(Debug, Clone, PartialEq)]
pub struct ArticleRecord {
    pub id: Option<i64>,
    pub article: crate::domain::article::Article,
}

impl std::ops::Deref for ArticleRecord {
    type Target = crate::domain::article::Article;
    fn deref(&self) -> &Self::Target {
        &self.article
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum Record {
    Ticket(Box<TicketRecord>),
    Article(ArticleRecord),
    /// A registered organisation with its domains and terms (`"type": "org"`).
    Org(crate::domain::org::Org),
    /// The desk's settings that travel with it (`"type": "settings"`), in the order
    /// `config list` shows them.
    Settings(Vec<(String, String)>),
}

/// What the importer supplies for missing values.
#[derive(Debug, Clone, Copy)]
pub struct Defaults<'a> {
    pub now: DateTime<Utc>,
    pub user: &'a str,
    /// Who is connected (the store says): `recorded_by` on the events the import makes
    /// itself, for a record that gave no history. A history from the file keeps its own.
    pub recorded_by: Option<&'a str>,
}
