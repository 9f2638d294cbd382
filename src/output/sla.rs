//! `desk sla`: the explanation of a ticket's clocks, stretch by stretch.

use super::paint;
use super::report::human_minutes;
use super::tickets::event_data;
use crate::domain::sla::{ExplainKind, ExplainRow, SlaState, Targets};
use crate::domain::text::one_line;
use crate::domain::ticket::{Event, Status, Ticket, action};
use crate::domain::time::rfc3339;
use crate::domain::zone::Zone;
use chrono::{DateTime, Utc};
use serde_json::{Value, json};
use std::io::{self, Write};

pub struct SlaView<'a> {
    pub ticket: &'a Ticket,
    pub state: &'a SlaState,
    pub targets: Targets,
    pub calendar: String,
    /// Whose settings the terms came from: `Kaupunki Oy (hours), desk (holidays, ...)`.
    pub terms: String,
    pub rows: &'a [ExplainRow],
    /// Moments to show on the timeline besides the clocks' own: escalations and
    /// changes of assignee ([`marks`]).
    pub marks: &'a [(DateTime<Utc>, String)],
    pub tz: &'a Zone,
    pub now: DateTime<Utc>,
    pub color: bool,
}

/// The escalations and changes of assignee in a history, as timeline marks.
pub fn marks(events: &[Event]) -> Vec<(DateTime<Utc>, String)> {
    let mut status = None;
    let mut out = Vec::new();
    for e in events {
        let data = event_data(e, status);
        status = e.status.or(status);
        let text = |k: &str| data.get(k).and_then(Value::as_str).map(one_line);
        let note = match e.action.as_str() {
            action::ESCALATE => {
                let mut n = match data.get("tier").and_then(Value::as_u64) {
                    Some(t) => format!("escalated to tier {t}"),
                    None => "escalated".to_string(),
                };
                if let Some(who) = text("assignee") {
                    n.push_str(&format!(", {who}"));
                }
                n
            }
            action::ASSIGN => match text("assignee") {
                Some(who) => format!("assigned to {who}"),
                None => "assigned".to_string(),
            },
            action::UNASSIGN => "back to the queue".to_string(),
            _ => continue,
        };
        out.push((e.at, note));
    }
    out
}

/// The moment a clock passed its target: where its running total, read off the
/// stretches, reached `target` (it runs linearly inside a counted stretch).
pub fn passed_at(
    rows: &[ExplainRow],
    total: impl Fn(&ExplainRow) -> i64,
    target: i64,
) -> Option<DateTime<Utc>> {
    let mut before = 0;
    for r in rows {
        let after = total(r);
        if after > target && before <= target {
            return Some(r.from + chrono::Duration::seconds(target - before));
        }
        before = after;
    }
    None
}

/// The stretches with the marks on them: a mark inside a stretch splits it there (each
/// running total read at that moment), a mark at its start joins its note.
fn timeline(rows: &[ExplainRow], marks: &[(DateTime<Utc>, String)]) -> Vec<ExplainRow> {
    let mut marks: Vec<&(DateTime<Utc>, String)> = marks.iter().collect();
    marks.sort_by_key(|m| m.0);
    let mut out: Vec<ExplainRow> = Vec::with_capacity(rows.len() + marks.len());
    let mut next = 0;
    let add_note = |row: &mut ExplainRow, text: &str| {
        row.note = Some(match row.note.take() {
            Some(n) => format!("{n}, {text}"),
            None => text.to_string(),
        });
    };
    let (mut resp_before, mut res_before) = (0, 0);
    for r in rows {
        // Marks before the first stretch (or between stretches) join the next one.
        let mut row = r.clone();
        while next < marks.len() && marks[next].0 <= row.from {
            add_note(&mut row, &marks[next].1);
            next += 1;
        }
        while next < marks.len() && marks[next].0 < row.to {
            let at = marks[next].0;
            let gone = (at - row.from).num_seconds();
            let at_total = |before: i64, after: i64| before + (after - before).min(gone);
            let mut head = row.clone();
            head.to = at;
            head.response_total = at_total(resp_before, row.response_total);
            head.resolve_total = at_total(res_before, row.resolve_total);
            resp_before = head.response_total;
            res_before = head.resolve_total;
            out.push(head);
            row.from = at;
            row.note = None;
            while next < marks.len() && marks[next].0 == at {
                add_note(&mut row, &marks[next].1);
                next += 1;
            }
        }
        resp_before = row.response_total;
        res_before = row.resolve_total;
        out.push(row);
    }
    // What happened at the end of the last stretch (at `now`, say) is shown too.
    if let Some(last) = out.last().cloned() {
        for (at, text) in &marks[next..] {
            if *at < last.to {
                continue;
            }
            out.push(ExplainRow {
                from: *at,
                to: *at,
                note: Some(text.clone()),
                ..last.clone()
            });
        }
    }
    out
}

/// The stretches as shown: with escalations, changes of assignee and the moments the
/// clocks passed their targets.
fn shown_rows(v: &SlaView) -> Vec<ExplainRow> {
    let mut marks = v.marks.to_vec();
    if let Some(at) = passed_at(v.rows, |r| r.response_total, v.targets.response) {
        marks.push((at, "response breached".into()));
    }
    if let Some(at) = passed_at(v.rows, |r| r.resolve_total, v.targets.resolve) {
        marks.push((at, "resolution breached".into()));
    }
    timeline(v.rows, &marks)
}

fn hm(secs: i64) -> String {
    human_minutes(secs as f64 / 60.0)
}

