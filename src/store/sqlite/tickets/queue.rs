//! The query behind `list`: its filters as a WHERE clause with bound values, its
//! order, and how much of each ticket it reads.

use super::history::events;
use super::rows::{BRIEF_COLUMNS, COLUMNS, brief_from_row, id_only, ticket_from_row};
use crate::domain::queue::{Fields, Query, SortKey};
use crate::domain::search::TextQuery;
use crate::store::EachQueued;
use crate::store::queue::{Dialect, conditions, select};
use crate::store::sqlite::match_expr;
use anyhow::Result;
use rusqlite::Connection;
use rusqlite::types::Value;

/// The list's values, bound as `?1`, `?2`, ... in the order they come.
struct SqliteParams(Vec<Value>);

impl Dialect for SqliteParams {
    const FALSE: &'static str = "0";

    fn text(&mut self, v: &str) -> String {
        self.0.push(Value::Text(v.to_string()));
        format!("?{}", self.0.len())
    }

    fn int(&mut self, v: i64) -> String {
        self.0.push(Value::Integer(v));
        format!("?{}", self.0.len())
    }

    fn word(&mut self, v: &'static str) -> String {
        self.text(v)
    }

    fn nocase(&self, col: &str, p: &str) -> String {
        format!("{col} = {p} COLLATE DESK_NOCASE")
    }

    fn has_tag(&self, p: &str) -> String {
        format!(
            "EXISTS (SELECT 1 FROM json_each(tickets.tags) WHERE value = {p} COLLATE DESK_NOCASE)"
        )
    }

    fn search_word(&mut self, term: &TextQuery) -> Option<String> {
        let p = self.text(&match_expr(term)?);
        Some(format!(
            "(id IN (SELECT rowid FROM tickets_fts WHERE tickets_fts MATCH {p})
              OR id IN (SELECT c.ticket_id FROM comments c
                        WHERE c.id IN (SELECT rowid FROM comments_fts WHERE comments_fts MATCH {p})))"
        ))
    }
}

/// The tickets `q` asks for, in its order, handed to `each` one at a time as they
/// are read, so that a long list needs no memory for itself. Text columns sort by
/// their Unicode lower case (the caller re-sorts those with a locale-aware key; SQL
/// only narrows and limits). With [`Fields::Brief`] the id, title, status, priority,
/// tier, assignee, requester, category, created, first response, resolved and closed
/// times and the SLA cache are filled, the rest left empty or at their defaults; with
/// [`Fields::Id`], the id alone. A ticket whose cache is not of `q.generation` comes
/// with its history.
pub fn queue(conn: &Connection, q: &Query, each: &mut EachQueued) -> Result<()> {
    let (f, sort, descending, limit, fields, generation) = (
        &q.filter,
        q.sort,
        q.descending,
        q.limit,
        q.fields,
        q.generation,
    );
    let mut args = SqliteParams(Vec::new());
    let wh = conditions(f, &mut args);
    let dir = if descending { "DESC" } else { "ASC" };
    // Qualified: an ORDER BY name means a result column first.
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
    let columns = match fields {
        Fields::All => COLUMNS,
        Fields::Brief => BRIEF_COLUMNS,
        Fields::Id => "id",
    };
    let sql = select(columns, &wh, &order, limit);
    let mut stmt = conn.prepare(&sql)?;
    let mut rows = stmt.query(rusqlite::params_from_iter(args.0))?;
    while let Some(row) = rows.next()? {
        let t = match fields {
            Fields::All => ticket_from_row(row)?,
            Fields::Brief => brief_from_row(row)?.into_ticket(),
            Fields::Id => id_only(row.get(0)?),
        };
        let history = match generation {
            Some(g) if t.sla_generation != g => Some(events(conn, t.id)?),
            _ => None,
        };
        each(t, history)?;
    }
    Ok(())
}
