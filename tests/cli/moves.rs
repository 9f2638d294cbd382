//! Issue 2: every state move of the spec's table, allowed and forbidden. A forbidden
//! move exits 4 and changes nothing.

use crate::support::{Desk, s};

/// Makes ticket `title` in `status` and returns its id.
fn in_status(d: &Desk, status: &str) -> i64 {
    let id = d.new_ticket(status, &[]);
    let i = id.to_string();
    let i = i.as_str();
    match status {
        "new" => {}
        "open" => {
            d.ok(&["assign", i, "--to", "ana"]);
        }
        "waiting" => {
            d.ok(&["assign", i, "--to", "ana"]);
            d.ok(&["wait", i]);
        }
        "resolved" => {
            d.ok(&["resolve", i, "--solution", "fixed"]);
        }
        "closed" => {
            d.ok(&["resolve", i, "--solution", "fixed"]);
            d.ok(&["close", i]);
        }
        "cancelled" => {
            d.ok(&["cancel", i]);
        }
        _ => unreachable!(),
    }
    assert_eq!(s(&d.show(id), "status"), status);
    id
}

const STATUSES: &[&str] = &["new", "open", "waiting", "resolved", "closed", "cancelled"];

/// (command, extra args, statuses it is allowed from, the status after from each)
/// A command, its extra arguments, and (from, to) for each status it is allowed from.
type Row = (
    &'static str,
    Vec<&'static str>,
    Vec<(&'static str, &'static str)>,
);

fn table() -> Vec<Row> {
    vec![
        (
            "assign",
            vec!["--to", "bob"],
            vec![("new", "open"), ("open", "open"), ("waiting", "waiting")],
        ),
        (
            "assign",
            vec!["--to", "-"],
            vec![("open", "new"), ("waiting", "waiting")],
        ),
        (
            "escalate",
            vec![],
            vec![("new", "new"), ("open", "new"), ("waiting", "new")],
        ),
        (
            "escalate",
            vec!["--to", "bob"],
            vec![("new", "open"), ("open", "open"), ("waiting", "open")],
        ),
        (
            "wait",
            vec![],
            vec![("new", "waiting"), ("open", "waiting")],
        ),
        ("resume", vec![], vec![("waiting", "open")]),
        (
            "resolve",
            vec!["--solution", "s"],
            vec![
                ("new", "resolved"),
                ("open", "resolved"),
                ("waiting", "resolved"),
            ],
        ),
        ("close", vec![], vec![("resolved", "closed")]),
        (
            "reopen",
            vec![],
            vec![("resolved", "new"), ("closed", "new")],
        ),
        (
            "cancel",
            vec![],
            vec![
                ("new", "cancelled"),
                ("open", "cancelled"),
                ("waiting", "cancelled"),
            ],
        ),
    ]
}

#[test]
fn every_move_from_every_status_is_allowed_or_exits_4_unchanged() {
    // One ticket in each status, built once; each command gets its own copy.
    let template = Desk::new();
    let ids: Vec<i64> = STATUSES.iter().map(|st| in_status(&template, st)).collect();
    for (cmd, extra, allowed) in table() {
        let d = template.copy();
        for (&from, &id) in STATUSES.iter().zip(&ids) {
            let mut args = vec![cmd, ""];
            let ids = id.to_string();
            args[1] = &ids;
            args.extend(extra.iter().copied());
            match allowed.iter().find(|(f, _)| *f == from) {
                Some((_, to)) => {
                    d.ok(&args);
                    assert_eq!(s(&d.show(id), "status"), *to, "{cmd} {extra:?} from {from}");
                }
                None => {
                    let before = d.show(id);
                    let e = d.fails(&args, 4);
                    assert!(e.starts_with("desk: error: cannot "), "{e}");
                    assert_eq!(d.show(id), before, "{cmd} from {from} changed something");
                }
            }
        }
    }
}

#[test]
fn resume_and_reopen_go_to_open_when_someone_has_the_ticket() {
    let d = Desk::new();
    let w = in_status(&d, "waiting");
    d.ok(&["resume", &w.to_string()]);
    assert_eq!(s(&d.show(w), "status"), "open");
    let id = d.new_ticket("r", &["--assign", "ana"]);
    d.ok(&["resolve", &id.to_string(), "--solution", "x"]);
    d.ok(&["reopen", &id.to_string(), "--reason", "still jams"]);
    let v = d.show(id);
    assert_eq!(s(&v, "status"), "open");
    assert_eq!(v["reopens"], 1);
    assert_eq!(v["resolved_at"], serde_json::Value::Null);
}

