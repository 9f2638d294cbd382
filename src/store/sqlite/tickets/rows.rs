//! A ticket's row: the columns every ticket query selects and the one row → ticket
//! mapping, by column name; the brief rows `list` reads for its table; the one ticket
//! INSERT and its binding.

use crate::domain::ticket::*;
use crate::domain::ticket_sla::SlaCache;
use crate::domain::time::from_unix;
use chrono::{DateTime, Utc};
use rusqlite::{Row, Statement};

/// The columns every ticket query selects, in this order (see `col!`).
pub(super) const COLUMN_NAMES: [&str; 36] = [
    "id",
    "kind",
    "title",
    "description",
    "status",
    "priority",
    "impact",
    "urgency",
    "tier",
    "max_tier",
    "assignee",
    "requester",
    "email",
    "phone",
    "org",
    "location",
    "category",
    "ci",
    "channel",
    "tags",
    "created_at",
    "updated_at",
    "first_response_at",
    "resolved_at",
    "closed_at",
    "response_due",
    "resolve_due",
    "sla_breached",
    "resolution",
    "kb_article",
    "time_spent",
    "dedup_key",
    "occurrences",
    "escalations",
    "reopens",
    "sla_gen",
];

pub(super) const COLUMNS: &str = "id, kind, title, description, status, priority, impact, urgency, tier, \
    max_tier, assignee, requester, email, phone, org, location, category, ci, channel, tags, \
    created_at, updated_at, first_response_at, resolved_at, closed_at, response_due, \
    resolve_due, sla_breached, resolution, kb_article, time_spent, dedup_key, occurrences, \
    escalations, reopens, sla_gen";

/// The position of a column in `COLUMNS`, found at compile time (an unknown name does
/// not compile). rusqlite's lookup by name compares every column name of the statement
/// on every `get`: with 36 columns that was two thirds of `desk list`'s instructions.
pub(super) const fn column_index(name: &str) -> usize {
    let mut i = 0;
    while i < COLUMN_NAMES.len() {
        let (a, b) = (COLUMN_NAMES[i].as_bytes(), name.as_bytes());
        if a.len() == b.len() {
            let mut j = 0;
            while j < a.len() && a[j] == b[j] {
                j += 1;
            }
            if j == a.len() {
                return i;
            }
        }
        i += 1;
    }
    panic!("not a ticket column")
}

/// A ticket column by name, as its index in a row that starts with `COLUMNS`.
macro_rules! col {
    ($name:literal) => {
        (
            const { $crate::store::sqlite::tickets::rows::column_index($name) },
            $name,
        )
    };
}
pub(super) use col;

fn ts(v: Option<i64>) -> Option<DateTime<Utc>> {
    v.map(from_unix)
}

fn bad_value(col: &str, v: &str) -> rusqlite::Error {
    rusqlite::Error::FromSqlConversionFailure(
        0,
        rusqlite::types::Type::Text,
        format!("unexpected {col} {v:?}").into(),
    )
}

/// An enum column, parsed from the row's text without copying it.
fn parse_col<T>(
    row: &Row,
    (i, col): (usize, &str),
    f: fn(&str) -> Option<T>,
) -> rusqlite::Result<T> {
    let s = row.get_ref(i)?.as_str()?;
    f(s).ok_or_else(|| bad_value(col, s))
}

fn parse_opt_col<T>(
    row: &Row,
    (i, col): (usize, &str),
    f: fn(&str) -> Option<T>,
) -> rusqlite::Result<Option<T>> {
    match row.get_ref(i)?.as_str_or_null()? {
        None => Ok(None),
        Some(s) => f(s).map(Some).ok_or_else(|| bad_value(col, s)),
    }
}

