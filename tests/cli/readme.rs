//! Issue 7: the README's tour and configuration commands run as written, so the README
//! cannot drift from the tool; and every `--help` example runs too.

use crate::support::Desk;
use clap::CommandFactory;
use std::path::Path;
use std::process::Command;

/// The ```sh blocks under a `## heading` of the README.
fn blocks_under(heading: &str) -> Vec<String> {
    let readme =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")).unwrap();
    let start = readme
        .find(&format!("## {heading}\n"))
        .unwrap_or_else(|| panic!("no section {heading}"));
    let rest = &readme[start + heading.len() + 4..];
    let section = &rest[..rest.find("\n## ").unwrap_or(rest.len())];
    let mut out = Vec::new();
    let mut it = section.split("```");
    it.next();
    while let (Some(code), _) = (it.next(), it.next()) {
        if let Some(body) = code.strip_prefix("sh\n") {
            out.push(body.to_string());
        }
    }
    assert!(!out.is_empty(), "no sh block under {heading}");
    out
}

/// The README's set-up command that files a ticket (its first ```sh block, before any
/// heading), as the built binary runs it: `cargo run --release --` is `desk`.
fn setup_command() -> String {
    let readme =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")).unwrap();
    let first = readme.split("```sh\n").nth(1).expect("a first sh block");
    let block = &first[..first.find("```").unwrap()];
    assert!(
        block.lines().any(|l| l == "cargo test"),
        "the README's first block is no longer the set-up commands:\n{block}"
    );
    let line = block
        .lines()
        .find_map(|l| l.strip_prefix("cargo run --release -- "))
        .expect("the README's set-up command");
    format!("desk {line}")
}

/// A bash running `script` on the desk's database, in its folder, with HOME there.
fn script_cmd(d: &Desk, script: &str, path: &str) -> Command {
    let mut c = Command::new("bash");
    c.arg("-euo")
        .arg("pipefail")
        .arg("-c")
        .arg(script)
        .current_dir(d.dir.path())
        .env_clear()
        .env("PATH", path)
        .env("HOME", d.dir.path())
        .env("DESK_DB", d.location())
        .env("DESK_NOW", &d.now)
        .env("DESK_USER", &d.user)
        .env("TZ", "Europe/Helsinki")
        .env("NO_COLOR", "1")
        .env("EDITOR", "true");
    c
}

/// Runs a script with `desk` on PATH, on the desk's database, in its folder.
fn run_script(d: &Desk, script: &str) -> std::process::Output {
    let bin = assert_cmd::cargo::cargo_bin("desk");
    let path = format!(
        "{}:{}",
        bin.parent().unwrap().display(),
        std::env::var("PATH").unwrap_or_default()
    );
    script_cmd(d, script, &path).output().unwrap()
}

/// Asserts that a script succeeded; returns its stdout.
fn succeeded(what: &str, out: &std::process::Output) -> String {
    assert!(
        out.status.success(),
        "{what} failed: {}\n{}",
        String::from_utf8_lossy(&out.stderr),
        String::from_utf8_lossy(&out.stdout)
    );
    String::from_utf8_lossy(&out.stdout).to_string()
}

/// The id of the one ticket with this title.
fn id_of(d: &Desk, title: &str) -> i64 {
    let found: Vec<i64> = d
        .list_json(&["--status", "all"])
        .iter()
        .filter(|t| t["title"] == title)
        .map(|t| t["id"].as_i64().unwrap())
        .collect();
    assert_eq!(found.len(), 1, "{title}: {found:?}");
    found[0]
}

