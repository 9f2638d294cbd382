//! The PostgreSQL engine: a desk shared by a team. Opens a connection (`conn.rs`),
//! refuses databases that are not desks or were written by a newer desk, applies the
//! numbered migrations of `migrations/` (as a role allowed to), and answers the store's
//! interface (`txn.rs`, `import.rs`). Readers get a REPEATABLE READ snapshot and never
//! wait; writers take turns through a transaction advisory lock, waiting at most the
//! busy timeout. Every statement is one round trip (typed queries, no separate
//! prepare), counted for `DESK_TRACE_ROUNDTRIPS`.

pub mod conn;
mod copy;
mod import;
#[cfg(test)]
pub(crate) mod scratch;
mod txn;

use super::{Access, StoreError, StoreErrorKind};
use anyhow::{Context as _, Result};
use conn::Target;
use postgres::error::SqlState;
use postgres::types::ToSql;
use postgres::{Client, Row, SimpleQueryMessage};

/// The advisory lock every writer of a desk takes (`DESK` in ASCII): one at a time.
pub const WRITE_LOCK: i64 = 0x4445_534B;

/// Append-only: a migration, once released, is never edited. Each is numbered by the
/// schema version it brings a database to, one numbering for both engines (so `db
/// status` and `db migrate` say the same on both; versions 1 to 3 exist on SQLite
/// only, PostgreSQL's first migration makes version 4's schema), and comes with the
/// oldest version whose desk can still use a database at it (a migration that only
/// adds keeps the version before it).
const MIGRATIONS: &[(i64, &str, i64)] = &[
    (4, include_str!("migrations/0004_init.sql"), 4),
    (5, include_str!("migrations/0005_orgs.sql"), 5),
    (6, include_str!("migrations/0006_org_limits.sql"), 5),
    (7, include_str!("migrations/0007_kb_search.sql"), 5),
];

/// The migration that adds `articles.body_words`, which desk fills for the articles
/// already there (the words are desk's own: SQL cannot make them).
const BODY_WORDS_MIGRATION: i64 = 7;

/// The schema version this binary writes.
pub const SCHEMA_VERSION: i64 = MIGRATIONS[MIGRATIONS.len() - 1].0;

/// The connection with its count of round trips.
pub struct Db {
    /// Lent to the import's COPY thread while it sends (`import.rs`); there always
    /// otherwise.
    client: Option<Client>,
    trips: u64,
    /// The desk's schema was made in this (import) transaction: nobody else can see
    /// its tables yet, so the import may set their indexes and foreign keys aside
    /// and build them once at the end (see `import.rs`).
    pub(crate) fresh_schema: bool,
    /// The statements that build what an import into a fresh schema set aside (its
    /// secondary indexes and foreign keys), run just before the commit.
    pub(crate) set_aside: Vec<String>,
    /// How to open a second connection to the same database as the same role (a
    /// large report's counts run on one: `txn/report.rs`, `counts_ahead`).
    pub(crate) again: Option<(postgres::Config, tokio_postgres_rustls::MakeRustlsConnect)>,
}

type P<'a> = (&'a (dyn ToSql + Sync), postgres::types::Type);

impl Db {
    /// A connection of its own: nothing lent out, nothing set aside, no second one.
    pub(crate) fn new(client: Client) -> Db {
        Db {
            client: Some(client),
            trips: 0,
            fresh_schema: false,
            set_aside: Vec::new(),
            again: None,
        }
    }

    pub fn query(&mut self, sql: &str, p: &[P]) -> Result<Vec<Row>, postgres::Error> {
        self.trips += 1;
        self.c().query_typed(sql, p)
    }

    /// Runs a query and hands each row to `f` as it arrives, instead of collecting
    /// them all first: desk works on the rows while the server is still sending (a
    /// report's 34,000 rows at 1M tickets), and never holds them all at once.
    pub fn each(
        &mut self,
        sql: &str,
        p: &[P],
        mut f: impl FnMut(&Row) -> anyhow::Result<()>,
    ) -> anyhow::Result<()> {
        use postgres::fallible_iterator::FallibleIterator as _;
        self.trips += 1;
        let mut rows = self.c().query_typed_raw(sql, p.iter().cloned())?;
        while let Some(row) = rows.next()? {
            f(&row)?;
        }
        Ok(())
    }

