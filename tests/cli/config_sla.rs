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
