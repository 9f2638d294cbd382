//! The queue: `list`'s query, its filters and sort keys, and reading every ticket.

use super::*;
use crate::store::EachQueued;
use crate::store::queue::{Dialect, conditions, select};

pub(super) fn ord(expr: &str, descending: bool) -> String {
    if descending {
        format!("{expr} DESC NULLS LAST")
    } else {
        format!("{expr} ASC NULLS FIRST")
    }
}

/// Equal ignoring case in any alphabet, as SQLite's `DESK_NOCASE`.
pub(super) fn nocase(col: &str, param: &str) -> String {
    format!("lower({col} COLLATE \"und-x-icu\") = lower({param} COLLATE \"und-x-icu\")")
}

/// The list's parameters: text ones first as $1..$n, integers after, renumbered once
/// the statement is written (placeholders `$tN` and `$iN` until then).
#[derive(Default)]
struct PgParams {
    texts: Vec<String>,
    ints: Vec<i64>,
}

impl Dialect for PgParams {
    const FALSE: &'static str = "false";

    fn text(&mut self, v: &str) -> String {
        self.texts.push(v.to_string());
        format!("$t{}", self.texts.len())
    }

    fn int(&mut self, v: i64) -> String {
        self.ints.push(v);
        format!("$i{}", self.ints.len())
    }

    /// Desk's own words are written as literals (they come from desk, never from
    /// the user).
    fn word(&mut self, v: &'static str) -> String {
        format!("'{v}'")
    }

    fn nocase(&self, col: &str, p: &str) -> String {
        nocase(col, p)
    }

    fn has_tag(&self, p: &str) -> String {
        format!(
            "EXISTS (SELECT 1 FROM json_array_elements_text(tickets.tags::json) v WHERE {})",
            nocase("v", p)
        )
    }

    fn search_word(&mut self, term: &TextQuery) -> Option<String> {
        let p = self.text(&term.ts_query()?);
        Some(format!(
            "(tickets.search @@ {p}::tsquery
              OR tickets.id IN (SELECT c.ticket_id FROM comments c WHERE c.search @@ {p}::tsquery))"
        ))
    }
}

pub(super) fn queue(db: &mut Db, q: &Query, each: &mut EachQueued) -> Result<()> {
    let (f, generation) = (&q.filter, q.generation);
    let mut params = PgParams::default();
    let wh = conditions(f, &mut params);
    let dir = q.descending;
    let breached = match f.now {
        Some(now) => format!(
            "(tickets.sla_breached OR tickets.next_due < {})",
            now.timestamp()
        ),
        None => "tickets.sla_breached".to_string(),
    };
    let keys: Vec<String> = match q.sort {
        SortKey::Due if !dir => vec![
            ord(&breached, true),
            ord("tickets.next_due", false),
            ord("tickets.priority", false),
            ord("tickets.id", false),
        ],
        SortKey::Due => vec![
            ord(&breached, false),
            ord("tickets.next_due", true),
            ord("tickets.priority", true),
            ord("tickets.id", true),
        ],
        SortKey::Priority => vec![
            ord("tickets.priority", dir),
            ord("tickets.next_due", dir),
            ord("tickets.id", dir),
        ],
        SortKey::Id => vec![ord("tickets.id", dir)],
        SortKey::Created => vec![ord("tickets.created_at", dir), ord("tickets.id", dir)],
        SortKey::Updated => vec![ord("tickets.updated_at", dir), ord("tickets.id", dir)],
        SortKey::Status => vec![
            ord(
                "CASE tickets.status WHEN 'new' THEN 0 WHEN 'open' THEN 1 WHEN 'waiting' THEN 2 \
                 WHEN 'resolved' THEN 3 WHEN 'closed' THEN 4 ELSE 5 END",
                dir,
            ),
            ord("tickets.id", dir),
        ],
        SortKey::Assignee => vec![ord("lower(tickets.assignee)", dir), ord("tickets.id", dir)],
        SortKey::Requester => vec![ord("lower(tickets.requester)", dir), ord("tickets.id", dir)],
        SortKey::Title => vec![ord("lower(tickets.title)", dir), ord("tickets.id", dir)],
    };
    let columns = match q.fields {
        Fields::All => COLUMNS,
        Fields::Brief => BRIEF_COLUMNS,
        Fields::Id => ID_COLUMNS,
    };
    let mut sql = select(columns, &wh, &keys.join(", "), q.limit);
    // Number the placeholders: texts, then integers (highest first, so $t1 does not
    // eat $t10).
    let PgParams { texts, ints } = params;
    let nt = texts.len();
    for i in (1..=ints.len()).rev() {
        sql = sql.replace(&format!("$i{i}"), &format!("${}", nt + i));
    }
    for i in (1..=nt).rev() {
        sql = sql.replace(&format!("$t{i}"), &format!("${i}"));
    }
    let mut p: Vec<P> = Vec::new();
    for t in &texts {
        p.push((t, T::TEXT));
    }
    for i in &ints {
        p.push((i, T::INT8));
    }
    let rows = db.query(&sql, &p)?;
    let tickets: Vec<Ticket> = rows.iter().map(ticket_from_row).collect::<Result<_>>()?;
    drop(rows);
    // The stale ones' histories, in one statement.
    let stale: Vec<i64> = match generation {
        Some(g) => tickets
            .iter()
            .filter(|t| t.sla_generation != g)
            .map(|t| t.id)
            .collect(),
        None => Vec::new(),
    };
    let mut histories = if stale.is_empty() {
        HashMap::new()
    } else {
        extras(db, &stale, 0)?.events
    };
    for t in tickets {
        let h = match generation {
            Some(g) if t.sla_generation != g => Some(histories.remove(&t.id).unwrap_or_default()),
            _ => None,
        };
        each(t, h)?;
    }
    Ok(())
}
