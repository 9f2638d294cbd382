//! Tickets for people and programs: the JSON shape of the spec, list tables fitted to
//! the terminal, TSV/CSV, the human due column, and the `show` page.

use super::paint;
use crate::cli::ListFormat;
use crate::domain::duration::format_minutes;
use crate::domain::sla::SlaStatus;
use crate::domain::text::is_unsafe;
use crate::domain::text::{escape, one_line, truncate, width as text_width};
use crate::domain::ticket::{Comment, Event, Link, Status, Ticket, WorkEntry};
use crate::domain::time::{local_short, rfc3339};
use crate::domain::zone::Zone;
use chrono::{DateTime, Utc};
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
pub fn due_text(t: &Ticket, sla: SlaStatus, now: DateTime<Utc>, tz: &Zone) -> String {
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

fn sla_code(sla: SlaStatus) -> &'static str {
    match sla {
        SlaStatus::Breached => "31",
        SlaStatus::AtRisk => "33",
        SlaStatus::Paused => "36",
        SlaStatus::Met => "32",
        _ => "39",
    }
}

/// The same colours for comfy-table's cells (none for a clock that is fine).
fn sla_color(sla: SlaStatus) -> Option<comfy_table::Color> {
    use comfy_table::Color;
    match sla {
        SlaStatus::Breached => Some(Color::DarkRed),
        SlaStatus::AtRisk => Some(Color::DarkYellow),
        SlaStatus::Paused => Some(Color::DarkCyan),
        SlaStatus::Met => Some(Color::DarkGreen),
        _ => None,
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

/// A TSV field that reads back unambiguously: a backslash, tab, newline and carriage
/// return as `\\`, `\t`, `\n`, `\r` (so each ticket is one line and `C:\temp\new`
/// differs from a title holding a tab), other control characters as `\u{1b}`.
pub fn tsv_field(s: &str) -> Cow<'_, str> {
    if !s.chars().any(|c| c == '\\' || is_unsafe(c)) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\t' => out.push_str("\\t"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            c if is_unsafe(c) => out.push_str(&format!("\\u{{{:x}}}", c as u32)),
            c => out.push(c),
        }
    }
    Cow::Owned(out)
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

/// One ticket as a line of `--fields` TSV: those JSON fields, in that order (null as
/// empty, lists comma-separated).
pub fn write_tsv_fields_row(
    w: &mut dyn Write,
    t: &Ticket,
    s: SlaStatus,
    fields: &[String],
) -> io::Result<()> {
    let names: Vec<&str> = fields.iter().map(String::as_str).collect();
    let values = super::csv_fields(&ticket_json(t, s), &names, false);
    let line: Vec<Cow<str>> = values.iter().map(|x| tsv_field(x)).collect();
    writeln!(w, "{}", line.join("\t"))
}

pub struct ListView<'a> {
    pub rows: &'a [(Ticket, SlaStatus)],
    pub now: DateTime<Utc>,
    pub tz: &'a Zone,
    pub color: bool,
    pub width: usize,
    /// stdout is a terminal: escape control characters even in CSV.
    pub terminal: bool,
    /// `--fields`: these JSON fields, in this order, in every format.
    pub fields: Option<&'a [String]>,
}

