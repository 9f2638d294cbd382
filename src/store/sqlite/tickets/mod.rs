//! Tickets, their events, comments, work log and links: reading and writing rows, and
//! the queries behind `list`. One function maps a row to a `Ticket`, by column name.

use super::{match_expr, opt};
use crate::domain::queue::{Fields, Filter, Query, SortKey};
use crate::domain::ticket::*;
use crate::domain::ticket_sla::SlaCache;
use crate::domain::time::from_unix;
use crate::error::DeskError;
use crate::store::{Recording, TicketInFull};
use anyhow::Result;
use chrono::{DateTime, Utc};
use rusqlite::types::{ToSql, Value};
use rusqlite::{Connection, OptionalExtension, Row, Statement, params};

/// The columns every ticket query selects, in this order (see `col!`).
const COLUMN_NAMES: [&str; 36] = [
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

const COLUMNS: &str = "id, kind, title, description, status, priority, impact, urgency, tier, \
    max_tier, assignee, requester, email, phone, org, location, category, ci, channel, tags, \
    created_at, updated_at, first_response_at, resolved_at, closed_at, response_due, \
    resolve_due, sla_breached, resolution, kb_article, time_spent, dedup_key, occurrences, \
    escalations, reopens, sla_gen";

/// `COLUMNS` with only what the queue's table and TSV show, and what their SLA column
/// is worked out from, read from the row; the rest are empty or constants, which
/// SQLite does not read from the table. The default `list` at a million tickets reads
/// ten thousand rows: copying their descriptions, resolutions and contact details into
/// memory was a third of its time and pushed it past 20 MiB, and decoding the counters,
/// channel and the like another tenth. `org` is read: it picks the terms (the
/// organisation's calendar and targets) the SLA column is worked out with.
const BRIEF_COLUMNS: &str = "id, 'incident' AS kind, title, NULL AS description, status, \
    priority, NULL AS impact, NULL AS urgency, tier, tier AS max_tier, assignee, requester, \
    NULL AS email, NULL AS phone, org, NULL AS location, category, NULL AS ci, \
    NULL AS channel, '[]' AS tags, created_at, created_at AS updated_at, first_response_at, \
    resolved_at, closed_at, response_due, resolve_due, sla_breached, NULL AS resolution, \
    NULL AS kb_article, 0 AS time_spent, NULL AS dedup_key, 1 AS occurrences, \
    0 AS escalations, 0 AS reopens, sla_gen";

/// Only the id (`list -q`): the queue's partial index holds it, so SQLite answers from
/// the index without reading a single ticket row (1M tickets: ~7 ms instead of ~35).
const ID_COLUMNS: &str = "id, 'incident' AS kind, '' AS title, NULL AS description, \
    'new' AS status, 'P3' AS priority, NULL AS impact, NULL AS urgency, 1 AS tier, \
    1 AS max_tier, NULL AS assignee, NULL AS requester, NULL AS email, NULL AS phone, \
    NULL AS org, NULL AS location, NULL AS category, NULL AS ci, NULL AS channel, \
    '[]' AS tags, 0 AS created_at, 0 AS updated_at, NULL AS first_response_at, \
    NULL AS resolved_at, NULL AS closed_at, NULL AS response_due, NULL AS resolve_due, \
    0 AS sla_breached, NULL AS resolution, NULL AS kb_article, 0 AS time_spent, \
    NULL AS dedup_key, 1 AS occurrences, 0 AS escalations, 0 AS reopens, 0 AS sla_gen";

/// The position of a column in `COLUMNS`, found at compile time (an unknown name does
/// not compile). rusqlite's lookup by name compares every column name of the statement
/// on every `get`: with 36 columns that was two thirds of `desk list`'s instructions.
const fn column_index(name: &str) -> usize {
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
        (const { column_index($name) }, $name)
    };
}

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

pub fn get_ticket(conn: &Connection, id: i64) -> Result<Ticket> {
    let sql = format!("SELECT {COLUMNS} FROM tickets WHERE id = ?1");
    conn.prepare_cached(&sql)?
        .query_row([id], ticket_from_row)
        .optional()?
        .ok_or_else(|| DeskError::TicketNotFound(id).into())
}

pub fn ticket_exists(conn: &Connection, id: i64) -> Result<bool> {
    Ok(conn
        .prepare_cached("SELECT 1 FROM tickets WHERE id = ?1")?
        .exists([id])?)
}

fn tags_json(tags: &[String]) -> String {
    serde_json::to_string(tags).unwrap_or_else(|_| "[]".into())
}

