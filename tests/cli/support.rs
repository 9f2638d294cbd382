//! The test harness: a temporary desk with a fixed clock.
//!
//! The engine: a SQLite file in the desk's temporary folder, or, when `DESK_TEST_PG`
//! holds a PostgreSQL superuser's URL (`.ci/run` starts a throwaway cluster with
//! `scripts/pg-cluster` and sets it), a fresh database of its own on that server, made
//! by `Desk::new()` and dropped with the desk. The same tests run on both; those that
//! only make sense for a file skip themselves on PostgreSQL with
//! `if d.skip_on_postgres("reason") { return; }`.

use assert_cmd::Command;
use serde_json::Value;
use std::io::Write as _;
use std::path::PathBuf;
use std::sync::OnceLock;
use std::sync::atomic::{AtomicUsize, Ordering};
use tempfile::TempDir;

/// A new temporary folder for a test's files: under `$DESK_TEST_TMPDIR` when set, else
/// in memory (`/dev/shm`) where the machine has it with a gigabyte free, else in the
/// system's temporary folder. Every write of desk's waits for `fsync`, and on a disk
/// those waits were a sixth of the suite's time; nothing a test checks depends on the
/// disk (the crash harness, `crash/run`, is what checks durability).
pub fn scratch() -> TempDir {
    #[cfg(unix)]
    fn roomy(dir: &std::path::Path) -> bool {
        nix::sys::statvfs::statvfs(dir)
            .is_ok_and(|fs| fs.blocks_available() * fs.fragment_size() >= 1 << 30)
    }
    #[cfg(not(unix))]
    fn roomy(_: &std::path::Path) -> bool {
        false
    }
    static ROOT: OnceLock<PathBuf> = OnceLock::new();
    let root = ROOT.get_or_init(|| {
        if let Some(dir) = std::env::var_os("DESK_TEST_TMPDIR").filter(|d| !d.is_empty()) {
            return PathBuf::from(dir);
        }
        let shm = PathBuf::from("/dev/shm");
        if roomy(&shm) && tempfile::tempdir_in(&shm).is_ok() {
            shm
        } else {
            std::env::temp_dir()
        }
    });
    tempfile::Builder::new()
        .prefix("desk-test-")
        .tempdir_in(root)
        .expect("tempdir")
}

/// Copies the folder `from` into `to` (which exists): files, folders and links alike.
fn copy_tree(from: &std::path::Path, to: &std::path::Path) -> std::io::Result<()> {
    for entry in std::fs::read_dir(from)? {
        let entry = entry?;
        let (src, dst) = (entry.path(), to.join(entry.file_name()));
        let kind = entry.file_type()?;
        if kind.is_dir() {
            std::fs::create_dir(&dst)?;
            copy_tree(&src, &dst)?;
        } else if kind.is_symlink() {
            #[cfg(unix)]
            std::os::unix::fs::symlink(std::fs::read_link(&src)?, &dst)?;
            #[cfg(not(unix))]
            std::fs::copy(&src, &dst).map(drop)?;
        } else {
            std::fs::copy(&src, &dst)?;
        }
    }
    Ok(())
}

pub struct Desk {
    pub dir: TempDir,
    pub now: String,
    pub user: String,
    /// The desk's PostgreSQL database, when the suite runs on PostgreSQL.
    pub(crate) pg: Option<PgDatabase>,
}

/// The engine the suite runs on: `DESK_TEST_PG` set (and not empty) means PostgreSQL.
pub fn test_pg_url() -> Option<String> {
    std::env::var("DESK_TEST_PG").ok().filter(|u| !u.is_empty())
}

