//! A ticket's row: the columns every ticket query selects and the row → ticket
//! mapping; one ticket (with its history, comments, work, links, mail and attachments).

use super::*;

// Tickets

/// The columns every ticket query selects, in this order (see `ticket_from_row`).
pub(super) const COLUMNS: &str = "tickets.id, tickets.kind, tickets.title, tickets.description, tickets.status, tickets.priority, tickets.impact, tickets.urgency, tickets.tier, tickets.max_tier, tickets.assignee, tickets.requester, tickets.email, tickets.phone, tickets.org, tickets.location, tickets.category, tickets.ci, tickets.channel, tickets.tags, tickets.created_at, tickets.updated_at, tickets.first_response_at, tickets.resolved_at, tickets.closed_at, tickets.response_due, tickets.resolve_due, tickets.sla_breached, tickets.resolution, tickets.kb_article, tickets.time_spent, tickets.dedup_key, tickets.occurrences, tickets.escalations, tickets.reopens, tickets.sla_gen";

/// `COLUMNS` with only what the queue's table shows (see the SQLite engine).
pub(super) const BRIEF_COLUMNS: &str = "tickets.id, 'incident'::text, tickets.title, NULL::text, tickets.status, \
    tickets.priority, NULL::text, NULL::text, tickets.tier, tickets.tier, tickets.assignee, tickets.requester, NULL::text, \
    NULL::text, NULL::text, NULL::text, tickets.category, NULL::text, NULL::text, '[]'::text, \
    tickets.created_at, tickets.created_at, tickets.first_response_at, tickets.resolved_at, tickets.closed_at, tickets.response_due, \
    tickets.resolve_due, tickets.sla_breached, NULL::text, NULL::bigint, 0::bigint, NULL::text, 1::bigint, \
    0::bigint, 0::bigint, tickets.sla_gen";

pub(super) const ID_COLUMNS: &str = "tickets.id, 'incident'::text, ''::text, NULL::text, 'new'::text, \
    'P3'::text, NULL::text, NULL::text, 1::bigint, 1::bigint, NULL::text, NULL::text, \
    NULL::text, NULL::text, NULL::text, NULL::text, NULL::text, NULL::text, NULL::text, \
    '[]'::text, 0::bigint, 0::bigint, NULL::bigint, NULL::bigint, NULL::bigint, \
    NULL::bigint, NULL::bigint, false, NULL::text, NULL::bigint, 0::bigint, NULL::text, \
    1::bigint, 0::bigint, 0::bigint, 0::bigint";

pub(super) const NCOLS: usize = 36;

pub(super) fn ts(v: Option<i64>) -> Option<DateTime<Utc>> {
    v.map(from_unix)
}

pub(super) fn ut(v: Option<DateTime<Utc>>) -> Option<i64> {
    v.map(|x| x.timestamp())
}

pub(super) fn parse_enum<X>(
    row: &Row,
    i: usize,
    what: &str,
    f: fn(&str) -> Option<X>,
) -> Result<X> {
    let s: &str = row.try_get(i)?;
    f(s).ok_or_else(|| anyhow!("unexpected {what} {s:?}"))
}

pub(super) fn parse_opt<X>(
    row: &Row,
    i: usize,
    what: &str,
    f: fn(&str) -> Option<X>,
) -> Result<Option<X>> {
    match row.try_get::<_, Option<&str>>(i)? {
        None => Ok(None),
        Some(s) => f(s)
            .map(Some)
            .ok_or_else(|| anyhow!("unexpected {what} {s:?}")),
    }
}

