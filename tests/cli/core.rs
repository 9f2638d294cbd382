//! Issue 2: tickets from the corridor to closed — creation, listing, formats, exit
//! codes, `--at`, ids from stdin, languages, files and concurrency.

use crate::support::{Desk, s};
use serde_json::Value;

const SPEC_FIELDS: &[&str] = &[
    "id",
    "kind",
    "title",
    "description",
    "status",
    "priority",
    "impact",
    "urgency",
    "tier",
    "assignee",
    "requester",
    "email",
    "phone",
    "org",
    "location",
    "category",
    "ci",
    "channel",
    "tags",
    "created_at",
    "updated_at",
    "first_response_at",
    "resolved_at",
    "closed_at",
    "response_due",
    "resolve_due",
    "sla",
    "resolution",
    "kb_article",
    "time_spent",
    "dedup_key",
    "occurrences",
    "escalations",
    "reopens",
];

#[test]
fn new_prints_the_id_alone_and_json_has_every_spec_field_in_order() {
    let d = Desk::new();
    assert_eq!(
        d.ok(&["new", "Printer on 2F jams", "--requester", "Ana"]),
        "1\n"
    );
    assert_eq!(d.ok(&["new", "Second"]), "2\n");
    let out = d.ok(&[
        "new",
        "VPN down",
        "--format",
        "json",
        "--kind",
        "request",
        "--email",
        "a@x.fi",
        "--phone",
        "123",
        "--org",
        "Meita",
        "--location",
        "2F",
        "--category",
        "network",
        "--ci",
        "VPN-GW-1",
        "--channel",
        "phone",
        "--tag",
        "vpn",
        "--tag",
        "office",
    ]);
    let v: Value = serde_json::from_str(&out).unwrap();
    let keys: Vec<&str> = v.as_object().unwrap().keys().map(String::as_str).collect();
    assert_eq!(keys, SPEC_FIELDS);
    assert_eq!(v["id"], 3);
    assert_eq!(s(&v, "kind"), "request");
    assert_eq!(s(&v, "status"), "new");
    assert_eq!(s(&v, "priority"), "P3");
    assert_eq!(v["tier"], 1);
    assert_eq!(v["tags"], serde_json::json!(["vpn", "office"]));
    assert_eq!(s(&v, "channel"), "phone");
    assert_eq!(s(&v, "created_at"), "2026-11-20T13:00:00Z");
    assert_eq!(v["occurrences"], 1);
    assert_eq!(v["assignee"], Value::Null);
}

#[test]
fn priority_comes_from_impact_and_urgency_unless_given() {
    let d = Desk::new();
    let p = |args: &[&str]| {
        let id = d.new_ticket("t", args);
        s(&d.show(id), "priority").to_string()
    };
    assert_eq!(p(&[]), "P3");
    assert_eq!(p(&["--impact", "high", "--urgency", "high"]), "P1");
    assert_eq!(p(&["--impact", "low", "--urgency", "high"]), "P3");
    assert_eq!(p(&["--impact", "medium", "--urgency", "low"]), "P4");
    assert_eq!(
        p(&["--impact", "high", "--urgency", "high", "--priority", "P4"]),
        "P4"
    );
}

#[test]
fn new_without_title_and_no_terminal_exits_2() {
    let d = Desk::new();
    let err = d.fails(&["new"], 2);
    assert!(err.starts_with("desk: error: a title is needed"), "{err}");
    assert!(d.ok(&["list", "-q", "--status", "all"]).is_empty());
}

#[test]
fn description_from_stdin_and_first_contact_resolution() {
    let d = Desk::new();
    let out = d.ok_stdin(
        &["new", "Backup failed", "-d", "-"],
        "Job nightly-db failed\nexit 2\n",
    );
    let v = d.show(out.trim().parse().unwrap());
    assert_eq!(s(&v, "description"), "Job nightly-db failed\nexit 2");

    let id = d.new_ticket(
        "Password reset",
        &["--kind", "request", "--resolve", "Reset by phone"],
    );
    let v = d.show(id);
    assert_eq!(s(&v, "status"), "resolved");
    assert_eq!(s(&v, "resolution"), "Reset by phone");
    assert_eq!(s(&v, "resolved_at"), "2026-11-20T13:00:00Z");
    assert_eq!(s(&v, "first_response_at"), "2026-11-20T13:00:00Z");

    let id = d.new_ticket("Monitor flickers", &["--assign", "ana"]);
    let v = d.show(id);
    assert_eq!(s(&v, "status"), "open");
    assert_eq!(s(&v, "assignee"), "ana");
}

