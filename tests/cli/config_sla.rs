//! Issue 3: settings and SLA clocks through the binary.

use crate::support::Desk;

#[test]
fn config_values_are_validated_and_bad_ones_change_nothing() {
    let d = Desk::new();
    d.fails(&["config", "set", "hours", "mon-fri 16:00-07:30"], 2);
    d.fails(&["config", "set", "nope", "1"], 2);
    d.fails(&["config", "set", "sla.P1.response", "quickly"], 2);
    assert_eq!(d.ok(&["config", "get", "hours"]), "mon-fri 07:30-16:00\n");
    d.ok(&["config", "set", "sla.P1.hours", "24x7"]);
    assert_eq!(d.ok(&["config", "get", "sla.P1.hours"]), "24x7\n");
    let list = d.ok(&["config", "list"]);
    assert!(list.contains("sla.P1.hours\t24x7\tset\t\n"), "{list}");
    assert!(
        list.contains("hours\tmon-fri 07:30-16:00\tdefault\tmon-fri 07:30-16:00\n"),
        "{list}"
    );
    d.ok(&["config", "unset", "sla.P1.hours"]);
    assert_eq!(d.ok(&["config", "get", "sla.P1.hours"]), "\n");
}

use crate::support::s;

#[test]
fn p3_created_friday_15_is_due_monday_10_30_and_a_holiday_moves_it_to_tuesday() {
    let d = Desk::new(); // Friday 2026-11-20 15:00, Helsinki (UTC+2)
    let id = d.new_ticket("Printer jams", &[]);
    let v = d.show(id);
    // 1h on Friday (15:00-16:00) + 3h on Monday from 07:30 = Monday 10:30 local.
    assert_eq!(s(&v, "response_due"), "2026-11-23T08:30:00Z");
    // 24h of service: Fri 1h, Mon-Thu 8h30 each = 34h... 1h + 8.5h + 8.5h = 18h by
    // Tuesday 16:00, 6h more on Wednesday from 07:30 = Wednesday 13:30.
    assert_eq!(s(&v, "resolve_due"), "2026-11-25T11:30:00Z");
    assert_eq!(s(&v, "sla"), "ok");
    // A holiday on Monday applies to the existing ticket at once.
    d.ok(&["config", "set", "holidays", "2026-11-23"]);
    assert_eq!(s(&d.show(id), "response_due"), "2026-11-24T08:30:00Z");
    let listed = d.list_json(&[]);
    assert_eq!(s(&listed[0], "response_due"), "2026-11-24T08:30:00Z");
}

#[test]
fn sla_states_ok_at_risk_breached_paused_and_met() {
    let mut d = Desk::new();
    d.at("2026-11-23 08:00"); // Monday
    let a = d.new_ticket("a", &[]); // P3: response due 12:00
    let b = d.new_ticket("b", &[]);
    let c = d.new_ticket("c", &[]);
    d.at("2026-11-23 09:00");
    d.ok(&["assign", &b.to_string(), "--to", "ana"]);
    d.ok(&["wait", &b.to_string()]);
    d.ok(&["resolve", &c.to_string(), "--solution", "done"]);
    d.at("2026-11-23 11:00");
    // 1h left of 4h is not less than a quarter.
    assert_eq!(s(&d.show(a), "sla"), "ok");
    d.at("2026-11-23 11:01");
    assert_eq!(s(&d.show(a), "sla"), "at_risk");
    assert_eq!(s(&d.list_json(&["--sort", "id"])[0], "sla"), "at_risk");
    // At the due minute itself the clock has not passed its target: not yet overdue,
    // due within no time at all.
    d.at("2026-11-23 12:00");
    assert_eq!(s(&d.show(a), "sla"), "at_risk");
    assert_eq!(d.ids(&["--overdue"]), Vec::<i64>::new());
    assert_eq!(d.ids(&["--due-within", "0m"]), [a]);
    d.at("2026-11-23 12:01");
    assert_eq!(s(&d.show(a), "sla"), "breached");
    assert_eq!(s(&d.list_json(&["--sort", "id"])[0], "sla"), "breached");
    let vb = d.show(b);
    assert_eq!(s(&vb, "sla"), "paused");
    assert_eq!(vb["resolve_due"], serde_json::Value::Null);
    assert_eq!(vb["response_due"], serde_json::Value::Null);
    assert_eq!(s(&vb, "first_response_at"), "2026-11-23T07:00:00Z");
    assert_eq!(s(&d.show(c), "sla"), "met");
    // Overdue: only the breached one; the order puts it first.
    assert_eq!(d.ids(&["--overdue"]), [a]);
    assert_eq!(d.ids(&[]), [a, b]);
    // A response after the target keeps it breached even with the clock stopped.
    d.ok(&["assign", &a.to_string()]);
    assert_eq!(s(&d.show(a), "sla"), "breached");
    assert_eq!(d.ids(&["--overdue"]), Vec::<i64>::new());
    let cancelled = d.new_ticket("d", &[]);
    d.ok(&["cancel", &cancelled.to_string()]);
    assert_eq!(s(&d.show(cancelled), "sla"), "none");
}

#[test]
fn a_ticket_nobody_touched_since_its_deadline_sorts_with_the_breached() {
    // #2 was answered late, so a write marked it breached; #1 fell due untouched and
    // is more overdue: breached first means #1 first, by the nearest (oldest) due.
    let mut d = Desk::new();
    d.at("2026-11-02 09:00");
    let untouched = d.new_ticket("Näyttö vilkkuu", &[]);
    d.at("2026-11-04 09:00");
    let late = d.new_ticket("Hiiri rikki", &[]);
    d.at("2026-11-05 09:00");
    d.ok(&["assign", &late.to_string(), "--to", "ana"]);
    d.at("2026-11-10 12:00");
    assert_eq!(d.ids(&[]), [untouched, late]);
    assert_eq!(d.ids(&["--sort", "-due"]), [late, untouched]);
    let fresh = d.new_ticket("Uusi", &[]);
    assert_eq!(d.ids(&[]), [untouched, late, fresh]);
    assert_eq!(d.ids(&["--overdue"]), [untouched, late]);
}

