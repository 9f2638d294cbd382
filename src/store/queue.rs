//! The list's query as both engines write it: its filter as SQL conditions in one
//! order, and the statement around them. What an engine writes its own way (how a
//! value is bound, how text compares letter case aside, a tag, a search word) it says
//! through [`Dialect`].

use crate::domain::queue::Filter;
use crate::domain::search::TextQuery;
use crate::domain::ticket::Status;

/// How an engine writes the parts of the list's conditions that differ.
pub(crate) trait Dialect {
    /// A condition that holds for no row.
    const FALSE: &'static str;
    /// Binds a text value; returns its placeholder.
    fn text(&mut self, v: &str) -> String;
    /// Binds an integer; returns its placeholder.
    fn int(&mut self, v: i64) -> String;
    /// One of desk's own words (a status, priority, kind or channel), as a literal or
    /// bound.
    fn word(&mut self, v: &'static str) -> String;
    /// `col` equals the text at `p`, letter case aside in any alphabet.
    fn nocase(&self, col: &str, p: &str) -> String;
    /// The ticket has the tag at `p`, letter case aside.
    fn has_tag(&self, p: &str) -> String;
    /// One word of a search in the ticket's title, description or a comment (`None`:
    /// the word has nothing to look for).
    fn search_word(&mut self, term: &TextQuery) -> Option<String>;
}

/// The conditions `f` puts on the tickets, each a piece of a WHERE clause joined by
/// AND, their values bound through `d`.
pub(crate) fn conditions<D: Dialect>(f: &Filter, d: &mut D) -> Vec<String> {
    let mut wh: Vec<String> = Vec::new();
    if !f.statuses.is_empty() && f.statuses.len() < Status::ALL.len() {
        let active = [Status::New, Status::Open, Status::Waiting];
        if f.statuses.len() == 3 && active.iter().all(|s| f.statuses.contains(s)) {
            // Spelled exactly as the partial index says, so the planner uses it.
            wh.push("status IN ('new', 'open', 'waiting')".into());
        } else {
            let list: Vec<String> = f.statuses.iter().map(|s| d.word(s.as_str())).collect();
            wh.push(format!("status IN ({})", list.join(", ")));
        }
    }
    if let Some(a) = &f.assignee {
        wh.push(format!("assignee = {}", d.text(a)));
    }
    if f.unassigned {
        wh.push("assignee IS NULL".into());
    }
    if !f.priorities.is_empty() {
        let list: Vec<String> = f.priorities.iter().map(|p| d.word(p.as_str())).collect();
        wh.push(format!("priority IN ({})", list.join(", ")));
    }
    if let Some(t) = f.tier {
        wh.push(format!("tier = {}", d.int(t.into())));
    }
    if let Some(k) = f.kind {
        wh.push(format!("kind = {}", d.word(k.as_str())));
    }
    // Case-insensitive in any alphabet: `--org 'ääkköset oy'` finds Ääkköset Oy.
    for (col, v) in [
        ("category", &f.category),
        ("org", &f.org),
        ("requester", &f.requester),
        ("ci", &f.ci),
    ] {
        if let Some(v) = v {
            let p = d.text(v);
            wh.push(d.nocase(col, &p));
        }
    }
    if let Some(c) = f.channel {
        wh.push(format!("channel = {}", d.word(c.as_str())));
    }
    if let Some(tag) = &f.tag {
        let p = d.text(tag);
        wh.push(d.has_tag(&p));
    }
    for (cond, at) in [
        ("next_due <", f.due_before),
        ("created_at >=", f.created_since),
        ("created_at <", f.created_until),
    ] {
        if let Some(at) = at {
            wh.push(format!("{cond} {}", d.int(at.timestamp())));
        }
    }
    if let Some(q) = &f.search {
        // Every word must occur, but each may be in the title, the description or any
        // comment: "näyttö kaapeli" finds the ticket about a screen whose comment
        // names the cable.
        if q.is_empty() {
            wh.push(D::FALSE.into());
        }
        for term in q.each_term() {
            if let Some(c) = d.search_word(&term) {
                wh.push(c);
            }
        }
    }
    wh
}

/// The list's statement: `columns` of the tickets `conditions` select, in `order`, at
/// most `limit` of them.
pub(crate) fn select(
    columns: &str,
    conditions: &[String],
    order: &str,
    limit: Option<u64>,
) -> String {
    let mut sql = format!("SELECT {columns} FROM tickets");
    if !conditions.is_empty() {
        sql.push_str(" WHERE ");
        sql.push_str(&conditions.join(" AND "));
    }
    sql.push_str(" ORDER BY ");
    sql.push_str(order);
    if let Some(n) = limit {
        sql.push_str(&format!(" LIMIT {}", n.min(i64::MAX as u64)));
    }
    sql
}
