//! One ticket for people and programs: the `show` page and its JSON, with each
//! event's details read back.

use super::{CSV_COLUMNS, due_text, sla_code, ticket_json};
use crate::domain::duration::format_minutes;
use crate::domain::sla::SlaStatus;
use crate::domain::text::{escape, one_line};
use crate::domain::ticket::{Comment, Event, Link, Status, Ticket, WorkEntry};
use crate::domain::time::{local_short, rfc3339};
use crate::domain::zone::Zone;
use crate::output::paint;
use chrono::{DateTime, Utc};
use serde_json::{Map, Value, json};
use std::io::{self, Write};

/// Everything `show` prints for a person.
pub struct ShowView<'a> {
    pub ticket: &'a Ticket,
    pub sla: SlaStatus,
    pub events: &'a [Event],
    pub comments: &'a [Comment],
    pub worklog: &'a [WorkEntry],
    pub links: &'a [Link],
    pub now: DateTime<Utc>,
    pub tz: &'a Zone,
    pub color: bool,
}

pub fn show_json(v: &ShowView) -> Value {
    let mut m = ticket_json(v.ticket, v.sla);
    let mut status: Option<Status> = None;
    let mut events = Vec::with_capacity(v.events.len());
    for e in v.events {
        let data = event_data(e, status);
        status = e.status.or(status);
        events.push(json!({
            "at": rfc3339(e.at),
            "recorded_at": rfc3339(e.recorded_at),
            "actor": e.actor,
            "recorded_by": e.recorded_by,
            "action": e.action,
            "detail": e.detail,
            "status": e.status.map(|s| s.as_str()),
            "data": data,
        }));
    }
    m.insert("events".into(), Value::Array(events));
    m.insert(
        "comments".into(),
        v.comments
            .iter()
            .map(|c| json!({"at": rfc3339(c.at), "actor": c.actor, "text": c.text, "internal": c.internal}))
            .collect(),
    );
    m.insert(
        "worklog".into(),
        v.worklog
            .iter()
            .map(|e| json!({"at": rfc3339(e.at), "actor": e.actor, "minutes": e.minutes, "note": e.note}))
            .collect(),
    );
    m.insert(
        "links".into(),
        v.links
            .iter()
            .map(|l| json!({"id": l.id, "kind": l.kind.as_str()}))
            .collect(),
    );
    Value::Object(m)
}

/// What an event did, as fields a script reads instead of the prose of `detail`:
/// a move has `from` and `to` (the statuses before and after); then, by action,
/// `assignee` (assign, unassign, escalate: who has it after, null for nobody) and
/// `previous_assignee` (unassign), `tier` and `reason` (escalate), `solution` and
/// `kb_article` (resolve), `reason` (wait, reopen, cancel, close), `minutes` and `note`
/// (log), `ticket` and `link` (link: `related`, `duplicate_of`, `duplicated_by`,
/// `parent`, `child`), `fields` (edit: the names of the fields changed) or
/// `kb_article` (an article written from the ticket), `occurrences` (occurrence),
/// `message_id` (a ticket filed from mail).
///
/// The history stores the action, the status after it and the detail; the fields are
/// read from the detail, which desk itself writes in a fixed shape for each action.
pub fn event_data(e: &Event, before: Option<Status>) -> Value {
    use crate::domain::ticket::action;
    let mut m = Map::new();
    if let Some(to) = e.status {
        m.insert("from".into(), json!(before.map(|s| s.as_str())));
        m.insert("to".into(), json!(to.as_str()));
    }
    let detail = e.detail.as_deref();
    let text = |s: Option<&str>| json!(s.map(str::trim).filter(|s| !s.is_empty()));
    match e.action.as_str() {
        action::ASSIGN => {
            let who = detail.map(|d| d.strip_prefix("to ").unwrap_or(d));
            m.insert("assignee".into(), text(who));
        }
        action::UNASSIGN => {
            let who = detail
                .map(|d| d.strip_prefix("from ").unwrap_or(d))
                .filter(|w| *w != "nobody");
            m.insert("assignee".into(), Value::Null);
            m.insert("previous_assignee".into(), text(who));
        }
        action::ESCALATE => {
            // "to tier N[, USER][: REASON]"
            let rest = detail
                .and_then(|d| d.strip_prefix("to tier "))
                .unwrap_or("");
            let digits = rest.chars().take_while(char::is_ascii_digit).count();
            let (tier, mut rest) = rest.split_at(digits);
            let mut who = None;
            if let Some(r) = rest.strip_prefix(", ") {
                let end = r.find(": ").unwrap_or(r.len());
                who = Some(&r[..end]);
                rest = &r[end..];
            }
            let reason = rest.strip_prefix(": ");
            m.insert("tier".into(), json!(tier.parse::<u8>().ok()));
            m.insert("assignee".into(), text(who));
            m.insert("reason".into(), text(reason));
        }
        action::RESOLVE => {
            // "SOLUTION[ (kb N)]"
            let (solution, kb) = match detail
                .and_then(|d| d.strip_suffix(')'))
                .and_then(|d| d.rsplit_once(" (kb "))
            {
                Some((s, k)) if k.parse::<i64>().is_ok() => (Some(s), k.parse::<i64>().ok()),
                _ => (detail, None),
            };
            m.insert("solution".into(), text(solution));
            m.insert("kb_article".into(), json!(kb));
        }
        action::WAIT | action::REOPEN | action::CANCEL | action::CLOSE => {
            m.insert("reason".into(), text(detail));
        }
        action::LOG => {
            // "DURATION[: NOTE]"
            let d = detail.unwrap_or("");
            let (span, note) = d.split_once(": ").map_or((d, None), |(a, b)| (a, Some(b)));
            let minutes = crate::domain::duration::Span::parse(span)
                .ok()
                .map(|s| s.wall_seconds() / 60);
            m.insert("minutes".into(), json!(minutes));
            m.insert("note".into(), text(note));
        }
        action::LINK => {
            let d = detail.unwrap_or("");
            let number = |s: &str| s.trim_start_matches('#').parse::<i64>().ok();
            let (kind, other) = if let Some(r) = d.strip_prefix("duplicate of ") {
                ("duplicate_of", number(r))
            } else if let Some(r) = d.strip_suffix(" is a duplicate of this") {
                ("duplicated_by", number(r))
            } else if let Some(r) = d.strip_prefix("parent: ") {
                ("parent", number(r))
            } else if let Some(r) = d.strip_prefix("child: ") {
                ("child", number(r))
            } else {
                ("related", d.strip_prefix("related to ").and_then(number))
            };
            m.insert("link".into(), json!(kind));
            m.insert("ticket".into(), json!(other));
        }
        action::EDIT => {
            let d = detail.unwrap_or("");
            if let Some(k) = d
                .strip_prefix("kb article ")
                .and_then(|k| k.parse::<i64>().ok())
            {
                m.insert("kb_article".into(), json!(k));
            } else {
                let fields: Vec<&str> = d
                    .split("; ")
                    .filter_map(|c| c.split(' ').next())
                    .filter(|f| CSV_COLUMNS.contains(f))
                    .collect();
                m.insert("fields".into(), json!(fields));
            }
        }
        action::OCCURRENCE => {
            let n = detail
                .and_then(|d| d.strip_prefix("alert "))
                .and_then(|d| d.split(':').next())
                .and_then(|n| n.parse::<i64>().ok());
            m.insert("occurrences".into(), json!(n));
        }
        action::CREATE => {
            if let Some(id) = detail
                .and_then(|d| d.strip_prefix("mail <"))
                .and_then(|d| d.strip_suffix('>'))
            {
                m.insert("message_id".into(), json!(id));
            }
        }
        _ => {}
    }
    Value::Object(m)
}

