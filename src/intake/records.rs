//! Interchange records for `desk import`: one JSON object (a ticket in the shape `show
//! --format json` prints, or an article with `"type": "article"`) or one CSV row,
//! validated field by field into domain values. Pure: no I/O, no database. The import
//! command reads the file, numbers the lines, and files what this module returns.
//!
//! JSON is parsed into a borrowed tree ([`Json`]) rather than `serde_json::Value`: no
//! map hashing, and strings without escapes are not copied, which matters at a million
//! tickets. CSV rows are turned into the same tree after their spreadsheet spellings
//! (column names, dates, statuses, priorities) are mapped, so one validator serves both.

use crate::domain::duration::Span;
use crate::domain::ticket::{
    Channel, Comment, Event, Kind, Level, Link, LinkKind, Priority, Status, Ticket, WorkEntry,
    action, priority_from,
};
use crate::domain::time::{local_to_utc, rfc3339};
use chrono::{DateTime, NaiveDate, NaiveDateTime, NaiveTime, TimeZone, Utc};
use serde::de::{Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use std::borrow::Cow;
use std::fmt;

/// A JSON value borrowing from the input where it can.
#[derive(Debug, Clone, PartialEq)]
pub enum Json<'a> {
    Null,
    Bool(bool),
    Int(i64),
    Float(f64),
    Str(Cow<'a, str>),
    Array(Vec<Json<'a>>),
    Object(Vec<(Cow<'a, str>, Json<'a>)>),
}

impl Json<'_> {
    fn kind(&self) -> &'static str {
        match self {
            Json::Null => "null",
            Json::Bool(_) => "a boolean",
            Json::Int(_) | Json::Float(_) => "a number",
            Json::Str(_) => "a string",
            Json::Array(_) => "an array",
            Json::Object(_) => "an object",
        }
    }

    fn shown(&self) -> String {
        match self {
            Json::Str(s) => format!("{s:?}"),
            Json::Int(n) => n.to_string(),
            Json::Float(f) => f.to_string(),
            Json::Bool(b) => b.to_string(),
            other => other.kind().to_string(),
        }
    }
}

struct JsonVisitor;

impl<'de> Visitor<'de> for JsonVisitor {
    type Value = Json<'de>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any JSON value")
    }
    fn visit_unit<E>(self) -> Result<Json<'de>, E> {
        Ok(Json::Null)
    }
    fn visit_none<E>(self) -> Result<Json<'de>, E> {
        Ok(Json::Null)
    }
    fn visit_bool<E>(self, v: bool) -> Result<Json<'de>, E> {
        Ok(Json::Bool(v))
    }
    fn visit_i64<E>(self, v: i64) -> Result<Json<'de>, E> {
        Ok(Json::Int(v))
    }
    fn visit_u64<E>(self, v: u64) -> Result<Json<'de>, E> {
        Ok(i64::try_from(v).map_or(Json::Float(v as f64), Json::Int))
    }
    fn visit_f64<E>(self, v: f64) -> Result<Json<'de>, E> {
        Ok(Json::Float(v))
    }
    fn visit_borrowed_str<E>(self, v: &'de str) -> Result<Json<'de>, E> {
        Ok(Json::Str(Cow::Borrowed(v)))
    }
    fn visit_str<E>(self, v: &str) -> Result<Json<'de>, E> {
        Ok(Json::Str(Cow::Owned(v.to_string())))
    }
    fn visit_string<E>(self, v: String) -> Result<Json<'de>, E> {
        Ok(Json::Str(Cow::Owned(v)))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Json<'de>, A::Error> {
        let mut out = Vec::with_capacity(seq.size_hint().unwrap_or(0));
        while let Some(v) = seq.next_element::<Json>()? {
            out.push(v);
        }
        Ok(Json::Array(out))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Json<'de>, A::Error> {
        let mut out = Vec::with_capacity(map.size_hint().unwrap_or(0));
        while let Some(Key(k)) = map.next_key::<Key>()? {
            out.push((k, map.next_value::<Json>()?));
        }
        Ok(Json::Object(out))
    }
}

impl<'de> Deserialize<'de> for Json<'de> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(JsonVisitor)
    }
}

/// An object key, borrowed when it has no escapes.
struct Key<'a>(Cow<'a, str>);

impl<'de> Deserialize<'de> for Key<'de> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct KeyVisitor;
        impl<'de> Visitor<'de> for KeyVisitor {
            type Value = Key<'de>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a string key")
            }
            fn visit_borrowed_str<E>(self, v: &'de str) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Borrowed(v)))
            }
            fn visit_str<E>(self, v: &str) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Owned(v.to_string())))
            }
            fn visit_string<E>(self, v: String) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Owned(v)))
            }
        }
        d.deserialize_str(KeyVisitor)
    }
}

/// Parses one JSON text (a line of JSONL, an element of a JSON array). serde_json's
/// own position is dropped: the caller knows the line in the file.
pub fn parse_json(bytes: &[u8]) -> Result<Json<'_>, String> {
    serde_json::from_slice(bytes).map_err(|e| {
        let msg = e.to_string();
        let msg = msg
            .rsplit_once(" at line ")
            .map_or(msg.as_str(), |(m, _)| m)
            .to_string();
        format!("not valid JSON: {msg}")
    })
}

/// What is wrong with a record: the field (as the file names it) and why.
#[derive(Debug, Clone, PartialEq)]
pub struct FieldError {
    pub field: String,
    pub msg: String,
}

impl FieldError {
    fn new(field: impl Into<String>, msg: impl Into<String>) -> FieldError {
        FieldError {
            field: field.into(),
            msg: msg.into(),
        }
    }
}

impl fmt::Display for FieldError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.field.is_empty() {
            f.write_str(&self.msg)
        } else {
            write!(f, "field {:?}: {}", self.field, self.msg)
        }
    }
}

type Res<T> = Result<T, FieldError>;

fn invalid(field: &str, v: &Json) -> FieldError {
    FieldError::new(field, format!("invalid value {}", v.shown()))
}

fn expected(field: &str, what: &str, v: &Json) -> FieldError {
    FieldError::new(field, format!("expected {what}, got {}", v.shown()))
}

fn text(field: &str, v: &Json) -> Res<String> {
    match v {
        Json::Str(s) => Ok(s.to_string()),
        _ => Err(expected(field, "a string", v)),
    }
}

fn opt_text(field: &str, v: &Json) -> Res<Option<String>> {
    match v {
        Json::Null => Ok(None),
        _ => text(field, v).map(Some),
    }
}