    pub fn execute(&mut self, sql: &str, p: &[P]) -> Result<u64, postgres::Error> {
        self.trips += 1;
        self.c().execute_typed(sql, p)
    }

    pub fn simple(&mut self, sql: &str) -> Result<Vec<SimpleQueryMessage>, postgres::Error> {
        self.trips += 1;
        self.c().simple_query(sql)
    }

    pub fn batch(&mut self, sql: &str) -> Result<(), postgres::Error> {
        self.trips += 1;
        self.c().batch_execute(sql)
    }

    pub fn client(&mut self) -> &mut Client {
        self.trips += 1;
        self.c()
    }

    fn c(&mut self) -> &mut Client {
        // Only the import lends the connection out, and it is back before anything
        // else runs (see `import::Sender`).
        self.client
            .as_mut()
            .expect("the connection is back from the import's COPY thread")
    }
}

pub struct PgStore {
    db: Db,
    target: Target,
    missing: bool,
    migrated: Option<(i64, Option<String>)>,
    read_only: bool,
    /// The schema version found.
    version: i64,
    access: Access,
    /// The schema was looked at (and made usable, or refused).
    settled: bool,
    /// An import found no desk: its schema is made inside the import's own
    /// transaction (`write`), not committed on its own first.
    deferred: bool,
}

impl Drop for PgStore {
    fn drop(&mut self) {
        if std::env::var_os("DESK_TRACE_ROUNDTRIPS").is_some_and(|v| v == "1") {
            eprintln!("desk: trace: {} round trips", self.db.trips);
        }
    }
}

/// What the first look at the database found.
enum Found {
    /// A desk at this schema version (and the oldest version that can use it).
    Desk { version: i64, compatible: i64 },
    /// No tables at all.
    Empty,
    /// Tables, none of them ours.
    Foreign,
}

impl PgStore {
    pub fn open_for(url: &str, access: Access) -> Result<PgStore> {
        let target = Target::parse(url)?;
        let tls = conn::tls(&target)?;
        let config = target.config();
        let client = config
            .connect(tls.clone())
            .map_err(|e| connect_error(&target, e))?;
        Ok(PgStore {
            db: Db {
                again: Some((config, tls)),
                ..Db::new(client)
            },
            target,
            missing: false,
            migrated: None,
            read_only: false,
            version: 0,
            access,
            settled: false,
            deferred: false,
        })
    }

    /// Whether a desk schema's version and compatibility let this desk use it as is.
    fn usable(version: i64, compatible: i64) -> bool {
        version == SCHEMA_VERSION || (version > SCHEMA_VERSION && compatible <= SCHEMA_VERSION)
    }

    /// Makes sure the database is a desk this binary can use (refusing it, creating or
    /// upgrading the schema, or setting up an empty desk for reads). Done once, at the
    /// first transaction (whose first statement looks at the schema, so that a current
    /// desk costs no round trip of its own) or before `status` and `check`.
    pub(crate) fn settle(&mut self) -> Result<()> {
        if self.settled {
            return Ok(());
        }
        let access = self.access;
        let found = self.identify()?;
        match found {
            Found::Foreign => Err(StoreError::new(
                StoreErrorKind::NotADesk,
                format!("{} is not a desk database", self.target.shown()),
                "it holds other tables: desk needs a database of its own (createdb one and point --db or DESK_DB at it); nothing was changed",
            )
            .into()),
            Found::Desk { version, compatible } if version > SCHEMA_VERSION && compatible > SCHEMA_VERSION => {
                Err(too_new(version).into())
            }
            Found::Desk { version, .. } if version >= SCHEMA_VERSION => {
                self.version = version;
                self.settled = true;
                Ok(())
            }
            Found::Empty if access == Access::Read => {
                self.empty_desk()?;
                self.settled = true;
                Ok(())
            }
            // An import into a database with no desk makes the schema in its own
            // transaction (`Storage::write`): until it commits, readers find no desk
            // and answer as an empty one, without waiting, and a failed import leaves
            // the database as it found it.
            Found::Empty if access == Access::Import => {
                self.deferred = true;
                self.version = SCHEMA_VERSION;
                self.settled = true;
                Ok(())
            }
            Found::Empty | Found::Desk { .. } => {
                let from = match found {
                    Found::Desk { version, .. } => version,
                    _ => 0,
                };
                match self.migrate(from) {
                    Ok(before) => {
                        if before < SCHEMA_VERSION {
                            self.migrated = Some((before, None));
                        }
                        self.version = SCHEMA_VERSION;
                        self.settled = true;
                        Ok(())
                    }
                    Err(e) => Err(self.migrate_error(from, e)),
                }
            }
        }
    }

