//! `desk escalate`: hand tickets to the next tier, or to a named tier and person.

use super::tx::write_batch;
use super::{clean, read_ids};
use crate::cli::EscalateArgs;
use crate::context::Context;
use crate::domain::moves::Change;
use crate::domain::ticket::action;
use anyhow::Result;

pub fn run(ctx: &mut Context, a: EscalateArgs) -> Result<()> {
    let (batch, to) = (&a.moved.batch, clean(a.to.clone()));
    let ids = read_ids(&batch.ids)?;
    let reason = clean(a.moved.reason.clone());
    let at = batch.at.at.clone();
    let done = write_batch(ctx, batch.dry_run.dry_run, |tx| {
        let mut done = Vec::new();
        tx.each_ticket(&ids, at.as_deref(), true, |tx, w, when| {
            let change = Change::Escalate {
                tier: a.tier,
                to: to.clone(),
            };
            let status = tx.perform(w, change)?;
            let tier = w.ticket.tier;
            let mut detail = format!("to tier {tier}");
            if let Some(u) = &to {
                detail.push_str(&format!(", {u}"));
            }
            if let Some(r) = &reason {
                detail.push_str(&format!(": {r}"));
            }
            tx.event(w, when, action::ESCALATE, Some(detail), Some(status));
            done.push(format!("#{} → tier {tier}", w.ticket.id));
            Ok(())
        })?;
        Ok(done)
    })?;
    let Some(done) = done else { return Ok(()) };
    ctx.out.info(&format!("Escalated {}", done.join(", ")));
    Ok(())
}