/// On PostgreSQL, says that the calling test is skipped and why (on stderr, and as a line
/// in the file `$DESK_TEST_SKIPS` names, for `.ci/run`'s summary) and returns true; on
/// SQLite returns false. For tests that skip before they make a desk.
#[track_caller]
pub fn skip_on_postgres(reason: &str) -> bool {
    if test_pg_url().is_none() {
        return false;
    }
    let caller = std::panic::Location::caller();
    let thread = std::thread::current();
    let test = match thread.name() {
        Some(name) if name != "main" => name.to_string(),
        _ => format!("{}:{}", caller.file(), caller.line()),
    };
    let line = format!("skipped on PostgreSQL: {test}: {reason}");
    eprintln!("{line}");
    if let Some(path) = std::env::var_os("DESK_TEST_SKIPS") {
        let mut f = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(&path)
            .unwrap_or_else(|e| panic!("DESK_TEST_SKIPS {}: {e}", path.display()));
        // One write of one line: appends from parallel tests do not interleave.
        f.write_all(format!("{line}\n").as_bytes())
            .expect("writing DESK_TEST_SKIPS");
    }
    true
}

/// A database of its own on the test server, dropped (connections and all) with its desk.
pub(crate) struct PgDatabase {
    admin: String,
    name: String,
    url: String,
}

impl PgDatabase {
    /// A new, empty database (`template` = None), or a copy of `template`'s.
    fn create(admin: &str, template: Option<&PgDatabase>) -> PgDatabase {
        static COUNTER: AtomicUsize = AtomicUsize::new(0);
        static SWEPT: std::sync::Once = std::sync::Once::new();
        SWEPT.call_once(|| sweep_stale_databases(admin));
        let name = format!(
            "desk_t_{}_{}",
            std::process::id(),
            COUNTER.fetch_add(1, Ordering::Relaxed)
        );
        let sql = match template {
            None => format!("CREATE DATABASE {name}"),
            Some(t) => format!("CREATE DATABASE {name} TEMPLATE {}", t.name),
        };
        let mut client = admin_client(admin);
        // A template still in use (a desk process's backend that has not quite exited)
        // makes CREATE DATABASE fail after PostgreSQL's own 5 s wait: try again.
        let mut tries = 0;
        loop {
            match client.batch_execute(&sql) {
                Ok(()) => break,
                Err(e) if tries < 3 => {
                    tries += 1;
                    eprintln!("{sql}: {e}; trying again");
                    std::thread::sleep(std::time::Duration::from_millis(200));
                }
                Err(e) => panic!("{sql}: {e}"),
            }
        }
        let mut url = url::Url::parse(admin).expect("DESK_TEST_PG is a URL");
        url.set_path(&name);
        PgDatabase {
            admin: admin.to_string(),
            name,
            url: url.to_string(),
        }
    }
}

impl Drop for PgDatabase {
    fn drop(&mut self) {
        // Never a panic in a drop: a database left behind is swept by the next run.
        if let Ok(mut c) = postgres::Client::connect(&self.admin, postgres::NoTls) {
            let _ = c.batch_execute(&format!(
                "DROP DATABASE IF EXISTS {} WITH (FORCE)",
                self.name
            ));
        }
    }
}

fn admin_client(admin: &str) -> postgres::Client {
    postgres::Client::connect(admin, postgres::NoTls)
        .unwrap_or_else(|e| panic!("connecting to DESK_TEST_PG: {e}"))
}

