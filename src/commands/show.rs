//! `desk show`: one ticket with its history, comments, time log and links.

use super::{evaluate_sla, one_id};
use crate::cli::{ShowArgs, ShowFormat};
use crate::context::Context;
use crate::output::tickets::{ShowView, show_json, write_show_text};
use crate::store::tickets as st;
use anyhow::Result;

pub fn run(ctx: &mut Context, a: ShowArgs) -> Result<()> {
    let id = one_id(&a.id)?;
    let settings = ctx.settings()?.clone();
    let conn = ctx.store.conn();
    let t = st::get_ticket(conn, id)?;
    let events = st::events(conn, id)?;
    let comments = st::comments(conn, id)?;
    let worklog = st::worklog(conn, id)?;
    let links = st::links(conn, id)?;
    let sla = evaluate_sla(&settings, &ctx.tz, &t, &events, ctx.now).status;
    let view = ShowView {
        ticket: &t,
        sla,
        events: &events,
        comments: &comments,
        worklog: &worklog,
        links: &links,
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