pub(super) fn ticket_from_row(row: &Row) -> Result<Ticket> {
    let tags = match row.try_get::<_, &str>(19)? {
        "[]" => Vec::new(),
        json => serde_json::from_str(json).unwrap_or_default(),
    };
    Ok(Ticket {
        id: row.try_get(0)?,
        kind: parse_enum(row, 1, "kind", Kind::parse)?,
        title: row.try_get(2)?,
        description: row.try_get(3)?,
        status: parse_enum(row, 4, "status", Status::parse)?,
        priority: parse_enum(row, 5, "priority", Priority::parse)?,
        impact: parse_opt(row, 6, "impact", Level::parse)?,
        urgency: parse_opt(row, 7, "urgency", Level::parse)?,
        tier: row.try_get::<_, i64>(8)? as u8,
        max_tier: row.try_get::<_, i64>(9)? as u8,
        assignee: row.try_get(10)?,
        requester: row.try_get(11)?,
        email: row.try_get(12)?,
        phone: row.try_get(13)?,
        org: row.try_get(14)?,
        location: row.try_get(15)?,
        category: row.try_get(16)?,
        ci: row.try_get(17)?,
        channel: parse_opt(row, 18, "channel", Channel::parse)?,
        tags,
        created_at: from_unix(row.try_get(20)?),
        updated_at: from_unix(row.try_get(21)?),
        first_response_at: ts(row.try_get(22)?),
        resolved_at: ts(row.try_get(23)?),
        closed_at: ts(row.try_get(24)?),
        response_due: ts(row.try_get(25)?),
        resolve_due: ts(row.try_get(26)?),
        sla_breached: row.try_get(27)?,
        resolution: row.try_get(28)?,
        kb_article: row.try_get(29)?,
        time_spent: row.try_get(30)?,
        dedup_key: row.try_get(31)?,
        occurrences: row.try_get(32)?,
        escalations: row.try_get(33)?,
        reopens: row.try_get(34)?,
        sla_generation: row.try_get(35)?,
    })
}

pub(super) fn event_from(row: &Row, n: usize) -> Result<Event> {
    Ok(Event {
        at: from_unix(row.try_get(n)?),
        recorded_at: from_unix(row.try_get(n + 1)?),
        actor: row.try_get(n + 2)?,
        action: row.try_get(n + 3)?,
        detail: row.try_get(n + 4)?,
        status: row
            .try_get::<_, Option<&str>>(n + 5)?
            .and_then(Status::parse),
        recorded_by: row.try_get(n + 6)?,
    })
}

pub(super) const EVENT_COLUMNS: &str =
    "at, recorded_at, actor, action, detail, status, recorded_by";

pub(super) fn tags_json(tags: &[String]) -> String {
    serde_json::to_string(tags).unwrap_or_else(|_| "[]".into())
}
pub(super) fn get_ticket(db: &mut Db, id: i64) -> Result<Ticket> {
    let rows = db.query(
        &format!("SELECT {COLUMNS} FROM tickets WHERE id = $1"),
        &[(&id, T::INT8)],
    )?;
    match rows.first() {
        Some(r) => ticket_from_row(r),
        None => Err(DeskError::TicketNotFound(id).into()),
    }
}

/// Tickets with their histories as one query: `filter` selects and orders the
/// tickets (ending with an ORDER BY whose last key is the ticket's id).
pub(super) fn each_with_history(
    db: &mut Db,
    filter: &str,
    p: &[P],
    each: &mut dyn FnMut(Ticket, Vec<Event>) -> Result<()>,
) -> Result<()> {
    let sql = format!(
        "SELECT {COLUMNS}, e.at, e.recorded_at, e.actor, e.action, e.detail, e.status, e.recorded_by
         FROM tickets LEFT JOIN events e ON e.ticket_id = tickets.id {filter}, e.at, e.id"
    );
    let rows = db.query(&sql, p)?;
    let mut current: Option<(Ticket, Vec<Event>)> = None;
    for row in &rows {
        let id: i64 = row.try_get(0)?;
        if current.as_ref().is_none_or(|(t, _)| t.id != id) {
            if let Some((t, events)) = current.take() {
                each(t, events)?;
            }
            current = Some((ticket_from_row(row)?, Vec::new()));
        }
        if row.try_get::<_, Option<i64>>(NCOLS)?.is_some()
            && let Some((_, events)) = current.as_mut()
        {
            events.push(event_from(row, NCOLS)?);
        }
    }
    if let Some((t, events)) = current {
        each(t, events)?;
    }
    Ok(())
}

pub(super) fn with_history(db: &mut Db, id: i64) -> Result<(Ticket, Vec<Event>)> {
    let mut found = None;
    each_with_history(
        db,
        "WHERE tickets.id = $1 ORDER BY tickets.id",
        &[(&id, T::INT8)],
        &mut |t, e| {
            found = Some((t, e));
            Ok(())
        },
    )?;
    found.ok_or_else(|| DeskError::TicketNotFound(id).into())
}

pub(super) type WithContent = (Attachment, Option<Vec<u8>>);

/// What hangs off a set of tickets, read in one statement each.
#[derive(Default)]
pub(super) struct Extras {
    pub(super) events: HashMap<i64, Vec<Event>>,
    pub(super) comments: HashMap<i64, Vec<Comment>>,
    pub(super) worklog: HashMap<i64, Vec<WorkEntry>>,
    pub(super) links: HashMap<i64, Vec<Link>>,
    pub(super) attachments: HashMap<i64, Vec<WithContent>>,
    pub(super) mail: HashMap<i64, Vec<MailRecord>>,
}