/// Drops the databases of earlier test runs whose process is gone (a run that was
/// killed, or a template that lived in a static and was never dropped).
fn sweep_stale_databases(admin: &str) {
    let mut client = admin_client(admin);
    let rows = client
        .query(
            "SELECT datname FROM pg_database WHERE datname LIKE 'desk\\_t\\_%'",
            &[],
        )
        .expect("listing the test databases");
    for row in rows {
        let name: String = row.get(0);
        let pid = name.split('_').nth(2).and_then(|p| p.parse::<u32>().ok());
        let alive = pid.is_some_and(|p| std::path::Path::new(&format!("/proc/{p}")).exists());
        if !alive {
            let _ = client.batch_execute(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"));
        }
    }
}

impl Desk {
    /// A fresh desk; the clock is Friday 2026-11-20 15:00 in Helsinki. On PostgreSQL
    /// (`DESK_TEST_PG`), with a new empty database of its own.
    pub fn new() -> Desk {
        let pg = test_pg_url().map(|admin| PgDatabase::create(&admin, None));
        Desk {
            pg,
            ..Desk::sqlite()
        }
    }

    /// A fresh desk on a SQLite file, whichever engine the suite runs on.
    pub fn sqlite() -> Desk {
        Desk {
            dir: scratch(),
            now: "2026-11-20 15:00".into(),
            user: "tester".into(),
            pg: None,
        }
    }

    /// `"postgres"` when this desk is on PostgreSQL, else `"sqlite"`.
    pub fn engine(&self) -> &'static str {
        if self.pg.is_some() {
            "postgres"
        } else {
            "sqlite"
        }
    }

    pub fn is_postgres(&self) -> bool {
        self.pg.is_some()
    }

    /// Skips the calling test on PostgreSQL, saying why: `if d.skip_on_postgres("file
    /// modes") { return; }`. See the free function `skip_on_postgres`.
    #[track_caller]
    pub fn skip_on_postgres(&self, reason: &str) -> bool {
        self.is_postgres() && skip_on_postgres(reason)
    }

    /// Where the desk's database is, as `--db`/`DESK_DB` take it: the SQLite file's
    /// path, or the PostgreSQL URL (with its password: never print it).
    pub fn location(&self) -> String {
        match &self.pg {
            Some(pg) => pg.url.clone(),
            None => self.db().display().to_string(),
        }
    }

    /// Replaces the desk's database with none at all (SQLite: its folder removed) or, on
    /// PostgreSQL, a new empty one: a desk that keeps its files but not its data.
    pub fn empty_database(&mut self) {
        match &self.pg {
            Some(pg) => self.pg = Some(PgDatabase::create(&pg.admin, None)),
            None => std::fs::remove_dir_all(self.db().parent().unwrap()).unwrap(),
        }
    }

    /// The PostgreSQL login desk connects as (what `recorded_by` holds there).
    pub fn pg_login(&self) -> Option<String> {
        let pg = self.pg.as_ref()?;
        Some(url::Url::parse(&pg.url).ok()?.username().to_string())
    }

    /// The superuser's URL of the test server, on PostgreSQL (for tests that make roles).
    #[allow(dead_code)] // for the PostgreSQL tests
    pub fn pg_admin_url(&self) -> Option<&str> {
        self.pg.as_ref().map(|pg| pg.admin.as_str())
    }

    /// A fresh desk whose database file exists already (`db migrate` made it: a
    /// command that only reads never does).
    pub fn fresh() -> Desk {
        let d = Desk::new();
        d.ok(&["db", "migrate"]);
        d
    }

    /// The SQLite file (on PostgreSQL a path where no file is: see `location`).
    pub fn db(&self) -> PathBuf {
        self.dir.path().join("data").join("desk.db")
    }

    pub fn at(&mut self, now: &str) -> &mut Self {
        self.now = now.to_string();
        self
    }

    pub fn cmd(&self, args: &[&str]) -> Command {
        Command::from_std(self.std_cmd(args))
    }

    /// The same as a plain `std::process::Command`, for tests that drive the pipes.
    pub fn std_cmd(&self, args: &[&str]) -> std::process::Command {
        let mut c = std::process::Command::new(assert_cmd::cargo::cargo_bin!("desk"));
        c.env_clear()
            .env("PATH", std::env::var("PATH").unwrap_or_default())
            .env("HOME", self.dir.path())
            .env("DESK_DB", self.location())
            .env("DESK_NOW", &self.now)
            .env("DESK_USER", &self.user)
            .env("TZ", "Europe/Helsinki")
            .env("NO_COLOR", "1")
            .env("COLUMNS", "100")
            .args(args);
        c
    }

    /// Runs and expects success; returns stdout.
    pub fn ok(&self, args: &[&str]) -> String {
        let out = self.cmd(args).output().expect("run");
        assert!(
            out.status.success(),
            "desk {args:?} failed ({:?}): {}",
            out.status.code(),
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).expect("utf-8 stdout")
    }

    /// Runs with stdin and expects success.
    pub fn ok_stdin(&self, args: &[&str], stdin: &str) -> String {
        let out = self.cmd(args).write_stdin(stdin).output().expect("run");
        assert!(
            out.status.success(),
            "desk {args:?} failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).expect("utf-8 stdout")
    }

    /// Runs and expects exit `code`; returns stderr.
    pub fn fails(&self, args: &[&str], code: i32) -> String {
        let out = self.cmd(args).output().expect("run");
        let stderr = String::from_utf8_lossy(&out.stderr).to_string();
        assert_eq!(
            out.status.code(),
            Some(code),
            "desk {args:?}: expected exit {code}, stderr: {stderr}, stdout: {}",
            String::from_utf8_lossy(&out.stdout)
        );
        stderr
    }

    /// What a person sees: the exit code, then stdout and stderr, for inline insta
    /// snapshots that pin all three together (`insta::assert_snapshot!(d.run(..), @"...")`).
    pub fn run(&self, args: &[&str]) -> String {
        self.run_stdin(args, "")
    }

    /// The same as `run`, with `stdin` on standard input.
    pub fn run_stdin(&self, args: &[&str], stdin: &str) -> String {
        let out = self.cmd(args).write_stdin(stdin).output().expect("run");
        let code = out
            .status
            .code()
            .map_or_else(|| "killed by a signal".to_string(), |c| c.to_string());
        let mut shown = format!("exit: {code}\n");
        for (name, bytes) in [("stdout", &out.stdout), ("stderr", &out.stderr)] {
            if !bytes.is_empty() {
                shown.push_str(&format!("--- {name}\n{}", String::from_utf8_lossy(bytes)));
                if !bytes.ends_with(b"\n") {
                    shown.push_str("\n[no newline at end]\n");
                }
            }
        }
        shown
    }

    /// `desk new TITLE ARGS...` → the id.
    pub fn new_ticket(&self, title: &str, args: &[&str]) -> i64 {
        let mut all = vec!["new", title];
        all.extend_from_slice(args);
        self.ok(&all).trim().parse().expect("id on stdout")
    }

    pub fn show(&self, id: i64) -> Value {
        let out = self.ok(&["show", &id.to_string(), "--format", "json"]);
        serde_json::from_str(&out).expect("show json")
    }

    pub fn list_json(&self, args: &[&str]) -> Vec<Value> {
        let mut all = vec!["list", "--format", "json"];
        all.extend_from_slice(args);
        serde_json::from_str(&self.ok(&all)).expect("list json")
    }

    pub fn ids(&self, args: &[&str]) -> Vec<i64> {
        let mut all = vec!["list", "-q"];
        all.extend_from_slice(args);
        self.ok(&all)
            .lines()
            .map(|l| l.parse().expect("id"))
            .collect()
    }

    /// A new desk holding a copy of this one's files (database, settings, clock and
    /// user alike), so that a fixture built once serves many tests. On PostgreSQL the
    /// database is copied with `CREATE DATABASE ... TEMPLATE`.
    pub fn copy(&self) -> Desk {
        let pg = self
            .pg
            .as_ref()
            .map(|pg| PgDatabase::create(&pg.admin, Some(pg)));
        let d = Desk {
            now: self.now.clone(),
            user: self.user.clone(),
            pg,
            ..Desk::sqlite()
        };
        copy_tree(self.dir.path(), d.dir.path())
            .unwrap_or_else(|e| panic!("copying {}: {e}", self.dir.path().display()));
        d
    }

    /// A snapshot of everything the desk holds, to prove a failed command changed
    /// nothing: the ticket list as a person reads it (with the SLA worked out), and the
    /// export, which carries every ticket whatever its id or status with its history,
    /// comments, time log, links and mail, every article, the settings, and the
    /// organisations with their domains and terms. Two starts of desk, not two a record.
    pub fn dump(&self) -> String {
        let list = self.ok(&[
            "list", "--status", "all", "--format", "jsonl", "--sort", "id",
        ]);
        list + &self.ok(&["export", "--format", "jsonl"])
    }
}

pub fn s<'a>(v: &'a Value, key: &str) -> &'a str {
    v[key]
        .as_str()
        .unwrap_or_else(|| panic!("{key} is not a string in {v}"))
}
