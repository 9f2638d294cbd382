//! Tickets for people and programs: the JSON shape of the spec, list tables fitted to
//! the terminal, TSV/CSV, the human due column, and the `show` page. This file holds
//! a ticket's JSON fields, its due column and the CSV record; [`list`] the queue's
//! formats, [`show`] the `show` page.

mod list;
mod show;

pub use list::{
    ListView, tsv_field, write_list, write_tsv_fields_row, write_tsv_header, write_tsv_row,
};
pub use show::{ShowView, event_data, show_json, write_show_text};

use crate::domain::duration::format_minutes;
use crate::domain::sla::SlaStatus;
use crate::domain::ticket::{Status, TICKET_FIELDS, Ticket, TicketField};
use crate::domain::time::rfc3339;
use crate::domain::zone::Zone;
use chrono::{DateTime, Utc};
use serde_json::{Map, Value, json};
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
    TicketField::ALL
        .iter()
        .map(|&f| (f.as_str().to_string(), field_json(t, sla, f)))
        .collect()
}

/// One field of the spec's ticket object.
fn field_json(t: &Ticket, sla: SlaStatus, f: TicketField) -> Value {
    use TicketField as F;
    match f {
        F::Id => json!(t.id),
        F::Kind => json!(t.kind.as_str()),
        F::Title => json!(t.title),
        F::Description => s_opt(&t.description),
        F::Status => json!(t.status.as_str()),
        F::Priority => json!(t.priority.as_str()),
        F::Impact => s_opt(&t.impact),
        F::Urgency => s_opt(&t.urgency),
        F::Tier => json!(t.tier),
        F::Assignee => s_opt(&t.assignee),
        F::Requester => s_opt(&t.requester),
        F::Email => s_opt(&t.email),
        F::Phone => s_opt(&t.phone),
        F::Org => s_opt(&t.org),
        F::Location => s_opt(&t.location),
        F::Category => s_opt(&t.category),
        F::Ci => s_opt(&t.ci),
        F::Channel => s_opt(&t.channel),
        F::Tags => json!(t.tags),
        F::CreatedAt => json!(rfc3339(t.created_at)),
        F::UpdatedAt => json!(rfc3339(t.updated_at)),
        F::FirstResponseAt => t_opt(t.first_response_at),
        F::ResolvedAt => t_opt(t.resolved_at),
        F::ClosedAt => t_opt(t.closed_at),
        F::ResponseDue => t_opt(t.response_due),
        F::ResolveDue => t_opt(t.resolve_due),
        F::Sla => json!(sla.as_str()),
        F::Resolution => s_opt(&t.resolution),
        F::KbArticle => t.kb_article.map_or(Value::Null, |k| json!(k)),
        F::TimeSpent => json!(t.time_spent),
        F::DedupKey => s_opt(&t.dedup_key),
        F::Occurrences => json!(t.occurrences),
        F::Escalations => json!(t.escalations),
        F::Reopens => json!(t.reopens),
    }
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

/// The CSV columns: every scalar field of the JSON shape (tags comma-separated).
pub const CSV_COLUMNS: &[&str] = &TICKET_FIELDS;

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
