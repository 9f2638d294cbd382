//! The typed path: a record parsed straight into its fields, with no tree; it
//! gives up on anything unusual and leaves the verdict to the field-by-field path.

use crate::domain::ticket::{
    Channel, Comment, Event, Kind, Level, Link, LinkKind, Priority, Status, Ticket, WorkEntry,
    action,
};
use chrono::{DateTime, Utc};
use serde::de::{Deserialize, Deserializer, MapAccess, Visitor};
use std::borrow::Cow;
use std::fmt;

use super::*;

/// The typed parse alone: None when it gives up.
pub(super) fn typed_record(bytes: &[u8], d: Defaults) -> Option<Record> {
    // One UTF-8 check for the whole text instead of one per string.
    let text = std::str::from_utf8(bytes).ok()?;
    let mut de = serde_json::Deserializer::from_str(text);
    let fields = de.deserialize_map(RecordVisitor).ok()?;
    de.end().ok()?;
    fields.into_record(d)
}

/// Gives up the typed parse (the message is never shown: the slow path makes its own).
pub(super) fn give_up<E: serde::de::Error>() -> E {
    E::custom("")
}

/// A string from the file, borrowed when it has no escapes.
pub(super) struct Word<'a>(Cow<'a, str>);

impl<'de: 'a, 'a> Deserialize<'de> for Word<'a> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_str(WordVisitor).map(Word)
    }
}

pub(super) struct WordVisitor;

impl<'de> Visitor<'de> for WordVisitor {
    type Value = Cow<'de, str>;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a string")
    }
    fn visit_borrowed_str<E>(self, v: &'de str) -> Result<Self::Value, E> {
        Ok(Cow::Borrowed(v))
    }
    fn visit_str<E>(self, v: &str) -> Result<Self::Value, E> {
        Ok(Cow::Owned(v.to_string()))
    }
    fn visit_string<E>(self, v: String) -> Result<Self::Value, E> {
        Ok(Cow::Owned(v))
    }
}

/// Sets a field the first time its key comes; a second time gives up (the slow path
/// decides what a repeated key means).
pub(super) fn once<T, E: serde::de::Error>(slot: &mut Option<T>, v: T) -> Result<(), E> {
    match slot {
        Some(_) => Err(give_up()),
        None => {
            *slot = Some(v);
            Ok(())
        }
    }
}

/// A key given once, whose value may be null: `None` not given, `Some(None)` null.
pub(super) type Nullable<T> = Option<Option<T>>;

/// Every field a ticket or an article can have, as the file gave them.
#[derive(Default)]
pub(super) struct RecordFields<'a> {
    ty: Option<Word<'a>>,
    /// Keys only a ticket has, and keys only an article has, were seen.
    ticket_only: bool,
    article_only: bool,
    id: Nullable<i64>,
    title: Option<String>,
    tags: Nullable<Vec<String>>,
    category: Nullable<String>,
    created_at: Nullable<Word<'a>>,
    updated_at: Nullable<Word<'a>>,
    // Articles.
    body: Nullable<String>,
    author: Nullable<String>,
    source_ticket: Nullable<i64>,
    // Tickets.
    kind: Nullable<Word<'a>>,
    description: Nullable<String>,
    status: Nullable<Word<'a>>,
    priority: Nullable<Word<'a>>,
    impact: Nullable<Word<'a>>,
    urgency: Nullable<Word<'a>>,
    tier: Nullable<i64>,
    assignee: Nullable<String>,
    requester: Nullable<String>,
    email: Nullable<String>,
    phone: Nullable<String>,
    org: Nullable<String>,
    location: Nullable<String>,
    ci: Nullable<String>,
    channel: Nullable<Word<'a>>,
    first_response_at: Nullable<Word<'a>>,
    resolved_at: Nullable<Word<'a>>,
    closed_at: Nullable<Word<'a>>,
    resolution: Nullable<String>,
    kb_article: Nullable<i64>,
    time_spent: Nullable<i64>,
    dedup_key: Nullable<String>,
    occurrences: Nullable<i64>,
    escalations: Nullable<i64>,
    reopens: Nullable<i64>,
    events: Nullable<Vec<EventFields<'a>>>,
    comments: Nullable<Vec<CommentFields<'a>>>,
    worklog: Nullable<Vec<WorkFields<'a>>>,
    links: Nullable<Vec<LinkFields<'a>>>,
    ignored: Vec<&'static str>,
}

pub(super) struct RecordVisitor;

