//! The desk's zone (the `timezone` setting) and `recorded_by` (issue 16): every admin
//! of one desk counts and prints in the desk's zone whatever their own `TZ`, and every
//! event says who was really connected, beside the `actor` that `--user` names.

use crate::support::Desk;
use serde_json::Value;

/// `desk ARGS` run in another zone than the harness's Helsinki.
fn in_zone(d: &Desk, tz: &str, args: &[&str]) -> String {
    let out = d.cmd(args).env("TZ", tz).output().expect("run");
    assert!(
        out.status.success(),
        "TZ={tz} desk {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("utf-8")
}

fn json(s: &str) -> Value {
    serde_json::from_str(s).expect("json")
}

/// Who this process is to the system: what SQLite records as `recorded_by`.
fn os_account() -> String {
    desk::system::account_name().expect("the test runs as an account")
}

/// Who desk records as connected: the OS account on SQLite, the login on PostgreSQL.
fn connected_as() -> String {
    match crate::support::test_pg_url() {
        Some(url) => url::Url::parse(&url)
            .expect("DESK_TEST_PG is a URL")
            .username()
            .to_string(),
        None => os_account(),
    }
}

#[test]
fn admins_in_different_zones_count_and_print_alike() {
    let d = Desk::new();
    // Made in Helsinki: the desk counts in Helsinki time from now on.
    d.new_ticket("Printer on 2F jams", &["--at", "09:10"]);
    // Filed from New York: its 08:00 is the desk's 08:00, not New York's.
    let id = in_zone(
        &d,
        "America/New_York",
        &["new", "VPN down", "--at", "08:00"],
    );
    assert_eq!(id.trim(), "2");
    let v = json(&in_zone(
        &d,
        "America/New_York",
        &["show", "2", "--format", "json"],
    ));
    assert_eq!(v["created_at"], "2026-11-20T06:00:00Z");
    // The same bytes whoever asks: the queue, a ticket, its SLA, the report.
    for args in [
        &["list", "--format", "table"][..],
        &["show", "1"],
        &["show", "2", "--format", "json"],
        &["sla", "1"],
        &["report", "--month", "this", "--format", "json"],
        &["report", "--month", "this"],
    ] {
        let here = d.ok(args);
        for tz in ["America/New_York", "Asia/Tokyo", "UTC", "EST+5"] {
            assert_eq!(in_zone(&d, tz, args), here, "TZ={tz} desk {args:?}");
        }
    }
    insta::assert_snapshot!(in_zone(&d, "America/New_York", &["list", "--format", "table"]), @"
    ID  P   STATUS  DUE            ASSIGNEE  REQUESTER  TITLE
    #2  P3  new     3h overdue     -         -          VPN down
    #1  P3  new     1h50m overdue  -         -          Printer on 2F jams
    ");
    // Times print in the desk's zone: 08:00, as filed.
    insta::assert_snapshot!(in_zone(&d, "America/New_York", &["show", "2"]), @"
    #2 VPN down
    incident · new · P3 · tier 1 · SLA breached (3h overdue)
      created:        2026-11-20 08:00
      response due:   2026-11-20 12:00
      resolve due:    2026-11-24 15:00

    History
      2026-11-20 08:00 tester       create (recorded 2026-11-20 15:00)
    ");
    let report = json(&in_zone(
        &d,
        "Asia/Tokyo",
        &["report", "--month", "this", "--format", "json"],
    ));
    assert_eq!(report["by_hour"]["8"], 1);
    assert_eq!(report["by_hour"]["9"], 1);
    assert_eq!(report["period"]["from"], "2026-11-01");
}

#[test]
fn a_new_zone_moves_the_due_times() {
    let mut d = Desk::new();
    // The same moment whatever the desk's zone (a wall-clock DESK_NOW is read in it).
    d.at("2026-11-20T13:00:00Z");
    // Friday 15:00 in Helsinki (13:00Z): P3's 4 h response is 1 h on Friday and 3 h
    // from Monday 07:30, Helsinki time.
    d.new_ticket("Printer on 2F jams", &[]);
    assert_eq!(d.show(1)["response_due"], "2026-11-23T08:30:00Z");
    insta::assert_snapshot!(d.run(&["config", "set", "timezone", "America/New_York"]), @"exit: 0");
    // 13:00Z is 08:00 on Friday in New York: the 4 h end at 12:00 there (17:00Z).
    let v = d.show(1);
    assert_eq!(v["response_due"], "2026-11-20T17:00:00Z");
    insta::assert_snapshot!(d.ok(&["config", "get", "timezone"]), @"America/New_York");
    // The cached deadlines the queue reads moved too, and times print in New York's.
    insta::assert_snapshot!(d.ok(&["list", "--format", "table"]), @"
    ID  P   STATUS  DUE    ASSIGNEE  REQUESTER  TITLE
    #1  P3  new     in 4h  -         -          Printer on 2F jams
    ");
    insta::assert_snapshot!(d.ok(&["show", "1"]), @"
    #1 Printer on 2F jams
    incident · new · P3 · tier 1 · SLA ok (in 4h)
      created:        2026-11-20 08:00
      response due:   2026-11-20 12:00
      resolve due:    2026-11-24 15:00

    History
      2026-11-20 08:00 tester       create
    ");
    assert!(
        d.ok(&["db", "status"])
            .contains("time zone       America/New_York\n")
    );
}

#[test]
fn a_zone_that_is_no_zone_is_refused_and_changes_nothing() {
    let d = Desk::new();
    d.new_ticket("Printer on 2F jams", &[]);
    let before = d.dump();
    insta::assert_snapshot!(d.run(&["config", "set", "timezone", "Europe/Atlantis"]), @r#"
    exit: 2
    --- stderr
    desk: error: invalid value for timezone: "Europe/Atlantis" is not a time zone
    hint: time zones are IANA names, as in TZ: Europe/Helsinki, America/New_York, UTC
    "#);
    d.fails(&["config", "set", "timezone", "europe/helsinki"], 2);
    d.fails(&["config", "set", "timezone", ""], 2);
    insta::assert_snapshot!(d.run(&["config", "unset", "timezone"]), @"
    exit: 2
    --- stderr
    desk: error: timezone cannot be unset: every desk counts in one zone
    hint: set another with `desk config set timezone ZONE` (an IANA name, e.g. Europe/Helsinki)
    ");
    assert_eq!(d.dump(), before);
}

#[test]
fn a_new_desk_takes_its_creators_zone() {
    let d = Desk::new();
    in_zone(&d, "Asia/Tokyo", &["new", "VPN down"]);
    // Asked from Helsinki, the desk is still in Tokyo.
    assert_eq!(d.ok(&["config", "get", "timezone"]), "Asia/Tokyo\n");
    let v = json(&d.ok(&["db", "status", "--format", "json"]));
    assert_eq!(v["timezone"], "Asia/Tokyo");
    // DESK_NOW's wall-clock form is the desk's time too: 15:00 in Tokyo.
    assert_eq!(d.show(1)["created_at"], "2026-11-20T06:00:00Z");
    // A TZ that names no IANA zone gives way to the system's zone, else UTC.
    let e = Desk::new();
    in_zone(&e, "EST+5", &["new", "VPN down"]);
    let zone = e.ok(&["config", "get", "timezone"]);
    assert!(!zone.trim().is_empty() && !zone.contains('+'), "{zone}");
}

#[test]
fn an_older_desk_gets_the_zone_of_the_desk_that_upgrades_it() {
    let d = Desk::new();
    if d.skip_on_postgres("rewinds the SQLite file to schema 2 (user_version, a dropped column) and checks its desk.db.before-v2") {
        return;
    }
    d.new_ticket("Printer on 2F jams", &[]);
    // The file as a desk of schema 2 left it: no timezone, no recorded_by, no
    // organisations.
    let c = rusqlite::Connection::open(d.db()).unwrap();
    c.execute_batch(
        "DELETE FROM settings WHERE key = 'timezone';
         ALTER TABLE events DROP COLUMN recorded_by;
         DROP TABLE org_settings; DROP TABLE org_domains; DROP TABLE orgs;
         PRAGMA user_version = 2;",
    )
    .unwrap();
    drop(c);
    let out = d
        .cmd(&["comment", "1", "Ordered a new drum"])
        .env("TZ", "Europe/Tallinn")
        .output()
        .unwrap();
    assert!(out.status.success());
    assert_eq!(d.ok(&["config", "get", "timezone"]), "Europe/Tallinn\n");
    assert!(d.dir.path().join("data/desk.db.before-v2").exists());
    // Who wrote the old events nobody knows; the new one says.
    let who: Vec<Value> = d.show(1)["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["recorded_by"].clone())
        .collect();
    assert_eq!(who, [Value::Null, Value::from(os_account())]);
}

#[test]
fn recorded_by_is_the_os_account_whoever_acts() {
    let d = Desk::new();
    d.ok(&["--user", "someone", "new", "VPN down"]);
    d.ok(&["assign", "1", "--user", "ana", "--to", "ana"]);
    let v = d.show(1);
    let events = v["events"].as_array().unwrap();
    let pairs: Vec<(&str, &str)> = events
        .iter()
        .map(|e| {
            (
                e["actor"].as_str().unwrap(),
                e["recorded_by"].as_str().unwrap(),
            )
        })
        .collect();
    // Who was really connected: the OS account on SQLite, the login on PostgreSQL.
    let me = d.pg_login().unwrap_or_else(os_account);
    assert_eq!(pairs, [("someone", me.as_str()), ("ana", me.as_str())]);
    // Beside `actor` in the JSON.
    let keys: Vec<&String> = events[0].as_object().unwrap().keys().collect();
    assert_eq!(
        keys,
        [
            "at",
            "recorded_at",
            "actor",
            "recorded_by",
            "action",
            "detail",
            "status",
            "data"
        ]
    );
}

#[test]
fn import_keeps_recorded_by_as_the_file_has_it() {
    let d = Desk::new();
    let file = d.dir.path().join("in.jsonl");
    std::fs::write(
        &file,
        concat!(
            r#"{"title":"From the old desk","created_at":"2026-11-02T08:00:00Z","events":["#,
            r#"{"at":"2026-11-02T08:00:00Z","actor":"ana","recorded_by":"ana-laptop","action":"create","status":"new"},"#,
            r#"{"at":"2026-11-02T09:00:00Z","actor":"bo","action":"comment"}]}"#,
            "\n",
            r#"{"title":"A row with no history","created_at":"2026-11-03T08:00:00Z"}"#,
            "\n"
        ),
    )
    .unwrap();
    d.ok(&["import", file.to_str().unwrap()]);
    let who = |id| -> Vec<Value> {
        d.show(id)["events"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["recorded_by"].clone())
            .collect()
    };
    // The file's value, and its absence, never the importer's account...
    assert_eq!(who(1), [Value::from("ana-laptop"), Value::Null]);
    // ...except on the history the import made up itself: it recorded that.
    assert_eq!(who(2), [Value::from(connected_as())]);
    // export → import → export: the same bytes.
    let first = d.ok(&["export"]);
    let e = Desk::new();
    let again = e.dir.path().join("again.jsonl");
    std::fs::write(&again, &first).unwrap();
    e.ok(&["import", again.to_str().unwrap()]);
    assert_eq!(e.ok(&["export"]), first);
    assert!(first.contains(r#""actor":"ana","recorded_by":"ana-laptop","action":"create""#));
}
