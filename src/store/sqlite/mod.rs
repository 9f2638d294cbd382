//! The SQLite engine, the only place with SQL. Opens the database (creating it and
//! its folders on first use with private modes), sets and verifies the pragmas,
//! refuses files that are not `desk` databases or were written by a newer `desk`,
//! applies the numbered migrations, and runs every write as one short IMMEDIATE
//! transaction. `txn.rs` answers the store's interface with the queries of the other
//! files.

pub mod interchange;
pub mod kb;
pub mod report;
pub mod settings;
pub mod tickets;
mod txn;

use super::{StoreError, StoreErrorKind};
use anyhow::{Context as _, Result, anyhow, bail};
use rusqlite::functions::FunctionFlags;
use rusqlite::{Connection, OpenFlags, Transaction, TransactionBehavior};
use std::path::{Path, PathBuf};
use std::time::Duration;

/// `DESK` in ASCII: marks the file as ours (`PRAGMA application_id`).
pub const APPLICATION_ID: i32 = 0x4445_534B;

/// How long a writer waits for another before giving up with exit 75.
pub const BUSY_TIMEOUT: Duration = Duration::from_secs(10);

/// The busy timeout in force: `BUSY_TIMEOUT`, or `$DESK_BUSY_TIMEOUT_MS` milliseconds,
/// so that the tests of a locked-out writer need not wait ten seconds.
pub fn busy_timeout() -> Duration {
    std::env::var("DESK_BUSY_TIMEOUT_MS")
        .ok()
        .and_then(|ms| ms.trim().parse().ok())
        .map_or(BUSY_TIMEOUT, Duration::from_millis)
}

/// Append-only: a migration, once released, is never edited.
const MIGRATIONS: &[&str] = &[include_str!("migrations/0001_init.sql")];

/// The schema version this binary writes.
pub const SCHEMA_VERSION: i64 = MIGRATIONS.len() as i64;

pub struct SqliteStore {
    conn: Connection,
    path: PathBuf,
}

impl SqliteStore {
    /// Opens (or creates) the database at `path`: two statements when it is current
    /// (what it is, and `synchronous`), as every command pays for them.
    pub fn open(path: &Path) -> Result<SqliteStore> {
        // One look at the path: nothing there is a new database; a folder, a device
        // (`/dev/null`), a pipe is refused, where SQLite would fail late and vaguely,
        // or leave its journal next to it.
        match std::fs::metadata(path) {
            Ok(meta) if !meta.is_file() => {
                return Err(StoreError::new(
                    StoreErrorKind::Unavailable,
                    format!("{} is not a database file", path.display()),
                    "--db and DESK_DB name a database file (a new path makes one); the path was left untouched",
                )
                .into());
            }
            Ok(_) => {}
            Err(_) => create_private(path)?,
        }
        let conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .with_context(|| format!("opening {}", path.display()))?;
        #[cfg(test)]
        let conn = {
            let mut conn = conn;
            super::contract::trace(&mut conn);
            conn
        };
        conn.busy_timeout(busy_timeout())?;
        register_functions(&conn)?;
        let found = check_identity(&conn, path)?;
        configure(&conn, &found).with_context(|| format!("configuring {}", path.display()))?;
        let mut store = SqliteStore {
            conn,
            path: path.to_path_buf(),
        };
        store.migrate(found.version)?;
        Ok(store)
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The connection, for tests that look into the file.
    pub fn conn(&self) -> &Connection {
        &self.conn
    }

    /// Runs `f` in one IMMEDIATE transaction: all of it is written, or none.
    fn write_with<T>(&mut self, f: impl FnOnce(&Transaction) -> Result<T>) -> Result<T> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let out = f(&tx)?;
        tx.commit()?;
        Ok(out)
    }

    /// Applies the migrations this file lacks (`current` is the version it was found
    /// at), in one IMMEDIATE transaction.
    fn migrate(&mut self, current: i64) -> Result<()> {
        if current == SCHEMA_VERSION {
            return Ok(());
        }
        self.write_with(|tx| {
            // Another process may have migrated while we waited for the lock.
            let current: i64 = tx.query_row("PRAGMA user_version", [], |r| r.get(0))?;
            if current > SCHEMA_VERSION {
                return Err(too_new(current).into());
            }
            for (i, sql) in MIGRATIONS.iter().enumerate().skip(current as usize) {
                tx.execute_batch(sql)
                    .with_context(|| format!("applying migration {}", i + 1))?;
            }
            tx.execute_batch(&format!(
                "PRAGMA application_id = {APPLICATION_ID}; PRAGMA user_version = {SCHEMA_VERSION};"
            ))?;
            Ok(())
        })
    }
}

