//! The SQLite engine, the only place with SQL. Opens the database (creating it and
//! its folders on first use with private modes), sets and verifies the pragmas,
//! refuses files that are not `desk` databases or were written by a newer `desk`,
//! applies the numbered migrations, and runs every write as one short IMMEDIATE
//! transaction. `txn.rs` answers the store's interface with the queries of the other
//! files.

pub mod db;
pub mod interchange;
pub mod kb;
pub mod orgs;
pub mod outbox;
pub mod report;
pub mod settings;
pub mod tickets;
mod txn;

use super::{Access, StoreError, StoreErrorKind};
use anyhow::{Context as _, Result, anyhow, bail};
use rusqlite::functions::FunctionFlags;
use rusqlite::{Connection, OpenFlags, TransactionBehavior};
use std::path::{Path, PathBuf};
use std::time::Duration;

/// `DESK` in ASCII: marks the file as ours (`PRAGMA application_id`).
pub const APPLICATION_ID: i32 = 0x4445_534B;

/// How long a writer waits for another before giving up with exit 75.
pub const BUSY_TIMEOUT: Duration = Duration::from_secs(10);

/// The busy timeout in force: [`BUSY_TIMEOUT`], or for tests (which should not wait
/// ten seconds to see a lock held) `DESK_BUSY_TIMEOUT_MS`. Not part of the interface.
pub fn busy_timeout() -> Duration {
    std::env::var("DESK_BUSY_TIMEOUT_MS")
        .ok()
        .and_then(|v| v.trim().parse::<u64>().ok())
        .map_or(BUSY_TIMEOUT, Duration::from_millis)
}

/// Append-only: a migration, once released, is never edited.
const MIGRATIONS: &[&str] = &[
    include_str!("migrations/0001_init.sql"),
    include_str!("migrations/0002_outbox.sql"),
    include_str!("migrations/0003_team.sql"),
    include_str!("migrations/0004_search_tokens.sql"),
    include_str!("migrations/0005_orgs.sql"),
    include_str!("migrations/0006_org_limits.sql"),
    include_str!("migrations/0007_kb_search.sql"),
];

/// The migration after which a desk has a `timezone` setting: the desk that runs it
/// stores its own zone (a new desk takes the creating process's zone the same way).
const ZONE_MIGRATION: usize = 3;

/// The schema version this binary writes.
pub const SCHEMA_VERSION: i64 = MIGRATIONS.len() as i64;

pub struct SqliteStore {
    conn: Connection,
    path: PathBuf,
    /// No database at `path`: this store is an empty desk in memory (reads only).
    missing: bool,
    /// What opening it migrated: the version it had, and the copy kept of it.
    migrated: Option<(i64, Option<PathBuf>)>,
    /// Who is really connected: the OS account of the process (`recorded_by` on the
    /// events its commands write). Asked of the system on the first write.
    account: std::cell::OnceCell<Option<String>>,
    /// The `timezone` setting as opening it read it (taken by the first `zone()`).
    zone: Option<Option<String>>,
}

impl SqliteStore {
    /// Opens (or creates) the database at `path` for a command that writes.
    pub fn open(path: &Path) -> Result<SqliteStore> {
        SqliteStore::open_for(path, Access::Write)
    }

    /// Opens the database at `path`. For [`Access::Write`] it is created when missing
    /// and migrated when older: two statements when it is current (what it is, and
    /// `synchronous`), as every command pays for them. For [`Access::Read`] the file is
    /// opened read-only, and a missing (or still blank) file is an empty desk.
    pub fn open_for(path: &Path, access: Access) -> Result<SqliteStore> {
        // One look at the path: nothing there is a new database; a folder, a device
        // (`/dev/null`), a pipe is refused, where SQLite would fail late and vaguely,
        // or leave its journal next to it.
        let exists = match std::fs::metadata(path) {
            Ok(meta) if !meta.is_file() => {
                return Err(StoreError::new(
                    StoreErrorKind::Unavailable,
                    format!("{} is not a database file", path.display()),
                    "--db and DESK_DB name a database file (a new path makes one); the path was left untouched",
                )
                .into());
            }
            Ok(_) => true,
            Err(_) => false,
        };
        match access {
            Access::Read if !exists => SqliteStore::empty(path),
            Access::Read => SqliteStore::open_read(path),
            Access::Write | Access::Import => {
                if !exists {
                    create_private(path)?;
                }
                SqliteStore::open_write_with(path, access == Access::Import)
            }
        }
    }