/// Inserts a ticket with the given id (or the next free one when `t.id` is 0), its
/// first events (recorded by `recorded_by`) and its SLA cache; returns the id.
pub fn insert_ticket(conn: &Connection, r: Recording, recorded_by: Option<&str>) -> Result<i64> {
    let t = r.ticket;
    let id: Option<i64> = if t.id > 0 { Some(t.id) } else { None };
    let status_at = r
        .events
        .iter()
        .filter(|e| e.status.is_some())
        .map(|e| e.at)
        .max();
    let id = insert_row(conn, id, t, status_at, r.cache)?;
    insert_events(conn, id, r.events, recorded_by)?;
    Ok(id)
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
    stmt.raw_bind_parameter(39, c.response_secs)?;
    stmt.raw_bind_parameter(40, c.resolve_secs)?;
    stmt.raw_bind_parameter(41, ts(c.first_resolved_at))?;
    stmt.raw_bind_parameter(42, ts(c.last_resolved_at))?;
    stmt.raw_bind_parameter(43, c.ever_escalated)?;
    stmt.raw_bind_parameter(44, c.ever_reopened)?;
    Ok(())
}

/// Inserts a ticket row with its SLA cache and `status_at`, with the given id or the
/// next free one.
pub fn insert_row(
    conn: &Connection,
    id: Option<i64>,
    t: &Ticket,
    status_at: Option<DateTime<Utc>>,
    c: &SlaCache,
) -> rusqlite::Result<i64> {
    let mut stmt = conn.prepare_cached(INSERT_TICKET)?;
    bind_ticket_row(&mut stmt, id, t, status_at, c)?;
    stmt.raw_execute()?;
    Ok(conn.last_insert_rowid())
}

/// The fields a command may change, the SLA cache and `status_at`, in one UPDATE.
const RECORD: &str = "UPDATE tickets SET kind = ?2, status = ?3, priority = ?4,
        impact = ?5, urgency = ?6, tier = ?7, max_tier = ?8, assignee = ?9,
        requester = ?10, email = ?11, phone = ?12, org = ?13, location = ?14,
        category = ?15, ci = ?16, channel = ?17, tags = ?18, updated_at = ?19,
        resolved_at = ?20, closed_at = ?21, resolution = ?22, kb_article = ?23,
        time_spent = ?24, occurrences = ?25, escalations = ?26, reopens = ?27,
        first_response_at = ?28, response_due = ?29, resolve_due = ?30, next_due = ?31,
        sla_breached = ?32, sla_gen = ?33, response_secs = ?34, resolve_secs = ?35,
        first_resolved_at = ?36, last_resolved_at = ?37, ever_escalated = ?38,
        ever_reopened = ?39,
        status_at = CASE WHEN ?40 IS NULL THEN status_at
                         ELSE max(coalesce(status_at, ?40), ?40) END";

/// Writes a ticket's move: its new events (one INSERT), then its fields, SLA cache and
/// `status_at` (one UPDATE). The title and description are written only when they
/// changed: `tickets_fts_update` fires whenever they are SET, changed or not, and
/// re-indexes the ticket (a delete and an insert in the full-text index, and a
/// savepoint that flushes it), which every assign, comment or move used to pay for.
pub fn record(conn: &Connection, r: Recording, recorded_by: Option<&str>) -> Result<()> {
    let t = r.ticket;
    insert_events(conn, t.id, r.events, recorded_by)?;
    let c = r.cache;
    let ts = |x: Option<DateTime<Utc>>| x.map(|x| x.timestamp());
    let status_at = r
        .events
        .iter()
        .filter(|e| e.status.is_some())
        .map(|e| e.at.timestamp())
        .max();
    let (impact, urgency, channel, tags) = (
        opt(&t.impact),
        opt(&t.urgency),
        opt(&t.channel),
        tags_json(&t.tags),
    );
    let (updated, resolved, closed) =
        (t.updated_at.timestamp(), ts(t.resolved_at), ts(t.closed_at));
    let (first_response, response_due, resolve_due) = (
        ts(c.first_response_at),
        ts(c.response_due),
        ts(c.resolve_due),
    );
    let (first_resolved, last_resolved) = (ts(c.first_resolved_at), ts(c.last_resolved_at));
    let (next_due, breached) = (c.next_due(), c.breached as i64);
    let (kind, status, priority) = (t.kind.as_str(), t.status.as_str(), t.priority.as_str());
    let mut args: Vec<&dyn ToSql> = vec![
        &t.id,
        &kind,
        &status,
        &priority,
        &impact,
        &urgency,
        &t.tier,
        &t.max_tier,
        &t.assignee,
        &t.requester,
        &t.email,
        &t.phone,
        &t.org,
        &t.location,
        &t.category,
        &t.ci,
        &channel,
        &tags,
        &updated,
        &resolved,
        &closed,
        &t.resolution,
        &t.kb_article,
        &t.time_spent,
        &t.occurrences,
        &t.escalations,
        &t.reopens,
        &first_response,
        &response_due,
        &resolve_due,
        &next_due,
        &breached,
        &c.generation,
        &c.response_secs,
        &c.resolve_secs,
        &first_resolved,
        &last_resolved,
        &c.ever_escalated,
        &c.ever_reopened,
        &status_at,
    ];
    if r.text_changed {
        args.push(&t.title);
        args.push(&t.description);
        conn.prepare_cached(&format!(
            "{RECORD}, title = ?41, description = ?42 WHERE id = ?1"
        ))?
        .execute(args.as_slice())?;
    } else {
        conn.prepare_cached(&format!("{RECORD} WHERE id = ?1"))?
            .execute(args.as_slice())?;
    }
    Ok(())
}