    /// One statement: the meta table's rows; when there is none, whether the schema
    /// holds anything else.
    fn identify(&mut self) -> Result<Found> {
        match self
            .db
            .simple("SELECT key, value FROM desk_meta WHERE key IN ('desk', 'schema_version', 'compatible_with')")
        {
            Ok(msgs) => {
                let mut desk = false;
                let (mut version, mut compatible) = (0, 0);
                for m in msgs {
                    if let SimpleQueryMessage::Row(r) = m {
                        let v = r.get(1).unwrap_or("");
                        match r.get(0) {
                            Some("desk") => desk = v == "desk",
                            Some("schema_version") => version = v.parse().unwrap_or(0),
                            Some("compatible_with") => compatible = v.parse().unwrap_or(0),
                            _ => {}
                        }
                    }
                }
                if !desk {
                    return Ok(Found::Foreign);
                }
                Ok(Found::Desk {
                    version,
                    compatible: if compatible == 0 { version } else { compatible },
                })
            }
            Err(e) if e.code() == Some(&SqlState::UNDEFINED_TABLE) => {
                let rows = self.db.query(
                    "SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                     WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p', 'v', 'm', 'f')",
                    &[],
                )?;
                let n: i64 = rows.first().map_or(0, |r| r.get(0));
                Ok(if n == 0 { Found::Empty } else { Found::Foreign })
            }
            Err(e) => Err(ours_pg(e)),
        }
    }

    /// A database with no desk, for a command that only reads: the schema in this
    /// session's temporary tables (gone when it ends), so every read answers as an
    /// empty desk would, and nothing is written.
    fn empty_desk(&mut self) -> Result<()> {
        let mut sql = String::from("SET search_path = pg_temp;\n");
        for (_, m, _) in MIGRATIONS {
            // Functions and triggers are not made in pg_temp; an empty desk needs none.
            sql.push_str(&strip_functions(m));
        }
        sql.push_str(&zone_row());
        self.db.batch(&sql).context("setting up an empty desk")?;
        self.missing = true;
        Ok(())
    }

    /// Applies the migrations the database lacks, in one transaction under the
    /// writers' lock. Returns the version it had.
    fn migrate(&mut self, _seen: i64) -> Result<i64> {
        let timeout = super::sqlite::busy_timeout().as_millis();
        self.db
            .batch(&format!(
                "BEGIN; SET LOCAL lock_timeout = {timeout}; SELECT pg_advisory_xact_lock({WRITE_LOCK})"
            ))
            .map_err(ours_pg)?;
        let run = (|| -> Result<i64> {
            // Another desk may have migrated while we waited for the lock.
            let exists = self
                .db
                .query("SELECT to_regclass('desk_meta') IS NOT NULL", &[])?
                .first()
                .is_some_and(|r| r.get::<_, bool>(0));
            let current: i64 = if exists {
                self.db
                    .query(
                        "SELECT value FROM desk_meta WHERE key = 'schema_version'",
                        &[],
                    )?
                    .first()
                    .and_then(|r| r.get::<_, String>(0).parse().ok())
                    .unwrap_or(0)
            } else {
                0
            };
            if current >= SCHEMA_VERSION {
                return Ok(current);
            }
            self.db.batch(&migrations_from(current))?;
            if current > 0 && current < BODY_WORDS_MIGRATION {
                txn::fill_body_words(&mut self.db)?;
            }
            Ok(current)
        })();
        match run {
            Ok(v) => {
                self.db.batch("COMMIT").map_err(ours_pg)?;
                Ok(v)
            }
            Err(e) => {
                let _ = self.db.batch("ROLLBACK");
                Err(e)
            }
        }
    }