#[test]
fn waiting_two_service_hours_moves_resolve_due_by_two_service_hours() {
    let mut d = Desk::new();
    d.at("2026-11-23 08:00");
    let id = d.new_ticket("a", &["--assign", "ana"]);
    let before = s(&d.show(id), "resolve_due").to_string();
    // P3 24h from Monday 08:00: Mon 8h, Tue 8h30, Wed 7h30 -> Wednesday 15:00.
    assert_eq!(before, "2026-11-25T13:00:00Z");
    d.at("2026-11-23 10:00");
    d.ok(&["wait", &id.to_string()]);
    d.at("2026-11-23 12:00");
    d.ok(&["resume", &id.to_string()]);
    // Two service hours later: Wednesday 15:00 + 1h = 16:00 end, + 1h Thursday 08:30.
    assert_eq!(s(&d.show(id), "resolve_due"), "2026-11-26T06:30:00Z");
}

#[test]
fn due_within_and_24x7_for_p1() {
    let mut d = Desk::new();
    d.ok(&["config", "set", "sla.P1.hours", "24x7"]);
    d.at("2026-11-21 23:50"); // Saturday night
    let p1 = d.new_ticket("core switch down", &["--priority", "P1"]);
    let p3 = d.new_ticket("mouse", &[]);
    // 30 minutes round the clock: Sunday 00:20.
    assert_eq!(s(&d.show(p1), "response_due"), "2026-11-21T22:20:00Z");
    assert_eq!(d.ids(&["--due-within", "1h"]), [p1]);
    // Due in exactly 30 minutes is due within 30 minutes.
    assert_eq!(d.ids(&["--due-within", "30m"]), [p1]);
    assert_eq!(d.ids(&["--due-within", "29m"]), Vec::<i64>::new());
    assert_eq!(d.ids(&["--due-within", "3d"]), [p1, p3]);
    d.fails(&["list", "--due-within", "soon"], 2);
}

#[test]
fn a_corrected_target_applies_to_closed_tickets_too() {
    let mut d = Desk::new();
    let id = d.new_ticket("a", &[]);
    d.at("2026-11-23 12:00"); // 1h Friday + 4h30 Monday = 5h30 > 4h
    d.ok(&["resolve", &id.to_string(), "--solution", "x"]);
    d.ok(&["close", &id.to_string()]);
    assert_eq!(s(&d.show(id), "sla"), "breached");
    assert_eq!(
        s(&d.list_json(&["--status", "closed"])[0], "sla"),
        "breached"
    );
    d.ok(&["config", "set", "sla.P3.response", "6h"]);
    assert_eq!(s(&d.show(id), "sla"), "met");
    assert_eq!(s(&d.list_json(&["--status", "closed"])[0], "sla"), "met");
}

#[test]
fn sla_explains_each_stretch() {
    let mut d = Desk::new();
    let id = d.new_ticket("Printer", &[]);
    d.at("2026-11-23 09:00");
    d.ok(&["assign", &id.to_string()]);
    d.at("2026-11-23 10:00");
    d.ok(&["wait", &id.to_string()]);
    d.at("2026-11-24 10:00");
    d.ok(&["resume", &id.to_string()]);
    d.at("2026-11-24 12:00");
    let out = d.ok(&["sla", &id.to_string()]);
    let expected = "\
#1 P3 · service hours mon-fri 07:30-16:00 · SLA ok
  response:   2h30m of 4h · responded Mon 2026-11-23 09:00
  resolution: 5h30m of 24h · due Thu 2026-11-26 13:30

  from                  to                    counts      response  resolution  note
  Fri 2026-11-20 15:00  Fri 2026-11-20 16:00  counted           1h          1h  created
  Fri 2026-11-20 16:00  Mon 2026-11-23 07:30  outside           1h          1h
  Mon 2026-11-23 07:30  Mon 2026-11-23 09:00  counted        2h30m       2h30m
  Mon 2026-11-23 09:00  Mon 2026-11-23 10:00  counted        2h30m       3h30m  first response, assigned to tester
  Mon 2026-11-23 10:00  Tue 2026-11-24 10:00  paused         2h30m       3h30m  waiting
  Tue 2026-11-24 10:00  Tue 2026-11-24 12:00  counted        2h30m       5h30m  resumed
";
    assert_eq!(out, expected);
    let j: serde_json::Value =
        serde_json::from_str(&d.ok(&["sla", "1", "--format", "json"])).unwrap();
    assert_eq!(j["response"]["elapsed_minutes"], 150.0);
    assert_eq!(j["stretches"].as_array().unwrap().len(), 6);
    // A clock that stands still says why.
    d.at("2026-11-24 13:00");
    d.ok(&["wait", &id.to_string()]);
    let out = d.ok(&["sla", &id.to_string()]);
    assert_eq!(
        out.lines().nth(2),
        Some("  resolution: 6h30m of 24h · waiting · clock paused")
    );
    d.at("2026-11-24 14:00");
    d.ok(&[
        "resolve",
        &id.to_string(),
        "--solution",
        "Väriaine vaihdettu",
    ]);
    let out = d.ok(&["sla", &id.to_string()]);
    assert_eq!(
        out.lines().nth(2),
        Some("  resolution: 6h30m of 24h · resolved Tue 2026-11-24 14:00 · clock stopped")
    );
}
