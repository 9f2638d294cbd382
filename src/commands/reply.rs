//! `desk reply`: the desk answers the requester. A public comment (so a first response)
//! and a mail to the ticket's email, threaded to the requester's own mail, with any
//! `--attach` files, which are kept on the ticket as well. A person's answer is always
//! mailed (no loop guard), unless `--no-notify`.

use super::attach::{keep_files, load_files};
use super::{edit_text, one_id, text_arg, write};
use crate::cli::ReplyArgs;
use crate::context::Context;
use crate::domain::text::truncate;
use crate::domain::ticket::{Event, action};
use crate::error::DeskError;
use crate::notify::outbox::{NotQueued, fields, queue_mail, template_text};
use crate::notify::template::fill;
use anyhow::Result;

pub fn run(ctx: &mut Context, a: ReplyArgs) -> Result<()> {
    let id = one_id(&a.id)?;
    let text = if a.edit {
        edit_text("", ".txt")?
    } else {
        text_arg(a.text.as_deref().unwrap_or(""))?
    };
    if text.trim().is_empty() {
        return Err(DeskError::usage("the answer is empty").into());
    }
    let settings = super::attach::settings_now(ctx)?;
    let max_text = settings
        .get("attachments.max_size")
        .unwrap_or("25MiB")
        .to_string();
    let files = load_files(&a.attach, settings.max_attachment(), &max_text)?;
    let mail = ctx.telling.notices;
    let at = a.at.at.clone();
    let outcome = write(ctx, |tx| {
        let (mut w, when) = super::comment::file_comment(tx, id, at.as_deref(), &text, false)?;
        let now = tx.now;
        let first_line = text.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
        tx.event(
            &mut w,
            when,
            action::COMMENT,
            Some(truncate(&format!("reply: {first_line}"), 80)),
            None,
        );
        keep_files(tx, id, &files)?;
        tx.save(w)?;
        if !mail {
            return Ok(None);
        }
        let t = tx.store().ticket(id)?;
        let event = Event {
            at: when,
            recorded_at: now,
            actor: tx.user.to_string(),
            action: action::COMMENT.into(),
            detail: None,
            status: None,
            recorded_by: None,
        };
        let settings = tx.settings.clone();
        let footer = fill(
            &template_text(&settings, "reply"),
            &fields(&settings, &t, &event),
        );
        let body = format!("{}\n\n{footer}", text.trim_end());
        let outgoing: Vec<_> = files.iter().map(|f| f.outgoing()).collect();
        Ok(Some(queue_mail(
            tx.store(),
            &settings,
            now,
            &t,
            &body,
            false,
            &outgoing,
        )?))
    })?;
    match outcome {
        Some(Ok(_)) => ctx.out.info(&format!("Replied on #{id}")),
        None => ctx
            .out
            .info(&format!("Replied on #{id} (not mailed: --no-notify)")),
        Some(Err(why)) => {
            let reason = match why {
                NotQueued::MailOff => "mail.from is unset".to_string(),
                NotQueued::NoAddress => format!("ticket #{id} has no email"),
                NotQueued::BadAddress(e) => e,
            };
            ctx.out.warn(&format!(
                "the answer is recorded on #{id} as a public comment, but no mail was sent: {reason}"
            ));
        }
    }
    Ok(())
}
