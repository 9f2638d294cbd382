//! A record from its JSON tree, field by field: tickets (with their history,
//! comments, time log and links, completed with defaults) and articles.

use crate::domain::ticket::{
    Channel, Comment, Event, Kind, Level, Link, LinkKind, Priority, Status, Ticket, WorkEntry,
    action, priority_from,
};
use chrono::{DateTime, Utc};
use std::borrow::Cow;

use super::*;

/// One JSON object of an interchange file as a ticket or an article.
pub fn record_from_json(v: &Json, d: Defaults) -> Res<Record> {
    let fields = object("", v)
        .map_err(|_| FieldError::new("", format!("expected a JSON object, got {}", v.kind())))?;
    let ty = fields
        .iter()
        .rev()
        .find(|(k, _)| k == "type")
        .map(|(_, v)| v);
    match ty {
        None => ticket_from_fields(fields, d).map(|t| Record::Ticket(Box::new(t))),
        Some(Json::Str(s)) if s == "ticket" => {
            ticket_from_fields(fields, d).map(|t| Record::Ticket(Box::new(t)))
        }
        Some(Json::Str(s)) if s == "article" => article_from_fields(fields, d).map(Record::Article),
        Some(other) => Err(FieldError::new(
            "type",
            format!("invalid value {}: \"article\" or \"ticket\"", other.shown()),
        )),
    }
}

pub(super) fn article_from_fields(fields: &[(Cow<str>, Json)], d: Defaults) -> Res<ArticleRecord> {
    let mut a = ArticleRecord {
        id: None,
        title: String::new(),
        body: String::new(),
        tags: Vec::new(),
        category: None,
        author: d.user.to_string(),
        source_ticket: None,
        created_at: d.now,
        updated_at: d.now,
    };
    let (mut title, mut updated) = (None, None);
    for (k, v) in fields {
        let k = k.as_ref();
        match k {
            "type" | "uses" => {}
            "id" => a.id = opt_int(k, v, 1, MAX_ID)?,
            "title" => title = Some(text(k, v)?),
            "body" => a.body = opt_text(k, v)?.unwrap_or_default(),
            "tags" => a.tags = tags(k, v)?,
            "category" => a.category = opt_text(k, v)?,
            "author" => {
                if let Some(s) = opt_text(k, v)? {
                    a.author = s;
                }
            }
            "source_ticket" => a.source_ticket = opt_int(k, v, 1, MAX_ID)?,
            "created_at" => a.created_at = opt_time(k, v)?.unwrap_or(d.now),
            "updated_at" => updated = opt_time(k, v)?,
            _ => return Err(unknown(k)),
        }
    }
    a.title = title
        .filter(|t| !t.trim().is_empty())
        .ok_or_else(|| missing("title"))?;
    a.updated_at = updated.unwrap_or(a.created_at);
    Ok(a)
}

/// The ticket fields, as the file gave them (None: not given or null).
#[derive(Default)]
pub(super) struct Given {
    pub(super) status: Option<Status>,
    pub(super) priority: Option<Priority>,
    pub(super) tier: Option<i64>,
    pub(super) created_at: Option<DateTime<Utc>>,
    pub(super) updated_at: Option<DateTime<Utc>>,
    pub(super) first_response_at: Option<DateTime<Utc>>,
    pub(super) time_spent: Option<i64>,
    pub(super) occurrences: Option<i64>,
    pub(super) escalations: Option<i64>,
    pub(super) reopens: Option<i64>,
    pub(super) events: Option<Vec<Event>>,
}

