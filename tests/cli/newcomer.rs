//! Issue 19: what a new user tripped on at the keyboard: the actor without USER or
//! LOGNAME, help that describes every flag with the global options apart, and wording.

use crate::support::{Desk, scratch};
use std::path::Path;

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

/// Every argument of every command, with the path of commands that reaches it.
fn every_argument() -> Vec<(String, clap::Arg)> {
    fn walk(cmd: &clap::Command, path: &str, out: &mut Vec<(String, clap::Arg)>) {
        for a in cmd.get_arguments() {
            out.push((path.to_string(), a.clone()));
        }
        for sub in cmd.get_subcommands() {
            walk(sub, &format!("{path} {}", sub.get_name()), out);
        }
    }
    use clap::CommandFactory;
    let mut cmd = desk::cli::Cli::command();
    cmd.build();
    let mut out = Vec::new();
    walk(&cmd, "desk", &mut out);
    out
}

#[test]
fn every_flag_and_argument_has_a_description() {
    let missing: Vec<String> = every_argument()
        .into_iter()
        .filter(|(_, a)| !a.is_hide_set() && a.get_help().is_none_or(|h| h.to_string().is_empty()))
        .map(|(path, a)| format!("{path} {}", a.get_id()))
        .collect();
    assert!(missing.is_empty(), "no description: {missing:#?}");
}

#[test]
fn every_verbs_help_puts_the_global_options_under_their_own_heading() {
    let d = Desk::new();
    use clap::CommandFactory;
    let root = desk::cli::Cli::command();
    let mut paths: Vec<Vec<String>> = vec![vec![]];
    for sub in root.get_subcommands() {
        paths.push(vec![sub.get_name().to_string()]);
        for subsub in sub.get_subcommands() {
            paths.push(vec![
                sub.get_name().to_string(),
                subsub.get_name().to_string(),
            ]);
        }
    }
    assert!(paths.len() > 30);
    for path in paths {
        let mut args: Vec<&str> = path.iter().map(String::as_str).collect();
        args.push("--help");
        let help = d.ok(&args);
        let (own, global) = help
            .split_once("\nGlobal options:\n")
            .unwrap_or_else(|| panic!("desk {path:?} --help has no Global options:\n{help}"));
        for flag in ["--db <PATH>", "--user <NAME>", "--color <WHEN>"] {
            assert!(
                global.contains(flag),
                "desk {path:?}: {flag} not under Global options"
            );
            assert!(
                !own.contains(flag),
                "desk {path:?}: {flag} among the verb's own options"
            );
        }
    }
}