#[test]
fn the_readme_tour_runs_as_written_after_the_set_up_command() {
    let d = Desk::new();
    // The reader ran the set-up command first: ticket #1 is in the desk.
    succeeded("the set-up command", &run_script(&d, &setup_command()));
    let setup = d.show(1);
    assert_eq!(setup["title"], "Printer on 2F jams");
    let mut stdout = String::new();
    for block in blocks_under("A five-minute tour") {
        stdout += &succeeded("README tour", &run_script(&d, &block));
    }
    // The tour's own tickets came after #1, and it used their ids, not 1 and 2.
    assert_eq!(d.ids(&["--status", "all", "--ci", "PRN-2F"]), [2]);
    let vpn = id_of(&d, "VPN down for everyone");
    assert_eq!(vpn, 3);
    assert!(stdout.contains("filed #4\n"), "{stdout}");
    // The set-up ticket was left alone.
    assert_eq!(d.show(1), setup);
    // The printer: taken, commented on, 20 minutes logged.
    let p = d.show(2);
    assert_eq!(p["assignee"], "tester");
    assert_eq!(p["time_spent"], 20);
    assert_eq!(
        p["comments"][0]["text"],
        "Cleared the jam; a new fuser is ordered"
    );
    // The VPN: escalated, then resolved with an article written from it.
    let v = d.show(vpn);
    assert_eq!(v["status"], "resolved");
    assert_eq!(v["escalations"], 1);
    assert_eq!(v["tier"], 2);
    let kb = v["kb_article"].as_i64().expect("an article");
    let article: serde_json::Value =
        serde_json::from_str(&d.ok(&["kb", "show", &kb.to_string(), "--format", "json"])).unwrap();
    assert_eq!(article["title"], "VPN down for everyone");
    assert_eq!(
        article["body"],
        "Restarted VPN-GW-1 and renewed its certificate"
    );
    assert_eq!(article["source_ticket"], vpn);
    // The pipeline handed the two unassigned printing tickets to Ana, and only those.
    let mut to_ana = vec![
        id_of(&d, "Toner empty on 3F"),
        id_of(&d, "Printer on 4F offline"),
    ];
    to_ana.sort();
    let mut got = d.ids(&["--assignee", "ana"]);
    got.sort();
    assert_eq!(got, to_ana);
    assert!(d.dir.path().join("report.md").exists());
}

#[test]
fn the_readme_completion_and_man_page_commands_run_as_written() {
    let d = Desk::new();
    // desk installed by `cargo install` into ~/.cargo/bin, and no ~/.local/bin on PATH.
    let bin_dir = d.dir.path().join(".cargo/bin");
    std::fs::create_dir_all(&bin_dir).unwrap();
    std::os::unix::fs::symlink(assert_cmd::cargo::cargo_bin("desk"), bin_dir.join("desk")).unwrap();
    let path = format!("{}:/usr/local/bin:/usr/bin:/bin", bin_dir.display());
    let mut shown = String::new();
    for block in blocks_under("Completions and man pages") {
        let out = script_cmd(&d, &block, &path)
            .env("MANPAGER", "cat")
            .output()
            .unwrap();
        shown += &succeeded("README completions", &out);
    }
    let home = d.dir.path();
    for file in [
        ".local/share/bash-completion/completions/desk",
        ".zfunc/_desk",
        ".config/fish/completions/desk.fish",
        ".cargo/share/man/man1/desk.1",
        ".cargo/share/man/man1/desk-list.1",
        "desk-man/desk.1",
    ] {
        assert!(home.join(file).exists(), "{file} was not written");
    }
    // `man desk` found the page through PATH, and `man -l` read it by path.
    assert_eq!(
        shown.matches("command-line service desk").count(),
        2,
        "{shown}"
    );
}

