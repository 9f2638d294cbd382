//! Issue 15: `desk db` — status, check, backup and migrate — and the hint a damaged
//! database gives.

use crate::support::Desk;

/// `d.run(args)` with the temporary folder shown as `[TMP]`.
fn run(d: &Desk, args: &[&str]) -> String {
    d.run(args)
        .replace(&d.dir.path().display().to_string(), "[TMP]")
}

#[test]
fn db_status_says_what_and_where_the_database_is() {
    let d = Desk::new();
    // PostgreSQL counterpart: tests/cli/postgres.rs::db_status_says_what_and_where_the_database_is
    if d.skip_on_postgres("the SQLite version, the file's path, size and journal mode") {
        return;
    }
    d.new_ticket("Printer jams", &[]);
    d.new_ticket("VPN down", &["--resolve", "restarted"]);
    d.ok(&["comment", "1", "tray 2"]);
    let version = rusqlite::version();
    let shown = run(&d, &["db", "status"]).replace(version, "[VERSION]");
    let shown = regex_free_size(&shown);
    insta::assert_snapshot!(shown, @"
    exit: 0
    --- stdout
    engine          SQLite [VERSION]
    location        [TMP]/data/desk.db
    file            [SIZE]
    schema version  7 (current)
    journal         wal
    time zone       Europe/Helsinki
    tickets         2 (1 active)
    events          4
    comments        1
    worklog         0
    links           0
    articles        0
    messages        0
    ");
    let v: serde_json::Value =
        serde_json::from_str(&d.ok(&["db", "status", "--format", "json"])).unwrap();
    assert_eq!(v["engine"], d.engine());
    assert_eq!(v["schema_version"], 7);
    assert_eq!(v["desk_schema_version"], 7);
    assert_eq!(v["exists"], true);
    assert_eq!(v["read_only"], false);
    assert_eq!(v["journal_mode"], "wal");
    assert_eq!(v["timezone"], "Europe/Helsinki");
    assert_eq!(v["location"], d.db().display().to_string());
    assert_eq!(v["counts"]["tickets"], 2);
    assert_eq!(v["counts"]["active"], 1);
    assert!(v["size_bytes"].as_i64().unwrap() > 0);
}

fn regex_free_size(s: &str) -> String {
    s.lines()
        .map(|l| {
            if l.starts_with("file ") {
                "file            [SIZE]".to_string()
            } else {
                l.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
        + "\n"
}

#[test]
fn db_check_finds_nothing_wrong_in_a_sound_database_and_names_what_is_wrong() {
    let d = Desk::new();
    d.new_ticket(
        "Tulostin ei tulosta",
        &["-d", "Łukasz sanoo: paperi juuttuu"],
    );
    d.new_ticket("VPN down", &[]);
    d.ok(&["comment", "1", "Kokeiltu"]);
    d.ok(&["kb", "new", "Jams", "--body", "Open tray 2"]);
    insta::assert_snapshot!(run(&d, &["db", "check"]), @r"
    exit: 0
    --- stdout
    ok: integrity, references and search indexes
    ");
    // Damage made by hand: a search index entry gone, an event whose ticket is gone.
    if d.skip_on_postgres("damages the SQLite file's search index by hand (the sound half ran)") {
        return;
    }
    let c = rusqlite::Connection::open(d.db()).unwrap();
    c.execute_batch(
        "INSERT INTO tickets_fts(tickets_fts, rowid, title, description)
             VALUES ('delete', 2, 'vpn down', NULL);
         PRAGMA foreign_keys = OFF;
         INSERT INTO events (ticket_id, at, recorded_at, actor, action)
             VALUES (99, 0, 0, 'x', 'comment');",
    )
    .unwrap();
    drop(c);
    insta::assert_snapshot!(run(&d, &["db", "check"]), @"
    exit: 1
    --- stdout
    references: events row 4 names a row of tickets that does not exist
    search index: tickets_fts does not match the text of tickets 2
    --- stderr
    desk: error: [TMP]/data/desk.db is not sound: 2 problems (references, search index)
    hint: restore the latest copy from `desk db backup` (or a desk.db.before-vN); `desk export` may still save what is readable
    ");
}

#[test]
fn a_damaged_database_points_to_db_check_and_the_backups() {
    let d = Desk::new();
    if d.skip_on_postgres("garbles the SQLite file's pages") {
        return;
    }
    for i in 0..20 {
        let id = d.new_ticket(&format!("ticket {i}"), &[]);
        d.ok(&["comment", &id.to_string(), "x"]);
    }
    // Garbage over every page but the first (which holds the schema).
    let mut bytes = std::fs::read(d.db()).unwrap();
    for b in bytes.iter_mut().skip(4096) {
        *b = 0x5a;
    }
    std::fs::write(d.db(), bytes).unwrap();
    let shown = run(&d, &["list", "--status", "all"]);
    assert!(shown.starts_with("exit: 1\n"), "{shown}");
    assert!(shown.contains("the database is damaged"), "{shown}");
    assert!(
        shown.contains("hint: `desk db check` names what is damaged; restore the latest copy from `desk db backup` (or a desk.db.before-vN beside it)"),
        "{shown}"
    );
    assert!(run(&d, &["db", "check"]).starts_with("exit: 1\n"));
}

#[test]
fn db_backup_makes_a_consistent_copy_and_keeps_what_exists() {
    let d = Desk::new();
    if d.skip_on_postgres("desk db backup copies a SQLite file (SQLite only, per the spec)") {
        return;
    }
    d.new_ticket("Printer jams", &[]);
    let copy = d.dir.path().join("copy.db");
    let c = copy.to_str().unwrap();
    insta::assert_snapshot!(run(&d, &["db", "backup", c]), @"exit: 0");
    // The copy is a desk of its own, one file.
    let other = d.cmd(&["--db", c, "list", "-q"]).output().unwrap();
    assert_eq!(String::from_utf8_lossy(&other.stdout), "1\n");
    assert!(!d.dir.path().join("copy.db-wal").exists());
    d.new_ticket("VPN down", &[]);
    insta::assert_snapshot!(run(&d, &["db", "backup", c]), @r"
    exit: 2
    --- stderr
    desk: error: [TMP]/copy.db exists; nothing was written
    hint: choose a new name, or add --force to replace it
    ");
    d.ok(&["db", "backup", c, "--force"]);
    let other = d.cmd(&["--db", c, "list", "-q"]).output().unwrap();
    assert_eq!(String::from_utf8_lossy(&other.stdout), "1\n2\n");
    let db = d.db();
    insta::assert_snapshot!(run(&d, &["db", "backup", db.to_str().unwrap()]), @r"
    exit: 2
    --- stderr
    desk: error: the backup cannot be the database itself
    ");
    let missing = d.dir.path().join("nothing-here.db");
    let shown = run(
        &d,
        &["--db", missing.to_str().unwrap(), "db", "backup", "x.db"],
    );
    insta::assert_snapshot!(shown, @r"
    exit: 1
    --- stderr
    desk: note: there is no database at [TMP]/nothing-here.db yet: this is an empty desk (the first command that writes creates it)
    desk: error: there is no database at [TMP]/nothing-here.db to back up
    hint: point --db or DESK_DB at the database
    ");
}

#[test]
fn db_backup_while_others_write_is_the_database_as_of_one_moment() {
    let d = Desk::new();
    if d.skip_on_postgres("desk db backup copies a SQLite file (SQLite only, per the spec)") {
        return;
    }
    d.new_ticket("first", &[]);
    let bin = assert_cmd::cargo::cargo_bin!("desk");
    // The writers write until the copies are taken (the file `done` appears), at least
    // five rounds each, and at most 40 (a test that hangs is no use).
    let done = d.dir.path().join("done");
    let writers: Vec<_> = (0..2)
        .map(|w| {
            std::process::Command::new("sh")
                .arg("-c")
                .arg("i=0; while [ $i -lt 40 ] && { [ $i -lt 5 ] || [ ! -e \"$2\" ]; }; do \"$0\" new \"w$1 $i\" >/dev/null || exit 1; \"$0\" comment 1 \"w$1 $i\" || exit 1; i=$((i+1)); done")
                .arg(bin)
                .arg(w.to_string())
                .arg(&done)
                .env_clear()
                .env("PATH", std::env::var("PATH").unwrap_or_default())
                .env("DESK_DB", d.db())
                .env("DESK_NOW", "2026-11-20 15:00")
                .spawn()
                .unwrap()
        })
        .collect();
    for i in 0..6 {
        let copy = d.dir.path().join(format!("copy-{i}.db"));
        d.ok(&["db", "backup", copy.to_str().unwrap()]);
        // Each copy is sound: every ticket's create event and every comment's event
        // are there together (one moment, not a mix).
        let out = d
            .cmd(&["--db", copy.to_str().unwrap(), "db", "check"])
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stdout)
        );
        let c = rusqlite::Connection::open(&copy).unwrap();
        let (tickets, creates, comments, notes): (i64, i64, i64, i64) = c
            .query_row(
                "SELECT (SELECT count(*) FROM tickets),
                        (SELECT count(*) FROM events WHERE action = 'create'),
                        (SELECT count(*) FROM comments),
                        (SELECT count(*) FROM events WHERE action = 'comment')",
                [],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
            )
            .unwrap();
        assert_eq!((tickets, comments), (creates, notes));
    }
    std::fs::write(&done, "").unwrap();
    for mut w in writers {
        assert!(w.wait().unwrap().success());
    }
}

#[test]
fn db_migrate_creates_or_upgrades_and_says_so() {
    let d = Desk::new();
    insta::assert_snapshot!(run(&d, &["db", "migrate"]), @"
    exit: 0
    --- stdout
    created the schema, version 7
    ");
    insta::assert_snapshot!(run(&d, &["db", "migrate"]), @"
    exit: 0
    --- stdout
    the schema is at version 7, this desk's: nothing to do
    ");
}

#[test]
fn db_help_has_examples() {
    for sub in ["status", "check", "backup", "migrate"] {
        let help = Desk::new().ok(&["db", sub, "--help"]);
        assert!(help.contains("EXAMPLES:\n  desk "), "{sub}: {help}");
    }
    insta::assert_snapshot!(Desk::new().ok(&["db", "--help"]), @"
    The database itself: what it is, whether it is sound, a copy, an upgrade

    Usage: desk db [OPTIONS] <COMMAND>

    Commands:
      status   Engine, location, schema version, time zone and how many of each record
      check    Check the file, the references between records and the search indexes
      backup   A consistent copy of the database, taken while others work (SQLite's online backup)
      migrate  Upgrade the database's schema to this desk's (a copy of the file is kept first)
      grant    Let a PostgreSQL role work tickets (--agent) or only read and report (--reader)
      help     Print this message or the help of the given subcommand(s)

    Options:
      -h, --help     Print help
      -V, --version  Print version

    Global options:
          --db <PATH>     Database file [env: DESK_DB; default: the platform data dir, e.g.
                          ~/.local/share/desk/desk.db]
          --user <NAME>   Who acts; recorded on every event [env: DESK_USER; default: the login name]
          --color <WHEN>  When to use colour (auto: on a terminal, unless NO_COLOR is set) [default:
                          auto] [possible values: auto, always, never]
          --no-notify     Mail nobody about this command's changes (hooks still run)

    EXAMPLES:
      desk db status
      desk db check && desk db backup ~/desk-$(date +%F).db
      desk db migrate
    ");
}