/// The largest id a file may carry: 2^53 - 1, the largest integer every JSON reader
/// (JavaScript, jq) keeps exact. SQLite gives random ids once the largest is taken, so
/// a huge one would also scatter every id after it.
const MAX_ID: i64 = (1 << 53) - 1;
/// Minutes of work, on an entry or a ticket: a billion (1,900 years) is plenty, and
/// keeps sums far from overflowing.
const MAX_MINUTES: i64 = 1_000_000_000;
/// Occurrences, escalations, reopens.
const MAX_COUNT: i64 = 1_000_000_000;

fn int(field: &str, v: &Json, min: i64, max: i64) -> Res<i64> {
    match v {
        Json::Int(n) if (min..=max).contains(n) => Ok(*n),
        Json::Int(_) => Err(FieldError::new(
            field,
            format!("invalid value {}: use {min} to {max}", v.shown()),
        )),
        _ => Err(expected(field, "an integer", v)),
    }
}

fn opt_int(field: &str, v: &Json, min: i64, max: i64) -> Res<Option<i64>> {
    match v {
        Json::Null => Ok(None),
        _ => int(field, v, min, max).map(Some),
    }
}

fn enumeration<T>(field: &str, v: &Json, parse: fn(&str) -> Option<T>) -> Res<T> {
    match v {
        Json::Str(s) => parse(s).ok_or_else(|| invalid(field, v)),
        _ => Err(expected(field, "a string", v)),
    }
}

fn opt_enumeration<T>(field: &str, v: &Json, parse: fn(&str) -> Option<T>) -> Res<Option<T>> {
    match v {
        Json::Null => Ok(None),
        _ => enumeration(field, v, parse).map(Some),
    }
}

/// RFC 3339, kept to the second (stored times are whole seconds).
pub fn parse_rfc3339(s: &str) -> Option<DateTime<Utc>> {
    if let Some(t) = utc_seconds(s) {
        return Some(t);
    }
    let t = DateTime::parse_from_rfc3339(s.trim()).ok()?;
    DateTime::from_timestamp(t.timestamp(), 0)
}

/// `YYYY-MM-DDTHH:MM:SSZ`, the form desk writes (a million tickets carry twenty
/// million of them), without chrono's general parser. None for anything else, which
/// chrono then reads: other offsets, fractions, leap seconds, lower case.
fn utc_seconds(s: &str) -> Option<DateTime<Utc>> {
    let b = s.as_bytes();
    if b.len() != 20
        || b[4] != b'-'
        || b[7] != b'-'
        || b[10] != b'T'
        || b[13] != b':'
        || b[16] != b':'
        || b[19] != b'Z'
    {
        return None;
    }
    let num = |from: usize, to: usize| -> Option<u32> {
        b[from..to].iter().try_fold(0u32, |n, &c| {
            c.is_ascii_digit().then(|| n * 10 + u32::from(c - b'0'))
        })
    };
    let (hour, minute, second) = (num(11, 13)?, num(14, 16)?, num(17, 19)?);
    if hour > 23 || minute > 59 || second > 59 {
        return None;
    }
    let date = NaiveDate::from_ymd_opt(num(0, 4)? as i32, num(5, 7)?, num(8, 10)?)?;
    Some(date.and_hms_opt(hour, minute, second)?.and_utc())
}

fn time(field: &str, v: &Json) -> Res<DateTime<Utc>> {
    match v {
        Json::Str(s) => match parse_rfc3339(s) {
            Some(t) if crate::domain::time::storable(t) => Ok(t),
            Some(_) => Err(FieldError::new(
                field,
                format!(
                    "time {s:?} is out of range: {}",
                    crate::domain::time::STORABLE_RANGE
                ),
            )),
            None => Err(FieldError::new(
                field,
                format!("invalid time {s:?}: use RFC 3339 (2026-11-22T09:10:00Z)"),
            )),
        },
        _ => Err(expected(field, "an RFC 3339 time", v)),
    }
}

fn opt_time(field: &str, v: &Json) -> Res<Option<DateTime<Utc>>> {
    match v {
        Json::Null => Ok(None),
        _ => time(field, v).map(Some),
    }
}

fn boolean(field: &str, v: &Json) -> Res<bool> {
    match v {
        Json::Bool(b) => Ok(*b),
        _ => Err(expected(field, "true or false", v)),
    }
}

fn tags(field: &str, v: &Json) -> Res<Vec<String>> {
    let items = match v {
        Json::Null => return Ok(Vec::new()),
        Json::Array(a) => a,
        _ => return Err(expected(field, "an array of strings", v)),
    };
    let mut out: Vec<String> = Vec::with_capacity(items.len());
    for item in items {
        let Json::Str(s) = item else {
            return Err(expected(field, "an array of strings", item));
        };
        if s.trim().is_empty() {
            return Err(FieldError::new(field, "a tag is empty"));
        }
        if s.contains(',') {
            return Err(FieldError::new(
                field,
                format!("tag {s:?} contains a comma"),
            ));
        }
        if !out.iter().any(|t| t == s) {
            out.push(s.to_string());
        }
    }
    Ok(out)
}

fn object<'v, 'a>(field: &str, v: &'v Json<'a>) -> Res<&'v [(Cow<'a, str>, Json<'a>)]> {
    match v {
        Json::Object(o) => Ok(o),
        _ => Err(expected(field, "an object", v)),
    }
}

fn array<'v, 'a>(field: &str, v: &'v Json<'a>) -> Res<&'v [Json<'a>]> {
    match v {
        Json::Null => Ok(&[]),
        Json::Array(a) => Ok(a),
        _ => Err(expected(field, "an array", v)),
    }
}

fn unknown(field: &str) -> FieldError {
    FieldError::new(field, "unknown field")
}

fn missing(field: &str) -> FieldError {
    FieldError::new(field, "missing (it is required)")
}

/// A ticket as the file gives it, before the importer fills in defaults and files it.
#[derive(Debug, Clone, PartialEq)]
pub struct TicketRecord {
    /// The id the file carries, if any (kept when free).
    pub id: Option<i64>,
    pub ticket: Ticket,
    /// Sorted by `at` (stable); never empty: a synthetic history when the file had none.
    pub events: Vec<Event>,
    pub comments: Vec<Comment>,
    pub worklog: Vec<WorkEntry>,
    pub links: Vec<Link>,
    /// When the status last changed (the latest event that set one).
    pub status_at: Option<DateTime<Utc>>,
    /// Resolved or closed with no time for it anywhere in the record (no resolved_at,
    /// closed_at, updated_at or events): dated at its creation, which the import says.
    pub undated_resolution: bool,
    /// Files kept on the ticket (their content base64), checked when filed.
    pub attachments: Vec<AttachmentEntry>,
    /// The mail the ticket sent and received.
    pub mail: Vec<MailEntry>,
}

