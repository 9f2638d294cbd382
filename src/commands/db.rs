//! `desk db`: the database itself. `status` says what and where it is, `check` whether
//! it is sound (exit 1 naming what is wrong), `backup` makes a consistent copy while
//! others work, `migrate` upgrades the schema explicitly (keeping a copy first).

use crate::cli::{DbBackupArgs, DbCommand, DbFormat};
use crate::context::Context;
use crate::error::DeskError;
use crate::store::{SCHEMA_VERSION, db as sd};
use anyhow::Result;
use serde_json::json;

pub fn run(ctx: &mut Context, c: DbCommand) -> Result<()> {
    match c {
        DbCommand::Status(a) => status(ctx, a.format),
        DbCommand::Check(_) => check(ctx),
        DbCommand::Backup(a) => backup(ctx, a),
        DbCommand::Migrate(_) => migrate(ctx),
    }
}

fn status(ctx: &mut Context, format: DbFormat) -> Result<()> {
    let store = &ctx.store;
    let conn = store.conn();
    let location = store.path().display().to_string();
    let exists = !store.is_missing();
    let version = store.schema_version()?;
    let counts = sd::counts(conn)?;
    let size = if exists { sd::size_bytes(conn)? } else { 0 };
    let journal = if exists {
        Some(sd::journal_mode(conn, store.path())?)
    } else {
        None
    };
    let tz = time_zone();
    let engine = format!("SQLite {}", rusqlite::version());
    let tty = ctx.out.stdout_tty;
    let w = ctx.out.data();
    match format {
        DbFormat::Json => {
            let counts: serde_json::Map<String, serde_json::Value> = counts
                .iter()
                .map(|(k, v)| (k.to_string(), json!(v)))
                .collect();
            let v = json!({
                "engine": "sqlite",
                "engine_version": rusqlite::version(),
                "location": location,
                "exists": exists,
                "read_only": exists && !may_write(store.path()),
                "size_bytes": size,
                "schema_version": if exists { Some(version) } else { None },
                "desk_schema_version": SCHEMA_VERSION,
                "journal_mode": journal,
                "timezone": tz,
                "counts": counts,
            });
            serde_json::to_writer_pretty(&mut *w, &v)?;
            writeln!(w)?;
        }
        DbFormat::Table => {
            let mut rows: Vec<(String, String)> =
                vec![("engine".into(), engine), ("location".into(), location)];
            if exists {
                let mut file = human_size(size);
                if !may_write(store.path()) {
                    file.push_str(", read-only for this user");
                }
                rows.push(("file".into(), file));
                rows.push((
                    "schema version".into(),
                    if version == SCHEMA_VERSION {
                        format!("{version} (current)")
                    } else {
                        format!("{version} (this desk writes {SCHEMA_VERSION})")
                    },
                ));
                rows.push(("journal".into(), journal.unwrap_or_default()));
            } else {
                rows.push((
                    "file".into(),
                    "none yet (the first command that writes creates it)".into(),
                ));
            }
            rows.push(("time zone".into(), tz));
            let active = counts
                .iter()
                .find(|(k, _)| *k == "active")
                .map_or(0, |(_, v)| *v);
            for (k, v) in &counts {
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
    let problems = sd::check(ctx.store.conn())?;
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
            ctx.store.path().display(),
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
                ctx.store.path().display()
            ),
            "point --db or DESK_DB at the database",
        )
        .into());
    }
    if same_file(ctx.store.path(), &a.file) {
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
    let target = if a.force && a.file.exists() {
        // The copy is made beside it under another name and replaces it only whole.
        let tmp = a.file.with_extension("desk-backup-tmp");
        let _ = std::fs::remove_file(&tmp);
        sd::backup_to(ctx.store.conn(), &tmp)?;
        std::fs::rename(&tmp, &a.file)?;
        a.file.clone()
    } else {
        sd::backup_to(ctx.store.conn(), &a.file)?;
        a.file.clone()
    };
    ctx.out.info(&format!(
        "Copied {} to {}",
        ctx.store.path().display(),
        target.display()
    ));
    Ok(())
}

fn migrate(ctx: &mut Context) -> Result<()> {
    // Opening the database for a write applied what it lacked (keeping its copy); this
    // says what that was.
    let now = ctx.store.schema_version()?;
    let migrated = ctx.store.migrated().cloned();
    let w = ctx.out.data();
    match migrated {
        Some((0, _)) => writeln!(w, "created the schema, version {now}")?,
        Some((before, copy)) => {
            writeln!(w, "upgraded the schema from version {before} to {now}")?;
            if let Some(copy) = copy {
                writeln!(w, "the file as it was is kept in {}", copy.display())?;
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
fn time_zone() -> String {
    if let Ok(tz) = std::env::var("TZ")
        && !tz.trim().is_empty()
    {
        return tz.trim_start_matches(':').to_string();
    }
    if let Ok(s) = std::fs::read_to_string("/etc/timezone")
        && !s.trim().is_empty()
    {
        return s.trim().to_string();
    }
    if let Ok(link) = std::fs::read_link("/etc/localtime") {
        let s = link.display().to_string();
        if let Some((_, name)) = s.split_once("zoneinfo/") {
            return name.to_string();
        }
    }
    "the system's local time".into()
}

fn may_write(path: &std::path::Path) -> bool {
    std::fs::OpenOptions::new().append(true).open(path).is_ok()
}

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
