//! Writing a ticket: its row's parameters (insert and update), its new events, and
//! the SLA caches; comments and work entries.

use super::*;

/// The parameters of a ticket row, in [`INSERT_TICKET`]'s order from $2.
pub(super) struct TicketParams {
    pub(super) v: Vec<Box<dyn ToSql + Sync>>,
    pub(super) t: Vec<T>,
}

impl TicketParams {
    fn push<X: ToSql + Sync + 'static>(&mut self, x: X, ty: T) {
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
}

/// The ticket columns written on insert, after `id`.
pub(super) const TICKET_INSERT_COLUMNS: &str =
    "kind, title, description, status, priority, impact, urgency,
    tier, max_tier, assignee, requester, email, phone, org, location, category, ci,
    channel, tags, created_at, updated_at, resolution, kb_article, time_spent,
    dedup_key, occurrences, escalations, reopens, resolved_at, closed_at, status_at,
    first_response_at, response_due, resolve_due, next_due, sla_breached, sla_gen,
    response_secs, resolve_secs, first_resolved_at, last_resolved_at, ever_escalated,
    ever_reopened, search";

pub(super) fn ticket_params(
    t: &Ticket,
    status_at: Option<DateTime<Utc>>,
    c: &SlaCache,
) -> TicketParams {
    let mut p = TicketParams {
        v: Vec::with_capacity(44),
        t: Vec::with_capacity(44),
    };
    let s = |x: &Option<String>| x.clone();
    p.push(t.kind.as_str().to_string(), T::TEXT);
    p.push(t.title.clone(), T::TEXT);
    p.push(s(&t.description), T::TEXT);
    p.push(t.status.as_str().to_string(), T::TEXT);
    p.push(t.priority.as_str().to_string(), T::TEXT);
    p.push(t.impact.map(|l| l.as_str().to_string()), T::TEXT);
    p.push(t.urgency.map(|l| l.as_str().to_string()), T::TEXT);
    p.push(t.tier as i64, T::INT8);
    p.push(t.max_tier as i64, T::INT8);
    p.push(s(&t.assignee), T::TEXT);
    p.push(s(&t.requester), T::TEXT);
    p.push(s(&t.email), T::TEXT);
    p.push(s(&t.phone), T::TEXT);
    p.push(s(&t.org), T::TEXT);
    p.push(s(&t.location), T::TEXT);
    p.push(s(&t.category), T::TEXT);
    p.push(s(&t.ci), T::TEXT);
    p.push(t.channel.map(|c| c.as_str().to_string()), T::TEXT);
    p.push(tags_json(&t.tags), T::TEXT);
    p.push(t.created_at.timestamp(), T::INT8);
    p.push(t.updated_at.timestamp(), T::INT8);
    p.push(s(&t.resolution), T::TEXT);
    p.push(t.kb_article, T::INT8);
    p.push(t.time_spent, T::INT8);
    p.push(s(&t.dedup_key), T::TEXT);
    p.push(t.occurrences, T::INT8);
    p.push(t.escalations, T::INT8);
    p.push(t.reopens, T::INT8);
    p.push(ut(t.resolved_at), T::INT8);
    p.push(ut(t.closed_at), T::INT8);
    p.push(ut(status_at), T::INT8);
    p.push(ut(c.first_response_at), T::INT8);
    p.push(ut(c.response_due), T::INT8);
    p.push(ut(c.resolve_due), T::INT8);
    p.push(c.next_due(), T::INT8);
    p.push(c.breached, T::BOOL);
    p.push(c.generation, T::INT8);
    p.push(c.response_secs, T::INT8);
    p.push(c.resolve_secs, T::INT8);
    p.push(ut(c.first_resolved_at), T::INT8);
    p.push(ut(c.last_resolved_at), T::INT8);
    p.push(c.ever_escalated, T::BOOL);
    p.push(c.ever_reopened, T::BOOL);
    p.push(
        search_lexemes(&[Some(&t.title), t.description.as_deref()]),
        T::TEXT_ARRAY,
    );
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
    let t = r.ticket;
    let id: Option<i64> = (t.id > 0).then_some(t.id);
    let status_at = r
        .events
        .iter()
        .filter(|e| e.status.is_some())
        .map(|e| e.at)
        .max();
    let tp = ticket_params(t, status_at, r.cache);
    let ev = event_arrays(r.events);
    let n = tp.v.len();
    let values: Vec<String> = (2..=n + 1)
        .map(|i| {
            if i == n + 1 {
                format!("array_to_tsvector(${i}::text[])")
            } else {
                format!("${i}")
            }
        })
        .collect();
    let sql = format!(
        "WITH t AS (INSERT INTO tickets (id, {TICKET_INSERT_COLUMNS})
            VALUES (coalesce($1, desk_next_id('tickets')), {})
            RETURNING id),
         {}
         SELECT id FROM t",
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
    let c = r.cache;
    let status_at = r
        .events
        .iter()
        .filter(|e| e.status.is_some())
        .map(|e| e.at.timestamp())
        .max();
    let ev = event_arrays(r.events);
    let (kind, status, priority) = (
        t.kind.as_str().to_string(),
        t.status.as_str().to_string(),
        t.priority.as_str().to_string(),
    );
    let impact = t.impact.map(|l| l.as_str().to_string());
    let urgency = t.urgency.map(|l| l.as_str().to_string());
    let channel = t.channel.map(|l| l.as_str().to_string());
    let tags = tags_json(&t.tags);
    let tier = t.tier as i64;
    let max_tier = t.max_tier as i64;
    let updated = t.updated_at.timestamp();
    let (resolved, closed) = (ut(t.resolved_at), ut(t.closed_at));
    let (fr, rd, rsd) = (
        ut(c.first_response_at),
        ut(c.response_due),
        ut(c.resolve_due),
    );
    let (first_res, last_res) = (ut(c.first_resolved_at), ut(c.last_resolved_at));
    let next_due = c.next_due();
    let search = search_lexemes(&[Some(&t.title), t.description.as_deref()]);
    let mut p: Vec<P> = vec![
        (&t.id, T::INT8),
        (&kind, T::TEXT),
        (&status, T::TEXT),
        (&priority, T::TEXT),
        (&impact, T::TEXT),
        (&urgency, T::TEXT),
        (&tier, T::INT8),
        (&max_tier, T::INT8),
        (&t.assignee, T::TEXT),
        (&t.requester, T::TEXT),
        (&t.email, T::TEXT),
        (&t.phone, T::TEXT),
        (&t.org, T::TEXT),
        (&t.location, T::TEXT),
        (&t.category, T::TEXT),
        (&t.ci, T::TEXT),
        (&channel, T::TEXT),
        (&tags, T::TEXT),
        (&updated, T::INT8),
        (&resolved, T::INT8),
        (&closed, T::INT8),
        (&t.resolution, T::TEXT),
        (&t.kb_article, T::INT8),
        (&t.time_spent, T::INT8),
        (&t.occurrences, T::INT8),
        (&t.escalations, T::INT8),
        (&t.reopens, T::INT8),
        (&fr, T::INT8),
        (&rd, T::INT8),
        (&rsd, T::INT8),
        (&next_due, T::INT8),
        (&c.breached, T::BOOL),
        (&c.generation, T::INT8),
        (&c.response_secs, T::INT8),
        (&c.resolve_secs, T::INT8),
        (&first_res, T::INT8),
        (&last_res, T::INT8),
        (&c.ever_escalated, T::BOOL),
        (&c.ever_reopened, T::BOOL),
        (&status_at, T::INT8),
    ];
    let text = if r.text_changed {
        p.push((&t.title, T::TEXT));
        p.push((&t.description, T::TEXT));
        p.push((&search, T::TEXT_ARRAY));
        ", title = $41, description = $42, search = array_to_tsvector($43::text[])"
    } else {
        ""
    };
    let a = p.len() + 1;
    push_events(&mut p, &ev);
    let sql = format!(
        "WITH {} UPDATE tickets SET kind = $2, status = $3, priority = $4,
            impact = $5, urgency = $6, tier = $7, max_tier = $8, assignee = $9,
            requester = $10, email = $11, phone = $12, org = $13, location = $14,
            category = $15, ci = $16, channel = $17, tags = $18, updated_at = $19,
            resolved_at = $20, closed_at = $21, resolution = $22, kb_article = $23,
            time_spent = $24, occurrences = $25, escalations = $26, reopens = $27,
            first_response_at = $28, response_due = $29, resolve_due = $30, next_due = $31,
            sla_breached = $32, sla_gen = $33, response_secs = $34, resolve_secs = $35,
            first_resolved_at = $36, last_resolved_at = $37, ever_escalated = $38,
            ever_reopened = $39,
            status_at = CASE WHEN $40::bigint IS NULL THEN status_at
                             ELSE greatest(coalesce(status_at, $40), $40) END{text}
         WHERE id = $1",
        events_cte(a, "$1", "")
    );
    db.execute(&sql, &p)?;
    Ok(())
}

