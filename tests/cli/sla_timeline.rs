//! `desk sla ID` (issue #19): a moment already past is not "due"; the timeline marks
//! where each clock passed its target, and shows escalations and reassignments.

use crate::support::Desk;

/// A P2 ticket (response 1h, resolution 8h; mon-fri 07:30-16:00) that breaches both.
fn breached() -> Desk {
    let mut d = Desk::new();
    d.at("2026-11-19 09:00"); // Thursday
    d.new_ticket("VPN down", &["--priority", "P2"]);
    d.at("2026-11-19 15:00");
    d.ok(&["escalate", "1", "--reason", "network"]);
    d.at("2026-11-19 17:30");
    d.ok(&["assign", "1", "--to", "bob"]);
    d.at("2026-11-20 10:00");
    d.ok(&["assign", "1", "--to", "ana"]);
    d.at("2026-11-20 11:00");
    d.ok(&["wait", "1"]);
    d.at("2026-11-20 12:00");
    d.ok(&["resume", "1"]);
    d.at("2026-11-20 15:00");
    d
}

#[test]
fn issue_19_sla_marks_the_breaches_escalations_and_reassignments() {
    let d = breached();
    insta::assert_snapshot!(d.run(&["sla", "1"]), @"
    exit: 0
    --- stdout
    #1 P2 · service hours mon-fri 07:30-16:00 · SLA breached
      response:   6h of 1h · BREACHED Thu 2026-11-19 10:00 · responded Thu 2026-11-19 15:00
      resolution: 13h30m of 8h · BREACHED Fri 2026-11-20 08:30 · clock running

      from                  to                    counts      response  resolution  note
      Thu 2026-11-19 09:00  Thu 2026-11-19 10:00  counted           1h          1h  created
      Thu 2026-11-19 10:00  Thu 2026-11-19 15:00  counted           6h          6h  response breached
      Thu 2026-11-19 15:00  Thu 2026-11-19 16:00  counted           6h          7h  first response, escalated to tier 2
      Thu 2026-11-19 16:00  Thu 2026-11-19 17:30  outside           6h          7h
      Thu 2026-11-19 17:30  Fri 2026-11-20 07:30  outside           6h          7h  assigned to bob
      Fri 2026-11-20 07:30  Fri 2026-11-20 08:30  counted           6h          8h
      Fri 2026-11-20 08:30  Fri 2026-11-20 10:00  counted           6h       9h30m  resolution breached
      Fri 2026-11-20 10:00  Fri 2026-11-20 11:00  counted           6h      10h30m  assigned to ana
      Fri 2026-11-20 11:00  Fri 2026-11-20 12:00  paused            6h      10h30m  waiting
      Fri 2026-11-20 12:00  Fri 2026-11-20 15:00  counted           6h      13h30m  resumed
    ");
}

#[test]
fn issue_19_sla_json_names_the_moment_each_clock_passed_its_target() {
    let d = breached();
    let j: serde_json::Value =
        serde_json::from_str(&d.ok(&["sla", "1", "--format", "json"])).unwrap();
    assert_eq!(j["response"]["breached_at"], "2026-11-19T08:00:00Z");
    assert_eq!(j["resolution"]["breached_at"], "2026-11-20T06:30:00Z");
    let notes: Vec<&str> = j["stretches"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|s| s["note"].as_str())
        .collect();
    insta::assert_snapshot!(notes.join("\n"), @"
    created
    response breached
    first response, escalated to tier 2
    assigned to bob
    resolution breached
    assigned to ana
    waiting
    resumed
    ");
}

#[test]
fn a_clock_within_its_target_is_still_due_and_not_breached() {
    let mut d = Desk::new();
    d.at("2026-11-20 09:00");
    d.new_ticket("Printer", &["--priority", "P2", "--assign", "ana"]);
    d.at("2026-11-20 10:00");
    insta::assert_snapshot!(d.run(&["sla", "1"]), @"
    exit: 0
    --- stdout
    #1 P2 · service hours mon-fri 07:30-16:00 · SLA ok
      response:   0m of 1h · responded Fri 2026-11-20 09:00
      resolution: 1h of 8h · due Mon 2026-11-23 08:30

      from                  to                    counts      response  resolution  note
      Fri 2026-11-20 09:00  Fri 2026-11-20 10:00  counted           0m          1h  created, first response, assigned to ana
    ");
    let j: serde_json::Value =
        serde_json::from_str(&d.ok(&["sla", "1", "--format", "json"])).unwrap();
    assert_eq!(j["resolution"]["breached_at"], serde_json::Value::Null);
}

#[test]
fn issue_19_an_unanswered_ticket_past_its_response_target_is_not_due() {
    let mut d = Desk::new();
    d.at("2026-11-20 09:00");
    d.new_ticket("Server down", &["--priority", "P1"]);
    d.at("2026-11-20 15:00");
    let out = d.ok(&["sla", "1"]);
    insta::assert_snapshot!(out, @"
    #1 P1 · service hours mon-fri 07:30-16:00 · SLA breached
      response:   6h of 30m · BREACHED Fri 2026-11-20 09:30 · no response yet
      resolution: 6h of 4h · BREACHED Fri 2026-11-20 13:00 · clock running

      from                  to                    counts      response  resolution  note
      Fri 2026-11-20 09:00  Fri 2026-11-20 09:30  counted          30m         30m  created
      Fri 2026-11-20 09:30  Fri 2026-11-20 13:00  counted           4h          4h  response breached
      Fri 2026-11-20 13:00  Fri 2026-11-20 15:00  counted           6h          6h  resolution breached
    ");
    assert!(!out.contains("due Fri"), "{out}");
}
