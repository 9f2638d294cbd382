//! The queries behind `desk report`: everything the monthly report needs, read in one
//! snapshot (a deferred read transaction) with a handful of prepared statements.
//!
//! Counting that SQL does well stays in SQL (reopen events, time logged, articles,
//! the backlog at a past moment); what needs the SLA clocks comes back as histories,
//! one query for every ticket at once, ordered by ticket and time so the caller can
//! replay them without a round trip per ticket. Times are unix seconds in and
//! [`DateTime<Utc>`] out; `org` is matched as `list --org` matches it (ASCII
//! case-insensitive).

use crate::domain::ticket::{Priority, Status, action};
use crate::domain::time::from_unix;
use anyhow::Result;
use chrono::{DateTime, Utc};
use rusqlite::{Connection, Row, params};
use std::collections::HashMap;

/// Actions that can stop the response clock, as SQL (kept equal to
/// [`action::is_response`] by a test).
const RESPONSE_ACTIONS: &str = "('assign', 'escalate', 'wait', 'resolve', 'comment')";

/// What the report asks for: `[from, to)`, the moment it is made, and one org or all.
#[derive(Debug, Clone, Copy)]
pub struct Window<'a> {
    pub from: DateTime<Utc>,
    pub to: DateTime<Utc>,
    pub now: DateTime<Utc>,
    pub org: Option<&'a str>,
}

/// A ticket created in the period, with the fields the breakdowns count.
#[derive(Debug, Clone, PartialEq)]
pub struct CreatedRow {
    pub id: i64,
    pub created_at: DateTime<Utc>,
    pub kind: String,
    pub category: Option<String>,
    pub channel: Option<String>,
    pub priority: String,
    pub org: Option<String>,
    pub ci: Option<String>,
    pub requester: Option<String>,
    pub max_tier: u8,
    pub cancelled: bool,
}

/// One event of a history, reduced to what the report replays.
#[derive(Debug, Clone, PartialEq)]
pub struct HistoryEvent {
    pub at: DateTime<Utc>,
    pub action: String,
    /// The status after the event, when it set one.
    pub status: Option<Status>,
    /// Who did it: read for resolve events only (the report credits resolvers), empty
    /// for the rest.
    pub actor: String,
}

/// A ticket whose clocks the report reads: created in the period, or with an event in
/// it that may be its first response or a resolution. Only events that move the status
/// (closes aside) or can be a response are included, in the order they happened.
#[derive(Debug, Clone, PartialEq)]
pub struct History {
    pub id: i64,
    pub created_at: DateTime<Utc>,
    pub priority: Priority,
    pub has_article: bool,
    pub events: Vec<HistoryEvent>,
}

/// Everything the report reads from the database, as of one snapshot.
#[derive(Debug, Clone, PartialEq)]
pub struct ReportRows {
    /// Ascending by id.
    pub created: Vec<CreatedRow>,
    /// Ascending by id.
    pub histories: Vec<History>,
    pub reopened: u64,
    pub backlog_start: u64,
    pub backlog_end: u64,
    /// Minutes logged in the period per actor, by name.
    pub work: Vec<(String, i64)>,
    pub articles_created: u64,
}

/// Reads the report's rows in one read transaction, so that every figure describes
/// the same state of the database even while another desk writes.
pub fn read_report(conn: &Connection, w: Window) -> Result<ReportRows> {
    let tx = conn.unchecked_transaction()?;
    let rows = ReportRows {
        created: created_tickets(&tx, w)?,
        histories: histories(&tx, w)?,
        reopened: reopened(&tx, w)?,
        backlog_start: backlog_at(&tx, w.from, w)?,
        backlog_end: backlog_at(&tx, w.to, w)?,
        work: work(&tx, w)?,
        articles_created: articles_created(&tx, w)?,
    };
    tx.finish()?;
    Ok(rows)
}

fn span(w: Window) -> (i64, i64) {
    (w.from.timestamp(), w.to.timestamp())
}

