//! `desk assign`: give tickets to someone (yourself by default), or back to the queue.

use super::{for_each_id, read_ids};
use crate::cli::AssignArgs;
use crate::context::Context;
use crate::domain::ticket::{Move, action};
use anyhow::Result;

pub fn run(ctx: &mut Context, a: AssignArgs) -> Result<()> {
    let ids = read_ids(&a.ids)?;
    let to = match a.to.as_deref().map(str::trim) {
        None | Some("") => Some(ctx.user.clone()),
        Some("-") => None,
        Some(u) => Some(u.to_string()),
    };
    let at = a.at.at.clone();
    let done = for_each_id(ctx, &ids, a.dry_run.dry_run, |tx, id| {
        let mut t = tx.ticket(id)?;
        let when = tx.when(at.as_deref(), &t, true)?;
        let (mv, act, detail) = match &to {
            Some(u) => (Move::Assign, action::ASSIGN, format!("to {u}")),
            None => (
                Move::Unassign,
                action::UNASSIGN,
                format!("from {}", t.assignee.as_deref().unwrap_or("nobody")),
            ),
        };
        t.assignee = to.clone();
        let status = tx.apply_move(&mut t, mv)?;
        tx.event(&t, when, act, Some(detail), Some(status))?;
        tx.save(&mut t)?;
        Ok(format!("#{id} {status}"))
    })?;
    let Some(done) = done else { return Ok(()) };
    let whom = to.as_deref().unwrap_or("nobody (back to the queue)");
    ctx.out
        .info(&format!("Assigned to {whom}: {}", done.join(", ")));
    Ok(())
}
