//! What every command gets: the store, the output, `now`, the time zone, who acts, and
//! whether we may prompt. Built once in `main` from the global options and environment.

use crate::cli::{ColorChoice, GlobalArgs};
use crate::domain::settings::Settings;
use crate::domain::time::parse_now;
use crate::error::DeskError;
use crate::output::Output;
use crate::store::Store;
use anyhow::{Context as _, Result};
use chrono::{DateTime, Local, Utc};
use std::io::IsTerminal;
use std::path::PathBuf;

pub struct Context {
    pub store: Store,
    pub now: DateTime<Utc>,
    pub tz: Local,
    pub user: String,
    pub out: Output,
    /// stdin and stderr are terminals: we may ask questions.
    pub interactive: bool,
    /// Whether this command's changes mail the requester and run hooks.
    pub telling: crate::notify::outbox::Telling,
    /// A write committed: the outbox is delivered when the command is done.
    pub wrote: bool,
    settings: Option<Settings>,
}

impl Context {
    pub fn new(global: &GlobalArgs) -> Result<Context> {
        let tz = Local;
        let now = match std::env::var("DESK_NOW") {
            Ok(s) if !s.trim().is_empty() => parse_now(&s, &tz).map_err(DeskError::usage)?,
            _ => Utc::now(),
        };
        let out = Output::new(color_wanted(global.color));
        let path = database_path(global)?;
        let store = Store::open(&path)?;
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
            wrote: false,
            settings: None,
        })
    }

    /// The settings in force (read once per process).
    pub fn settings(&mut self) -> Result<&Settings> {
        if self.settings.is_none() {
            let overrides = crate::store::settings::load_settings(self.store.conn())?;
            self.settings = Some(Settings::new(&overrides));
        }
        Ok(self.settings.as_ref().expect("just set"))
    }

    /// Forget cached settings after `config set`.
    pub fn reload_settings(&mut self) {
        self.settings = None;
    }
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

/// `--user`, else `$DESK_USER`, else the login name.
fn who_acts(global: &GlobalArgs) -> String {
    global
        .user
        .clone()
        .filter(|u| !u.trim().is_empty())
        .or_else(|| {
            std::env::var("DESK_USER")
                .ok()
                .filter(|u| !u.trim().is_empty())
        })
        .or_else(|| std::env::var("USER").ok().filter(|u| !u.trim().is_empty()))
        .or_else(|| {
            std::env::var("LOGNAME")
                .ok()
                .filter(|u| !u.trim().is_empty())
        })
        .unwrap_or_else(|| "unknown".to_string())
        .trim()
        .to_string()
}
