//! Tickets: reading one, writing one (its row, its move), and walking them all with
//! what hangs off them. The row mapping and binding are in [`rows`], the queue's query
//! in [`queue`], the history, comments, work log and links and the SLA caches in
//! [`history`].

mod history;
mod queue;
mod rows;

pub(crate) use history::{
    INSERT_COMMENT, INSERT_EVENT, INSERT_WORK, bind_comment, bind_event, bind_work,
};
pub use history::{
    comments, events, insert_comment, insert_events, insert_link, insert_work, links,
    tickets_with_history, with_history, worklog, write_caches,
};
pub use queue::queue;
pub use rows::ticket_from_row;
pub(crate) use rows::{INSERT_TICKET, bind_ticket_row};

use super::opt;
use crate::domain::ticket::*;
use crate::domain::ticket_sla::SlaCache;
use crate::domain::time::from_unix;
use crate::error::DeskError;
use crate::store::{Recording, TicketInFull};
use anyhow::Result;
use chrono::{DateTime, Utc};
use rows::{COLUMNS, tags_json};
use rusqlite::types::ToSql;
use rusqlite::{Connection, OptionalExtension, params};

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

/// Inserts a ticket with the given id (or the next free one when `t.id` is 0), its
/// first events (recorded by `recorded_by`) and its SLA cache; returns the id.
pub fn insert_ticket(conn: &Connection, r: Recording, recorded_by: Option<&str>) -> Result<i64> {
    let id = insert_row(conn, r.asked_id(), r.ticket, r.status_at(), r.cache)?;
    insert_events(conn, id, r.events, recorded_by)?;
    Ok(id)
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
    let status_at = ts(r.status_at());
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
    let (first_resolved, last_resolved) = (
        ts(c.report.first_resolved_at),
        ts(c.report.last_resolved_at),
    );
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
        &c.report.response_secs,
        &c.report.resolve_secs,
        &first_resolved,
        &last_resolved,
        &c.report.ever_escalated,
        &c.report.ever_reopened,
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
