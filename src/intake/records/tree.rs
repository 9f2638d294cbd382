//! A record from its JSON tree, field by field: tickets (with their history,
//! comments, time log and links, completed with defaults) and articles.

use crate::domain::ticket::{
    Channel, Comment, Event, Kind, Level, Link, LinkKind, Priority, Status, Ticket, TicketField,
    WorkEntry, action, priority_from,
};
use chrono::{DateTime, Utc};

use super::*;

/// What `type` said, the last time it was given.
enum Type {
    Ticket,
    Article,
    Org,
    /// The desk's own settings (`"type": "settings"`).
    Settings,
    /// Anything else, as the file shows it.
    Invalid(String),
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

/// A record being read, one field at a time in the file's order, whatever reads
/// it (a JSON object streamed by [`super::parse`], a CSV row): each value is
/// checked as it comes, a repeated key replaces the earlier value, and [`finish`]
/// makes the ticket or the article `type` asks for. The one set of rules for
/// every record.
///
/// [`finish`]: Builder::finish
pub(super) struct Builder<'d> {
    d: Defaults<'d>,
    ty: Option<Type>,
    /// The first key seen that only a ticket has, and only an article.
    ticket_key: Option<String>,
    article_key: Option<String>,
    /// The first key seen that only an organisation has, and its fields as given.
    org_key: Option<String>,
    org_fields: Vec<(String, serde_json::Value)>,
    id: Option<i64>,
    title: Option<String>,
    // Articles.
    body: Option<String>,
    author: Option<String>,
    source_ticket: Option<i64>,
    // Tickets (tags, category and the times are shared).
    t: Ticket,
    g: Given,
    pub(super) comments: Vec<Comment>,
    pub(super) worklog: Vec<WorkEntry>,
    pub(super) links: Vec<Link>,
    pub(super) attachments: Vec<AttachmentEntry>,
    pub(super) mail: Vec<MailEntry>,
}

impl<'d> Builder<'d> {
    pub(super) fn new(d: Defaults<'d>) -> Self {
        Builder {
            d,
            ty: None,
            ticket_key: None,
            article_key: None,
            org_key: None,
            org_fields: Vec::new(),
            id: None,
            title: None,
            body: None,
            author: None,
            source_ticket: None,
            t: Ticket::new(String::new(), d.now),
            g: Given::default(),
            comments: Vec::new(),
            worklog: Vec::new(),
            links: Vec::new(),
            attachments: Vec::new(),
            mail: Vec::new(),
        }
    }

    /// Notes a key only one kind of record has; one of the other kind is unknown
    /// there (at once when `type` came before it, else when the record is made).
    fn only(&mut self, k: &str, article: bool) -> Res<()> {
        let (own, other) = if article {
            (&mut self.article_key, Type::Ticket)
        } else {
            (&mut self.ticket_key, Type::Article)
        };
        if own.is_none() {
            *own = Some(k.to_string());
        }
        let clash = matches!(
            (&self.ty, other),
            (Some(Type::Ticket), Type::Ticket) | (Some(Type::Article), Type::Article)
        );
        if clash { Err(unknown(k)) } else { Ok(()) }
    }

