//! The only place with SQL. Opens the database (creating it and its folders on first
//! use with private modes, for a command that writes; read-only for one that only
//! reads), sets and verifies the pragmas, refuses files that are not `desk` databases
//! or were written by a newer `desk`, applies the numbered migrations (keeping a copy
//! of the file first), and runs every write as one short IMMEDIATE transaction.

pub mod db;
pub mod interchange;
pub mod kb;
pub mod report;
pub mod settings;
pub mod tickets;

use crate::error::DeskError;
use anyhow::{Context as _, Result, anyhow, bail};
use rusqlite::functions::FunctionFlags;
use rusqlite::{Connection, OpenFlags, Transaction, TransactionBehavior};
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
const MIGRATIONS: &[&str] = &[include_str!("migrations/0001_init.sql")];

/// The schema version this binary writes.
pub const SCHEMA_VERSION: i64 = MIGRATIONS.len() as i64;

/// What a command does with the database: a command that only reads opens it
/// read-only (so it works on a file the user may not write) and never creates it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    Read,
    Write,
}

pub struct Store {
    conn: Connection,
    path: PathBuf,
    /// No database at `path`: this store is an empty desk in memory (reads only).
    missing: bool,
    /// The file was opened read-only.
    read_only: bool,
    /// What opening it migrated: the version it had, and the copy kept of it.
    migrated: Option<(i64, Option<PathBuf>)>,
}

impl Store {
    /// Opens (or creates) the database at `path` for a command that writes.
    pub fn open(path: &Path) -> Result<Store> {
        Store::open_for(path, Access::Write)
    }

    /// Opens the database at `path`. For [`Access::Write`] it is created when missing and
    /// migrated when older; for [`Access::Read`] a missing (or still empty) file is an
    /// empty desk, and the file is opened read-only.
    pub fn open_for(path: &Path, access: Access) -> Result<Store> {
        // One look at the path: nothing there is a new database; a folder, a device
        // (`/dev/null`), a pipe is refused, where SQLite would fail late and vaguely,
        // or leave its journal next to it.
        let exists = match std::fs::metadata(path) {
            Ok(meta) if !meta.is_file() => {
                return Err(DeskError::runtime_hint(
                    format!("{} is not a database file", path.display()),
                    "--db and DESK_DB name a database file (a new path makes one); the path was left untouched",
                )
                .into());
            }
            Ok(_) => true,
            Err(_) => false,
        };
        match access {
            Access::Read if !exists => Store::empty(path),
            Access::Read => Store::open_read(path),
            Access::Write => {
                if !exists {
                    create_private(path)?;
                }
                Store::open_write(path)
            }
        }
    }

    /// An empty desk in memory, for a command that only reads a path with no database.
    fn empty(path: &Path) -> Result<Store> {
        let conn = Connection::open_in_memory()?;
        register_functions(&conn)?;
        conn.execute_batch("PRAGMA foreign_keys = ON")?;
        let mut store = Store {
            conn,
            path: path.to_path_buf(),
            missing: true,
            read_only: true,
            migrated: None,
        };
        store.apply_migrations(0)?;
        Ok(store)
    }