fn too_new(version: i64) -> StoreError {
    StoreError::new(
        StoreErrorKind::TooNew,
        format!(
            "the database was written by a newer desk (schema {version}, this desk knows {SCHEMA_VERSION})"
        ),
        "upgrade desk; the file was left untouched",
    )
}

/// Creates the folders (0700) and an empty file (0600) before SQLite sees the path, so
/// the database, and its -wal and -shm files which SQLite gives the same mode, are
/// private whatever the umask.
fn create_private(path: &Path) -> Result<()> {
    use std::fs::{DirBuilder, OpenOptions};
    #[cfg(unix)]
    use std::os::unix::fs::{DirBuilderExt, OpenOptionsExt};

    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty())
        && !dir.exists()
    {
        let mut b = DirBuilder::new();
        b.recursive(true);
        #[cfg(unix)]
        b.mode(0o700);
        b.create(dir)
            .with_context(|| format!("creating the folder {}", dir.display()))?;
    }
    let mut o = OpenOptions::new();
    o.write(true).create_new(true);
    #[cfg(unix)]
    o.mode(0o600);
    match o.open(path) {
        Ok(_) => Ok(()),
        // Another desk created it a moment ago: fine.
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Ok(()),
        Err(e) => Err(anyhow!(e)).with_context(|| format!("creating {}", path.display())),
    }
}

/// What [`check_identity`] found in the file, in one read.
struct Found {
    version: i64,
    journal_mode: String,
}

/// Refuses, before anything is written, a file that is not ours or is too new.
fn check_identity(conn: &Connection, path: &Path) -> Result<Found> {
    let not_desk = || {
        StoreError::new(
            StoreErrorKind::NotADesk,
            format!("{} is not a desk database", path.display()),
            "point --db or DESK_DB at a desk database, or at a new path to create one; the file was left untouched",
        )
    };
    let read = conn.query_row(
        "SELECT a.application_id, u.user_version, j.journal_mode,
                (SELECT count(*) FROM sqlite_master)
         FROM pragma_application_id a, pragma_user_version u, pragma_journal_mode j",
        [],
        |r| {
            Ok((
                r.get::<_, i32>(0)?,
                r.get(1)?,
                r.get(2)?,
                r.get::<_, i64>(3)?,
            ))
        },
    );
    let (app_id, version, journal_mode, objects) = match read {
        Ok(v) => v,
        Err(rusqlite::Error::SqliteFailure(e, _))
            if e.code == rusqlite::ErrorCode::NotADatabase =>
        {
            return Err(not_desk().into());
        }
        Err(e) => return Err(e).with_context(|| format!("reading {}", path.display())),
    };
    let found = Found {
        version,
        journal_mode,
    };
    if app_id == APPLICATION_ID {
        if version > SCHEMA_VERSION {
            return Err(too_new(version).into());
        }
        return Ok(found);
    }
    if app_id != 0 || version != 0 || objects != 0 {
        return Err(not_desk().into());
    }
    Ok(found)
}

/// Sets and verifies what every connection needs: WAL (kept in the file, so set only
/// when it is not), `synchronous = FULL`, and foreign keys (through the C interface,
/// which says whether they are on: no statement).
fn configure(conn: &Connection, found: &Found) -> Result<()> {
    if !found.journal_mode.eq_ignore_ascii_case("wal") {
        match conn.query_row("PRAGMA journal_mode = WAL", [], |r| r.get::<_, String>(0)) {
            Ok(mode) if mode.eq_ignore_ascii_case("wal") => {}
            Ok(mode) => bail!("could not switch the database to WAL mode (got {mode})"),
            // An import into an empty database holds it in rollback mode for its one
            // transaction (`interchange::RollbackJournal`) and puts WAL back when it
            // ends. This connection works in that mode meanwhile: it reads what was
            // there before the import, and a write waits for the import like any
            // other writer.
            Err(e) if is_busy(&e) => {}
            Err(e) => return Err(e.into()),
        }
    }
    conn.execute_batch("PRAGMA synchronous = FULL")?;
    let fk = conn.set_db_config(
        rusqlite::config::DbConfig::SQLITE_DBCONFIG_ENABLE_FKEY,
        true,
    )?;
    if !fk {
        bail!("could not set synchronous=FULL and foreign_keys=ON");
    }
    Ok(())
}

/// SQLite's "another connection holds the lock" (`SQLITE_BUSY`, `SQLITE_LOCKED`).
pub(crate) fn is_busy(e: &rusqlite::Error) -> bool {
    matches!(e, rusqlite::Error::SqliteFailure(f, _)
        if matches!(f.code, rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked))
}

