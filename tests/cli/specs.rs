//! Tests as specs (issue 14): what a person reads, pinned whole. Each snapshot shows the
//! exit code, stdout and stderr together, so a changed message, a message on the wrong
//! stream or a wrong exit code all show up as one readable diff. One family of error
//! message per test where it can be, and every failing command is checked to change
//! nothing.

use crate::support::Desk;

fn write_file(d: &Desk, name: &str, text: &str) -> String {
    let p = d.dir.path().join(name);
    std::fs::write(&p, text).expect("write");
    p.to_str().expect("utf-8 path").to_string()
}

/// A ticket with a bit of everything a `show` prints: comments (one internal), a work
/// log, links both ways, an assignee and a back-dated creation.
fn busy_ticket() -> Desk {
    let d = Desk::new();
    d.new_ticket(
        "Tulostin ei toimi – 2. kerros",
        &[
            "--requester",
            "Äijä Öhman",
            "--at",
            "09:10",
            "--tag",
            "tulostin",
            "--category",
            "printing",
            "--ci",
            "PRN-2F",
            "--channel",
            "walk-in",
        ],
    );
    d.new_ticket("Принтер не работает", &["--priority", "P1"]);
    d.ok(&["assign", "1", "--to", "ana", "--at", "09:30"]);
    d.ok(&["comment", "1", "Käyn katsomassa iltapäivällä"]);
    d.ok(&["comment", "1", "vain meille", "--internal"]);
    d.ok(&["log", "1", "1h30m", "--note", "paperitukos"]);
    d.ok(&["link", "1", "2", "--kind", "parent"]);
    d
}

// --- usage errors from clap -------------------------------------------------------