    /// A key that is not an array of history entries. Unknown keys are refused.
    pub(super) fn set(&mut self, k: &str, v: &Json) -> Res<()> {
        match k {
            "type" => {
                self.ty = Some(match v {
                    Json::Str(s) if s == "ticket" => Type::Ticket,
                    Json::Str(s) if s == "article" => Type::Article,
                    Json::Str(s) if s == "org" => Type::Org,
                    Json::Str(s) if s == "settings" => Type::Settings,
                    other => Type::Invalid(other.shown()),
                });
                // Keys of the other kind seen before it.
                let first = match self.ty {
                    Some(Type::Ticket) => &self.article_key,
                    Some(Type::Article) => &self.ticket_key,
                    _ => return Ok(()),
                };
                if let Some(first) = first {
                    return Err(unknown(first));
                }
            }
            "name" | "domains" | "settings" | "tickets" => {
                if matches!(self.ty, Some(Type::Ticket | Type::Article)) {
                    return Err(unknown(k));
                }
                if self.org_key.is_none() {
                    self.org_key = Some(k.to_string());
                }
                self.org_fields.push((k.to_string(), to_value(v)));
            }
            "id" => self.id = opt_int(k, v, 1, MAX_ID)?,
            "title" => self.title = Some(text(k, v)?),
            "tags" => self.t.tags = tags(k, v)?,
            "category" => self.t.category = opt_text(k, v)?,
            "created_at" => self.g.created_at = opt_time(k, v)?,
            "updated_at" => self.g.updated_at = opt_time(k, v)?,
            "body" | "author" | "source_ticket" | "uses" => {
                self.only(k, true)?;
                match k {
                    "body" => self.body = opt_text(k, v)?,
                    "author" => self.author = opt_text(k, v)?,
                    "source_ticket" => self.source_ticket = opt_int(k, v, 1, MAX_ID)?,
                    _ => {}
                }
            }
            "events" | "comments" | "worklog" | "links" | "attachments" | "mail" => {
                // Given as a whole value (a CSV row never has them; the streaming
                // reader hands their entries over one by one).
                let items = array(k, v)?;
                self.start_entries(k)?;
                for (i, item) in items.iter().enumerate() {
                    self.entry(k, i, item)?;
                }
                return Ok(());
            }
            _ => {
                let f = TicketField::named(k).ok_or_else(|| unknown(k))?;
                self.ticket_field(f, k, v)?;
                self.only(k, false)?;
            }
        }
        Ok(())
    }

    /// A key of the ticket's own (not shared with articles and organisations).
    fn ticket_field(&mut self, f: TicketField, k: &str, v: &Json) -> Res<()> {
        use TicketField as F;
        match f {
            // Shared with articles: read by `set` before it comes here.
            F::Id | F::Title | F::Tags | F::Category | F::CreatedAt | F::UpdatedAt => {}
            // Derived from the history and the settings: recomputed, not taken.
            F::ResponseDue | F::ResolveDue | F::Sla => {}
            F::Kind => self.t.kind = opt_enumeration(k, v, Kind::parse)?.unwrap_or(Kind::Incident),
            F::Description => self.t.description = opt_text(k, v)?,
            F::Status => self.g.status = opt_enumeration(k, v, Status::parse)?,
            F::Priority => self.g.priority = opt_enumeration(k, v, Priority::parse)?,
            F::Impact => self.t.impact = opt_enumeration(k, v, Level::parse)?,
            F::Urgency => self.t.urgency = opt_enumeration(k, v, Level::parse)?,
            F::Tier => self.g.tier = opt_int(k, v, 1, 3)?,
            F::Assignee => self.t.assignee = opt_text(k, v)?,
            F::Requester => self.t.requester = opt_text(k, v)?,
            F::Email => self.t.email = opt_text(k, v)?,
            F::Phone => self.t.phone = opt_text(k, v)?,
            F::Org => self.t.org = opt_text(k, v)?,
            F::Location => self.t.location = opt_text(k, v)?,
            F::Ci => self.t.ci = opt_text(k, v)?,
            F::Channel => self.t.channel = opt_enumeration(k, v, Channel::parse)?,
            F::FirstResponseAt => self.g.first_response_at = opt_time(k, v)?,
            F::ResolvedAt => self.t.resolved_at = opt_time(k, v)?,
            F::ClosedAt => self.t.closed_at = opt_time(k, v)?,
            F::Resolution => self.t.resolution = opt_text(k, v)?,
            F::KbArticle => self.t.kb_article = opt_int(k, v, 1, MAX_ID)?,
            F::TimeSpent => self.g.time_spent = opt_int(k, v, 0, MAX_MINUTES)?,
            F::DedupKey => self.t.dedup_key = opt_text(k, v)?,
            F::Occurrences => self.g.occurrences = opt_int(k, v, 1, MAX_COUNT)?,
            F::Escalations => self.g.escalations = opt_int(k, v, 0, MAX_COUNT)?,
            F::Reopens => self.g.reopens = opt_int(k, v, 0, MAX_COUNT)?,
        }
        Ok(())
    }