impl<'de> Visitor<'de> for RecordVisitor {
    type Value = RecordFields<'de>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a ticket or an article")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<RecordFields<'de>, A::Error> {
        let mut r = RecordFields::default();
        while let Some(Word(key)) = map.next_key::<Word>()? {
            let k = key.as_ref();
            match k {
                "type" => once(&mut r.ty, map.next_value()?)?,
                "id" => once(&mut r.id, map.next_value()?)?,
                "title" => once(&mut r.title, map.next_value()?)?,
                "tags" => once(&mut r.tags, map.next_value()?)?,
                "category" => once(&mut r.category, map.next_value()?)?,
                "created_at" => once(&mut r.created_at, map.next_value()?)?,
                "updated_at" => once(&mut r.updated_at, map.next_value()?)?,
                "body" | "author" | "source_ticket" | "uses" => {
                    r.article_only = true;
                    match k {
                        "body" => once(&mut r.body, map.next_value()?)?,
                        "author" => once(&mut r.author, map.next_value()?)?,
                        "source_ticket" => once(&mut r.source_ticket, map.next_value()?)?,
                        _ => ignore(&mut r.ignored, "uses", &mut map)?,
                    }
                }
                _ => {
                    r.ticket_only = true;
                    match k {
                        "kind" => once(&mut r.kind, map.next_value()?)?,
                        "description" => once(&mut r.description, map.next_value()?)?,
                        "status" => once(&mut r.status, map.next_value()?)?,
                        "priority" => once(&mut r.priority, map.next_value()?)?,
                        "impact" => once(&mut r.impact, map.next_value()?)?,
                        "urgency" => once(&mut r.urgency, map.next_value()?)?,
                        "tier" => once(&mut r.tier, map.next_value()?)?,
                        "assignee" => once(&mut r.assignee, map.next_value()?)?,
                        "requester" => once(&mut r.requester, map.next_value()?)?,
                        "email" => once(&mut r.email, map.next_value()?)?,
                        "phone" => once(&mut r.phone, map.next_value()?)?,
                        "org" => once(&mut r.org, map.next_value()?)?,
                        "location" => once(&mut r.location, map.next_value()?)?,
                        "ci" => once(&mut r.ci, map.next_value()?)?,
                        "channel" => once(&mut r.channel, map.next_value()?)?,
                        "first_response_at" => once(&mut r.first_response_at, map.next_value()?)?,
                        "resolved_at" => once(&mut r.resolved_at, map.next_value()?)?,
                        "closed_at" => once(&mut r.closed_at, map.next_value()?)?,
                        "resolution" => once(&mut r.resolution, map.next_value()?)?,
                        "kb_article" => once(&mut r.kb_article, map.next_value()?)?,
                        "time_spent" => once(&mut r.time_spent, map.next_value()?)?,
                        "dedup_key" => once(&mut r.dedup_key, map.next_value()?)?,
                        "occurrences" => once(&mut r.occurrences, map.next_value()?)?,
                        "escalations" => once(&mut r.escalations, map.next_value()?)?,
                        "reopens" => once(&mut r.reopens, map.next_value()?)?,
                        "events" => once(&mut r.events, map.next_value()?)?,
                        "comments" => once(&mut r.comments, map.next_value()?)?,
                        "worklog" => once(&mut r.worklog, map.next_value()?)?,
                        "links" => once(&mut r.links, map.next_value()?)?,
                        "response_due" => ignore(&mut r.ignored, "response_due", &mut map)?,
                        "resolve_due" => ignore(&mut r.ignored, "resolve_due", &mut map)?,
                        "sla" => ignore(&mut r.ignored, "sla", &mut map)?,
                        _ => return Err(give_up()),
                    }
                }
            }
        }
        Ok(r)
    }
}

/// Skips the value of a key the record does not take (derived values such as
/// `response_due`), once.
pub(super) fn ignore<'de, A: MapAccess<'de>>(
    seen: &mut Vec<&'static str>,
    key: &'static str,
    map: &mut A,
) -> Result<(), A::Error> {
    if seen.contains(&key) {
        return Err(give_up());
    }
    seen.push(key);
    map.next_value::<serde::de::IgnoredAny>()?;
    Ok(())
}

/// A time as [`time`] reads it; None gives up.
pub(super) fn typed_time(w: &Word) -> Option<DateTime<Utc>> {
    parse_rfc3339(&w.0).filter(|t| crate::domain::time::storable(*t))
}

/// [`opt_time`]: not given and null are the same; a value must be a time.
pub(super) fn typed_opt_time(v: Nullable<Word>) -> Option<Option<DateTime<Utc>>> {
    match v.flatten() {
        None => Some(None),
        Some(w) => typed_time(&w).map(Some),
    }
}