#[test]
fn list_help_describes_every_filter() {
    let d = Desk::new();
    insta::assert_snapshot!(d.run(&["list", "--help"]), @r#"
    exit: 0
    --- stdout
    The queue: tickets filtered and in SLA order

    Usage: desk list [OPTIONS]

    Options:
          --status <STATUS>        Statuses, comma-separated: new, open, waiting, resolved, closed,
                                   cancelled; "active" (new,open,waiting) or "all" [default: active]
          --assignee <USER>        Assigned to USER
          --mine                   Assigned to me
          --unassigned             Nobody has it
          --priority <P>           Priorities, comma-separated (P1,P2)
          --tier <TIER>            Tier 1, 2 or 3
          --kind <KIND>            Of this kind [possible values: incident, request, problem]
          --category <CATEGORY>    In this category (any letter case)
          --org <ORG>              For this customer organisation (any letter case)
          --requester <NAME>       Asked by NAME (any letter case)
          --ci <CI>                About this configuration item: the device or system, e.g. PC-0423
                                   (any letter case)
          --channel <CHANNEL>      Came in through this channel [possible values: phone, email, walk-in,
                                   portal, chat, monitoring]
          --tag <TAG>              Has this tag (letter case aside)
          --overdue                Past a due time (SLA breached on a running clock)
          --due-within <DURATION>  Due within DURATION of service time (e.g. 2h), as the SLA counts it;
                                   overdue ones included
          --since <DATE>           Created on or after DATE
          --until <DATE>           Created before DATE
          --search <TEXT>          Full text over titles, descriptions and comments; any language, case-
                                   and diacritics-insensitive, prefixes match
          --sort <FIELD>           Order by: due (SLA order), priority, id, created, updated, status,
                                   assignee, requester, title; prefix "-" for descending
          --limit <N>              At most N tickets
          --format <FORMAT>        table on a terminal, tsv otherwise [possible values: table, tsv, csv,
                                   json, jsonl]
      -q, --quiet                  Ids only, one per line
          --fields <a,b,c>         Which fields, in this order, for every format: the JSON field names
                                   (id,status,title,...)
      -h, --help                   Print help
      -V, --version                Print version

    Global options:
          --db <PATH>     Database file [env: DESK_DB; default: the platform data dir, e.g.
                          ~/.local/share/desk/desk.db]
          --user <NAME>   Who acts; recorded on every event [env: DESK_USER; default: the login name]
          --color <WHEN>  When to use colour (auto: on a terminal, unless NO_COLOR is set) [default:
                          auto] [possible values: auto, always, never]
          --no-notify     Mail nobody about this command's changes (hooks still run)

    The default is the active queue (new, open, waiting), breached tickets first, then the
    nearest due, then priority. Output is a table on a terminal, TSV with a header otherwise.

    EXAMPLES:
      desk list                                   # the queue
      desk list --mine
      desk list --overdue
      desk list --due-within 2h --priority P1,P2
      desk list --status all --since 2026-11-01 --format csv > november.csv
      desk list --search "sähköposti"
      desk list -q --unassigned --category printing | desk assign - --to ana
    "#);
}

#[test]
fn edit_help_describes_every_field() {
    let d = Desk::new();
    insta::assert_snapshot!(d.run(&["edit", "--help"]), @r#"
    exit: 0
    --- stdout
    Change a ticket's fields

    Usage: desk edit [OPTIONS] <ID>

    Arguments:
      <ID>  Ticket id

    Options:
          --title <TITLE>        The new title
          --kind <KIND>          incident (something broke), request (something wanted) or problem (a
                                 root cause) [possible values: incident, request, problem]
      -d, --description <TEXT>   The longer description; "-" reads it from stdin
          --requester <NAME>     Who asked
          --email <EMAIL>        The requester's email
          --phone <PHONE>        The requester's phone
          --org <ORG>            The requester's organisation (customer)
          --location <LOCATION>  Where: room, floor, site
          --category <CATEGORY>  Category, e.g. printing, network, access, password
          --ci <CI>              The configuration item: the device or system concerned, e.g. PC-0423
          --channel <CHANNEL>    How the request came in [possible values: phone, email, walk-in,
                                 portal, chat, monitoring]
          --tag <TAG>            Add a tag; repeat for more
          --priority <PRIORITY>  P1 (most urgent) to P4; else --impact × --urgency decide it (P3 when
                                 neither is given) [possible values: P1, P2, P3, P4]
          --impact <IMPACT>      How many are affected: high (everyone), medium (a group), low (one
                                 user) [possible values: high, medium, low]
          --urgency <URGENCY>    How blocked the work is: high (blocked), medium (hampered), low (can
                                 continue) [possible values: high, medium, low]
          --untag <TAG>          Remove a tag; repeat for more
          --edit                 Edit the title and description in $EDITOR
          --at <WHEN>            When it happened, if earlier than now: HH:MM (today), "YYYY-MM-DD
                                 HH:MM", RFC 3339, "yesterday HH:MM" or "N{m,h,d} ago", wall-clock times
                                 in the desk's zone. Not in the future, not before the ticket existed
      -h, --help                 Print help
      -V, --version              Print version

    Global options:
          --db <PATH>     Database file [env: DESK_DB; default: the platform data dir, e.g.
                          ~/.local/share/desk/desk.db]
          --user <NAME>   Who acts; recorded on every event [env: DESK_USER; default: the login name]
          --color <WHEN>  When to use colour (auto: on a terminal, unless NO_COLOR is set) [default:
                          auto] [possible values: auto, always, never]
          --no-notify     Mail nobody about this command's changes (hooks still run)

    An empty value clears a text field (--ci ""); the title cannot be empty. The changes
    are recorded in one event.

    EXAMPLES:
      desk edit 42 --priority P2 --category network
      desk edit 42 --tag vip --untag later
      desk edit 42 --edit                  # title and description in $EDITOR
    "#);
}

#[test]
fn kb_edit_help_says_what_the_editor_holds() {
    let d = Desk::new();
    insta::assert_snapshot!(d.run(&["kb", "edit", "--help"]), @r#"
    exit: 0
    --- stdout
    Change an article (in $EDITOR unless fields are given)

    Usage: desk kb edit [OPTIONS] <ID>

    Arguments:
      <ID>  Article id

    Options:
          --title <TITLE>        The new title
          --body <BODY>          The new body; "-" reads it from stdin
          --category <CATEGORY>  The new category; "" clears it
          --tag <TAG>            Add a tag; repeat for more
          --untag <TAG>          Remove a tag; repeat for more
      -h, --help                 Print help
      -V, --version              Print version

    Global options:
          --db <PATH>     Database file [env: DESK_DB; default: the platform data dir, e.g.
                          ~/.local/share/desk/desk.db]
          --user <NAME>   Who acts; recorded on every event [env: DESK_USER; default: the login name]
          --color <WHEN>  When to use colour (auto: on a terminal, unless NO_COLOR is set) [default:
                          auto] [possible values: auto, always, never]
          --no-notify     Mail nobody about this command's changes (hooks still run)

    Without field flags the article opens in $EDITOR: its title on the first line, then a
    blank line and its body (a .md file). An empty title there is refused and changes
    nothing. With field flags only the fields given change.

    EXAMPLES:
      desk kb edit 7                       # in $EDITOR
      desk kb edit 7 --title "Printer jams (all floors)" --tag printer
      desk kb edit 7 --body - < printer-jams.md
    "#);
}

/// Runs desk with stdout and stderr on a pseudo-terminal (util-linux's script(1)), as a
/// person at the keyboard sees it.
fn on_a_terminal(d: &Desk, args: &str) -> String {
    let desk = assert_cmd::cargo::cargo_bin!("desk");
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
    assert!(out.status.success(), "{args}");
    String::from_utf8(out.stdout).unwrap().replace("\r\n", "\n")
}

#[test]
fn resolve_names_the_article_it_wrote_or_linked() {
    let d = Desk::new();
    d.new_ticket("Printer on 2F jams", &[]);
    d.new_ticket("VPN down for everyone", &[]);
    d.new_ticket("Outlook asks for the password", &[]);
    d.new_ticket("Outlook asks again", &[]);
    insta::assert_snapshot!(
        on_a_terminal(&d, "resolve 2 --solution 'Restarted VPN-GW-1' --kb-new"),
        @"Resolved #2 (article 1 written)"
    );
    insta::assert_snapshot!(
        on_a_terminal(&d, "resolve 1 3 --solution 'Cleared tray 2' --kb-new"),
        @"Resolved #1 (article 2 written), #3 (article 3 written)"
    );
    insta::assert_snapshot!(
        on_a_terminal(&d, "resolve 4 --solution 'Reset the profile' --kb 3"),
        @"Resolved #4 (article 3)"
    );
    assert_eq!(d.show(2)["kb_article"], 1);
    assert_eq!(d.show(3)["kb_article"], 3);
}

#[test]
fn show_says_met_once_and_counts_in_the_singular() {
    let mut d = Desk::new();
    d.at("2026-11-20 09:00");
    d.new_ticket("VPN down for everyone", &["--requester", "Mia"]);
    d.at("2026-11-20 09:10");
    d.ok(&["escalate", "1", "--to", "netadmin"]);
    d.at("2026-11-20 10:00");
    d.ok(&["resolve", "1", "--solution", "Restarted VPN-GW-1"]);
    d.ok(&["reopen", "1"]);
    d.ok(&["resolve", "1", "--solution", "Renewed the certificate"]);
    insta::assert_snapshot!(d.run(&["show", "1"]), @"
    exit: 0
    --- stdout
    #1 VPN down for everyone
    incident · resolved · P3 · tier 2 · SLA met
      assignee:       netadmin
      requester:      Mia
      created:        2026-11-20 09:00
      first response: 2026-11-20 09:10
      resolved:       2026-11-20 10:00
      resolution:     Renewed the certificate
      counts:         1 escalation, 1 reopen

    History
      2026-11-20 09:00 tester       create
      2026-11-20 09:10 tester       escalate: to tier 2, netadmin
      2026-11-20 10:00 tester       resolve: Restarted VPN-GW-1
      2026-11-20 10:00 tester       reopen
      2026-11-20 10:00 tester       resolve: Renewed the certificate
    ");
}

/// The benchmark's table (bench/measure.py) from a results file.
fn bench_table(results: &str) -> String {
    let dir = scratch();
    let file = dir.path().join("results.jsonl");
    std::fs::write(&file, results).unwrap();
    let out = std::process::Command::new("python3")
        .arg(Path::new(env!("CARGO_MANIFEST_DIR")).join("bench/measure.py"))
        .arg("table")
        .arg(&file)
        .output()
        .expect("python3");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn the_benchmark_says_pass_or_over_target_and_judges_the_import_by_its_floor() {
    // The import at 1.28x and 1.74x its floor (rates far below the old 50,000/s), a
    // write at 1.53x its 1.5x target.
    let table = bench_table(concat!(
        r#"{"size": 10000, "name": "new (empty db)", "target": "ratio<=1.5", "desk": 0.0101, "sqlite3": 0.0066, "desk_kib": 8400}"#,
        "\n",
        r#"{"size": 10000, "name": "new", "target": "ratio<=1.5", "desk": 0.0093, "sqlite3": 0.0076, "desk_kib": 8400}"#,
        "\n",
        r#"{"kind": "import", "size": 1000000, "articles": 100000, "target": "ratio<=1.3", "seconds": 52.5, "kib": 16200, "sqlite3_seconds": 41.0, "sqlite3_kib": 9000, "jsonl_bytes": 1741000000, "db_bytes": 1519000000}"#,
        "\n",
        r#"{"kind": "import", "size": 100000, "articles": 10000, "target": "ratio<=1.3", "seconds": 4.7, "kib": 16200, "sqlite3_seconds": 2.7, "sqlite3_kib": 9000, "jsonl_bytes": 174000000, "db_bytes": 151000000}"#,
        "\n",
    ));
    assert!(!table.contains("FAIL"), "{table}");
    insta::assert_snapshot!(table, @"
    | tickets | command | desk ms | sqlite3 ms | desk / sqlite3 | desk peak MiB | target | |
    | ---: | --- | ---: | ---: | ---: | ---: | --- | --- |
    | 10,000 | `new (empty db)` | 10.1 | 6.6 | 1.53 | 8.2 | ≤ 1.5× sqlite3, ≤ 20 MiB | over target |
    | 10,000 | `new` | 9.3 | 7.6 | 1.22 | 8.2 | ≤ 1.5× sqlite3, ≤ 20 MiB | pass |

    | tickets | articles | JSONL MiB | import s | tickets/s | sqlite3 copy s | desk / sqlite3 | peak MiB | db MiB | target | |
    | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | --- |
    | 1,000,000 | 100,000 | 1660 | 52.5 | 19,048 | 41.0 | 1.28 | 15.8 | 1449 | ≤ 1.3× sqlite3 copy, ≤ 20 MiB | pass |
    | 100,000 | 10,000 | 166 | 4.7 | 21,277 | 2.7 | 1.74 | 15.8 | 144 | ≤ 1.3× sqlite3 copy, ≤ 20 MiB | over target |

    2 rows over target (reported; the run itself passed).
    ");
    let passing = bench_table(concat!(
        r#"{"size": 10000, "name": "new", "target": "ratio<=1.5", "desk": 0.0093, "sqlite3": 0.0076, "desk_kib": 8400}"#,
        "\n"
    ));
    assert!(
        passing.ends_with("Every row within its target.\n"),
        "{passing}"
    );
}