/// The one row → ticket mapping, for rows whose columns start with `COLUMNS`.
pub fn ticket_from_row(row: &Row) -> rusqlite::Result<Ticket> {
    // Most tickets have no tags: no JSON parser for those.
    let tags = match row.get_ref(col!("tags").0)?.as_str()? {
        "[]" => Vec::new(),
        json => serde_json::from_str(json).unwrap_or_default(),
    };
    Ok(Ticket {
        id: row.get(col!("id").0)?,
        kind: parse_col(row, col!("kind"), Kind::parse)?,
        title: row.get(col!("title").0)?,
        description: row.get(col!("description").0)?,
        status: parse_col(row, col!("status"), Status::parse)?,
        priority: parse_col(row, col!("priority"), Priority::parse)?,
        impact: parse_opt_col(row, col!("impact"), Level::parse)?,
        urgency: parse_opt_col(row, col!("urgency"), Level::parse)?,
        tier: row.get(col!("tier").0)?,
        max_tier: row.get(col!("max_tier").0)?,
        assignee: row.get(col!("assignee").0)?,
        requester: row.get(col!("requester").0)?,
        email: row.get(col!("email").0)?,
        phone: row.get(col!("phone").0)?,
        org: row.get(col!("org").0)?,
        location: row.get(col!("location").0)?,
        category: row.get(col!("category").0)?,
        ci: row.get(col!("ci").0)?,
        channel: parse_opt_col(row, col!("channel"), Channel::parse)?,
        tags,
        created_at: from_unix(row.get(col!("created_at").0)?),
        updated_at: from_unix(row.get(col!("updated_at").0)?),
        first_response_at: ts(row.get(col!("first_response_at").0)?),
        resolved_at: ts(row.get(col!("resolved_at").0)?),
        closed_at: ts(row.get(col!("closed_at").0)?),
        response_due: ts(row.get(col!("response_due").0)?),
        resolve_due: ts(row.get(col!("resolve_due").0)?),
        sla_breached: row.get::<_, i64>(col!("sla_breached").0)? != 0,
        resolution: row.get(col!("resolution").0)?,
        kb_article: row.get(col!("kb_article").0)?,
        time_spent: row.get(col!("time_spent").0)?,
        dedup_key: row.get(col!("dedup_key").0)?,
        occurrences: row.get(col!("occurrences").0)?,
        escalations: row.get(col!("escalations").0)?,
        reopens: row.get(col!("reopens").0)?,
        sla_generation: row.get(col!("sla_gen").0)?,
    })
}

/// What the queue's table and TSV show, and what their SLA column is worked out from:
/// the row `list` reads in its brief projection. The default `list` at a million
/// tickets reads ten thousand rows: copying their descriptions, resolutions and contact
/// details into memory was a third of its time and pushed it past 20 MiB, and decoding
/// the counters, channel and the like another tenth. `org` is read: it picks the terms
/// (the organisation's calendar and targets) the SLA column is worked out with.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct BriefTicket {
    id: i64,
    title: String,
    status: Status,
    priority: Priority,
    tier: u8,
    assignee: Option<String>,
    requester: Option<String>,
    org: Option<String>,
    category: Option<String>,
    created_at: DateTime<Utc>,
    first_response_at: Option<DateTime<Utc>>,
    resolved_at: Option<DateTime<Utc>>,
    closed_at: Option<DateTime<Utc>>,
    response_due: Option<DateTime<Utc>>,
    resolve_due: Option<DateTime<Utc>>,
    sla_breached: bool,
    sla_generation: i64,
}

/// The columns of a [`BriefTicket`], in the order [`brief_from_row`] reads them.
pub(super) const BRIEF_COLUMNS: &str = "id, title, status, priority, tier, assignee, \
    requester, org, category, created_at, first_response_at, resolved_at, closed_at, \
    response_due, resolve_due, sla_breached, sla_gen";

/// A row that starts with [`BRIEF_COLUMNS`].
pub(super) fn brief_from_row(row: &Row) -> rusqlite::Result<BriefTicket> {
    Ok(BriefTicket {
        id: row.get(0)?,
        title: row.get(1)?,
        status: parse_col(row, (2, "status"), Status::parse)?,
        priority: parse_col(row, (3, "priority"), Priority::parse)?,
        tier: row.get(4)?,
        assignee: row.get(5)?,
        requester: row.get(6)?,
        org: row.get(7)?,
        category: row.get(8)?,
        created_at: from_unix(row.get(9)?),
        first_response_at: ts(row.get(10)?),
        resolved_at: ts(row.get(11)?),
        closed_at: ts(row.get(12)?),
        response_due: ts(row.get(13)?),
        resolve_due: ts(row.get(14)?),
        sla_breached: row.get::<_, i64>(15)? != 0,
        sla_generation: row.get(16)?,
    })
}

