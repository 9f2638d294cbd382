//! `desk link`: relate two tickets (related, duplicate, parent). The link is recorded
//! in both tickets' histories.

use super::{one_id, write};
use crate::cli::{LinkArgs, LinkKind as LinkArg};
use crate::context::Context;
use crate::domain::ticket::{LinkKind, action};
use crate::error::DeskError;
use anyhow::Result;

pub fn run(ctx: &mut Context, a: LinkArgs) -> Result<()> {
    let id = one_id(&a.id)?;
    let other = one_id(&a.other)?;
    if id == other {
        return Err(DeskError::usage("a ticket cannot be linked to itself").into());
    }
    let kind = match a.kind {
        LinkArg::Related => LinkKind::Related,
        LinkArg::Duplicate => LinkKind::Duplicate,
        LinkArg::Parent => LinkKind::Parent,
    };
    let at = a.at.at.clone();
    write(ctx, |tx| {
        let mut t = tx.load(id)?;
        let mut o = tx.load(other)?;
        let when = tx.when(at.as_deref(), &t, false)?;
        let when_other = when.max(o.ticket.created_at);
        tx.store().insert_link(id, other, kind)?;
        let (mine, theirs) = match kind {
            LinkKind::Duplicate => (
                format!("duplicate of #{other}"),
                format!("#{id} is a duplicate of this"),
            ),
            LinkKind::Parent => (format!("parent: #{other}"), format!("child: #{id}")),
            _ => (format!("related to #{other}"), format!("related to #{id}")),
        };
        tx.event(&mut t, when, action::LINK, Some(mine), None);
        tx.event(&mut o, when_other, action::LINK, Some(theirs), None);
        tx.save(t)?;
        tx.save(o)
    })?;
    ctx.out.info(&format!("Linked #{id} → #{other} ({kind})"));
    Ok(())
}
