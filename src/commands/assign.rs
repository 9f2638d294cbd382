//! `desk assign`: give tickets to someone (yourself by default), or back to the queue.

use super::read_ids;
use super::tx::write_batch;
use crate::cli::AssignArgs;
use crate::context::Context;
use crate::domain::moves::Change;
use crate::domain::ticket::action;
use anyhow::Result;

pub fn run(ctx: &mut Context, a: AssignArgs) -> Result<()> {
    let ids = read_ids(&a.ids)?;
    let to = match a.to.as_deref().map(str::trim) {
        None | Some("") => Some(ctx.user.clone()),
        Some("-") => None,
        Some(u) => Some(u.to_string()),
    };
    let at = a.at.at.clone();
    let done = write_batch(ctx, a.dry_run.dry_run, |tx| {
        let mut done = Vec::new();
        tx.each_ticket(&ids, at.as_deref(), true, |tx, w, when| {
            let (act, detail) = match &to {
                Some(u) => (action::ASSIGN, format!("to {u}")),
                None => (
                    action::UNASSIGN,
                    format!("from {}", w.ticket.assignee.as_deref().unwrap_or("nobody")),
                ),
            };
            let status = tx.perform(w, Change::Assign { to: to.clone() })?;
            tx.event(w, when, act, Some(detail), Some(status));
            done.push(format!("#{} {status}", w.ticket.id));
            Ok(())
        })?;
        Ok(done)
    })?;
    let Some(done) = done else { return Ok(()) };
    let whom = to.as_deref().unwrap_or("nobody (back to the queue)");
    ctx.out
        .info(&format!("Assigned to {whom}: {}", done.join(", ")));
    Ok(())
}