/// An attachment as `export` writes it: `show`'s fields, and `content` (base64) when
/// the file itself was kept.
#[derive(Debug, Clone, PartialEq, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AttachmentEntry {
    #[serde(default)]
    pub id: Option<i64>,
    pub name: String,
    #[serde(default, rename = "type")]
    pub mime: Option<String>,
    #[serde(default)]
    pub size: Option<i64>,
    #[serde(default)]
    pub sha256: Option<String>,
    #[serde(default)]
    pub stored: Option<bool>,
    #[serde(default)]
    pub at: Option<String>,
    #[serde(default)]
    pub actor: Option<String>,
    #[serde(default)]
    pub content: Option<String>,
}

/// One message in or out, as `show` lists it.
#[derive(Debug, Clone, PartialEq, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MailEntry {
    pub at: String,
    pub direction: String,
    #[serde(default)]
    pub message_id: Option<String>,
    #[serde(default)]
    pub to: Option<String>,
    #[serde(default)]
    pub subject: Option<String>,
    #[serde(default)]
    pub state: Option<String>,
}

/// The slow path's value as serde_json's, for the arrays read with serde.
fn to_value(v: &Json) -> serde_json::Value {
    use serde_json::Value;
    match v {
        Json::Null => Value::Null,
        Json::Bool(b) => Value::Bool(*b),
        Json::Int(n) => Value::from(*n),
        Json::Float(f) => serde_json::Number::from_f64(*f).map_or(Value::Null, Value::Number),
        Json::Str(s) => Value::String(s.to_string()),
        Json::Array(items) => Value::Array(items.iter().map(to_value).collect()),
        Json::Object(fields) => Value::Object(
            fields
                .iter()
                .map(|(k, v)| (k.to_string(), to_value(v)))
                .collect(),
        ),
    }
}

/// An array of `T` (null is empty).
fn serde_array<T: serde::de::DeserializeOwned>(k: &str, v: &Json) -> Res<Vec<T>> {
    if matches!(v, Json::Null) {
        return Ok(Vec::new());
    }
    serde_json::from_value(to_value(v)).map_err(|e| FieldError::new(k, e.to_string()))
}

/// A knowledge-base article from the file.
#[derive(Debug, Clone, PartialEq)]
pub struct ArticleRecord {
    pub id: Option<i64>,
    pub title: String,
    pub body: String,
    pub tags: Vec<String>,
    pub category: Option<String>,
    pub author: String,
    pub source_ticket: Option<i64>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Record {
    Ticket(Box<TicketRecord>),
    Article(ArticleRecord),
}

/// What the importer supplies for missing values.
#[derive(Debug, Clone, Copy)]
pub struct Defaults<'a> {
    pub now: DateTime<Utc>,
    pub user: &'a str,
}

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

