//! The queries behind `desk report`: everything the monthly report needs, read in the
//! caller's snapshot (a deferred read transaction).
//!
//! Counting that SQL does well stays in SQL (reopen events, time logged, articles,
//! the backlog at a past moment). The clocks come from the report cache the SLA cache
//! keeps on each ticket row, so a month is a few index range scans: the tickets
//! created in it, those first answered in it, and its resolve events. Tickets whose
//! cache cannot serve (made under older settings, or resolved again later) come back
//! as histories to replay, one query for all of them. Rows are handed to the caller
//! one at a time, so memory does not grow with the month. Times are unix seconds in
//! and [`DateTime<Utc>`] out; `org` is matched as `list --org` matches it (ASCII
//! case-insensitive).

use crate::domain::classify::{HistoryEvent, LastResolve, TicketRow, Window};
use crate::domain::ticket::{Status, action};
use crate::domain::time::from_unix;
use crate::store::InWindow;
use crate::store::columns::{REPORT_COLUMNS, report_row};
use anyhow::Result;
use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension, params};

/// Actions that can stop the response clock, as SQL (kept equal to
/// [`action::is_response`] by a test).
const RESPONSE_ACTIONS: &str = "('assign', 'escalate', 'wait', 'resolve', 'comment')";

fn span(w: Window) -> (i64, i64) {
    (w.from.timestamp(), w.to.timestamp())
}

/// Hands `f` every ticket `filter` (a WHERE clause and what follows) selects.
fn each_ticket(
    conn: &Connection,
    filter: &str,
    params: impl rusqlite::Params,
    mut f: impl FnMut(TicketRow) -> Result<()>,
) -> Result<()> {
    let mut stmt =
        conn.prepare_cached(&format!("SELECT {REPORT_COLUMNS} FROM tickets {filter}"))?;
    let mut rows = stmt.query(params)?;
    while let Some(r) = rows.next()? {
        f(report_row(r)?)?;
    }
    Ok(())
}

/// The tickets of the period `which` names (of the window's organisation only, when
/// it has one).
pub fn for_each_in_window(
    conn: &Connection,
    w: Window,
    which: InWindow,
    f: impl FnMut(TicketRow) -> Result<()>,
) -> Result<()> {
    // ?1 and ?2: the window's ends (Unix seconds); ?3: its organisation.
    let filter = match which {
        InWindow::Created => {
            "WHERE created_at >= ?1 AND created_at < ?2
               AND (?3 IS NULL OR org = ?3 COLLATE DESK_NOCASE)"
        }
        InWindow::AnsweredElsewhen => {
            "INDEXED BY tickets_first_response
             WHERE first_response_at >= ?1 AND first_response_at < ?2
               AND (created_at < ?1 OR created_at >= ?2)
               AND (?3 IS NULL OR org = ?3 COLLATE DESK_NOCASE)"
        }
    };
    let (from, to) = span(w);
    each_ticket(conn, filter, params![from, to, w.org], f)
}

/// The given tickets, ascending by id (those of another org left out).
pub fn for_each_ticket(
    conn: &Connection,
    ids: &[i64],
    w: Window,
    f: impl FnMut(TicketRow) -> Result<()>,
) -> Result<()> {
    each_ticket(
        conn,
        "WHERE id IN (SELECT value FROM json_each(?1))
           AND (?2 IS NULL OR org = ?2 COLLATE DESK_NOCASE)
         ORDER BY id",
        params![id_list(ids), w.org],
        f,
    )
}

fn id_list(ids: &[i64]) -> String {
    let mut s = String::with_capacity(ids.len() * 8 + 2);
    s.push('[');
    for (i, id) in ids.iter().enumerate() {
        if i > 0 {
            s.push(',');
        }
        s.push_str(&id.to_string());
    }
    s.push(']');
    s
}

