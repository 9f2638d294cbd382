//! `desk comment`: a note on a ticket. A public comment is the desk talking to the
//! customer, so it counts as the first response; an internal one does not.

use super::tx::{Tx, Working};
use super::{one_id, text_arg, write};
use crate::cli::CommentArgs;
use crate::context::Context;
use crate::domain::text::truncate;
use crate::domain::ticket::{Comment, action};
use crate::error::DeskError;
use crate::store::NewComment;
use anyhow::Result;
use chrono::{DateTime, Utc};

pub fn run(ctx: &mut Context, a: CommentArgs) -> Result<()> {
    let id = one_id(&a.id)?;
    let text = text_arg(&a.text)?;
    if text.trim().is_empty() {
        return Err(DeskError::usage("the comment is empty").into());
    }
    let at = a.at.at.clone();
    let internal = a.internal;
    write(ctx, |tx| {
        let (mut w, when) = file_comment(tx, id, at.as_deref(), &text, internal)?;
        let first_line = text.lines().next().unwrap_or("");
        let act = if internal {
            action::NOTE
        } else {
            action::COMMENT
        };
        tx.event(&mut w, when, act, Some(truncate(first_line, 80)), None);
        tx.save(w)
    })?;
    ctx.out.info(&format!("Commented on #{id}"));
    Ok(())
}

/// Loads ticket `id` and files `text` on it as the user's comment (internal or not),
/// dated `at` or now: the ticket and the comment's time, for the event that says so.
pub(super) fn file_comment(
    tx: &mut Tx,
    id: i64,
    at: Option<&str>,
    text: &str,
    internal: bool,
) -> Result<(Working, DateTime<Utc>)> {
    let w = tx.load(id)?;
    let when = tx.when(at, &w, false)?;
    let c = Comment {
        at: when,
        actor: tx.user.to_string(),
        text: text.to_string(),
        internal,
    };
    let new = NewComment {
        ticket: id,
        comment: &c,
        recorded_at: tx.now,
        from_mail: false,
    };
    tx.store().insert_comment(&new)?;
    Ok((w, when))
}