    /// An array of history entries begins: `events` replaces any given before;
    /// comments, time log and links add to them.
    pub(super) fn start_entries(&mut self, k: &str) -> Res<()> {
        self.only(k, false)?;
        if k == "events" {
            self.g.events = Some(Vec::new());
        }
        Ok(())
    }

    /// Entry `i` of the array `k` (events, comments, worklog, links).
    pub(super) fn entry(&mut self, k: &str, i: usize, v: &Json) -> Res<()> {
        // The entry's own field names ("at"), placed under "events[2]" only when
        // one is wrong: a million tickets carry millions of entries.
        let under = |e: FieldError| e.under(&format!("{k}[{i}]"));
        let d = self.d;
        match k {
            "events" => {
                let e = event(v, d).map_err(under)?;
                self.g.events.get_or_insert_with(Vec::new).push(e);
            }
            "comments" => self.comments.push(comment(v, d).map_err(under)?),
            "worklog" => self.worklog.push(work(v, d).map_err(under)?),
            "attachments" => self.attachments.push(serde_entry(v).map_err(under)?),
            "mail" => self.mail.push(serde_entry(v).map_err(under)?),
            _ => self.links.push(link(v).map_err(under)?),
        }
        Ok(())
    }

    /// The record `type` asks for (a ticket when it says nothing).
    pub(super) fn finish(self) -> Res<Record> {
        if !matches!(self.ty, Some(Type::Org | Type::Settings))
            && let Some(k) = &self.org_key
        {
            return Err(unknown(k));
        }
        match self.ty {
            None | Some(Type::Ticket) => self.ticket().map(|t| Record::Ticket(Box::new(t))),
            Some(Type::Article) => self.article().map(Record::Article),
            Some(Type::Org) => self.org().map(Record::Org),
            Some(Type::Settings) => self.desk_settings().map(Record::Settings),
            Some(Type::Invalid(shown)) => Err(FieldError::new(
                "type",
                format!("invalid value {shown}: \"article\", \"org\", \"settings\" or \"ticket\""),
            )),
        }
    }

    fn title(title: Option<String>) -> Res<String> {
        title
            .filter(|t| !t.trim().is_empty())
            .ok_or_else(|| missing("title"))
    }

    pub(super) fn ticket(self) -> Res<TicketRecord> {
        if let Some(k) = &self.article_key {
            return Err(unknown(k));
        }
        let mut t = self.t;
        t.title = Self::title(self.title)?;
        if let Some(id) = self.id
            && self.links.iter().any(|l| l.id == id)
        {
            return Err(FieldError::new("links", "a ticket cannot link to itself"));
        }
        let mut record = complete(
            t,
            self.id,
            self.g,
            self.comments,
            self.worklog,
            self.links,
            self.d,
        );
        record.attachments = self.attachments;
        record.mail = self.mail;
        Ok(record)
    }

