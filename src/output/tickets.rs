//! Tickets for people and programs: the JSON shape of the spec, list tables fitted to
//! the terminal, TSV/CSV, the human due column, and the `show` page.

use super::paint;
use crate::cli::ListFormat;
use crate::domain::duration::format_minutes;
use crate::domain::sla::SlaStatus;
use crate::domain::text::is_unsafe;
use crate::domain::text::{escape, one_line, truncate, width};
use crate::domain::ticket::{Comment, Event, Link, Status, Ticket, WorkEntry};
use crate::domain::time::{local_short, rfc3339};
use chrono::{DateTime, Local, Utc};
use serde_json::{Map, Value, json};
use std::borrow::Cow;
use std::io::{self, Write};

fn t_opt(t: Option<DateTime<Utc>>) -> Value {
    t.map_or(Value::Null, |t| Value::String(rfc3339(t)))
}

fn s_opt<T: ToString>(v: &Option<T>) -> Value {
    v.as_ref()
        .map_or(Value::Null, |x| Value::String(x.to_string()))
}

/// The spec's ticket object, fields in the spec's order.
pub fn ticket_json(t: &Ticket, sla: SlaStatus) -> Map<String, Value> {
    let mut m = Map::new();
    m.insert("id".into(), json!(t.id));
    m.insert("kind".into(), json!(t.kind.as_str()));
    m.insert("title".into(), json!(t.title));
    m.insert("description".into(), s_opt(&t.description));
    m.insert("status".into(), json!(t.status.as_str()));
    m.insert("priority".into(), json!(t.priority.as_str()));
    m.insert("impact".into(), s_opt(&t.impact));
    m.insert("urgency".into(), s_opt(&t.urgency));
    m.insert("tier".into(), json!(t.tier));
    m.insert("assignee".into(), s_opt(&t.assignee));
    m.insert("requester".into(), s_opt(&t.requester));
    m.insert("email".into(), s_opt(&t.email));
    m.insert("phone".into(), s_opt(&t.phone));
    m.insert("org".into(), s_opt(&t.org));
    m.insert("location".into(), s_opt(&t.location));
    m.insert("category".into(), s_opt(&t.category));
    m.insert("ci".into(), s_opt(&t.ci));
    m.insert("channel".into(), s_opt(&t.channel));
    m.insert("tags".into(), json!(t.tags));
    m.insert("created_at".into(), json!(rfc3339(t.created_at)));
    m.insert("updated_at".into(), json!(rfc3339(t.updated_at)));
    m.insert("first_response_at".into(), t_opt(t.first_response_at));
    m.insert("resolved_at".into(), t_opt(t.resolved_at));
    m.insert("closed_at".into(), t_opt(t.closed_at));
    m.insert("response_due".into(), t_opt(t.response_due));
    m.insert("resolve_due".into(), t_opt(t.resolve_due));
    m.insert("sla".into(), json!(sla.as_str()));
    m.insert("resolution".into(), s_opt(&t.resolution));
    m.insert(
        "kb_article".into(),
        t.kb_article.map_or(Value::Null, |k| json!(k)),
    );
    m.insert("time_spent".into(), json!(t.time_spent));
    m.insert("dedup_key".into(), s_opt(&t.dedup_key));
    m.insert("occurrences".into(), json!(t.occurrences));
    m.insert("escalations".into(), json!(t.escalations));
    m.insert("reopens".into(), json!(t.reopens));
    m
}

/// The nearest running deadline.
pub fn next_due(t: &Ticket) -> Option<DateTime<Utc>> {
    [t.response_due, t.resolve_due].into_iter().flatten().min()
}

/// The due column a person reads at a glance: `in 1h20m`, `3h overdue`, `Mon 10:30`,
/// `paused`, `met`.
pub fn due_text(t: &Ticket, sla: SlaStatus, now: DateTime<Utc>, tz: &Local) -> String {
    match next_due(t) {
        Some(d) if d < now => format!("{} overdue", format_minutes((now - d).num_seconds())),
        Some(d) if (d - now).num_hours() < 24 => {
            format!("in {}", format_minutes((d - now).num_seconds()))
        }
        Some(d) => {
            let local = d.with_timezone(tz);
            if (d - now).num_days() < 6 {
                local.format("%a %H:%M").to_string()
            } else {
                local.format("%Y-%m-%d").to_string()
            }
        }
        None => match (t.status, sla) {
            (Status::Waiting, _) => "paused".into(),
            (_, SlaStatus::Breached) => "breached".into(),
            (Status::Resolved | Status::Closed, _) => "met".into(),
            _ => "-".into(),
        },
    }
}