#[test]
fn an_unknown_flag_is_a_usage_error() {
    let d = Desk::fresh();
    let before = d.dump();
    insta::assert_snapshot!(d.run(&["new", "Printer", "--colour", "red"]), @"
    exit: 2
    --- stderr
    desk: error: unexpected argument '--colour' found
    hint: a similar argument exists: '--color'; see `desk new --help`
    ");
    assert_eq!(d.dump(), before);
}

#[test]
fn a_flag_without_its_value_is_a_usage_error() {
    let d = Desk::fresh();
    insta::assert_snapshot!(d.run(&["list", "--status"]), @"
    exit: 2
    --- stderr
    desk: error: a value is required for '--status <STATUS>' but none was supplied [possible values: active, all, new, open, waiting, resolved, closed, cancelled]
    hint: add --help to the command for its options
    ");
}

#[test]
fn an_unknown_command_is_a_usage_error() {
    let d = Desk::fresh();
    insta::assert_snapshot!(d.run(&["resolv", "1"]), @"
    exit: 2
    --- stderr
    desk: error: unrecognized subcommand 'resolv'
    hint: some similar subcommands exist: 'reply', 'resolve'; see `desk --help`
    ");
}

#[test]
fn new_without_a_title_and_no_terminal_is_a_usage_error() {
    let d = Desk::fresh();
    let before = d.dump();
    insta::assert_snapshot!(d.run(&["new"]), @r#"
    exit: 2
    --- stderr
    desk: error: a title is needed (no terminal to ask on)
    hint: desk new "Printer on 2F jams" --requester Ana
    "#);
    assert_eq!(d.dump(), before);
}

// --- invalid values ---------------------------------------------------------------

#[test]
fn a_bad_priority_is_refused() {
    let d = Desk::fresh();
    let before = d.dump();
    insta::assert_snapshot!(d.run(&["new", "Printer", "--priority", "P5"]), @"
    exit: 2
    --- stderr
    desk: error: invalid value 'P5' for '--priority <PRIORITY>' [possible values: P1, P2, P3, P4]
    hint: add --help to the command for its options
    ");
    assert_eq!(d.dump(), before);
}

#[test]
fn a_bad_date_is_refused() {
    let d = Desk::fresh();
    insta::assert_snapshot!(d.run(&["list", "--since", "2026-13-45"]), @r#"
    exit: 2
    --- stderr
    desk: error: invalid date "2026-13-45": use YYYY-MM-DD, today, yesterday, or a time like "2d ago"
    "#);
}

#[test]
fn a_bad_duration_is_refused() {
    let d = Desk::new();
    d.new_ticket("Printer", &[]);
    let before = d.dump();
    insta::assert_snapshot!(d.run(&["log", "1", "forever"]), @r#"
    exit: 2
    --- stderr
    desk: error: invalid duration "forever": use e.g. 45m, 4h, 1h30m, 1.5h, 3d
    "#);
    assert_eq!(d.dump(), before);
}

#[test]
fn a_back_dated_event_may_not_be_in_the_future() {
    let d = Desk::new();
    d.new_ticket("Printer", &[]);
    let before = d.dump();
    insta::assert_snapshot!(d.run(&["comment", "1", "later", "--at", "16:00"]), @"
    exit: 2
    --- stderr
    desk: error: --at 16:00 is in the future (2026-11-20 16:00)
    ");
    assert_eq!(d.dump(), before);
}

#[test]
fn a_back_dated_event_may_not_precede_its_ticket() {
    let d = Desk::new();
    d.new_ticket("Printer", &[]);
    let before = d.dump();
    insta::assert_snapshot!(d.run(&["assign", "1", "--to", "ana", "--at", "2026-11-19 09:00"]), @"
    exit: 2
    --- stderr
    desk: error: --at 2026-11-19 09:00 is before ticket #1 existed (created 2026-11-20 15:00)
    ");
    assert_eq!(d.dump(), before);
}

#[test]
fn bad_service_hours_are_refused() {
    let d = Desk::fresh();
    let before = d.dump();
    insta::assert_snapshot!(d.run(&["config", "set", "hours", "mon-fri 16:00-07:30"]), @r#"
    exit: 2
    --- stderr
    desk: error: invalid value for hours: invalid hours "mon-fri 16:00-07:30": range 16:00-07:30 does not end after it starts (a range can't cross midnight); use e.g. "mon-fri 07:30-16:00", "mon-thu 08:00-16:00; fri 08:00-14:00" or "24x7"
    "#);
    insta::assert_snapshot!(d.run(&["config", "set", "hours", "weekdays"]), @r#"
    exit: 2
    --- stderr
    desk: error: invalid value for hours: invalid hours "weekdays": rule "weekdays" has no time range; use e.g. "mon-fri 07:30-16:00", "mon-thu 08:00-16:00; fri 08:00-14:00" or "24x7"
    "#);
    assert_eq!(d.dump(), before);
}

#[test]
fn an_unknown_setting_is_refused() {
    let d = Desk::fresh();
    let before = d.dump();
    insta::assert_snapshot!(d.run(&["config", "set", "colour", "red"]), @r#"
    exit: 2
    --- stderr
    desk: error: unknown setting "colour"
    hint: `desk config list` shows every setting
    "#);
    assert_eq!(d.dump(), before);
}

#[test]
fn a_completion_script_for_an_unknown_shell_is_refused() {
    let d = Desk::fresh();
    insta::assert_snapshot!(d.run(&["completions", "tcsh"]), @"
    exit: 2
    --- stderr
    desk: error: invalid value 'tcsh' for '<SHELL>' [possible values: bash, elvish, fish, powershell, zsh]
    hint: a similar value exists: 'zsh'; add --help to the command for its options
    ");
}

// --- not found --------------------------------------------------------------------

#[test]
fn a_missing_ticket_exits_3() {
    let d = Desk::new();
    d.new_ticket("Printer", &[]);
    let before = d.dump();
    insta::assert_snapshot!(d.run(&["show", "42"]), @"
    exit: 3
    --- stderr
    desk: error: no ticket #42
    hint: `desk list --status all` shows every ticket
    ");
    insta::assert_snapshot!(d.run(&["resolve", "#42", "--solution", "x"]), @"
    exit: 3
    --- stderr
    desk: error: no ticket #42
    hint: `desk list --status all` shows every ticket
    ");
    assert_eq!(d.dump(), before);
}

#[test]
fn a_missing_article_exits_3() {
    let d = Desk::fresh();
    insta::assert_snapshot!(d.run(&["kb", "show", "7"]), @"
    exit: 3
    --- stderr
    desk: error: no article 7
    hint: `desk kb list` shows every article
    ");
}

// --- not allowed in this state ----------------------------------------------------

#[test]
fn closing_an_open_ticket_is_not_allowed() {
    let d = Desk::new();
    d.new_ticket("Printer", &["--assign", "ana"]);
    let before = d.dump();
    insta::assert_snapshot!(d.run(&["close", "1"]), @"
    exit: 4
    --- stderr
    desk: error: cannot close ticket #1: it is open (close is allowed from resolved)
    ");
    assert_eq!(d.dump(), before);
}

#[test]
fn resolving_a_closed_ticket_is_not_allowed() {
    let d = Desk::new();
    d.new_ticket("Printer", &[]);
    d.ok(&["resolve", "1", "--solution", "Paper out"]);
    d.ok(&["close", "1"]);
    let before = d.dump();
    insta::assert_snapshot!(d.run(&["resolve", "1", "--solution", "again"]), @"
    exit: 4
    --- stderr
    desk: error: cannot resolve ticket #1: it is closed (resolve is allowed from new, open or waiting)
    ");
    assert_eq!(d.dump(), before);
}

// --- import and ingest refusals ---------------------------------------------------

#[test]
fn an_import_error_names_the_line_and_the_path_inside_the_record() {
    let d = Desk::fresh();
    let f = write_file(
        &d,
        "bad.jsonl",
        concat!(
            "{\"title\":\"fine\"}\n",
            "{\"title\":\"x\",\"events\":[",
            "{\"at\":\"2026-11-20T10:00:00Z\",\"action\":\"create\"},",
            "{\"at\":\"2026-11-20T10:05:00Z\",\"action\":\"comment\"},",
            "{\"at\":\"eilen\",\"action\":\"assign\"}]}\n"
        ),
    );
    let before = d.dump();
    insta::assert_snapshot!(d.run(&["import", &f]), @r#"
    exit: 2
    --- stderr
    desk: error: line 2: field "events[2].at": invalid time "eilen": use RFC 3339 (2026-11-22T09:10:00Z)
    "#);
    assert_eq!(d.dump(), before);
}

#[test]
fn an_import_of_a_missing_file_is_an_io_failure() {
    let d = Desk::fresh();
    let missing = d.dir.path().join("nowhere.jsonl");
    let shown = d.run(&["import", missing.to_str().unwrap()]);
    let shown = shown.replace(d.dir.path().to_str().unwrap(), "[DIR]");
    insta::assert_snapshot!(shown, @"
    exit: 1
    --- stderr
    desk: error: opening [DIR]/nowhere.jsonl: No such file or directory (os error 2)
    ");
}

#[test]
fn ingest_refuses_a_message_it_cannot_file() {
    let d = Desk::fresh();
    let before = d.dump();
    insta::assert_snapshot!(d.run_stdin(&["ingest", "mail"], ""), @"
    exit: 2
    --- stderr
    desk: error: not an RFC 5322 message: empty input; nothing was filed
    ");
    insta::assert_snapshot!(d.run_stdin(&["ingest", "mail"], "this is not a mail message\n"), @"
    exit: 2
    --- stderr
    desk: error: not an RFC 5322 message: it does not start with a header field; nothing was filed
    ");
    assert_eq!(d.dump(), before);
}

// --- the lock ---------------------------------------------------------------------

// The busy message is pinned in core.rs, where the writer is locked out.

// --- config -----------------------------------------------------------------------

#[test]
fn config_get_set_unset_and_list_read_as_a_person_expects() {
    let d = Desk::fresh();
    insta::assert_snapshot!(d.run(&["config", "get", "hours"]), @"
    exit: 0
    --- stdout
    mon-fri 07:30-16:00
    ");
    insta::assert_snapshot!(d.run(&["config", "set", "hours", "mon-thu 08:00-16:00; fri 08:00-14:00"]), @"exit: 0");
    insta::assert_snapshot!(d.run(&["config", "set", "sla.P1.hours", "24x7"]), @"exit: 0");
    insta::assert_snapshot!(d.run(&["config", "set", "holidays", "2026-12-24,2026-12-25"]), @"exit: 0");
    insta::assert_snapshot!(d.run(&["config", "get", "mail.from"]), @"
    exit: 0
    --- stdout
    ");
    insta::assert_snapshot!(d.run(&["config", "list"]), @r"
    exit: 0
    --- stdout
    key	value	source	default
    hours	mon-thu 08:00-16:00; fri 08:00-14:00	set	mon-fri 07:30-16:00
    holidays	2026-12-24,2026-12-25	set	
    sla.P1.response	30m	default	30m
    sla.P1.resolve	4h	default	4h
    sla.P1.hours	24x7	set	
    sla.P2.response	1h	default	1h
    sla.P2.resolve	8h	default	8h
    sla.P2.hours		default	
    sla.P3.response	4h	default	4h
    sla.P3.resolve	24h	default	24h
    sla.P3.hours		default	
    sla.P4.response	8h	default	8h
    sla.P4.resolve	80h	default	80h
    sla.P4.hours		default	
    verify_window	24h	default	24h
    fcr_window	30m	default	30m
    timezone	Europe/Helsinki	set	Europe/Helsinki
    mail.from		default	
    mail.transport	sendmail	default	sendmail
    mail.sendmail	/usr/sbin/sendmail -t -i	default	/usr/sbin/sendmail -t -i
    notify	new,reply,wait,resolve	default	new,reply,wait,resolve
    template.new	Hello {requester},\n\nwe have received your request and filed it as ticket #{id}:\n\n    {title}\n\nTo add to it, reply to this message and keep [#{id}] in the subject.\n\nThe service desk\n	default	Hello {requester},\n\nwe have received your request and filed it as ticket #{id}:\n\n    {title}\n\nTo add to it, reply to this message and keep [#{id}] in the subject.\n\nThe service desk\n
    template.reply	-- \nTicket #{id}: {title} (status: {status})\nReply to this message to answer.\n	default	-- \nTicket #{id}: {title} (status: {status})\nReply to this message to answer.\n
    template.wait	Hello {requester},\n\nticket #{id} ({title}) is waiting for you:\n\n{reason}\n\nPlease reply to this message; the ticket goes on as soon as you answer.\n\nThe service desk\n	default	Hello {requester},\n\nticket #{id} ({title}) is waiting for you:\n\n{reason}\n\nPlease reply to this message; the ticket goes on as soon as you answer.\n\nThe service desk\n
    template.resolve	Hello {requester},\n\nticket #{id} ({title}) has been resolved:\n\n{solution}\n\nPlease check that it works for you. If it does not, reply to this message within {verify_window} and the ticket is reopened; otherwise it is closed then.\n\nThe service desk\n	default	Hello {requester},\n\nticket #{id} ({title}) has been resolved:\n\n{solution}\n\nPlease check that it works for you. If it does not, reply to this message within {verify_window} and the ticket is reopened; otherwise it is closed then.\n\nThe service desk\n
    template.close	Hello {requester},\n\nticket #{id} ({title}) is now closed.\n\nThe service desk\n	default	Hello {requester},\n\nticket #{id} ({title}) is now closed.\n\nThe service desk\n
    template.reopen	Hello {requester},\n\nticket #{id} ({title}) has been reopened.\n{reason}\n\nThe service desk\n	default	Hello {requester},\n\nticket #{id} ({title}) has been reopened.\n{reason}\n\nThe service desk\n
    template.cancel	Hello {requester},\n\nticket #{id} ({title}) has been cancelled.\n{reason}\n\nThe service desk\n	default	Hello {requester},\n\nticket #{id} ({title}) has been cancelled.\n{reason}\n\nThe service desk\n
    hooks.command		default	
    attachments.max_size	25MiB	default	25MiB
    ");
    insta::assert_snapshot!(d.run(&["config", "unset", "sla.P1.hours"]), @"exit: 0");
    insta::assert_snapshot!(d.run(&["config", "get", "sla.P1.hours"]), @"
    exit: 0
    --- stdout
    ");
}

// --- tickets: show, list, sla -------------------------------------------------------

#[test]
fn show_prints_a_ticket_with_its_comments_worklog_links_and_history() {
    let d = busy_ticket();
    insta::assert_snapshot!(d.run(&["show", "1"]), @"
    exit: 0
    --- stdout
    #1 Tulostin ei toimi – 2. kerros
    incident · open · P3 · tier 1 · SLA ok (Wed 07:40)
      assignee:       ana
      requester:      Äijä Öhman
      category:       printing
      ci:             PRN-2F
      channel:        walk-in
      tags:           tulostin
      created:        2026-11-20 09:10
      first response: 2026-11-20 09:30
      resolve due:    2026-11-25 07:40
      time spent:     1h30m

    Links
      parent #2

    Comments
      2026-11-20 15:00 tester:
        Käyn katsomassa iltapäivällä
      2026-11-20 15:00 tester (internal):
        vain meille

    Time log
      2026-11-20 15:00 tester        1h30m  paperitukos

    History
      2026-11-20 09:10 tester       create (recorded 2026-11-20 15:00)
      2026-11-20 09:30 tester       assign: to ana (recorded 2026-11-20 15:00)
      2026-11-20 15:00 tester       comment: Käyn katsomassa iltapäivällä
      2026-11-20 15:00 tester       note: vain meille
      2026-11-20 15:00 tester       log: 1h30m: paperitukos
      2026-11-20 15:00 tester       link: parent: #2
    ");
    insta::assert_snapshot!(d.run(&["show", "2"]), @"
    exit: 0
    --- stdout
    #2 Принтер не работает
    incident · new · P1 · tier 1 · SLA ok (in 30m)
      created:        2026-11-20 15:00
      response due:   2026-11-20 15:30
      resolve due:    2026-11-23 10:30

    Links
      child #1

    History
      2026-11-20 15:00 tester       create
      2026-11-20 15:00 tester       link: child: #1
    ");
}

#[test]
fn list_prints_a_table_and_tsv() {
    let d = busy_ticket();
    d.new_ticket(
        "Wi-Fi drops\tin\x1b[31m room 4",
        &["--kind", "request", "--tag", "wifi"],
    );
    insta::assert_snapshot!(d.run(&["list", "--format", "table"]), @r"
    exit: 0
    --- stdout
    ID  P   STATUS  DUE        ASSIGNEE  REQUESTER   TITLE
    #2  P1  new     in 30m     -         -           Принтер не работает
    #3  P3  new     Mon 10:30  -         -           Wi-Fi drops\tin\u{1b}[31m room 4
    #1  P3  open    Wed 07:40  ana       Äijä Öhman  Tulostin ei toimi – 2. kerros
    ");
    insta::assert_snapshot!(d.run(&["list"]), @r"
    exit: 0
    --- stdout
    id	status	priority	tier	sla	due	assignee	requester	category	title
    2	new	P1	1	ok	2026-11-20T13:30:00Z				Принтер не работает
    3	new	P3	1	ok	2026-11-23T08:30:00Z				Wi-Fi drops\tin\u{1b}[31m room 4
    1	open	P3	1	ok	2026-11-25T05:40:00Z	ana	Äijä Öhman	printing	Tulostin ei toimi – 2. kerros
    ");
    insta::assert_snapshot!(d.run(&["list", "--status", "closed", "--format", "table"]), @"exit: 0");
}

#[test]
fn sla_explains_each_stretch() {
    let d = Desk::new();
    d.new_ticket("Printer", &["--at", "2026-11-19 15:00"]);
    d.ok(&[
        "wait",
        "1",
        "--reason",
        "asked for the model",
        "--at",
        "2026-11-20 08:00",
    ]);
    d.ok(&["resume", "1", "--at", "2026-11-20 10:00"]);
    insta::assert_snapshot!(d.run(&["sla", "1"]), @"
    exit: 0
    --- stdout
    #1 P3 · service hours mon-fri 07:30-16:00 · SLA ok
      response:   1h30m of 4h · responded Fri 2026-11-20 08:00
      resolution: 6h30m of 24h · due Tue 2026-11-24 15:30

      from                  to                    counts      response  resolution  note
      Thu 2026-11-19 15:00  Thu 2026-11-19 16:00  counted           1h          1h  created
      Thu 2026-11-19 16:00  Fri 2026-11-20 07:30  outside           1h          1h
      Fri 2026-11-20 07:30  Fri 2026-11-20 08:00  counted        1h30m       1h30m
      Fri 2026-11-20 08:00  Fri 2026-11-20 10:00  paused         1h30m       1h30m  first response, waiting
      Fri 2026-11-20 10:00  Fri 2026-11-20 15:00  counted        1h30m       6h30m  resumed
    ");
}

#[test]
fn a_control_character_in_a_title_is_shown_escaped() {
    let d = Desk::new();
    d.new_ticket("Bell\x07 and \x1b[2J clear", &[]);
    insta::assert_snapshot!(d.run(&["show", "1"]), @r"
    exit: 0
    --- stdout
    #1 Bell\u{7} and \u{1b}[2J clear
    incident · new · P3 · tier 1 · SLA ok (Mon 10:30)
      created:        2026-11-20 15:00
      response due:   2026-11-23 10:30
      resolve due:    2026-11-25 13:30

    History
      2026-11-20 15:00 tester       create
    ");
}

/// SPEC: "Every command that takes several ids takes `--dry-run`: it prints what would
/// change and changes nothing."
#[test]
fn dry_run_says_what_would_change_and_changes_nothing() {
    let d = Desk::new();
    d.new_ticket("Printer", &[]);
    d.new_ticket("Scanner", &["--assign", "bo"]);
    let before = d.dump();
    insta::assert_snapshot!(d.run(&["assign", "1", "2", "--to", "ana", "--dry-run"]), @"
    exit: 0
    --- stdout
    #1 new -> open, assignee ana
    #2 open (stays), assignee ana
    ");
    // A refused move: exit 4. (Its reason is printed twice, on stdout and on stderr;
    // reported, not pinned.)
    d.fails(&["close", "1", "--dry-run"], 4);
    assert_eq!(d.dump(), before);
}

// --- the knowledge base -----------------------------------------------------------

fn knowledge_base() -> Desk {
    let d = Desk::new();
    d.ok(&[
        "kb",
        "new",
        "Sähköpostin salasanan vaihto",
        "--body",
        "1. Avaa https://mail.example.fi\n2. Valitse Asetukset",
        "--tag",
        "sähköposti",
        "--category",
        "password",
    ]);
    d.ok(&[
        "kb",
        "new",
        "Замена картриджа",
        "--body",
        "Откройте крышку и выньте картридж.",
        "--tag",
        "printer",
    ]);
    d
}

#[test]
fn kb_list_show_and_search_print_tables() {
    let d = knowledge_base();
    insta::assert_snapshot!(d.run(&["kb", "list"]), @"
    exit: 0
    --- stdout
    id	category	tags	uses	updated_at	title
    1	password	sähköposti	0	2026-11-20T13:00:00Z	Sähköpostin salasanan vaihto
    2		printer	0	2026-11-20T13:00:00Z	Замена картриджа
    ");
    insta::assert_snapshot!(d.run(&["kb", "show", "1"]), @"
    exit: 0
    --- stdout
    KB 1 Sähköpostin salasanan vaihto
      category:    password
      tags:        sähköposti
      author:      tester
      created:     2026-11-20 15:00
      uses:        0 tickets resolved with it

      1. Avaa https://mail.example.fi
      2. Valitse Asetukset
    ");
    insta::assert_snapshot!(d.run(&["kb", "search", "sahkoposti"]), @"
    exit: 0
    --- stdout
    id	score	category	title	snippet
    1	0	password	Sähköpostin salasanan vaihto	1. Avaa https://mail.example.fi 2. Valitse Asetukset
    ");
    insta::assert_snapshot!(d.run(&["kb", "search", "nothing-like-this"]), @"
    exit: 0
    --- stdout
    id	score	category	title	snippet
    ");
}

// --- help -------------------------------------------------------------------------

#[test]
fn help_of_a_few_verbs() {
    let d = Desk::new();
    insta::assert_snapshot!(d.run(&["resolve", "--help"]), @r#"
    exit: 0
    --- stdout
    Mark tickets fixed; the customer verifies (closed after the verification window)

    Usage: desk resolve [OPTIONS] --solution <TEXT> <ID>...

    Arguments:
      <ID>...  Ticket ids; "-" reads them from stdin

    Options:
      -s, --solution <TEXT>  What fixed it
          --kb <ID>          The knowledge-base article that solved it
          --kb-new           Write a knowledge-base article from the title and solution, and link it
          --at <WHEN>        When it happened, if earlier than now: HH:MM (today), "YYYY-MM-DD HH:MM",
                             RFC 3339, "yesterday HH:MM" or "N{m,h,d} ago", wall-clock times in the
                             desk's zone. Not in the future, not before the ticket existed
          --dry-run          Print what would change for each id (or why it would be refused), change
                             nothing
      -h, --help             Print help
      -V, --version          Print version

    Global options:
          --db <PATH>     Database file [env: DESK_DB; default: the platform data dir, e.g.
                          ~/.local/share/desk/desk.db]
          --user <NAME>   Who acts; recorded on every event [env: DESK_USER; default: the login name]
          --color <WHEN>  When to use colour (auto: on a terminal, unless NO_COLOR is set) [default:
                          auto] [possible values: auto, always, never]
          --no-notify     Mail nobody about this command's changes (hooks still run)

    EXAMPLES:
      desk resolve 42 --solution "Replaced the fuser unit"
      desk resolve 42 --solution "Cleared the print queue" --kb 7
      desk resolve 42 --solution "Reset the VPN profile: ..." --kb-new
    "#);
    insta::assert_snapshot!(d.run(&["log", "--help"]), @r#"
    exit: 0
    --- stdout
    Log time spent on a ticket

    Usage: desk log [OPTIONS] <ID> <DURATION>

    Arguments:
      <ID>        Ticket id
      <DURATION>  How long: 30m, 1h30m, 1.5h

    Options:
          --note <TEXT>  What the time went on
          --at <WHEN>    When it happened, if earlier than now: HH:MM (today), "YYYY-MM-DD HH:MM", RFC
                         3339, "yesterday HH:MM" or "N{m,h,d} ago", wall-clock times in the desk's zone.
                         Not in the future, not before the ticket existed
      -h, --help         Print help
      -V, --version      Print version

    Global options:
          --db <PATH>     Database file [env: DESK_DB; default: the platform data dir, e.g.
                          ~/.local/share/desk/desk.db]
          --user <NAME>   Who acts; recorded on every event [env: DESK_USER; default: the login name]
          --color <WHEN>  When to use colour (auto: on a terminal, unless NO_COLOR is set) [default:
                          auto] [possible values: auto, always, never]
          --no-notify     Mail nobody about this command's changes (hooks still run)

    EXAMPLES:
      desk log 42 30m --note "replaced the fuser"
      desk log 42 1h30m
      desk log 42 1.5h --at "yesterday 14:00"
    "#);
    insta::assert_snapshot!(d.run(&["kb", "--help"]), @r#"
    exit: 0
    --- stdout
    The knowledge base: instructions so tier 1 solves it next time

    Usage: desk kb [OPTIONS] <COMMAND>

    Commands:
      new      Write a new article
      list     List the articles
      show     Show one article
      edit     Change an article (in $EDITOR unless fields are given)
      search   Search the articles, best first (any language, with or without diacritics)
      suggest  Articles likely to solve a ticket
      help     Print this message or the help of the given subcommand(s)

    Options:
      -h, --help     Print help
      -V, --version  Print version

    Global options:
          --db <PATH>     Database file [env: DESK_DB; default: the platform data dir, e.g.
                          ~/.local/share/desk/desk.db]
          --user <NAME>   Who acts; recorded on every event [env: DESK_USER; default: the login name]
          --color <WHEN>  When to use colour (auto: on a terminal, unless NO_COLOR is set) [default:
                          auto] [possible values: auto, always, never]
          --no-notify     Mail nobody about this command's changes (hooks still run)

    Search ignores case and diacritics in any language: `sahkoposti` finds `sähköposti`.

    EXAMPLES:
      desk kb new "Printer on 2F jams" --body "Open tray 2, remove the torn sheet" --tag printing
      desk kb search tulostin
      desk kb suggest 42
      desk resolve 42 --solution "Cleared tray 2" --kb-new
    "#);
    insta::assert_snapshot!(d.run(&["config", "--help"]), @r#"
    exit: 0
    --- stdout
    Settings: service hours, holidays, SLA targets, windows

    Usage: desk config [OPTIONS] <COMMAND>

    Commands:
      list   Every setting, with defaults and overrides apart
      get    One setting's value
      set    Change a setting (validated)
      unset  Back to the default (with --org: the desk's value; `timezone` stays set)
      help   Print this message or the help of the given subcommand(s)

    Options:
      -h, --help     Print help
      -V, --version  Print version

    Global options:
          --db <PATH>     Database file [env: DESK_DB; default: the platform data dir, e.g.
                          ~/.local/share/desk/desk.db]
          --user <NAME>   Who acts; recorded on every event [env: DESK_USER; default: the login name]
          --color <WHEN>  When to use colour (auto: on a terminal, unless NO_COLOR is set) [default:
                          auto] [possible values: auto, always, never]
          --no-notify     Mail nobody about this command's changes (hooks still run)

    KEYS:
      hours             service hours, e.g. "mon-fri 07:30-16:00", "mon-thu 08:00-16:00; fri
      08:00-14:00", 24x7
      holidays          comma-separated dates with no service: 2026-12-24,2026-12-25
      sla.P1.response   response target of P1 (service time: 30m, 4h, 1d = one service day)
      sla.P1.resolve    resolution target of P1
      sla.P1.hours      P1's own service hours, e.g. 24x7
      verify_window     resolved tickets are closed after this (wall clock), default 24h
      fcr_window        resolved this soon after creation = first contact, default 30m
      timezone          the desk's zone, an IANA name (Europe/Helsinki): service hours, holidays,
                        HH:MM arguments, report periods and printed times are in it, for every
                        admin alike. A new desk takes its creator's zone (TZ, else the
                        system's, else UTC); it can be changed but not unset
      mail.from         the address desk mails as, e.g. "Service Desk <desk@example.fi>"; no mail while
      unset
      mail.transport    sendmail (the default) or smtp://HOST:PORT (STARTTLS), smtps://HOST:PORT
      mail.sendmail     the sendmail command, default "/usr/sbin/sendmail -t -i"
      notify            the moves that mail the requester, default new,reply,wait,resolve
      template.new      the text of a notice (also .reply .wait .resolve .close .reopen .cancel);
                        {id} {title} {status} {solution} {reason} {verify_window} {requester} {actor}
      hooks.command     run after every change, the change as JSON on stdin
      attachments.max_size  the largest file kept, default 25MiB

    EXAMPLES:
      desk config list
      desk config set hours "mon-fri 07:30-16:00"
      desk config set holidays 2026-12-24,2026-12-25,2026-12-26
      desk config set sla.P1.hours 24x7
      desk config set timezone Europe/Helsinki
      desk config unset sla.P1.hours

      # A registered organisation's own terms (hours, holidays, sla.*), which its
      # tickets use instead of the desk's:
      desk config set --org "Kaupunki Oy" hours 24x7
      desk config set --org "Kaupunki Oy" sla.P2.resolve 4h
      desk config list --org "Kaupunki Oy"
      desk config unset --org "Kaupunki Oy" hours
    "#);
}

// --- more errors that were checked by exit code alone --------------------------------

#[test]
fn knowledge_base_errors_read_as_one_line_each() {
    let d = Desk::new();
    let t = d.new_ticket("Teams-kamera ei näy", &[]);
    d.ok(&["kb", "new", "Kamera", "--body", "Päivitä ajuri"]);
    let before = d.dump();
    insta::assert_snapshot!(d.run(&["kb", "new", "   "]), @r#"
    exit: 2
    --- stderr
    desk: error: an article needs a title
    hint: desk kb new "Printer jams on 2F" --body "...", or --from-ticket ID
    "#);
    insta::assert_snapshot!(d.run(&["kb", "new", "x", "--tag", "a,b"]), @r#"
    exit: 2
    --- stderr
    desk: error: tag "a,b" contains a comma
    hint: repeat --tag for several tags
    "#);
    insta::assert_snapshot!(d.run(&["kb", "new", "--from-ticket", &t.to_string()]), @"
    exit: 4
    --- stderr
    desk: error: ticket #1 is new: an article is written from a resolved ticket's solution
    ");
    insta::assert_snapshot!(d.run(&["kb", "new", "--from-ticket", "99"]), @"
    exit: 3
    --- stderr
    desk: error: no ticket #99
    hint: `desk list --status all` shows every ticket
    ");
    insta::assert_snapshot!(d.run(&["kb", "edit", "1", "--title", " "]), @"
    exit: 2
    --- stderr
    desk: error: the title is empty
    ");
    insta::assert_snapshot!(d.run(&["kb", "edit", "x7", "--title", "x"]), @r#"
    exit: 2
    --- stderr
    desk: error: "x7" is not an article id
    hint: ids look like 7 or #7; `desk kb list` shows them
    "#);
    insta::assert_snapshot!(d.run(&["kb", "suggest", "999"]), @"
    exit: 3
    --- stderr
    desk: error: no ticket #999
    hint: `desk list --status all` shows every ticket
    ");
    assert_eq!(d.dump(), before);
}

#[test]
fn list_and_config_errors_read_as_one_line_each() {
    let d = Desk::new();
    d.new_ticket("Printer", &[]);
    let before = d.dump();
    insta::assert_snapshot!(d.run(&["list", "--due-within", "soon"]), @r#"
    exit: 2
    --- stderr
    desk: error: invalid duration "soon": use e.g. 45m, 4h, 1h30m, 1.5h, 3d
    "#);
    insta::assert_snapshot!(d.run(&["list", "--sort", "color"]), @r#"
    exit: 2
    --- stderr
    desk: error: cannot sort by "color": use due, priority, id, created, updated, status, assignee, requester or title
    "#);
    insta::assert_snapshot!(d.run(&["show", "abc"]), @r#"
    exit: 2
    --- stderr
    desk: error: "abc" is not a ticket id
    hint: ids look like 42 or #42
    "#);
    insta::assert_snapshot!(d.run(&["config", "set", "sla.P1.response", "quickly"]), @r#"
    exit: 2
    --- stderr
    desk: error: invalid value for sla.P1.response: invalid duration "quickly": use e.g. 45m, 4h, 1h30m, 1.5h, 3d
    "#);
    insta::assert_snapshot!(d.run(&["new", "x", "--at", "yesterday at noon"]), @r#"
    exit: 2
    --- stderr
    desk: error: invalid time "yesterday at noon": use HH:MM, "YYYY-MM-DD HH:MM", RFC 3339, "yesterday HH:MM" or "2h ago"
    "#);
    insta::assert_snapshot!(d.run(&["report", "--month", "2026-13"]), @r#"
    exit: 2
    --- stderr
    desk: error: --month "2026-13": use YYYY-MM, this or last
    "#);
    assert_eq!(d.dump(), before);
}