/// [`opt_int`] within `min..=max`.
pub(super) fn typed_opt_int(v: Nullable<i64>, min: i64, max: i64) -> Option<Option<i64>> {
    match v.flatten() {
        None => Some(None),
        Some(n) => (min..=max).contains(&n).then_some(Some(n)),
    }
}

/// [`opt_enumeration`].
pub(super) fn typed_opt_enum<T>(
    v: Nullable<Word>,
    parse: fn(&str) -> Option<T>,
) -> Option<Option<T>> {
    match v.flatten() {
        None => Some(None),
        Some(w) => parse(&w.0).map(Some),
    }
}

/// [`tags`]: an array of non-blank strings without commas, repeats dropped.
pub(super) fn typed_tags(v: Nullable<Vec<String>>) -> Option<Vec<String>> {
    let items = v.flatten().unwrap_or_default();
    let mut out: Vec<String> = Vec::with_capacity(items.len());
    for s in items {
        if s.trim().is_empty() || s.contains(',') {
            return None;
        }
        if !out.contains(&s) {
            out.push(s);
        }
    }
    Some(out)
}

/// A title: given, a string, not blank.
pub(super) fn typed_title(v: Option<String>) -> Option<String> {
    v.filter(|t| !t.trim().is_empty())
}

impl<'a> RecordFields<'a> {
    fn into_record(self, d: Defaults) -> Option<Record> {
        match self.ty.as_ref().map(|w| w.0.as_ref()) {
            None | Some("ticket") if !self.article_only => {
                self.into_ticket(d).map(|t| Record::Ticket(Box::new(t)))
            }
            Some("article") if !self.ticket_only => self.into_article(d).map(Record::Article),
            _ => None,
        }
    }

    fn into_article(self, d: Defaults) -> Option<ArticleRecord> {
        let created_at = typed_opt_time(self.created_at)?.unwrap_or(d.now);
        Some(ArticleRecord {
            id: typed_opt_int(self.id, 1, MAX_ID)?,
            title: typed_title(self.title)?,
            body: self.body.flatten().unwrap_or_default(),
            tags: typed_tags(self.tags)?,
            category: self.category.flatten(),
            author: self.author.flatten().unwrap_or_else(|| d.user.to_string()),
            source_ticket: typed_opt_int(self.source_ticket, 1, MAX_ID)?,
            created_at,
            updated_at: typed_opt_time(self.updated_at)?.unwrap_or(created_at),
        })
    }

    fn into_ticket(self, d: Defaults) -> Option<TicketRecord> {
        let mut t = Ticket::new(typed_title(self.title)?, d.now);
        let id = typed_opt_int(self.id, 1, MAX_ID)?;
        t.kind = typed_opt_enum(self.kind, Kind::parse)?.unwrap_or(Kind::Incident);
        t.description = self.description.flatten();
        t.impact = typed_opt_enum(self.impact, Level::parse)?;
        t.urgency = typed_opt_enum(self.urgency, Level::parse)?;
        t.assignee = self.assignee.flatten();
        t.requester = self.requester.flatten();
        t.email = self.email.flatten();
        t.phone = self.phone.flatten();
        t.org = self.org.flatten();
        t.location = self.location.flatten();
        t.category = self.category.flatten();
        t.ci = self.ci.flatten();
        t.channel = typed_opt_enum(self.channel, Channel::parse)?;
        t.tags = typed_tags(self.tags)?;
        t.resolved_at = typed_opt_time(self.resolved_at)?;
        t.closed_at = typed_opt_time(self.closed_at)?;
        t.resolution = self.resolution.flatten();
        t.kb_article = typed_opt_int(self.kb_article, 1, MAX_ID)?;
        t.dedup_key = self.dedup_key.flatten();
        let events = match self.events {
            Some(items) => Some(
                items
                    .unwrap_or_default()
                    .into_iter()
                    .map(|e| e.into_event(d))
                    .collect::<Option<Vec<Event>>>()?,
            ),
            None => None,
        };
        let g = Given {
            status: typed_opt_enum(self.status, Status::parse)?,
            priority: typed_opt_enum(self.priority, Priority::parse)?,
            tier: typed_opt_int(self.tier, 1, 3)?,
            created_at: typed_opt_time(self.created_at)?,
            updated_at: typed_opt_time(self.updated_at)?,
            first_response_at: typed_opt_time(self.first_response_at)?,
            time_spent: typed_opt_int(self.time_spent, 0, MAX_MINUTES)?,
            occurrences: typed_opt_int(self.occurrences, 1, MAX_COUNT)?,
            escalations: typed_opt_int(self.escalations, 0, MAX_COUNT)?,
            reopens: typed_opt_int(self.reopens, 0, MAX_COUNT)?,
            events,
        };
        let comments = self
            .comments
            .flatten()
            .unwrap_or_default()
            .into_iter()
            .map(|c| c.into_comment(d))
            .collect::<Option<Vec<Comment>>>()?;
        let worklog = self
            .worklog
            .flatten()
            .unwrap_or_default()
            .into_iter()
            .map(|w| w.into_work(d))
            .collect::<Option<Vec<WorkEntry>>>()?;
        let links = self
            .links
            .flatten()
            .unwrap_or_default()
            .into_iter()
            .map(LinkFields::into_link)
            .collect::<Option<Vec<Link>>>()?;
        if let Some(id) = id
            && links.iter().any(|l| l.id == id)
        {
            return None;
        }
        Some(complete(t, id, g, comments, worklog, links, d))
    }
}

