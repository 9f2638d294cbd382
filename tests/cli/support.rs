//! The test harness: a temporary desk with a fixed clock.

use assert_cmd::Command;
use serde_json::Value;
use std::path::PathBuf;
use tempfile::TempDir;

pub struct Desk {
    pub dir: TempDir,
    pub now: String,
    pub user: String,
}

impl Desk {
    /// A fresh desk; the clock is Friday 2026-11-20 15:00 in Helsinki.
    pub fn new() -> Desk {
        Desk {
            dir: tempfile::tempdir().expect("tempdir"),
            now: "2026-11-20 15:00".into(),
            user: "tester".into(),
        }
    }

    /// A fresh desk whose database file exists already (`db migrate` made it: a
    /// command that only reads never does).
    pub fn fresh() -> Desk {
        let d = Desk::new();
        d.ok(&["db", "migrate"]);
        d
    }

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
            .env("DESK_DB", self.db())
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
    /// user alike), so that a fixture built once serves many tests.
    pub fn copy(&self) -> Desk {
        let d = Desk {
            now: self.now.clone(),
            user: self.user.clone(),
            ..Desk::new()
        };
        let copied = std::process::Command::new("cp")
            .arg("-a")
            .arg(format!("{}/.", self.dir.path().display()))
            .arg(d.dir.path())
            .status()
            .expect("cp");
        assert!(copied.success(), "copying {}", self.dir.path().display());
        d
    }

    /// A snapshot of everything a person can read back, to prove a failed command
    /// changed nothing: the ticket list, every ticket (whatever its id or status) with
    /// its history, every article, the settings, and the registered organisations with
    /// their domains and terms.
    pub fn dump(&self) -> String {
        let mut all = self.ok(&[
            "list", "--status", "all", "--format", "jsonl", "--sort", "id",
        ]);
        for id in self.ok(&["list", "--status", "all", "-q"]).lines() {
            all += &self.ok(&["show", id, "--format", "json"]);
        }
        let articles = self.ok(&["kb", "list", "--format", "json"]);
        let listed: Vec<Value> = serde_json::from_str(&articles).expect("kb list json");
        all += &articles;
        for a in &listed {
            let id = a["id"].as_i64().expect("article id").to_string();
            all += &self.ok(&["kb", "show", &id, "--format", "json"]);
        }
        all += &self.ok(&["org", "list", "--format", "json"]);
        all + &self.ok(&["config", "list", "--format", "tsv"])
    }
}

pub fn s<'a>(v: &'a Value, key: &str) -> &'a str {
    v[key]
        .as_str()
        .unwrap_or_else(|| panic!("{key} is not a string in {v}"))
}
