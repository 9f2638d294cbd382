//! `desk db`: the database itself. `status` says what and where it is, `check` whether
//! it is sound (exit 1 naming what is wrong), `backup` makes a consistent copy while
//! others work, `migrate` upgrades the schema explicitly (keeping a copy first).

use crate::cli::{DbBackupArgs, DbCommand, DbFormat};
use crate::context::Context;
use crate::error::DeskError;
use anyhow::Result;
use serde_json::json;

pub fn run(ctx: &mut Context, c: DbCommand) -> Result<()> {
    match c {
        DbCommand::Status(a) => status(ctx, a.format),
        DbCommand::Check(_) => check(ctx),
        DbCommand::Backup(a) => backup(ctx, a),
        DbCommand::Migrate(_) => migrate(ctx),
        DbCommand::Grant(a) => {
            let orgs = ctx.store.grant(&a.role, a.agent, &a.orgs)?;
            let only = if orgs.is_empty() {
                String::new()
            } else {
                format!(
                    ", only the tickets of {}",
                    orgs.iter()
                        .map(|o| crate::domain::text::one_line(o))
                        .collect::<Vec<_>>()
                        .join(", ")
                )
            };
            ctx.out.info(&format!(
                "{} may now {} this desk{only}",
                a.role,
                if a.agent { "work tickets on" } else { "read" }
            ));
            Ok(())
        }
    }
}

fn status(ctx: &mut Context, format: DbFormat) -> Result<()> {
    let st = ctx.store.status()?;
    // The desk's zone: its `timezone` setting, or for a desk from before the setting
    // (not upgraded yet) the process's zone it is read in.
    let has_zone = ctx.store.zone()?.is_some();
    let tz = ctx.tz.name().to_string();
    let tty = ctx.out.stdout_tty;
    let w = ctx.out.data();
    match format {
        DbFormat::Json => {
            let counts: serde_json::Map<String, serde_json::Value> = st
                .counts
                .iter()
                .map(|(k, v)| (k.to_string(), json!(v)))
                .collect();
            let v = json!({
                "engine": st.engine,
                "engine_version": st.engine_version,
                "location": st.location,
                "exists": st.exists,
                "read_only": st.read_only,
                "size_bytes": st.size_bytes,
                "schema_version": if st.exists { Some(st.schema_version) } else { None },
                "desk_schema_version": st.desk_schema_version,
                "journal_mode": st.journal_mode,
                "timezone": tz,
                "counts": counts,
            });
            serde_json::to_writer_pretty(&mut *w, &v)?;
            writeln!(w)?;
        }
        DbFormat::Table => {
            let engine = match st.engine {
                "sqlite" => format!("SQLite {}", st.engine_version),
                other => format!("{other} {}", st.engine_version),
            };
            let mut rows: Vec<(String, String)> = vec![
                ("engine".into(), engine),
                ("location".into(), st.location.clone()),
            ];
            if st.exists {
                let mut file = human_size(st.size_bytes);
                if st.read_only {
                    file.push_str(", read-only for this user");
                }
                let label = if st.journal_mode.is_some() {
                    "file"
                } else {
                    "size"
                };
                rows.push((label.into(), file));
                rows.push((
                    "schema version".into(),
                    if st.schema_version == st.desk_schema_version {
                        format!("{} (current)", st.schema_version)
                    } else {
                        format!(
                            "{} (this desk writes {})",
                            st.schema_version, st.desk_schema_version
                        )
                    },
                ));
                if let Some(j) = &st.journal_mode {
                    rows.push(("journal".into(), j.clone()));
                }
            } else {
                rows.push((
                    "file".into(),
                    "none yet (the first command that writes creates it)".into(),
                ));
            }
            rows.push((
                "time zone".into(),
                if has_zone {
                    tz
                } else {
                    format!("{tz} (this process's: the desk has no timezone setting yet)")
                },
            ));
            let active = st
                .counts
                .iter()
                .find(|(k, _)| *k == "active")
                .map_or(0, |(_, v)| *v);
            for (k, v) in &st.counts {
                match *k {
                    "active" => {}
                    "tickets" => rows.push(("tickets".into(), format!("{v} ({active} active)"))),
                    _ => rows.push((k.to_string(), v.to_string())),
                }
            }
            let width = rows.iter().map(|(k, _)| k.len()).max().unwrap_or(0);
            for (k, v) in rows {
                writeln!(w, "{k:width$}  {}", crate::domain::text::escape(&v, tty))?;
            }
        }
    }
    Ok(())
}