#[test]
fn dedup_key_absorbs_alerts_while_the_ticket_is_active() {
    let mut d = Desk::new();
    let a = d.new_ticket(
        "disk /var 95% on db-1",
        &["--channel", "monitoring", "--dedup-key", "db-1:disk"],
    );
    d.at("2026-11-20 15:05");
    let b = d.new_ticket(
        "disk /var 96% on db-1",
        &["--channel", "monitoring", "--dedup-key", "db-1:disk"],
    );
    d.at("2026-11-20 15:10");
    let c = d.new_ticket(
        "disk /var 97% on db-1",
        &["--channel", "monitoring", "--dedup-key", "db-1:disk"],
    );
    assert_eq!((a, b, c), (1, 1, 1));
    let v = d.show(1);
    assert_eq!(v["occurrences"], 3);
    assert_eq!(s(&v, "dedup_key"), "db-1:disk");
    let actions: Vec<&str> = v["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| s(e, "action"))
        .collect();
    assert_eq!(actions, ["create", "occurrence", "occurrence"]);
    // Once resolved, the next alert opens a new ticket.
    d.ok(&["resolve", "1", "--solution", "cleaned /var/log"]);
    assert_eq!(d.new_ticket("disk again", &["--dedup-key", "db-1:disk"]), 2);
}

#[test]
fn list_formats_tsv_by_default_in_a_pipe_and_every_other_format() {
    let d = Desk::new();
    d.new_ticket(
        "Printer on 2F jams",
        &["--requester", "Ana", "--category", "printing"],
    );
    d.new_ticket("VPN down", &["--impact", "high", "--urgency", "high"]);
    let tsv = d.ok(&["list"]);
    let lines: Vec<&str> = tsv.lines().collect();
    assert_eq!(
        lines[0],
        "id\tstatus\tpriority\ttier\tsla\tdue\tassignee\trequester\tcategory\ttitle"
    );
    // P1 first: its response is due at 15:30, the P3's on Monday.
    assert!(
        lines[1].starts_with("2\tnew\tP1\t1\tok\t2026-11-20T13:30:00Z\t"),
        "{tsv}"
    );
    assert_eq!(
        lines[2],
        "1\tnew\tP3\t1\tok\t2026-11-23T08:30:00Z\t\tAna\tprinting\tPrinter on 2F jams"
    );
    assert_eq!(lines.len(), 3);

    assert_eq!(d.ok(&["list", "-q"]), "2\n1\n");
    let csv = d.ok(&["list", "--format", "csv"]);
    assert!(
        csv.starts_with("id,kind,title,description,status,priority,"),
        "{csv}"
    );
    assert_eq!(csv.lines().count(), 3);
    let jsonl = d.ok(&["list", "--format", "jsonl"]);
    assert_eq!(jsonl.lines().count(), 2);
    let first: Value = serde_json::from_str(jsonl.lines().next().unwrap()).unwrap();
    assert_eq!(first["id"], 2);
    assert_eq!(d.list_json(&[]).len(), 2);
    let table = d.ok(&["list", "--format", "table"]);
    assert!(table.lines().next().unwrap().contains("TITLE"), "{table}");
    assert!(table.contains("in 30m"), "{table}");
    assert!(table.contains("Mon 10:30"), "{table}");
}

#[test]
fn an_empty_list_is_success_with_just_the_header() {
    let d = Desk::new();
    assert_eq!(
        d.ok(&["list"]),
        "id\tstatus\tpriority\ttier\tsla\tdue\tassignee\trequester\tcategory\ttitle\n"
    );
    assert_eq!(d.ok(&["list", "--format", "json"]).trim(), "[]");
    assert_eq!(d.ok(&["list", "-q"]), "");
}

#[test]
fn list_filters() {
    let mut d = Desk::new();
    d.at("2026-11-18 09:00");
    d.new_ticket("old one", &["--org", "Meita", "--channel", "email"]);
    d.at("2026-11-20 15:00");
    d.new_ticket(
        "printer",
        &[
            "--category",
            "printing",
            "--tag",
            "2F",
            "--requester",
            "Ana",
            "--ci",
            "PRN-2F",
        ],
    );
    d.new_ticket("urgent", &["--priority", "P1", "--kind", "problem"]);
    d.new_ticket("mine", &["--assign", "tester"]);
    d.new_ticket("hers", &["--assign", "ana"]);
    d.new_ticket("done", &["--resolve", "fixed"]);
    assert_eq!(d.ids(&["--mine"]), [4]);
    assert_eq!(d.ids(&["--assignee", "ana"]), [5]);
    assert_eq!(d.ids(&["--unassigned", "--sort", "id"]), [1, 2, 3]);
    assert_eq!(d.ids(&["--priority", "P1"]), [3]);
    assert_eq!(d.ids(&["--kind", "problem"]), [3]);
    assert_eq!(d.ids(&["--category", "printing"]), [2]);
    assert_eq!(d.ids(&["--tag", "2F"]), [2]);
    assert_eq!(d.ids(&["--requester", "Ana"]), [2]);
    assert_eq!(d.ids(&["--ci", "PRN-2F"]), [2]);
    assert_eq!(d.ids(&["--org", "Meita"]), [1]);
    assert_eq!(d.ids(&["--channel", "email"]), [1]);
    assert_eq!(d.ids(&["--tier", "1", "--sort", "id"]), [1, 2, 3, 4, 5]);
    assert_eq!(d.ids(&["--status", "resolved"]), [6]);
    assert_eq!(
        d.ids(&["--status", "all", "--sort", "id"]),
        [1, 2, 3, 4, 5, 6]
    );
    assert_eq!(
        d.ids(&["--since", "2026-11-19", "--sort", "id"]),
        [2, 3, 4, 5]
    );
    assert_eq!(d.ids(&["--until", "2026-11-19"]), [1]);
    assert_eq!(d.ids(&["--sort", "-id", "--limit", "2"]), [5, 4]);
    // hers, mine, old one, printer, urgent
    assert_eq!(d.ids(&["--sort", "title"]), [5, 4, 1, 2, 3]);
    assert_eq!(d.ids(&["--sort", "-title", "--limit", "1"]), [3]);
    d.fails(&["list", "--status", "bogus"], 2);
    d.fails(&["list", "--priority", "P9"], 2);
    d.fails(&["list", "--since", "last tuesday"], 2);
    d.fails(&["list", "--sort", "color"], 2);
}

#[test]
fn ids_tsv_and_json_list_the_same_tickets_in_the_same_order_for_every_sort() {
    // `-q` reads the ids alone, the TSV a few fields, JSON all of them: three queries
    // that must agree on what they list and in which order.
    let mut d = Desk::new();
    d.at("2026-11-16 08:00");
    d.new_ticket(
        "Vanha tulostin",
        &["--priority", "P2", "--requester", "Öystein"],
    );
    d.new_ticket("Näyttö", &["--assign", "ana"]);
    d.at("2026-11-18 10:00");
    d.new_ticket("VPN ei toimi", &["--priority", "P1", "--requester", "Ana"]);
    d.new_ticket("Salasana", &["--priority", "P4"]);
    d.ok(&["wait", "4"]);
    d.at("2026-11-20 14:00");
    // Updated after the others: `--sort updated` differs from `--sort created`.
    d.ok(&["comment", "1", "Soitin takaisin"]);
    d.new_ticket("Hiiri", &["--priority", "P3"]);
    d.ok(&["resolve", "2", "--solution", "Kaapeli vaihdettu"]);
    for sort in [
        None,
        Some("due"),
        Some("-due"),
        Some("updated"),
        Some("-updated"),
        Some("created"),
        Some("priority"),
        Some("status"),
        Some("title"),
        Some("-requester"),
    ] {
        let mut args = vec!["--status", "all"];
        if let Some(s) = sort {
            args.extend(["--sort", s]);
        }
        let ids = d.ids(&args);
        let mut tsv_args = vec!["list"];
        tsv_args.extend(&args);
        let tsv: Vec<i64> = d
            .ok(&tsv_args)
            .lines()
            .skip(1)
            .map(|l| l.split('\t').next().unwrap().parse().unwrap())
            .collect();
        let json: Vec<i64> = d
            .list_json(&args)
            .iter()
            .map(|t| t["id"].as_i64().unwrap())
            .collect();
        assert_eq!(ids.len(), 5, "{sort:?}");
        assert_eq!(ids, tsv, "{sort:?}");
        assert_eq!(ids, json, "{sort:?}");
    }
    // The queue's own order: breached first (1 and 2 were due days ago), then due.
    assert_eq!(d.ids(&[]), [1, 3, 5, 4]);
    assert_eq!(d.ids(&["--sort", "updated"]), [3, 4, 1, 5]);
}

#[test]
fn name_filters_ignore_case_in_every_alphabet() {
    let d = Desk::new();
    d.new_ticket(
        "Принтер не печатает",
        &[
            "--requester",
            "Дмитрий",
            "--org",
            "Ääkköset Oy",
            "--category",
            "Tulostus",
            "--ci",
            "ПК-0423",
            "--tag",
            "Kerros-2",
        ],
    );
    d.new_ticket("VPN", &["--requester", "Łukasz", "--org", "Acme"]);
    assert_eq!(d.ids(&["--requester", "дмитрий"]), [1]);
    assert_eq!(d.ids(&["--org", "ÄÄKKÖSET OY"]), [1]);
    assert_eq!(d.ids(&["--org", "ääkköset oy"]), [1]);
    assert_eq!(d.ids(&["--category", "TULOSTUS"]), [1]);
    assert_eq!(d.ids(&["--ci", "пк-0423"]), [1]);
    assert_eq!(d.ids(&["--tag", "kerros-2"]), [1]);
    assert_eq!(d.ids(&["--requester", "łUKASZ"]), [2]);
    assert_eq!(d.ids(&["--org", "ACME"]), [2]);
    // Case only: other letters stay other letters.
    assert!(d.ids(&["--org", "aakkoset oy"]).is_empty());
    // The report's organisation too.
    let report = |org: &str| -> serde_json::Value {
        serde_json::from_str(&d.ok(&[
            "report", "--month", "this", "--org", org, "--format", "json",
        ]))
        .unwrap()
    };
    assert_eq!(report("ääkköset oy")["created"], 1);
    assert_eq!(report("acme")["created"], 1);
    // And an article's category.
    d.ok(&[
        "kb",
        "new",
        "Tulostimen jumi",
        "--body",
        "Avaa luukku",
        "--category",
        "Tulostus",
    ]);
    assert!(
        d.ok(&["kb", "list", "--category", "TULOSTUS"])
            .contains("Tulostimen jumi")
    );
}

#[test]
fn multilingual_titles_survive_json_csv_and_tsv() {
    let d = Desk::new();
    let titles = [
        "Sähköposti ei toimi Outlookissa",
        "Принтер не печатает, ошибка «замятие»",
        "Zgłoszenie: drukarka na 2. piętrze",
        "Võrguühendus katkeb, õhtune töö",
    ];
    for t in titles {
        d.new_ticket(t, &["--requester", "Łukasz Żółć"]);
    }
    let json = d.list_json(&["--sort", "id"]);
    for (v, t) in json.iter().zip(titles) {
        assert_eq!(s(v, "title"), t);
        assert_eq!(s(v, "requester"), "Łukasz Żółć");
    }
    let csv = d.ok(&["list", "--format", "csv", "--sort", "id"]);
    let mut r = csv::Reader::from_reader(csv.as_bytes());
    let got: Vec<String> = r.records().map(|rec| rec.unwrap()[2].to_string()).collect();
    assert_eq!(got, titles);
    let tsv = d.ok(&["list", "--sort", "id"]);
    let got: Vec<&str> = tsv
        .lines()
        .skip(1)
        .map(|l| l.rsplit('\t').next().unwrap())
        .collect();
    assert_eq!(got, titles);
}

#[test]
fn control_characters_never_reach_the_terminal_raw() {
    let d = Desk::new();
    d.new_ticket(
        "evil \u{1b}[2J title\twith tab",
        &["-d", "line1\nline2 \u{1b}]0;pwn\u{7}"],
    );
    for args in [
        vec!["list"],
        vec!["list", "--format", "table"],
        vec!["show", "1"],
    ] {
        let out = d.ok(&args);
        assert!(!out.contains('\u{1b}'), "{args:?}: {out:?}");
        assert!(!out.contains('\u{7}'), "{args:?}: {out:?}");
        assert!(out.contains("\\u{1b}"), "{args:?}: {out:?}");
    }
    // JSON keeps the exact text, escaped by JSON itself.
    let raw = d.ok(&["show", "1", "--format", "json"]);
    assert!(!raw.contains('\u{1b}'));
    assert_eq!(s(&d.show(1), "title"), "evil \u{1b}[2J title\twith tab");
}

#[test]
fn json_on_a_terminal_escapes_what_json_itself_leaves_raw() {
    // JSON escapes C0 controls only: U+009B (a one-character CSI), DEL and the bidi
    // overrides would reach the terminal raw.
    let d = Desk::new();
    let title = "A\u{9b}2JB\u{202e}C\u{7f}D ääkköset";
    d.new_ticket(title, &[]);
    // A pipe gets the exact text.
    assert_eq!(s(&d.show(1), "title"), title);
    assert!(d.ok(&["export"]).contains(title));
    // A terminal (a pseudo-terminal from util-linux's script(1)) gets it escaped, as
    // the same JSON.
    let desk = assert_cmd::cargo::cargo_bin!("desk");
    for args in [
        "show 1 --format json",
        "list --format json",
        "list --format jsonl",
        "export",
    ] {
        let base = d.std_cmd(&[]);
        let mut c = std::process::Command::new("script");
        c.env_clear();
        for (k, v) in base.get_envs() {
            if let Some(v) = v {
                c.env(k, v);
            }
        }
        let out = c
            .args(["-qec", &format!("{} {args}", desk.display()), "/dev/null"])
            .output()
            .expect("script(1) from util-linux");
        let text = String::from_utf8(out.stdout).unwrap();
        assert!(out.status.success(), "{args}: {text}");
        assert!(
            text.contains(r#"A\u009b2JB\u202eC\u007fD ääkköset"#),
            "{args}: {text:?}"
        );
        assert!(
            !text.contains(['\u{9b}', '\u{202e}', '\u{7f}']),
            "{args}: {text:?}"
        );
    }
}

#[test]
fn exit_codes_follow_the_spec() {
    let d = Desk::new();
    d.new_ticket("x", &[]);
    // Usage errors are one line and a hint, like every other error.
    let e = d.fails(&["list", "--no-such-flag"], 2);
    assert_eq!(
        e,
        "desk: error: unexpected argument '--no-such-flag' found\nhint: see `desk list --help`\n"
    );
    let e = d.fails(&["new", "x", "--priority", "P7"], 2);
    assert_eq!(
        e,
        "desk: error: invalid value 'P7' for '--priority <PRIORITY>' [possible values: P1, P2, P3, P4]\nhint: add --help to the command for its options\n"
    );
    d.fails(&["new", "x", "--priority", "P7"], 2);
    d.fails(&["new", "x", "--at", "yesterday at noon"], 2);
    let e = d.fails(&["show", "99"], 3);
    assert_eq!(e.lines().next().unwrap(), "desk: error: no ticket #99");
    d.fails(&["assign", "#99"], 3);
    let e = d.fails(&["close", "1"], 4);
    assert!(e.contains("cannot close ticket #1: it is new"), "{e}");
    d.fails(&["show", "abc"], 2);
    d.fails(&["log", "1", "soon"], 2);
    // Bytes that are not UTF-8 on stdin are an invalid value, as in an argument.
    for (args, input) in [
        (&["new", "t", "-d", "-"][..], &b"caf\xe9"[..]),
        (&["comment", "1", "-"], b"caf\xe9"),
        (&["close", "-"], b"1\n\xff\n"),
    ] {
        let out = d.cmd(args).write_stdin(input).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(
            String::from_utf8_lossy(&out.stderr).contains("not UTF-8 text"),
            "{args:?}"
        );
    }
    assert_eq!(d.ids(&["--status", "all"]), [1]);
}

#[test]
fn times_are_kept_to_1970_to_8999_so_every_export_imports_again() {
    // Year 0 in Helsinki is year -1 in UTC, and a deadline counted on from 9999 is in
    // year 10000: neither is a four-digit RFC 3339 time, and an export holding one
    // could not be restored.
    let d = Desk::new();
    let e = d.fails(&["new", "hallway", "--at", "0000-01-01 00:30"], 2);
    assert_eq!(
        e.lines().next().unwrap(),
        "desk: error: \"0000-01-01 00:30\" is out of range: times go from 1970 to 8999"
    );
    let mut late = Desk::new();
    late.at("9999-12-31 23:59");
    let e = late.fails(&["new", "x"], 2);
    assert!(
        e.contains("DESK_NOW \"9999-12-31 23:59\" is out of range"),
        "{e}"
    );
    d.fails(&["report", "--month", "9999-12"], 2);
    d.fails(&["list", "--since", "0001-01-01"], 2);
    let f = d.dir.path().join("old.jsonl");
    std::fs::write(
        &f,
        "{\"title\":\"x\",\"created_at\":\"1969-12-31T23:59:59Z\"}\n",
    )
    .unwrap();
    let e = d.fails(&["import", f.to_str().unwrap()], 2);
    assert!(
        e.contains(r#"line 1: field "created_at": time "1969-12-31T23:59:59Z" is out of range"#),
        "{e}"
    );
    // Nothing was written by any of them.
    assert!(d.ids(&["--status", "all"]).is_empty());
    // The last storable year round-trips.
    late.at("8999-12-31 10:00");
    late.new_ticket("late", &[]);
    let export = late.ok(&["export"]);
    let again = Desk::new();
    let f = again.dir.path().join("late.jsonl");
    std::fs::write(&f, &export).unwrap();
    again.ok(&["import", f.to_str().unwrap()]);
    assert_eq!(again.ok(&["export"]), export);
}

#[test]
fn at_accepts_the_spec_forms_and_refuses_the_future_and_before_creation() {
    let mut d = Desk::new();
    let id = d.new_ticket("hallway", &["--at", "09:10"]);
    assert_eq!(s(&d.show(id), "created_at"), "2026-11-20T07:10:00Z");
    let id = d.new_ticket("yesterday", &["--at", "yesterday 16:00"]);
    assert_eq!(s(&d.show(id), "created_at"), "2026-11-19T14:00:00Z");
    let id = d.new_ticket("ago", &["--at", "2h ago"]);
    assert_eq!(s(&d.show(id), "created_at"), "2026-11-20T11:00:00Z");
    let id = d.new_ticket("rfc", &["--at", "2026-11-20T08:00:00Z"]);
    assert_eq!(s(&d.show(id), "created_at"), "2026-11-20T08:00:00Z");
    let id = d.new_ticket("full", &["--at", "2026-11-20 08:00"]);
    assert_eq!(s(&d.show(id), "created_at"), "2026-11-20T06:00:00Z");

    let e = d.fails(&["new", "future", "--at", "16:00"], 2);
    assert!(e.contains("in the future"), "{e}");
    let e = d.fails(&["assign", "1", "--at", "09:00"], 2);
    assert!(e.contains("before ticket #1 existed"), "{e}");
    // The event keeps both times.
    d.at("2026-11-20 15:30");
    d.ok(&["assign", "1", "--to", "ana", "--at", "09:20"]);
    let v = d.show(1);
    let ev = &v["events"][1];
    assert_eq!(s(ev, "at"), "2026-11-20T07:20:00Z");
    assert_eq!(s(ev, "recorded_at"), "2026-11-20T13:30:00Z");
    assert_eq!(s(ev, "actor"), "tester");
    assert_eq!(s(&v, "first_response_at"), "2026-11-20T07:20:00Z");
}

#[test]
fn ids_from_stdin_work_for_every_command_that_takes_ids() {
    let d = Desk::new();
    for t in ["a", "b", "c"] {
        d.new_ticket(t, &["--category", "printing"]);
    }
    d.new_ticket("other", &[]);
    let ids = d.ok(&["list", "-q", "--category", "printing"]);
    d.ok_stdin(&["assign", "-", "--to", "ana"], &ids);
    assert_eq!(d.ids(&["--assignee", "ana", "--sort", "id"]), [1, 2, 3]);
    d.ok_stdin(&["wait", "-"], "1\n#2\n\n");
    d.ok_stdin(&["resume", "-"], "1\n2\n");
    d.ok_stdin(&["escalate", "-"], "3\n");
    d.ok_stdin(&["resolve", "-", "--solution", "done"], "1\n2\n");
    d.ok_stdin(&["close", "-"], "1\n");
    d.ok_stdin(&["reopen", "-"], "1\n");
    d.ok_stdin(&["cancel", "-"], "4\n");
    assert_eq!(s(&d.show(1), "status"), "open");
    assert_eq!(s(&d.show(2), "status"), "resolved");
    assert_eq!(d.show(3)["tier"], 2);
    assert_eq!(s(&d.show(4), "status"), "cancelled");
    // An empty batch from an empty pipe does nothing and succeeds.
    let before = d.dump();
    d.ok_stdin(&["close", "-"], "");
    assert_eq!(d.dump(), before);
    let e = d
        .cmd(&["assign", "-"])
        .write_stdin("1\nnope\n")
        .output()
        .unwrap();
    assert_eq!(e.status.code(), Some(2));
}

#[test]
fn a_file_that_is_not_a_desk_database_is_refused_untouched() {
    let d = Desk::new();
    // PostgreSQL counterpart: tests/cli/postgres.rs::a_database_that_is_not_a_desk_is_refused_untouched
    if d.skip_on_postgres(
        "a CSV file, another application's SQLite file and a folder at the database's path",
    ) {
        return;
    }
    std::fs::create_dir_all(d.db().parent().unwrap()).unwrap();
    std::fs::write(d.db(), b"name,phone\nAna,123\n").unwrap();
    let e = d.fails(&["list"], 1);
    assert!(e.contains("not a desk database"), "{e}");
    assert_eq!(std::fs::read(d.db()).unwrap(), b"name,phone\nAna,123\n");

    // Another application's SQLite file.
    let other = d.dir.path().join("other.db");
    let c = rusqlite::Connection::open(&other).unwrap();
    c.execute_batch("CREATE TABLE x (a); INSERT INTO x VALUES (1);")
        .unwrap();
    drop(c);
    let before = std::fs::read(&other).unwrap();
    let out = d.cmd(&["list"]).env("DESK_DB", &other).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("not a desk database"));
    assert_eq!(std::fs::read(&other).unwrap(), before);
    assert!(!d.dir.path().join("other.db-wal").exists());

    // A folder, or a device: refused before SQLite leaves a journal next to it.
    let folder = d.dir.path().join("a-folder");
    std::fs::create_dir(&folder).unwrap();
    let out = d.cmd(&["list"]).env("DESK_DB", &folder).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        String::from_utf8_lossy(&out.stderr).lines().next().unwrap(),
        format!("desk: error: {} is not a database file", folder.display())
    );
    assert_eq!(
        std::fs::read_dir(d.dir.path())
            .unwrap()
            .filter(|e| e
                .as_ref()
                .unwrap()
                .file_name()
                .to_string_lossy()
                .starts_with("a-folder"))
            .count(),
        1
    );
}

#[test]
fn a_database_from_a_newer_desk_is_refused_untouched() {
    let d = Desk::new();
    // PostgreSQL counterpart: tests/cli/postgres.rs::a_schema_that_is_too_new_is_refused_untouched
    if d.skip_on_postgres("sets PRAGMA user_version in the SQLite file") {
        return;
    }
    d.new_ticket("x", &[]);
    let c = rusqlite::Connection::open(d.db()).unwrap();
    c.execute_batch("PRAGMA user_version = 999;").unwrap();
    drop(c);
    let before = std::fs::read(d.db()).unwrap();
    let e = d.fails(&["new", "y"], 1);
    assert!(e.contains("newer desk"), "{e}");
    assert_eq!(std::fs::read(d.db()).unwrap(), before);
}

#[cfg(unix)]
#[test]
fn database_folders_and_files_are_private_under_umask_022() {
    use std::os::unix::fs::PermissionsExt;
    let d = Desk::new();
    if d.skip_on_postgres("modes of the SQLite file, its folders, -wal and -shm") {
        return;
    }
    let db = d.dir.path().join("deep").join("er").join("desk.db");
    // Keep a reader open so -wal and -shm exist to be checked.
    let out = std::process::Command::new("sh")
        .arg("-c")
        .arg("umask 022 && \"$0\" new hello && \"$0\" list -q >/dev/null")
        .arg(assert_cmd::cargo::cargo_bin("desk"))
        .env("DESK_DB", &db)
        .env("DESK_NOW", "2026-11-20 15:00")
        .env("DESK_USER", "t")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let mode = |p: &std::path::Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode(&db), 0o600);
    assert_eq!(mode(db.parent().unwrap()), 0o700);
    assert_eq!(mode(db.parent().unwrap().parent().unwrap()), 0o700);
    let c = rusqlite::Connection::open(&db).unwrap();
    c.execute_batch("BEGIN; SELECT count(*) FROM tickets;")
        .unwrap();
    for ext in ["desk.db-wal", "desk.db-shm"] {
        let p = db.with_file_name(ext);
        if p.exists() {
            assert_eq!(mode(&p), 0o600, "{ext}");
        }
    }
}

