//! `desk org`: register customer organisations, list and show them, rename them and
//! change their mail domains. A rename renames the `org` of its tickets too, an edit
//! event on each, in the same transaction. Their terms are `desk config --org`'s.

use super::{Tx, write};
use crate::cli::{ListFormat, OrgCommand, OrgEditArgs, OrgNewArgs, ShowFormat};
use crate::context::Context;
use crate::domain::org::{Org, check_domain, check_name, find, holder};
use crate::domain::queue::{Fields, Filter, Query, SortKey};
use crate::domain::settings::org_key;
use crate::domain::text::one_line;
use crate::domain::ticket::{Status, action};
use crate::error::DeskError;
use crate::output::articles::View;
use crate::output::orgs::{org_json, write_org_text, write_orgs};
use crate::store::SettingChange;
use anyhow::Result;

pub fn run(ctx: &mut Context, c: OrgCommand) -> Result<()> {
    match c {
        OrgCommand::New(a) => new(ctx, a),
        OrgCommand::List(a) => list(ctx, a.format),
        OrgCommand::Show(a) => show(ctx, &a.name, a.format),
        OrgCommand::Edit(a) => edit(ctx, a),
    }
}

fn usage(e: String) -> anyhow::Error {
    DeskError::usage(e).into()
}

/// The domains as kept (lower case), each once, or exit 2 on the first bad one.
fn domains(given: &[String]) -> Result<Vec<String>> {
    let mut out = Vec::new();
    for d in given {
        let d = check_domain(d).map_err(usage)?;
        if !out.contains(&d) {
            out.push(d);
        }
    }
    Ok(out)
}

/// Exit 2 when another organisation than `except` holds one of the domains.
fn check_free(orgs: &[Org], domains: &[String], except: Option<&str>) -> Result<()> {
    for d in domains {
        if let Some(o) = holder(orgs, d, except) {
            return Err(DeskError::usage_hint(
                format!("{d} belongs to {} already", one_line(&o.name)),
                "a domain names one organisation: `desk org edit NAME --no-domain DOMAIN` frees it",
            )
            .into());
        }
    }
    Ok(())
}

fn new(ctx: &mut Context, a: OrgNewArgs) -> Result<()> {
    let name = check_name(&a.name).map_err(usage)?;
    let mut domains = domains(&a.domains)?;
    domains.sort();
    let org = write(ctx, |tx| {
        let orgs = tx.store().orgs(false)?;
        if let Some(o) = find(&orgs, &name) {
            return Err(DeskError::usage_hint(
                format!("{} is registered already", one_line(&o.name)),
                "`desk org edit` changes it",
            )
            .into());
        }
        check_free(&orgs, &domains, None)?;
        let org = Org {
            name: name.clone(),
            domains: domains.clone(),
            ..Org::default()
        };
        tx.store().insert_org(&org)?;
        Ok(org)
    })?;
    let mut msg = format!("Registered {}", one_line(&org.name));
    if !org.domains.is_empty() {
        msg.push_str(&format!(" ({})", org.domains.join(", ")));
    }
    ctx.out.info(&msg);
    Ok(())
}

fn list(ctx: &mut Context, format: Option<ListFormat>) -> Result<()> {
    let orgs = ctx.store.read()?.orgs(true)?;
    let format = format.unwrap_or(if ctx.out.stdout_tty {
        ListFormat::Table
    } else {
        ListFormat::Tsv
    });
    if format == ListFormat::Table && orgs.is_empty() {
        ctx.out
            .info("No organisations are registered (`desk org new NAME` registers one).");
        return Ok(());
    }
    let view = View {
        tz: &ctx.tz,
        color: ctx.out.color,
        width: ctx.out.width,
        terminal: ctx.out.stdout_tty,
    };
    write_orgs(ctx.out.data(), &orgs, &view, format)?;
    Ok(())
}

fn show(ctx: &mut Context, name: &str, format: ShowFormat) -> Result<()> {
    let (orgs, stored) = {
        let mut rd = ctx.store.read()?;
        (rd.orgs(true)?, rd.settings()?)
    };
    let org = find(&orgs, name).ok_or_else(|| DeskError::OrgNotFound(name.to_string()))?;
    let w = ctx.out.data();
    match format {
        ShowFormat::Json => {
            serde_json::to_writer_pretty(&mut *w, &serde_json::Value::Object(org_json(org)))?;
            writeln!(w)?;
        }
        ShowFormat::Text => {
            let desk = stored.in_force();
            let values: Vec<(String, String)> = org
                .settings
                .iter()
                .map(|(k, _)| (k.clone(), desk.get(k).unwrap_or("").to_string()))
                .collect();
            write_org_text(w, org, &values)?;
        }
    }
    Ok(())
}