pub fn write_show_text(w: &mut dyn Write, v: &ShowView) -> io::Result<()> {
    let t = v.ticket;
    let tz = v.tz;
    let bold = |s: &str| paint(v.color, "1", s);
    writeln!(
        w,
        "{} {}",
        bold(&format!("#{}", t.id)),
        bold(&one_line(&t.title))
    )?;
    let sla_text = paint(v.color, sla_code(v.sla), v.sla.as_str());
    // The due time beside the SLA word, unless it would only repeat it ("met (met)").
    let due = match due_text(t, v.sla, v.now, tz) {
        d if d == v.sla.as_str() || d == "-" => String::new(),
        d => format!(" ({d})"),
    };
    writeln!(
        w,
        "{} · {} · {} · tier {} · SLA {}{}",
        t.kind, t.status, t.priority, t.tier, sla_text, due
    )?;
    let mut fields: Vec<(&str, String)> = Vec::new();
    let mut add = |k: &'static str, v: Option<String>| {
        if let Some(v) = v {
            fields.push((k, v));
        }
    };
    add("assignee", t.assignee.clone());
    let who = match (&t.requester, &t.email, &t.phone) {
        (None, None, None) => None,
        (r, e, p) => Some(
            [r.clone(), e.as_ref().map(|e| format!("<{e}>")), p.clone()]
                .into_iter()
                .flatten()
                .collect::<Vec<_>>()
                .join(" "),
        ),
    };
    add("requester", who);
    add("org", t.org.clone());
    add("location", t.location.clone());
    add("category", t.category.clone());
    add("ci", t.ci.clone());
    add("channel", t.channel.map(|c| c.to_string()));
    add(
        "impact",
        t.impact.map(|i| {
            format!(
                "{i} × urgency {}",
                t.urgency.map_or("-".into(), |u| u.to_string())
            )
        }),
    );
    if !t.tags.is_empty() {
        add("tags", Some(t.tags.join(", ")));
    }
    add("created", Some(local_short(t.created_at, tz)));
    add(
        "first response",
        t.first_response_at.map(|x| local_short(x, tz)),
    );
    add("response due", t.response_due.map(|x| local_short(x, tz)));
    add("resolve due", t.resolve_due.map(|x| local_short(x, tz)));
    add("resolved", t.resolved_at.map(|x| local_short(x, tz)));
    add("closed", t.closed_at.map(|x| local_short(x, tz)));
    add("resolution", t.resolution.clone());
    add("kb article", t.kb_article.map(|k| k.to_string()));
    if t.time_spent > 0 {
        add("time spent", Some(format_minutes(t.time_spent * 60)));
    }
    if let Some(k) = &t.dedup_key {
        add(
            "dedup key",
            Some(format!("{k} ({} occurrences)", t.occurrences)),
        );
    }
    let counts: Vec<String> = [(t.escalations, "escalation"), (t.reopens, "reopen")]
        .into_iter()
        .filter(|(n, _)| *n > 0)
        .map(|(n, what)| format!("{n} {what}{}", if n == 1 { "" } else { "s" }))
        .collect();
    if !counts.is_empty() {
        add("counts", Some(counts.join(", ")));
    }
    for (k, val) in fields {
        writeln!(w, "  {:<15} {}", format!("{k}:"), one_line(&val))?;
    }
    if let Some(d) = &t.description {
        writeln!(w)?;
        for line in escape(d, true).lines() {
            writeln!(w, "  {line}")?;
        }
    }
    if !v.links.is_empty() {
        writeln!(w, "\n{}", bold("Links"))?;
        for l in v.links {
            writeln!(w, "  {} #{}", l.kind, l.id)?;
        }
    }
    if !v.comments.is_empty() {
        writeln!(w, "\n{}", bold("Comments"))?;
        for c in v.comments {
            let tag = if c.internal { " (internal)" } else { "" };
            writeln!(
                w,
                "  {} {}{tag}:",
                local_short(c.at, tz),
                one_line(&c.actor)
            )?;
            for line in escape(&c.text, true).lines() {
                writeln!(w, "    {line}")?;
            }
        }
    }
    if !v.worklog.is_empty() {
        writeln!(w, "\n{}", bold("Time log"))?;
        for e in v.worklog {
            let note = e
                .note
                .as_deref()
                .map(|n| format!("  {}", one_line(n)))
                .unwrap_or_default();
            writeln!(
                w,
                "  {} {:<12} {:>6}{note}",
                local_short(e.at, tz),
                one_line(&e.actor),
                format_minutes(e.minutes * 60)
            )?;
        }
    }
    writeln!(w, "\n{}", bold("History"))?;
    for e in v.events {
        let late = if (e.recorded_at - e.at).num_minutes() >= 1 {
            format!(" (recorded {})", local_short(e.recorded_at, tz))
        } else {
            String::new()
        };
        let detail = e
            .detail
            .as_deref()
            .map(|d| format!(": {}", one_line(d)))
            .unwrap_or_default();
        writeln!(
            w,
            "  {} {:<12} {}{detail}{late}",
            local_short(e.at, tz),
            one_line(&e.actor),
            e.action
        )?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn event(action: &str, detail: Option<&str>, status: Option<Status>) -> Event {
        let at = DateTime::from_timestamp(0, 0).unwrap_or_default();
        Event {
            at,
            recorded_at: at,
            actor: "ana".into(),
            action: action.into(),
            detail: detail.map(str::to_string),
            status,
            recorded_by: None,
        }
    }

    #[test]
    fn event_data_reads_each_action_s_detail() {
        let data = |a, d, s, before| event_data(&event(a, d, s), before).to_string();
        assert_eq!(
            data(
                "escalate",
                Some("to tier 3: vendor: see log"),
                Some(Status::New),
                Some(Status::Open)
            ),
            r#"{"from":"open","to":"new","tier":3,"assignee":null,"reason":"vendor: see log"}"#
        );
        assert_eq!(
            data(
                "escalate",
                Some("to tier 2"),
                Some(Status::New),
                Some(Status::New)
            ),
            r#"{"from":"new","to":"new","tier":2,"assignee":null,"reason":null}"#
        );
        assert_eq!(
            data(
                "unassign",
                Some("from nobody"),
                Some(Status::New),
                Some(Status::New)
            ),
            r#"{"from":"new","to":"new","assignee":null,"previous_assignee":null}"#
        );
        // A solution that itself ends in parentheses keeps them.
        assert_eq!(
            data(
                "resolve",
                Some("Reset (twice)"),
                Some(Status::Resolved),
                Some(Status::Open)
            ),
            r#"{"from":"open","to":"resolved","solution":"Reset (twice)","kb_article":null}"#
        );
        assert_eq!(
            data("log", Some("2d1h"), None, None),
            r#"{"minutes":2940,"note":null}"#
        );
        assert_eq!(
            data("link", Some("parent: #4"), None, None),
            r#"{"link":"parent","ticket":4}"#
        );
        assert_eq!(
            data("edit", Some("kb article 7"), None, None),
            r#"{"kb_article":7}"#
        );
        assert_eq!(
            data("occurrence", Some("alert 3: disk full"), None, None),
            r#"{"occurrences":3}"#
        );
        assert_eq!(
            data("create", Some("mail <a@b>"), Some(Status::New), None),
            r#"{"from":null,"to":"new","message_id":"a@b"}"#
        );
        assert_eq!(data("comment", Some("hello"), None, None), "{}");
    }
}