#[test]
fn comment_log_link_and_edit_work_in_every_status_and_move_nothing() {
    let d = Desk::new();
    let other = d.new_ticket("other", &[]);
    for &st in STATUSES {
        let id = in_status(&d, st);
        let i = id.to_string();
        d.ok(&["comment", &i, "a comment"]);
        d.ok(&["comment", &i, "internal", "--internal"]);
        d.ok(&["log", &i, "1h30m", "--note", "work"]);
        d.ok(&["link", &i, &other.to_string()]);
        d.ok(&["edit", &i, "--category", "printing"]);
        let v = d.show(id);
        assert_eq!(s(&v, "status"), st);
        assert_eq!(v["time_spent"], 90);
        assert_eq!(s(&v, "category"), "printing");
        assert_eq!(v["comments"].as_array().unwrap().len(), 2);
        assert_eq!(v["comments"][1]["internal"], true);
        assert_eq!(v["worklog"][0]["minutes"], 90);
        assert_eq!(v["links"][0]["id"], other);
    }
}

#[test]
fn a_failing_id_in_a_batch_rolls_back_the_whole_command() {
    let d = Desk::new();
    let a = d.new_ticket("a", &[]);
    let b = in_status(&d, "closed");
    let before = d.dump();
    d.fails(
        &["assign", &a.to_string(), &b.to_string(), "--to", "ana"],
        4,
    );
    d.fails(&["assign", &a.to_string(), "77", "--to", "ana"], 3);
    assert_eq!(d.dump(), before);
}

#[test]
fn escalation_raises_the_tier_and_clears_the_assignee() {
    let d = Desk::new();
    let id = d.new_ticket("VPN", &["--assign", "ana"]);
    let i = id.to_string();
    d.ok(&["escalate", &i, "--reason", "needs network admin"]);
    let v = d.show(id);
    assert_eq!((v["tier"].as_i64(), s(&v, "status")), (Some(2), "new"));
    assert_eq!(v["assignee"], serde_json::Value::Null);
    assert_eq!(v["escalations"], 1);
    d.fails(&["escalate", &i, "--tier", "2"], 2);
    d.ok(&["escalate", &i, "--tier", "3", "--to", "vendor"]);
    let v = d.show(id);
    assert_eq!(
        (v["tier"].as_i64(), s(&v, "status"), s(&v, "assignee")),
        (Some(3), "open", "vendor")
    );
    assert_eq!(v["escalations"], 2);
    d.fails(&["escalate", &i], 4);
}

#[test]
fn resolved_tickets_close_by_themselves_after_the_verification_window() {
    let mut d = Desk::new();
    let id = d.new_ticket("printer", &["--resolve", "fixed"]);
    d.at("2026-11-21 14:59");
    d.new_ticket("another", &[]);
    assert_eq!(s(&d.show(id), "status"), "resolved");
    d.at("2026-11-21 15:01");
    // Reading changes nothing.
    assert_eq!(s(&d.show(id), "status"), "resolved");
    d.new_ticket("a write", &[]);
    let v = d.show(id);
    assert_eq!(s(&v, "status"), "closed");
    assert_eq!(s(&v, "closed_at"), "2026-11-21T13:00:00Z");
    let last = v["events"].as_array().unwrap().last().unwrap().clone();
    assert_eq!((s(&last, "actor"), s(&last, "action")), ("desk", "close"));
    // A shorter window from config.
    d.ok(&["config", "set", "verify_window", "1h"]);
    let id = d.new_ticket("second", &["--resolve", "fixed"]);
    d.at("2026-11-21 16:02");
    d.ok(&["comment", "1", "hello"]);
    assert_eq!(s(&d.show(id), "status"), "closed");
}

#[test]
fn edit_records_what_changed_and_recomputes_priority() {
    let d = Desk::new();
    let id = d.new_ticket("x", &["--tag", "a"]);
    let i = id.to_string();
    d.ok(&[
        "edit",
        &i,
        "--impact",
        "high",
        "--urgency",
        "high",
        "--tag",
        "b",
        "--untag",
        "a",
        "--title",
        "VPN down",
    ]);
    let v = d.show(id);
    assert_eq!(s(&v, "priority"), "P1");
    assert_eq!(s(&v, "title"), "VPN down");
    assert_eq!(v["tags"], serde_json::json!(["b"]));
    let ev = v["events"].as_array().unwrap().last().unwrap().clone();
    assert_eq!(s(&ev, "action"), "edit");
    assert!(s(&ev, "detail").contains("priority P3 → P1"), "{ev}");
    d.fails(&["edit", &i, "--title", " "], 2);
}