#[test]
fn the_readme_configuration_commands_run_as_written() {
    let d = Desk::new();
    for block in blocks_under("Configuration") {
        let out = run_script(&d, &block);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    assert_eq!(d.ok(&["config", "get", "verify_window"]), "48h\n");
}

/// Every example line of every command's --help (lines that start with `  desk `, or a
/// pipeline or assignment that runs desk).
fn help_examples() -> Vec<(String, String)> {
    fn walk(cmd: &clap::Command, path: &str, out: &mut Vec<(String, String)>) {
        let name = if path.is_empty() {
            cmd.get_name().to_string()
        } else {
            format!("{path} {}", cmd.get_name())
        };
        if let Some(help) = cmd.get_after_help() {
            let text = help.to_string();
            let mut in_examples = false;
            for line in text.lines() {
                if line.trim_end().ends_with(':') && !line.starts_with(' ') {
                    in_examples = line.starts_with("EXAMPLES");
                    continue;
                }
                let l = line.trim();
                if in_examples
                    && line.starts_with("  ")
                    && !l.starts_with('#')
                    && l.contains("desk ")
                {
                    out.push((name.clone(), l.to_string()));
                }
            }
        }
        for sub in cmd.get_subcommands() {
            walk(sub, &name, out);
        }
    }
    let mut out = Vec::new();
    walk(&desk::cli::Cli::command(), "", &mut out);
    out
}

/// A desk with tickets #1-#44 and article 7, and the files the examples read; #42 is
/// put in a state where the example's verb applies (`variant`).
/// The tickets and articles every variant shares, built once.
fn base_fixture() -> Desk {
    let mut d = Desk::new();
    // Made two days before the examples run, so `--at "yesterday 14:00"` is valid.
    d.at("2026-11-18 09:00");
    let mut script = String::from("set -e\n");
    for i in 1..=44 {
        script.push_str(&format!(
            "desk new 'Ticket {i}: printer jams' --category printing --requester Ana >/dev/null\n"
        ));
    }
    for i in 1..=7 {
        script.push_str(&format!(
            "desk kb new 'Article {i}: printer jams' --body 'Open tray 2' >/dev/null\n"
        ));
    }
    // The organisation the `org` and `config --org` examples name.
    script.push_str("desk org new 'Kaupunki Oy' --domain kaupunki.fi\n");
    let out = run_script(&d, &script);
    assert!(
        out.status.success(),
        "fixture: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    d
}

fn build_fixture(base: &Desk, variant: &str) -> Desk {
    let d = base.copy();
    let mut script = String::from("set -e\n");
    match variant {
        // Resolved an hour before the examples run, inside the verification window.
        "resolved" => script.push_str(
            "DESK_NOW='2026-11-20 14:00' desk resolve 42 --solution 'Replaced the fuser'\n",
        ),
        "waiting" => script.push_str("desk wait 42\n"),
        _ => script.push_str("desk assign 42 --to ana\n"),
    }
    script.push_str(
        "printf 'Open tray 2 and pull the paper out.\\n' > vpn.md\n\
         cp vpn.md printer-jams.md\n\
         printf 'E [20/Nov/2026] paper jam\\n' > cups-error.log\n\
         desk export > backup.jsonl\n\
         desk export --format csv > old-tickets.csv\n\
         gzip -c backup.jsonl > archive.jsonl.gz\n\
         mkdir -p .local/share/bash-completion/completions .zfunc .config/fish/completions\n",
    );
    let mail =
        std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/mail/plain.eml"))
            .unwrap();
    std::fs::write(d.dir.path().join("message.eml"), mail).unwrap();
    let out = run_script(&d, &script);
    assert!(
        out.status.success(),
        "fixture: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    d
}

/// Copies a built fixture into a fresh desk (cheaper than building one per example),
/// with the default clock and user; `with_db: false` leaves its database empty.
fn copy_of(src: &Desk, with_db: bool) -> Desk {
    let mut d = src.copy();
    let fresh = Desk::sqlite();
    (d.now, d.user) = (fresh.now.clone(), fresh.user.clone());
    if !with_db {
        d.empty_database();
    }
    d
}

#[test]
fn every_help_example_runs() {
    let examples = help_examples();
    assert!(examples.len() >= 40, "only {} examples", examples.len());
    // Every command that does something has at least one example.
    for verb in [
        "new",
        "list",
        "show",
        "assign",
        "escalate",
        "resolve",
        "close",
        "reopen",
        "comment",
        "edit",
        "log",
        "sla",
        "link",
        "report",
        "import",
        "export",
        "completions",
        "man",
    ] {
        assert!(
            examples.iter().any(|(c, _)| c == &format!("desk {verb}")),
            "desk {verb} has no example"
        );
    }
    let shared = base_fixture();
    let variants: Vec<(&str, Desk)> = ["open", "resolved", "waiting"]
        .iter()
        .map(|v| (*v, build_fixture(&shared, v)))
        .collect();
    let base = |v: &str| &variants.iter().find(|(n, _)| *n == v).unwrap().1;
    for (cmd, line) in examples {
        // The fixture is chosen by what the example line runs (some help texts show
        // several verbs).
        let runs = |verb: &str| line.contains(&format!("desk {verb}"));
        let d = if runs("close") || runs("reopen") || line.contains("--from-ticket") {
            copy_of(base("resolved"), true)
        } else if runs("resume") {
            copy_of(base("waiting"), true)
        } else if runs("import") {
            // Imports go into an empty database so the ids are free.
            copy_of(base("open"), false)
        } else {
            copy_of(base("open"), true)
        };
        if line.contains("desk db backup")
            && d.skip_on_postgres("the `desk db backup` example copies a SQLite file")
        {
            continue;
        }
        if line.contains("desk db grant") || line.starts_with("createuser") {
            // Roles are the server's (a file has none, and the example's roles exist on
            // no test server): tests/cli/postgres.rs grants to roles it makes.
            continue;
        }
        let out = run_script(&d, &line);
        assert!(
            out.status.success(),
            "`{cmd} --help` example failed: {line}\n{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
}

#[test]
fn the_readme_organisation_commands_run_as_written() {
    let d = Desk::new();
    for block in blocks_under("Organisations") {
        let out = run_script(&d, &block);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    assert_eq!(
        d.ok(&["config", "get", "--org", "Kaupunki Oyj", "hours"]),
        "24x7\n"
    );
    assert_eq!(d.ok(&["config", "get", "hours"]), "mon-fri 07:30-16:00\n");
}

#[test]
fn the_readme_backup_commands_run_as_written() {
    let d = Desk::new();
    if d.skip_on_postgres("desk db backup copies a SQLite file (SQLite only, per the spec)") {
        return;
    }
    d.ok(&["new", "Printer on 2F jams"]);
    let backups = d.dir.path().join("backup");
    std::fs::create_dir(&backups).unwrap();
    let blocks = blocks_under("Where the data lives, and backups");
    assert!(!blocks.is_empty());
    for block in blocks {
        // The README's backup folder is /backup; here it is one in the test's folder.
        let block = block.replace("/backup/", &format!("{}/", backups.display()));
        let out = run_script(&d, &block);
        succeeded(&block, &out);
    }
    // Both copies hold the ticket: the database copy answers as a desk of its own.
    let copies: Vec<_> = std::fs::read_dir(&backups)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    assert_eq!(copies.len(), 2, "{copies:?}");
    let db_copy = copies
        .iter()
        .find(|p| p.extension().unwrap() == "db")
        .unwrap();
    let out = d
        .cmd(&["list", "-q"])
        .env("DESK_DB", db_copy)
        .output()
        .unwrap();
    assert_eq!(String::from_utf8_lossy(&out.stdout), "1\n");
}

/// Issue 16: the README's team set-up runs as written against a real server: a database
/// and logins made by the superuser, the schema and the grants by the owner, a file
/// desk moved in whole, and an admin filing a ticket from "their laptop" (a fresh shell
/// with only ~/.pgpass). Only the server's address, the names (made unique: roles are
/// the whole cluster's) and the TLS file are put in. Needs `DESK_TEST_PG`.
#[test]
fn the_readme_team_set_up_runs_as_written_on_postgresql() {
    let Some(admin) = crate::support::test_pg_url() else {
        eprintln!("skipped: the team set-up needs a PostgreSQL server (DESK_TEST_PG)");
        return;
    };
    let admin_url = url::Url::parse(&admin).expect("admin URL");
    let server = format!(
        "{}:{}",
        admin_url.host_str().expect("host"),
        admin_url.port().unwrap_or(5432)
    );
    let mut su = postgres::Client::connect(&admin, postgres::NoTls).expect("admin");
    let ssl: String = su.query_one("SHOW ssl", &[]).expect("SHOW ssl").get(0);
    let tls = if ssl == "on" {
        format!(
            "sslmode=verify-full&sslrootcert={}/tests/fixtures/tls/ca.pem",
            env!("CARGO_MANIFEST_DIR")
        )
    } else {
        "sslmode=disable".to_string()
    };
    let n = std::process::id();
    let (db, owner, ana, olga, boss) = (
        format!("desk_readme_{n}"),
        format!("desk_owner_{n}"),
        format!("ana_{n}"),
        format!("olga_{n}"),
        format!("boss_{n}"),
    );
    let cleanup = |su: &mut postgres::Client| {
        let _ = su.batch_execute(&format!("DROP DATABASE IF EXISTS {db} WITH (FORCE)"));
        for r in [&ana, &olga, &boss, &owner] {
            let _ = su.batch_execute(&format!("DROP ROLE IF EXISTS {r}"));
        }
    };
    cleanup(&mut su);

    let block = blocks_under("A desk for a team (PostgreSQL)").remove(0);
    let script = block
        .replace("postgres://postgres@db.example.fi/postgres", &admin)
        .replace("db.example.fi", &server)
        .replace("sslmode=verify-full&sslrootcert=/etc/ssl/db-ca.pem", &tls)
        .replace("desk_owner", &owner)
        .replace("CREATE DATABASE desk ", &format!("CREATE DATABASE {db} "))
        .replace("/desk?", &format!("/{db}?"))
        .replace("ROLE ana ", &format!("ROLE {ana} "))
        .replace("ROLE boss ", &format!("ROLE {boss} "))
        .replace("ROLE olga ", &format!("ROLE {olga} "))
        .replace("grant olga ", &format!("grant {olga} "))
        .replace("grant ana ", &format!("grant {ana} "))
        .replace("grant boss ", &format!("grant {boss} "))
        .replace("postgres://ana@", &format!("postgres://{ana}@"));
    let (admin_part, laptop) = script.split_at(script.find("# 4.").expect("step 4"));

    // The desk of one file that step 3 moves: a ticket, an article, its own hours.
    let d = Desk::sqlite();
    let file = d.dir.path().join(".local/share/desk/desk.db");
    let file_desk = |args: &[&str]| {
        let mut c = d.std_cmd(args);
        c.env("DESK_DB", &file);
        let out = c.output().expect("desk");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    };
    file_desk(&["new", "Printer on 2F jams", "--requester", "Ana"]);
    file_desk(&["org", "new", "Kaupunki Oy", "--domain", "kaupunki.fi"]);
    file_desk(&["kb", "new", "Printer jams", "--body", "Open tray 2"]);
    file_desk(&["config", "set", "hours", "mon-fri 08:00-17:00"]);

    let out = run_script(&d, admin_part);
    let result = std::panic::catch_unwind(|| {
        succeeded("the team set-up (steps 1-3)", &out);
        // Step 4 in a fresh shell, as on Ana's laptop: her password in ~/.pgpass alone.
        let pgpass = d.dir.path().join(".pgpass");
        std::fs::write(&pgpass, format!("*:*:*:{ana}:ana-secret\n")).unwrap();
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&pgpass, std::fs::Permissions::from_mode(0o600)).unwrap();
        let stdout = succeeded("the team set-up (step 4)", &run_script(&d, laptop));
        assert_eq!(stdout, "2\n", "the moved ticket kept #1");

        let desk_url = format!("postgres://{owner}:owner-secret@{server}/{db}?sslmode=disable");
        let mut c = postgres::Client::connect(&desk_url, postgres::NoTls).expect("owner");
        let rows = c
            .query(
                "SELECT t.id, t.title, e.recorded_by FROM tickets t \
                 JOIN events e ON e.ticket_id = t.id AND e.action = 'create' ORDER BY t.id",
                &[],
            )
            .expect("tickets");
        let got: Vec<(i64, String, Option<String>)> = rows
            .iter()
            .map(|r| (r.get(0), r.get(1), r.get(2)))
            .collect();
        assert_eq!(got[0].1, "Printer on 2F jams");
        assert_eq!((got[1].0, got[1].1.as_str()), (2, "VPN down on 3F"));
        assert_eq!(
            got[1].2.as_deref(),
            Some(ana.as_str()),
            "recorded_by is her login"
        );
        // The file's hours came along; the reader may read and not write.
        let as_desk = |who: &str, pw: &str, args: &[&str]| {
            let mut cmd = d.std_cmd(args);
            cmd.env(
                "DESK_DB",
                format!("postgres://{who}:{pw}@{server}/{db}?sslmode=disable"),
            );
            cmd.output().expect("desk")
        };
        let hours = as_desk(&boss, "boss-secret", &["config", "get", "hours"]);
        assert_eq!(
            String::from_utf8_lossy(&hours.stdout),
            "mon-fri 08:00-17:00\n"
        );
        let refused = as_desk(&boss, "boss-secret", &["assign", "2", "--to", "boss"]);
        assert_eq!(refused.status.code(), Some(1));
        assert!(String::from_utf8_lossy(&refused.stderr).contains("hint:"));
        // Olga sees Kaupunki Oy's tickets alone: none yet.
        let hers = as_desk(&olga, "olga-secret", &["list", "-q", "--status", "all"]);
        assert!(
            hers.status.success(),
            "{}",
            String::from_utf8_lossy(&hers.stderr)
        );
        assert_eq!(String::from_utf8_lossy(&hers.stdout), "");
    });
    cleanup(&mut su);
    if let Err(e) = result {
        std::panic::resume_unwind(e);
    }
}
