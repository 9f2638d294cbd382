//! `desk sla`: the explanation of a ticket's clocks, stretch by stretch.

use super::paint;
use super::report::human_minutes;
use crate::domain::sla::{ExplainKind, ExplainRow, SlaState, Targets};
use crate::domain::ticket::{Status, Ticket};
use crate::domain::time::rfc3339;
use chrono::{DateTime, Local, Utc};
use serde_json::{Value, json};
use std::io::{self, Write};

pub struct SlaView<'a> {
    pub ticket: &'a Ticket,
    pub state: &'a SlaState,
    pub targets: Targets,
    pub calendar: String,
    pub rows: &'a [ExplainRow],
    pub tz: &'a Local,
    pub color: bool,
}

fn hm(secs: i64) -> String {
    human_minutes(secs as f64 / 60.0)
}

fn local(t: DateTime<Utc>, tz: &Local) -> String {
    t.with_timezone(tz).format("%a %Y-%m-%d %H:%M").to_string()
}

pub fn sla_json(v: &SlaView) -> Value {
    let t = |x: Option<DateTime<Utc>>| x.map(rfc3339);
    json!({
        "id": v.ticket.id,
        "priority": v.ticket.priority.as_str(),
        "hours": v.calendar,
        "sla": v.state.status.as_str(),
        "response": {
            "target_minutes": v.targets.response / 60,
            "elapsed_minutes": v.state.response_elapsed as f64 / 60.0,
            "first_response_at": t(v.state.first_response_at),
            "due": t(v.state.response_due),
            "breached": v.state.response_breached,
        },
        "resolution": {
            "target_minutes": v.targets.resolve / 60,
            "elapsed_minutes": v.state.resolve_elapsed as f64 / 60.0,
            "due": t(v.state.resolve_due),
            "breached": v.state.resolve_breached,
        },
        "stretches": v.rows.iter().map(|r| json!({
            "from": rfc3339(r.from),
            "to": rfc3339(r.to),
            "kind": r.kind.as_str(),
            "note": r.note,
            "response_minutes": r.response_total as f64 / 60.0,
            "resolution_minutes": r.resolve_total as f64 / 60.0,
        })).collect::<Vec<_>>(),
    })
}

pub fn write_sla_text(w: &mut dyn Write, v: &SlaView) -> io::Result<()> {
    let s = v.state;
    let tz = v.tz;
    writeln!(
        w,
        "#{} {} · service hours {} · SLA {}",
        v.ticket.id,
        v.ticket.priority,
        v.calendar,
        paint(v.color, "1", s.status.as_str())
    )?;
    let resp_state = match (s.first_response_at, s.response_due) {
        (Some(at), _) => format!("responded {}", local(at, tz)),
        (None, Some(due)) => format!("due {}", local(due, tz)),
        (None, None) => "stopped".to_string(),
    };
    writeln!(
        w,
        "  response:   {} of {}{} · {}",
        hm(s.response_elapsed),
        hm(v.targets.response),
        if s.response_breached {
            " · BREACHED"
        } else {
            ""
        },
        resp_state
    )?;
    // Why the clock stands still, when it does.
    let res_state = match (s.resolve_due, v.ticket.status, v.ticket.resolved_at) {
        (Some(due), _, _) => format!("due {}", local(due, tz)),
        (None, Status::Resolved | Status::Closed, Some(at)) => {
            format!("resolved {} · clock stopped", local(at, tz))
        }
        (None, Status::Waiting, _) => "waiting · clock paused".to_string(),
        (None, Status::Cancelled, _) => "cancelled · clock stopped".to_string(),
        (None, _, _) => "clock standing still".to_string(),
    };
    writeln!(
        w,
        "  resolution: {} of {}{} · {}",
        hm(s.resolve_elapsed),
        hm(v.targets.resolve),
        if s.resolve_breached {
            " · BREACHED"
        } else {
            ""
        },
        res_state
    )?;
    writeln!(w)?;
    writeln!(
        w,
        "  {:<21} {:<21} {:<9} {:>10} {:>11}  note",
        "from", "to", "counts", "response", "resolution"
    )?;
    for r in v.rows {
        let kind = match r.kind {
            ExplainKind::Counted => "counted",
            ExplainKind::Outside => "outside",
            ExplainKind::Holiday => "holiday",
            ExplainKind::Paused => "paused",
        };
        let line = format!(
            "  {:<21} {:<21} {:<9} {:>10} {:>11}  {}",
            local(r.from, tz),
            local(r.to, tz),
            kind,
            hm(r.response_total),
            hm(r.resolve_total),
            r.note.as_deref().unwrap_or("")
        );
        writeln!(w, "{}", line.trim_end())?;
    }
    if v.rows.is_empty() {
        writeln!(w, "  (no time has run on the clocks)")?;
    }
    Ok(())
}