pub(super) fn refresh_caches(
    db: &mut Db,
    statuses: &[Status],
    compute: &mut dyn FnMut(&Ticket, &[Event]) -> SlaCache,
) -> Result<()> {
    let names: Vec<String> = statuses.iter().map(|s| s.as_str().to_string()).collect();
    let mut caches: Vec<(i64, SlaCache)> = Vec::new();
    each_with_history(
        db,
        "WHERE tickets.status = ANY($1) ORDER BY tickets.id",
        &[(&names, T::TEXT_ARRAY)],
        &mut |t, events| {
            caches.push((t.id, compute(&t, &events)));
            Ok(())
        },
    )?;
    if caches.is_empty() {
        return Ok(());
    }
    let id: Vec<i64> = caches.iter().map(|(i, _)| *i).collect();
    let col = |f: &dyn Fn(&SlaCache) -> Option<i64>| -> Vec<Option<i64>> {
        caches.iter().map(|(_, c)| f(c)).collect()
    };
    let fr = col(&|c| ut(c.first_response_at));
    let rd = col(&|c| ut(c.response_due));
    let rsd = col(&|c| ut(c.resolve_due));
    let nd = col(&|c| Some(c.next_due()));
    let gen_ = col(&|c| Some(c.generation));
    let rs = col(&|c| c.response_secs);
    let rss = col(&|c| c.resolve_secs);
    let fres = col(&|c| ut(c.first_resolved_at));
    let lres = col(&|c| ut(c.last_resolved_at));
    let br: Vec<bool> = caches.iter().map(|(_, c)| c.breached).collect();
    let ee: Vec<bool> = caches.iter().map(|(_, c)| c.ever_escalated).collect();
    let er: Vec<bool> = caches.iter().map(|(_, c)| c.ever_reopened).collect();
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

pub(super) fn insert_comment(
    db: &mut Db,
    ticket: i64,
    c: &Comment,
    recorded_at: DateTime<Utc>,
    from_mail: bool,
) -> Result<()> {
    let (at, rec) = (c.at.timestamp(), recorded_at.timestamp());
    let source = if from_mail { "mail" } else { "desk" };
    let search = lexemes(&c.text);
    db.execute(
        "INSERT INTO comments (id, ticket_id, at, recorded_at, actor, text, internal, source, search)
         VALUES (desk_next_id('comments'), $1, $2, $3, $4, $5, $6, $7,
                 array_to_tsvector($8::text[]))",
        &[
            (&ticket, T::INT8),
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

pub(super) fn insert_work(
    db: &mut Db,
    ticket: i64,
    w: &WorkEntry,
    recorded_at: DateTime<Utc>,
) -> Result<()> {
    let (at, rec) = (w.at.timestamp(), recorded_at.timestamp());
    db.execute(
        "INSERT INTO worklog (id, ticket_id, at, recorded_at, actor, minutes, note)
         VALUES (desk_next_id('worklog'), $1, $2, $3, $4, $5, $6)",
        &[
            (&ticket, T::INT8),
            (&at, T::INT8),
            (&rec, T::INT8),
            (&w.actor, T::TEXT),
            (&w.minutes, T::INT8),
            (&w.note, T::TEXT),
        ],
    )?;
    Ok(())
}