impl BriefTicket {
    /// The `Ticket` the store's callers take: what was not read is at the value a new
    /// ticket has (and its highest tier is its tier, its last update its creation).
    pub(super) fn into_ticket(self) -> Ticket {
        let mut t = Ticket::new(self.title, self.created_at);
        t.id = self.id;
        t.status = self.status;
        t.priority = self.priority;
        t.tier = self.tier;
        t.max_tier = self.tier;
        t.assignee = self.assignee;
        t.requester = self.requester;
        t.org = self.org;
        t.category = self.category;
        t.first_response_at = self.first_response_at;
        t.resolved_at = self.resolved_at;
        t.closed_at = self.closed_at;
        t.response_due = self.response_due;
        t.resolve_due = self.resolve_due;
        t.sla_breached = self.sla_breached;
        t.sla_generation = self.sla_generation;
        t
    }
}

/// Only the id (`list -q`): the queue's partial index holds it, so SQLite answers from
/// the index without reading a single ticket row (1M tickets: ~7 ms instead of ~35).
/// The `Ticket` callers take has the id, and the rest at the value a new ticket with
/// no title, created at the epoch, has.
pub(super) fn id_only(id: i64) -> Ticket {
    let mut t = Ticket::new(String::new(), from_unix(0));
    t.id = id;
    t
}

pub(super) fn tags_json(tags: &[String]) -> String {
    serde_json::to_string(tags).unwrap_or_else(|_| "[]".into())
}

/// The one ticket INSERT, shared by `new`, `ingest` and `import` (which keeps it
/// prepared for the whole file): bind it with [`bind_ticket_row`].
pub(crate) const INSERT_TICKET: &str =
    "INSERT INTO tickets (id, kind, title, description, status, priority, impact, urgency,
        tier, max_tier, assignee, requester, email, phone, org, location, category, ci,
        channel, tags, created_at, updated_at, resolution, kb_article, time_spent,
        dedup_key, occurrences, escalations, reopens, resolved_at, closed_at, status_at,
        first_response_at, response_due, resolve_due, next_due, sla_breached, sla_gen,
        response_secs, resolve_secs, first_resolved_at, last_resolved_at, ever_escalated,
        ever_reopened)
     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17,
        ?18, ?19, ?20, ?21, ?22, ?23, ?24, ?25, ?26, ?27, ?28, ?29, ?30, ?31, ?32, ?33,
        ?34, ?35, ?36, ?37, ?38, ?39, ?40, ?41, ?42, ?43, ?44)";