pub(super) fn ticket_from_fields(fields: &[(Cow<str>, Json)], d: Defaults) -> Res<TicketRecord> {
    let mut t = Ticket::new(String::new(), d.now);
    let mut g = Given::default();
    let mut id = None;
    let mut title = None;
    let mut comments = Vec::new();
    let mut worklog = Vec::new();
    let mut links = Vec::new();
    for (k, v) in fields {
        let k = k.as_ref();
        match k {
            "type" => {}
            // Derived from the history and the settings: recomputed, not taken.
            "response_due" | "resolve_due" | "sla" => {}
            "id" => id = opt_int(k, v, 1, MAX_ID)?,
            "kind" => t.kind = opt_enumeration(k, v, Kind::parse)?.unwrap_or(Kind::Incident),
            "title" => title = Some(text(k, v)?),
            "description" => t.description = opt_text(k, v)?,
            "status" => g.status = opt_enumeration(k, v, Status::parse)?,
            "priority" => g.priority = opt_enumeration(k, v, Priority::parse)?,
            "impact" => t.impact = opt_enumeration(k, v, Level::parse)?,
            "urgency" => t.urgency = opt_enumeration(k, v, Level::parse)?,
            "tier" => g.tier = opt_int(k, v, 1, 3)?,
            "assignee" => t.assignee = opt_text(k, v)?,
            "requester" => t.requester = opt_text(k, v)?,
            "email" => t.email = opt_text(k, v)?,
            "phone" => t.phone = opt_text(k, v)?,
            "org" => t.org = opt_text(k, v)?,
            "location" => t.location = opt_text(k, v)?,
            "category" => t.category = opt_text(k, v)?,
            "ci" => t.ci = opt_text(k, v)?,
            "channel" => t.channel = opt_enumeration(k, v, Channel::parse)?,
            "tags" => t.tags = tags(k, v)?,
            "created_at" => g.created_at = opt_time(k, v)?,
            "updated_at" => g.updated_at = opt_time(k, v)?,
            "first_response_at" => g.first_response_at = opt_time(k, v)?,
            "resolved_at" => t.resolved_at = opt_time(k, v)?,
            "closed_at" => t.closed_at = opt_time(k, v)?,
            "resolution" => t.resolution = opt_text(k, v)?,
            "kb_article" => t.kb_article = opt_int(k, v, 1, MAX_ID)?,
            "time_spent" => g.time_spent = opt_int(k, v, 0, MAX_MINUTES)?,
            "dedup_key" => t.dedup_key = opt_text(k, v)?,
            "occurrences" => g.occurrences = opt_int(k, v, 1, MAX_COUNT)?,
            "escalations" => g.escalations = opt_int(k, v, 0, MAX_COUNT)?,
            "reopens" => g.reopens = opt_int(k, v, 0, MAX_COUNT)?,
            "events" => {
                let items = array(k, v)?;
                let mut events = Vec::with_capacity(items.len());
                for (i, e) in items.iter().enumerate() {
                    events.push(event(&format!("events[{i}]"), e, d)?);
                }
                g.events = Some(events);
            }
            "comments" => {
                let items = array(k, v)?;
                comments.reserve(items.len());
                for (i, c) in items.iter().enumerate() {
                    comments.push(comment(&format!("comments[{i}]"), c, d)?);
                }
            }
            "worklog" => {
                let items = array(k, v)?;
                worklog.reserve(items.len());
                for (i, w) in items.iter().enumerate() {
                    worklog.push(work(&format!("worklog[{i}]"), w, d)?);
                }
            }
            "links" => {
                let items = array(k, v)?;
                links.reserve(items.len());
                for (i, l) in items.iter().enumerate() {
                    links.push(link(&format!("links[{i}]"), l)?);
                }
            }
            _ => return Err(unknown(k)),
        }
    }
    t.title = title
        .filter(|s| !s.trim().is_empty())
        .ok_or_else(|| missing("title"))?;
    if let Some(id) = id
        && links.iter().any(|l| l.id == id)
    {
        return Err(FieldError::new("links", "a ticket cannot link to itself"));
    }
    Ok(complete(t, id, g, comments, worklog, links, d))
}