/// Every ticket with a resolve event in the period (whatever its org), with its last
/// one there, ascending by ticket: from the `events_action_at` index alone.
pub fn last_resolves(conn: &Connection, w: Window) -> Result<Vec<(i64, LastResolve)>> {
    let (from, to) = span(w);
    // No ORDER BY: sorting here is cheaper than SQLite's sorter over the index's rows.
    let mut stmt = conn.prepare_cached(
        "SELECT ticket_id, at, id, actor FROM events
         WHERE action = ?3 AND at >= ?1 AND at < ?2",
    )?;
    let mut rows = stmt.query(params![from, to, action::RESOLVE])?;
    let mut all: Vec<(i64, i64, i64, String)> = Vec::new();
    while let Some(r) = rows.next()? {
        all.push((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?));
    }
    // By ticket, each ticket's resolves in the order they happened; keep the last.
    all.sort_unstable_by_key(|&(ticket, at, id, _)| (ticket, at, id));
    let mut out: Vec<(i64, LastResolve)> = Vec::with_capacity(all.len());
    for (ticket, at, _, actor) in all {
        let last = LastResolve {
            at: from_unix(at),
            actor,
        };
        match out.last_mut() {
            Some((id, prev)) if *id == ticket => *prev = last,
            _ => out.push((ticket, last)),
        }
    }
    Ok(out)
}