fn sla_color(sla: SlaStatus) -> &'static str {
    match sla {
        SlaStatus::Breached => "31",
        SlaStatus::AtRisk => "33",
        SlaStatus::Paused => "36",
        SlaStatus::Met => "32",
        _ => "39",
    }
}

/// Columns of TSV (for shell pipelines) and of the table.
const TSV_HEADER: &[&str] = &[
    "id",
    "status",
    "priority",
    "tier",
    "sla",
    "due",
    "assignee",
    "requester",
    "category",
    "title",
];

/// A TSV field: tabs, newlines and control characters escaped so each ticket is one line.
fn tsv_field(s: &str) -> Cow<'_, str> {
    if s.chars().any(is_unsafe) {
        Cow::Owned(one_line(s))
    } else {
        Cow::Borrowed(s)
    }
}

/// The header line of the list's TSV.
pub fn write_tsv_header(w: &mut dyn Write) -> io::Result<()> {
    writeln!(w, "{}", TSV_HEADER.join("\t"))
}

/// One ticket as a line of the list's TSV (see `TSV_HEADER`).
pub fn write_tsv_row(w: &mut dyn Write, t: &Ticket, s: SlaStatus) -> io::Result<()> {
    let due = next_due(t).map(rfc3339).unwrap_or_default();
    writeln!(
        w,
        "{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}",
        t.id,
        t.status,
        t.priority,
        t.tier,
        s.as_str(),
        due,
        tsv_field(t.assignee.as_deref().unwrap_or("")),
        tsv_field(t.requester.as_deref().unwrap_or("")),
        tsv_field(t.category.as_deref().unwrap_or("")),
        tsv_field(&t.title),
    )
}

pub struct ListView<'a> {
    pub rows: &'a [(Ticket, SlaStatus)],
    pub now: DateTime<Utc>,
    pub tz: &'a Local,
    pub color: bool,
    pub width: usize,
    /// stdout is a terminal: escape control characters even in CSV.
    pub terminal: bool,
}

pub fn write_list(w: &mut dyn Write, v: &ListView, format: ListFormat) -> io::Result<()> {
    match format {
        ListFormat::Json => {
            let arr: Vec<Value> = v
                .rows
                .iter()
                .map(|(t, s)| Value::Object(ticket_json(t, *s)))
                .collect();
            serde_json::to_writer_pretty(&mut *w, &arr)?;
            writeln!(w)
        }
        ListFormat::Jsonl => {
            for (t, s) in v.rows {
                serde_json::to_writer(&mut *w, &Value::Object(ticket_json(t, *s)))?;
                writeln!(w)?;
            }
            Ok(())
        }
        ListFormat::Tsv => {
            write_tsv_header(w)?;
            for (t, s) in v.rows {
                write_tsv_row(w, t, *s)?;
            }
            Ok(())
        }
        ListFormat::Csv => write_csv(w, v.rows, v.terminal),
        ListFormat::Table => write_table(w, v),
    }
}

/// The CSV columns: every scalar field of the JSON shape (tags comma-separated).
pub const CSV_COLUMNS: &[&str] = &[
    "id",
    "kind",
    "title",
    "description",
    "status",
    "priority",
    "impact",
    "urgency",
    "tier",
    "assignee",
    "requester",
    "email",
    "phone",
    "org",
    "location",
    "category",
    "ci",
    "channel",
    "tags",
    "created_at",
    "updated_at",
    "first_response_at",
    "resolved_at",
    "closed_at",
    "response_due",
    "resolve_due",
    "sla",
    "resolution",
    "kb_article",
    "time_spent",
    "dedup_key",
    "occurrences",
    "escalations",
    "reopens",
];

