//! Writing a ticket: its row's parameters (insert and update), its new events, and
//! the SLA caches; comments and work entries.

use super::*;

/// When `record` (an UPDATE) writes a column `insert_ticket` writes.
#[derive(Clone, Copy, PartialEq)]
pub(super) enum Update {
    /// Always.
    Always,
    /// Only when the ticket's text (title, description and so its search) changed.
    Text,
    /// Never: set once, on insert.
    Never,
    /// `status_at`: the latest status change, kept when the recording made none.
    StatusAt,
}

/// The columns of a ticket row after `id`, each with its parameter: one list for
/// both the INSERT and the UPDATE.
pub(super) struct TicketParams {
    pub(super) cols: Vec<(&'static str, Update)>,
    pub(super) v: Vec<Box<dyn ToSql + Sync>>,
    pub(super) t: Vec<T>,
}

impl TicketParams {
    fn push<X: ToSql + Sync + 'static>(&mut self, col: &'static str, u: Update, x: X, ty: T) {
        self.cols.push((col, u));
        self.v.push(Box::new(x));
        self.t.push(ty);
    }

    fn refs(&self) -> Vec<P<'_>> {
        self.v
            .iter()
            .zip(&self.t)
            .map(|(v, t)| (v.as_ref() as &(dyn ToSql + Sync), t.clone()))
            .collect()
    }

    /// Parameter `$i` as the value of column `col`.
    fn value(col: &str, i: usize) -> String {
        if col == "search" {
            format!("array_to_tsvector(${i}::text[])")
        } else {
            format!("${i}")
        }
    }
}

pub(super) fn ticket_params(
    t: &Ticket,
    status_at: Option<DateTime<Utc>>,
    c: &SlaCache,
) -> TicketParams {
    use Update::{Always as A, Never, StatusAt, Text};
    let mut p = TicketParams {
        cols: Vec::with_capacity(44),
        v: Vec::with_capacity(44),
        t: Vec::with_capacity(44),
    };
    let s = |x: &Option<String>| x.clone();
    p.push("kind", A, t.kind.as_str().to_string(), T::TEXT);
    p.push("title", Text, t.title.clone(), T::TEXT);
    p.push("description", Text, s(&t.description), T::TEXT);
    p.push("status", A, t.status.as_str().to_string(), T::TEXT);
    p.push("priority", A, t.priority.as_str().to_string(), T::TEXT);
    p.push(
        "impact",
        A,
        t.impact.map(|l| l.as_str().to_string()),
        T::TEXT,
    );
    p.push(
        "urgency",
        A,
        t.urgency.map(|l| l.as_str().to_string()),
        T::TEXT,
    );
    p.push("tier", A, t.tier as i64, T::INT8);
    p.push("max_tier", A, t.max_tier as i64, T::INT8);
    p.push("assignee", A, s(&t.assignee), T::TEXT);
    p.push("requester", A, s(&t.requester), T::TEXT);
    p.push("email", A, s(&t.email), T::TEXT);
    p.push("phone", A, s(&t.phone), T::TEXT);
    p.push("org", A, s(&t.org), T::TEXT);
    p.push("location", A, s(&t.location), T::TEXT);
    p.push("category", A, s(&t.category), T::TEXT);
    p.push("ci", A, s(&t.ci), T::TEXT);
    p.push(
        "channel",
        A,
        t.channel.map(|c| c.as_str().to_string()),
        T::TEXT,
    );
    p.push("tags", A, tags_json(&t.tags), T::TEXT);
    p.push("created_at", Never, t.created_at.timestamp(), T::INT8);
    p.push("updated_at", A, t.updated_at.timestamp(), T::INT8);
    p.push("resolution", A, s(&t.resolution), T::TEXT);
    p.push("kb_article", A, t.kb_article, T::INT8);
    p.push("time_spent", A, t.time_spent, T::INT8);
    p.push("dedup_key", Never, s(&t.dedup_key), T::TEXT);
    p.push("occurrences", A, t.occurrences, T::INT8);
    p.push("escalations", A, t.escalations, T::INT8);
    p.push("reopens", A, t.reopens, T::INT8);
    p.push("resolved_at", A, ut(t.resolved_at), T::INT8);
    p.push("closed_at", A, ut(t.closed_at), T::INT8);
    p.push("status_at", StatusAt, ut(status_at), T::INT8);
    p.push("first_response_at", A, ut(c.first_response_at), T::INT8);
    p.push("response_due", A, ut(c.response_due), T::INT8);
    p.push("resolve_due", A, ut(c.resolve_due), T::INT8);
    p.push("next_due", A, c.next_due(), T::INT8);
    p.push("sla_breached", A, c.breached, T::BOOL);
    p.push("sla_gen", A, c.generation, T::INT8);
    p.push("response_secs", A, c.report.response_secs, T::INT8);
    p.push("resolve_secs", A, c.report.resolve_secs, T::INT8);
    p.push(
        "first_resolved_at",
        A,
        ut(c.report.first_resolved_at),
        T::INT8,
    );
    p.push(
        "last_resolved_at",
        A,
        ut(c.report.last_resolved_at),
        T::INT8,
    );
    p.push("ever_escalated", A, c.report.ever_escalated, T::BOOL);
    p.push("ever_reopened", A, c.report.ever_reopened, T::BOOL);
    let search = search_lexemes(&[Some(&t.title), t.description.as_deref()]);
    p.push("search", Text, search, T::TEXT_ARRAY);
    p
}