    /// A store over an open connection to the database at `path`, with the `timezone`
    /// setting opening it read.
    fn with(conn: Connection, path: &Path, zone: Option<Option<String>>) -> SqliteStore {
        SqliteStore {
            conn,
            path: path.to_path_buf(),
            missing: false,
            migrated: None,
            account: Default::default(),
            zone,
        }
    }

    /// An empty desk in memory, for a command that only reads a path with no database.
    fn empty(path: &Path) -> Result<SqliteStore> {
        let conn = Connection::open_in_memory()?;
        register_functions(&conn)?;
        conn.execute_batch("PRAGMA foreign_keys = ON")?;
        let mut store = SqliteStore::with(conn, path, None);
        store.missing = true;
        store.migrate_with(MIGRATIONS, 0, false)?;
        Ok(store)
    }

    fn open_read(path: &Path) -> Result<SqliteStore> {
        let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn = Connection::open_with_flags(path, flags)
            .with_context(|| format!("opening {}", path.display()))?;
        conn.busy_timeout(busy_timeout())?;
        register_functions(&conn)?;
        let found = match check_identity(&conn, path) {
            // A WAL database in a folder this user may not write, with no `-shm` file
            // beside it (nobody has it open): SQLite cannot make one to read through.
            // Nobody is writing then (a writer would have made it), so the file is read
            // as it stands.
            Err(e) if is_read_only_error(&e) => {
                drop(conn);
                let conn = Connection::open_with_flags(
                    format!("file:{}?immutable=1", uri_path(path)),
                    flags | OpenFlags::SQLITE_OPEN_URI,
                )
                .with_context(|| format!("opening {}", path.display()))?;
                register_functions(&conn)?;
                let found = check_identity(&conn, path)?;
                return SqliteStore::after_read_open(conn, path, found);
            }
            other => other?,
        };
        SqliteStore::after_read_open(conn, path, found)
    }

    fn after_read_open(conn: Connection, path: &Path, found: Found) -> Result<SqliteStore> {
        if found.blank {
            // Another desk is creating it this moment: nothing is committed yet.
            return SqliteStore::empty(path);
        }
        if found.version < SCHEMA_VERSION {
            // An older schema: upgrade it as a writer would (keeping a copy), if this
            // user may; else say what to do.
            drop(conn);
            if !may_write(path) {
                return Err(StoreError::new(
                    StoreErrorKind::ReadOnly,
                    format!(
                        "{} has schema {}, and this desk needs {SCHEMA_VERSION}: it must be upgraded, and this user may not write it",
                        path.display(),
                        found.version
                    ),
                    "whoever may write the file runs `desk db migrate` (it keeps a copy beside it)",
                )
                .into());
            }
            let s = SqliteStore::open_write(path)?;
            // The command only reads: read-only from here on.
            s.conn.execute_batch("PRAGMA query_only = ON")?;
            return Ok(s);
        }
        conn.execute_batch("PRAGMA foreign_keys = ON")?;
        Ok(SqliteStore::with(conn, path, found.zone))
    }

    fn open_write(path: &Path) -> Result<SqliteStore> {
        SqliteStore::open_write_with(path, false)
    }