    /// A migration refused for want of rights: exit 1 with whom to ask.
    fn migrate_error(&self, from: i64, e: anyhow::Error) -> anyhow::Error {
        if !is_code(&e, &SqlState::INSUFFICIENT_PRIVILEGE) {
            return e;
        }
        StoreError::new(
            StoreErrorKind::ReadOnly,
            if from == 0 {
                format!(
                    "{} has no desk schema yet, and this role may not create it",
                    self.target.shown()
                )
            } else {
                format!(
                    "{} has schema {from}, and this desk needs {SCHEMA_VERSION}: it must be upgraded, and this role may not",
                    self.target.shown()
                )
            },
            "ask the owner of the database to run `desk db migrate`",
        )
        .into()
    }

    /// The import's write transaction on a database that had no desk when it was
    /// opened: under the writers' lock, the schema is made in the transaction itself
    /// (and the import told so, `Db::fresh_schema`). When another desk made the schema
    /// meanwhile, the transaction is given up and the desk found is used as any other.
    pub(crate) fn begin_fresh(&mut self, begin: &str, lock: &str) -> Result<bool> {
        self.deferred = false;
        self.db
            .batch(&format!("{begin}; {lock}"))
            .map_err(ours_pg)?;
        let made = (|| -> Result<bool> {
            let exists = self
                .db
                .query("SELECT to_regclass('desk_meta') IS NOT NULL", &[])?
                .first()
                .is_some_and(|r| r.get::<_, bool>(0));
            if exists {
                return Ok(false);
            }
            self.db
                .batch(&migrations_from(0))
                .map_err(|e| self.migrate_error(0, e.into()))?;
            Ok(true)
        })();
        match made {
            Ok(true) => {
                self.migrated = Some((0, None));
                self.db.fresh_schema = true;
                Ok(true)
            }
            Ok(false) => {
                let _ = self.db.batch("ROLLBACK");
                self.settled = false;
                Ok(false)
            }
            Err(e) => {
                let _ = self.db.batch("ROLLBACK");
                Err(e)
            }
        }
    }

    pub fn location(&self) -> String {
        self.target.shown()
    }
}

/// The migrations after version `current`, and the meta rows of the version they
/// make, as one batch.
fn migrations_from(current: i64) -> String {
    let mut sql = String::new();
    for (v, m, _) in MIGRATIONS.iter().filter(|(v, _, _)| *v > current) {
        sql.push_str(&format!("-- migration {v}\n{m}\n"));
    }
    let compatible = MIGRATIONS.last().map_or(SCHEMA_VERSION, |(_, _, c)| *c);
    sql.push_str(&zone_row());
    sql.push_str(&format!(
        "INSERT INTO desk_meta (key, value) VALUES ('desk', 'desk'),
           ('schema_version', '{SCHEMA_VERSION}'), ('compatible_with', '{compatible}')
         ON CONFLICT (key) DO UPDATE SET value = excluded.value;"
    ));
    sql
}

/// The migration without its functions, triggers, `DO` blocks and row-level security
/// (for the temporary empty desk, which only reads and has nothing to limit).
fn strip_functions(sql: &str) -> String {
    let mut out = String::new();
    let mut skipping = false;
    for stmt in sql.split_inclusive(";\n") {
        let s = stmt.trim_start();
        let body: String = s
            .lines()
            .filter(|l| !l.trim_start().starts_with("--"))
            .collect::<Vec<_>>()
            .join("\n");
        let b = body.trim_start();
        if b.starts_with("CREATE FUNCTION") || b.starts_with("DO $$") {
            skipping = !b.contains("$$;") && !b.trim_end().ends_with("$$;");
            continue;
        }
        if skipping {
            if b.contains("$$;") {
                skipping = false;
            }
            continue;
        }
        if b.starts_with("CREATE TRIGGER")
            || b.starts_with("CREATE POLICY")
            || (b.starts_with("ALTER TABLE") && b.contains("ROW LEVEL SECURITY"))
        {
            continue;
        }
        out.push_str(stmt);
    }
    out
}