    /// An organisation: `org show --format json`'s object with `"type": "org"` (its
    /// `tickets` count is derived, and ignored).
    fn org(self) -> Res<crate::domain::org::Org> {
        use crate::domain::org::{Org, check_domain, check_name};
        use serde_json::Value;
        if let Some(k) = self.ticket_key.as_ref().or(self.article_key.as_ref()) {
            return Err(unknown(k));
        }
        for (k, given) in [("id", self.id.is_some()), ("title", self.title.is_some())] {
            if given {
                return Err(unknown(k));
            }
        }
        let mut org = Org::default();
        let mut named = false;
        for (k, v) in self.org_fields {
            match (k.as_str(), v) {
                ("name", Value::String(n)) => {
                    org.name = check_name(&n).map_err(|e| FieldError::new("name", e))?;
                    named = true;
                }
                ("domains", Value::Array(items)) => {
                    org.domains.clear();
                    for (i, d) in items.into_iter().enumerate() {
                        let field = format!("domains[{i}]");
                        let Value::String(d) = d else {
                            return Err(FieldError::new(field, "expected a string"));
                        };
                        let d = check_domain(&d).map_err(|e| FieldError::new(&field, e))?;
                        if !org.domains.contains(&d) {
                            org.domains.push(d);
                        }
                    }
                    org.domains.sort();
                }
                ("domains", Value::Null) => org.domains.clear(),
                ("settings", Value::Object(m)) => {
                    org.settings.clear();
                    for (key, v) in m {
                        let field = format!("settings.{key}");
                        let Value::String(v) = v else {
                            return Err(FieldError::new(field, "expected a string"));
                        };
                        let canon = crate::domain::settings::validate_org(&key, &v)
                            .map_err(|e| FieldError::new(&field, e))?;
                        org.settings.push((key, canon));
                    }
                    let order = crate::domain::settings::org_keys();
                    org.settings
                        .sort_by_key(|(k, _)| order.iter().position(|o| o == k));
                }
                ("settings", Value::Null) | ("tickets", _) => {}
                (k, _) => {
                    let want = if k == "name" {
                        "expected a string"
                    } else if k == "domains" {
                        "expected an array of domains"
                    } else {
                        "expected an object of settings"
                    };
                    return Err(FieldError::new(k, want));
                }
            }
        }
        if !named {
            return Err(missing("name"));
        }
        Ok(org)
    }

    /// The desk's settings: `{"type": "settings", "settings": {KEY: VALUE, ...}}`, each
    /// checked as `config set` checks it; only the keys that travel with a desk
    /// ([`crate::domain::settings::travels`]: not the commands and servers of one machine).
    fn desk_settings(self) -> Res<Vec<(String, String)>> {
        use serde_json::Value;
        if let Some(k) = self.ticket_key.as_ref().or(self.article_key.as_ref()) {
            return Err(unknown(k));
        }
        for (k, given) in [("id", self.id.is_some()), ("title", self.title.is_some())] {
            if given {
                return Err(unknown(k));
            }
        }
        let mut out: Vec<(String, String)> = Vec::new();
        for (k, v) in self.org_fields {
            match (k.as_str(), v) {
                ("settings", Value::Object(m)) => {
                    out.clear();
                    for (key, v) in m {
                        let field = format!("settings.{key}");
                        let Value::String(v) = v else {
                            return Err(FieldError::new(field, "expected a string"));
                        };
                        if !crate::domain::settings::travels(&key) {
                            return Err(FieldError::new(
                                field,
                                "not carried by a file: it names this machine's commands or servers",
                            ));
                        }
                        let canon = crate::domain::settings::validate(&key, &v)
                            .map_err(|e| FieldError::new(&field, e))?;
                        out.retain(|(k, _)| *k != key);
                        out.push((key, canon));
                    }
                }
                ("settings", Value::Null) => out.clear(),
                ("settings", _) => {
                    return Err(FieldError::new(
                        "settings",
                        "expected an object of settings",
                    ));
                }
                (k, _) => return Err(unknown(k)),
            }
        }
        let order = crate::domain::settings::defaults();
        out.sort_by_key(|(k, _)| order.iter().position(|(o, _)| o == k));
        Ok(out)
    }

    fn article(self) -> Res<ArticleRecord> {
        if let Some(k) = &self.ticket_key {
            return Err(unknown(k));
        }
        let d = self.d;
        let created_at = self.g.created_at.unwrap_or(d.now);
        let article = crate::domain::article::Article {
            id: self.id.unwrap_or(0),
            title: Self::title(self.title)?,
            body: self.body.unwrap_or_default(),
            tags: self.t.tags,
            category: self.t.category,
            author: self.author.unwrap_or_else(|| d.user.to_string()),
            source_ticket: self.source_ticket,
            created_at,
            updated_at: self.g.updated_at.unwrap_or(created_at),
            uses: 0,
        };
        Ok(ArticleRecord {
            id: self.id,
            article,
        })
    }
}

