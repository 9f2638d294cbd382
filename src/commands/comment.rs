//! `desk comment`: a note on a ticket. A public comment is the desk talking to the
//! customer, so it counts as the first response; an internal one does not.

use super::{one_id, text_arg, write};
use crate::cli::CommentArgs;
use crate::context::Context;
use crate::domain::text::truncate;
use crate::domain::ticket::{Comment, action};
use crate::error::DeskError;
use crate::store::tickets as st;
use anyhow::Result;

pub fn run(ctx: &mut Context, a: CommentArgs) -> Result<()> {
    let id = one_id(&a.id)?;
    let text = text_arg(&a.text)?;
    if text.trim().is_empty() {
        return Err(DeskError::usage("the comment is empty").into());
    }
    let at = a.at.at.clone();
    let internal = a.internal;
    write(ctx, |tx| {
        let mut t = tx.ticket(id)?;
        let when = tx.when(at.as_deref(), &t, false)?;
        let c = Comment {
            at: when,
            actor: tx.user.to_string(),
            text: text.clone(),
            internal,
        };
        st::insert_comment(tx.conn, id, &c, tx.now, false)?;
        let first_line = text.lines().next().unwrap_or("");
        let act = if internal {
            action::NOTE
        } else {
            action::COMMENT
        };
        tx.event(&t, when, act, Some(truncate(first_line, 80)), None)?;
        tx.save(&mut t)
    })?;
    ctx.out.info(&format!("Commented on #{id}"));
    Ok(())
}