/// Declares the fields of one kind of history entry and parses it from a JSON object
/// only (not from an array, which serde's derive would also take), each key once.
macro_rules! entry_fields {
    ($name:ident, $visitor:ident, { $($key:literal => $field:ident: $ty:ty),+ $(,)? }) => {
        #[derive(Default)]
        struct $name<'a> {
            $($field: Option<$ty>,)+
            _text: std::marker::PhantomData<&'a str>,
        }

        struct $visitor;

        impl<'de> Visitor<'de> for $visitor {
            type Value = $name<'de>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("an object")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<$name<'de>, A::Error> {
                let mut r = $name::default();
                while let Some(Word(key)) = map.next_key::<Word>()? {
                    match key.as_ref() {
                        $($key => once(&mut r.$field, map.next_value()?)?,)+
                        _ => return Err(give_up()),
                    }
                }
                Ok(r)
            }
        }

        impl<'de: 'a, 'a> Deserialize<'de> for $name<'a> {
            fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                d.deserialize_map($visitor)
            }
        }
    };
}

entry_fields!(EventFields, EventVisitor, {
    "at" => at: Word<'a>,
    "recorded_at" => recorded_at: Option<Word<'a>>,
    "actor" => actor: Option<String>,
    "action" => action: String,
    "detail" => detail: Option<String>,
    "status" => status: Option<Word<'a>>,
});

entry_fields!(CommentFields, CommentVisitor, {
    "at" => at: Word<'a>,
    "actor" => actor: Option<String>,
    "text" => text: String,
    "internal" => internal: bool,
});

entry_fields!(WorkFields, WorkVisitor, {
    "at" => at: Word<'a>,
    "actor" => actor: Option<String>,
    "minutes" => minutes: i64,
    "note" => note: Option<String>,
});

entry_fields!(LinkFields, LinkVisitor, {
    "id" => id: i64,
    "kind" => kind: Option<Word<'a>>,
});

impl EventFields<'_> {
    /// [`event`].
    fn into_event(self, d: Defaults) -> Option<Event> {
        let at = typed_time(self.at.as_ref()?)?;
        let action = self.action?;
        if !action::ALL.contains(&action.as_str()) {
            return None;
        }
        Some(Event {
            at,
            recorded_at: typed_opt_time(self.recorded_at)?.unwrap_or(at),
            actor: self.actor.flatten().unwrap_or_else(|| d.user.to_string()),
            action,
            detail: self.detail.flatten(),
            status: typed_opt_enum(self.status, Status::parse)?,
        })
    }
}

impl CommentFields<'_> {
    /// [`comment`].
    fn into_comment(self, d: Defaults) -> Option<Comment> {
        Some(Comment {
            at: typed_time(self.at.as_ref()?)?,
            actor: self.actor.flatten().unwrap_or_else(|| d.user.to_string()),
            text: self.text?,
            internal: self.internal.unwrap_or(false),
        })
    }
}

impl WorkFields<'_> {
    /// [`work`].
    fn into_work(self, d: Defaults) -> Option<WorkEntry> {
        Some(WorkEntry {
            at: typed_time(self.at.as_ref()?)?,
            actor: self.actor.flatten().unwrap_or_else(|| d.user.to_string()),
            minutes: self.minutes.filter(|m| (1..=MAX_MINUTES).contains(m))?,
            note: self.note.flatten(),
        })
    }
}

impl LinkFields<'_> {
    /// [`link`].
    fn into_link(self) -> Option<Link> {
        Some(Link {
            id: self.id.filter(|id| *id >= 1)?,
            kind: typed_opt_enum(self.kind, LinkKind::parse)?.unwrap_or(LinkKind::Related),
        })
    }
}