fn created_tickets(conn: &Connection, w: Window) -> Result<Vec<CreatedRow>> {
    let (from, to) = span(w);
    let mut stmt = conn.prepare_cached(
        "SELECT id, created_at, kind, category, channel, priority, org, ci, requester,
                max_tier, status = 'cancelled' AS cancelled
         FROM tickets
         WHERE created_at >= ?1 AND created_at < ?2
           AND (?3 IS NULL OR org = ?3 COLLATE NOCASE)
         ORDER BY id",
    )?;
    // Columns by position: looking names up costs more than the row on a big month.
    let rows = stmt.query_map(params![from, to, w.org], |r| {
        Ok(CreatedRow {
            id: r.get(0)?,
            created_at: from_unix(r.get(1)?),
            kind: r.get(2)?,
            category: r.get(3)?,
            channel: r.get(4)?,
            priority: r.get(5)?,
            org: r.get(6)?,
            ci: r.get(7)?,
            requester: r.get(8)?,
            max_tier: r.get(9)?,
            cancelled: r.get(10)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The histories of the tickets created in the period and of those with a response
/// (resolutions included) in it: one query, grouped here. The rows come unordered
/// (an ORDER BY over the join costs SQLite a sort of every row); each history is put
/// in the order things happened here, which is cheap because histories are short.
/// Everything but the resolver's name comes from the `events_ticket` index. A close
/// only follows a resolve and moves no clock, so closes are left out.
fn histories(conn: &Connection, w: Window) -> Result<Vec<History>> {
    let (from, to) = span(w);
    let sql = format!(
        "WITH rel(id) AS (
             SELECT id FROM tickets WHERE created_at >= ?1 AND created_at < ?2
             UNION
             SELECT ticket_id FROM events
             WHERE action IN {RESPONSE_ACTIONS} AND at >= ?1 AND at < ?2
         )
         SELECT t.id, t.created_at, t.priority, t.kb_article IS NOT NULL,
                e.id, e.at, e.action, e.status,
                CASE WHEN e.action = 'resolve' THEN e.actor ELSE '' END
         FROM rel
         JOIN tickets t ON t.id = rel.id
         JOIN events e ON e.ticket_id = rel.id
         WHERE (?3 IS NULL OR t.org = ?3 COLLATE NOCASE)
           AND (e.status IS NOT NULL OR e.action IN {RESPONSE_ACTIONS})
           AND e.action <> 'close'"
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let mut rows = stmt.query(params![from, to, w.org])?;
    let mut out: Vec<History> = Vec::new();
    let mut index: HashMap<i64, usize> = HashMap::new();
    // (event id, event) per history, sorted below.
    let mut events: Vec<Vec<(i64, HistoryEvent)>> = Vec::new();
    while let Some(r) = rows.next()? {
        // Columns by position, as selected above.
        let id: i64 = r.get(0)?;
        let i = match index.get(&id) {
            Some(&i) => i,
            None => {
                out.push(history_head(r, id)?);
                events.push(Vec::new());
                index.insert(id, out.len() - 1);
                out.len() - 1
            }
        };
        let status: Option<String> = r.get(7)?;
        events[i].push((
            r.get(4)?,
            HistoryEvent {
                at: from_unix(r.get(5)?),
                action: r.get(6)?,
                status: status.as_deref().and_then(Status::parse),
                actor: r.get(8)?,
            },
        ));
    }
    for (h, mut evs) in out.iter_mut().zip(events) {
        evs.sort_by_key(|(id, e)| (e.at, *id));
        h.events = evs.into_iter().map(|(_, e)| e).collect();
    }
    out.sort_by_key(|h| h.id);
    Ok(out)
}

fn history_head(r: &Row, id: i64) -> Result<History> {
    let priority: String = r.get(2)?;
    Ok(History {
        id,
        created_at: from_unix(r.get(1)?),
        priority: Priority::parse(&priority)
            .ok_or_else(|| anyhow::anyhow!("ticket #{id} has an unknown priority {priority:?}"))?,
        has_article: r.get(3)?,
        events: Vec::new(),
    })
}

fn reopened(conn: &Connection, w: Window) -> Result<u64> {
    let (from, to) = span(w);
    let n: i64 = conn
        .prepare_cached(
            "SELECT count(*) FROM events e JOIN tickets t ON t.id = e.ticket_id
             WHERE e.action = ?4 AND e.at >= ?1 AND e.at < ?2
               AND (?3 IS NULL OR t.org = ?3 COLLATE NOCASE)",
        )?
        .query_row(params![from, to, w.org, action::REOPEN], |r| r.get(0))?;
    Ok(n as u64)
}

/// Tickets active (new, open, waiting) at `at`; at `now` if `at` is later. A ticket
/// whose status has not changed since before `at` needs no history: its current status
/// is the one it had. Only those created before `at` whose status changed since are
/// replayed, in SQL, from their last status-setting event before `at`.
fn backlog_at(conn: &Connection, at: DateTime<Utc>, w: Window) -> Result<u64> {
    if at > w.now {
        let n: i64 = conn
            .prepare_cached(
                "SELECT count(*) FROM tickets
                 WHERE status IN ('new', 'open', 'waiting')
                   AND (?1 IS NULL OR org = ?1 COLLATE NOCASE)",
            )?
            .query_row(params![w.org], |r| r.get(0))?;
        return Ok(n as u64);
    }
    let unchanged: i64 = conn
        .prepare_cached(
            // The partial index of active tickets: without statistics SQLite would
            // rather walk `created_at` or `status_at` through most of the table.
            "SELECT count(*) FROM tickets INDEXED BY tickets_queue
             WHERE status IN ('new', 'open', 'waiting')
               AND created_at < ?1 AND (status_at IS NULL OR status_at < ?1)
               AND (?2 IS NULL OR org = ?2 COLLATE NOCASE)",
        )?
        .query_row(params![at.timestamp(), w.org], |r| r.get(0))?;
    // A ticket with no status event before `at` had its first status then: new.
    let replayed: i64 = conn
        .prepare_cached(
            "SELECT count(*) FROM tickets t
             WHERE t.status_at >= ?1 AND t.created_at < ?1
               AND (?2 IS NULL OR t.org = ?2 COLLATE NOCASE)
               AND coalesce((SELECT e.status FROM events e
                             WHERE e.ticket_id = t.id AND e.at < ?1 AND e.status IS NOT NULL
                             ORDER BY e.at DESC, e.id DESC LIMIT 1), 'new')
                   IN ('new', 'open', 'waiting')",
        )?
        .query_row(params![at.timestamp(), w.org], |r| r.get(0))?;
    Ok((unchanged + replayed) as u64)
}

fn work(conn: &Connection, w: Window) -> Result<Vec<(String, i64)>> {
    let (from, to) = span(w);
    let mut stmt = conn.prepare_cached(
        "SELECT wl.actor, sum(wl.minutes) FROM worklog wl JOIN tickets t ON t.id = wl.ticket_id
         WHERE wl.at >= ?1 AND wl.at < ?2 AND (?3 IS NULL OR t.org = ?3 COLLATE NOCASE)
         GROUP BY wl.actor ORDER BY wl.actor",
    )?;
    let rows = stmt.query_map(params![from, to, w.org], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Articles written in the period. The knowledge base is shared by every customer, so
/// `--org` does not narrow this count.
fn articles_created(conn: &Connection, w: Window) -> Result<u64> {
    let (from, to) = span(w);
    let n: i64 = conn
        .prepare_cached("SELECT count(*) FROM articles WHERE created_at >= ?1 AND created_at < ?2")?
        .query_row(params![from, to], |r| r.get(0))?;
    Ok(n as u64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn response_actions_match_the_domain() {
        let all = [
            action::CREATE,
            action::ASSIGN,
            action::UNASSIGN,
            action::ESCALATE,
            action::WAIT,
            action::RESUME,
            action::RESOLVE,
            action::CLOSE,
            action::REOPEN,
            action::CANCEL,
            action::COMMENT,
            action::NOTE,
            action::REPLY,
            action::LOG,
            action::LINK,
            action::EDIT,
            action::OCCURRENCE,
        ];
        for a in all {
            assert_eq!(
                RESPONSE_ACTIONS.contains(&format!("'{a}'")),
                action::is_response(a),
                "{a}"
            );
        }
    }
}