    /// `bulk`: a blank file gets [`IMPORT_PAGE_SIZE`] pages.
    fn open_write_with(path: &Path, bulk: bool) -> Result<SqliteStore> {
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
        let read_only = || {
            StoreError::new(
                StoreErrorKind::ReadOnly,
                format!(
                    "{} is read-only for this user: this command writes, and cannot",
                    path.display()
                ),
                "desk writes the file and, beside it in its folder, its -wal and -shm files; commands that only read (list, show, report, export, db status) work",
            )
        };
        // SQLite opens a file it may not write read-only without a word.
        if conn.is_readonly(rusqlite::MAIN_DB)? {
            return Err(read_only().into());
        }
        conn.busy_timeout(busy_timeout())?;
        register_functions(&conn)?;
        let prepared = check_identity(&conn, path).and_then(|found| {
            configure(&conn, &found, bulk)
                .with_context(|| format!("configuring {}", path.display()))?;
            Ok(found)
        });
        let found = match prepared {
            Err(e) if is_read_only_error(&e) => return Err(read_only().into()),
            other => other?,
        };
        let mut store = SqliteStore::with(conn, path, found.zone);
        let (from, copy) = store.migrate_with(MIGRATIONS, found.version, true)?;
        if from < SCHEMA_VERSION {
            store.migrated = Some((from, copy));
        }
        if found.version < SCHEMA_VERSION {
            // A migration (ours or another desk's) may have set it: read it again.
            store.zone = None;
        }
        Ok(store)
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The connection, for tests that look into the file.
    pub fn conn(&self) -> &Connection {
        &self.conn
    }

    /// Applies the migrations this file lacks (`current` is the version it was found
    /// at), in one IMMEDIATE transaction, after keeping a copy of a file that had a
    /// schema (`desk.db.before-vN`, when `keep_copy`). Returns the version before, and
    /// the copy it made.
    fn migrate_with(
        &mut self,
        migrations: &[&str],
        current: i64,
        keep_copy: bool,
    ) -> Result<(i64, Option<PathBuf>)> {
        let target = migrations.len() as i64;
        if current == target {
            return Ok((current, None));
        }
        if current > target {
            return Err(too_new(current).into());
        }
        let path = self.path.clone();
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        // Another process may have migrated while we waited for the lock.
        let current: i64 = tx.query_row("PRAGMA user_version", [], |r| r.get(0))?;
        if current >= target {
            return Ok((current, None));
        }
        let mut copy = None;
        if current > 0 && keep_copy {
            // Nobody else can write while this transaction holds the lock: the copy is
            // the file exactly as the migration finds it.
            copy = Some(copy_before_migration(&path, current)?);
        }
        for (i, sql) in migrations.iter().enumerate().skip(current as usize) {
            tx.execute_batch(sql)
                .with_context(|| format!("applying migration {}", i + 1))?;
            if i + 1 == ZONE_MIGRATION {
                let zone = crate::system::process_zone();
                tx.execute(
                    "INSERT INTO settings (key, value) VALUES ('timezone', ?1)
                     ON CONFLICT (key) DO NOTHING",
                    [zone.name()],
                )
                .context("storing the desk's time zone")?;
            }
        }
        tx.execute_batch(&format!(
            "PRAGMA application_id = {APPLICATION_ID}; PRAGMA user_version = {target};"
        ))?;
        tx.commit()?;
        Ok((current, copy))
    }
}

/// Copies the database (through SQLite's online backup, from a second connection:
/// the caller holds the write lock) to `PATH.before-vN` beside it, or the first free
/// `PATH.before-vN.K` when an earlier copy is there. Returns where.
fn copy_before_migration(path: &Path, version: i64) -> Result<PathBuf> {
    let base = format!("{}.before-v{version}", path.display());
    let mut target = PathBuf::from(&base);
    let mut k = 1;
    while target.exists() {
        target = PathBuf::from(format!("{base}.{k}"));
        k += 1;
    }
    let src = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    src.busy_timeout(busy_timeout())?;
    db::backup_to(&src, &target, false).with_context(|| {
        format!(
            "keeping a copy of the database before upgrading its schema, in {}; nothing was changed",
            target.display()
        )
    })?;
    Ok(target)
}

/// A path as the path part of an SQLite `file:` URI.
fn uri_path(path: &Path) -> String {
    let raw = path.to_string_lossy();
    let mut out = String::with_capacity(raw.len());
    for b in raw.bytes() {
        if b.is_ascii_alphanumeric() || b"/-_.~".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// SQLite could not write the file or make its journal beside it.
fn is_read_only_error(e: &anyhow::Error) -> bool {
    e.chain()
        .any(|c| match c.downcast_ref::<rusqlite::Error>() {
            Some(rusqlite::Error::SqliteFailure(f, _)) => matches!(
                f.code,
                rusqlite::ErrorCode::ReadOnly
                    | rusqlite::ErrorCode::CannotOpen
                    | rusqlite::ErrorCode::PermissionDenied
            ),
            _ => false,
        })
}

/// Whether this user may write the file (asked of the system, as root is answered too).
pub(crate) fn may_write(path: &Path) -> bool {
    std::fs::OpenOptions::new().append(true).open(path).is_ok()
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
    /// Nothing in it yet: a new file (or one another desk is creating this moment).
    blank: bool,
    /// The `timezone` setting, when the file has a settings table.
    zone: Option<Option<String>>,
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
    let identity = |with_zone: bool| {
        let zone = if with_zone {
            ", (SELECT value FROM settings WHERE key = 'timezone')"
        } else {
            ""
        };
        conn.query_row(
            &format!(
                "SELECT a.application_id, u.user_version, j.journal_mode,
                        (SELECT count(*) FROM sqlite_master){zone}
                 FROM pragma_application_id a, pragma_user_version u, pragma_journal_mode j"
            ),
            [],
            |r| {
                let zone = if with_zone {
                    Some(
                        r.get_ref(4)?
                            .as_str_or_null()
                            .ok()
                            .flatten()
                            .map(str::to_string),
                    )
                } else {
                    None
                };
                Ok((
                    r.get::<_, i32>(0)?,
                    r.get(1)?,
                    r.get(2)?,
                    r.get::<_, i64>(3)?,
                    zone,
                ))
            },
        )
    };
    // The desk's zone comes along in the same statement (every command asks for it);
    // a file with no settings table (a new one, or not a desk) is asked again without.
    let read = match identity(true) {
        Err(rusqlite::Error::SqliteFailure(e, _)) if e.code == rusqlite::ErrorCode::Unknown => {
            identity(false)
        }
        other => other,
    };
    let (app_id, version, journal_mode, objects, zone) = match read {
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
        blank: app_id == 0 && version == 0 && objects == 0,
        zone,
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

/// The page size of a database that `desk import` creates. In WAL mode every page is
/// written twice (to the WAL, then by the checkpoint into the file) and read back from
/// the WAL by each index the import builds at its end, one system call per page: with
/// 8 KiB pages instead of SQLite's 4 KiB, an import of 100,000 tickets makes half as
/// many calls (BENCHMARKS.md, issue 15). Other new files keep the default.
pub const IMPORT_PAGE_SIZE: u32 = 8192;

/// Sets and verifies what every connection needs: WAL (kept in the file, so set only
/// when it is not), `synchronous = FULL`, and foreign keys (through the C interface,
/// which says whether they are on: no statement).
fn configure(conn: &Connection, found: &Found, bulk: bool) -> Result<()> {
    if bulk && found.blank {
        // Before the first write (and WAL, after which the page size is fixed).
        conn.execute_batch(&format!("PRAGMA page_size = {IMPORT_PAGE_SIZE}"))?;
    }
    if !found.journal_mode.eq_ignore_ascii_case("wal") {
        match conn.query_row("PRAGMA journal_mode = WAL", [], |r| r.get::<_, String>(0)) {
            Ok(mode) if mode.eq_ignore_ascii_case("wal") => {}
            Ok(mode) => bail!("could not switch the database to WAL mode (got {mode})"),
            // Another desk is switching a new file to WAL this moment: it will be WAL.
            // (A file an older desk left in rollback mode is switched back by the next
            // writer that has it alone.)
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

/// `desk_tokens(text)`: the words `domain::search::tokens` makes of a text, joined by
/// spaces, which is what the full-text indexes hold (the FTS triggers call it);
/// `desk_fold(text)`, `domain::text::fold`, which the indexes held before migration
/// 0004 (the triggers of 0001 call it while an old desk is brought up to date); and `COLLATE DESK_NOCASE`, which ignores case in any alphabet (SQLite's `NOCASE`
/// only knows ASCII), for the filters on names people type (`--org 'ääkköset oy'`).
fn register_functions(conn: &Connection) -> Result<()> {
    type TextFn = fn(&str) -> String;
    let functions: [(&str, TextFn); 2] = [
        ("desk_fold", crate::domain::text::fold),
        ("desk_tokens", crate::domain::search::index_text),
    ];
    for (name, f) in functions {
        let flags = FunctionFlags::SQLITE_UTF8 | FunctionFlags::SQLITE_DETERMINISTIC;
        conn.create_scalar_function(name, 1, flags, move |ctx| {
            let v: Option<String> = ctx.get(0)?;
            Ok(v.map(|s| f(&s)))
        })?;
    }
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

impl super::columns::Columns for rusqlite::Row<'_> {
    fn int(&self, i: usize) -> Result<i64> {
        Ok(self.get(i)?)
    }

    fn opt_int(&self, i: usize) -> Result<Option<i64>> {
        Ok(self.get(i)?)
    }

    fn flag(&self, i: usize) -> Result<bool> {
        Ok(self.get(i)?)
    }

    fn text(&self, i: usize) -> Result<String> {
        Ok(self.get(i)?)
    }

    fn opt_text(&self, i: usize) -> Result<Option<String>> {
        Ok(self.get(i)?)
    }

    fn str(&self, i: usize) -> Result<&str> {
        Ok(self.get_ref(i)?.as_str()?)
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
    use super::*;

    #[test]
    fn a_schema_upgrade_keeps_a_copy_of_the_file_as_it_was() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("desk.db");
        let mut s = SqliteStore::open(&path).unwrap();
        s.conn
            .execute(
                "INSERT INTO settings (key, value) VALUES ('hours', 'mon-fri 08:00-16:00')",
                [],
            )
            .unwrap();
        // A release that adds the next migration to this desk's.
        let now = SCHEMA_VERSION;
        let mut next = MIGRATIONS.to_vec();
        next.push("CREATE TABLE later (x INTEGER) STRICT;");
        let (from, copy) = s.migrate_with(&next, now, true).unwrap();
        assert_eq!(from, now);
        let copy = copy.expect("a copy");
        assert_eq!(copy, dir.path().join(format!("desk.db.before-v{now}")));
        let v: i64 = s
            .conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .unwrap();
        assert_eq!(v, now + 1);
        // The copy is the database as it was: its version, its rows, no new table.
        let c = Connection::open(&copy).unwrap();
        let v: i64 = c
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .unwrap();
        let hours: String = c
            .query_row("SELECT value FROM settings WHERE key = 'hours'", [], |r| {
                r.get(0)
            })
            .unwrap();
        let later: i64 = c
            .query_row(
                "SELECT count(*) FROM sqlite_master WHERE name = 'later'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!((v, hours.as_str(), later), (now, "mon-fri 08:00-16:00", 0));
        // Once migrated, nothing more to do, and no second copy.
        assert_eq!(
            s.migrate_with(&next, now + 1, true).unwrap(),
            (now + 1, None)
        );
        // A second upgrade from the same version never replaces the first copy.
        let mut s = SqliteStore::open(&dir.path().join("other.db")).unwrap();
        let first = dir.path().join(format!("other.db.before-v{now}"));
        std::fs::write(&first, b"older copy").unwrap();
        let (_, copy) = s.migrate_with(&next, now, true).unwrap();
        assert_eq!(
            copy.unwrap(),
            dir.path().join(format!("other.db.before-v{now}.1"))
        );
        assert_eq!(std::fs::read(&first).unwrap(), b"older copy");
    }

    /// Migration 0004 makes the search indexes again from their tables, with desk's
    /// words: a desk filed under 0003 (unicode61 over desk_fold) finds its rows after,
    /// `PC-0423` and an address as their parts, and `db check` finds the indexes sound.
    #[test]
    fn migration_0004_indexes_desks_words() {
        let conn = Connection::open_in_memory().unwrap();
        register_functions(&conn).unwrap();
        let mut s = SqliteStore {
            conn,
            path: PathBuf::from("memory"),
            missing: false,
            migrated: None,
            account: Default::default(),
            zone: None,
        };
        s.migrate_with(&MIGRATIONS[..3], 0, false).unwrap();
        s.conn
            .execute_batch(
                "INSERT INTO tickets (id, title, description, created_at, updated_at)
                     VALUES (1, 'Kone PC-0423 ei käynnisty', 'anna.kask@firma.ee soitti', 0, 0);
                 INSERT INTO comments (ticket_id, at, recorded_at, actor, text)
                     VALUES (1, 0, 0, 'x', 'Zgłoszenie: учётной записи йогурт');
                 INSERT INTO articles (title, body, author, created_at, updated_at)
                     VALUES ('Sähköposti ei toimi', 'Outlook: Ёлка', 'x', 0, 0);",
            )
            .unwrap();
        s.migrate_with(MIGRATIONS, 3, false).unwrap();
        assert!(db::check(&s.conn).unwrap().is_empty());
        let words = |table: &str| -> Vec<String> {
            s.conn
                .prepare(&format!(
                    "CREATE VIRTUAL TABLE IF NOT EXISTS temp.v_{table} USING fts5vocab(main, {table}, row);"
                ))
                .and_then(|mut st| st.raw_execute())
                .unwrap();
            s.conn
                .prepare(&format!("SELECT term FROM temp.v_{table} ORDER BY term"))
                .unwrap()
                .query_map([], |r| r.get(0))
                .unwrap()
                .collect::<rusqlite::Result<_>>()
                .unwrap()
        };
        assert_eq!(
            words("tickets_fts"),
            [
                "0423",
                "anna",
                "ee",
                "ei",
                "firma",
                "kask",
                "kaynnisty",
                "kone",
                "pc",
                "soitti"
            ]
        );
        assert_eq!(
            words("comments_fts"),
            ["zgloszenie", "записи", "йогурт", "учетной"]
        );
        assert_eq!(
            words("articles_fts"),
            ["ei", "outlook", "sahkoposti", "toimi", "елка"]
        );
        // The triggers index later rows the same way.
        s.conn
            .execute_batch("UPDATE articles SET body = 'IT-tuki: it-tuki@firma.fi' WHERE id = 1;")
            .unwrap();
        assert!(db::check(&s.conn).unwrap().is_empty());
        use crate::domain::search::{CorpusStats, Join, TextQuery, bm25, tokens};
        let q = TextQuery::words("IT-tuki", Join::All);
        let found = kb::article_candidates(&s.conn, &match_expr(&q).unwrap()).unwrap();
        // One article of nine words, matched by both words.
        let stats = CorpusStats {
            rows: 1,
            tokens: 9,
            matching: vec![1, 1],
        };
        let title = tokens("Sähköposti ei toimi");
        let body = tokens("IT-tuki: it-tuki@firma.fi");
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].score, bm25(&q, &stats, &title, &body));
    }

    #[test]
    fn text_queries_become_quoted_fts5_prefixes() {
        use crate::domain::search::{Join, TextQuery};
        let q = |s: &str, j| match_expr(&TextQuery::words(s, j));
        assert_eq!(q("\"", Join::All), None);
        assert_eq!(q("*", Join::All), None);
        assert_eq!(q("AND (", Join::All).unwrap(), "\"and\"*");
        assert_eq!(q("-x", Join::All).unwrap(), "\"x\"*");
        assert_eq!(
            q("Sähkö-posti", Join::Any).unwrap(),
            "\"sahko\"* OR \"posti\"*"
        );
        assert_eq!(
            match_expr(&TextQuery::any_of(&["sahko".into(), "vpn".into()])).unwrap(),
            "\"sahko\"* OR \"vpn\"*"
        );
        assert_eq!(match_expr(&TextQuery::any_of(&[])), None);
    }
}
