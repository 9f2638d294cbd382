//! `desk sla`: a ticket's SLA explained stretch by stretch, from its history.

use super::{evaluate_sla, one_id, sla_events};
use crate::cli::{ShowFormat, SlaArgs};
use crate::context::Context;
use crate::domain::sla::explain;
use crate::output::sla::{SlaView, marks, sla_json, write_sla_text};
use crate::store::tickets as st;
use anyhow::Result;

pub fn run(ctx: &mut Context, a: SlaArgs) -> Result<()> {
    let id = one_id(&a.id)?;
    let settings = ctx.settings()?.clone();
    let t = st::get_ticket(ctx.store.conn(), id)?;
    let events = st::events(ctx.store.conn(), id)?;
    let state = evaluate_sla(&settings, &ctx.tz, &t, &events, ctx.now);
    let cal = settings.calendar(t.priority);
    let targets = settings.targets(t.priority);
    let rows = explain(
        cal,
        &ctx.tz,
        targets,
        t.created_at,
        &sla_events(&events),
        ctx.now,
    );
    let mut calendar = cal.to_string();
    if !settings.get("holidays").unwrap_or("").is_empty() {
        calendar.push_str(" (less holidays)");
    }
    let marks = marks(&events);
    let view = SlaView {
        ticket: &t,
        state: &state,
        targets,
        calendar,
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