/// The new events of a ticket as arrays, for one INSERT ... SELECT FROM unnest.
pub(super) struct EventArrays {
    pub(super) at: Vec<i64>,
    pub(super) rec: Vec<i64>,
    pub(super) actor: Vec<String>,
    pub(super) action: Vec<String>,
    pub(super) detail: Vec<Option<String>>,
    pub(super) status: Vec<Option<String>>,
}

pub(super) fn event_arrays(events: &[Event]) -> EventArrays {
    EventArrays {
        at: events.iter().map(|e| e.at.timestamp()).collect(),
        rec: events.iter().map(|e| e.recorded_at.timestamp()).collect(),
        actor: events.iter().map(|e| e.actor.clone()).collect(),
        action: events.iter().map(|e| e.action.clone()).collect(),
        detail: events.iter().map(|e| e.detail.clone()).collect(),
        status: events
            .iter()
            .map(|e| e.status.map(|s| s.as_str().to_string()))
            .collect(),
    }
}

/// A CTE inserting the events in `$a..$a+5` for ticket `ticket_expr`.
pub(super) fn events_cte(a: usize, ticket_expr: &str, from: &str) -> String {
    format!(
        "ev AS (INSERT INTO events (id, ticket_id, at, recorded_at, actor, action, detail, status)
           SELECT m.m + e.n, {ticket_expr}, e.at, e.rec, e.actor, e.action, e.detail, e.status
           FROM {from} unnest(${a}::bigint[], ${}::bigint[], ${}::text[], ${}::text[], ${}::text[], ${}::text[])
                WITH ORDINALITY AS e(at, rec, actor, action, detail, status, n),
                (SELECT desk_next_id('events') - 1 AS m) m)",
        a + 1,
        a + 2,
        a + 3,
        a + 4,
        a + 5
    )
}

pub(super) fn push_events<'a>(p: &mut Vec<P<'a>>, e: &'a EventArrays) {
    p.push((&e.at, T::INT8_ARRAY));
    p.push((&e.rec, T::INT8_ARRAY));
    p.push((&e.actor, T::TEXT_ARRAY));
    p.push((&e.action, T::TEXT_ARRAY));
    p.push((&e.detail, T::TEXT_ARRAY));
    p.push((&e.status, T::TEXT_ARRAY));
}

pub(super) fn insert_ticket(db: &mut Db, r: Recording) -> Result<i64> {
    let id = r.asked_id();
    let tp = ticket_params(r.ticket, r.status_at(), r.cache);
    let ev = event_arrays(r.events);
    let n = tp.v.len();
    let cols: Vec<&str> = tp.cols.iter().map(|(c, _)| *c).collect();
    let values: Vec<String> = cols
        .iter()
        .enumerate()
        .map(|(k, col)| TicketParams::value(col, k + 2))
        .collect();
    let sql = format!(
        "WITH t AS (INSERT INTO tickets (id, {})
            VALUES (coalesce($1, desk_next_id('tickets')), {})
            RETURNING id),
         {}
         SELECT id FROM t",
        cols.join(", "),
        values.join(", "),
        events_cte(n + 2, "t.id", "t,")
    );
    let mut p: Vec<P> = vec![(&id, T::INT8)];
    p.extend(tp.refs());
    push_events(&mut p, &ev);
    let rows = db.query(&sql, &p)?;
    Ok(rows[0].try_get(0)?)
}

pub(super) fn record(db: &mut Db, r: Recording) -> Result<()> {
    let t = r.ticket;
    let tp = ticket_params(t, r.status_at(), r.cache);
    let ev = event_arrays(r.events);
    let mut p: Vec<P> = vec![(&t.id, T::INT8)];
    let mut set = Vec::with_capacity(tp.cols.len());
    for (&(col, u), param) in tp.cols.iter().zip(tp.refs()) {
        let i = p.len() + 1;
        match u {
            Update::Never => continue,
            Update::Text if !r.text_changed => continue,
            Update::Always | Update::Text => {
                set.push(format!("{col} = {}", TicketParams::value(col, i)))
            }
            Update::StatusAt => set.push(format!(
                "status_at = CASE WHEN ${i}::bigint IS NULL THEN status_at
                                  ELSE greatest(coalesce(status_at, ${i}), ${i}) END"
            )),
        }
        p.push(param);
    }
    let a = p.len() + 1;
    push_events(&mut p, &ev);
    let sql = format!(
        "WITH {} UPDATE tickets SET {} WHERE id = $1",
        events_cte(a, "$1", ""),
        set.join(", ")
    );
    db.execute(&sql, &p)?;
    Ok(())
}