pub fn csv_record(t: &Ticket, sla: SlaStatus, terminal: bool) -> Vec<String> {
    super::csv_fields(&ticket_json(t, sla), CSV_COLUMNS, terminal)
}

pub fn write_csv(
    w: &mut dyn Write,
    rows: &[(Ticket, SlaStatus)],
    terminal: bool,
) -> io::Result<()> {
    let mut cw = csv::Writer::from_writer(w);
    cw.write_record(CSV_COLUMNS)?;
    for (t, s) in rows {
        cw.write_record(csv_record(t, *s, terminal))?;
    }
    cw.flush()
}

/// The queue as a table: one line per ticket, the title cut to what the terminal has
/// left (people scan a queue; `show` has the whole title).
fn write_table(w: &mut dyn Write, v: &ListView) -> io::Result<()> {
    if v.rows.is_empty() {
        return Ok(());
    }
    let cells: Vec<[String; 7]> = v
        .rows
        .iter()
        .map(|(t, s)| {
            [
                format!("#{}", t.id),
                t.priority.to_string(),
                t.status.to_string(),
                due_text(t, *s, v.now, v.tz),
                truncate(&one_line(t.assignee.as_deref().unwrap_or("-")), 16),
                truncate(&one_line(t.requester.as_deref().unwrap_or("-")), 20),
                one_line(&t.title),
            ]
        })
        .collect();
    let header = ["ID", "P", "STATUS", "DUE", "ASSIGNEE", "REQUESTER", "TITLE"];
    const GAP: usize = 2;
    let fixed: usize = (0..6)
        .map(|c| {
            cells
                .iter()
                .map(|r| width(&r[c]))
                .chain([header[c].len()])
                .max()
                .unwrap_or(0)
                + GAP
        })
        .sum();
    let title_width = v.width.saturating_sub(fixed).max(12);

    // Laid out by hand rather than with comfy-table: the DUE column is coloured, and
    // the widths must be display columns of the text without its colour codes.
    let widths: Vec<usize> = (0..6)
        .map(|c| {
            cells
                .iter()
                .map(|r| width(&r[c]))
                .chain([header[c].len()])
                .max()
                .unwrap_or(0)
        })
        .collect();
    let pad =
        |text: &str, w: usize| format!("{text}{}", " ".repeat(w.saturating_sub(width(text)) + GAP));
    let mut line = String::new();
    for (c, h) in header.iter().enumerate() {
        line.push_str(&if c < 6 {
            pad(h, widths[c])
        } else {
            h.to_string()
        });
    }
    writeln!(w, "{}", paint(v.color, "1", line.trim_end()))?;
    for ((_, s), row) in v.rows.iter().zip(cells) {
        let mut line = String::new();
        for (c, text) in row.iter().enumerate() {
            if c == 6 {
                line.push_str(&truncate(text, title_width));
            } else if c == 3 {
                line.push_str(&paint(v.color, sla_color(*s), text));
                line.push_str(&" ".repeat(widths[c].saturating_sub(width(text)) + GAP));
            } else {
                line.push_str(&pad(text, widths[c]));
            }
        }
        writeln!(w, "{}", line.trim_end())?;
    }
    Ok(())
}

/// Everything `show` prints for a person.
pub struct ShowView<'a> {
    pub ticket: &'a Ticket,
    pub sla: SlaStatus,
    pub events: &'a [Event],
    pub comments: &'a [Comment],
    pub worklog: &'a [WorkEntry],
    pub links: &'a [Link],
    pub now: DateTime<Utc>,
    pub tz: &'a Local,
    pub color: bool,
}

pub fn show_json(v: &ShowView) -> Value {
    let mut m = ticket_json(v.ticket, v.sla);
    m.insert(
        "events".into(),
        v.events
            .iter()
            .map(|e| {
                json!({
                    "at": rfc3339(e.at),
                    "recorded_at": rfc3339(e.recorded_at),
                    "actor": e.actor,
                    "action": e.action,
                    "detail": e.detail,
                    "status": e.status.map(|s| s.as_str()),
                })
            })
            .collect(),
    );
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
    let sla_text = paint(v.color, sla_color(v.sla), v.sla.as_str());
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
