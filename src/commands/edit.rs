//! `desk edit`: change a ticket's fields; every change is recorded in one event.

use super::{
    channel, clean, clean_tags, edit_text, kind, level, one_id, priority, text_arg, write,
};
use crate::cli::EditArgs;
use crate::context::Context;
use crate::domain::ticket::{Ticket, action, priority_from};
use crate::error::DeskError;
use anyhow::Result;

fn show(v: &Option<impl ToString>) -> String {
    v.as_ref().map_or("-".into(), |x| x.to_string())
}

pub fn run(ctx: &mut Context, mut a: EditArgs) -> Result<()> {
    let id = one_id(&a.id)?;
    // The editor runs before the transaction, never inside it.
    let mut edited: Option<(String, Option<String>)> = None;
    if a.edit {
        let t = ctx.store.read()?.ticket(id)?;
        let initial = format!(
            "{}\n\n{}\n",
            t.title,
            t.description.as_deref().unwrap_or("")
        );
        let text = edit_text(&initial, ".txt")?;
        let mut lines = text.lines();
        let title = lines.next().unwrap_or("").trim().to_string();
        let body = lines.collect::<Vec<_>>().join("\n");
        edited = Some((title, clean(Some(body))));
    }
    let description = a.description.as_deref().map(text_arg).transpose()?;
    let tags = clean_tags(std::mem::take(&mut a.tags))?;
    let untags = clean_tags(std::mem::take(&mut a.untags))?;
    let at = a.at.at.clone();
    let changes = write(ctx, |tx| {
        let mut w = tx.load(id)?;
        let t = &mut w.ticket;
        let before = t.clone();
        if let Some((title, desc)) = &edited {
            if title.is_empty() {
                return Err(DeskError::usage("the title is empty").into());
            }
            t.title = title.clone();
            t.description = desc.clone();
        }
        if let Some(title) = &a.title {
            t.title =
                clean(Some(title.clone())).ok_or_else(|| DeskError::usage("the title is empty"))?;
        }
        if let Some(d) = &description {
            t.description = clean(Some(d.clone()));
        }
        if let Some(k) = a.kind {
            t.kind = kind(k);
        }
        if let Some(i) = a.impact {
            t.impact = Some(level(i));
        }
        if let Some(u) = a.urgency {
            t.urgency = Some(level(u));
        }
        if let Some(p) = a.priority {
            t.priority = priority(p);
        } else if a.impact.is_some() || a.urgency.is_some() {
            t.priority = priority_from(t.impact, t.urgency);
        }
        // An empty value clears the field.
        for (field, v) in [
            (&mut t.requester, &a.requester),
            (&mut t.email, &a.email),
            (&mut t.phone, &a.phone),
            (&mut t.org, &a.org),
            (&mut t.location, &a.location),
            (&mut t.category, &a.category),
            (&mut t.ci, &a.ci),
        ] {
            if let Some(v) = v {
                *field = clean(Some(v.clone()));
            }
        }
        if let Some(c) = a.channel {
            t.channel = Some(channel(c));
        }
        for tag in &tags {
            if !t.tags.contains(tag) {
                t.tags.push(tag.clone());
            }
        }
        t.tags.retain(|x| !untags.contains(x));
        let changes = describe_changes(&before, t);
        if changes.is_empty() {
            return Ok(changes);
        }
        let when = tx.when(at.as_deref(), &w, false)?;
        tx.event(&mut w, when, action::EDIT, Some(changes.join("; ")), None);
        tx.save(w)?;
        Ok(changes)
    })?;
    if changes.is_empty() {
        ctx.out.info(&format!("#{id}: nothing changed"));
    } else {
        ctx.out.info(&format!("#{id}: {}", changes.join("; ")));
    }
    Ok(())
}

fn describe_changes(a: &Ticket, b: &Ticket) -> Vec<String> {
    let mut out = Vec::new();
    let mut diff = |name: &str, x: String, y: String| {
        if x != y {
            out.push(format!("{name} {x} → {y}"));
        }
    };
    diff("title", a.title.clone(), b.title.clone());
    diff("kind", a.kind.to_string(), b.kind.to_string());
    diff("priority", a.priority.to_string(), b.priority.to_string());
    diff("impact", show(&a.impact), show(&b.impact));
    diff("urgency", show(&a.urgency), show(&b.urgency));
    diff("requester", show(&a.requester), show(&b.requester));
    diff("email", show(&a.email), show(&b.email));
    diff("phone", show(&a.phone), show(&b.phone));
    diff("org", show(&a.org), show(&b.org));
    diff("location", show(&a.location), show(&b.location));
    diff("category", show(&a.category), show(&b.category));
    diff("ci", show(&a.ci), show(&b.ci));
    diff("channel", show(&a.channel), show(&b.channel));
    diff(
        "tags",
        format!("[{}]", a.tags.join(", ")),
        format!("[{}]", b.tags.join(", ")),
    );
    if a.description != b.description {
        out.push("description changed".into());
    }
    out
}