/// One JSON object of an interchange file as a ticket or an article, from its tree
/// (tests and tools; the import streams with [`super::record_from_bytes`]).
pub fn record_from_json(v: &Json, d: Defaults) -> Res<Record> {
    let fields = object("", v)
        .map_err(|_| FieldError::new("", format!("expected a JSON object, got {}", v.kind())))?;
    let mut b = Builder::new(d);
    for (k, v) in fields {
        b.set(k, v)?;
    }
    b.finish()
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
        attachments: Vec::new(),
        mail: Vec::new(),
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
        recorded_by: d.recorded_by.map(str::to_string),
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

pub(super) fn event(v: &Json, d: Defaults) -> Res<Event> {
    let mut at = None;
    let mut recorded_at = None;
    let mut actor = None;
    let mut act = None;
    let mut detail = None;
    let mut status = None;
    let mut recorded_by = None;
    for (k, v) in object("", v)? {
        match k.as_ref() {
            "at" => at = Some(time(k, v)?),
            "recorded_at" => recorded_at = opt_time(k, v)?,
            "actor" => actor = opt_text(k, v)?,
            "action" => {
                let s = text(k, v)?;
                if !action::ALL.contains(&s.as_str()) {
                    return Err(invalid(k, v));
                }
                act = Some(s);
            }
            "detail" => detail = opt_text(k, v)?,
            "status" => status = opt_enumeration(k, v, Status::parse)?,
            // Kept as the file says (null or absent: nobody knows), never the importer's.
            "recorded_by" => recorded_by = opt_text(k, v)?,
            // What `show` derives from the fields above for scripts: nothing to keep.
            "data" => {}
            _ => return Err(unknown(k)),
        }
    }
    let at = at.ok_or_else(|| missing("at"))?;
    Ok(Event {
        at,
        recorded_at: recorded_at.unwrap_or(at),
        actor: actor.unwrap_or_else(|| d.user.to_string()),
        action: act.ok_or_else(|| missing("action"))?,
        detail,
        status,
        recorded_by,
    })
}

pub(super) fn comment(v: &Json, d: Defaults) -> Res<Comment> {
    let (mut at, mut actor, mut body, mut internal) = (None, None, None, false);
    for (k, v) in object("", v)? {
        match k.as_ref() {
            "at" => at = Some(time(k, v)?),
            "actor" => actor = opt_text(k, v)?,
            "text" => body = Some(text(k, v)?),
            "internal" => internal = boolean(k, v)?,
            _ => return Err(unknown(k)),
        }
    }
    Ok(Comment {
        at: at.ok_or_else(|| missing("at"))?,
        actor: actor.unwrap_or_else(|| d.user.to_string()),
        text: body.ok_or_else(|| missing("text"))?,
        internal,
    })
}

pub(super) fn work(v: &Json, d: Defaults) -> Res<WorkEntry> {
    let (mut at, mut actor, mut minutes, mut note) = (None, None, None, None);
    for (k, v) in object("", v)? {
        match k.as_ref() {
            "at" => at = Some(time(k, v)?),
            "actor" => actor = opt_text(k, v)?,
            "minutes" => minutes = Some(int(k, v, 1, MAX_MINUTES)?),
            "note" => note = opt_text(k, v)?,
            _ => return Err(unknown(k)),
        }
    }
    Ok(WorkEntry {
        at: at.ok_or_else(|| missing("at"))?,
        actor: actor.unwrap_or_else(|| d.user.to_string()),
        minutes: minutes.ok_or_else(|| missing("minutes"))?,
        note,
    })
}

pub(super) fn link(v: &Json) -> Res<Link> {
    let (mut id, mut kind) = (None, LinkKind::Related);
    for (k, v) in object("", v)? {
        match k.as_ref() {
            "id" => id = Some(int(k, v, 1, MAX_ID)?),
            "kind" => kind = opt_enumeration(k, v, LinkKind::parse)?.unwrap_or(LinkKind::Related),
            _ => return Err(unknown(k)),
        }
    }
    Ok(Link {
        id: id.ok_or_else(|| missing("id"))?,
        kind,
    })
}
