//! The storage contract: what each method of the store does, and how many statements
//! it costs, run against every engine by `storage_tests!` (PostgreSQL where `DESK_TEST_PG`
//! names a server; the statement counts are SQLite's, which logs them).
//!
//! `suite.rs` holds the tests, `corpus.rs` the search corpus, `budgets.rs` what whole
//! commands cost; here, the statement log and how each engine makes a fresh desk.

use std::cell::RefCell;
use std::sync::{Arc, Mutex};

thread_local! {
    /// Where the connections this thread opens log their statements, when a test asks.
    static LOG: RefCell<Option<Arc<Mutex<Vec<String>>>>> = const { RefCell::new(None) };
}

/// Logs every statement a connection opened on this thread runs, from now on.
pub fn count_statements() -> Arc<Mutex<Vec<String>>> {
    let log = Arc::new(Mutex::new(Vec::new()));
    LOG.with(|l| *l.borrow_mut() = Some(log.clone()));
    log
}

/// Called by the SQLite engine as it opens a connection.
pub(crate) fn trace(conn: &mut rusqlite::Connection) {
    use rusqlite::trace::{TraceEvent, TraceEventCodes};
    let Some(log) = LOG.with(|l| l.borrow().clone()) else {
        return;
    };
    let _ = conn.trace_v2(
        TraceEventCodes::SQLITE_TRACE_STMT,
        Some(move |e: TraceEvent<'_>| {
            // A trigger's program is announced as a comment, and FTS5 reads its own
            // shadow tables (`'main'.'comments_fts_config'`) inside our statements:
            // neither is a statement of ours, nor a round trip on any engine.
            if let TraceEvent::Stmt(_, sql) = e
                && !sql.starts_with("--")
                && !sql.contains("'main'.")
                && let Ok(mut log) = log.lock()
            {
                log.push(sql.to_string());
            }
        }),
    );
}

/// Stops logging on this thread.
fn stop_counting() {
    LOG.with(|l| *l.borrow_mut() = None);
}

/// The statements a desk command runs, from opening the store to the end.
fn statements_of(db: &std::path::Path, args: &[&str]) -> Vec<String> {
    use clap::Parser;
    let mut argv = vec![
        "desk",
        "--db",
        db.to_str().expect("a UTF-8 path"),
        "--user",
        "ana",
    ];
    argv.extend_from_slice(args);
    let cli = crate::cli::Cli::try_parse_from(argv).expect("valid arguments");
    let log = count_statements();
    let run = crate::commands::run(cli);
    stop_counting();
    run.expect("the command succeeds");
    log.lock().expect("the log").clone()
}

/// How many of `statements` run inside the write transaction (between its BEGIN and
/// COMMIT, both left out).
fn inside_write(statements: &[String]) -> usize {
    let begin = statements
        .iter()
        .position(|s| s.starts_with("BEGIN IMMEDIATE"))
        .expect("a write transaction");
    let commit = statements[begin..]
        .iter()
        .position(|s| s == "COMMIT")
        .expect("a commit");
    commit - 1
}

#[macro_use]
mod suite;
mod budgets;
mod corpus;

pub(crate) use corpus::{check_search_scores, file_search_corpus, search_corpus, search_queries};

storage_tests!(
    sqlite,
    dir: sqlite_dir,
    open: open_sqlite,
    login: crate::system::account_name,
    statements_counted: true
);
storage_tests!(
    postgres,
    dir: postgres_dir,
    open: open_postgres,
    login: postgres_login,
    statements_counted: false
);

/// A folder for a contract test's desk, with what must outlive the test's stores: on
/// PostgreSQL its scratch database, dropped with this value.
pub(crate) struct DeskDir {
    dir: tempfile::TempDir,
    _database: Option<crate::store::postgres::scratch::Scratch>,
}

impl DeskDir {
    pub fn path(&self) -> &std::path::Path {
        self.dir.path()
    }
}

/// A fresh SQLite desk's folder.
fn sqlite_dir() -> Option<DeskDir> {
    Some(DeskDir {
        dir: tempfile::tempdir().unwrap(),
        _database: None,
    })
}

/// The SQLite desk of `dir`: its file `desk.db`.
fn open_sqlite(dir: &std::path::Path) -> Box<dyn crate::store::Storage> {
    crate::store::open(&dir.join("desk.db")).expect("the store opens")
}

/// A fresh PostgreSQL desk's folder and its empty database on the `DESK_TEST_PG`
/// server, named after the folder; `None` without a server.
fn postgres_dir() -> Option<DeskDir> {
    use crate::store::postgres::scratch::{Scratch, server};
    let admin = server()?;
    let dir = tempfile::tempdir().unwrap();
    let db = Scratch::new(&admin, &postgres_name(dir.path()));
    Some(DeskDir {
        dir,
        _database: Some(db),
    })
}

/// The PostgreSQL desk of `dir`: the database [`postgres_dir`] made for it.
fn open_postgres(dir: &std::path::Path) -> Box<dyn crate::store::Storage> {
    let admin = crate::store::postgres::scratch::server().expect("a server");
    let url = crate::store::postgres::scratch::url(&admin, &postgres_name(dir));
    crate::store::open(std::path::Path::new(&url)).expect("the store opens")
}

/// The database of the folder `dir`: its name's bytes in hex, so no two folders share one.
fn postgres_name(dir: &std::path::Path) -> String {
    let folder = dir.file_name().expect("a folder").as_encoded_bytes();
    let hex: String = folder.iter().map(|b| format!("{b:02x}")).collect();
    format!("desk_contract_{hex}")
}

/// The login of the `DESK_TEST_PG` URL: what PostgreSQL records as `recorded_by`.
fn postgres_login() -> Option<String> {
    let admin = crate::store::postgres::scratch::server()?;
    let config: ::postgres::Config = admin.parse().expect("a URL");
    config.get_user().map(str::to_string)
}
