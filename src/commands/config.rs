//! `desk config`: service hours, holidays, SLA targets and windows. Values are checked
//! when set; a change that shapes the SLA refreshes the cached deadlines of every
//! ticket whose clocks can still move, and marks the others' caches stale so they are
//! recomputed from their history when shown.

use super::Tx;
use super::write;
use crate::cli::{ConfigCommand, ListFormat};
use crate::context::Context;
use crate::domain::org::{Org, find};
use crate::domain::settings::{Settings, defaults, org_keys, validate, validate_org};
use crate::domain::text::one_line;
use crate::domain::ticket::Status;
use crate::domain::ticket_sla::sla_cache;
use crate::error::DeskError;
use crate::store::{SettingChange, StoredSettings};
use anyhow::Result;

pub fn run(ctx: &mut Context, c: ConfigCommand) -> Result<()> {
    match c {
        ConfigCommand::List(a) => match a.org {
            Some(org) => list_org(ctx, &org, a.format),
            None => list(ctx, a.format),
        },
        ConfigCommand::Get { key, org } => {
            check_key(&key)?;
            let v = match org {
                Some(org) => {
                    check_org_key(&key)?;
                    let (stored, org) = registered(ctx, &org)?;
                    org.settings
                        .iter()
                        .find(|(k, _)| *k == key)
                        .map(|(_, v)| v.clone())
                        .unwrap_or_else(|| stored.in_force().get(&key).unwrap_or("").to_string())
                }
                // The zone in force, also for a desk from before the setting.
                None if key == "timezone" => ctx.tz.name().to_string(),
                None => {
                    let stored = ctx.store.read()?.settings()?;
                    stored.in_force().get(&key).unwrap_or("").to_string()
                }
            };
            writeln!(ctx.out.data(), "{v}")?;
            Ok(())
        }
        ConfigCommand::Set { key, value, org } => {
            check_key(&key)?;
            let Some(org) = org else {
                let canon = validate(&key, &value).map_err(|e| {
                    let message = format!("invalid value for {key}: {e}");
                    if key == "timezone" {
                        DeskError::usage_hint(
                            message,
                            "time zones are IANA names, as in TZ: Europe/Helsinki, America/New_York, UTC",
                        )
                    } else {
                        DeskError::usage(message)
                    }
                })?;
                change(ctx, &key, Some(canon.clone()))?;
                ctx.out.info(&format!("{key} = {canon}"));
                return Ok(());
            };
            check_org_key(&key)?;
            let canon = validate_org(&key, &value)
                .map_err(|e| DeskError::usage(format!("invalid value for {key}: {e}")))?;
            let name = change_org(ctx, &org, &key, Some(canon.clone()))?;
            ctx.out
                .info(&format!("{key} = {canon} for {}", one_line(&name)));
            Ok(())
        }
        ConfigCommand::Unset { key, org } => {
            check_key(&key)?;
            let Some(org) = org else {
                if key == "timezone" {
                    // Without it each process would count in its own zone again.
                    return Err(DeskError::usage_hint(
                        "timezone cannot be unset: every desk counts in one zone",
                        "set another with `desk config set timezone ZONE` (an IANA name, e.g. Europe/Helsinki)",
                    )
                    .into());
                }
                change(ctx, &key, None)?;
                ctx.out.info(&format!("{key} is back to its default"));
                return Ok(());
            };
            check_org_key(&key)?;
            let name = change_org(ctx, &org, &key, None)?;
            ctx.out.info(&format!(
                "{key} for {} follows the desk's again",
                one_line(&name)
            ));
            Ok(())
        }
    }
}

fn check_key(key: &str) -> Result<()> {
    if defaults().iter().any(|(k, _)| k == key) {
        return Ok(());
    }
    Err(DeskError::usage_hint(
        format!("unknown setting {key:?}"),
        "`desk config list` shows every setting",
    )
    .into())
}

/// Only the keys that make terms belong to an organisation.
fn check_org_key(key: &str) -> Result<()> {
    if org_keys().iter().any(|k| k == key) {
        return Ok(());
    }
    Err(DeskError::usage_hint(
        format!("{key} is the desk's alone, not an organisation's"),
        "an organisation sets hours, holidays, sla.Pn.response, sla.Pn.resolve and sla.Pn.hours",
    )
    .into())
}

/// The stored settings and the registered organisation of that name, or exit 3.
fn registered(ctx: &mut Context, name: &str) -> Result<(StoredSettings, Org)> {
    let mut rd = ctx.store.read()?;
    let stored = rd.settings()?;
    let orgs = rd.orgs(false)?;
    let org = find(&orgs, name)
        .cloned()
        .ok_or_else(|| DeskError::OrgNotFound(name.to_string()))?;
    Ok((stored, org))
}

fn change(ctx: &mut Context, key: &str, value: Option<String>) -> Result<()> {
    write(ctx, |tx| {
        let change = SettingChange {
            org: None,
            key,
            value: value.as_deref(),
        };
        let stored = tx.store().change_setting(change)?;
        if change.starts_generation() {
            refresh(tx, &stored)?;
        }
        Ok(())
    })
}

/// Changes a registered organisation's setting (exit 3 when there is none); returns
/// its name as registered.
fn change_org(ctx: &mut Context, org: &str, key: &str, value: Option<String>) -> Result<String> {
    write(ctx, |tx| {
        let orgs = tx.store().orgs(false)?;
        let name = find(&orgs, org)
            .map(|o| o.name.clone())
            .ok_or_else(|| DeskError::OrgNotFound(org.to_string()))?;
        let stored = tx.store().change_setting(SettingChange {
            org: Some(&name),
            key,
            value: value.as_deref(),
        })?;
        refresh(tx, &stored)?;
        Ok(name)
    })
}