pub(super) fn tickets_with_history(
    db: &mut Db,
    statuses: &[Status],
    each: &mut dyn FnMut(Ticket, Vec<Event>) -> Result<()>,
) -> Result<()> {
    let names: Vec<String> = statuses.iter().map(|s| s.as_str().to_string()).collect();
    each_with_history(
        db,
        "WHERE tickets.status = ANY($1) ORDER BY tickets.id",
        &[(&names, T::TEXT_ARRAY)],
        each,
    )
}

/// The caches in one UPDATE from arrays, a column each.
pub(super) fn write_caches(db: &mut Db, caches: &[(i64, SlaCache)]) -> Result<()> {
    let id: Vec<i64> = caches.iter().map(|(i, _)| *i).collect();
    let col = |f: &dyn Fn(&SlaCache) -> Option<i64>| -> Vec<Option<i64>> {
        caches.iter().map(|(_, c)| f(c)).collect()
    };
    let fr = col(&|c| ut(c.first_response_at));
    let rd = col(&|c| ut(c.response_due));
    let rsd = col(&|c| ut(c.resolve_due));
    let nd = col(&|c| Some(c.next_due()));
    let gen_ = col(&|c| Some(c.generation));
    let rs = col(&|c| c.report.response_secs);
    let rss = col(&|c| c.report.resolve_secs);
    let fres = col(&|c| ut(c.report.first_resolved_at));
    let lres = col(&|c| ut(c.report.last_resolved_at));
    let br: Vec<bool> = caches.iter().map(|(_, c)| c.breached).collect();
    let ee: Vec<bool> = caches
        .iter()
        .map(|(_, c)| c.report.ever_escalated)
        .collect();
    let er: Vec<bool> = caches.iter().map(|(_, c)| c.report.ever_reopened).collect();
    db.execute(
        "UPDATE tickets SET first_response_at = r.fr, response_due = r.rd, resolve_due = r.rsd,
            next_due = r.nd, sla_breached = r.br, sla_gen = r.g, response_secs = r.rs,
            resolve_secs = r.rss, first_resolved_at = r.fres, last_resolved_at = r.lres,
            ever_escalated = r.ee, ever_reopened = r.er
         FROM unnest($1::bigint[], $2::bigint[], $3::bigint[], $4::bigint[], $5::bigint[],
                     $6::bool[], $7::bigint[], $8::bigint[], $9::bigint[], $10::bigint[],
                     $11::bigint[], $12::bool[], $13::bool[])
              AS r(id, fr, rd, rsd, nd, br, g, rs, rss, fres, lres, ee, er)
         WHERE tickets.id = r.id",
        &[
            (&id, T::INT8_ARRAY),
            (&fr, T::INT8_ARRAY),
            (&rd, T::INT8_ARRAY),
            (&rsd, T::INT8_ARRAY),
            (&nd, T::INT8_ARRAY),
            (&br, T::BOOL_ARRAY),
            (&gen_, T::INT8_ARRAY),
            (&rs, T::INT8_ARRAY),
            (&rss, T::INT8_ARRAY),
            (&fres, T::INT8_ARRAY),
            (&lres, T::INT8_ARRAY),
            (&ee, T::BOOL_ARRAY),
            (&er, T::BOOL_ARRAY),
        ],
    )?;
    Ok(())
}

pub(super) fn insert_comment(db: &mut Db, new: &NewComment) -> Result<()> {
    let c = new.comment;
    let (at, rec) = (c.at.timestamp(), new.recorded_at.timestamp());
    let source = if new.from_mail { "mail" } else { "desk" };
    let search = lexemes(&c.text);
    db.execute(
        "INSERT INTO comments (id, ticket_id, at, recorded_at, actor, text, internal, source, search)
         VALUES (desk_next_id('comments'), $1, $2, $3, $4, $5, $6, $7,
                 array_to_tsvector($8::text[]))",
        &[
            (&new.ticket, T::INT8),
            (&at, T::INT8),
            (&rec, T::INT8),
            (&c.actor, T::TEXT),
            (&c.text, T::TEXT),
            (&c.internal, T::BOOL),
            (&source, T::TEXT),
            (&search, T::TEXT_ARRAY),
        ],
    )?;
    Ok(())
}

pub(super) fn insert_work(db: &mut Db, new: &NewWork) -> Result<()> {
    let w = new.entry;
    let (at, rec) = (w.at.timestamp(), new.recorded_at.timestamp());
    db.execute(
        "INSERT INTO worklog (id, ticket_id, at, recorded_at, actor, minutes, note)
         VALUES (desk_next_id('worklog'), $1, $2, $3, $4, $5, $6)",
        &[
            (&new.ticket, T::INT8),
            (&at, T::INT8),
            (&rec, T::INT8),
            (&w.actor, T::TEXT),
            (&w.minutes, T::INT8),
            (&w.note, T::TEXT),
        ],
    )?;
    Ok(())
}