#[test]
fn pragmas_are_set_on_the_file() {
    let d = Desk::new();
    // PostgreSQL counterpart: tests/cli/postgres.rs::history_is_append_only_even_for_hand_written_sql
    if d.skip_on_postgres(
        "application_id, user_version, journal mode and triggers of the SQLite file",
    ) {
        return;
    }
    d.new_ticket("x", &[]);
    let c = rusqlite::Connection::open(d.db()).unwrap();
    let q = |sql: &str| -> i64 { c.query_row(sql, [], |r| r.get(0)).unwrap() };
    assert_eq!(q("PRAGMA application_id"), 0x4445_534B);
    assert_eq!(q("PRAGMA user_version"), 7);
    let mode: String = c
        .query_row("PRAGMA journal_mode", [], |r| r.get(0))
        .unwrap();
    assert_eq!(mode, "wal");
    // History is append-only, even for hand-written SQL.
    assert!(c.execute("DELETE FROM events", []).is_err());
    assert!(c.execute("UPDATE events SET actor = 'x'", []).is_err());
}

#[test]
fn eight_writers_at_once_make_160_tickets_without_gaps() {
    let d = Desk::new();
    d.ok(&["db", "migrate"]); // create the database first (list never does)
    let bin = assert_cmd::cargo::cargo_bin("desk");
    // Twenty each: the writers still overlap all the way (each waits for the others'
    // locks at every ticket); fifty each only made the test longer.
    let script = "i=0; while [ $i -lt 20 ]; do \"$0\" new \"writer $1 ticket $i\" >/dev/null || exit 1; i=$((i+1)); done";
    let children: Vec<_> = (0..8)
        .map(|w| {
            std::process::Command::new("sh")
                .arg("-c")
                .arg(script)
                .arg(&bin)
                .arg(w.to_string())
                .env_clear()
                .env("PATH", std::env::var("PATH").unwrap_or_default())
                .env("DESK_DB", d.location())
                .env("DESK_USER", format!("w{w}"))
                .env("DESK_NOW", "2026-11-20 15:00")
                .stderr(std::process::Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    for c in children {
        let out = c.wait_with_output().unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    // Through desk, on either engine: no gap, no duplicate, a sound database.
    assert_eq!(
        d.ids(&["--status", "all", "--sort", "id"]),
        (1..=160).collect::<Vec<i64>>()
    );
    d.ok(&["db", "check"]);
    if d.is_postgres() {
        return;
    }
    let c = rusqlite::Connection::open(d.db()).unwrap();
    let (n, min, max, distinct): (i64, i64, i64, i64) = c
        .query_row(
            "SELECT count(*), min(id), max(id), count(DISTINCT id) FROM tickets",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
        )
        .unwrap();
    assert_eq!((n, min, max, distinct), (160, 1, 160, 160));
    let ok: String = c
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(ok, "ok");
    let events: i64 = c
        .query_row(
            "SELECT count(*) FROM events WHERE action = 'create'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(events, 160);
}

#[test]
fn a_writer_locked_out_past_the_busy_timeout_exits_75_and_writes_nothing() {
    let d = Desk::new();
    // PostgreSQL counterpart: tests/cli/postgres.rs::a_writer_locked_out_past_the_busy_timeout_exits_75_and_writes_nothing
    if d.skip_on_postgres("holds SQLite's write lock through a rusqlite connection into the file") {
        return;
    }
    d.new_ticket("x", &[]);
    let c = rusqlite::Connection::open(d.db()).unwrap();
    c.execute_batch("BEGIN IMMEDIATE; INSERT INTO settings VALUES ('_lock', '1');")
        .unwrap();
    // The timeout shortened for the test (10 s otherwise): what is proven is the
    // exit code and that nothing was written, not how long the wait is.
    let out = d
        .cmd(&["new", "y"])
        .env("DESK_BUSY_TIMEOUT_MS", "300")
        .output()
        .unwrap();
    let shown = format!(
        "exit: {}\n--- stdout\n{}--- stderr\n{}",
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    insta::assert_snapshot!(shown, @"
    exit: 75
    --- stdout
    --- stderr
    desk: error: the database is locked by another writer
    hint: another desk is writing; try again in a moment
    ");
    c.execute_batch("ROLLBACK").unwrap();
    assert_eq!(d.ids(&["--status", "all"]), [1]);
}

#[cfg(unix)]
#[test]
fn edit_flags_open_the_editor_outside_any_transaction() {
    use std::os::unix::fs::PermissionsExt;
    let d = Desk::new();
    let editor = d.dir.path().join("fake-editor");
    // Writes a title and a description, as a person would in $EDITOR.
    std::fs::write(
        &editor,
        "#!/bin/sh\nprintf 'Näyttö vilkkuu\\n\\nKuva katoaa välillä.\\n' > \"$1\"\n",
    )
    .unwrap();
    std::fs::set_permissions(&editor, std::fs::Permissions::from_mode(0o755)).unwrap();
    let out = d
        .cmd(&["new", "Screen", "--edit"])
        .env("EDITOR", &editor)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // `new --edit` reads the title line and, after a blank line, the description.
    assert!(s(&d.show(1), "description").contains("Kuva katoaa välillä."));
    let out = d
        .cmd(&["edit", "1", "--edit"])
        .env("EDITOR", &editor)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v = d.show(1);
    assert_eq!(s(&v, "title"), "Näyttö vilkkuu");
    assert_eq!(s(&v, "description"), "Kuva katoaa välillä.");
    // A failing editor changes nothing.
    let before = d.dump();
    let out = d
        .cmd(&["edit", "1", "--edit"])
        .env("EDITOR", "false")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&out.stderr).starts_with(
            "desk: error: the editor \"false\" failed (exit status: 1); nothing changed\nhint: "
        ),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(d.dump(), before);
    // What the editor saved is kept when the command then fails, and named; it is
    // removed when the command succeeds.
    let tmp = d.dir.path().join("tmp");
    std::fs::create_dir(&tmp).unwrap();
    // `desk edit 1 --edit` with an editor that saves what printf(1) makes of `saves`.
    let edit_with = |name: &str, saves: &str| {
        let editor = d.dir.path().join(name);
        std::fs::write(&editor, format!("#!/bin/sh\nprintf '{saves}' > \"$1\"\n")).unwrap();
        d.cmd(&["edit", "1", "--edit"])
            .env("EDITOR", format!("sh {}", editor.display()))
            .env("TMPDIR", &tmp)
            .output()
            .unwrap()
    };
    let out = edit_with("latin1.sh", "Uusi otsikko\\n\\npitk\\344 teksti\\n");
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.starts_with("desk: error: what the editor saved is not UTF-8 text"),
        "{err}"
    );
    let kept: Vec<_> = std::fs::read_dir(&tmp)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    assert_eq!(kept.len(), 1);
    assert!(
        err.contains(&format!(
            "hint: what you wrote in the editor is kept in {}",
            kept[0].display()
        )),
        "{err}"
    );
    assert_eq!(
        std::fs::read(&kept[0]).unwrap(),
        b"Uusi otsikko\n\npitk\xe4 teksti\n"
    );
    assert_eq!(d.dump(), before);
    std::fs::remove_file(&kept[0]).unwrap();
    let out = edit_with("utf8.sh", "Näyttö vilkkuu\\n\\nKuva katoaa välillä.\\n");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(std::fs::read_dir(&tmp).unwrap().count(), 0);
    // The file the editor gets is readable by this user only (a ticket may be private).
    let out = d
        .cmd(&["edit", "1", "--edit"])
        .env("EDITOR", "stat -c %a")
        .output()
        .unwrap();
    assert!(out.status.success());
    assert_eq!(
        String::from_utf8_lossy(&out.stdout).lines().next(),
        Some("600")
    );
    assert_eq!(d.dump(), before);
}

#[test]
fn an_unknown_ticket_is_one_line_and_exit_3() {
    let d = Desk::fresh();
    insta::assert_snapshot!(d.run(&["show", "7"]), @r"
    exit: 3
    --- stderr
    desk: error: no ticket #7
    hint: `desk list --status all` shows every ticket
    ");
}
