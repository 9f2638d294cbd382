//! The queue: `list`'s query, its filters and sort keys, and reading every ticket.

use super::*;

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

pub(super) fn queue(
    db: &mut Db,
    q: &Query,
    generation: Option<i64>,
    each: &mut dyn FnMut(Ticket, Option<Vec<Event>>) -> Result<()>,
) -> Result<()> {
    let f = &q.filter;
    let mut wh: Vec<String> = Vec::new();
    let mut texts: Vec<String> = Vec::new();
    let mut ints: Vec<i64> = Vec::new();
    // Parameters: text ones first as $1..$n; integers after, renumbered below.
    let tp = |v: String, texts: &mut Vec<String>| {
        texts.push(v);
        format!("$t{}", texts.len())
    };
    let ip = |v: i64, ints: &mut Vec<i64>| {
        ints.push(v);
        format!("$i{}", ints.len())
    };
    let all = Status::ALL.len();
    if !f.statuses.is_empty() && f.statuses.len() < all {
        let active = [Status::New, Status::Open, Status::Waiting];
        if f.statuses.len() == 3 && active.iter().all(|s| f.statuses.contains(s)) {
            wh.push("status IN ('new', 'open', 'waiting')".into());
        } else {
            let list: Vec<String> = f
                .statuses
                .iter()
                .map(|s| format!("'{}'", s.as_str()))
                .collect();
            wh.push(format!("status IN ({})", list.join(", ")));
        }
    }
    if let Some(a) = &f.assignee {
        wh.push(format!("assignee = {}", tp(a.clone(), &mut texts)));
    }
    if f.unassigned {
        wh.push("assignee IS NULL".into());
    }
    if !f.priorities.is_empty() {
        let list: Vec<String> = f
            .priorities
            .iter()
            .map(|p| format!("'{}'", p.as_str()))
            .collect();
        wh.push(format!("priority IN ({})", list.join(", ")));
    }
    if let Some(t) = f.tier {
        wh.push(format!("tier = {}", ip(t as i64, &mut ints)));
    }
    if let Some(k) = f.kind {
        wh.push(format!("kind = '{}'", k.as_str()));
    }
    for (col, v) in [
        ("category", &f.category),
        ("org", &f.org),
        ("requester", &f.requester),
        ("ci", &f.ci),
    ] {
        if let Some(v) = v {
            let p = tp(v.clone(), &mut texts);
            wh.push(nocase(col, &p));
        }
    }
    if let Some(c) = f.channel {
        wh.push(format!("channel = '{}'", c.as_str()));
    }
    if let Some(tag) = &f.tag {
        let p = tp(tag.clone(), &mut texts);
        wh.push(format!(
            "EXISTS (SELECT 1 FROM json_array_elements_text(tickets.tags::json) v WHERE {})",
            nocase("v", &p)
        ));
    }
    if let Some(d) = f.due_before {
        wh.push(format!("next_due < {}", ip(d.timestamp(), &mut ints)));
    }
    if let Some(d) = f.created_since {
        wh.push(format!("created_at >= {}", ip(d.timestamp(), &mut ints)));
    }
    if let Some(d) = f.created_until {
        wh.push(format!("created_at < {}", ip(d.timestamp(), &mut ints)));
    }
    if let Some(sq) = &f.search {
        if sq.is_empty() {
            wh.push("false".into());
        }
        for term in sq.each_term() {
            let Some(m) = term.ts_query() else {
                continue;
            };
            let p = tp(m, &mut texts);
            wh.push(format!(
                "(tickets.search @@ {p}::tsquery
                  OR tickets.id IN (SELECT c.ticket_id FROM comments c WHERE c.search @@ {p}::tsquery))"
            ));
        }
    }
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
    let mut sql = format!(
        "SELECT {} FROM tickets",
        match q.fields {
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
    sql.push_str(&keys.join(", "));
    if let Some(n) = q.limit {
        sql.push_str(&format!(" LIMIT {}", n.min(i64::MAX as u64)));
    }
    // Number the placeholders: texts, then integers (highest first, so $t1 does not
    // eat $t10).
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