/// The one event INSERT; bind it with [`bind_event`].
pub(crate) const INSERT_EVENT: &str =
    "INSERT INTO events (ticket_id, at, recorded_at, actor, action, detail, status, recorded_by)
     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)";

pub(crate) fn bind_event(stmt: &mut Statement, ticket: i64, e: &Event) -> rusqlite::Result<()> {
    stmt.raw_bind_parameter(1, ticket)?;
    stmt.raw_bind_parameter(2, e.at.timestamp())?;
    stmt.raw_bind_parameter(3, e.recorded_at.timestamp())?;
    stmt.raw_bind_parameter(4, &e.actor)?;
    stmt.raw_bind_parameter(5, &e.action)?;
    stmt.raw_bind_parameter(6, &e.detail)?;
    stmt.raw_bind_parameter(7, e.status.map(Status::as_str))?;
    stmt.raw_bind_parameter(8, &e.recorded_by)?;
    Ok(())
}

/// Appends events made now by this connection to a ticket's history, in one INSERT:
/// each records `recorded_by`, who is connected (whatever the event says).
pub fn insert_events(
    conn: &Connection,
    ticket: i64,
    events: &[Event],
    recorded_by: Option<&str>,
) -> Result<()> {
    if events.is_empty() {
        return Ok(());
    }
    let mut sql = String::from(
        "INSERT INTO events (ticket_id, at, recorded_at, actor, action, detail, status, recorded_by) VALUES ",
    );
    for i in 0..events.len() {
        if i > 0 {
            sql.push_str(", ");
        }
        sql.push_str("(?, ?, ?, ?, ?, ?, ?, ?)");
    }
    let mut stmt = conn.prepare_cached(&sql)?;
    let mut n = 0;
    for e in events {
        let mut bind = |v: &dyn ToSql| -> rusqlite::Result<()> {
            n += 1;
            stmt.raw_bind_parameter(n, v)
        };
        bind(&ticket)?;
        bind(&e.at.timestamp())?;
        bind(&e.recorded_at.timestamp())?;
        bind(&e.actor)?;
        bind(&e.action)?;
        bind(&e.detail)?;
        bind(&e.status.map(Status::as_str))?;
        bind(&recorded_by)?;
    }
    stmt.raw_execute()?;
    Ok(())
}

