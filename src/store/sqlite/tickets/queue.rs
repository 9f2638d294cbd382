//! The query behind `list`: its filters as a WHERE clause with bound values, its
//! order, and how much of each ticket it reads.

use super::history::events;
use super::rows::{BRIEF_COLUMNS, COLUMNS, brief_from_row, id_only, ticket_from_row};
use crate::domain::queue::{Fields, Filter, Query, SortKey};
use crate::domain::ticket::*;
use crate::store::sqlite::match_expr;
use anyhow::Result;
use rusqlite::Connection;
use rusqlite::types::Value;

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
    let mut sql = format!(
        "SELECT {} FROM tickets",
        match fields {
            Fields::All => COLUMNS,
            Fields::Brief => BRIEF_COLUMNS,
            Fields::Id => "id",
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
