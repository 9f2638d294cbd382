//! `desk sla`: a ticket's SLA explained stretch by stretch, from its history.

use super::one_id;
use crate::cli::{ShowFormat, SlaArgs};
use crate::context::Context;
use crate::domain::sla::explain;
use crate::domain::ticket_sla::{evaluate_sla, sla_events};
use crate::output::sla::{SlaView, marks, sla_json, write_sla_text};
use anyhow::Result;

pub fn run(ctx: &mut Context, a: SlaArgs) -> Result<()> {
    let id = one_id(&a.id)?;
    let (settings, (t, events)) = {
        let mut rd = ctx.store.read()?;
        let settings = rd.settings()?.in_force();
        (settings, rd.ticket_with_history(id)?)
    };
    let state = evaluate_sla(&settings, &ctx.tz, &t, &events, ctx.now);
    let terms = settings.terms(t.org.as_deref());
    let cal = terms.calendar(t.priority);
    let targets = terms.targets(t.priority);
    let rows = explain(cal, &ctx.tz, t.created_at, &sla_events(&events), ctx.now);
    let mut calendar = cal.to_string();
    if !cal.holidays().is_empty() {
        calendar.push_str(" (less holidays)");
    }
    let marks = marks(&events);
    let view = SlaView {
        ticket: &t,
        state: &state,
        targets,
        calendar,
        terms: terms.describe(t.priority),
        rows: &rows,
        marks: &marks,
        tz: &ctx.tz,
        now: ctx.now,
        color: ctx.out.color,
    };
    let w = ctx.out.data();
    match a.format {
        ShowFormat::Json => {
            serde_json::to_writer_pretty(&mut *w, &sla_json(&view))?;
            writeln!(w)?;
        }
        ShowFormat::Text => write_sla_text(w, &view)?,
    }
    Ok(())
}
