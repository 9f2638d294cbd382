//! What every command gets: the store, the output, `now`, the time zone, who acts, and
//! whether we may prompt. Built once in `main` from the global options and environment.
//! The settings are not here: a command reads them in its snapshot or transaction.

use crate::cli::{ColorChoice, GlobalArgs};
use crate::domain::time::parse_now;
use crate::domain::zone::Zone;
use crate::error::DeskError;
use crate::output::Output;
use crate::store::{Access, Storage};
use anyhow::{Context as _, Result};
use chrono::{DateTime, Utc};
use std::io::IsTerminal;
use std::path::PathBuf;

pub struct Context {
    pub store: Box<dyn Storage>,
    pub now: DateTime<Utc>,
    /// The desk's zone (its `timezone` setting; the process's zone for a desk that has
    /// none), for every time read from the user or shown to them.
    pub tz: Zone,
    pub user: String,
    pub out: Output,
    /// stdin and stderr are terminals: we may ask questions.
    pub interactive: bool,
    /// Whether this command's changes mail the requester and run hooks.
    pub telling: crate::notify::outbox::Telling,
    /// A write committed with mail or hooks on: the outbox is delivered with these
    /// settings when the command is done.
    pub outbox: Option<crate::domain::settings::Settings>,
}

impl Context {
    /// `access`: whether the command writes (a command that only reads opens the file
    /// read-only and never creates it).
    pub fn new(global: &GlobalArgs, access: Access) -> Result<Context> {
        // A bad DESK_NOW is refused before the store is opened (and perhaps created);
        // a wall-clock one is read in the desk's zone once the store says which.
        let desk_now = std::env::var("DESK_NOW")
            .ok()
            .filter(|s| !s.trim().is_empty());
        if let Some(s) = &desk_now {
            parse_now(s, &crate::system::process_zone()).map_err(DeskError::usage)?;
        }
        let out = Output::new(color_wanted(global.color));
        let path = database_path(global)?;
        let mut store = crate::store::open_for(&path, access)?;
        let tz = desk_zone(store.zone()?.as_deref());
        let now = match &desk_now {
            Some(s) => parse_now(s, &tz).map_err(DeskError::usage)?,
            None => Utc::now(),
        };
        let user = who_acts(global);
        let interactive = std::io::stdin().is_terminal() && std::io::stderr().is_terminal();
        Ok(Context {
            store,
            now,
            tz,
            user,
            out,
            interactive,
            telling: crate::notify::outbox::Telling::new(global.no_notify),
            outbox: None,
        })
    }

    /// For a command that only read a path with no database: a note saying so (a
    /// mistyped --db or DESK_DB shows itself).
    pub fn missing_note(&self) -> Option<String> {
        self.store.is_missing().then(|| {
            format!(
                "desk: note: there is no database at {} yet: this is an empty desk (the first command that writes creates it)",
                crate::domain::text::escape(&self.store.location(), false)
            )
        })
    }
}

/// The zone a desk counts in: its stored `timezone`, else (a desk from before the
/// setting, or a value that names no zone) the process's zone.
pub fn desk_zone(stored: Option<&str>) -> Zone {
    stored
        .and_then(crate::domain::zone::parse)
        .unwrap_or_else(crate::system::process_zone)
}

/// `--color`, then NO_COLOR, then whether stdout is a terminal.
pub fn color_wanted(choice: ColorChoice) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
                && std::io::stdout().is_terminal()
                && std::env::var("TERM").map_or(true, |t| t != "dumb")
        }
    }
}

/// `--db`, else `$DESK_DB`, else the platform data dir.
pub fn database_path(global: &GlobalArgs) -> Result<PathBuf> {
    if let Some(p) = &global.db {
        return Ok(p.clone());
    }
    if let Some(p) = std::env::var_os("DESK_DB").filter(|v| !v.is_empty()) {
        return Ok(PathBuf::from(p));
    }
    let base = dirs::data_dir()
        .context("no data directory for the database: set --db or DESK_DB (HOME may be unset)")?;
    Ok(base.join("desk").join("desk.db"))
}

/// `--user`, else `$DESK_USER`, else the login name: `$USER`, `$LOGNAME`, then the
/// system's account name for the uid (containers, cron and hooks often set neither
/// variable). "unknown" only when even the account database has no name for the uid.
fn who_acts(global: &GlobalArgs) -> String {
    let named = |v: Option<String>| v.map(|u| u.trim().to_string()).filter(|u| !u.is_empty());
    named(global.user.clone())
        .or_else(|| named(std::env::var("DESK_USER").ok()))
        .or_else(|| named(std::env::var("USER").ok()))
        .or_else(|| named(std::env::var("LOGNAME").ok()))
        .or_else(|| named(crate::system::account_name()))
        .unwrap_or_else(|| "unknown".to_string())
}
