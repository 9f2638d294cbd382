//! `desk show`: one ticket with its history, comments, time log and links.

use super::one_id;
use crate::cli::{ShowArgs, ShowFormat};
use crate::context::Context;
use crate::domain::settings::Settings;
use crate::domain::ticket_sla::evaluate_sla;
use crate::output::tickets::{ShowView, show_json, write_show_text};
use anyhow::Result;

pub fn run(ctx: &mut Context, a: ShowArgs) -> Result<()> {
    let id = one_id(&a.id)?;
    let (settings, full) = {
        let mut rd = ctx.store.read()?;
        let settings = Settings::new(&rd.settings()?.overrides);
        (settings, rd.ticket_in_full(id)?)
    };
    let t = &full.ticket;
    let sla = evaluate_sla(&settings, &ctx.tz, t, &full.events, ctx.now).status;
    let view = ShowView {
        ticket: t,
        sla,
        events: &full.events,
        comments: &full.comments,
        worklog: &full.worklog,
        links: &full.links,
        now: ctx.now,
        tz: &ctx.tz,
        color: ctx.out.color,
    };
    match a.format {
        ShowFormat::Json => {
            let v = show_json(&view);
            let w = ctx.out.data();
            serde_json::to_writer_pretty(&mut *w, &v)?;
            writeln!(w)?;
        }
        ShowFormat::Text => write_show_text(ctx.out.data(), &view)?,
    }
    Ok(())
}