fn edit(ctx: &mut Context, a: OrgEditArgs) -> Result<()> {
    let rename = a
        .rename
        .as_deref()
        .map(check_name)
        .transpose()
        .map_err(usage)?;
    let add = domains(&a.domains)?;
    let remove = domains(&a.no_domains)?;
    if let Some(d) = add.iter().find(|d| remove.contains(d)) {
        return Err(usage(format!("{d} is both added and removed")));
    }
    let (org, renamed) = write(ctx, |tx| {
        let orgs = tx.store().orgs(false)?;
        let old = find(&orgs, &a.name)
            .cloned()
            .ok_or_else(|| DeskError::OrgNotFound(a.name.clone()))?;
        let mut org = old.clone();
        if let Some(new) = &rename {
            if let Some(other) = find(&orgs, new)
                && org_key(&other.name) != org_key(&old.name)
            {
                return Err(DeskError::usage(format!(
                    "{} is registered already",
                    one_line(&other.name)
                ))
                .into());
            }
            org.name = new.clone();
        }
        check_free(&orgs, &add, Some(&old.name))?;
        for d in &remove {
            if !org.domains.contains(d) {
                return Err(usage(format!(
                    "{d} is not one of {}'s domains",
                    one_line(&old.name)
                )));
            }
        }
        org.domains.retain(|d| !remove.contains(d));
        for d in &add {
            if !org.domains.contains(d) {
                org.domains.push(d.clone());
            }
        }
        org.domains.sort();
        if org == old {
            return Ok((org, 0));
        }
        tx.store().update_org(&old.name, &org)?;
        let renamed = if org.name != old.name {
            rename_tickets(tx, &old, &org)?
        } else {
            0
        };
        Ok((org, renamed))
    })?;
    let mut msg = format!("{}: domains {}", one_line(&org.name), {
        if org.domains.is_empty() {
            "(none)".to_string()
        } else {
            org.domains.join(", ")
        }
    });
    if renamed > 0 {
        let s = if renamed == 1 { "" } else { "s" };
        msg.push_str(&format!("; {renamed} ticket{s} renamed"));
    }
    ctx.out.info(&msg);
    Ok(())
}

/// Renames the `org` of the tickets of `old` (letter case aside) to `new`'s name, an
/// edit event on each; returns how many. Its terms follow its new name: tickets that
/// carried the new name before are held to them now, so the caches are refreshed.
fn rename_tickets(tx: &mut Tx, old: &Org, new: &Org) -> Result<usize> {
    let query = Query {
        filter: Filter {
            statuses: Status::ALL.to_vec(),
            org: Some(old.name.clone()),
            ..Filter::default()
        },
        sort: SortKey::Id,
        descending: false,
        limit: None,
        fields: Fields::Id,
        generation: None,
    };
    let mut ids = Vec::new();
    tx.store().queue(&query, &mut |t, _| {
        ids.push(t.id);
        Ok(())
    })?;
    // The terms under the new name, before the tickets are saved with them.
    let stored = if old.settings.is_empty() {
        tx.store().settings()?
    } else {
        // Setting a value to itself starts a new generation.
        let (k, v) = &old.settings[0];
        tx.store().change_setting(SettingChange {
            org: Some(&new.name),
            key: k,
            value: Some(v),
        })?
    };
    if !old.settings.is_empty() {
        super::config::refresh(tx, &stored)?;
    }
    let now = tx.now;
    let mut count = 0;
    for id in ids {
        let mut w = tx.load(id)?;
        let Some(was) = w.ticket.org.clone() else {
            continue;
        };
        if was == new.name {
            continue;
        }
        w.ticket.org = Some(new.name.clone());
        let detail = format!("org {was} → {}", new.name);
        tx.event(&mut w, now, action::EDIT, Some(detail), None);
        tx.save(w)?;
        count += 1;
    }
    Ok(count)
}