/// The histories of the given tickets, replayed when their report cache cannot be
/// used: `(ticket, events)` ascending by ticket, each history in the order things
/// happened. Only events that move the status (closes aside) or can be a response are
/// included; a close only follows a resolve and moves no clock.
pub fn histories(conn: &Connection, ids: &[i64]) -> Result<Vec<(i64, Vec<HistoryEvent>)>> {
    let sql = format!(
        "SELECT ticket_id, at, action, status,
                CASE WHEN action = 'resolve' THEN actor ELSE '' END
         FROM events
         WHERE ticket_id IN (SELECT value FROM json_each(?1))
           AND (status IS NOT NULL OR action IN {RESPONSE_ACTIONS})
           AND action <> 'close'
         ORDER BY ticket_id, at, id"
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let mut rows = stmt.query(params![id_list(ids)])?;
    let mut out: Vec<(i64, Vec<HistoryEvent>)> = Vec::new();
    while let Some(r) = rows.next()? {
        let id: i64 = r.get(0)?;
        if out.last().is_none_or(|(last, _)| *last != id) {
            out.push((id, Vec::new()));
        }
        let status = r.get_ref(3)?.as_str_or_null()?;
        if let Some((_, events)) = out.last_mut() {
            events.push(HistoryEvent {
                at: from_unix(r.get(1)?),
                action: r.get(2)?,
                status: status.and_then(Status::parse),
                actor: r.get(4)?,
            });
        }
    }
    Ok(out)
}

/// Reopen events in the period: from the `events_action_at` index alone, unless an
/// org is asked for.
pub fn reopened(conn: &Connection, w: Window) -> Result<u64> {
    let (from, to) = span(w);
    let sql = if w.org.is_some() {
        "SELECT count(*) FROM events e JOIN tickets t ON t.id = e.ticket_id
         WHERE e.action = ?4 AND e.at >= ?1 AND e.at < ?2 AND t.org = ?3 COLLATE DESK_NOCASE"
    } else {
        "SELECT count(*) FROM events WHERE action = ?4 AND at >= ?1 AND at < ?2 AND ?3 IS NULL"
    };
    let n: i64 = conn
        .prepare_cached(sql)?
        .query_row(params![from, to, w.org, action::REOPEN], |r| r.get(0))?;
    Ok(n as u64)
}

/// Tickets active (new, open, waiting) at `at`; at `now` if `at` is later. A ticket
/// whose status has not changed since before `at` needs no history: its current status
/// is the one it had. Only those created before `at` whose status changed since are
/// replayed, in SQL, from their last status-setting event before `at`.
pub fn backlog_at(conn: &Connection, at: DateTime<Utc>, w: Window) -> Result<u64> {
    if at > w.now {
        let n: i64 = conn
            .prepare_cached(
                "SELECT count(*) FROM tickets
                 WHERE status IN ('new', 'open', 'waiting')
                   AND (?1 IS NULL OR org = ?1 COLLATE DESK_NOCASE)",
            )?
            .query_row(params![w.org], |r| r.get(0))?;
        return Ok(n as u64);
    }
    let unchanged: i64 = conn
        .prepare_cached(
            // The partial index of active tickets, which holds both times: without
            // statistics SQLite would rather walk `created_at` or `status_at` through
            // most of the table.
            "SELECT count(*) FROM tickets INDEXED BY tickets_active
             WHERE status IN ('new', 'open', 'waiting')
               AND created_at < ?1 AND (status_at IS NULL OR status_at < ?1)
               AND (?2 IS NULL OR org = ?2 COLLATE DESK_NOCASE)",
        )?
        .query_row(params![at.timestamp(), w.org], |r| r.get(0))?;
    // A ticket with no status event before `at` had its first status then: new.
    let replayed: i64 = conn
        .prepare_cached(
            "SELECT count(*) FROM tickets t INDEXED BY tickets_status_at
             WHERE t.status_at >= ?1 AND t.created_at < ?1
               AND (?2 IS NULL OR t.org = ?2 COLLATE DESK_NOCASE)
               AND coalesce((SELECT e.status FROM events e
                             WHERE e.ticket_id = t.id AND e.at < ?1 AND e.status IS NOT NULL
                             ORDER BY e.at DESC, e.id DESC LIMIT 1), 'new')
                   IN ('new', 'open', 'waiting')",
        )?
        .query_row(params![at.timestamp(), w.org], |r| r.get(0))?;
    Ok((unchanged + replayed) as u64)
}

/// Minutes logged in the period per actor, by name.
pub fn work(conn: &Connection, w: Window) -> Result<Vec<(String, i64)>> {
    let (from, to) = span(w);
    let sql = if w.org.is_some() {
        "SELECT wl.actor, sum(wl.minutes) FROM worklog wl JOIN tickets t ON t.id = wl.ticket_id
         WHERE wl.at >= ?1 AND wl.at < ?2 AND t.org = ?3 COLLATE DESK_NOCASE
         GROUP BY wl.actor ORDER BY wl.actor"
    } else {
        "SELECT actor, sum(minutes) FROM worklog WHERE at >= ?1 AND at < ?2 AND ?3 IS NULL
         GROUP BY actor ORDER BY actor"
    };
    let mut stmt = conn.prepare_cached(sql)?;
    let rows = stmt.query_map(params![from, to, w.org], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Articles written in the period. The knowledge base is shared by every customer, so
/// `--org` does not narrow this count.
pub fn articles_created(conn: &Connection, w: Window) -> Result<u64> {
    let (from, to) = span(w);
    let n: i64 = conn
        .prepare_cached("SELECT count(*) FROM articles WHERE created_at >= ?1 AND created_at < ?2")?
        .query_row(params![from, to], |r| r.get(0))?;
    Ok(n as u64)
}

/// The titles of the tickets `ids` (those that exist), for the report's list of
/// breached tickets.
pub fn titles(conn: &Connection, ids: &[i64]) -> Result<Vec<(i64, String)>> {
    let mut stmt = conn.prepare_cached("SELECT title FROM tickets WHERE id = ?1")?;
    let mut out = Vec::with_capacity(ids.len());
    for &id in ids {
        if let Some(title) = stmt
            .query_row(params![id], |r| r.get::<_, String>(0))
            .optional()?
        {
            out.push((id, title));
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn response_actions_match_the_domain() {
        for &a in action::ALL {
            assert_eq!(
                RESPONSE_ACTIONS.contains(&format!("'{a}'")),
                action::is_response(a),
                "{a}"
            );
        }
    }
}
