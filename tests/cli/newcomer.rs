//! Issue 19: what a new user tripped on at the keyboard: the actor without USER or
//! LOGNAME, help that describes every flag with the global options apart, and wording.

use crate::support::Desk;

/// The account name of this test's uid, as the system tells it.
fn account_name() -> String {
    let out = std::process::Command::new("id")
        .arg("-un")
        .output()
        .unwrap();
    assert!(out.status.success());
    String::from_utf8(out.stdout).unwrap().trim().to_string()
}

#[test]
fn without_user_or_logname_the_actor_is_the_account_name_for_the_uid() {
    let d = Desk::new();
    let name = account_name();
    assert!(!name.is_empty() && name != "unknown");
    // As in a container, cron or a hook: neither USER nor LOGNAME (nor DESK_USER).
    let run = |args: &[&str]| {
        let out = d
            .std_cmd(args)
            .env_remove("DESK_USER")
            .env_remove("USER")
            .env_remove("LOGNAME")
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    };
    let id = run(&["new", "Printer on 2F jams"]);
    run(&["assign", id.trim()]);
    let v = d.show(id.trim().parse().unwrap());
    assert_eq!(v["assignee"], name.as_str());
    assert!(
        v["events"]
            .as_array()
            .unwrap()
            .iter()
            .all(|e| e["actor"] == name.as_str()),
        "{v}"
    );
    // USER, then LOGNAME, still come first when set.
    let out = d
        .std_cmd(&["assign", id.trim(), "--to", "ana"])
        .env_remove("DESK_USER")
        .env_remove("USER")
        .env("LOGNAME", "mia")
        .output()
        .unwrap();
    assert!(out.status.success());
    let v = d.show(id.trim().parse().unwrap());
    assert_eq!(
        v["events"].as_array().unwrap().last().unwrap()["actor"],
        "mia"
    );
}
