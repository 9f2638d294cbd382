//! What the queue is asked for: the filters of `desk list`, its order, how much of each
//! ticket to read. A value the store turns into its own query language.

use crate::domain::search::TextQuery;
use crate::domain::ticket::{Channel, Kind, Priority, Status};
use chrono::{DateTime, Utc};

/// Which of a ticket's fields a list reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fields {
    /// Every field (JSON, CSV).
    All,
    /// What the table and TSV show and their SLA column needs (the brief projection).
    Brief,
    /// The id alone .
    Id,
}

/// What `list` filters on. Empty vectors and `None` mean "any".
#[derive(Debug, Default, Clone)]
pub struct Filter {
    /// The moment the `due` order counts from: a ticket whose deadline has passed is
    /// breached, and sorts with the breached, whether or not a write has marked it yet.
    pub now: Option<DateTime<Utc>>,
    pub statuses: Vec<Status>,
    pub assignee: Option<String>,
    pub unassigned: bool,
    pub priorities: Vec<Priority>,
    pub tier: Option<u8>,
    pub kind: Option<Kind>,
    pub category: Option<String>,
    pub org: Option<String>,
    pub requester: Option<String>,
    pub ci: Option<String>,
    pub channel: Option<Channel>,
    pub tag: Option<String>,
    /// Running clocks due strictly before this moment (overdue: now; due within: one
    /// second after now + d).
    pub due_before: Option<DateTime<Utc>>,
    pub created_since: Option<DateTime<Utc>>,
    pub created_until: Option<DateTime<Utc>>,
    /// Words that must all occur, each in the title, the description or any one
    /// comment of the ticket (each word may be in a different one), matched as
    /// `TextQuery::matches` says against `domain::search::tokens` of those texts. An
    /// engine indexes those tokens (SQLite: FTS5 over `desk_tokens()`; PostgreSQL:
    /// `array_to_tsvector` of them, matched by each `q.each_term()`'s `ts_query()`).
    /// A query with no words matches no ticket.
    pub search: Option<TextQuery>,
}

/// How `list` orders.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SortKey {
    Due,
    Priority,
    Id,
    Created,
    Updated,
    Status,
    Assignee,
    Requester,
    Title,
}

impl SortKey {
    pub fn parse(s: &str) -> Option<SortKey> {
        Some(match s {
            "due" | "sla" => SortKey::Due,
            "priority" => SortKey::Priority,
            "id" => SortKey::Id,
            "created" | "created_at" => SortKey::Created,
            "updated" | "updated_at" => SortKey::Updated,
            "status" => SortKey::Status,
            "assignee" => SortKey::Assignee,
            "requester" => SortKey::Requester,
            "title" => SortKey::Title,
            _ => return None,
        })
    }
}

/// One question to the queue: which tickets, in which order, how many, how much of each.
#[derive(Debug, Clone)]
pub struct Query {
    pub filter: Filter,
    pub sort: SortKey,
    pub descending: bool,
    pub limit: Option<u64>,
    pub fields: Fields,
    /// The generation of the SLA-shaping settings in force: a ticket whose SLA cache
    /// was made under another comes with its history, so that its `sla` can be worked
    /// out (`None`: none comes with one).
    pub generation: Option<i64>,
}