    fn open_read(path: &Path) -> Result<Store> {
        let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn = Connection::open_with_flags(path, flags)
            .with_context(|| format!("opening {}", path.display()))?;
        conn.busy_timeout(busy_timeout())?;
        register_functions(&conn)?;
        let identity = match check_identity(&conn, path) {
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
                let identity = check_identity(&conn, path)?;
                return Store::after_read_open(conn, path, identity);
            }
            other => other?,
        };
        Store::after_read_open(conn, path, identity)
    }

    fn after_read_open(conn: Connection, path: &Path, identity: Identity) -> Result<Store> {
        match identity {
            // Another desk is creating it this moment: nothing is committed yet.
            Identity::Blank => Store::empty(path),
            Identity::Desk(v) if v < SCHEMA_VERSION => {
                // An older schema: upgrade it as a writer would (keeping a copy), if
                // this user may; else say what to do.
                drop(conn);
                if !may_write(path) {
                    return Err(DeskError::runtime_hint(
                        format!(
                            "{} has schema {v}, and this desk needs {SCHEMA_VERSION}: it must be upgraded, and this user may not write it",
                            path.display()
                        ),
                        "whoever may write the file runs `desk db migrate` (it keeps a copy beside it)",
                    )
                    .into());
                }
                let s = Store::open_write(path)?;
                // The command only reads: read-only from here on.
                s.conn.execute_batch("PRAGMA query_only = ON")?;
                Ok(s)
            }
            Identity::Desk(_) => {
                conn.execute_batch("PRAGMA foreign_keys = ON")?;
                Ok(Store {
                    conn,
                    path: path.to_path_buf(),
                    missing: false,
                    read_only: true,
                    migrated: None,
                })
            }
        }
    }

    fn open_write(path: &Path) -> Result<Store> {
        let conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .with_context(|| format!("opening {}", path.display()))?;
        let read_only = || {
            DeskError::runtime_hint(
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
        let prepared = check_identity(&conn, path).and_then(|_| {
            configure(&conn).with_context(|| format!("configuring {}", path.display()))
        });
        match prepared {
            Err(e) if is_read_only_error(&e) => return Err(read_only().into()),
            other => other?,
        }
        let mut store = Store {
            conn,
            path: path.to_path_buf(),
            missing: false,
            read_only: false,
            migrated: None,
        };
        let (from, copy) = store.migrate()?;
        if from < SCHEMA_VERSION {
            store.migrated = Some((from, copy));
        }
        Ok(store)
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    pub fn conn(&self) -> &Connection {
        &self.conn
    }

    /// No database at the path: this is an empty desk, answering reads.
    pub fn is_missing(&self) -> bool {
        self.missing
    }

    pub fn is_read_only(&self) -> bool {
        self.read_only
    }

    /// What opening the file migrated: the schema version it had (0: none, it was
    /// new), and where the copy of it was kept.
    pub fn migrated(&self) -> Option<&(i64, Option<PathBuf>)> {
        self.migrated.as_ref()
    }

    /// Runs `f` in one IMMEDIATE transaction: all of it is written, or none.
    pub fn write<T>(&mut self, f: impl FnOnce(&Transaction) -> Result<T>) -> Result<T> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let out = f(&tx)?;
        tx.commit()?;
        Ok(out)
    }

    /// The schema version of the file.
    pub fn schema_version(&self) -> Result<i64> {
        Ok(self
            .conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))?)
    }

    /// Applies the migrations this file lacks, in one IMMEDIATE transaction, after
    /// keeping a copy of a file that had a schema (`desk.db.before-vN`). Returns the
    /// version before, and the copy it made.
    fn migrate(&mut self) -> Result<(i64, Option<PathBuf>)> {
        self.migrate_with(MIGRATIONS)
    }

    /// [`Store::migrate`] with the given list of migrations (a test adds one).
    fn migrate_with(&mut self, migrations: &[&str]) -> Result<(i64, Option<PathBuf>)> {
        let target = migrations.len() as i64;
        let current = self.schema_version()?;
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
        if current > 0 {
            // Nobody else can write while this transaction holds the lock: the copy is
            // the file exactly as the migration finds it.
            copy = Some(copy_before_migration(&path, current)?);
        }
        for (i, sql) in migrations.iter().enumerate().skip(current as usize) {
            tx.execute_batch(sql)
                .with_context(|| format!("applying migration {}", i + 1))?;
        }
        tx.execute_batch(&format!(
            "PRAGMA application_id = {APPLICATION_ID}; PRAGMA user_version = {target};"
        ))?;
        tx.commit()?;
        Ok((current, copy))
    }

    fn apply_migrations(&mut self, from: i64) -> Result<()> {
        self.write(|tx| {
            for sql in MIGRATIONS.iter().skip(from as usize) {
                tx.execute_batch(sql)?;
            }
            tx.execute_batch(&format!(
                "PRAGMA application_id = {APPLICATION_ID}; PRAGMA user_version = {SCHEMA_VERSION};"
            ))?;
            Ok(())
        })
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
    db::backup_to(&src, &target).with_context(|| {
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

fn sqlite_code(e: &anyhow::Error) -> Option<rusqlite::ErrorCode> {
    e.chain()
        .find_map(|c| match c.downcast_ref::<rusqlite::Error>() {
            Some(rusqlite::Error::SqliteFailure(f, _)) => Some(f.code),
            _ => None,
        })
}

/// SQLite could not write the file or make its journal beside it.
fn is_read_only_error(e: &anyhow::Error) -> bool {
    matches!(
        sqlite_code(e),
        Some(
            rusqlite::ErrorCode::ReadOnly
                | rusqlite::ErrorCode::CannotOpen
                | rusqlite::ErrorCode::PermissionDenied
        )
    )
}

/// Whether this user may write the file (asked of the system, as root is answered too).
fn may_write(path: &Path) -> bool {
    std::fs::OpenOptions::new().append(true).open(path).is_ok()
}

fn too_new(version: i64) -> DeskError {
    DeskError::runtime_hint(
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

/// What a file holds, as far as opening it goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Identity {
    /// Nothing yet: a new file (or one another desk is creating this moment).
    Blank,
    /// A desk database of this schema version (not newer than this binary's).
    Desk(i64),
}

/// Refuses, before anything is written, a file that is not ours or is too new. The
/// three values are read in one transaction, so they come from one moment of the
/// file: read apart, a file another desk was creating could show its schema but not
/// yet its mark, and be refused as foreign.
fn check_identity(conn: &Connection, path: &Path) -> Result<Identity> {
    let not_desk = || {
        DeskError::runtime_hint(
            format!("{} is not a desk database", path.display()),
            "point --db or DESK_DB at a desk database, or at a new path to create one; the file was left untouched",
        )
    };
    let read = || -> rusqlite::Result<(i32, i64, i64)> {
        conn.execute_batch("BEGIN DEFERRED")?;
        let values = (|| -> rusqlite::Result<(i32, i64, i64)> {
            let app_id: i32 = conn.query_row("PRAGMA application_id", [], |r| r.get(0))?;
            let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
            let objects: i64 =
                conn.query_row("SELECT count(*) FROM sqlite_master", [], |r| r.get(0))?;
            Ok((app_id, version, objects))
        })();
        let ended = conn.execute_batch("COMMIT");
        let values = values?;
        ended?;
        Ok(values)
    };
    let (app_id, version, objects) = match read() {
        Ok(v) => v,
        Err(rusqlite::Error::SqliteFailure(e, _))
            if e.code == rusqlite::ErrorCode::NotADatabase =>
        {
            return Err(not_desk().into());
        }
        Err(e) => return Err(e).with_context(|| format!("reading {}", path.display())),
    };
    if app_id == APPLICATION_ID {
        if version > SCHEMA_VERSION {
            return Err(too_new(version).into());
        }
        return Ok(Identity::Desk(version));
    }
    if app_id != 0 || version != 0 || objects != 0 {
        return Err(not_desk().into());
    }
    Ok(Identity::Blank)
}

/// Sets and verifies the pragmas every connection that writes needs.
fn configure(conn: &Connection) -> Result<()> {
    match conn.query_row("PRAGMA journal_mode = WAL", [], |r| r.get::<_, String>(0)) {
        Ok(mode) if mode.eq_ignore_ascii_case("wal") => {}
        Ok(mode) => bail!("could not switch the database to WAL mode (got {mode})"),
        // Another desk is switching a new file to WAL this moment: it will be WAL.
        Err(e) if is_busy(&e) => {}
        Err(e) => return Err(e.into()),
    }
    conn.execute_batch("PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON;")?;
    let sync: i64 = conn.query_row("PRAGMA synchronous", [], |r| r.get(0))?;
    let fk: i64 = conn.query_row("PRAGMA foreign_keys", [], |r| r.get(0))?;
    if sync != 2 || fk != 1 {
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

/// Binds an optional value.
pub(crate) fn opt<T: ToString>(v: &Option<T>) -> Option<String> {
    v.as_ref().map(|x| x.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_schema_upgrade_keeps_a_copy_of_the_file_as_it_was() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("desk.db");
        let mut s = Store::open(&path).unwrap();
        s.write(|tx| {
            tx.execute(
                "INSERT INTO settings (key, value) VALUES ('hours', 'mon-fri 08:00-16:00')",
                [],
            )?;
            Ok(())
        })
        .unwrap();
        // A release that adds migration 2.
        let next = [MIGRATIONS[0], "CREATE TABLE later (x INTEGER) STRICT;"];
        let (from, copy) = s.migrate_with(&next).unwrap();
        assert_eq!(from, 1);
        let copy = copy.expect("a copy");
        assert_eq!(copy, dir.path().join("desk.db.before-v1"));
        assert_eq!(s.schema_version().unwrap(), 2);
        // The copy is the database as it was: version 1, its rows, no new table.
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
        assert_eq!((v, hours.as_str(), later), (1, "mon-fri 08:00-16:00", 0));
        // Once migrated, nothing more to do, and no second copy.
        assert_eq!(s.migrate_with(&next).unwrap(), (2, None));
        // A second upgrade from the same version never replaces the first copy.
        let mut s = Store::open(&dir.path().join("other.db")).unwrap();
        std::fs::write(dir.path().join("other.db.before-v1"), b"older copy").unwrap();
        let (_, copy) = s.migrate_with(&next).unwrap();
        assert_eq!(copy.unwrap(), dir.path().join("other.db.before-v1.1"));
        assert_eq!(
            std::fs::read(dir.path().join("other.db.before-v1")).unwrap(),
            b"older copy"
        );
    }
}