/// Fills in what the file left out, as `new` would, and gives a ticket without a
/// history a minimal one built from its own times.
pub(super) fn complete(
    mut t: Ticket,
    id: Option<i64>,
    g: Given,
    comments: Vec<Comment>,
    worklog: Vec<WorkEntry>,
    links: Vec<Link>,
    d: Defaults,
) -> TicketRecord {
    t.priority = g
        .priority
        .unwrap_or_else(|| priority_from(t.impact, t.urgency));
    t.status = g.status.unwrap_or(Status::New);
    t.created_at = g.created_at.unwrap_or(d.now);
    let has_events = g.events.as_ref().is_some_and(|e| !e.is_empty());
    let undated_resolution = matches!(t.status, Status::Resolved | Status::Closed)
        && t.resolved_at.is_none()
        && t.closed_at.is_none()
        && g.updated_at.is_none()
        && !has_events;
    if t.status == Status::Resolved && t.resolved_at.is_none() {
        t.resolved_at = Some(g.updated_at.unwrap_or(t.created_at));
    }
    if t.status == Status::Closed {
        // Closed after it was resolved, and resolved by the time it was closed: a
        // record that gives one of the two times gets the other from it.
        if t.closed_at.is_none() {
            let at = g.updated_at.unwrap_or(t.created_at);
            t.closed_at = Some(t.resolved_at.map_or(at, |r| r.max(at)));
        }
        if t.resolved_at.is_none() {
            t.resolved_at = t.closed_at;
        }
    }
    let mut events = match g.events {
        Some(e) if !e.is_empty() => e,
        _ => synthetic_history(&t, g.first_response_at, g.updated_at, d),
    };
    events.sort_by_key(|e| e.at);
    // The latest moment the record knows of: the default for updated_at.
    let latest = events
        .iter()
        .map(|e| e.at)
        .chain(comments.iter().map(|c| c.at))
        .chain(worklog.iter().map(|w| w.at))
        .chain([t.created_at])
        .chain(t.resolved_at)
        .chain(t.closed_at)
        .max()
        .unwrap_or(t.created_at);
    t.updated_at = g.updated_at.unwrap_or(latest);
    t.tier = g.tier.unwrap_or(1) as u8;
    let escalated_to = events
        .iter()
        .filter(|e| e.action == action::ESCALATE)
        .filter_map(|e| escalated_tier(e.detail.as_deref()?))
        .max()
        .unwrap_or(1);
    t.max_tier = t.tier.max(escalated_to);
    let count = |a: &str| events.iter().filter(|e| e.action == a).count() as i64;
    t.escalations = g.escalations.unwrap_or_else(|| count(action::ESCALATE));
    t.reopens = g.reopens.unwrap_or_else(|| count(action::REOPEN));
    t.occurrences = g.occurrences.unwrap_or(1);
    t.time_spent = g
        .time_spent
        .unwrap_or_else(|| worklog.iter().map(|w| w.minutes).sum());
    let status_at = events
        .iter()
        .filter(|e| e.status.is_some())
        .map(|e| e.at)
        .max();
    TicketRecord {
        id,
        ticket: t,
        events,
        comments,
        worklog,
        links,
        status_at,
        undated_resolution,
    }
}

/// `escalate` records "to tier N[, who][: reason]".
pub(super) fn escalated_tier(detail: &str) -> Option<u8> {
    let rest = detail.strip_prefix("to tier ")?;
    let n = rest.chars().next()?.to_digit(10)? as u8;
    (1..=3).contains(&n).then_some(n)
}

/// A history for a ticket the file gave none (a spreadsheet row, a hand-written
/// object): `create` at `created_at`, a first response where `first_response_at` says,
/// then the move into its status at the time the record gives for it. Actor: the
/// importing user; recorded now.
pub(super) fn synthetic_history(
    t: &Ticket,
    first_response: Option<DateTime<Utc>>,
    updated: Option<DateTime<Utc>>,
    d: Defaults,
) -> Vec<Event> {
    let ev = |at: DateTime<Utc>, act: &str, detail: Option<String>, status: Option<Status>| Event {
        at,
        recorded_at: d.now,
        actor: d.user.to_string(),
        action: act.to_string(),
        detail,
        status,
    };
    let changed = updated.unwrap_or(t.created_at).max(t.created_at);
    let mut out = vec![ev(
        t.created_at,
        action::CREATE,
        Some("imported".into()),
        Some(Status::New),
    )];
    let assigned = || t.assignee.as_ref().map(|a| format!("to {a}"));
    let resolve_at = match t.status {
        Status::Resolved | Status::Closed => t.resolved_at.or(t.closed_at),
        _ => None,
    };
    let mut responded = false;
    if let Some(fr) = first_response.filter(|fr| resolve_at.is_none_or(|r| *fr < r)) {
        // A response that leaves the status alone when the ticket is still new.
        if t.status == Status::New {
            out.push(ev(fr, action::COMMENT, None, None));
        } else {
            out.push(ev(fr, action::ASSIGN, assigned(), Some(Status::Open)));
        }
        responded = true;
    }
    match t.status {
        Status::New => {}
        Status::Open if !responded => {
            out.push(ev(changed, action::ASSIGN, assigned(), Some(Status::Open)))
        }
        Status::Open => {}
        Status::Waiting => out.push(ev(changed, action::WAIT, None, Some(Status::Waiting))),
        Status::Cancelled => out.push(ev(changed, action::CANCEL, None, Some(Status::Cancelled))),
        Status::Resolved | Status::Closed => {
            let at = resolve_at.unwrap_or(changed);
            out.push(ev(
                at,
                action::RESOLVE,
                t.resolution.clone(),
                Some(Status::Resolved),
            ));
            if t.status == Status::Closed {
                let at = t.closed_at.unwrap_or(changed).max(at);
                out.push(ev(at, action::CLOSE, None, Some(Status::Closed)));
            }
        }
    }
    out
}