/// `desk_fold(text)`: the search folding of `domain::text::fold`, for the FTS triggers;
/// and `COLLATE DESK_NOCASE`, which ignores case in any alphabet (SQLite's `NOCASE`
/// only knows ASCII), for the filters on names people type (`--org 'ääkköset oy'`).
fn register_functions(conn: &Connection) -> Result<()> {
    conn.create_scalar_function(
        "desk_fold",
        1,
        FunctionFlags::SQLITE_UTF8 | FunctionFlags::SQLITE_DETERMINISTIC,
        |ctx| {
            let v: Option<String> = ctx.get(0)?;
            Ok(v.map(|s| crate::domain::text::fold(&s)))
        },
    )?;
    conn.create_collation("DESK_NOCASE", crate::domain::text::cmp_ignoring_case)?;
    Ok(())
}

/// What kind of store failure an engine error is (see `store::error_kind`).
pub(crate) fn error_kind(cause: &(dyn std::error::Error + 'static)) -> Option<StoreErrorKind> {
    let Some(rusqlite::Error::SqliteFailure(e, _)) = cause.downcast_ref::<rusqlite::Error>() else {
        return None;
    };
    use rusqlite::ErrorCode::*;
    Some(match e.code {
        DatabaseBusy | DatabaseLocked => StoreErrorKind::Locked,
        NotADatabase => StoreErrorKind::NotADesk,
        CannotOpen => StoreErrorKind::Unavailable,
        ReadOnly => StoreErrorKind::ReadOnly,
        DatabaseCorrupt => StoreErrorKind::Corrupt,
        ConstraintViolation => StoreErrorKind::Conflict,
        _ => return None,
    })
}

/// The store's side of an engine failure: an error SQLite raised, of a kind the store
/// knows, becomes a [`StoreError`] of that kind with SQLite's error as its source (its
/// words unchanged); anything else passes as it is.
pub(crate) fn ours<T>(r: Result<T>) -> Result<T> {
    r.map_err(|e| match e.downcast::<rusqlite::Error>() {
        Ok(engine) => match error_kind(&engine) {
            Some(kind) => StoreError::engine(kind, engine).into(),
            None => engine.into(),
        },
        Err(e) => e,
    })
}

/// A constraint the database refused a write for (see `store::conflict`).
pub(crate) fn conflict(cause: &(dyn std::error::Error + 'static)) -> Option<super::Conflict> {
    match cause.downcast_ref::<rusqlite::Error>() {
        Some(rusqlite::Error::SqliteFailure(f, msg))
            if f.code == rusqlite::ErrorCode::ConstraintViolation =>
        {
            let message = msg.clone().unwrap_or_default();
            Some(super::Conflict {
                dedup_key: message.contains("dedup_key"),
                message,
            })
        }
        _ => None,
    }
}

/// Binds an optional value.
pub(crate) fn opt<T: ToString>(v: &Option<T>) -> Option<String> {
    v.as_ref().map(|x| x.to_string())
}

/// A full-text query in FTS5's syntax: every word quoted (so nothing in it is
/// syntax), as a prefix when asked, joined with AND or OR. None when it has no words.
pub(crate) fn match_expr(q: &crate::domain::search::TextQuery) -> Option<String> {
    use crate::domain::search::Join;
    if q.is_empty() {
        return None;
    }
    let star = if q.prefix { "*" } else { "" };
    let op = match q.join {
        Join::All => " AND ",
        Join::Any => " OR ",
    };
    Some(
        q.terms
            .iter()
            .map(|t| format!("\"{}\"{star}", t.replace('"', "")))
            .collect::<Vec<_>>()
            .join(op),
    )
}

#[cfg(test)]
mod tests {
    use super::match_expr;
    use crate::domain::search::{Join, TextQuery};

    #[test]
    fn text_queries_become_quoted_fts5_prefixes() {
        let q = |s: &str, j| match_expr(&TextQuery::words(s, j));
        assert_eq!(q("\"", Join::All), None);
        assert_eq!(q("*", Join::All), None);
        assert_eq!(q("AND (", Join::All).unwrap(), "\"and\"*");
        assert_eq!(q("-x", Join::All).unwrap(), "\"x\"*");
        assert_eq!(
            q("Sähkö-posti", Join::Any).unwrap(),
            "\"sähkö\"* OR \"posti\"*"
        );
        assert_eq!(
            match_expr(&TextQuery::any_of(&["sahko".into(), "vpn".into()])).unwrap(),
            "\"sahko\"* OR \"vpn\"*"
        );
        assert_eq!(match_expr(&TextQuery::any_of(&[])), None);
    }
}