fn check(ctx: &mut Context) -> Result<()> {
    let problems = ctx.store.check()?;
    if problems.is_empty() {
        let what = if ctx.store.is_missing() {
            "no database yet: nothing to check"
        } else {
            "ok: integrity, references and search indexes"
        };
        writeln!(ctx.out.data(), "{what}")?;
        return Ok(());
    }
    // What is wrong goes to stdout (it is the command's result), the verdict to stderr.
    let w = ctx.out.data();
    for p in &problems {
        writeln!(
            w,
            "{}: {}",
            p.check,
            crate::domain::text::escape(&p.detail, false)
        )?;
    }
    ctx.out.flush()?;
    let kinds: Vec<&str> = {
        let mut k: Vec<&str> = problems.iter().map(|p| p.check).collect();
        k.dedup();
        k
    };
    Err(DeskError::runtime_hint(
        format!(
            "{} is not sound: {} problem{} ({})",
            ctx.store.location(),
            problems.len(),
            if problems.len() == 1 { "" } else { "s" },
            kinds.join(", ")
        ),
        "restore the latest copy from `desk db backup` (or a desk.db.before-vN); `desk export` may still save what is readable",
    )
    .into())
}

fn backup(ctx: &mut Context, a: DbBackupArgs) -> Result<()> {
    if ctx.store.is_missing() {
        return Err(DeskError::runtime_hint(
            format!(
                "there is no database at {} to back up",
                ctx.store.location()
            ),
            "point --db or DESK_DB at the database",
        )
        .into());
    }
    if same_file(std::path::Path::new(&ctx.store.location()), &a.file) {
        return Err(DeskError::usage("the backup cannot be the database itself").into());
    }
    if a.file.is_dir() {
        return Err(DeskError::usage_hint(
            format!("{} is a folder", a.file.display()),
            "name the file to write, e.g. desk db backup ~/desk-backup.db",
        )
        .into());
    }
    if a.file.exists() && !a.force {
        return Err(DeskError::usage_hint(
            format!("{} exists; nothing was written", a.file.display()),
            "choose a new name, or add --force to replace it",
        )
        .into());
    }
    ctx.store.backup(&a.file, a.force)?;
    let target = a.file.clone();
    ctx.out.info(&format!(
        "Copied {} to {}",
        ctx.store.location(),
        target.display()
    ));
    Ok(())
}

fn migrate(ctx: &mut Context) -> Result<()> {
    // Opening the database for a write applied what it lacked (keeping its copy); this
    // says what that was.
    let now = ctx.store.status()?.schema_version;
    let migrated = ctx.store.migrated();
    let w = ctx.out.data();
    match migrated {
        Some((0, _)) => writeln!(w, "created the schema, version {now}")?,
        Some((before, copy)) => {
            writeln!(w, "upgraded the schema from version {before} to {now}")?;
            if let Some(copy) = copy {
                writeln!(w, "the file as it was is kept in {copy}")?;
            }
        }
        None => writeln!(
            w,
            "the schema is at version {now}, this desk's: nothing to do"
        )?,
    }
    Ok(())
}

/// The desk's time zone: the `timezone` setting where the desk has one, else the
/// zone of this process (`TZ`, else the system's).
fn same_file(a: &std::path::Path, b: &std::path::Path) -> bool {
    match (std::fs::canonicalize(a), std::fs::canonicalize(b)) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}

fn human_size(bytes: i64) -> String {
    const KIB: f64 = 1024.0;
    let b = bytes as f64;
    if b < KIB {
        format!("{bytes} B")
    } else if b < KIB * KIB {
        format!("{:.1} KiB", b / KIB)
    } else if b < KIB * KIB * KIB {
        format!("{:.1} MiB", b / KIB / KIB)
    } else {
        format!("{:.2} GiB", b / KIB / KIB / KIB)
    }
}
