//! `desk new`: record a ticket in seconds, from the corridor, a script or a monitoring
//! hook. Prints the id alone so `id=$(desk new ...)` works.

use super::tx::{Working, checked_when};
use super::{
    channel, clean, clean_tags, edit_text, kind, level, priority, text_arg, write_and_print,
};
use crate::cli::{ChannelArg, KindArg, LevelArg, NewArgs, NewFormat};
use crate::context::Context;
use crate::domain::moves::Change;
use crate::domain::ticket::{Kind, Status, Ticket, action, priority_from};
use crate::error::DeskError;
use crate::output::tickets::ticket_json;
use anyhow::Result;

pub fn run(ctx: &mut Context, mut a: NewArgs) -> Result<()> {
    // With --edit the editor asks for the title.
    if a.title.is_none() && !a.edit {
        if !ctx.interactive {
            return Err(DeskError::usage_hint(
                "a title is needed (no terminal to ask on)",
                "desk new \"Printer on 2F jams\" --requester Ana",
            )
            .into());
        }
        prompt(&mut a, &ctx.user)?;
    }
    let description = match (&a.description, a.edit) {
        (Some(d), _) => clean(Some(text_arg(d)?)),
        (None, true) => {
            // The title and the description, git-commit style (the prompts asked for
            // neither).
            let text = edit_text(&template(a.title.as_deref(), None), ".txt")?;
            let (title, description) = parse_template(&text);
            if title.is_empty() {
                return Err(DeskError::usage("the title is empty; no ticket was created").into());
            }
            a.title = Some(title);
            description
        }
        (None, false) => None,
    };
    let title = clean(a.title.take()).ok_or_else(|| DeskError::usage("the title is empty"))?;
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
    // Files the ticket (or counts one more occurrence of an open alert).
    let file = |tx: &mut super::Tx| -> Result<(i64, bool)> {
        if let Some(key) = &dedup_key
            && let Some(mut w) = tx.load_by_dedup_key(key)?
        {
            let id = w.ticket.id;
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
    };

    let (id, absorbed, _) = write_and_print(
        ctx,
        |tx| {
            let (id, absorbed) = file(tx)?;
            // What --format json prints is read in the transaction that wrote it (no
            // snapshot of its own after the commit: a round trip less on a server),
            // and printed once the commit is done.
            let json = match format {
                NewFormat::Id => None,
                NewFormat::Json => {
                    let (t, sla) = tx.ticket_with_sla(id)?;
                    Some(ticket_json(&t, sla))
                }
            };
            Ok((id, absorbed, json))
        },
        |_, (id, _, json), w| {
            match json {
                None => writeln!(w, "{id}")?,
                Some(json) => {
                    serde_json::to_writer_pretty(&mut *w, json)?;
                    writeln!(w)?;
                }
            }
            Ok(())
        },
        |&(id, _, _)| format!("ticket #{id}"),
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

/// Leaves as an interrupted command does (128 + SIGINT), with a short word instead of
/// an error: nothing is open in the database while the prompts or the editor run.
/// dialoguer hides the cursor in its menus: show it again.
fn cancelled() -> ! {
    // Ctrl-C typed while the terminal is between raw reads is also a signal, and its
    // handler runs on another thread: the first to come says it, the other waits for
    // the end.
    static ONCE: std::sync::Mutex<()> = std::sync::Mutex::new(());
    let _first = ONCE.lock();
    eprint!("\x1b[?25h\ncancelled\n");
    std::process::exit(130);
}

/// A prompt's answer. Ctrl-C at a prompt is a key read in raw mode, which the terminal
/// library reports as an interrupted read: the person cancelled.
fn answer<T>(r: dialoguer::Result<T>) -> Result<T> {
    match r {
        Ok(v) => Ok(v),
        Err(dialoguer::Error::IO(e)) if e.kind() == std::io::ErrorKind::Interrupted => cancelled(),
        Err(e) => Err(anyhow::Error::new(e).context("reading an answer from the terminal")),
    }
}

/// Asks for the fields on a terminal (no transaction is open meanwhile): what the
/// flags did not give, in the order a person tells it at the desk.
fn prompt(a: &mut NewArgs, user: &str) -> Result<()> {
    use dialoguer::{Confirm, Input, Select};
    // Ctrl-C outside a prompt's raw mode is a signal.
    let _ = ctrlc::set_handler(|| cancelled());
    let title: String = answer(
        Input::new()
            .with_prompt("Title")
            .validate_with(|s: &String| {
                if s.trim().is_empty() {
                    Err("a title is needed")
                } else {
                    Ok(())
                }
            })
            .interact_text(),
    )?;
    a.title = Some(title);
    if a.kind.is_none() {
        let i = answer(
            Select::new()
                .with_prompt("Kind")
                .items([
                    "incident (something broke)",
                    "request (something wanted)",
                    "problem (the cause of incidents)",
                ])
                .default(0)
                .interact(),
        )?;
        a.kind = Some([KindArg::Incident, KindArg::Request, KindArg::Problem][i]);
    }
    let opt = |label: &str, current: &Option<String>| -> Result<Option<String>> {
        if current.is_some() {
            return Ok(current.clone());
        }
        let v: String = answer(
            Input::new()
                .with_prompt(label)
                .allow_empty(true)
                .interact_text(),
        )?;
        Ok(Some(v).filter(|s| !s.trim().is_empty()))
    };
    a.requester = opt("Requester", &a.requester)?;
    a.email = opt("E-mail", &a.email)?;
    a.category = opt("Category", &a.category)?;
    a.ci = opt("Device or system (CI)", &a.ci)?;
    if a.channel.is_none() {
        let items = ["walk-in", "phone", "email", "chat", "portal", "monitoring"];
        let i = answer(
            Select::new()
                .with_prompt("Channel")
                .items(items)
                .default(0)
                .interact(),
        )?;
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
        let i = answer(
            Select::new()
                .with_prompt("Impact")
                .items([
                    "skip (priority P3)",
                    "one user",
                    "a group",
                    "the whole organisation",
                ])
                .default(0)
                .interact(),
        )?;
        if i > 0 {
            a.impact = Some(levels[i - 1]);
            let u = answer(
                Select::new()
                    .with_prompt("Urgency")
                    .items(["work can continue", "work is hampered", "work is blocked"])
                    .default(1)
                    .interact(),
            )?;
            a.urgency = Some(levels[u]);
        }
    }
    if a.description.is_none() && !a.edit {
        a.description = opt("Description", &None)?;
    }
    if a.assign.is_none()
        && answer(
            Confirm::new()
                .with_prompt(format!("Assign to me ({user})?"))
                .default(false)
                .interact(),
        )?
    {
        a.assign = Some(user.to_string());
    }
    if a.resolve.is_none()
        && answer(
            Confirm::new()
                .with_prompt("Solved on the spot?")
                .default(false)
                .interact(),
        )?
    {
        let solution: String = answer(
            Input::new()
                .with_prompt("Solution")
                .validate_with(|s: &String| {
                    if s.trim().is_empty() {
                        Err("say what solved it")
                    } else {
                        Ok(())
                    }
                })
                .interact_text(),
        )?;
        a.resolve = Some(solution);
    }
    Ok(())
}

/// What `new --edit` opens: the title line, a blank line, the description, and a
/// few `#` lines on how to fill it in.
fn template(title: Option<&str>, description: Option<&str>) -> String {
    let mut text = format!("{}\n\n", title.unwrap_or(""));
    if let Some(d) = description {
        text.push_str(d);
        text.push('\n');
    }
    text.push_str(
        "# The first line is the title; after a blank line, the description.\n\
         # Lines starting with '#' are ignored. An empty title cancels the ticket.\n",
    );
    text
}

/// Reads the editor's text as git reads a commit message: lines starting with `#`
/// dropped, the first non-blank line the title, what follows it the description
/// (blank lines around it trimmed; None when empty). An empty title is "".
fn parse_template(text: &str) -> (String, Option<String>) {
    let kept: Vec<&str> = text
        .lines()
        .filter(|l| !l.starts_with('#'))
        .skip_while(|l| l.trim().is_empty())
        .collect();
    let title = kept.first().map_or("", |l| l.trim()).to_string();
    let body = kept.get(1..).unwrap_or(&[]).join("\n");
    (title, clean(Some(body)))
}

#[cfg(test)]
mod tests {
    use super::{parse_template, template};

    #[test]
    fn the_template_reads_back_as_it_was_written() {
        let t = template(Some("Näyttö vilkkuu"), Some("Kuva katoaa.\n\nJoskus."));
        assert_eq!(
            parse_template(&t),
            (
                "Näyttö vilkkuu".into(),
                Some("Kuva katoaa.\n\nJoskus.".into())
            )
        );
        assert_eq!(parse_template(&template(None, None)), (String::new(), None));
    }

    #[test]
    fn comment_lines_go_and_blank_lines_around_are_trimmed() {
        let text = "# a comment first\n\n  Принтер не печатает  \n\n\nline one\n# inside\nline two\n\n# end\n";
        assert_eq!(
            parse_template(text),
            (
                "Принтер не печатает".into(),
                Some("line one\nline two".into())
            )
        );
        // A title alone, no description; a '#' not at the start of a line stays.
        assert_eq!(
            parse_template("Printer #2F jams\n"),
            ("Printer #2F jams".into(), None)
        );
        // Only comments: an empty title.
        assert_eq!(parse_template("# nothing\n#\n"), (String::new(), None));
    }
}
