//! `desk escalate`: hand tickets to the next tier, or to a named tier and person.

use super::{clean, for_each_id, read_ids};
use crate::cli::EscalateArgs;
use crate::context::Context;
use crate::domain::ticket::{Move, action};
use crate::error::DeskError;
use anyhow::Result;

pub fn run(ctx: &mut Context, a: EscalateArgs) -> Result<()> {
    let ids = read_ids(&a.ids)?;
    let to = clean(a.to.clone());
    let reason = clean(a.reason.clone());
    let at = a.at.at.clone();
    let done = for_each_id(ctx, &ids, a.dry_run.dry_run, |tx, id| {
        let mut t = tx.ticket(id)?;
        let when = tx.when(at.as_deref(), &t, true)?;
        let mv = Move::Escalate {
            to_someone: to.is_some(),
        };
        if !t.status.is_active() {
            return Err(super::not_allowed(&t, mv));
        }
        let tier = match a.tier {
            Some(n) if n <= t.tier => {
                return Err(DeskError::usage(format!(
                    "ticket #{id} is already at tier {}: --tier must be higher",
                    t.tier
                ))
                .into());
            }
            Some(n) => n,
            None if t.tier >= 3 => {
                return Err(DeskError::not_allowed(format!(
                    "ticket #{id} is already at tier 3, the highest"
                ))
                .into());
            }
            None => t.tier + 1,
        };
        t.tier = tier;
        t.max_tier = t.max_tier.max(tier);
        t.escalations += 1;
        t.assignee = to.clone();
        let status = tx.apply_move(&mut t, mv)?;
        let mut detail = format!("to tier {tier}");
        if let Some(u) = &to {
            detail.push_str(&format!(", {u}"));
        }
        if let Some(r) = &reason {
            detail.push_str(&format!(": {r}"));
        }
        tx.event(&t, when, action::ESCALATE, Some(detail), Some(status))?;
        tx.save(&mut t)?;
        Ok(format!("#{id} → tier {tier}"))
    })?;
    let Some(done) = done else { return Ok(()) };
    ctx.out.info(&format!("Escalated {}", done.join(", ")));
    Ok(())
}
