//! `desk show`: one ticket with its history, comments, time log, links, attachments and
//! the mail it sent and received.

use super::one_id;
use crate::cli::{ShowArgs, ShowFormat};
use crate::context::Context;
use crate::domain::outbox::{Attachment, MailRecord};
use crate::domain::time::local_short;
use crate::domain::zone::Zone;
use crate::output::document::{show_view, ticket_document};
use crate::output::tickets::write_show_text;
use anyhow::Result;
use std::io::Write;

pub fn run(ctx: &mut Context, a: ShowArgs) -> Result<()> {
    let id = one_id(&a.id)?;
    let (settings, full) = {
        let mut rd = ctx.store.read()?;
        let settings = rd.settings()?.in_force();
        (settings, rd.ticket_in_full(id)?)
    };
    match a.format {
        ShowFormat::Json => {
            let v = ticket_document(&full, &settings, &ctx.tz, ctx.now);
            let w = ctx.out.data();
            serde_json::to_writer_pretty(&mut *w, &v)?;
            writeln!(w)?;
        }
        ShowFormat::Text => {
            let tz = ctx.tz;
            let view = show_view(&full, &settings, &tz, ctx.now, ctx.out.color);
            let w = ctx.out.data();
            write_show_text(w, &view)?;
            write_attachments_and_mail(w, &full.attachments, &full.mail, &tz)?;
        }
    }
    Ok(())
}

/// The attachments and mail sections of the text view (nothing when there are none).
fn write_attachments_and_mail(
    w: &mut dyn Write,
    attachments: &[(Attachment, Option<Vec<u8>>)],
    mail: &[MailRecord],
    tz: &Zone,
) -> std::io::Result<()> {
    use crate::domain::text::one_line;
    if !attachments.is_empty() {
        writeln!(w, "\nAttachments:")?;
        for (a, _) in attachments {
            let kept = if a.stored {
                ""
            } else {
                "  (not kept: too large)"
            };
            writeln!(
                w,
                "  {:>4}  {}  {}  {}{kept}",
                a.id,
                one_line(&a.name),
                human_size(a.size),
                local_short(a.at, tz),
            )?;
        }
    }
    if !mail.is_empty() {
        writeln!(w, "\nMail:")?;
        for r in mail {
            let way = match (r.direction.as_str(), r.to.as_deref()) {
                ("out", Some(to)) => format!("to {}", one_line(to)),
                ("out", None) => "out".to_string(),
                _ => "in".to_string(),
            };
            let state = r
                .state
                .as_deref()
                .map(|s| format!(" [{s}]"))
                .unwrap_or_default();
            writeln!(
                w,
                "  {}  {way}  {}{state}",
                local_short(r.at, tz),
                one_line(r.subject.as_deref().unwrap_or("")),
            )?;
        }
    }
    Ok(())
}

/// `2.4 MiB`, `512 B`.
pub fn human_size(bytes: i64) -> String {
    const UNITS: [&str; 4] = ["KiB", "MiB", "GiB", "TiB"];
    if bytes < 1024 {
        return format!("{bytes} B");
    }
    let mut v = bytes as f64 / 1024.0;
    let mut unit = 0;
    while v >= 1024.0 && unit < UNITS.len() - 1 {
        v /= 1024.0;
        unit += 1;
    }
    format!("{v:.1} {}", UNITS[unit])
}
