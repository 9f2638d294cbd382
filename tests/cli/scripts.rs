//! What scripts read and try first (issue #19): structured event data in `show --format
//! json`, and `--dry-run` on every command that takes several ids.

use crate::support::Desk;

/// Each event as `action data` on one line.
fn event_data(d: &Desk, id: i64) -> String {
    let v = d.show(id);
    v["events"]
        .as_array()
        .expect("events")
        .iter()
        .map(|e| format!("{} {}\n", e["action"].as_str().unwrap(), e["data"]))
        .collect()
}

#[test]
fn issue_19_every_event_carries_fields_a_script_reads() {
    let mut d = Desk::new();
    d.at("2026-11-20 09:00");
    let id = d.new_ticket("VPN drops", &["--assign", "ana"]);
    d.new_ticket("Other", &[]);
    d.ok(&[
        "escalate",
        "1",
        "--to",
        "bob",
        "--reason",
        "needs: a network admin",
    ]);
    d.ok(&["assign", "1", "--to", "-"]);
    d.ok(&["wait", "1", "--reason", "asked for logs"]);
    d.ok(&["resume", "1"]);
    d.ok(&["log", "1", "1h30m", "--note", "traced it"]);
    d.ok(&["link", "1", "2", "--kind", "duplicate"]);
    d.ok(&["edit", "1", "--priority", "P2", "--category", "network"]);
    d.ok(&["resolve", "1", "--solution", "New profile (v2)", "--kb-new"]);
    d.ok(&["reopen", "1", "--reason", "still drops"]);
    d.ok(&["cancel", "1"]);
    insta::assert_snapshot!(event_data(&d, id), @r#"
    create {"from":null,"to":"new"}
    assign {"from":"new","to":"open","assignee":"ana"}
    escalate {"from":"open","to":"open","tier":2,"assignee":"bob","reason":"needs: a network admin"}
    unassign {"from":"open","to":"new","assignee":null,"previous_assignee":"bob"}
    wait {"from":"new","to":"waiting","reason":"asked for logs"}
    resume {"from":"waiting","to":"new"}
    log {"minutes":90,"note":"traced it"}
    link {"link":"duplicate_of","ticket":2}
    edit {"fields":["priority","category"]}
    resolve {"from":"new","to":"resolved","solution":"New profile (v2)","kb_article":1}
    reopen {"from":"resolved","to":"new","reason":"still drops"}
    cancel {"from":"new","to":"cancelled","reason":null}
    "#);
    insta::assert_snapshot!(event_data(&d, 2), @r#"
    create {"from":null,"to":"new"}
    link {"link":"duplicated_by","ticket":1}
    "#);
    // The prose stays as it was.
    let v = d.show(id);
    assert_eq!(
        v["events"][2]["detail"],
        "to tier 2, bob: needs: a network admin"
    );
}

#[test]
fn issue_19_dry_run_says_what_each_id_would_do_and_changes_nothing() {
    let d = Desk::new();
    d.new_ticket("Printer jams", &[]);
    d.new_ticket("VPN drops", &["--assign", "ana"]);
    d.new_ticket("Mail full", &["--resolve", "Archived old mail"]);
    let before = d.dump();
    let run = |args: &[&str]| {
        let mut all = args.to_vec();
        all.push("--dry-run");
        d.run(&all)
    };
    insta::assert_snapshot!(run(&["assign", "1", "2", "--to", "bob"]), @"
    exit: 0
    --- stdout
    #1 new -> open, assignee bob
    #2 open (stays), assignee bob
    ");
    insta::assert_snapshot!(run(&["assign", "2", "--to", "-"]), @"
    exit: 0
    --- stdout
    #2 open -> new, assignee nobody
    ");
    insta::assert_snapshot!(run(&["escalate", "1", "2", "--reason", "network"]), @"
    exit: 0
    --- stdout
    #1 new (stays), tier 1 -> 2
    #2 open -> new, assignee nobody, tier 1 -> 2
    ");
    insta::assert_snapshot!(run(&["resolve", "1", "2", "--solution", "Fixed", "--kb-new"]), @"
    exit: 0
    --- stdout
    #1 new -> resolved, kb article 1
    #2 open -> resolved, kb article 2
    ");
    insta::assert_snapshot!(run(&["wait", "1", "2"]), @"
    exit: 0
    --- stdout
    #1 new -> waiting
    #2 open -> waiting
    ");
    insta::assert_snapshot!(run(&["cancel", "1"]), @"
    exit: 0
    --- stdout
    #1 new -> cancelled
    ");
    insta::assert_snapshot!(run(&["close", "3"]), @"
    exit: 0
    --- stdout
    #3 resolved -> closed
    ");
    insta::assert_snapshot!(run(&["reopen", "3"]), @"
    exit: 0
    --- stdout
    #3 resolved -> new
    ");
    assert_eq!(d.dump(), before, "a dry run changed something");
    assert_eq!(d.ok(&["kb", "list", "--format", "json"]).trim(), "[]");
}

#[test]
fn issue_19_a_dry_run_fails_as_the_real_run_would_naming_every_refusal() {
    let d = Desk::new();
    d.new_ticket("Printer jams", &[]);
    d.new_ticket("Mail full", &["--resolve", "Archived old mail"]);
    let before = d.dump();
    // The real run: exit 4 on #1, nothing changed.
    let real = d.run(&["close", "2", "1", "7"]);
    insta::assert_snapshot!(real, @"
    exit: 4
    --- stderr
    desk: error: cannot close ticket #1: it is new (close is allowed from resolved)
    ");
    insta::assert_snapshot!(d.run(&["close", "2", "1", "7", "--dry-run"]), @"
    exit: 4
    --- stdout
    #2 resolved -> closed
    #1 refused: cannot close ticket #1: it is new (close is allowed from resolved)
    #7 refused: no ticket #7
    --- stderr
    desk: error: cannot close ticket #1: it is new (close is allowed from resolved)
    ");
    insta::assert_snapshot!(d.run(&["resume", "1", "--dry-run"]), @"
    exit: 4
    --- stdout
    #1 refused: cannot resume ticket #1: it is new (resume is allowed from waiting)
    --- stderr
    desk: error: cannot resume ticket #1: it is new (resume is allowed from waiting)
    ");
    // A missing ticket first: exit 3, as the real run.
    insta::assert_snapshot!(d.run(&["escalate", "7", "1", "--dry-run"]), @"
    exit: 3
    --- stdout
    #7 refused: no ticket #7
    #1 new (stays), tier 1 -> 2
    --- stderr
    desk: error: no ticket #7
    hint: `desk list --status all` shows every ticket
    ");
    // Ids from stdin too.
    insta::assert_snapshot!(d.run_stdin(&["assign", "-", "--dry-run"], "1\n2\n"), @"
    exit: 4
    --- stdout
    #1 new -> open, assignee tester
    #2 refused: cannot assign ticket #2: it is resolved (assign is allowed from new, open or waiting)
    --- stderr
    desk: error: cannot assign ticket #2: it is resolved (assign is allowed from new, open or waiting)
    ");
    assert_eq!(d.dump(), before, "a dry run changed something");
}

#[test]
fn a_ticket_as_show_prints_it_imports_again_its_event_data_derived_anew() {
    let d = Desk::new();
    d.new_ticket("VPN drops", &["--assign", "ana"]);
    d.ok(&["escalate", "1", "--to", "bob", "--reason", "network"]);
    let shown = d.ok(&["show", "1", "--format", "json"]);
    assert!(shown.contains("\"data\""), "{shown}");
    let other = Desk::new();
    let file = other.dir.path().join("one.json");
    std::fs::write(&file, format!("[{shown}]")).unwrap();
    other.ok(&["import", file.to_str().unwrap()]);
    assert_eq!(other.show(1)["events"], d.show(1)["events"]);
}

#[test]
fn a_dry_run_where_there_is_no_database_creates_none() {
    let d = Desk::new();
    // PostgreSQL counterpart: tests/cli/postgres.rs::a_command_that_only_reads_never_creates_the_schema
    if d.skip_on_postgres("no SQLite file or folder is made at the path, and the note names it") {
        return;
    }
    insta::assert_snapshot!(
        d.run(&["close", "1", "--dry-run"]).replace(&d.db().display().to_string(), "DB"),
        @"
    exit: 3
    --- stdout
    #1 refused: no ticket #1
    --- stderr
    desk: note: there is no database at DB yet: this is an empty desk (the first command that writes creates it)
    desk: error: no ticket #1
    hint: `desk list --status all` shows every ticket
    "
    );
    assert!(!d.db().exists());
    assert!(!d.db().parent().unwrap().exists());
}