fn local(t: DateTime<Utc>, tz: &Zone) -> String {
    t.with_timezone(tz).format("%a %Y-%m-%d %H:%M").to_string()
}

pub fn sla_json(v: &SlaView) -> Value {
    let t = |x: Option<DateTime<Utc>>| x.map(rfc3339);
    let rows = shown_rows(v);
    json!({
        "id": v.ticket.id,
        "priority": v.ticket.priority.as_str(),
        "hours": v.calendar,
        "terms": v.terms,
        "sla": v.state.status.as_str(),
        "response": {
            "target_minutes": v.targets.response / 60,
            "elapsed_minutes": v.state.response_elapsed as f64 / 60.0,
            "first_response_at": t(v.state.first_response_at),
            "due": t(v.state.response_due),
            "breached": v.state.response_breached,
            "breached_at": t(passed_at(v.rows, |r| r.response_total, v.targets.response)),
        },
        "resolution": {
            "target_minutes": v.targets.resolve / 60,
            "elapsed_minutes": v.state.resolve_elapsed as f64 / 60.0,
            "due": t(v.state.resolve_due),
            "breached": v.state.resolve_breached,
            "breached_at": t(passed_at(v.rows, |r| r.resolve_total, v.targets.resolve)),
        },
        "stretches": rows.iter().map(|r| json!({
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
    // Whose terms: said for a ticket of an organisation (the others are the desk's).
    if v.ticket.org.is_some() {
        writeln!(w, "  terms:      {}", one_line(&v.terms))?;
    }
    let now = v.now;
    // A clock that passed its target says when; "due" is only for a moment to come.
    let breached = |at: Option<DateTime<Utc>>| {
        at.map(|at| format!(" · BREACHED {}", local(at, tz)))
            .unwrap_or_default()
    };
    let response_passed = passed_at(v.rows, |r| r.response_total, v.targets.response);
    let resolve_passed = passed_at(v.rows, |r| r.resolve_total, v.targets.resolve);
    let resp_state = match (s.first_response_at, s.response_due) {
        (Some(at), _) => format!("responded {}", local(at, tz)),
        (None, Some(due)) if due < now => "no response yet".to_string(),
        (None, Some(due)) => format!("due {}", local(due, tz)),
        (None, None) => "stopped".to_string(),
    };
    writeln!(
        w,
        "  response:   {} of {}{} · {}",
        hm(s.response_elapsed),
        hm(v.targets.response),
        breached(response_passed),
        resp_state
    )?;
    // Why the clock stands still, when it does.
    let res_state = match (s.resolve_due, v.ticket.status, v.ticket.resolved_at) {
        (Some(due), _, _) if due < now => "clock running".to_string(),
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
        breached(resolve_passed),
        res_state
    )?;
    writeln!(w)?;
    writeln!(
        w,
        "  {:<21} {:<21} {:<9} {:>10} {:>11}  note",
        "from", "to", "counts", "response", "resolution"
    )?;
    let rows = shown_rows(v);
    for r in &rows {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::sla::ExplainKind;

    fn t(h: u32, m: u32) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(&format!("2026-11-20T{h:02}:{m:02}:00Z"))
            .map(|t| t.with_timezone(&Utc))
            .unwrap_or_default()
    }

    fn row(
        from: DateTime<Utc>,
        to: DateTime<Utc>,
        kind: ExplainKind,
        resp: i64,
        res: i64,
    ) -> ExplainRow {
        ExplainRow {
            from,
            to,
            kind,
            response_total: resp * 60,
            resolve_total: res * 60,
            note: None,
        }
    }

    #[test]
    fn a_clock_passes_its_target_inside_the_stretch_where_its_total_crosses_it() {
        let rows = [
            row(t(7, 0), t(8, 0), ExplainKind::Counted, 60, 60),
            row(t(8, 0), t(9, 0), ExplainKind::Paused, 60, 60),
            row(t(9, 0), t(11, 0), ExplainKind::Counted, 60, 180),
        ];
        // 2h of resolution: 1h in the first stretch, the second hour at 10:00.
        assert_eq!(
            passed_at(&rows, |r| r.resolve_total, 120 * 60),
            Some(t(10, 0))
        );
        // Reaching the target exactly is not passing it.
        assert_eq!(passed_at(&rows, |r| r.response_total, 60 * 60), None);
        assert_eq!(
            passed_at(&rows, |r| r.response_total, 30 * 60),
            Some(t(7, 30))
        );
    }

    #[test]
    fn a_mark_inside_a_stretch_splits_it_with_the_totals_at_that_moment() {
        let rows = [
            row(t(7, 0), t(8, 0), ExplainKind::Counted, 60, 60),
            row(t(8, 0), t(10, 0), ExplainKind::Counted, 60, 180),
        ];
        let marks = [
            (t(8, 0), "escalated to tier 2".to_string()),
            (t(9, 30), "assigned to ana".to_string()),
            (t(10, 0), "assigned to bob".to_string()),
        ];
        let out = timeline(&rows, &marks);
        let shown: Vec<_> = out
            .iter()
            .map(|r| (r.from, r.to, r.resolve_total / 60, r.note.as_deref()))
            .collect();
        assert_eq!(
            shown,
            [
                (t(7, 0), t(8, 0), 60, None),
                (t(8, 0), t(9, 30), 150, Some("escalated to tier 2")),
                (t(9, 30), t(10, 0), 180, Some("assigned to ana")),
                // At the end of the last stretch (now): a row of its own.
                (t(10, 0), t(10, 0), 180, Some("assigned to bob")),
            ]
        );
    }
}