/// A ticket's history in the order things happened.
pub fn events(conn: &Connection, ticket: i64) -> Result<Vec<Event>> {
    let mut stmt = conn.prepare_cached(
        "SELECT at, recorded_at, actor, action, detail, status, recorded_by FROM events
         WHERE ticket_id = ?1 ORDER BY at, id",
    )?;
    let rows = stmt.query_map([ticket], |r| {
        Ok(Event {
            at: from_unix(r.get(0)?),
            recorded_at: from_unix(r.get(1)?),
            actor: r.get(2)?,
            action: r.get(3)?,
            detail: r.get(4)?,
            status: r
                .get::<_, Option<String>>(5)?
                .and_then(|s| Status::parse(&s)),
            recorded_by: r.get(6)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub fn insert_comment(
    conn: &Connection,
    ticket: i64,
    c: &Comment,
    recorded_at: DateTime<Utc>,
    from_mail: bool,
) -> Result<()> {
    let mut stmt = conn.prepare_cached(INSERT_COMMENT)?;
    bind_comment(&mut stmt, ticket, c, recorded_at, from_mail)?;
    stmt.raw_execute()?;
    Ok(())
}

/// The one comment INSERT; bind it with [`bind_comment`].
pub(crate) const INSERT_COMMENT: &str =
    "INSERT INTO comments (ticket_id, at, recorded_at, actor, text, internal, source)
     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)";

pub(crate) fn bind_comment(
    stmt: &mut Statement,
    ticket: i64,
    c: &Comment,
    recorded_at: DateTime<Utc>,
    from_mail: bool,
) -> rusqlite::Result<()> {
    stmt.raw_bind_parameter(1, ticket)?;
    stmt.raw_bind_parameter(2, c.at.timestamp())?;
    stmt.raw_bind_parameter(3, recorded_at.timestamp())?;
    stmt.raw_bind_parameter(4, &c.actor)?;
    stmt.raw_bind_parameter(5, &c.text)?;
    stmt.raw_bind_parameter(6, c.internal as i64)?;
    stmt.raw_bind_parameter(7, if from_mail { "mail" } else { "desk" })?;
    Ok(())
}

pub fn comments(conn: &Connection, ticket: i64) -> Result<Vec<Comment>> {
    let mut stmt = conn.prepare_cached(
        "SELECT at, actor, text, internal FROM comments WHERE ticket_id = ?1 ORDER BY at, id",
    )?;
    let rows = stmt.query_map([ticket], |r| {
        Ok(Comment {
            at: from_unix(r.get(0)?),
            actor: r.get(1)?,
            text: r.get(2)?,
            internal: r.get::<_, i64>(3)? != 0,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub fn insert_work(
    conn: &Connection,
    ticket: i64,
    w: &WorkEntry,
    recorded_at: DateTime<Utc>,
) -> Result<()> {
    let mut stmt = conn.prepare_cached(INSERT_WORK)?;
    bind_work(&mut stmt, ticket, w, recorded_at)?;
    stmt.raw_execute()?;
    Ok(())
}

/// The one work-log INSERT; bind it with [`bind_work`].
pub(crate) const INSERT_WORK: &str =
    "INSERT INTO worklog (ticket_id, at, recorded_at, actor, minutes, note)
     VALUES (?1, ?2, ?3, ?4, ?5, ?6)";

pub(crate) fn bind_work(
    stmt: &mut Statement,
    ticket: i64,
    w: &WorkEntry,
    recorded_at: DateTime<Utc>,
) -> rusqlite::Result<()> {
    stmt.raw_bind_parameter(1, ticket)?;
    stmt.raw_bind_parameter(2, w.at.timestamp())?;
    stmt.raw_bind_parameter(3, recorded_at.timestamp())?;
    stmt.raw_bind_parameter(4, &w.actor)?;
    stmt.raw_bind_parameter(5, w.minutes)?;
    stmt.raw_bind_parameter(6, &w.note)?;
    Ok(())
}

pub fn worklog(conn: &Connection, ticket: i64) -> Result<Vec<WorkEntry>> {
    let mut stmt = conn.prepare_cached(
        "SELECT at, actor, minutes, note FROM worklog WHERE ticket_id = ?1 ORDER BY at, id",
    )?;
    let rows = stmt.query_map([ticket], |r| {
        Ok(WorkEntry {
            at: from_unix(r.get(0)?),
            actor: r.get(1)?,
            minutes: r.get(2)?,
            note: r.get(3)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Records a link from `ticket` to `other`; replaces an existing link between the two.
pub fn insert_link(conn: &Connection, ticket: i64, other: i64, kind: LinkKind) -> Result<()> {
    conn.prepare_cached("DELETE FROM links WHERE ticket_id = ?2 AND other_id = ?1")?
        .execute(params![ticket, other])?;
    conn.prepare_cached(
        "INSERT INTO links (ticket_id, other_id, kind) VALUES (?1, ?2, ?3)
         ON CONFLICT (ticket_id, other_id) DO UPDATE SET kind = excluded.kind",
    )?
    .execute(params![ticket, other, kind.as_str()])?;
    Ok(())
}

/// A ticket's links, from its side: its own, and the others' seen inverted.
pub fn links(conn: &Connection, ticket: i64) -> Result<Vec<Link>> {
    let mut stmt = conn.prepare_cached(
        "SELECT other_id, kind, 0 FROM links WHERE ticket_id = ?1
         UNION ALL SELECT ticket_id, kind, 1 FROM links WHERE other_id = ?1
         ORDER BY 1",
    )?;
    let rows = stmt.query_map([ticket], |r| {
        let kind: String = r.get(1)?;
        let inverse: i64 = r.get(2)?;
        let k = LinkKind::parse(&kind).unwrap_or(LinkKind::Related);
        Ok(Link {
            id: r.get(0)?,
            kind: if inverse == 1 { k.inverse() } else { k },
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The active ticket carrying a monitoring key, if any.
pub fn active_by_dedup_key(conn: &Connection, key: &str) -> Result<Option<i64>> {
    Ok(conn
        .prepare_cached(
            "SELECT id FROM tickets WHERE dedup_key = ?1 AND status IN ('new', 'open', 'waiting')",
        )?
        .query_row([key], |r| r.get(0))
        .optional()?)
}

/// Resolved tickets whose verification window ended at or before `cutoff`.
pub fn resolved_before(
    conn: &Connection,
    cutoff: DateTime<Utc>,
) -> Result<Vec<(i64, DateTime<Utc>)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, resolved_at FROM tickets WHERE status = 'resolved' AND resolved_at <= ?1
         ORDER BY resolved_at, id",
    )?;
    let rows = stmt.query_map([cutoff.timestamp()], |r| {
        Ok((r.get::<_, i64>(0)?, from_unix(r.get(1)?)))
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The tickets `q` asks for, in its order, handed to `each` one at a time as they
/// are read, so that a long list needs no memory for itself. Text columns sort by
/// their Unicode lower case (the caller re-sorts those with a locale-aware key; SQL
/// only narrows and limits). With [`Fields::Brief`] the id, title, status, priority,
/// tier, assignee, requester, category, created, first response, resolved and closed
/// times and the SLA cache are filled, the rest left empty or at their defaults; with
/// [`Fields::Id`], the id alone. A ticket whose cache is not of `generation` comes with
/// its history.
pub fn queue(
    conn: &Connection,
    q: &Query,
    generation: Option<i64>,
    each: &mut dyn FnMut(Ticket, Option<Vec<Event>>) -> Result<()>,
) -> Result<()> {
    let (f, sort, descending, limit, fields): (&Filter, SortKey, bool, Option<u64>, Fields) =
        (&q.filter, q.sort, q.descending, q.limit, q.fields);
    let mut wh: Vec<String> = Vec::new();
    let mut args: Vec<Value> = Vec::new();
    let mut bind = |v: Value| {
        args.push(v);
        format!("?{}", args.len())
    };
    let all = Status::ALL.len();
    if !f.statuses.is_empty() && f.statuses.len() < all {
        let active = [Status::New, Status::Open, Status::Waiting];
        if f.statuses.len() == 3 && active.iter().all(|s| f.statuses.contains(s)) {
            // Spelled exactly as the partial index says, so the planner uses it.
            wh.push("status IN ('new', 'open', 'waiting')".into());
        } else {
            let list: Vec<String> = f
                .statuses
                .iter()
                .map(|s| bind(Value::Text(s.as_str().into())))
                .collect();
            wh.push(format!("status IN ({})", list.join(", ")));
        }
    }
    if let Some(a) = &f.assignee {
        wh.push(format!("assignee = {}", bind(Value::Text(a.clone()))));
    }
    if f.unassigned {
        wh.push("assignee IS NULL".into());
    }
    if !f.priorities.is_empty() {
        let list: Vec<String> = f
            .priorities
            .iter()
            .map(|p| bind(Value::Text(p.as_str().into())))
            .collect();
        wh.push(format!("priority IN ({})", list.join(", ")));
    }
    if let Some(t) = f.tier {
        wh.push(format!("tier = {}", bind(Value::Integer(t as i64))));
    }
    if let Some(k) = f.kind {
        wh.push(format!("kind = {}", bind(Value::Text(k.as_str().into()))));
    }
    for (col, v) in [
        ("category", &f.category),
        ("org", &f.org),
        ("requester", &f.requester),
        ("ci", &f.ci),
    ] {
        if let Some(v) = v {
            // Case-insensitive in any alphabet: `--org 'ääkköset oy'` finds Ääkköset Oy.
            wh.push(format!(
                "{col} = {} COLLATE DESK_NOCASE",
                bind(Value::Text(v.clone()))
            ));
        }
    }
    if let Some(c) = f.channel {
        wh.push(format!(
            "channel = {}",
            bind(Value::Text(c.as_str().into()))
        ));
    }
    if let Some(tag) = &f.tag {
        wh.push(format!(
            "EXISTS (SELECT 1 FROM json_each(tickets.tags) WHERE value = {} COLLATE DESK_NOCASE)",
            bind(Value::Text(tag.clone()))
        ));
    }
    if let Some(d) = f.due_before {
        wh.push(format!(
            "next_due < {}",
            bind(Value::Integer(d.timestamp()))
        ));
    }
    if let Some(d) = f.created_since {
        wh.push(format!(
            "created_at >= {}",
            bind(Value::Integer(d.timestamp()))
        ));
    }
    if let Some(d) = f.created_until {
        wh.push(format!(
            "created_at < {}",
            bind(Value::Integer(d.timestamp()))
        ));
    }
    if let Some(q) = &f.search {
        // Every word must occur, but each may be in the title, the description or any
        // comment: "näyttö kaapeli" finds the ticket about a screen whose comment
        // names the cable.
        if q.is_empty() {
            wh.push("0".into());
        }
        for term in q.each_term() {
            let Some(m) = match_expr(&term) else {
                continue;
            };
            let p = bind(Value::Text(m));
            wh.push(format!(
                "(id IN (SELECT rowid FROM tickets_fts WHERE tickets_fts MATCH {p})
                  OR id IN (SELECT c.ticket_id FROM comments c
                            WHERE c.id IN (SELECT rowid FROM comments_fts WHERE comments_fts MATCH {p})))"
            ));
        }
    }
    let dir = if descending { "DESC" } else { "ASC" };
    // Qualified: an ORDER BY name means a result column first, and the brief and id
    // projections give some columns constants under the column's own name.
    // Breached first: the flag the last write set, or a deadline passed since (a ticket
    // nobody has touched since it fell due still has the flag unset, and sorted below a
    // ticket answered late). The active tickets come from the queue's index either way;
    // the passed deadlines make SQLite sort them, which at a million tickets (~9,000
    // active) costs a few milliseconds.
    let breached = match f.now {
        Some(now) => format!(
            "(tickets.sla_breached = 1 OR tickets.next_due < {})",
            now.timestamp()
        ),
        None => "tickets.sla_breached".to_string(),
    };
    let order = match sort {
        SortKey::Due if !descending => {
            format!("{breached} DESC, tickets.next_due, tickets.priority, tickets.id")
        }
        SortKey::Due => {
            format!("{breached} ASC, tickets.next_due DESC, tickets.priority DESC, tickets.id DESC")
        }
        SortKey::Priority => {
            format!("tickets.priority {dir}, tickets.next_due {dir}, tickets.id {dir}")
        }
        SortKey::Id => format!("tickets.id {dir}"),
        SortKey::Created => format!("tickets.created_at {dir}, tickets.id {dir}"),
        SortKey::Updated => format!("tickets.updated_at {dir}, tickets.id {dir}"),
        SortKey::Status => format!(
            "CASE tickets.status WHEN 'new' THEN 0 WHEN 'open' THEN 1 WHEN 'waiting' THEN 2 \
             WHEN 'resolved' THEN 3 WHEN 'closed' THEN 4 ELSE 5 END {dir}, tickets.id {dir}"
        ),
        SortKey::Assignee => format!("lower(tickets.assignee) {dir}, tickets.id {dir}"),
        SortKey::Requester => format!("lower(tickets.requester) {dir}, tickets.id {dir}"),
        SortKey::Title => format!("lower(tickets.title) {dir}, tickets.id {dir}"),
    };
    let mut sql = format!(
        "SELECT {} FROM tickets",
        match fields {
            Fields::All => COLUMNS,
            Fields::Brief => BRIEF_COLUMNS,
            Fields::Id => ID_COLUMNS,
        }
    );
    if !wh.is_empty() {
        sql.push_str(" WHERE ");
        sql.push_str(&wh.join(" AND "));
    }
    sql.push_str(" ORDER BY ");
    sql.push_str(&order);
    if let Some(n) = limit {
        sql.push_str(&format!(" LIMIT {}", n.min(i64::MAX as u64)));
    }
    let mut stmt = conn.prepare(&sql)?;
    let mut rows = stmt.query(rusqlite::params_from_iter(args))?;
    while let Some(row) = rows.next()? {
        let t = ticket_from_row(row)?;
        let history = match generation {
            Some(g) if t.sla_generation != g => Some(events(conn, t.id)?),
            _ => None,
        };
        each(t, history)?;
    }
    Ok(())
}

/// Every ticket in id order with what hangs off it (only its history when
/// `history_only`), one at a time (export: memory stays flat).
pub fn for_each_ticket(
    conn: &Connection,
    history_only: bool,
    each: &mut dyn FnMut(TicketInFull) -> Result<()>,
) -> Result<()> {
    // Attachments (with their bytes) and mail only when the desk has any.
    let extras = !history_only && super::outbox::any_extras(conn)?;
    let mut stmt = conn.prepare(&format!("SELECT {COLUMNS} FROM tickets ORDER BY id"))?;
    let mut rows = stmt.query([])?;
    while let Some(row) = rows.next()? {
        let t = ticket_from_row(row)?;
        let full = if history_only {
            TicketInFull {
                events: events(conn, t.id)?,
                ticket: t,
                comments: Vec::new(),
                worklog: Vec::new(),
                links: Vec::new(),
                attachments: Vec::new(),
                mail: Vec::new(),
            }
        } else {
            let id = t.id;
            let mut full = plain(conn, t)?;
            if extras {
                full.attachments = super::outbox::ticket_attachments_with_content(conn, id)?;
                full.mail = super::outbox::ticket_mail(conn, id)?;
            }
            full
        };
        each(full)?;
    }
    Ok(())
}

/// A ticket with its history, comments, work log, links, attachments (without their
/// bytes) and mail.
pub fn in_full(conn: &Connection, ticket: Ticket) -> Result<TicketInFull> {
    let id = ticket.id;
    let mut full = plain(conn, ticket)?;
    full.attachments = super::outbox::ticket_attachments(conn, id)?
        .into_iter()
        .map(|a| (a, None))
        .collect();
    full.mail = super::outbox::ticket_mail(conn, id)?;
    Ok(full)
}

/// A ticket with its history, comments, work log and links only.
fn plain(conn: &Connection, ticket: Ticket) -> Result<TicketInFull> {
    let id = ticket.id;
    Ok(TicketInFull {
        ticket,
        events: events(conn, id)?,
        comments: comments(conn, id)?,
        worklog: worklog(conn, id)?,
        links: links(conn, id)?,
        attachments: Vec::new(),
        mail: Vec::new(),
    })
}

/// The event columns [`with_history`] joins to a ticket's, renamed so that they
/// cannot be taken for the ticket's own.
const HISTORY_JOIN: &str = "LEFT JOIN (SELECT ticket_id AS e_ticket, id AS e_id, at AS e_at,
        recorded_at AS e_recorded_at, actor AS e_actor, action AS e_action,
        detail AS e_detail, status AS e_status, recorded_by AS e_recorded_by FROM events)
        ON e_ticket = tickets.id";

const HISTORY_COLUMNS: &str =
    "e_at, e_recorded_at, e_actor, e_action, e_detail, e_status, e_recorded_by";

/// The event of a row that [`HISTORY_JOIN`] made, after the ticket's columns (none when
/// the ticket has no history).
fn joined_event(row: &Row) -> rusqlite::Result<Option<Event>> {
    let n = COLUMN_NAMES.len();
    let Some(at) = row.get::<_, Option<i64>>(n)? else {
        return Ok(None);
    };
    Ok(Some(Event {
        at: from_unix(at),
        recorded_at: from_unix(row.get(n + 1)?),
        actor: row.get(n + 2)?,
        action: row.get(n + 3)?,
        detail: row.get(n + 4)?,
        status: row
            .get_ref(n + 5)?
            .as_str_or_null()?
            .and_then(Status::parse),
        recorded_by: row.get(n + 6)?,
    }))
}

/// Tickets with their histories, as one query: `filter` selects the tickets (and
/// orders them by id first), each handed over with its events in the order they
/// happened.
fn each_with_history(
    conn: &Connection,
    filter: &str,
    args: &[&dyn ToSql],
    each: &mut dyn FnMut(Ticket, Vec<Event>) -> Result<()>,
) -> Result<()> {
    let sql = format!(
        "SELECT {COLUMNS}, {HISTORY_COLUMNS} FROM tickets {HISTORY_JOIN} {filter}, e_at, e_id"
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let mut rows = stmt.query(args)?;
    let mut current: Option<(Ticket, Vec<Event>)> = None;
    while let Some(row) = rows.next()? {
        let id: i64 = row.get(col!("id").0)?;
        if current.as_ref().is_none_or(|(t, _)| t.id != id) {
            if let Some((t, events)) = current.take() {
                each(t, events)?;
            }
            current = Some((ticket_from_row(row)?, Vec::new()));
        }
        if let (Some(e), Some((_, events))) = (joined_event(row)?, current.as_mut()) {
            events.push(e);
        }
    }
    if let Some((t, events)) = current {
        each(t, events)?;
    }
    Ok(())
}

/// A ticket and its history, in one query.
pub fn with_history(conn: &Connection, id: i64) -> Result<(Ticket, Vec<Event>)> {
    let mut found = None;
    each_with_history(
        conn,
        "WHERE tickets.id = ?1 ORDER BY tickets.id",
        &[&id],
        &mut |t, events| {
            found = Some((t, events));
            Ok(())
        },
    )?;
    found.ok_or_else(|| DeskError::TicketNotFound(id).into())
}

/// Recomputes the SLA cache of every ticket in `statuses` with `compute`: one query
/// reads them all with their histories, the caches go into a scratch table a few
/// hundred rows per INSERT, and one UPDATE copies them over.
pub fn refresh_caches(
    conn: &Connection,
    statuses: &[Status],
    compute: &mut dyn FnMut(&Ticket, &[Event]) -> SlaCache,
) -> Result<()> {
    let names: Vec<&str> = statuses.iter().map(|s| s.as_str()).collect();
    let list = serde_json::to_string(&names)?;
    let mut caches: Vec<(i64, SlaCache)> = Vec::new();
    each_with_history(
        conn,
        "WHERE tickets.status IN (SELECT value FROM json_each(?1)) ORDER BY tickets.id",
        &[&list],
        &mut |t, events| {
            caches.push((t.id, compute(&t, &events)));
            Ok(())
        },
    )?;
    if caches.is_empty() {
        return Ok(());
    }
    conn.execute_batch(
        "CREATE TEMP TABLE IF NOT EXISTS sla_refresh (id INTEGER PRIMARY KEY,
            first_response_at, response_due, resolve_due, next_due, sla_breached, sla_gen,
            response_secs, resolve_secs, first_resolved_at, last_resolved_at,
            ever_escalated, ever_reopened)",
    )?;
    const ROWS: usize = 500;
    let ts = |x: Option<DateTime<Utc>>| x.map(|x| x.timestamp());
    for chunk in caches.chunks(ROWS) {
        let mut sql = String::from("INSERT INTO temp.sla_refresh VALUES ");
        for i in 0..chunk.len() {
            if i > 0 {
                sql.push_str(", ");
            }
            sql.push_str("(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
        }
        let mut stmt = conn.prepare_cached(&sql)?;
        let mut n = 0;
        for (id, c) in chunk {
            let mut bind = |v: &dyn ToSql| -> rusqlite::Result<()> {
                n += 1;
                stmt.raw_bind_parameter(n, v)
            };
            bind(id)?;
            bind(&ts(c.first_response_at))?;
            bind(&ts(c.response_due))?;
            bind(&ts(c.resolve_due))?;
            bind(&c.next_due())?;
            bind(&(c.breached as i64))?;
            bind(&c.generation)?;
            bind(&c.response_secs)?;
            bind(&c.resolve_secs)?;
            bind(&ts(c.first_resolved_at))?;
            bind(&ts(c.last_resolved_at))?;
            bind(&c.ever_escalated)?;
            bind(&c.ever_reopened)?;
        }
        stmt.raw_execute()?;
    }
    conn.execute_batch(
        "UPDATE tickets SET first_response_at = r.first_response_at,
            response_due = r.response_due, resolve_due = r.resolve_due, next_due = r.next_due,
            sla_breached = r.sla_breached, sla_gen = r.sla_gen,
            response_secs = r.response_secs, resolve_secs = r.resolve_secs,
            first_resolved_at = r.first_resolved_at, last_resolved_at = r.last_resolved_at,
            ever_escalated = r.ever_escalated, ever_reopened = r.ever_reopened
         FROM temp.sla_refresh r WHERE tickets.id = r.id;
         DROP TABLE temp.sla_refresh;",
    )?;
    Ok(())
}

/// Remembers a filed mail's Message-ID (for threading and duplicate deliveries).
pub fn insert_message(conn: &Connection, message_id: &str, ticket: i64) -> Result<()> {
    conn.prepare_cached("INSERT OR IGNORE INTO messages (message_id, ticket_id) VALUES (?1, ?2)")?
        .execute(params![message_id, ticket])?;
    Ok(())
}

pub fn ticket_for_message(conn: &Connection, message_id: &str) -> Result<Option<i64>> {
    Ok(conn
        .prepare_cached("SELECT ticket_id FROM messages WHERE message_id = ?1")?
        .query_row([message_id], |r| r.get(0))
        .optional()?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn column_names_are_the_selected_columns_in_order() {
        let selected: Vec<&str> = COLUMNS.split(',').map(str::trim).collect();
        assert_eq!(selected, COLUMN_NAMES);
        for projection in [BRIEF_COLUMNS, ID_COLUMNS] {
            let names: Vec<&str> = projection
                .split(',')
                .map(|c| c.rsplit(" AS ").next().unwrap_or(c).trim())
                .collect();
            assert_eq!(names, COLUMN_NAMES);
        }
        assert_eq!(col!("sla_gen").0, 35);
    }
}
