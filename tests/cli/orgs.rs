//! Issue 18: customer organisations with their own terms (hours, holidays, SLA
//! targets), their mail domains, the report against their terms, and the interchange
//! file that carries them. The clock starts on Friday 2026-11-20 15:00 in Helsinki
//! (UTC+2); the desk's hours are mon-fri 07:30-16:00 unless a test says otherwise.

use crate::support::{Desk, s};
use serde_json::Value;

fn due(d: &Desk, id: i64) -> (String, String) {
    let v = d.show(id);
    (
        s(&v, "response_due").to_string(),
        s(&v, "resolve_due").to_string(),
    )
}

fn kaupunki(d: &Desk) {
    d.ok(&["org", "new", "Kaupunki Oy", "--domain", "kaupunki.fi"]);
}

#[test]
fn a_24x7_organisation_next_to_a_mon_fri_desk_gets_due_times_by_its_own_clock() {
    let d = Desk::new();
    kaupunki(&d);
    d.ok(&["config", "set", "--org", "Kaupunki Oy", "hours", "24x7"]);
    let theirs = d.new_ticket("Palvelin ei vastaa", &["--org", "Kaupunki Oy"]);
    let ours = d.new_ticket("Printer jams", &[]);
    // P3, 4h/24h. Round the clock from Friday 15:00 local: response Friday 19:00
    // (17:00Z), resolution Saturday 15:00 (13:00Z).
    assert_eq!(
        due(&d, theirs),
        ("2026-11-20T17:00:00Z".into(), "2026-11-21T13:00:00Z".into())
    );
    // The desk's mon-fri 07:30-16:00: 1h on Friday, 3h on Monday from 07:30 = Monday
    // 10:30 (08:30Z); 24h = Fri 1h + Mon 8.5h + Tue 8.5h + Wed 6h = Wednesday 13:30.
    assert_eq!(
        due(&d, ours),
        ("2026-11-23T08:30:00Z".into(), "2026-11-25T11:30:00Z".into())
    );
    // Any letter case of its name is the organisation.
    let lower = d.new_ticket("x", &["--org", "KAUPUNKI OY"]);
    assert_eq!(due(&d, lower), due(&d, theirs));
    // The queue puts the nearest deadline first.
    assert_eq!(d.ids(&[]), [theirs, lower, ours]);
    // A ticket moved to the organisation is held to its terms from then on (its
    // clocks from its creation, as every SLA setting applies to the past too).
    let moved = d.new_ticket("moved", &[]);
    assert_eq!(due(&d, moved), due(&d, ours));
    d.ok(&["edit", &moved.to_string(), "--org", "Kaupunki Oy"]);
    assert_eq!(due(&d, moved), due(&d, theirs));
    d.ok(&["edit", &moved.to_string(), "--org", ""]);
    assert_eq!(due(&d, moved), due(&d, ours));
    insta::assert_snapshot!(d.run(&["sla", &theirs.to_string()]), @"
    exit: 0
    --- stdout
    #1 P3 · service hours 24x7 · SLA ok
      terms:      Kaupunki Oy (hours), desk (holidays, sla.P3.response, sla.P3.resolve)
      response:   0m of 4h · due Fri 2026-11-20 19:00
      resolution: 0m of 24h · due Sat 2026-11-21 15:00

      from                  to                    counts      response  resolution  note
      (no time has run on the clocks)
    ");
}

#[test]
fn an_organisation_with_its_own_holidays_replaces_the_desk_list() {
    let d = Desk::new();
    d.ok(&["org", "new", "Põhja-Eesti Haigla"]);
    d.ok(&["config", "set", "holidays", "2026-11-23"]);
    d.ok(&[
        "config",
        "set",
        "--org",
        "põhja-eesti haigla",
        "holidays",
        "2026-11-24",
    ]);
    let theirs = d.new_ticket("Röntgen", &["--org", "Põhja-Eesti Haigla"]);
    let ours = d.new_ticket("Printer", &[]);
    // Theirs: Monday is a working day for them, Tuesday is not. Response: Fri 1h +
    // Mon 3h = Monday 10:30 (08:30Z). Resolution 24h: Fri 1h + Mon 8.5h = 9.5h,
    // Tuesday off, Wed 8.5h = 18h, Thu 6h = Thursday 13:30 (11:30Z).
    assert_eq!(
        due(&d, theirs),
        ("2026-11-23T08:30:00Z".into(), "2026-11-26T11:30:00Z".into())
    );
    // Ours: Monday off. Response: Fri 1h + Tue 3h = Tuesday 10:30. Resolution: Fri 1h
    // + Tue 8.5h + Wed 8.5h = 18h, Thu 6h = Thursday 13:30.
    assert_eq!(
        due(&d, ours),
        ("2026-11-24T08:30:00Z".into(), "2026-11-26T11:30:00Z".into())
    );
    let explained = d.ok(&["sla", &theirs.to_string()]);
    assert!(
        explained.contains(
            "terms:      Põhja-Eesti Haigla (holidays), desk (hours, sla.P3.response, sla.P3.resolve)"
        ),
        "{explained}"
    );
    // An empty list of its own: no holidays at all, whatever the desk's.
    d.ok(&[
        "config",
        "set",
        "--org",
        "Põhja-Eesti Haigla",
        "holidays",
        "",
    ]);
    assert_eq!(due(&d, theirs).0, "2026-11-23T08:30:00Z");
    d.ok(&["config", "unset", "--org", "Põhja-Eesti Haigla", "holidays"]);
    assert_eq!(due(&d, theirs), due(&d, ours));
}

#[test]
fn a_change_of_an_organisations_hours_moves_its_open_tickets_and_no_others() {
    let mut d = Desk::new();
    kaupunki(&d);
    d.ok(&["org", "new", "Haigla", "--domain", "haigla.ee"]);
    d.ok(&["config", "set", "--org", "Haigla", "sla.P3.response", "2h"]);
    let k_open = d.new_ticket("k open", &["--org", "Kaupunki Oy"]);
    let k_done = d.new_ticket("k done", &["--org", "Kaupunki Oy"]);
    let h = d.new_ticket("h", &["--org", "Haigla"]);
    let desk = d.new_ticket("desk", &[]);
    let free = d.new_ticket("free name", &["--org", "Somebody Else"]);
    d.at("2026-11-20 15:30");
    d.ok(&["resolve", &k_done.to_string(), "--solution", "done"]);
    let before: Vec<(String, String)> = [k_open, h, desk, free].map(|id| due(&d, id)).into();
    let done_before = d.ok(&["sla", &k_done.to_string(), "--format", "json"]);
    assert_eq!(d.ids(&["--sort", "due"]), [h, k_open, desk, free]);

    d.ok(&["config", "set", "--org", "kaupunki oy", "hours", "24x7"]);
    // Kaupunki's open ticket: 4h round the clock from 15:00 = 19:00 (17:00Z).
    assert_eq!(
        due(&d, k_open),
        ("2026-11-20T17:00:00Z".into(), "2026-11-21T13:00:00Z".into())
    );
    assert_ne!(due(&d, k_open), before[0]);
    // Nobody else's moved.
    assert_eq!(due(&d, h), before[1]);
    assert_eq!(due(&d, desk), before[2]);
    assert_eq!(due(&d, free), before[3]);
    // The queue follows the new deadline.
    assert_eq!(d.ids(&["--sort", "due"]), [k_open, h, desk, free]);
    // The resolved one is measured against the new terms too: its 30 minutes are
    // the same in either calendar, so its explanation only names the new terms.
    let done_after = d.ok(&["sla", &k_done.to_string(), "--format", "json"]);
    let (b, a): (Value, Value) = (
        serde_json::from_str(&done_before).unwrap(),
        serde_json::from_str(&done_after).unwrap(),
    );
    assert_eq!(b["hours"], "mon-fri 07:30-16:00");
    assert_eq!(a["hours"], "24x7");
    assert_eq!(a["resolution"]["elapsed_minutes"], 30.0);
    assert_eq!(
        a["terms"],
        "Kaupunki Oy (hours), desk (holidays, sla.P3.response, sla.P3.resolve)"
    );
}

/// Three tickets on Friday 2026-11-20 at 15:00: #1 and #3 for Kaupunki Oy (24x7,
/// response target 1h), #2 the desk's (mon-fri 07:30-16:00, 4h).
fn report_desk() -> Desk {
    let mut d = Desk::new();
    kaupunki(&d);
    d.ok(&["config", "set", "--org", "Kaupunki Oy", "hours", "24x7"]);
    d.ok(&[
        "config",
        "set",
        "--org",
        "Kaupunki Oy",
        "sla.P3.response",
        "1h",
    ]);
    d.new_ticket("one", &["--org", "Kaupunki Oy"]);
    d.new_ticket("two", &[]);
    d.new_ticket("three", &["--org", "Kaupunki Oy"]);
    d.at("2026-11-20 15:30");
    d.ok(&["assign", "3", "--to", "ana"]);
    d.at("2026-11-20 16:30");
    d.ok(&["resolve", "3", "--solution", "restarted"]);
    d.at("2026-11-20 17:00");
    d.ok(&["assign", "1", "2", "--to", "ana"]);
    d.at("2026-12-01 09:00");
    d
}

fn report(d: &Desk, extra: &[&str]) -> Value {
    let mut args = vec!["report", "--month", "2026-11", "--format", "json"];
    args.extend_from_slice(extra);
    serde_json::from_str(&d.ok(&args)).unwrap()
}

#[test]
fn the_report_measures_each_ticket_against_its_own_organisations_terms() {
    let d = report_desk();
    // Response clocks: #1 15:00-17:00 round the clock = 120 min, past its 1h; #2
    // 15:00-16:00 in the desk's hours = 60 min (the desk closes at 16:00), within 4h;
    // #3 15:00-15:30 = 30 min, within 1h. Resolution: #3 15:00-16:30 round the clock
    // = 90 min, within 24h.
    let all = report(&d, &[]);
    assert_eq!(all["created"], 3);
    // Mean (120 + 60 + 30) / 3 = 70; median 60; p90 nearest rank: the 3rd of 3 = 120.
    assert_eq!(
        all["response_minutes"],
        serde_json::json!({"mean": 70.0, "median": 60.0, "p90": 120.0})
    );
    assert_eq!(all["sla"]["response_met"], 0.6667);
    assert_eq!(all["sla"]["resolution_met"], 1.0);
    assert_eq!(all["sla"]["breached"], serde_json::json!([1]));
    assert_eq!(all["resolution_minutes"]["mean"], 90.0);

    // Kaupunki Oy alone: #1 120 and #3 30: mean 75, median 75, p90 the 2nd of 2 = 120.
    let theirs = report(&d, &["--org", "kaupunki oy"]);
    assert_eq!(theirs["created"], 2);
    assert_eq!(
        theirs["response_minutes"],
        serde_json::json!({"mean": 75.0, "median": 75.0, "p90": 120.0})
    );
    assert_eq!(theirs["sla"]["response_met"], 0.5);
    assert_eq!(theirs["sla"]["breached"], serde_json::json!([1]));

    // Under the desk's terms #1 would have met its target (60 min of 4h): the
    // organisation's terms are what breached it. Without them, nothing is breached.
    d.ok(&["config", "unset", "--org", "Kaupunki Oy", "hours"]);
    d.ok(&["config", "unset", "--org", "Kaupunki Oy", "sla.P3.response"]);
    let desk_terms = report(&d, &[]);
    assert_eq!(desk_terms["sla"]["breached"], serde_json::json!([]));
    assert_eq!(desk_terms["sla"]["response_met"], 1.0);
}

fn mail(from: &str, id: &str) -> String {
    format!(
        "From: {from}\r\nTo: helpdesk@desk.example\r\nSubject: Tulostin {id}\r\n\
         Message-ID: <{id}@mail.example>\r\nDate: Fri, 20 Nov 2026 14:00:00 +0200\r\n\r\nEi toimi.\r\n"
    )
}

#[test]
fn mail_from_a_registered_domain_or_a_subdomain_is_filed_under_the_organisation() {
    let d = Desk::new();
    kaupunki(&d);
    d.ok(&["org", "new", "Kaupunki IT", "--domain", "IT.Kaupunki.fi"]);
    let file = |from: &str, id: &str| -> Value {
        let n: i64 = d
            .ok_stdin(&["ingest", "mail"], &mail(from, id))
            .trim()
            .parse()
            .unwrap();
        d.show(n)
    };
    assert_eq!(
        s(&file("Liisa <liisa@KAUPUNKI.FI>", "a"), "org"),
        "Kaupunki Oy"
    );
    assert_eq!(
        s(&file("pekka@posti.kaupunki.fi", "b"), "org"),
        "Kaupunki Oy"
    );
    // The nearest registered domain wins.
    assert_eq!(s(&file("mari@x.It.kaupunki.fi", "c"), "org"), "Kaupunki IT");
    // Only ending in the same letters is not a subdomain.
    assert_eq!(file("jussi@notkaupunki.fi", "d")["org"], Value::Null);
    // --org still says it outright.
    let n: i64 = d
        .ok_stdin(
            &["ingest", "mail", "--org", "Elsewhere"],
            &mail("liisa@kaupunki.fi", "e"),
        )
        .trim()
        .parse()
        .unwrap();
    assert_eq!(s(&d.show(n), "org"), "Elsewhere");
}

#[test]
fn organisations_are_listed_shown_and_edited() {
    let d = Desk::new();
    kaupunki(&d);
    d.ok(&[
        "org",
        "new",
        "Põhja-Eesti Haigla",
        "--domain",
        "regionaalhaigla.ee",
        "--domain",
        "@Pernau.EE",
    ]);
    d.ok(&["config", "set", "--org", "Kaupunki Oy", "hours", "24x7"]);
    d.ok(&[
        "config",
        "set",
        "--org",
        "Kaupunki Oy",
        "sla.P2.resolve",
        "4h",
    ]);
    d.new_ticket("a", &["--org", "Kaupunki Oy"]);
    d.new_ticket("b", &["--org", "kaupunki oy"]);
    insta::assert_snapshot!(d.run(&["org", "list", "--format", "table"]), @"
    exit: 0
    --- stdout
     NAME                DOMAINS                        TICKETS  TERMS
     Kaupunki Oy         kaupunki.fi                    2        hours=24x7; sla.P2.resolve=4h
     Põhja-Eesti Haigla  pernau.ee, regionaalhaigla.ee  0        -
    ");
    insta::assert_snapshot!(d.run(&["org", "show", "KAUPUNKI OY"]), @"
    exit: 0
    --- stdout
    Kaupunki Oy
    domains:  kaupunki.fi
    tickets:  2
    terms:    hours           24x7  (desk: mon-fri 07:30-16:00)
              sla.P2.resolve  4h    (desk: 8h)
              everything else: the desk's
    ");
    insta::assert_snapshot!(d.run(&["org", "show", "Põhja-Eesti Haigla", "--format", "json"]), @r#"
    exit: 0
    --- stdout
    {
      "name": "Põhja-Eesti Haigla",
      "domains": [
        "pernau.ee",
        "regionaalhaigla.ee"
      ],
      "settings": {},
      "tickets": 0
    }
    "#);
    assert_eq!(
        d.ok(&["config", "get", "--org", "Kaupunki Oy", "sla.P2.resolve"]),
        "4h\n"
    );
    // Not set for the organisation: the desk's value is the one in force.
    assert_eq!(
        d.ok(&["config", "get", "--org", "Kaupunki Oy", "sla.P2.response"]),
        "1h\n"
    );
    let listed = d.ok(&["config", "list", "--org", "Kaupunki Oy"]);
    assert!(
        listed.starts_with("key\tvalue\tsource\tdesk\nhours\t24x7\torg\tmon-fri 07:30-16:00\n"),
        "{listed}"
    );
    assert!(
        listed.contains("sla.P2.response\t1h\tdesk\t1h\n"),
        "{listed}"
    );

    // Domains move between organisations once freed.
    d.ok(&[
        "org",
        "edit",
        "Põhja-Eesti Haigla",
        "--no-domain",
        "pernau.ee",
    ]);
    d.ok(&["org", "edit", "Kaupunki Oy", "--domain", "Pernau.ee"]);
    let v: Value =
        serde_json::from_str(&d.ok(&["org", "show", "Kaupunki Oy", "--format", "json"])).unwrap();
    assert_eq!(
        v["domains"],
        serde_json::json!(["kaupunki.fi", "pernau.ee"])
    );
}

#[test]
fn a_rename_renames_its_tickets_with_an_event_on_each_and_keeps_its_terms() {
    let d = Desk::new();
    kaupunki(&d);
    d.ok(&["config", "set", "--org", "Kaupunki Oy", "hours", "24x7"]);
    let a = d.new_ticket("a", &["--org", "Kaupunki Oy"]);
    let b = d.new_ticket("b", &["--org", "kaupunki oy"]);
    let other = d.new_ticket("c", &["--org", "Kaupunki"]);
    let due_before = due(&d, a);
    insta::assert_snapshot!(d.run(&["org", "edit", "Kaupunki Oy", "--rename", "Kaupunki Oyj"]), @"exit: 0");
    for id in [a, b] {
        let v = d.show(id);
        assert_eq!(s(&v, "org"), "Kaupunki Oyj");
        let last = v["events"].as_array().unwrap().last().unwrap().clone();
        assert_eq!(s(&last, "action"), "edit");
        assert!(s(&last, "detail").ends_with("→ Kaupunki Oyj"), "{last}");
    }
    assert_eq!(s(&d.show(other), "org"), "Kaupunki");
    // Its terms went with it.
    assert_eq!(due(&d, a), due_before);
    assert_eq!(
        d.ok(&["config", "get", "--org", "Kaupunki Oyj", "hours"]),
        "24x7\n"
    );
    // A rename onto a free name other tickets carry gives those the terms too.
    d.ok(&["org", "edit", "Kaupunki Oyj", "--rename", "Kaupunki"]);
    assert_eq!(due(&d, other), due(&d, a));
    d.fails(&["org", "show", "Kaupunki Oyj"], 3);
}

#[test]
fn bad_organisation_input_exits_2_or_3_on_one_line_and_changes_nothing() {
    let d = Desk::new();
    kaupunki(&d);
    d.ok(&["org", "new", "Haigla", "--domain", "haigla.ee"]);
    d.ok(&[
        "config",
        "set",
        "--org",
        "Haigla",
        "hours",
        "mon-fri 08:00-16:00",
    ]);
    d.new_ticket("a", &["--org", "Kaupunki Oy"]);
    let before = d.dump();
    for (args, code) in [
        (vec!["config", "set", "--org", "Nobody", "hours", "24x7"], 3),
        (vec!["config", "unset", "--org", "Nobody", "hours"], 3),
        (vec!["config", "list", "--org", "Nobody"], 3),
        (vec!["org", "show", "Nobody"], 3),
        (vec!["org", "edit", "Nobody", "--domain", "x.fi"], 3),
        (
            vec![
                "config",
                "set",
                "--org",
                "Haigla",
                "hours",
                "mon-fri 16:00-08:00",
            ],
            2,
        ),
        (
            vec![
                "config",
                "set",
                "--org",
                "Haigla",
                "sla.P1.resolve",
                "soonish",
            ],
            2,
        ),
        (
            vec!["config", "set", "--org", "Haigla", "sla.P1.response", "0m"],
            2,
        ),
        (
            vec!["config", "set", "--org", "Haigla", "holidays", "2026-02-30"],
            2,
        ),
        (
            vec!["config", "set", "--org", "Haigla", "verify_window", "1h"],
            2,
        ),
        (
            vec!["org", "new", "Kaupunki 2", "--domain", "KAUPUNKI.fi"],
            2,
        ),
        (
            vec![
                "org",
                "new",
                "Uusi",
                "--domain",
                "sub.ok.fi",
                "--domain",
                "haigla.ee",
            ],
            2,
        ),
        (vec!["org", "edit", "Haigla", "--domain", "kaupunki.fi"], 2),
        (vec!["org", "edit", "Haigla", "--rename", "KAUPUNKI OY"], 2),
        (
            vec!["org", "edit", "Haigla", "--no-domain", "kaupunki.fi"],
            2,
        ),
        (vec!["org", "new", "kaupunki oy"], 2),
        (vec!["org", "new", "Bad", "--domain", "not a domain"], 2),
    ] {
        let err = d.fails(&args, code);
        let first = err.lines().next().unwrap_or("");
        assert!(first.starts_with("desk: error: "), "{args:?}: {err}");
        assert!(err.lines().count() <= 2, "{args:?}: {err}");
    }
    assert_eq!(d.dump(), before);
    insta::assert_snapshot!(d.run(&["config", "set", "--org", "Nobody", "hours", "24x7"]), @r#"
    exit: 3
    --- stderr
    desk: error: no organisation "Nobody" is registered
    hint: `desk org list` shows them; `desk org new NAME` registers one
    "#);
    insta::assert_snapshot!(d.run(&["org", "new", "Uusi", "--domain", "haigla.ee"]), @"
    exit: 2
    --- stderr
    desk: error: haigla.ee belongs to Haigla already
    hint: a domain names one organisation: `desk org edit NAME --no-domain DOMAIN` frees it
    ");
    insta::assert_snapshot!(d.run(&["config", "set", "--org", "Haigla", "sla.P2.resolve", "quickly"]), @r#"
    exit: 2
    --- stderr
    desk: error: invalid value for sla.P2.resolve: invalid duration "quickly": use e.g. 45m, 4h, 1h30m, 1.5h, 3d
    "#);
}

#[test]
fn export_and_import_carry_organisations_and_their_terms() {
    let d = Desk::new();
    kaupunki(&d);
    d.ok(&["org", "new", "Põhja-Eesti Haigla", "--domain", "haigla.ee"]);
    d.ok(&["config", "set", "--org", "Kaupunki Oy", "hours", "24x7"]);
    d.ok(&["config", "set", "--org", "Kaupunki Oy", "holidays", ""]);
    d.ok(&[
        "config",
        "set",
        "--org",
        "Kaupunki Oy",
        "sla.P1.resolve",
        "2h",
    ]);
    let id = d.new_ticket("a", &["--org", "Kaupunki Oy"]);
    d.new_ticket("b", &[]);
    let first = d.ok(&["export"]);
    assert!(
        first.starts_with(
            "{\"type\":\"settings\",\"settings\":{\"timezone\":\"Europe/Helsinki\"}}\n\
             {\"type\":\"org\",\"name\":\"Kaupunki Oy\",\"domains\":[\"kaupunki.fi\"],\"settings\":{\"hours\":\"24x7\",\"holidays\":\"\",\"sla.P1.resolve\":\"2h\"}}\n\
             {\"type\":\"org\",\"name\":\"Põhja-Eesti Haigla\",\"domains\":[\"haigla.ee\"],\"settings\":{}}\n"
        ),
        "{first}"
    );
    let file = d.dir.path().join("out.jsonl");
    std::fs::write(&file, &first).unwrap();
    let e = Desk::new();
    e.ok(&["import", file.to_str().unwrap()]);
    assert_eq!(e.ok(&["export"]), first);
    assert_eq!(due(&e, id), due(&d, id));
    assert_eq!(e.ok(&["org", "list"]), d.ok(&["org", "list"]));
    // The JSON array carries them too.
    let json = d.ok(&["export", "--format", "json"]);
    let jfile = d.dir.path().join("out.json");
    std::fs::write(&jfile, &json).unwrap();
    let f = Desk::new();
    f.ok(&["import", jfile.to_str().unwrap()]);
    assert_eq!(f.ok(&["export", "--format", "json"]), json);
    // Importing the same file again: the organisations are already there, the same.
    e.ok(&["import", file.to_str().unwrap()]);
    // One that says otherwise of a registered organisation is refused, all of it.
    let before = e.dump();
    let other = d.dir.path().join("other.jsonl");
    std::fs::write(
        &other,
        "{\"title\":\"new one\"}\n{\"type\":\"org\",\"name\":\"kaupunki oy\",\"domains\":[]}\n",
    )
    .unwrap();
    let err = e.fails(&["import", other.to_str().unwrap()], 2);
    assert!(err.contains("line 2"), "{err}");
    assert_eq!(e.dump(), before);
}
