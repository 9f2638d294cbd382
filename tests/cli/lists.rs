//! `desk list` for people and scripts (issue #19): tables that never wrap on a narrow
//! terminal, `--fields` in every format, TSV that reads back unambiguously.

use crate::support::Desk;

/// `run` with the terminal `columns` wide.
fn run_at(d: &Desk, columns: &str, args: &[&str]) -> String {
    let out = d.cmd(args).env("COLUMNS", columns).output().expect("run");
    format!(
        "exit: {}\n{}{}",
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

/// Five tickets in Finnish, Russian, Chinese, Polish and English, with long names.
fn queue() -> Desk {
    let d = Desk::new();
    d.new_ticket(
        "Printer on 2F jams again and again when printing A3",
        &["--requester", "Ana Virtanen", "--assign", "ana"],
    );
    d.new_ticket(
        "Sähköposti ei toimi Outlookissa lainkaan",
        &["--requester", "Matti Meikäläinen", "--priority", "P1"],
    );
    d.new_ticket(
        "Не работает VPN после обновления",
        &["--requester", "Иван Петров", "--category", "network"],
    );
    d.new_ticket("打印机卡纸，请尽快处理这个问题", &["--requester", "王小明"]);
    d.new_ticket(
        "Zgłoszenie: drukarka w sali 204 drukuje puste strony",
        &[
            "--requester",
            "Żaneta Łukasiewicz",
            "--assign",
            "bartłomiej",
        ],
    );
    d
}

/// No line of `out` is wider than `columns` display columns.
fn assert_fits(out: &str, columns: usize) {
    for line in out.lines() {
        let w: usize = line
            .chars()
            .map(|c| unicode_width::UnicodeWidthChar::width(c).unwrap_or(0))
            .sum();
        assert!(w <= columns, "{w} > {columns}: {line:?}");
    }
}

#[test]
fn a_wide_terminal_shows_every_column_and_cuts_the_title_to_the_width() {
    let d = queue();
    let out = run_at(&d, "100", &["list", "--format", "table"]);
    assert_fits(&out, 100);
    insta::assert_snapshot!(out, @"
    exit: 0
    ID  P   STATUS  DUE        ASSIGNEE    REQUESTER           TITLE
    #2  P1  new     in 30m     -           Matti Meikäläinen   Sähköposti ei toimi Outlookissa lainkaan
    #3  P3  new     Mon 10:30  -           Иван Петров         Не работает VPN после обновления
    #4  P3  new     Mon 10:30  -           王小明              打印机卡纸，请尽快处理这个问题
    #1  P3  open    Wed 13:30  ana         Ana Virtanen        Printer on 2F jams again and again when …
    #5  P3  open    Wed 13:30  bartłomiej  Żaneta Łukasiewicz  Zgłoszenie: drukarka w sali 204 drukuje …
    ");
}

#[test]
fn issue_19_a_narrow_terminal_drops_the_requester_before_a_row_wraps() {
    let d = queue();
    let out = run_at(&d, "60", &["list", "--format", "table"]);
    assert_fits(&out, 60);
    insta::assert_snapshot!(out, @"
    exit: 0
    ID  P   STATUS  DUE        ASSIGNEE    TITLE
    #2  P1  new     in 30m     -           Sähköposti ei toimi …
    #3  P3  new     Mon 10:30  -           Не работает VPN посл…
    #4  P3  new     Mon 10:30  -           打印机卡纸，请尽快处…
    #1  P3  open    Wed 13:30  ana         Printer on 2F jams a…
    #5  P3  open    Wed 13:30  bartłomiej  Zgłoszenie: drukarka…
    ");
}

#[test]
fn issue_19_a_very_narrow_terminal_keeps_the_id_due_and_title() {
    let d = queue();
    let out = run_at(&d, "40", &["list", "--format", "table"]);
    assert_fits(&out, 40);
    insta::assert_snapshot!(out, @r"
    exit: 0
    ID  P   STATUS  DUE        TITLE
    #2  P1  new     in 30m     Sähköposti e…
    #3  P3  new     Mon 10:30  Не работает …
    #4  P3  new     Mon 10:30  打印机卡纸，…
    #1  P3  open    Wed 13:30  Printer on 2…
    #5  P3  open    Wed 13:30  Zgłoszenie: …
    ");
    // Colour codes take no room: the header's bold ends at the last column.
    let out = run_at(
        &d,
        "40",
        &["--color", "always", "list", "--format", "table"],
    );
    assert!(out.contains('\u{1b}'), "{out}");
    let mut plain = String::new();
    let mut in_code = false;
    for c in out.chars() {
        match c {
            '\u{1b}' => in_code = true,
            'm' if in_code => in_code = false,
            c if !in_code => plain.push(c),
            _ => {}
        }
    }
    assert_fits(&plain, 40);
    // Narrower still: the status and the priority go too, the id and the due stay.
    let out = run_at(&d, "24", &["list", "--format", "table"]);
    assert_fits(&out, 24);
    insta::assert_snapshot!(out, @"
    exit: 0
    ID  DUE        TITLE
    #2  in 30m     Sähköpos…
    #3  Mon 10:30  Не работ…
    #4  Mon 10:30  打印机卡…
    #1  Wed 13:30  Printer …
    #5  Wed 13:30  Zgłoszen…
    ");
}

#[test]
fn fields_choose_the_columns_and_their_order_in_every_format() {
    let d = queue();
    let args = |format: &str| {
        let mut d2 = vec!["list", "--fields", "id,requester,sla,tags", "--limit", "2"];
        d2.extend(["--format", format]);
        d2.into_iter().map(str::to_string).collect::<Vec<_>>()
    };
    let run = |format: &str| {
        let a = args(format);
        d.run(&a.iter().map(String::as_str).collect::<Vec<_>>())
    };
    insta::assert_snapshot!(run("tsv"), @"
    exit: 0
    --- stdout
    id	requester	sla	tags
    2	Matti Meikäläinen	ok	
    3	Иван Петров	ok
    ");
    insta::assert_snapshot!(run("csv"), @"
    exit: 0
    --- stdout
    id,requester,sla,tags
    2,Matti Meikäläinen,ok,
    3,Иван Петров,ok,
    ");
    insta::assert_snapshot!(run("jsonl"), @r#"
    exit: 0
    --- stdout
    {"id":2,"requester":"Matti Meikäläinen","sla":"ok","tags":[]}
    {"id":3,"requester":"Иван Петров","sla":"ok","tags":[]}
    "#);
    insta::assert_snapshot!(run("json"), @r#"
    exit: 0
    --- stdout
    [
      {
        "id": 2,
        "requester": "Matti Meikäläinen",
        "sla": "ok",
        "tags": []
      },
      {
        "id": 3,
        "requester": "Иван Петров",
        "sla": "ok",
        "tags": []
      }
    ]
    "#);
    insta::assert_snapshot!(run("table"), @"
    exit: 0
    --- stdout
    ID  REQUESTER          SLA  TAGS
    2   Matti Meikäläinen  ok
    3   Иван Петров        ok
    ");
    // -q stays ids.
    assert_eq!(
        d.ok(&["list", "-q", "--fields", "title", "--limit", "2"]),
        "2\n3\n"
    );
}

#[test]
fn a_narrow_fields_table_drops_the_fields_named_last() {
    let d = queue();
    let out = run_at(
        &d,
        "60",
        &[
            "list",
            "--format",
            "table",
            "--fields",
            "id,sla,created_at,title,requester,tags",
        ],
    );
    assert_fits(&out, 60);
    insta::assert_snapshot!(out, @"
    exit: 0
    ID  SLA  CREATED_AT        TITLE
    2   ok   2026-11-20 15:00  Sähköposti ei toimi Outlookissa …
    3   ok   2026-11-20 15:00  Не работает VPN после обновления
    4   ok   2026-11-20 15:00  打印机卡纸，请尽快处理这个问题
    1   ok   2026-11-20 15:00  Printer on 2F jams again and aga…
    5   ok   2026-11-20 15:00  Zgłoszenie: drukarka w sali 204 …
    ");
}

#[test]
fn an_unknown_field_is_a_usage_error_naming_the_valid_ones() {
    let d = queue();
    insta::assert_snapshot!(d.run(&["list", "--fields", "id,titel"]), @r#"
    exit: 2
    --- stderr
    desk: error: unknown field "titel" in --fields
    hint: fields: id, kind, title, description, status, priority, impact, urgency, tier, assignee, requester, email, phone, org, location, category, ci, channel, tags, created_at, updated_at, first_response_at, resolved_at, closed_at, response_due, resolve_due, sla, resolution, kb_article, time_spent, dedup_key, occurrences, escalations, reopens
    "#);
    insta::assert_snapshot!(d.run(&["list", "--fields", ","]), @"
    exit: 2
    --- stderr
    desk: error: --fields names no field
    hint: fields: id, kind, title, description, status, priority, impact, urgency, tier, assignee, requester, email, phone, org, location, category, ci, channel, tags, created_at, updated_at, first_response_at, resolved_at, closed_at, response_due, resolve_due, sla, resolution, kb_article, time_spent, dedup_key, occurrences, escalations, reopens
    ");
}

#[test]
fn issue_19_tsv_reads_back_unambiguously() {
    let d = Desk::new();
    // A literal backslash-n and a real newline, a tab, a carriage return.
    d.new_ticket("C:\\temp\\new", &[]);
    d.new_ticket("a\tb\rc", &["--requester", "line1\nline2"]);
    let out = d.ok(&["list", "--sort", "id"]);
    insta::assert_snapshot!(out, @r"
    id	status	priority	tier	sla	due	assignee	requester	category	title
    1	new	P3	1	ok	2026-11-23T08:30:00Z				C:\\temp\\new
    2	new	P3	1	ok	2026-11-23T08:30:00Z		line1\nline2		a\tb\rc
    ");
    let out = d.ok(&["list", "--sort", "id", "--fields", "id,title,requester"]);
    insta::assert_snapshot!(out, @r"
    id	title	requester
    1	C:\\temp\\new	
    2	a\tb\rc	line1\nline2
    ");
    // Unescaping gives back the exact text.
    let unescape = |s: &str| {
        let mut out = String::new();
        let mut chars = s.chars();
        while let Some(c) = chars.next() {
            if c != '\\' {
                out.push(c);
                continue;
            }
            match chars.next() {
                Some('t') => out.push('\t'),
                Some('n') => out.push('\n'),
                Some('r') => out.push('\r'),
                Some(o) => out.push(o),
                None => {}
            }
        }
        out
    };
    let rows: Vec<Vec<String>> = out
        .lines()
        .skip(1)
        .map(|l| l.split('\t').map(unescape).collect())
        .collect();
    assert_eq!(rows[0][1], "C:\\temp\\new");
    assert_eq!(rows[1][1], "a\tb\rc");
    assert_eq!(rows[1][2], "line1\nline2");
}

#[test]
fn issue_19_due_within_counts_service_time_over_the_weekend() {
    let mut d = Desk::new();
    // Default hours mon-fri 07:30-16:00; P3 responds within 4h of service.
    d.at("2026-11-20 09:00");
    let overdue = d.new_ticket("Server down", &["--priority", "P1"]);
    d.at("2026-11-20 13:30");
    let monday_9 = d.new_ticket("Printer jams", &[]);
    d.at("2026-11-20 14:00");
    let monday_930 = d.new_ticket("Toner low", &[]);
    assert_eq!(
        d.show(monday_9)["response_due"],
        "2026-11-23T07:00:00Z",
        "due Monday 09:00 local"
    );
    d.at("2026-11-20 15:30");
    // 30 min left on Friday and 1h30 on Monday morning: within 2h; the overdue one too.
    assert_eq!(
        d.ids(&["--due-within", "2h", "--sort", "id"]),
        [overdue, monday_9]
    );
    // One minute less is not enough; Monday 09:30 is 2h30 of service away.
    assert_eq!(d.ids(&["--due-within", "1h59m", "--sort", "id"]), [overdue]);
    assert_eq!(
        d.ids(&["--due-within", "2h30m", "--sort", "id"]),
        [overdue, monday_9, monday_930]
    );
}