/// `what`: 0 history only, 1 everything without attachment bytes, 2 with them.
pub(super) fn extras(db: &mut Db, ids: &[i64], what: u8) -> Result<Extras> {
    let mut x = Extras::default();
    let ids = ids.to_vec();
    for r in db.query(
        &format!("SELECT ticket_id, {EVENT_COLUMNS} FROM events WHERE ticket_id = ANY($1) ORDER BY ticket_id, at, id"),
        &[(&ids, T::INT8_ARRAY)],
    )? {
        x.events.entry(r.try_get(0)?).or_default().push(event_from(&r, 1)?);
    }
    if what == 0 {
        return Ok(x);
    }
    for r in db.query(
        "SELECT ticket_id, at, actor, text, internal FROM comments WHERE ticket_id = ANY($1) ORDER BY ticket_id, at, id",
        &[(&ids, T::INT8_ARRAY)],
    )? {
        x.comments.entry(r.try_get(0)?).or_default().push(Comment {
            at: from_unix(r.try_get(1)?),
            actor: r.try_get(2)?,
            text: r.try_get(3)?,
            internal: r.try_get(4)?,
        });
    }
    for r in db.query(
        "SELECT ticket_id, at, actor, minutes, note FROM worklog WHERE ticket_id = ANY($1) ORDER BY ticket_id, at, id",
        &[(&ids, T::INT8_ARRAY)],
    )? {
        x.worklog.entry(r.try_get(0)?).or_default().push(WorkEntry {
            at: from_unix(r.try_get(1)?),
            actor: r.try_get(2)?,
            minutes: r.try_get(3)?,
            note: r.try_get(4)?,
        });
    }
    for r in db.query(
        "SELECT ticket_id AS me, other_id, kind, false FROM links WHERE ticket_id = ANY($1)
         UNION ALL SELECT other_id, ticket_id, kind, true FROM links WHERE other_id = ANY($1)
         ORDER BY 1, 2",
        &[(&ids, T::INT8_ARRAY)],
    )? {
        let kind: &str = r.try_get(2)?;
        let k = LinkKind::parse(kind).unwrap_or(LinkKind::Related);
        let inverse: bool = r.try_get(3)?;
        x.links.entry(r.try_get(0)?).or_default().push(Link {
            id: r.try_get(1)?,
            kind: if inverse { k.inverse() } else { k },
        });
    }
    let content = if what == 2 { "content" } else { "NULL::bytea" };
    for r in db.query(
        &format!("SELECT {ATTACHMENT_COLUMNS}, {content} FROM attachments WHERE ticket_id = ANY($1) ORDER BY ticket_id, id"),
        &[(&ids, T::INT8_ARRAY)],
    )? {
        let a = attachment_from_row(&r)?;
        let bytes: Option<Vec<u8>> = r.try_get(9)?;
        x.attachments.entry(a.ticket).or_default().push((a, bytes));
    }
    for r in db.query(
        "SELECT m.ticket_id, m.at, m.direction, m.message_id, m.recipient, m.subject,
                coalesce(o.state, m.state)
         FROM mail m LEFT JOIN outbox o ON o.id = m.outbox_id
         WHERE m.ticket_id = ANY($1) ORDER BY m.ticket_id, m.at, m.id",
        &[(&ids, T::INT8_ARRAY)],
    )? {
        x.mail.entry(r.try_get(0)?).or_default().push(MailRecord {
            at: from_unix(r.try_get(1)?),
            direction: r.try_get(2)?,
            message_id: r.try_get(3)?,
            to: r.try_get(4)?,
            subject: r.try_get(5)?,
            state: r.try_get(6)?,
        });
    }
    Ok(x)
}

pub(super) fn in_full(t: Ticket, x: &mut Extras) -> TicketInFull {
    let id = t.id;
    TicketInFull {
        ticket: t,
        events: x.events.remove(&id).unwrap_or_default(),
        comments: x.comments.remove(&id).unwrap_or_default(),
        worklog: x.worklog.remove(&id).unwrap_or_default(),
        links: x.links.remove(&id).unwrap_or_default(),
        attachments: x.attachments.remove(&id).unwrap_or_default(),
        mail: x.mail.remove(&id).unwrap_or_default(),
    }
}