fn article_from_fields(fields: &[(Cow<str>, Json)], d: Defaults) -> Res<ArticleRecord> {
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
struct Given {
    status: Option<Status>,
    priority: Option<Priority>,
    tier: Option<i64>,
    created_at: Option<DateTime<Utc>>,
    updated_at: Option<DateTime<Utc>>,
    first_response_at: Option<DateTime<Utc>>,
    time_spent: Option<i64>,
    occurrences: Option<i64>,
    escalations: Option<i64>,
    reopens: Option<i64>,
    events: Option<Vec<Event>>,
}

fn ticket_from_fields(fields: &[(Cow<str>, Json)], d: Defaults) -> Res<TicketRecord> {
    let mut t = Ticket::new(String::new(), d.now);
    let mut g = Given::default();
    let mut id = None;
    let mut title = None;
    let mut comments = Vec::new();
    let mut worklog = Vec::new();
    let mut links = Vec::new();
    let mut attachments = Vec::new();
    let mut mail = Vec::new();
    for (k, v) in fields {
        let k = k.as_ref();
        match k {
            "type" => {}
            "attachments" => attachments = serde_array(k, v)?,
            "mail" => mail = serde_array(k, v)?,
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
    let mut record = complete(t, id, g, comments, worklog, links, d);
    record.attachments = attachments;
    record.mail = mail;
    Ok(record)
}

/// Fills in what the file left out, as `new` would, and gives a ticket without a
/// history a minimal one built from its own times.
fn complete(
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
fn escalated_tier(detail: &str) -> Option<u8> {
    let rest = detail.strip_prefix("to tier ")?;
    let n = rest.chars().next()?.to_digit(10)? as u8;
    (1..=3).contains(&n).then_some(n)
}

/// A history for a ticket the file gave none (a spreadsheet row, a hand-written
/// object): `create` at `created_at`, a first response where `first_response_at` says,
/// then the move into its status at the time the record gives for it. Actor: the
/// importing user; recorded now.
fn synthetic_history(
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

fn event(field: &str, v: &Json, d: Defaults) -> Res<Event> {
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

fn comment(field: &str, v: &Json, d: Defaults) -> Res<Comment> {
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

fn work(field: &str, v: &Json, d: Defaults) -> Res<WorkEntry> {
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

fn link(field: &str, v: &Json) -> Res<Link> {
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

// ---------------------------------------------------------------------------------------
// The typed path

/// One line of JSONL (or one element of a JSON array) as a record: parsed straight
/// into the record's fields, and only when that fails parsed again into a [`Json`]
/// tree and validated field by field, for the message naming the field.
///
/// The typed parse is a shortcut, not a second set of rules: it accepts only what
/// [`record_from_json`] accepts and builds the same record (the same defaults, the
/// same `complete`), and gives up on anything it is not sure of (a duplicate key, an
/// unknown one, a null where a value is needed, a value out of range), leaving the
/// verdict to the field-by-field path.
pub fn record_from_bytes(bytes: &[u8], d: Defaults) -> Result<Record, String> {
    if let Some(r) = typed_record(bytes, d) {
        return Ok(r);
    }
    let v = parse_json(bytes)?;
    record_from_json(&v, d).map_err(|e| e.to_string())
}

/// The typed parse alone: None when it gives up.
fn typed_record(bytes: &[u8], d: Defaults) -> Option<Record> {
    // One UTF-8 check for the whole text instead of one per string.
    let text = std::str::from_utf8(bytes).ok()?;
    let mut de = serde_json::Deserializer::from_str(text);
    let fields = de.deserialize_map(RecordVisitor).ok()?;
    de.end().ok()?;
    fields.into_record(d)
}

/// Gives up the typed parse (the message is never shown: the slow path makes its own).
fn give_up<E: serde::de::Error>() -> E {
    E::custom("")
}

/// A string from the file, borrowed when it has no escapes.
struct Word<'a>(Cow<'a, str>);

impl<'de: 'a, 'a> Deserialize<'de> for Word<'a> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_str(WordVisitor).map(Word)
    }
}

struct WordVisitor;

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
fn once<T, E: serde::de::Error>(slot: &mut Option<T>, v: T) -> Result<(), E> {
    match slot {
        Some(_) => Err(give_up()),
        None => {
            *slot = Some(v);
            Ok(())
        }
    }
}

/// A key given once, whose value may be null: `None` not given, `Some(None)` null.
type Nullable<T> = Option<Option<T>>;

/// Every field a ticket or an article can have, as the file gave them.
#[derive(Default)]
struct RecordFields<'a> {
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
    attachments: Nullable<Vec<AttachmentEntry>>,
    mail: Nullable<Vec<MailEntry>>,
    ignored: Vec<&'static str>,
}

struct RecordVisitor;

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
                        "attachments" => once(&mut r.attachments, map.next_value()?)?,
                        "mail" => once(&mut r.mail, map.next_value()?)?,
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
fn ignore<'de, A: MapAccess<'de>>(
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
fn typed_time(w: &Word) -> Option<DateTime<Utc>> {
    parse_rfc3339(&w.0).filter(|t| crate::domain::time::storable(*t))
}

/// [`opt_time`]: not given and null are the same; a value must be a time.
fn typed_opt_time(v: Nullable<Word>) -> Option<Option<DateTime<Utc>>> {
    match v.flatten() {
        None => Some(None),
        Some(w) => typed_time(&w).map(Some),
    }
}

/// [`opt_int`] within `min..=max`.
fn typed_opt_int(v: Nullable<i64>, min: i64, max: i64) -> Option<Option<i64>> {
    match v.flatten() {
        None => Some(None),
        Some(n) => (min..=max).contains(&n).then_some(Some(n)),
    }
}

/// [`opt_enumeration`].
fn typed_opt_enum<T>(v: Nullable<Word>, parse: fn(&str) -> Option<T>) -> Option<Option<T>> {
    match v.flatten() {
        None => Some(None),
        Some(w) => parse(&w.0).map(Some),
    }
}

/// [`tags`]: an array of non-blank strings without commas, repeats dropped.
fn typed_tags(v: Nullable<Vec<String>>) -> Option<Vec<String>> {
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
fn typed_title(v: Option<String>) -> Option<String> {
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
        let mut record = complete(t, id, g, comments, worklog, links, d);
        record.attachments = self.attachments.flatten().unwrap_or_default();
        record.mail = self.mail.flatten().unwrap_or_default();
        Some(record)
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

// ---------------------------------------------------------------------------------------
// CSV

/// The ticket fields a CSV column can carry, with the spreadsheet names that mean
/// them. Names are compared folded: lower case, letters and digits only.
const CSV_NAMES: &[(&str, &[&str])] = &[
    (
        "id",
        &[
            "id",
            "ticket",
            "ticketid",
            "ticketno",
            "ticketnumber",
            "number",
            "no",
            "nr",
            "tiketti",
        ],
    ),
    (
        "kind",
        &["kind", "type", "tickettype", "issuetype", "tyyppi"],
    ),
    (
        "title",
        &[
            "title",
            "subject",
            "summary",
            "shortdescription",
            "topic",
            "headline",
            "otsikko",
            "aihe",
        ],
    ),
    (
        "description",
        &[
            "description",
            "body",
            "details",
            "detail",
            "text",
            "message",
            "content",
            "kuvaus",
        ],
    ),
    ("status", &["status", "state", "tila"]),
    (
        "priority",
        &["priority", "prio", "severity", "prioriteetti"],
    ),
    ("impact", &["impact", "vaikutus"]),
    ("urgency", &["urgency", "kiireellisyys"]),
    ("tier", &["tier", "level", "supportlevel", "taso"]),
    (
        "assignee",
        &[
            "assignee",
            "assignedto",
            "owner",
            "agent",
            "handler",
            "technician",
            "käsittelijä",
        ],
    ),
    (
        "requester",
        &[
            "requester",
            "name",
            "reporter",
            "requestedby",
            "reportedby",
            "caller",
            "contact",
            "submitter",
            "enduser",
            "user",
            "pyytäjä",
            "ilmoittaja",
            "nimi",
        ],
    ),
    ("email", &["email", "mail", "emailaddress", "sähköposti"]),
    (
        "phone",
        &[
            "phone",
            "telephone",
            "tel",
            "mobile",
            "phonenumber",
            "puhelin",
        ],
    ),
    (
        "org",
        &[
            "org",
            "organisation",
            "organization",
            "company",
            "customer",
            "department",
            "organisaatio",
            "yritys",
            "asiakas",
        ],
    ),
    (
        "location",
        &["location", "site", "office", "room", "sijainti"],
    ),
    ("category", &["category", "kategoria", "luokka"]),
    (
        "ci",
        &[
            "ci",
            "configurationitem",
            "device",
            "asset",
            "computer",
            "hostname",
            "laite",
        ],
    ),
    ("channel", &["channel", "source", "via", "kanava"]),
    ("tags", &["tags", "tag", "labels", "keywords", "tunnisteet"]),
    (
        "created_at",
        &[
            "createdat",
            "created",
            "date",
            "opened",
            "openedat",
            "createdon",
            "datecreated",
            "submitted",
            "reported",
            "luotu",
            "päivämäärä",
            "pvm",
        ],
    ),
    (
        "updated_at",
        &[
            "updatedat",
            "updated",
            "modified",
            "lastmodified",
            "lastupdated",
            "muokattu",
        ],
    ),
    ("first_response_at", &["firstresponseat", "firstresponse"]),
    (
        "resolved_at",
        &[
            "resolvedat",
            "resolved",
            "solved",
            "dateresolved",
            "ratkaistu",
        ],
    ),
    (
        "closed_at",
        &["closedat", "closed", "dateclosed", "suljettu"],
    ),
    ("response_due", &["responsedue"]),
    ("resolve_due", &["resolvedue"]),
    ("sla", &["sla"]),
    ("resolution", &["resolution", "solution", "fix", "ratkaisu"]),
    ("kb_article", &["kbarticle", "kb", "article"]),
    (
        "time_spent",
        &["timespent", "minutes", "worktime", "työaika"],
    ),
    ("dedup_key", &["dedupkey"]),
    ("occurrences", &["occurrences"]),
    ("escalations", &["escalations"]),
    ("reopens", &["reopens"]),
];

fn fold_name(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// Which ticket field each CSV column fills (None: ignored).
#[derive(Debug, Clone, PartialEq)]
pub struct CsvMapping {
    pub columns: Vec<Option<&'static str>>,
    pub headers: Vec<String>,
}

impl CsvMapping {
    /// From the header row. Fails when no column holds the title or two name the same
    /// field.
    pub fn from_headers<'h>(
        headers: impl IntoIterator<Item = &'h str>,
    ) -> Result<CsvMapping, String> {
        let headers: Vec<String> = headers.into_iter().map(|h| h.trim().to_string()).collect();
        let mut columns: Vec<Option<&'static str>> = Vec::with_capacity(headers.len());
        for (i, h) in headers.iter().enumerate() {
            let folded = fold_name(h);
            let field = if h == "#" {
                Some("id")
            } else {
                CSV_NAMES
                    .iter()
                    .find(|(_, names)| names.contains(&folded.as_str()))
                    .map(|(f, _)| *f)
            };
            if let Some(f) = field
                && let Some(j) = columns.iter().position(|c| *c == Some(f))
            {
                return Err(format!(
                    "columns {:?} and {:?} both mean {f}",
                    headers[j], headers[i]
                ));
            }
            columns.push(field);
        }
        if !columns.contains(&Some("title")) {
            return Err(
                "no column holds the title (looked for title, subject, summary, otsikko)".into(),
            );
        }
        Ok(CsvMapping { columns, headers })
    }

    /// `column "Subject" → title` for each column not named as its field, and the
    /// ignored columns. Nothing for a file that uses desk's own names.
    pub fn describe(&self) -> Vec<String> {
        self.headers
            .iter()
            .zip(&self.columns)
            .filter_map(|(h, c)| match c {
                Some(f) if h == f => None,
                Some(f) => Some(format!("column {h:?} → {f}")),
                None => Some(format!(
                    "column {h:?} ignored (no ticket field by that name)"
                )),
            })
            .collect()
    }

    /// The column a field came from, for messages.
    pub fn column_of(&self, field: &str) -> Option<&str> {
        let base = field.split(['[', '.']).next().unwrap_or(field);
        self.columns
            .iter()
            .position(|c| *c == Some(base))
            .map(|i| self.headers[i].as_str())
    }
}

/// One CSV row as a ticket. Spreadsheet spellings are mapped first: local dates
/// (`YYYY-MM-DD[ HH:MM]`, `DD.MM.YYYY[ HH:MM]`, RFC 3339), status, priority, kind and
/// channel words, tags separated by commas, time as minutes or `1h30m`.
pub fn ticket_from_csv<Tz: TimeZone>(
    m: &CsvMapping,
    row: &[&str],
    tz: &Tz,
    d: Defaults,
) -> Result<TicketRecord, FieldError> {
    let mut fields: Vec<(Cow<str>, Json)> = Vec::with_capacity(m.columns.len());
    for (i, col) in m.columns.iter().enumerate() {
        let Some(field) = col else { continue };
        let raw = row.get(i).copied().unwrap_or("");
        if raw.trim().is_empty() {
            continue;
        }
        let v = csv_value(field, raw, tz)?;
        fields.push((Cow::Borrowed(field), v));
    }
    ticket_from_fields(&fields, d)
}

fn csv_value<'a, Tz: TimeZone>(field: &str, raw: &'a str, tz: &Tz) -> Res<Json<'a>> {
    let t = raw.trim();
    let word = || t.to_lowercase();
    let mapped = |v: Option<&'static str>| -> Res<Json<'a>> {
        v.map(|s| Json::Str(Cow::Borrowed(s))).ok_or_else(|| {
            FieldError::new(field, format!("invalid value {t:?}{}", accepted(field)))
        })
    };
    Ok(match field {
        "id" => Json::Int(
            crate::domain::ticket::parse_id(t)
                .ok_or_else(|| FieldError::new(field, format!("invalid value {t:?}")))?,
        ),
        "tier" | "kb_article" | "occurrences" | "escalations" | "reopens" => {
            let t = t.strip_prefix('#').unwrap_or(t);
            Json::Int(t.parse().map_err(|_| {
                FieldError::new(
                    field,
                    format!("invalid value {t:?}: expected a whole number"),
                )
            })?)
        }
        "time_spent" => Json::Int(match t.parse::<i64>() {
            Ok(n) => n,
            Err(_) => Span::parse(t).map(|s| s.wall_seconds() / 60).map_err(|_| {
                FieldError::new(
                    field,
                    format!("invalid value {t:?}: minutes, or a duration like 1h30m"),
                )
            })?,
        }),
        "created_at" | "updated_at" | "first_response_at" | "resolved_at" | "closed_at"
        | "response_due" | "resolve_due" => {
            let when = spreadsheet_time(t, tz).ok_or_else(|| {
                FieldError::new(
                    field,
                    format!(
                        "invalid date {t:?}: use YYYY-MM-DD HH:MM, YYYY-MM-DD, DD.MM.YYYY HH:MM, DD.MM.YYYY or RFC 3339"
                    ),
                )
            })?;
            Json::Str(Cow::Owned(rfc3339(when)))
        }
        "status" => mapped(spreadsheet_status(&word()))?,
        "priority" => mapped(spreadsheet_priority(&word()))?,
        "kind" => mapped(match word().as_str() {
            "incident" | "häiriö" | "vika" => Some("incident"),
            "request" | "service request" | "servicerequest" | "palvelupyyntö" => Some("request"),
            "problem" | "ongelma" => Some("problem"),
            _ => None,
        })?,
        "channel" => mapped(match word().replace(['-', '_'], " ").as_str() {
            "phone" | "telephone" | "call" | "puhelin" => Some("phone"),
            "email" | "e mail" | "mail" | "sähköposti" => Some("email"),
            "walk in" | "walkin" | "in person" | "hallway" | "corridor" => Some("walk-in"),
            "portal" | "web" | "web form" | "form" => Some("portal"),
            "chat" | "teams" | "slack" => Some("chat"),
            "monitoring" | "alert" | "alarm" => Some("monitoring"),
            _ => None,
        })?,
        "impact" | "urgency" => mapped(match word().as_str() {
            "high" | "korkea" | "suuri" => Some("high"),
            "medium" | "normal" | "keskitaso" | "normaali" => Some("medium"),
            "low" | "matala" | "pieni" => Some("low"),
            _ => None,
        })?,
        "tags" => Json::Array(
            t.split([',', ';'])
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(|s| Json::Str(Cow::Borrowed(s)))
                .collect(),
        ),
        _ => Json::Str(Cow::Borrowed(raw)),
    })
}

fn accepted(field: &str) -> &'static str {
    match field {
        "status" => {
            ": use new, open, waiting, resolved, closed or cancelled (or In progress, On hold, Done...)"
        }
        "priority" => ": use P1..P4, 1..4, or critical, high, medium, low",
        "kind" => ": use incident, request or problem",
        "channel" => ": use phone, email, walk-in, portal, chat or monitoring",
        "impact" | "urgency" => ": use high, medium or low",
        _ => "",
    }
}

/// Status words seen in spreadsheets and other desks' exports.
fn spreadsheet_status(w: &str) -> Option<&'static str> {
    let w = w.trim().replace(['-', '_'], " ");
    Some(match w.as_str() {
        "new" | "unassigned" | "submitted" | "queued" | "uusi" => "new",
        "open" | "in progress" | "inprogress" | "assigned" | "active" | "working" | "started"
        | "avoin" | "työn alla" | "käsittelyssä" => "open",
        "waiting" | "pending" | "on hold" | "onhold" | "waiting for customer" | "odottaa" => {
            "waiting"
        }
        "resolved" | "solved" | "fixed" | "ratkaistu" => "resolved",
        "closed" | "done" | "complete" | "completed" | "suljettu" | "valmis" => "closed",
        "cancelled" | "canceled" | "rejected" | "withdrawn" | "duplicate" | "peruttu" => {
            "cancelled"
        }
        _ => return None,
    })
}

fn spreadsheet_priority(w: &str) -> Option<&'static str> {
    Some(match w.trim() {
        "p1" | "1" | "critical" | "urgent" | "kriittinen" => "P1",
        "p2" | "2" | "high" | "korkea" => "P2",
        "p3" | "3" | "medium" | "normal" | "moderate" | "normaali" => "P3",
        "p4" | "4" | "low" | "matala" => "P4",
        _ => return None,
    })
}

/// A moment as spreadsheets write it; dates and times without a zone are local.
pub fn spreadsheet_time<Tz: TimeZone>(s: &str, tz: &Tz) -> Option<DateTime<Utc>> {
    any_spreadsheet_time(s, tz).filter(|t| crate::domain::time::storable(*t))
}

fn any_spreadsheet_time<Tz: TimeZone>(s: &str, tz: &Tz) -> Option<DateTime<Utc>> {
    if let Some(t) = parse_rfc3339(s) {
        return Some(t);
    }
    const DATETIMES: &[&str] = &[
        "%Y-%m-%d %H:%M",
        "%Y-%m-%d %H:%M:%S",
        "%Y-%m-%dT%H:%M",
        "%Y-%m-%dT%H:%M:%S",
        "%d.%m.%Y %H:%M",
        "%d.%m.%Y %H:%M:%S",
        "%d.%m.%Y klo %H:%M",
        "%d.%m.%Y %H.%M",
    ];
    if let Some(ndt) = DATETIMES
        .iter()
        .find_map(|f| NaiveDateTime::parse_from_str(s, f).ok())
    {
        return Some(local_to_utc(tz, ndt));
    }
    ["%Y-%m-%d", "%d.%m.%Y"]
        .iter()
        .find_map(|f| NaiveDate::parse_from_str(s, f).ok())
        .map(|d| local_to_utc(tz, d.and_time(NaiveTime::MIN)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{Datelike, FixedOffset};

    fn defaults() -> Defaults<'static> {
        Defaults {
            now: parse_rfc3339("2026-11-20T13:00:00Z").unwrap(),
            user: "ana",
        }
    }

    fn ticket(json: &str) -> Res<TicketRecord> {
        let v = parse_json(json.as_bytes()).unwrap();
        match record_from_json(&v, defaults())? {
            Record::Ticket(t) => Ok(*t),
            Record::Article(_) => panic!("an article"),
        }
    }

    #[test]
    fn a_title_alone_makes_a_new_ticket_created_now_with_a_create_event() {
        let r = ticket(r#"{"title":"Printer jams"}"#).unwrap();
        assert_eq!(r.ticket.status, Status::New);
        assert_eq!(r.ticket.priority, Priority::P3);
        assert_eq!(r.ticket.created_at, defaults().now);
        assert_eq!(r.events.len(), 1);
        assert_eq!(r.events[0].action, "create");
        assert_eq!(r.events[0].actor, "ana");
    }

    #[test]
    fn invalid_values_name_the_field() {
        let e = ticket(r#"{"title":"x","priority":"P9"}"#).unwrap_err();
        assert_eq!(e.to_string(), r#"field "priority": invalid value "P9""#);
        let e = ticket(r#"{"title":"x","tier":4}"#).unwrap_err();
        assert_eq!(
            e.to_string(),
            r#"field "tier": invalid value 4: use 1 to 3"#
        );
        // Ids stay below 2^53 (exact in every JSON reader; SQLite scatters the ids
        // after a huge one), counts and minutes below a billion.
        let e = ticket(r#"{"title":"x","id":9223372036854775807}"#).unwrap_err();
        assert_eq!(
            e.to_string(),
            r#"field "id": invalid value 9223372036854775807: use 1 to 9007199254740991"#
        );
        assert!(ticket(r#"{"title":"x","id":9007199254740991}"#).is_ok());
        for field in ["time_spent", "occurrences", "escalations", "reopens"] {
            let e = ticket(&format!(r#"{{"title":"x","{field}":1000000001}}"#)).unwrap_err();
            assert!(e.to_string().ends_with("to 1000000000"), "{e}");
        }
        let e = ticket(
            r#"{"title":"x","worklog":[{"at":"2026-01-01T00:00:00Z","minutes":1000000001}]}"#,
        )
        .unwrap_err();
        assert!(e.to_string().ends_with("use 1 to 1000000000"), "{e}");
        let e = ticket(r#"{"title":"x","tags":"a"}"#).unwrap_err();
        assert!(
            e.to_string()
                .starts_with(r#"field "tags": expected an array"#)
        );
        let e = ticket(r#"{"title":"x","created_at":"yesterday"}"#).unwrap_err();
        assert!(
            e.to_string()
                .starts_with(r#"field "created_at": invalid time"#)
        );
        let e =
            ticket(r#"{"title":"x","events":[{"at":"2026-01-01T00:00:00Z","action":"dance"}]}"#)
                .unwrap_err();
        assert_eq!(
            e.to_string(),
            r#"field "events[0].action": invalid value "dance""#
        );
        let e = ticket(r#"{"titel":"x"}"#).unwrap_err();
        assert_eq!(e.to_string(), r#"field "titel": unknown field"#);
        let e = ticket(r#"{"description":"x"}"#).unwrap_err();
        assert_eq!(e.field, "title");
    }

    #[test]
    fn a_closed_ticket_without_history_gets_create_resolve_and_close() {
        let r = ticket(
            r#"{"title":"x","status":"closed","created_at":"2026-01-05T08:00:00Z",
                "resolved_at":"2026-01-05T09:00:00Z","closed_at":"2026-01-06T09:00:00Z",
                "first_response_at":"2026-01-05T08:30:00Z","assignee":"bo"}"#,
        )
        .unwrap();
        let acts: Vec<&str> = r.events.iter().map(|e| e.action.as_str()).collect();
        assert_eq!(acts, ["create", "assign", "resolve", "close"]);
        assert_eq!(r.status_at, parse_rfc3339("2026-01-06T09:00:00Z"));
        assert_eq!(
            r.ticket.updated_at,
            parse_rfc3339("2026-01-06T09:00:00Z").unwrap()
        );
    }

    #[test]
    fn articles_are_told_apart_by_type() {
        let v = parse_json(br#"{"type":"article","id":3,"title":"Reset a password","uses":4}"#)
            .unwrap();
        let Record::Article(a) = record_from_json(&v, defaults()).unwrap() else {
            panic!("not an article")
        };
        assert_eq!(a.id, Some(3));
        assert_eq!(a.author, "ana");
    }

    #[test]
    fn spreadsheet_headers_map_to_fields_and_duplicates_are_refused() {
        let m = CsvMapping::from_headers(["Subject", "Reported by", "Date", "Status", "Colour"])
            .unwrap();
        assert_eq!(
            m.columns,
            [
                Some("title"),
                Some("requester"),
                Some("created_at"),
                Some("status"),
                None
            ]
        );
        assert!(CsvMapping::from_headers(["Title", "Subject"]).is_err());
        assert!(CsvMapping::from_headers(["Name", "Date"]).is_err());
    }

    #[test]
    fn spreadsheet_dates_are_local() {
        let tz = FixedOffset::east_opt(2 * 3600).unwrap();
        let want = parse_rfc3339("2026-03-05T07:30:00Z");
        assert_eq!(spreadsheet_time("05.03.2026 09:30", &tz), want);
        assert_eq!(spreadsheet_time("5.3.2026 09:30", &tz), want);
        assert_eq!(spreadsheet_time("2026-03-05 09:30", &tz), want);
        assert_eq!(spreadsheet_time("2026-03-05T07:30:00Z", &tz), want);
        assert_eq!(
            spreadsheet_time("2026-03-05", &tz),
            parse_rfc3339("2026-03-04T22:00:00Z")
        );
        assert_eq!(spreadsheet_time("03/05/2026", &tz), None);
    }

    #[test]
    fn spreadsheet_words_map_and_unknown_ones_fail() {
        let tz = FixedOffset::east_opt(0).unwrap();
        let m = CsvMapping::from_headers(["Summary", "State", "Prio"]).unwrap();
        let r = ticket_from_csv(&m, &["VPN", "In progress", "High"], &tz, defaults()).unwrap();
        assert_eq!(r.ticket.status, Status::Open);
        assert_eq!(r.ticket.priority, Priority::P2);
        let e = ticket_from_csv(&m, &["VPN", "Frozen", ""], &tz, defaults()).unwrap_err();
        assert_eq!(e.field, "status");
    }

    /// The field-by-field verdict on one JSON text.
    fn slow(json: &str) -> Result<Record, String> {
        let v = parse_json(json.as_bytes())?;
        record_from_json(&v, defaults()).map_err(|e| e.to_string())
    }

    /// The typed parse may give up, but when it does not, it must agree with the
    /// field-by-field path exactly.
    fn agrees(json: &str) -> Option<Record> {
        let typed = typed_record(json.as_bytes(), defaults());
        if let Some(t) = &typed {
            assert_eq!(Ok(t.clone()), slow(json), "{json}");
        }
        assert_eq!(record_from_bytes(json.as_bytes(), defaults()), slow(json));
        typed
    }

    const FULL_TICKET: &str = r#"{"id":2,"kind":"request","title":"Wi-Fi down","description":"Line one\nline \"two\" ł","impact":"low","urgency":"low","priority":"P4","requester":"Anna","email":"a@b.example","location":"B","org":"Museo","category":"email","ci":"PC-2376","channel":"email","status":"closed","tier":1,"assignee":"olga","created_at":"2023-11-21T13:04:18Z","updated_at":"2023-11-23T04:48:59Z","resolved_at":"2023-11-22T04:48:59Z","resolution":"Installed remotely","kb_article":1,"closed_at":"2023-11-23T04:48:59Z","time_spent":10,"escalations":0,"reopens":0,"occurrences":1,"dedup_key":null,"phone":null,"tags":["a","b","a"],"response_due":"2023-11-21T17:04:18Z","resolve_due":null,"sla":{"response":{"due":"x"}},"first_response_at":"2023-11-21T13:32:30Z","events":[{"at":"2023-11-21T13:04:18Z","recorded_at":"2023-11-21T13:04:18Z","actor":"desk","action":"create","status":"new"},{"at":"2023-11-21T13:32:30Z","actor":"olga","action":"assign","detail":"to olga","status":"open"},{"at":"2023-11-21T20:51:41Z","action":"note","detail":null,"status":null},{"at":"2023-11-22T04:48:59Z","recorded_at":null,"actor":"olga","action":"resolve","detail":"Installed remotely","status":"resolved"},{"at":"2023-11-21T22:01:01Z","actor":"olga","action":"escalate","detail":"to tier 2"}],"comments":[{"at":"2023-11-21T20:51:41Z","actor":"olga","text":"Called the user.","internal":true},{"at":"2023-11-21T20:52:41Z","actor":null,"text":"x"}],"worklog":[{"at":"2023-11-21T22:01:01Z","actor":"olga","minutes":10},{"at":"2023-11-21T22:02:01Z","minutes":5,"note":"more"}],"links":[{"id":5,"kind":"parent"},{"id":6},{"id":7,"kind":null}]}"#;

    #[test]
    fn the_typed_parse_takes_what_export_writes_and_agrees() {
        assert!(agrees(FULL_TICKET).is_some());
        assert!(agrees(r#"{"title":"Printer jams"}"#).is_some());
        assert!(agrees(r#"{"type":"ticket","title":"x","status":"Closed"}"#).is_some());
        assert!(agrees(r#"{"title":"x","events":null,"comments":null,"tags":null}"#).is_some());
        assert!(agrees(r#"{"title":"x","events":[],"status":"waiting"}"#).is_some());
        assert!(agrees(r#" {"t\u0069tle":"esc\u00e4ped"} "#).is_some());
        let article = r#"{"type":"article","id":3,"title":"Reset","body":"a\n\nb","tags":["x"],"category":"access","author":"piotr","created_at":"2023-11-21T14:04:38Z","updated_at":"2024-01-13T02:59:08Z","source_ticket":9,"uses":4}"#;
        assert!(matches!(agrees(article), Some(Record::Article(_))));
        let minimal = r#"{"title":"x","type":"article","body":null,"author":null}"#;
        assert!(matches!(agrees(minimal), Some(Record::Article(_))));
    }

    #[test]
    fn the_typed_parse_gives_up_where_the_slow_path_decides() {
        let cases = [
            // Not an object, or not JSON.
            r#"[{"title":"x"}]"#,
            r#""x""#,
            r#"{"title":"x"} x"#,
            r#"{"title":"x""#,
            // Repeated keys: the slow path takes the last.
            r#"{"title":"x","title":"y"}"#,
            r#"{"title":"x","sla":1,"sla":2}"#,
            r#"{"title":"x","events":[{"at":"2026-01-01T00:00:00Z","action":"note","action":"log"}]}"#,
            // Null where a value is needed; blank title; unknown keys.
            r#"{"title":null}"#,
            r#"{"title":"  "}"#,
            r#"{"type":null,"title":"x"}"#,
            r#"{"type":"thing","title":"x"}"#,
            r#"{"title":"x","colour":"red"}"#,
            r#"{"title":"x","uses":1}"#,
            r#"{"type":"article","title":"x","status":"new"}"#,
            r#"{"type":"article","title":"x","description":null}"#,
            r#"{"title":"x","comments":[{"at":"2026-01-01T00:00:00Z","text":"t","internal":null}]}"#,
            r#"{"title":"x","comments":[{"at":"2026-01-01T00:00:00Z","text":null}]}"#,
            r#"{"title":"x","events":[{"at":null,"action":"note"}]}"#,
            r#"{"title":"x","events":[{"action":"note"}]}"#,
            r#"{"title":"x","events":[{"at":"2026-01-01T00:00:00Z","action":"dance"}]}"#,
            r#"{"title":"x","events":[{"at":"2026-01-01T00:00:00Z","action":"note","extra":1}]}"#,
            // Arrays where objects belong (serde's derive would take them).
            r#"{"title":"x","events":[["2026-01-01T00:00:00Z","x","desk","note"]]}"#,
            r#"{"title":"x","links":[[5]]}"#,
            r#"{"title":"x","worklog":[{"at":"2026-01-01T00:00:00Z","minutes":0}]}"#,
            // Out of range, wrong types.
            r#"{"title":"x","id":0}"#,
            r#"{"title":"x","id":-3}"#,
            r#"{"title":"x","id":1.0}"#,
            r#"{"title":"x","id":18446744073709551615}"#,
            r#"{"title":"x","tier":4}"#,
            r#"{"title":"x","time_spent":-1}"#,
            r#"{"title":"x","occurrences":0}"#,
            r#"{"title":"x","priority":"P9"}"#,
            r#"{"title":"x","tags":"a,b"}"#,
            r#"{"title":"x","tags":["a,b"]}"#,
            r#"{"title":"x","tags":[" "]}"#,
            r#"{"title":"x","tags":[1]}"#,
            r#"{"title":"x","description":5}"#,
            r#"{"title":"x","created_at":"yesterday"}"#,
            r#"{"title":"x","created_at":"2026-02-30T00:00:00Z"}"#,
            r#"{"id":3,"title":"x","links":[{"id":3}]}"#,
            r#"{"title":"x","links":[{"id":0}]}"#,
        ];
        for json in cases {
            assert!(agrees(json).is_none(), "{json}");
        }
        // Not UTF-8.
        let mut bytes = br#"{"title":"x"#.to_vec();
        bytes.extend_from_slice(b"\xff\"}");
        assert!(typed_record(&bytes, defaults()).is_none());
        assert!(record_from_bytes(&bytes, defaults()).is_err());
    }

    #[test]
    fn times_desk_writes_are_read_without_chrono_and_the_same() {
        let chrono_reads = |s: &str| {
            DateTime::parse_from_rfc3339(s.trim())
                .ok()
                .and_then(|t| DateTime::from_timestamp(t.timestamp(), 0))
        };
        let mut cases = vec![
            "2026-11-20T12:00:00Z".to_string(),
            "0001-01-01T00:00:00Z".into(),
            "0000-01-01T00:00:00Z".into(),
            "9999-12-31T23:59:59Z".into(),
            "2024-02-29T10:00:00Z".into(),
            "2023-02-29T10:00:00Z".into(),
            "2100-02-29T10:00:00Z".into(),
            "2000-02-29T10:00:00Z".into(),
            "2026-13-01T00:00:00Z".into(),
            "2026-00-01T00:00:00Z".into(),
            "2026-01-00T00:00:00Z".into(),
            "2026-04-31T00:00:00Z".into(),
            "2026-01-01T24:00:00Z".into(),
            "2026-01-01T23:60:00Z".into(),
            "2016-12-31T23:59:60Z".into(),
            "2026-01-01t10:00:00z".into(),
            "2026-01-01T10:00:00+02:00".into(),
            "2026-01-01T10:00:00.5Z".into(),
            "2026-01-01 10:00:00Z".into(),
            "+026-01-01T10:00:00Z".into(),
            "2026-01-01T1a:00:00Z".into(),
        ];
        for (y, mo, d, h, mi, s) in [(1970, 1, 1, 0, 0, 0), (2026, 3, 29, 1, 30, 59)] {
            cases.push(format!("{y:04}-{mo:02}-{d:02}T{h:02}:{mi:02}:{s:02}Z"));
        }
        for s in &cases {
            assert_eq!(parse_rfc3339(s), chrono_reads(s), "{s}");
            if let Some(t) = utc_seconds(s) {
                assert_eq!(Some(t), chrono_reads(s), "{s}");
            }
        }
        assert!(utc_seconds("2026-11-20T12:00:00Z").is_some());
        // Every day of a leap and a common year, at a few times of day.
        let mut day = NaiveDate::from_ymd_opt(2023, 1, 1).unwrap();
        while day.year() < 2025 {
            for hms in ["00:00:00", "12:34:56", "23:59:59"] {
                let s = format!("{}T{hms}Z", day.format("%Y-%m-%d"));
                assert_eq!(utc_seconds(&s), chrono_reads(&s), "{s}");
            }
            day = day.succ_opt().unwrap();
        }
    }

    /// `DESK_TYPED_CHECK=file.jsonl cargo test --release -- --ignored typed_parse_agrees_on_a_file`:
    /// every line of a real file through both paths.
    #[test]
    #[ignore]
    fn typed_parse_agrees_on_a_file() {
        let Ok(path) = std::env::var("DESK_TYPED_CHECK") else {
            return;
        };
        let text = std::fs::read_to_string(path).unwrap();
        let mut typed = 0;
        for line in text.lines().filter(|l| !l.trim().is_empty()) {
            typed += usize::from(agrees(line).is_some());
        }
        assert_eq!(typed, text.lines().count(), "every line typed");
    }
}
