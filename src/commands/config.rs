//! `desk config`: service hours, holidays, SLA targets and windows. Values are checked
//! when set; a change that shapes the SLA refreshes the cached deadlines of every
//! ticket whose clocks can still move, and marks the others' caches stale so they are
//! recomputed from their history when shown.

use super::write;
use crate::cli::{ConfigCommand, ListFormat};
use crate::context::Context;
use crate::domain::settings::{Settings, affects_sla, defaults, validate};
use crate::domain::ticket::Status;
use crate::domain::ticket_sla::sla_cache;
use crate::error::DeskError;
use anyhow::Result;

pub fn run(ctx: &mut Context, c: ConfigCommand) -> Result<()> {
    match c {
        ConfigCommand::List(a) => list(ctx, a.format),
        ConfigCommand::Get { key } => {
            check_key(&key)?;
            let stored = ctx.store.read()?.settings()?;
            let v = if key == "timezone" {
                // The zone in force, also for a desk from before the setting.
                ctx.tz.name().to_string()
            } else {
                Settings::new(&stored.overrides)
                    .get(&key)
                    .unwrap_or("")
                    .to_string()
            };
            writeln!(ctx.out.data(), "{v}")?;
            Ok(())
        }
        ConfigCommand::Set { key, value } => {
            check_key(&key)?;
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
            Ok(())
        }
        ConfigCommand::Unset { key } => {
            check_key(&key)?;
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

fn change(ctx: &mut Context, key: &str, value: Option<String>) -> Result<()> {
    write(ctx, |tx| {
        let shapes_sla = affects_sla(key);
        let stored = tx
            .store()
            .change_setting(key, value.as_deref(), shapes_sla)?;
        if shapes_sla {
            let settings = Settings::new(&stored.overrides);
            // A new zone moves every deadline: they are worked out in it.
            let tz = settings.zone().unwrap_or(tx.tz);
            let (now, generation) = (tx.now, stored.generation);
            // Tickets whose clocks can still run; closed and cancelled ones are
            // recomputed from their history when read.
            let live = [Status::New, Status::Open, Status::Waiting, Status::Resolved];
            tx.store().refresh_caches(&live, &mut |t, events| {
                sla_cache(&settings, &tz, t, events, now, generation)
            })?;
        }
        Ok(())
    })
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
                .map(|(k, v, s, d)| serde_json::json!({"key": k, "value": v, "source": s, "default": d}))
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
            cw.write_record(["key", "value", "source", "default"])?;
            for (k, v, s, d) in &rows {
                cw.write_record([k.as_str(), v, s, d])?;
            }
            cw.flush()?;
        }
        ListFormat::Tsv => {
            writeln!(w, "key\tvalue\tsource\tdefault")?;
            // Templates span lines: each setting stays one line.
            let one = crate::domain::text::one_line;
            for (k, v, s, d) in &rows {
                writeln!(w, "{k}\t{}\t{s}\t{}", one(v), one(d))?;
            }
        }
        ListFormat::Table => {
            let width = rows.iter().map(|r| r.0.len()).max().unwrap_or(0);
            for (k, v, s, d) in &rows {
                let shown = if v.is_empty() {
                    "(none)".to_string()
                } else {
                    crate::domain::text::one_line(v)
                };
                if *s == "set" {
                    let default = if d.is_empty() {
                        "(none)".to_string()
                    } else {
                        crate::domain::text::one_line(d)
                    };
                    let line = format!("{k:<width$}  {shown}   (default: {default})");
                    writeln!(w, "{}", crate::output::paint(color, "1", &line))?;
                } else {
                    writeln!(w, "{k:<width$}  {shown}")?;
                }
            }
        }
    }
    Ok(())
}