pub(super) fn event(field: &str, v: &Json, d: Defaults) -> Res<Event> {
    let mut at = None;
    let mut recorded_at = None;
    let mut actor = None;
    let mut act = None;
    let mut detail = None;
    let mut status = None;
    for (k, v) in object(field, v)? {
        let f = format!("{field}.{k}");
        match k.as_ref() {
            "at" => at = Some(time(&f, v)?),
            "recorded_at" => recorded_at = opt_time(&f, v)?,
            "actor" => actor = opt_text(&f, v)?,
            "action" => {
                let s = text(&f, v)?;
                if !action::ALL.contains(&s.as_str()) {
                    return Err(invalid(&f, v));
                }
                act = Some(s);
            }
            "detail" => detail = opt_text(&f, v)?,
            "status" => status = opt_enumeration(&f, v, Status::parse)?,
            _ => return Err(unknown(&f)),
        }
    }
    let at = at.ok_or_else(|| missing(&format!("{field}.at")))?;
    Ok(Event {
        at,
        recorded_at: recorded_at.unwrap_or(at),
        actor: actor.unwrap_or_else(|| d.user.to_string()),
        action: act.ok_or_else(|| missing(&format!("{field}.action")))?,
        detail,
        status,
    })
}

pub(super) fn comment(field: &str, v: &Json, d: Defaults) -> Res<Comment> {
    let (mut at, mut actor, mut body, mut internal) = (None, None, None, false);
    for (k, v) in object(field, v)? {
        let f = format!("{field}.{k}");
        match k.as_ref() {
            "at" => at = Some(time(&f, v)?),
            "actor" => actor = opt_text(&f, v)?,
            "text" => body = Some(text(&f, v)?),
            "internal" => internal = boolean(&f, v)?,
            _ => return Err(unknown(&f)),
        }
    }
    Ok(Comment {
        at: at.ok_or_else(|| missing(&format!("{field}.at")))?,
        actor: actor.unwrap_or_else(|| d.user.to_string()),
        text: body.ok_or_else(|| missing(&format!("{field}.text")))?,
        internal,
    })
}

pub(super) fn work(field: &str, v: &Json, d: Defaults) -> Res<WorkEntry> {
    let (mut at, mut actor, mut minutes, mut note) = (None, None, None, None);
    for (k, v) in object(field, v)? {
        let f = format!("{field}.{k}");
        match k.as_ref() {
            "at" => at = Some(time(&f, v)?),
            "actor" => actor = opt_text(&f, v)?,
            "minutes" => minutes = Some(int(&f, v, 1, MAX_MINUTES)?),
            "note" => note = opt_text(&f, v)?,
            _ => return Err(unknown(&f)),
        }
    }
    Ok(WorkEntry {
        at: at.ok_or_else(|| missing(&format!("{field}.at")))?,
        actor: actor.unwrap_or_else(|| d.user.to_string()),
        minutes: minutes.ok_or_else(|| missing(&format!("{field}.minutes")))?,
        note,
    })
}

pub(super) fn link(field: &str, v: &Json) -> Res<Link> {
    let (mut id, mut kind) = (None, LinkKind::Related);
    for (k, v) in object(field, v)? {
        let f = format!("{field}.{k}");
        match k.as_ref() {
            "id" => id = Some(int(&f, v, 1, MAX_ID)?),
            "kind" => kind = opt_enumeration(&f, v, LinkKind::parse)?.unwrap_or(LinkKind::Related),
            _ => return Err(unknown(&f)),
        }
    }
    Ok(Link {
        id: id.ok_or_else(|| missing(&format!("{field}.id")))?,
        kind,
    })
}