/// The desk's `timezone` setting as a new desk takes it: the zone of the process that
/// creates it (as on SQLite).
fn zone_row() -> String {
    let zone = crate::system::process_zone();
    format!(
        "\nINSERT INTO settings (key, value) VALUES ('timezone', '{}') ON CONFLICT (key) DO NOTHING;\n",
        zone.name().replace('\'', "''")
    )
}

fn too_new(version: i64) -> StoreError {
    StoreError::new(
        StoreErrorKind::TooNew,
        format!(
            "the database was written by a newer desk (schema {version}, this desk knows {SCHEMA_VERSION})"
        ),
        "upgrade desk; the database was left untouched",
    )
}

fn is_code(e: &anyhow::Error, code: &SqlState) -> bool {
    e.chain().any(|c| {
        c.downcast_ref::<postgres::Error>()
            .is_some_and(|p| p.code() == Some(code))
    })
}

/// Why a connection failed, naming the server and never the password.
fn connect_error(t: &Target, e: postgres::Error) -> anyhow::Error {
    if let Some(db) = e.as_db_error() {
        let code = db.code();
        let (msg, hint) = if *code == SqlState::INVALID_PASSWORD
            || *code == SqlState::INVALID_AUTHORIZATION_SPECIFICATION
        {
            (
                format!(
                    "PostgreSQL at {} refused the login of {:?}: {}",
                    t.server(),
                    t.user,
                    db.message()
                ),
                "check the user and the password (in the URL, $PGPASSWORD or ~/.pgpass, which must be private: chmod 600)",
            )
        } else if *code == SqlState::INVALID_CATALOG_NAME {
            (
                format!(
                    "PostgreSQL at {} has no database {:?}",
                    t.server(),
                    t.dbname
                ),
                "create it (createdb, or CREATE DATABASE) and run `desk db migrate`",
            )
        } else {
            (
                format!(
                    "PostgreSQL at {} refused the connection: {}",
                    t.server(),
                    db.message()
                ),
                "check --db or DESK_DB, and that this role may connect",
            )
        };
        return StoreError::new(StoreErrorKind::Unavailable, msg, hint).into();
    }
    // Not the server's words: the transport's (refused, unreachable, TLS).
    let mut why = e.to_string();
    let mut src = std::error::Error::source(&e);
    while let Some(s) = src {
        why = format!("{why}: {s}");
        src = s.source();
    }
    // The server asked for a password and none was found anywhere.
    if why.contains("password missing") {
        return StoreError::new(
            StoreErrorKind::Unavailable,
            format!(
                "PostgreSQL at {} asks {:?} for a password, and none was given",
                t.server(),
                t.user
            ),
            "put it in ~/.pgpass (chmod 600) or $PGPASSWORD, or in the URL",
        )
        .into();
    }
    // TLS: the server answered, but its certificate does not check out.
    if why.contains("certificate") {
        return StoreError::new(
            StoreErrorKind::Unavailable,
            format!("cannot verify PostgreSQL at {}: {why}", t.server()),
            "name the root that signed its certificate with sslrootcert=FILE in the URL (or SSL_CERT_FILE), and use the name the certificate is for",
        )
        .into();
    }
    StoreError::new(
        StoreErrorKind::Unavailable,
        format!("cannot reach PostgreSQL at {}: {why}", t.server()),
        "check the host and port in --db or DESK_DB, that the server is running, and its sslmode",
    )
    .into()
}

/// What kind of store failure an engine error is (see `store::error_kind`).
pub(crate) fn error_kind(cause: &(dyn std::error::Error + 'static)) -> Option<StoreErrorKind> {
    if cause.downcast_ref::<DedupTaken>().is_some() {
        return Some(StoreErrorKind::Conflict);
    }
    let e = cause.downcast_ref::<postgres::Error>()?;
    if e.is_closed() {
        return Some(StoreErrorKind::Unavailable);
    }
    let code = e.code()?;
    Some(match code.code() {
        "55P03" | "40001" | "40P01" => StoreErrorKind::Locked,
        "42501" | "25006" => StoreErrorKind::ReadOnly,
        "23505" | "23503" | "23514" | "23502" | "23P01" => StoreErrorKind::Conflict,
        "XX001" | "XX002" => StoreErrorKind::Corrupt,
        _ => return None,
    })
}

/// An imported ticket whose monitoring key another active ticket has: found by the
/// import itself (PostgreSQL would only say so when the rows are sent, and abort).
#[derive(Debug)]
pub(crate) struct DedupTaken(pub String);

impl std::fmt::Display for DedupTaken {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "another active ticket has the dedup key {:?}", self.0)
    }
}