/// Binds a ticket row, its SLA cache and `status_at` to a prepared [`INSERT_TICKET`]
/// (every parameter, so a statement kept prepared can be bound again and again).
pub(crate) fn bind_ticket_row(
    stmt: &mut Statement,
    id: Option<i64>,
    t: &Ticket,
    status_at: Option<DateTime<Utc>>,
    c: &SlaCache,
) -> rusqlite::Result<()> {
    let ts = |x: Option<DateTime<Utc>>| x.map(|x| x.timestamp());
    stmt.raw_bind_parameter(1, id)?;
    stmt.raw_bind_parameter(2, t.kind.as_str())?;
    stmt.raw_bind_parameter(3, &t.title)?;
    stmt.raw_bind_parameter(4, &t.description)?;
    stmt.raw_bind_parameter(5, t.status.as_str())?;
    stmt.raw_bind_parameter(6, t.priority.as_str())?;
    stmt.raw_bind_parameter(7, t.impact.map(Level::as_str))?;
    stmt.raw_bind_parameter(8, t.urgency.map(Level::as_str))?;
    stmt.raw_bind_parameter(9, t.tier)?;
    stmt.raw_bind_parameter(10, t.max_tier)?;
    stmt.raw_bind_parameter(11, &t.assignee)?;
    stmt.raw_bind_parameter(12, &t.requester)?;
    stmt.raw_bind_parameter(13, &t.email)?;
    stmt.raw_bind_parameter(14, &t.phone)?;
    stmt.raw_bind_parameter(15, &t.org)?;
    stmt.raw_bind_parameter(16, &t.location)?;
    stmt.raw_bind_parameter(17, &t.category)?;
    stmt.raw_bind_parameter(18, &t.ci)?;
    stmt.raw_bind_parameter(19, t.channel.map(Channel::as_str))?;
    stmt.raw_bind_parameter(20, tags_json(&t.tags))?;
    stmt.raw_bind_parameter(21, t.created_at.timestamp())?;
    stmt.raw_bind_parameter(22, t.updated_at.timestamp())?;
    stmt.raw_bind_parameter(23, &t.resolution)?;
    stmt.raw_bind_parameter(24, t.kb_article)?;
    stmt.raw_bind_parameter(25, t.time_spent)?;
    stmt.raw_bind_parameter(26, &t.dedup_key)?;
    stmt.raw_bind_parameter(27, t.occurrences)?;
    stmt.raw_bind_parameter(28, t.escalations)?;
    stmt.raw_bind_parameter(29, t.reopens)?;
    stmt.raw_bind_parameter(30, ts(t.resolved_at))?;
    stmt.raw_bind_parameter(31, ts(t.closed_at))?;
    stmt.raw_bind_parameter(32, ts(status_at))?;
    stmt.raw_bind_parameter(33, ts(c.first_response_at))?;
    stmt.raw_bind_parameter(34, ts(c.response_due))?;
    stmt.raw_bind_parameter(35, ts(c.resolve_due))?;
    stmt.raw_bind_parameter(36, c.next_due())?;
    stmt.raw_bind_parameter(37, c.breached as i64)?;
    stmt.raw_bind_parameter(38, c.generation)?;
    stmt.raw_bind_parameter(39, c.report.response_secs)?;
    stmt.raw_bind_parameter(40, c.report.resolve_secs)?;
    stmt.raw_bind_parameter(41, ts(c.report.first_resolved_at))?;
    stmt.raw_bind_parameter(42, ts(c.report.last_resolved_at))?;
    stmt.raw_bind_parameter(43, c.report.ever_escalated)?;
    stmt.raw_bind_parameter(44, c.report.ever_reopened)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn column_names_are_the_selected_columns_in_order() {
        let selected: Vec<&str> = COLUMNS.split(',').map(str::trim).collect();
        assert_eq!(selected, COLUMN_NAMES);
        assert_eq!(col!("sla_gen").0, 35);
    }

    #[test]
    fn the_brief_columns_are_ticket_columns() {
        for name in BRIEF_COLUMNS.split(',').map(str::trim) {
            assert!(COLUMN_NAMES.contains(&name), "{name}");
        }
        assert_eq!(BRIEF_COLUMNS.split(',').count(), 17);
    }

    #[test]
    fn a_brief_ticket_fills_what_it_did_not_read_as_a_new_ticket_has_it() {
        let at = from_unix(1_700_000_000);
        let brief = BriefTicket {
            id: 7,
            title: "Printer".into(),
            status: Status::Waiting,
            priority: Priority::P1,
            tier: 2,
            assignee: Some("ana".into()),
            requester: Some("bo".into()),
            org: Some("Acme".into()),
            category: Some("hardware".into()),
            created_at: at,
            first_response_at: Some(at),
            resolved_at: None,
            closed_at: None,
            response_due: Some(at),
            resolve_due: Some(at),
            sla_breached: true,
            sla_generation: 4,
        };
        let t = brief.into_ticket();
        assert_eq!(
            (t.id, t.title.as_str(), t.tier, t.max_tier),
            (7, "Printer", 2, 2)
        );
        assert_eq!((t.status, t.priority), (Status::Waiting, Priority::P1));
        assert_eq!(t.org.as_deref(), Some("Acme"));
        assert_eq!((t.updated_at, t.first_response_at), (at, Some(at)));
        assert!(t.sla_breached);
        assert_eq!(t.sla_generation, 4);
        assert_eq!(
            (t.kind, t.description, t.tags.len()),
            (Kind::Incident, None, 0)
        );
        assert_eq!((t.occurrences, t.time_spent, t.reopens), (1, 0, 0));
    }

    #[test]
    fn an_id_only_ticket_is_a_new_ticket_with_that_id() {
        let t = id_only(42);
        let mut expected = Ticket::new(String::new(), from_unix(0));
        expected.id = 42;
        assert_eq!(t, expected);
    }
}