/// After a change that shapes the SLA: the cached deadlines of every ticket whose
/// clocks can still run, under the new generation; closed and cancelled ones are
/// recomputed from their history when read.
pub fn refresh(tx: &mut Tx, stored: &StoredSettings) -> Result<()> {
    let settings = stored.in_force();
    // A new zone moves every deadline: they are worked out in it.
    let tz = settings.zone().unwrap_or(tx.tz);
    tx.tz = tz;
    let (now, generation) = (tx.now, stored.generation);
    tx.settings = settings.clone();
    tx.generation = generation;
    let live = [Status::New, Status::Open, Status::Waiting, Status::Resolved];
    tx.store().refresh_caches(&live, &mut |t, events| {
        sla_cache(&settings, &tz, t, events, now, generation)
    })
}

/// `config list --org`: the keys an organisation may set, its own value or the desk's.
fn list_org(ctx: &mut Context, name: &str, format: Option<ListFormat>) -> Result<()> {
    let (stored, org) = registered(ctx, name)?;
    let desk = stored.in_force();
    let rows: Vec<(String, String, &str, String)> = org_keys()
        .into_iter()
        .map(|k| {
            let desk_value = desk.get(&k).unwrap_or("").to_string();
            match org.settings.iter().find(|(ok, _)| *ok == k) {
                Some((_, v)) => (k, v.clone(), "org", desk_value),
                None => (k, desk_value.clone(), "desk", desk_value),
            }
        })
        .collect();
    write_rows(ctx, &rows, format, ("desk", "org"))
}

fn list(ctx: &mut Context, format: Option<ListFormat>) -> Result<()> {
    let stored = ctx.store.read()?.settings()?.overrides;
    let settings = Settings::new(&stored);
    // The zone a new desk here would take: `timezone`'s default.
    let zone = ctx.tz.name();
    let here = crate::system::process_zone().name();
    let rows: Vec<(String, String, &str, String)> = defaults()
        .into_iter()
        .map(|(k, default)| {
            let (value, default) = if k == "timezone" {
                (zone.to_string(), here.to_string())
            } else {
                (settings.get(&k).unwrap_or("").to_string(), default)
            };
            let source = if stored.iter().any(|(sk, _)| *sk == k) {
                "set"
            } else {
                "default"
            };
            (k, value, source, default)
        })
        .collect();
    write_rows(ctx, &rows, format, ("default", "set"))
}

/// The settings as rows of key, value, source and default (with `--org`: the desk's
/// value); `sources` names the source shown plain and the one shown set apart.
fn write_rows(
    ctx: &mut Context,
    rows: &[(String, String, &str, String)],
    format: Option<ListFormat>,
    sources: (&str, &str),
) -> Result<()> {
    let default_header = if sources.0 == "desk" {
        "desk"
    } else {
        "default"
    };
    let format = format.unwrap_or(if ctx.out.stdout_tty {
        ListFormat::Table
    } else {
        ListFormat::Tsv
    });
    let color = ctx.out.color;
    let w = ctx.out.data();
    match format {
        ListFormat::Json | ListFormat::Jsonl => {
            let items: Vec<serde_json::Value> = rows
                .iter()
                .map(|(k, v, s, d)| {
                    let mut m = serde_json::Map::new();
                    m.insert("key".into(), serde_json::json!(k));
                    m.insert("value".into(), serde_json::json!(v));
                    m.insert("source".into(), serde_json::json!(s));
                    m.insert(default_header.into(), serde_json::json!(d));
                    serde_json::Value::Object(m)
                })
                .collect();
            if format == ListFormat::Json {
                serde_json::to_writer_pretty(&mut *w, &items)?;
                writeln!(w)?;
            } else {
                for i in items {
                    serde_json::to_writer(&mut *w, &i)?;
                    writeln!(w)?;
                }
            }
        }
        ListFormat::Csv => {
            let mut cw = csv::Writer::from_writer(w);
            cw.write_record(["key", "value", "source", default_header])?;
            for (k, v, s, d) in rows {
                cw.write_record([k.as_str(), v, s, d])?;
            }
            cw.flush()?;
        }
        ListFormat::Tsv => {
            writeln!(w, "key\tvalue\tsource\t{default_header}")?;
            // Templates span lines: each setting stays one line.
            let one = crate::domain::text::one_line;
            for (k, v, s, d) in rows {
                writeln!(w, "{k}\t{}\t{s}\t{}", one(v), one(d))?;
            }
        }
        ListFormat::Table => {
            let width = rows.iter().map(|r| r.0.len()).max().unwrap_or(0);
            for (k, v, s, d) in rows {
                let shown = if v.is_empty() {
                    "(none)".to_string()
                } else {
                    crate::domain::text::one_line(v)
                };
                if *s == sources.1 {
                    let default = if d.is_empty() {
                        "(none)".to_string()
                    } else {
                        crate::domain::text::one_line(d)
                    };
                    let line = format!("{k:<width$}  {shown}   ({default_header}: {default})");
                    writeln!(w, "{}", crate::output::paint(color, "1", &line))?;
                } else {
                    writeln!(w, "{k:<width$}  {shown}")?;
                }
            }
        }
    }
    Ok(())
}