pub fn write_list(w: &mut dyn Write, v: &ListView, format: ListFormat) -> io::Result<()> {
    let object = |t: &Ticket, s: SlaStatus| {
        let m = ticket_json(t, s);
        Value::Object(match v.fields {
            Some(fields) => fields
                .iter()
                .map(|f| (f.clone(), m.get(f.as_str()).cloned().unwrap_or(Value::Null)))
                .collect(),
            None => m,
        })
    };
    match format {
        ListFormat::Json => {
            let arr: Vec<Value> = v.rows.iter().map(|(t, s)| object(t, *s)).collect();
            serde_json::to_writer_pretty(&mut *w, &arr)?;
            writeln!(w)
        }
        ListFormat::Jsonl => {
            for (t, s) in v.rows {
                serde_json::to_writer(&mut *w, &object(t, *s))?;
                writeln!(w)?;
            }
            Ok(())
        }
        ListFormat::Tsv => match v.fields {
            Some(fields) => {
                writeln!(w, "{}", fields.join("\t"))?;
                for (t, s) in v.rows {
                    write_tsv_fields_row(w, t, *s, fields)?;
                }
                Ok(())
            }
            None => {
                write_tsv_header(w)?;
                for (t, s) in v.rows {
                    write_tsv_row(w, t, *s)?;
                }
                Ok(())
            }
        },
        ListFormat::Csv => match v.fields {
            Some(fields) => {
                let names: Vec<&str> = fields.iter().map(String::as_str).collect();
                let mut cw = csv::Writer::from_writer(w);
                cw.write_record(&names)?;
                for (t, s) in v.rows {
                    cw.write_record(super::csv_fields(&ticket_json(t, *s), &names, v.terminal))?;
                }
                cw.flush()
            }
            None => write_csv(w, v.rows, v.terminal),
        },
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

/// The queue as a table: one line per ticket that never wraps. The title takes what
/// the terminal has left, cut with `…` (people scan a queue; `show` has the whole
/// title); on a narrow terminal the requester, then the assignee, the status and the
/// priority make room for it. The id and the due column stay.
fn write_table(w: &mut dyn Write, v: &ListView) -> io::Result<()> {
    if v.rows.is_empty() {
        return Ok(());
    }
    if let Some(fields) = v.fields {
        return write_fields_table(w, v, fields);
    }
    let col = |header: &str,
               cap: usize,
               drop_rank: Option<u8>,
               cell: &dyn Fn(&Ticket, SlaStatus) -> String| Column {
        header: header.into(),
        cells: v.rows.iter().map(|(t, s)| cell(t, *s)).collect(),
        cap,
        drop_rank,
        colors: None,
    };
    let name = |s: &Option<String>| one_line(s.as_deref().unwrap_or("-"));
    let mut due = col("DUE", usize::MAX, None, &|t, s| due_text(t, s, v.now, v.tz));
    due.colors = Some(v.rows.iter().map(|(_, s)| sla_color(*s)).collect());
    let columns = [
        col("ID", usize::MAX, None, &|t, _| format!("#{}", t.id)),
        col("P", usize::MAX, Some(3), &|t, _| t.priority.to_string()),
        col("STATUS", usize::MAX, Some(2), &|t, _| t.status.to_string()),
        due,
        col("ASSIGNEE", 16, Some(1), &|t, _| name(&t.assignee)),
        col("REQUESTER", 20, Some(0), &|t, _| name(&t.requester)),
        col("TITLE", usize::MAX, None, &|t, _| one_line(&t.title)),
    ];
    render_table(w, &columns, Some(6), v.width, v.color)
}

/// The table of `--fields`: the chosen fields in their order, headed by their names.
/// The first long text among them (title, description, resolution) takes what is
/// left; on a narrow terminal the fields chosen last go first.
fn write_fields_table(w: &mut dyn Write, v: &ListView, fields: &[String]) -> io::Result<()> {
    let objects: Vec<Map<String, Value>> = v.rows.iter().map(|(t, s)| ticket_json(t, *s)).collect();
    let n = fields.len();
    let columns: Vec<Column> = fields
        .iter()
        .enumerate()
        .map(|(i, f)| Column {
            header: f.to_uppercase(),
            cells: objects
                .iter()
                .map(|m| table_text(f, m.get(f.as_str()), v.tz))
                .collect(),
            cap: 40,
            drop_rank: (i > 0).then(|| u8::try_from(n - i).unwrap_or(u8::MAX)),
            colors: (f == "sla").then(|| v.rows.iter().map(|(_, s)| sla_color(*s)).collect()),
        })
        .collect();
    let flex = fields
        .iter()
        .position(|f| matches!(f.as_str(), "title" | "description" | "resolution"));
    let mut columns = columns;
    if let Some(f) = flex {
        columns[f].cap = usize::MAX;
        columns[f].drop_rank = None;
    }
    render_table(w, &columns, flex, v.width, v.color)
}

/// A JSON value as a person reads it in a table cell: null as `-`, times in the
/// desk's zone, lists comma-separated, control characters escaped.
fn table_text(field: &str, value: Option<&Value>, tz: &Zone) -> String {
    match value {
        None | Some(Value::Null) => "-".into(),
        Some(Value::String(s)) if field.ends_with("_at") || field.ends_with("_due") => {
            DateTime::parse_from_rfc3339(s)
                .map(|t| local_short(t.with_timezone(&Utc), tz))
                .unwrap_or_else(|_| one_line(s))
        }
        Some(Value::String(s)) => one_line(s),
        Some(Value::Array(a)) => one_line(
            &a.iter()
                .map(|x| x.as_str().map_or_else(|| x.to_string(), str::to_string))
                .collect::<Vec<_>>()
                .join(", "),
        ),
        Some(other) => other.to_string(),
    }
}

/// A column of the list's table: its header, its cells, the most columns it may take,
/// and whether it may be dropped on a narrow terminal (lower ranks go first).
struct Column {
    header: String,
    cells: Vec<String>,
    cap: usize,
    drop_rank: Option<u8>,
    /// The cells' colours (the DUE column's SLA colour).
    colors: Option<Vec<Option<comfy_table::Color>>>,
}

/// The column that takes what the terminal has left: the title, cut with `…`.
const FLEX_MIN: usize = 24;
const GAP: usize = 2;

/// Which columns fit in `width` and how wide each is. The flexible column (`flex`)
/// gets what is left once the others have their natural width, and never less than
/// `min(FLEX_MIN, width / 3)` while some column can still be dropped: the least
/// important columns go first, so that no row is ever wider than the terminal.
fn fit(columns: &[Column], flex: Option<usize>, width: usize) -> (Vec<usize>, Vec<usize>) {
    let natural: Vec<usize> = columns
        .iter()
        .map(|c| {
            c.cells
                .iter()
                .map(|s| text_width(s))
                .chain([text_width(&c.header)])
                .max()
                .unwrap_or(0)
                .min(c.cap)
        })
        .collect();
    let mut shown: Vec<usize> = (0..columns.len()).collect();
    let min_flex = FLEX_MIN.min(width / 3).max(1);
    loop {
        let others: usize = shown
            .iter()
            .filter(|&&c| Some(c) != flex)
            .map(|&c| natural[c] + GAP)
            .sum();
        let left = width.saturating_sub(others);
        let fits = match flex {
            Some(f) => left >= min_flex.min(natural[f]),
            // Without a flexible column the last one shown loses its trailing gap.
            None => others <= width + GAP,
        };
        let victim = shown
            .iter()
            .enumerate()
            .filter_map(|(i, &c)| columns[c].drop_rank.map(|r| (r, i)))
            .min();
        match victim {
            Some((_, i)) if !fits => {
                shown.remove(i);
            }
            _ => {
                let widths = shown
                    .iter()
                    .map(|&c| {
                        if Some(c) == flex {
                            left.max(1).min(natural[c].max(1))
                        } else {
                            natural[c]
                        }
                    })
                    .collect();
                return (shown, widths);
            }
        }
    }
}

/// Writes the columns that fit as a table: no borders, two spaces between columns,
/// every cell cut to its column (display columns, any script), no trailing spaces.
fn render_table(
    w: &mut dyn Write,
    columns: &[Column],
    flex: Option<usize>,
    width: usize,
    color: bool,
) -> io::Result<()> {
    use comfy_table::{Attribute, Cell, CellAlignment, ContentArrangement, Table, presets};
    let (shown, widths) = fit(columns, flex, width);
    let mut table = Table::new();
    table
        .load_style(presets::NOTHING)
        .set_content_arrangement(ContentArrangement::Disabled);
    if color {
        table.enforce_styling();
    } else {
        table.force_no_tty();
    }
    table.set_header(shown.iter().zip(&widths).map(|(&c, &cw)| {
        let cell = Cell::new(truncate(&columns[c].header, cw));
        if color {
            cell.add_attribute(Attribute::Bold)
        } else {
            cell
        }
    }));
    let rows = columns.first().map_or(0, |c| c.cells.len());
    for r in 0..rows {
        table.add_row(shown.iter().zip(&widths).map(|(&c, &cw)| {
            let cell = Cell::new(truncate(&columns[c].cells[r], cw));
            match &columns[c].colors {
                Some(colors) if color => match colors[r] {
                    Some(c) => cell.fg(c),
                    None => cell,
                },
                _ => cell,
            }
        }));
    }
    for i in 0..shown.len() {
        if let Some(col) = table.column_mut(i) {
            // No gap after the last column: with colour on, its padding would sit
            // inside the header's bold and survive the trim, one gap past the width.
            let gap = if i + 1 == shown.len() { 0 } else { GAP as u16 };
            col.set_padding((0, gap));
            col.set_cell_alignment(CellAlignment::Left);
        }
    }
    for line in table.lines() {
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

    fn column(header: &str, cells: &[&str], cap: usize, drop_rank: Option<u8>) -> Column {
        Column {
            header: header.into(),
            cells: cells.iter().map(|c| c.to_string()).collect(),
            cap,
            drop_rank,
            colors: None,
        }
    }

    fn queue() -> Vec<Column> {
        vec![
            column("ID", &["#12"], usize::MAX, None),
            column("STATUS", &["waiting"], usize::MAX, Some(2)),
            column("ASSIGNEE", &["bartłomiej"], 16, Some(1)),
            column("REQUESTER", &["Żaneta Łukasiewicz-Kowalska"], 20, Some(0)),
            column(
                "TITLE",
                &["打印机卡纸，请尽快处理这个问题"],
                usize::MAX,
                None,
            ),
        ]
    }

    #[test]
    fn the_title_takes_what_is_left_and_capped_columns_stop_at_their_cap() {
        let (shown, widths) = fit(&queue(), Some(4), 100);
        assert_eq!(shown, [0, 1, 2, 3, 4]);
        // The requester is cut to 20; the title needs only its 30 columns.
        assert_eq!(widths, [3, 7, 10, 20, 30]);
    }

    #[test]
    fn columns_go_least_important_first_until_the_title_has_room() {
        // 3+7+10+20 and four gaps leave 10 of 58: the requester goes.
        let (shown, widths) = fit(&queue(), Some(4), 58);
        assert_eq!(shown, [0, 1, 2, 4]);
        assert_eq!(widths, [3, 7, 10, 30]);
        let (shown, widths) = fit(&queue(), Some(4), 40);
        assert_eq!(shown, [0, 1, 2, 4]);
        assert_eq!(widths, [3, 7, 10, 14]);
        let (shown, widths) = fit(&queue(), Some(4), 24);
        assert_eq!(shown, [0, 1, 4]);
        assert_eq!(widths, [3, 7, 10]);
        let (shown, widths) = fit(&queue(), Some(4), 16);
        assert_eq!(shown, [0, 4]);
        assert_eq!(widths, [3, 11]);
        // Every row fits: the widths and the gaps between them.
        for width in 10..120 {
            let (_, widths) = fit(&queue(), Some(4), width);
            let total: usize = widths.iter().sum::<usize>() + GAP * (widths.len() - 1);
            assert!(total <= width, "{width}: {widths:?}");
        }
    }

    #[test]
    fn a_tsv_field_reads_back_unambiguously() {
        assert_eq!(tsv_field("C:\\temp\\new"), "C:\\\\temp\\\\new");
        assert_eq!(tsv_field("a\tb\nc\rd"), "a\\tb\\nc\\rd");
        assert_eq!(tsv_field("\u{1b}[2J"), "\\u{1b}[2J");
        assert!(matches!(tsv_field("Sähköposti"), Cow::Borrowed(_)));
    }

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
