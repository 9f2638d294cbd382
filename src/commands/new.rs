//! `desk new`: record a ticket in seconds, from the corridor, a script or a monitoring
//! hook. Prints the id alone so `id=$(desk new ...)` works.

use super::tx::{Working, checked_when};
use super::{
    channel, clean, clean_tags, edit_text, kind, level, priority, text_arg, write_and_print,
};
use crate::cli::{ChannelArg, LevelArg, NewArgs, NewFormat};
use crate::context::Context;
use crate::domain::moves::Change;
use crate::domain::ticket::{Kind, Status, Ticket, action, priority_from};
use crate::error::DeskError;
use crate::output::tickets::ticket_json;
use anyhow::Result;

pub fn run(ctx: &mut Context, mut a: NewArgs) -> Result<()> {
    if a.title.is_none() {
        if !ctx.interactive {
            return Err(DeskError::usage_hint(
                "a title is needed (no terminal to ask on)",
                "desk new \"Printer on 2F jams\" --requester Ana",
            )
            .into());
        }
        prompt(&mut a)?;
    }
    let title = clean(a.title.take()).ok_or_else(|| DeskError::usage("the title is empty"))?;
    let description = match (&a.description, a.edit) {
        (Some(d), _) => clean(Some(text_arg(d)?)),
        (None, true) => clean(Some(edit_text("", ".txt")?)),
        (None, false) => None,
    };
    let tags = clean_tags(std::mem::take(&mut a.tags))?;
    let at = match &a.at.at {
        Some(s) => checked_when(s, ctx.now, &ctx.tz)?,
        None => ctx.now,
    };
    let impact = a.impact.map(level);
    let urgency = a.urgency.map(level);
    let prio = a
        .priority
        .map(priority)
        .unwrap_or_else(|| priority_from(impact, urgency));
    let assignee = clean(a.assign.take());
    let solution = clean(a.resolve.take());
    let dedup_key = clean(a.dedup_key.take());
    let now = ctx.now;

    let ticket = Ticket {
        kind: a.kind.map(kind).unwrap_or(Kind::Incident),
        description,
        priority: prio,
        impact,
        urgency,
        requester: clean(a.requester.take()),
        email: clean(a.email.take()),
        phone: clean(a.phone.take()),
        org: clean(a.org.take()),
        location: clean(a.location.take()),
        category: clean(a.category.take()),
        ci: clean(a.ci.take()),
        channel: a.channel.map(channel),
        tags,
        updated_at: now,
        dedup_key: dedup_key.clone(),
        ..Ticket::new(title.clone(), at)
    };

    let format = a.format;
    let (id, absorbed) = write_and_print(
        ctx,
        |tx| {
            if let Some(key) = &dedup_key
                && let Some(id) = tx.store().active_by_dedup_key(key)?
            {
                let mut w = tx.load(id)?;
                w.ticket.occurrences += 1;
                let when = at.max(w.ticket.created_at);
                let detail = format!("alert {}: {title}", w.ticket.occurrences);
                tx.event(&mut w, when, action::OCCURRENCE, Some(detail), None);
                tx.save(w)?;
                return Ok((id, true));
            }
            let mut w = Working::new(ticket);
            tx.event(&mut w, at, action::CREATE, None, Some(Status::New));
            if let Some(user) = &assignee {
                let to = Some(user.clone());
                let status = tx.perform(&mut w, Change::Assign { to })?;
                let detail = format!("to {user}");
                tx.event(&mut w, at, action::ASSIGN, Some(detail), Some(status));
            }
            if let Some(sol) = &solution {
                let change = Change::Resolve {
                    solution: sol.clone(),
                    at,
                    article: None,
                };
                let status = tx.perform(&mut w, change)?;
                tx.event(&mut w, at, action::RESOLVE, Some(sol.clone()), Some(status));
            }
            let id = tx.save(w)?;
            Ok((id, false))
        },
        |tx, &(id, _), w| {
            match format {
                NewFormat::Id => writeln!(w, "{id}")?,
                NewFormat::Json => {
                    let (t, sla) = tx.ticket_with_sla(id)?;
                    serde_json::to_writer_pretty(&mut *w, &ticket_json(&t, sla))?;
                    writeln!(w)?;
                }
            }
            Ok(())
        },
        |&(id, _)| format!("ticket #{id}"),
    )?;

    // The confirmation is for a person at a terminal: a script's `new` reads nothing
    // more once the id is out.
    if !ctx.out.stderr_tty {
        return Ok(());
    }
    let t = ctx.store.read()?.ticket(id)?;
    if absorbed {
        ctx.out.info(&format!(
            "#{id} is already open for this alert: occurrence {} counted",
            t.occurrences
        ));
    } else {
        ctx.out.info(&format!(
            "Created #{id} ({}, {}): {}",
            t.priority, t.status, t.title
        ));
        if t.status.is_active() {
            super::kb::show_suggestions(ctx, &t, 3);
        }
    }
    Ok(())
}

/// Asks for the fields on a terminal (no transaction is open meanwhile).
fn prompt(a: &mut NewArgs) -> Result<()> {
    use dialoguer::{Input, Select};
    // Ctrl-C at a menu ends the process while dialoguer has the cursor hidden: show it
    // again, and leave as an interrupted command does (128 + SIGINT). Nothing is open
    // in the database while the prompts run.
    let _ = ctrlc::set_handler(|| {
        eprintln!("\x1b[?25h");
        std::process::exit(130);
    });
    let title: String = Input::new()
        .with_prompt("Title")
        .validate_with(|s: &String| {
            if s.trim().is_empty() {
                Err("a title is needed")
            } else {
                Ok(())
            }
        })
        .interact_text()?;
    a.title = Some(title);
    let opt = |label: &str, current: &Option<String>| -> Result<Option<String>> {
        if current.is_some() {
            return Ok(current.clone());
        }
        let v: String = Input::new()
            .with_prompt(label)
            .allow_empty(true)
            .interact_text()?;
        Ok(Some(v).filter(|s| !s.trim().is_empty()))
    };
    a.requester = opt("Requester", &a.requester)?;
    a.category = opt("Category", &a.category)?;
    a.ci = opt("Device or system (CI)", &a.ci)?;
    if a.channel.is_none() {
        let items = ["walk-in", "phone", "email", "chat", "portal", "monitoring"];
        let i = Select::new()
            .with_prompt("Channel")
            .items(items)
            .default(0)
            .interact()?;
        a.channel = Some(
            [
                ChannelArg::WalkIn,
                ChannelArg::Phone,
                ChannelArg::Email,
                ChannelArg::Chat,
                ChannelArg::Portal,
                ChannelArg::Monitoring,
            ][i],
        );
    }
    if a.priority.is_none() && a.impact.is_none() && a.urgency.is_none() {
        // Enter takes the first item, which keeps the spec's default (P3 when neither
        // impact nor urgency is given); the others ask for the urgency too.
        let levels = [LevelArg::Low, LevelArg::Medium, LevelArg::High];
        let i = Select::new()
            .with_prompt("Impact")
            .items([
                "skip (priority P3)",
                "one user",
                "a group",
                "the whole organisation",
            ])
            .default(0)
            .interact()?;
        if i > 0 {
            a.impact = Some(levels[i - 1]);
            let u = Select::new()
                .with_prompt("Urgency")
                .items(["work can continue", "work is hampered", "work is blocked"])
                .default(1)
                .interact()?;
            a.urgency = Some(levels[u]);
        }
    }
    if a.description.is_none() && !a.edit {
        a.description = opt("Description", &None)?;
    }
    Ok(())
}
