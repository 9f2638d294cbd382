//! What hangs off a ticket: its history (events), comments, work log and links,
//! written and read; a ticket read with its history in one query; and the SLA caches
//! recomputed from those histories.

use super::rows::{COLUMN_NAMES, COLUMNS, col, ticket_from_row};
use crate::domain::ticket::*;
use crate::domain::ticket_sla::SlaCache;
use crate::domain::time::from_unix;
use crate::error::DeskError;
use crate::store::{NewComment, NewWork};
use anyhow::Result;
use chrono::{DateTime, Utc};
use rusqlite::types::ToSql;
use rusqlite::{Connection, Row, Statement, params};

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

pub fn insert_comment(conn: &Connection, c: &NewComment) -> Result<()> {
    let mut stmt = conn.prepare_cached(INSERT_COMMENT)?;
    bind_comment(&mut stmt, c)?;
    stmt.raw_execute()?;
    Ok(())
}

/// The one comment INSERT; bind it with [`bind_comment`].
pub(crate) const INSERT_COMMENT: &str =
    "INSERT INTO comments (ticket_id, at, recorded_at, actor, text, internal, source)
     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)";

pub(crate) fn bind_comment(stmt: &mut Statement, new: &NewComment) -> rusqlite::Result<()> {
    let c = new.comment;
    stmt.raw_bind_parameter(1, new.ticket)?;
    stmt.raw_bind_parameter(2, c.at.timestamp())?;
    stmt.raw_bind_parameter(3, new.recorded_at.timestamp())?;
    stmt.raw_bind_parameter(4, &c.actor)?;
    stmt.raw_bind_parameter(5, &c.text)?;
    stmt.raw_bind_parameter(6, c.internal as i64)?;
    stmt.raw_bind_parameter(7, if new.from_mail { "mail" } else { "desk" })?;
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

pub fn insert_work(conn: &Connection, w: &NewWork) -> Result<()> {
    let mut stmt = conn.prepare_cached(INSERT_WORK)?;
    bind_work(&mut stmt, w)?;
    stmt.raw_execute()?;
    Ok(())
}

/// The one work-log INSERT; bind it with [`bind_work`].
pub(crate) const INSERT_WORK: &str =
    "INSERT INTO worklog (ticket_id, at, recorded_at, actor, minutes, note)
     VALUES (?1, ?2, ?3, ?4, ?5, ?6)";

pub(crate) fn bind_work(stmt: &mut Statement, new: &NewWork) -> rusqlite::Result<()> {
    let w = new.entry;
    stmt.raw_bind_parameter(1, new.ticket)?;
    stmt.raw_bind_parameter(2, w.at.timestamp())?;
    stmt.raw_bind_parameter(3, new.recorded_at.timestamp())?;
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

/// Every ticket in `statuses` with its history, by id, in one query.
pub fn tickets_with_history(
    conn: &Connection,
    statuses: &[Status],
    each: &mut dyn FnMut(Ticket, Vec<Event>) -> Result<()>,
) -> Result<()> {
    let names: Vec<&str> = statuses.iter().map(|s| s.as_str()).collect();
    let list = serde_json::to_string(&names)?;
    each_with_history(
        conn,
        "WHERE tickets.status IN (SELECT value FROM json_each(?1)) ORDER BY tickets.id",
        &[&list],
        each,
    )
}

/// Writes SLA caches: into a scratch table a few hundred rows per INSERT, then one
/// UPDATE copies them over.
pub fn write_caches(conn: &Connection, caches: &[(i64, SlaCache)]) -> Result<()> {
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
            bind(&c.report.response_secs)?;
            bind(&c.report.resolve_secs)?;
            bind(&ts(c.report.first_resolved_at))?;
            bind(&ts(c.report.last_resolved_at))?;
            bind(&c.report.ever_escalated)?;
            bind(&c.report.ever_reopened)?;
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
