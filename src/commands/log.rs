//! `desk log`: time spent on a ticket, for the report's workload figures.

use super::{clean, one_id, write};
use crate::cli::LogArgs;
use crate::context::Context;
use crate::domain::duration::{Span, format_minutes};
use crate::domain::ticket::{WorkEntry, action};
use crate::error::DeskError;
use crate::store::NewWork;
use anyhow::Result;

pub fn run(ctx: &mut Context, a: LogArgs) -> Result<()> {
    let id = one_id(&a.id)?;
    let span = Span::parse(&a.duration).map_err(DeskError::usage)?;
    let minutes = (span.wall_seconds() as f64 / 60.0).round() as i64;
    if minutes <= 0 {
        return Err(DeskError::usage(format!("{:?} is less than a minute", a.duration)).into());
    }
    if minutes > 7 * 24 * 60 {
        return Err(DeskError::usage_hint(
            format!("{:?} is more than a week", a.duration),
            "log the time in several entries",
        )
        .into());
    }
    let note = clean(a.note.clone());
    let at = a.at.at.clone();
    write(ctx, |tx| {
        let mut w = tx.load(id)?;
        let when = tx.when(at.as_deref(), &w, false)?;
        let entry = WorkEntry {
            at: when,
            actor: tx.user.to_string(),
            minutes,
            note: note.clone(),
        };
        let new = NewWork {
            ticket: id,
            entry: &entry,
            recorded_at: tx.now,
        };
        tx.store().insert_work(&new)?;
        w.ticket.time_spent += minutes;
        let mut detail = format_minutes(minutes * 60);
        if let Some(n) = &note {
            detail.push_str(&format!(": {n}"));
        }
        tx.event(&mut w, when, action::LOG, Some(detail), None);
        tx.save(w)
    })?;
    ctx.out
        .info(&format!("Logged {} on #{id}", format_minutes(minutes * 60)));
    Ok(())
}