impl std::error::Error for DedupTaken {}

/// A constraint the database refused a write for (see `store::conflict`).
pub(crate) fn conflict(cause: &(dyn std::error::Error + 'static)) -> Option<super::Conflict> {
    if let Some(d) = cause.downcast_ref::<DedupTaken>() {
        return Some(super::Conflict {
            dedup_key: true,
            message: d.to_string(),
        });
    }
    let db = cause.downcast_ref::<postgres::Error>()?.as_db_error()?;
    if !db.code().code().starts_with("23") {
        return None;
    }
    Some(super::Conflict {
        dedup_key: db.constraint() == Some("tickets_dedup"),
        message: db.message().to_string(),
    })
}

/// The store's side of a PostgreSQL failure: a write this role may not make is a
/// refusal with what to do; other known kinds keep the server's error as their
/// source; the rest pass as they are.
pub(crate) fn ours_pg(e: postgres::Error) -> anyhow::Error {
    let said = e.as_db_error().map(|d| d.message().to_string());
    match error_kind(&e) {
        // A role limited to some organisations (desk db grant --org) writing a ticket
        // outside them: the policies' WITH CHECK.
        Some(StoreErrorKind::ReadOnly)
            if said.as_deref().is_some_and(|m| m.contains("row-level security")) =>
        {
            StoreError::new(
                StoreErrorKind::ReadOnly,
                "this PostgreSQL role works only the tickets of its organisations, and this change would put a ticket outside them",
                "give the ticket one of this role's organisations (--org NAME); `desk db grant` without --org lets a role work every ticket",
            )
            .into()
        }
        // The desk's settings and organisations, for a role limited to some.
        Some(StoreErrorKind::ReadOnly)
            if said.as_deref().is_some_and(|m| {
                m.contains("permission denied for table settings")
                    || m.contains("permission denied for table org")
            }) =>
        {
            StoreError::new(
                StoreErrorKind::ReadOnly,
                format!(
                    "this PostgreSQL role may not change the desk's settings or organisations: {}",
                    said.unwrap_or_default()
                ),
                "an agent granted without --org (or the desk's owner) changes them",
            )
            .into()
        }
        Some(StoreErrorKind::ReadOnly) => StoreError::new(
            StoreErrorKind::ReadOnly,
            format!(
                "this PostgreSQL role may not make this change: {}",
                e.as_db_error().map_or_else(|| e.to_string(), |d| d.message().to_string())
            ),
            "commands that only read (list, show, report, export) work; ask the desk's owner for `desk db grant ROLE --agent`",
        )
        .into(),
        Some(kind) => StoreError::engine(kind, e).into(),
        None => e.into(),
    }
}

/// [`ours_pg`] for a result whose error may be a PostgreSQL one.
pub(crate) fn ours<T>(r: Result<T>) -> Result<T> {
    r.map_err(|e| match e.downcast::<postgres::Error>() {
        Ok(pg) => ours_pg(pg),
        Err(e) => e,
    })
}

impl super::columns::Columns for Row {
    fn int(&self, i: usize) -> Result<i64> {
        Ok(self.try_get(i)?)
    }

    fn opt_int(&self, i: usize) -> Result<Option<i64>> {
        Ok(self.try_get(i)?)
    }

    fn flag(&self, i: usize) -> Result<bool> {
        Ok(self.try_get(i)?)
    }

    fn text(&self, i: usize) -> Result<String> {
        Ok(self.try_get(i)?)
    }

    fn opt_text(&self, i: usize) -> Result<Option<String>> {
        Ok(self.try_get(i)?)
    }

    fn str(&self, i: usize) -> Result<&str> {
        Ok(self.try_get(i)?)
    }
}
