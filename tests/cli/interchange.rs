//! Issue 6: `desk import` and `desk export` — round trips in every format, all or
//! nothing on a bad record, and spreadsheets with their own column names.

use crate::support::{Desk, s};
use serde_json::Value;
use std::path::PathBuf;

/// A desk with a bit of everything: four languages, comments (one internal), a work
/// log, links of each kind, a back-dated request, a resolved ticket with an article,
/// a waiting one and an escalated one.
fn populated() -> Desk {
    let d = Desk::new();
    let a = d.new_ticket(
        "Tulostin ei toimi – 2. kerros",
        &[
            "--requester",
            "Äijä Öhman",
            "--at",
            "09:10",
            "--tag",
            "tulostin",
            "--tag",
            "2F",
            "--category",
            "printing",
            "--ci",
            "PRN-2F",
            "--channel",
            "walk-in",
        ],
    );
    let b = d.new_ticket(
        "Принтер не работает",
        &[
            "--requester",
            "Дмитрий Иванов",
            "--priority",
            "P1",
            "--assign",
            "ana",
            "-d",
            "Бумага застревает\nвторая строка",
        ],
    );
    let c = d.new_ticket(
        "Drukarka się zacina",
        &[
            "--requester",
            "Łukasz Żółć",
            "--email",
            "lukasz@example.pl",
            "--org",
            "Żabka",
        ],
    );
    let e = d.new_ticket(
        "Printer ei tööta",
        &["--requester", "Õie Jõgi", "--kind", "request"],
    );
    d.ok(&[
        "comment",
        &a.to_string(),
        "Käyn katsomassa, \"lainausmerkit\", pilkut",
    ]);
    d.ok(&[
        "comment",
        &b.to_string(),
        "внутренняя заметка",
        "--internal",
    ]);
    d.ok(&["log", &b.to_string(), "1h30m", "--note", "dużo pracy"]);
    d.ok(&["link", &a.to_string(), &b.to_string(), "--kind", "parent"]);
    d.ok(&[
        "link",
        &c.to_string(),
        &a.to_string(),
        "--kind",
        "duplicate",
    ]);
    d.ok(&["link", &e.to_string(), &c.to_string()]);
    d.ok(&["wait", &b.to_string(), "--reason", "odotetaan osaa"]);
    d.ok(&[
        "escalate",
        &e.to_string(),
        "--to",
        "bo",
        "--reason",
        "vajab administraatorit",
    ]);
    // An article, from a file (the knowledge base's own commands are another issue).
    let article = format!(
        "{{\"type\":\"article\",\"title\":\"Väriainekasetin vaihto\",\"body\":\"1. Avaa kansi\\n2. Вытащить картридж\",\"tags\":[\"tulostin\"],\"category\":\"printing\",\"source_ticket\":{c},\"created_at\":\"2026-11-20T12:00:00Z\"}}\n"
    );
    let f = write_file(&d, "kb.jsonl", &article);
    d.ok(&["import", f.to_str().unwrap()]);
    let solution = "Vaihdettu väriainekasetti";
    d.ok(&[
        "resolve",
        &c.to_string(),
        "--solution",
        solution,
        "--kb",
        "1",
    ]);
    d
}

fn export(d: &Desk, format: &str) -> String {
    d.ok(&["export", "--format", format])
}

fn write_file(d: &Desk, name: &str, text: &str) -> PathBuf {
    let p = d.dir.path().join(name);
    std::fs::write(&p, text).expect("write");
    p
}

fn round_trip(format: &str) {
    let a = populated();
    let first = export(&a, format);
    let b = Desk::new();
    if format == "csv" {
        // CSV holds tickets only: the article ticket 3 names comes from a JSONL file.
        let articles: String = export(&a, "jsonl")
            .lines()
            .filter(|l| l.contains("\"type\":\"article\""))
            .map(|l| format!("{l}\n"))
            .collect();
        let f = write_file(&b, "articles.jsonl", &articles);
        b.ok(&["import", f.to_str().unwrap()]);
    }
    let file = write_file(&b, &format!("backup.{format}"), &first);
    b.ok(&["import", file.to_str().unwrap()]);
    assert_eq!(
        export(&b, format),
        first,
        "export → import → export ({format})"
    );
}

/// The round trip from a file written by hand, not by desk: tickets in every state,
/// history, comments (one internal), a work log, links both ways, two articles (one
/// unused), Finnish, Russian, Polish and Estonian text, a bell and an escape sequence,
/// and a gap in the ids (no ticket 6). Imported into an empty desk and exported, it
/// comes back byte for byte: the fixture is written in desk's canonical form, derived
/// fields (SLA deadlines and state at the harness's clock, each event's `data`)
/// included. Imported into
/// another desk and exported again, the same bytes once more.
#[test]
fn a_hand_written_file_round_trips_byte_for_byte() {
    let fixture = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/interchange/roundtrip.jsonl"
    );
    let written = std::fs::read_to_string(fixture).expect("fixture");
    let a = Desk::new();
    a.ok(&["import", fixture]);
    let first = export(&a, "jsonl");
    assert_eq!(first, written, "the first export is the fixture");
    let b = Desk::new();
    let file = write_file(&b, "again.jsonl", &first);
    b.ok(&["import", file.to_str().unwrap()]);
    assert_eq!(export(&b, "jsonl"), first, "export → import → export");
    // JSON too, from the same start.
    let out = export(&a, "json");
    let c = Desk::new();
    let f = write_file(&c, "again.json", &out);
    c.ok(&["import", f.to_str().unwrap()]);
    assert_eq!(export(&c, "json"), out, "json round trip");
}

/// CSV holds no history, so an import rebuilds one from the ticket's times. For ticket 2
/// of the fixture (waiting since 20 minutes after it was created, updated days later by
/// a link) the rebuilt history puts the `wait` at `updated_at`, so the resolution clock
/// runs on through Monday and the second export says `breached` where the first said
/// `paused`: the CSV round trip does not give the same bytes. A known bug, reported;
/// not pinned.
#[test]
#[ignore = "bug: a CSV import rebuilds a waiting ticket's wait at updated_at, changing its sla"]
fn a_hand_written_file_round_trips_through_csv() {
    let fixture = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/interchange/roundtrip.jsonl"
    );
    let a = Desk::new();
    a.ok(&["import", fixture]);
    let out = export(&a, "csv");
    let c = Desk::new();
    let f = write_file(&c, "again.csv", &out);
    c.ok(&["import", f.to_str().unwrap()]);
    assert_eq!(export(&c, "csv"), out, "csv round trip");
}

#[test]
fn jsonl_round_trip_gives_the_same_bytes() {
    round_trip("jsonl");
}

#[test]
fn json_round_trip_gives_the_same_bytes() {
    round_trip("json");
}

#[test]
fn csv_round_trip_gives_the_same_bytes() {
    round_trip("csv");
}

#[test]
fn a_csv_file_whose_tickets_name_articles_this_database_lacks_imports_without_them() {
    // CSV can't carry articles: its kb links are notes to drop, not reasons to refuse.
    let a = populated();
    let csv = export(&a, "csv");
    let b = Desk::new();
    let f = write_file(&b, "tickets.csv", &csv);
    let out = b.cmd(&["import", f.to_str().unwrap()]).output().unwrap();
    assert!(out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains(
            "kb_article 1 is not in this database (a CSV file holds tickets only); left empty"
        ),
        "{err}"
    );
    let tickets = |d: &Desk| -> Vec<Value> {
        d.list_json(&["--status", "all", "--sort", "id"])
            .into_iter()
            .map(|mut t| {
                t.as_object_mut().unwrap().remove("kb_article");
                t
            })
            .collect()
    };
    assert_eq!(tickets(&b), tickets(&a));
    assert!(
        b.list_json(&["--status", "all"])
            .iter()
            .all(|t| t["kb_article"].is_null())
    );
    // JSON Lines can carry the article, so there a missing one is still an error.
    let jsonl: String = export(&a, "jsonl")
        .lines()
        .filter(|l| !l.contains("\"type\":\"article\""))
        .map(|l| format!("{l}\n"))
        .collect();
    let c = Desk::new();
    let f = write_file(&c, "tickets.jsonl", &jsonl);
    let err = c.fails(&["import", f.to_str().unwrap()], 2);
    assert!(err.contains("field \"kb_article\": no article 1"), "{err}");
}

#[test]
fn jsonl_holds_the_settings_then_articles_then_tickets_with_their_whole_history() {
    let d = populated();
    let lines: Vec<Value> = export(&d, "jsonl")
        .lines()
        .map(|l| serde_json::from_str(l).expect("json line"))
        .collect();
    // The desk's own settings first (a new desk stores its zone).
    assert_eq!(
        lines[0],
        serde_json::json!({"type": "settings", "settings": {"timezone": "Europe/Helsinki"}})
    );
    assert_eq!(s(&lines[1], "type"), "article");
    assert_eq!(lines[1]["uses"], 1);
    let tickets = &lines[2..];
    assert_eq!(
        tickets
            .iter()
            .map(|t| t["id"].as_i64().unwrap())
            .collect::<Vec<_>>(),
        [1, 2, 3, 4]
    );
    // Each ticket line is exactly what `show --format json` prints.
    for t in tickets {
        assert_eq!(*t, d.show(t["id"].as_i64().unwrap()));
    }
    assert_eq!(tickets[1]["worklog"][0]["minutes"], 90);
    assert_eq!(tickets[1]["comments"][0]["internal"], true);
    assert_eq!(tickets[0]["links"].as_array().unwrap().len(), 2);
}

#[test]
fn json_export_is_one_array_and_jsonl_reads_from_stdin() {
    let d = populated();
    let arr: Vec<Value> = serde_json::from_str(&export(&d, "json")).expect("array");
    // The settings, an article and four tickets.
    assert_eq!(arr.len(), 6);
    let b = Desk::new();
    b.ok_stdin(&["import", "-", "--format", "jsonl"], &export(&d, "jsonl"));
    assert_eq!(export(&b, "json"), export(&d, "json"));
    let err = b.fails(&["import", "-"], 2);
    assert!(err.contains("--format"), "{err}");
}

#[test]
fn an_import_failing_on_its_last_line_leaves_the_database_unchanged() {
    let d = populated();
    let before = d.dump();
    let mut text = String::new();
    for i in 1..=50 {
        text.push_str(&format!(
            "{{\"title\":\"Uusi tiketti {i}\",\"requester\":\"Ääni\"}}\n"
        ));
    }
    text.push_str("{\"title\":\"Viimeinen\",\"priority\":\"P9\"}\n");
    let file = write_file(&d, "bad.jsonl", &text);
    let err = d.fails(&["import", file.to_str().unwrap()], 2);
    assert!(
        err.contains(r#"desk: error: line 51: field "priority": invalid value "P9""#),
        "{err}"
    );
    assert_eq!(d.dump(), before);
    assert_eq!(export(&d, "jsonl"), export(&populated_again(), "jsonl"));
}

/// The same desk built again (same clock), to compare whole exports.
fn populated_again() -> Desk {
    populated()
}

#[test]
fn bad_records_name_their_line_and_field() {
    let d = Desk::new();
    let cases: &[(&str, &str)] = &[
        (
            "{\"title\":\"x\",\"tier\":4}\n",
            r#"line 1: field "tier": invalid value 4"#,
        ),
        (
            "\n{\"title\":\"x\",\"tags\":\"a,b\"}\n",
            r#"line 2: field "tags": expected an array of strings"#,
        ),
        (
            "{\"title\":\"x\",\"created_at\":\"eilen\"}\n",
            r#"line 1: field "created_at": invalid time "eilen""#,
        ),
        (
            "{\"title\":\"x\",\"colour\":\"red\"}\n",
            r#"line 1: field "colour": unknown field"#,
        ),
        (
            "{\"kind\":\"incident\"}\n",
            r#"line 1: field "title": missing"#,
        ),
        ("{\"title\":\"x\"\n", "line 1: not valid JSON"),
        (
            "{\"title\":\"x\",\"links\":[{\"id\":99}]}\n",
            r#"line 1: field "links": no ticket #99"#,
        ),
        (
            "{\"title\":\"x\",\"kb_article\":7}\n",
            r#"line 1: field "kb_article": no article 7"#,
        ),
        (
            "{\"title\":\"x\",\"events\":[{\"at\":\"2026-11-20T10:00:00Z\",\"action\":\"teleport\"}]}\n",
            r#"line 1: field "events[0].action": invalid value "teleport""#,
        ),
    ];
    for (text, want) in cases {
        let f = write_file(&d, "case.jsonl", text);
        let err = d.fails(&["import", f.to_str().unwrap()], 2);
        assert!(err.contains(want), "{text:?}: {err}");
    }
    assert!(d.ids(&["--status", "all"]).is_empty());
}

#[test]
fn a_json_array_names_the_line_where_the_bad_element_starts() {
    let d = Desk::new();
    let text = "[\n  {\"title\": \"ok\"},\n  {\n    \"title\": \"bad\",\n    \"status\": \"frozen\"\n  }\n]\n";
    let f = write_file(&d, "x.json", text);
    let err = d.fails(&["import", f.to_str().unwrap()], 2);
    assert!(
        err.contains(r#"line 3: field "status": invalid value "frozen""#),
        "{err}"
    );
    let f = write_file(&d, "y.json", "{\"title\":\"not an array\"}");
    d.fails(&["import", f.to_str().unwrap()], 2);
    assert!(d.ids(&["--status", "all"]).is_empty());
}

#[test]
fn taken_ids_are_renumbered_and_links_follow() {
    let d = Desk::new();
    d.new_ticket("Already here", &[]);
    let text = "{\"id\":1,\"title\":\"Yksi\",\"links\":[{\"id\":2,\"kind\":\"parent\"}]}\n\
                {\"id\":2,\"title\":\"Kaksi\",\"links\":[{\"id\":1,\"kind\":\"child\"}]}\n";
    let f = write_file(&d, "x.jsonl", text);
    let out = d.cmd(&["import", f.to_str().unwrap()]).output().unwrap();
    assert!(out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    // #1 is taken, so it gets the next free id, 2; that takes the id the second
    // ticket carries, so it moves on to 3. The link follows both.
    assert!(err.contains("#1 → #2, #2 → #3"), "{err}");
    assert_eq!(s(&d.show(2), "title"), "Yksi");
    assert_eq!(
        d.show(2)["links"],
        serde_json::json!([{"id": 3, "kind": "parent"}])
    );
    assert_eq!(
        d.show(3)["links"],
        serde_json::json!([{"id": 2, "kind": "child"}])
    );
    assert_eq!(s(&d.show(1), "title"), "Already here");
}

#[test]
fn a_taken_article_id_is_renumbered_and_tickets_that_name_it_follow() {
    let d = Desk::new();
    d.ok(&["kb", "new", "Already here", "--body", "x"]);
    let text = "{\"type\":\"article\",\"id\":1,\"title\":\"Tulostin jumittaa\",\"body\":\"Avaa luukku 2\",\"author\":\"ana\",\"created_at\":\"2026-11-01T08:00:00Z\",\"updated_at\":\"2026-11-01T08:00:00Z\"}\n\
                {\"type\":\"article\",\"id\":5,\"title\":\"VPN\",\"body\":\"Käynnistä uudelleen\",\"author\":\"ana\",\"created_at\":\"2026-11-01T08:00:00Z\",\"updated_at\":\"2026-11-01T08:00:00Z\"}\n\
                {\"id\":7,\"title\":\"Tulostin\",\"status\":\"resolved\",\"resolution\":\"ohje\",\"kb_article\":1}\n\
                {\"id\":8,\"title\":\"VPN\",\"status\":\"resolved\",\"resolution\":\"ohje\",\"kb_article\":5}\n";
    let f = write_file(&d, "a.jsonl", text);
    d.ok(&["import", f.to_str().unwrap()]);
    // Article 1 was taken, so the file's article 1 became 2; ticket 7 follows it.
    assert_eq!(d.show(7)["kb_article"], 2);
    // Article 5 kept its id.
    assert_eq!(d.show(8)["kb_article"], 5);
}

#[test]
fn a_minimal_ticket_gets_defaults_and_a_history() {
    let d = Desk::new();
    let text = "{\"title\":\"Hiiri puuttuu\"}\n\
                {\"title\":\"Vanha\",\"status\":\"closed\",\"created_at\":\"2026-11-02T08:00:00Z\",\"resolution\":\"tehty\"}\n";
    let f = write_file(&d, "x.jsonl", text);
    d.ok(&["import", f.to_str().unwrap()]);
    let t = d.show(1);
    assert_eq!(s(&t, "status"), "new");
    assert_eq!(s(&t, "priority"), "P3");
    assert_eq!(s(&t, "created_at"), "2026-11-20T13:00:00Z");
    assert_eq!(t["events"][0]["action"], "create");
    let t = d.show(2);
    let actions: Vec<&str> = t["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["action"].as_str().unwrap())
        .collect();
    assert_eq!(actions, ["create", "resolve", "close"]);
    assert_eq!(s(&t, "closed_at"), "2026-11-02T08:00:00Z");
}

#[test]
fn a_spreadsheet_csv_with_its_own_column_names_is_mapped_and_reported() {
    let d = Desk::new();
    let text = "\u{feff}Subject;Reported by;Date;Status;Prio;Colour\n\
                Näyttö vilkkuu;Äijä Öhman;05.11.2026 09:30;Open;High;red\n\
                \"Salasana, unohtunut\";Дмитрий;2026-11-06;Closed;low;\n\
                Drukarka;Łukasz;06.11.2026;In progress;;\n";
    let f = write_file(&d, "taulukko.csv", text);
    let out = d.cmd(&["import", f.to_str().unwrap()]).output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{err}");
    assert!(out.stdout.is_empty());
    assert!(err.contains("column \"Subject\" → title"), "{err}");
    assert!(err.contains("column \"Reported by\" → requester"), "{err}");
    assert!(err.contains("column \"Date\" → created_at"), "{err}");
    assert!(err.contains("column \"Colour\" ignored"), "{err}");
    let t = d.show(1);
    assert_eq!(s(&t, "title"), "Näyttö vilkkuu");
    assert_eq!(s(&t, "requester"), "Äijä Öhman");
    assert_eq!(s(&t, "created_at"), "2026-11-05T07:30:00Z");
    assert_eq!(s(&t, "status"), "open");
    assert_eq!(s(&t, "priority"), "P2");
    let t = d.show(2);
    assert_eq!(s(&t, "title"), "Salasana, unohtunut");
    assert_eq!(s(&t, "status"), "closed");
    assert_eq!(s(&t, "created_at"), "2026-11-05T22:00:00Z");
    assert_eq!(s(&d.show(3), "status"), "open");
}

#[test]
fn a_bad_spreadsheet_row_names_its_line_and_column() {
    let d = Desk::new();
    let text = "Title,State,Created\nOk,new,2026-11-01\nHuono,Frozen,2026-11-02\n";
    let f = write_file(&d, "x.csv", text);
    let err = d.fails(&["import", f.to_str().unwrap()], 2);
    assert!(
        err.contains(r#"line 3: column "State" (field "status"): invalid value "Frozen""#),
        "{err}"
    );
    let f = write_file(&d, "y.csv", "Colour,Size\nred,L\n");
    let err = d.fails(&["import", f.to_str().unwrap()], 2);
    assert!(err.contains("no column holds the title"), "{err}");
    assert!(d.ids(&["--status", "all"]).is_empty());
    // A spreadsheet's CRLF rows, one with a line break inside a cell: the bad row is
    // still named by the line it starts on.
    let text = "Title,State\r\n\"Kaksi\r\nriviä\",new\r\nOk,\"open\"\r\nHuono,Frozen\r\n";
    let f = write_file(&d, "z.csv", text);
    let err = d.fails(&["import", f.to_str().unwrap()], 2);
    assert!(
        err.contains(r#"line 5: column "State" (field "status"): invalid value "Frozen""#),
        "{err}"
    );
    // Without the bad row the CR of each line ending stays out of the values.
    let f = write_file(
        &d,
        "z.csv",
        &text.replace("Huono,Frozen\r\n", "Hyvä,waiting\r\n"),
    );
    d.ok(&["import", f.to_str().unwrap()]);
    let rows: Vec<(String, String)> = d
        .list_json(&["--status", "all", "--sort", "id"])
        .iter()
        .map(|t| (s(t, "title").to_string(), s(t, "status").to_string()))
        .collect();
    assert_eq!(
        rows,
        [
            ("Kaksi\r\nriviä".to_string(), "new".to_string()),
            ("Ok".into(), "open".into()),
            ("Hyvä".into(), "waiting".into())
        ]
    );
}

/// The database's schema (every table, index and trigger with its SQL, by name), its
/// integrity check, and its row counts.
fn schema_and_integrity(d: &Desk) -> (Vec<(String, String)>, String, Vec<i64>) {
    let c = rusqlite::Connection::open(d.db()).unwrap();
    let mut stmt = c
        .prepare("SELECT name, coalesce(sql, '') FROM sqlite_master ORDER BY name")
        .unwrap();
    let schema = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .collect::<Result<Vec<(String, String)>, _>>()
        .unwrap();
    let ok: String = c
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    let counts = [
        "tickets", "events", "comments", "worklog", "links", "articles",
    ]
    .iter()
    .map(|t| {
        c.query_row(&format!("SELECT count(*) FROM {t}"), [], |r| r.get(0))
            .unwrap()
    })
    .collect();
    (schema, ok, counts)
}

/// A file of `n` tickets with some history each, every tenth linked to the one after
/// it, and an article the first ticket names.
fn many_tickets(n: usize) -> String {
    let mut text = String::from(
        "{\"type\":\"article\",\"id\":1,\"title\":\"Tulostimen väriaine\",\"body\":\"Vaihda kasetti\",\"created_at\":\"2026-10-01T08:00:00Z\"}\n",
    );
    for i in 1..=n {
        let link = if i % 10 == 0 && i < n {
            format!(",\"links\":[{{\"id\":{},\"kind\":\"related\"}}]", i + 1)
        } else {
            String::new()
        };
        let kb = if i == 1 { ",\"kb_article\":1" } else { "" };
        text.push_str(&format!(
            "{{\"id\":{i},\"title\":\"Näyttö {i} vilkkuu\",\"description\":\"Łukasz soitti, kaapeli {i}\",\"status\":\"resolved\",\"priority\":\"P{p}\",\"assignee\":\"ana\",\"created_at\":\"2026-10-{day:02}T08:00:00Z\",\"resolved_at\":\"2026-10-{day:02}T09:30:00Z\",\"resolution\":\"ok\"{kb}{link},\"comments\":[{{\"at\":\"2026-10-{day:02}T08:30:00Z\",\"actor\":\"ana\",\"text\":\"Käyn paikan päällä {i}\"}}],\"worklog\":[{{\"at\":\"2026-10-{day:02}T09:00:00Z\",\"actor\":\"ana\",\"minutes\":15}}]}}\n",
            p = 1 + i % 4,
            day = 1 + i % 28,
        ));
    }
    text
}

/// Issue 15: a file `desk import` creates has 8 KiB pages (half the system calls of
/// WAL's double write at the same bytes); a file any other command creates keeps
/// SQLite's 4 KiB. And the import is the same whichever the page size.
#[test]
fn an_import_into_a_new_file_lays_it_out_in_8_kib_pages() {
    let page_size = |d: &Desk| -> i64 {
        let c = rusqlite::Connection::open(d.db()).unwrap();
        c.query_row("PRAGMA page_size", [], |r| r.get(0)).unwrap()
    };
    let text = many_tickets(50);
    let a = Desk::new();
    if a.skip_on_postgres("the page size of the SQLite file an import creates") {
        return;
    }
    let f = write_file(&a, "many.jsonl", &text);
    a.ok(&["import", f.to_str().unwrap()]);
    assert_eq!(page_size(&a), 8192);
    // Created by another command, then imported into (empty, 4 KiB pages kept).
    let b = Desk::new();
    b.ok(&["db", "migrate"]);
    assert_eq!(page_size(&b), 4096);
    let f = write_file(&b, "many.jsonl", &text);
    b.ok(&["import", f.to_str().unwrap()]);
    assert_eq!(page_size(&b), 4096);
    assert_eq!(export(&a, "jsonl"), export(&b, "jsonl"));
}

#[test]
fn an_import_into_an_empty_database_gives_what_one_into_a_database_with_rows_gives() {
    let text = many_tickets(300);
    // Empty: the import sets the secondary indexes aside and makes them again.
    let a = Desk::new();
    let f = write_file(&a, "many.jsonl", &text);
    a.ok(&["import", f.to_str().unwrap()]);
    // With a row already (a ticket far above the file's ids): indexes kept.
    let b = Desk::new();
    let g = write_file(&b, "first.jsonl", "{\"id\":5000,\"title\":\"Jo täällä\"}\n");
    b.ok(&["import", g.to_str().unwrap()]);
    let f = write_file(&b, "many.jsonl", &text);
    b.ok(&["import", f.to_str().unwrap()]);
    let without_5000: String = export(&b, "jsonl")
        .lines()
        .filter(|l| !l.starts_with("{\"id\":5000,"))
        .map(|l| format!("{l}\n"))
        .collect();
    assert_eq!(export(&a, "jsonl"), without_5000);
    // The SQLite file's schema, integrity check and journal (the rest runs on both).
    if !a.is_postgres() {
        sqlite_schema_and_journal_agree(&a, &b);
    }
    // The full-text indexes were filled (folded: "lukasz" finds "Łukasz") and the
    // indexes are used.
    for d in [&a, &b] {
        let found = d.ids(&["--status", "all", "--search", "lukasz kaapeli 42"]);
        assert_eq!(found, [42]);
        let found = d.ids(&["--status", "all", "--search", "paikan 277"]);
        assert_eq!(found, [277]);
        assert_eq!(d.ids(&["--status", "all", "--assignee", "ana"]).len(), 300);
        assert!(d.ok(&["kb", "search", "vaihda"]).contains("Tulostimen"));
    }
}

fn sqlite_schema_and_journal_agree(a: &Desk, b: &Desk) {
    let (schema_a, ok_a, counts_a) = schema_and_integrity(a);
    let (schema_b, ok_b, counts_b) = schema_and_integrity(b);
    assert_eq!(schema_a, schema_b);
    assert_eq!(schema_a, schema_and_integrity(&Desk::fresh()).0);
    assert_eq!((ok_a.as_str(), ok_b.as_str()), ("ok", "ok"));
    assert_eq!(counts_a, [300, 600, 300, 300, 29, 1]);
    assert_eq!(counts_b, [301, 601, 300, 300, 29, 1]);
    // The load into the empty file stayed in WAL mode and left no journal behind.
    for d in [a, b] {
        assert_eq!(journal_mode(d), "wal");
        assert!(!journal_file(d).exists());
    }
}

#[test]
fn a_bad_record_late_in_a_file_leaves_an_empty_database_as_it_was() {
    let d = Desk::fresh();
    // On PostgreSQL what a person can read back stands for the schema and the file.
    let sqlite = !d.is_postgres();
    let before = sqlite.then(|| schema_and_integrity(&d));
    let dump_before = d.dump();
    let mut text = many_tickets(1000);
    text.push_str("{\"title\":\"Viimeinen\",\"tier\":9}\n");
    let f = write_file(&d, "bad.jsonl", &text);
    let err = d.fails(&["import", f.to_str().unwrap()], 2);
    assert!(
        err.contains(r#"line 1002: field "tier": invalid value 9"#),
        "{err}"
    );
    // Rows, indexes, triggers and full-text tables as before, and WAL mode again.
    assert_eq!(d.dump(), dump_before);
    if sqlite {
        assert_eq!(Some(schema_and_integrity(&d)), before);
        assert_eq!(journal_mode(&d), "wal");
        assert!(!journal_file(&d).exists());
    }
    assert!(d.ids(&["--status", "all"]).is_empty());
    // And a good import afterwards finds its text.
    let f = write_file(&d, "good.jsonl", &many_tickets(20));
    d.ok(&["import", f.to_str().unwrap()]);
    assert_eq!(d.ids(&["--status", "all", "--search", "kaapeli 12"]), [12]);
    if sqlite {
        assert_eq!(schema_and_integrity(&d).1, "ok");
    }
    d.ok(&["db", "check"]);
}

fn journal_mode(d: &Desk) -> String {
    let c = rusqlite::Connection::open(d.db()).unwrap();
    c.query_row("PRAGMA journal_mode", [], |r| r.get(0))
        .unwrap()
}

fn journal_file(d: &Desk) -> std::path::PathBuf {
    d.db().with_file_name("desk.db-journal")
}

#[test]
fn an_import_into_an_empty_database_another_process_has_open_goes_through_the_wal() {
    let d = Desk::fresh();
    if d.skip_on_postgres("a rusqlite reader holds the SQLite file open in WAL mode") {
        return;
    }
    // Another reader holds the file open (in WAL mode, as desk left it): the import
    // cannot switch journals and must not wait for it or shut it out.
    let other = rusqlite::Connection::open(d.db()).unwrap();
    let count = |c: &rusqlite::Connection| -> i64 {
        c.query_row("SELECT count(*) FROM tickets", [], |r| r.get(0))
            .unwrap()
    };
    assert_eq!(count(&other), 0);
    let f = write_file(&d, "many.jsonl", &many_tickets(50));
    d.ok(&["import", f.to_str().unwrap()]);
    assert_eq!(count(&other), 50);
    drop(other);
    assert_eq!(journal_mode(&d), "wal");
    assert_eq!(d.ids(&["--status", "all", "--search", "kaapeli 42"]), [42]);
}

#[test]
fn a_desk_opening_the_file_while_an_import_holds_it_in_rollback_mode_reads_what_was_there() {
    let d = Desk::fresh();
    if d.skip_on_postgres("a rusqlite connection holds the SQLite file in rollback-journal mode") {
        return;
    }
    d.new_ticket("Ennen tuontia", &[]);
    // What an import into an empty database does: a rollback journal and the write
    // lock for its transaction.
    let importer = rusqlite::Connection::open(d.db()).unwrap();
    let mode: String = importer
        .query_row("PRAGMA journal_mode = DELETE", [], |r| r.get(0))
        .unwrap();
    assert_eq!(mode, "delete");
    importer
        .execute_batch("BEGIN IMMEDIATE; INSERT INTO settings VALUES ('x', 'y');")
        .unwrap();
    // desk cannot put WAL back while the lock is held: it works in rollback mode.
    let out = d.ok(&["list", "--status", "all", "--format", "json"]);
    assert!(out.contains("Ennen tuontia"), "{out}");
    importer.execute_batch("ROLLBACK").unwrap();
    drop(importer);
    // The next desk that writes switches it back (one that only reads opens the file
    // read-only and changes nothing).
    d.new_ticket("Tuonnin jälkeen", &[]);
    assert_eq!(journal_mode(&d), "wal");
}

#[test]
fn the_first_bad_line_is_reported_even_when_the_database_refuses_it() {
    // The records are read ahead of filing: a record the database refuses (two active
    // tickets with one monitoring key) still wins over a parse error further down.
    let d = Desk::new();
    let mut text = String::from(
        "{\"title\":\"Levy täynnä\",\"dedup_key\":\"disk-1\"}\n{\"title\":\"Levy täynnä taas\",\"dedup_key\":\"disk-1\"}\n",
    );
    for i in 0..500 {
        text.push_str(&format!("{{\"title\":\"Täyte {i}\"}}\n"));
    }
    text.push_str("{\"title\":\n");
    let f = write_file(&d, "dup.jsonl", &text);
    let err = d.fails(&["import", f.to_str().unwrap()], 2);
    assert!(
        err.contains(r#"line 2: field "dedup_key": another active ticket has the same key"#),
        "{err}"
    );
    assert!(d.ids(&["--status", "all"]).is_empty());
}

#[test]
fn closed_tickets_with_half_their_times_get_consistent_ones_and_undated_ones_are_named() {
    let d = Desk::fresh();
    let f = write_file(
        &d,
        "old.jsonl",
        concat!(
            "{\"title\":\"Vanha\",\"created_at\":\"2026-10-05T09:00:00Z\",\"status\":\"closed\"}\n",
            "{\"title\":\"Vanha 2\",\"created_at\":\"2026-10-06T09:00:00Z\",\"status\":\"closed\",\"resolved_at\":\"2026-10-08T09:00:00Z\"}\n",
            "{\"title\":\"Vanha 3\",\"created_at\":\"2026-10-06T09:00:00Z\",\"status\":\"closed\",\"closed_at\":\"2026-10-09T09:00:00Z\"}\n",
        ),
    );
    let out = d.cmd(&["import", f.to_str().unwrap()]).output().unwrap();
    assert!(out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("1 resolved or closed ticket gave no time of resolution"),
        "{err}"
    );
    let times: Vec<(String, String)> = d
        .list_json(&["--status", "all", "--sort", "id"])
        .iter()
        .map(|t| {
            (
                s(t, "resolved_at").to_string(),
                s(t, "closed_at").to_string(),
            )
        })
        .collect();
    let pair = |r: &str, c: &str| (r.to_string(), c.to_string());
    assert_eq!(
        times,
        [
            pair("2026-10-05T09:00:00Z", "2026-10-05T09:00:00Z"),
            // Closed no earlier than resolved, resolved by the time it was closed.
            pair("2026-10-08T09:00:00Z", "2026-10-08T09:00:00Z"),
            pair("2026-10-09T09:00:00Z", "2026-10-09T09:00:00Z"),
        ]
    );
}

#[test]
fn a_file_that_cannot_be_read_is_an_io_failure() {
    let d = Desk::fresh();
    let missing = d.dir.path().join("no-such-file.jsonl");
    let e = d.fails(&["import", missing.to_str().unwrap()], 1);
    assert!(e.starts_with("desk: error: opening "), "{e}");
    assert!(e.contains("No such file or directory"), "{e}");
}

#[test]
fn a_reader_that_stops_early_is_not_an_error() {
    // `desk export | head -n1` under `set -o pipefail`: the spec's "a closed pipe too".
    let d = Desk::new();
    let f = write_file(&d, "many.jsonl", &many_tickets(1500));
    d.ok(&["import", f.to_str().unwrap()]);
    for args in [
        &["export"][..],
        &["export", "--format", "json"],
        &["export", "--format", "csv"],
        &["list", "--status", "all", "--format", "csv"],
        &["list", "--status", "all", "--format", "json"],
        &["list", "--status", "all", "--format", "jsonl"],
        &["list", "--status", "all"],
    ] {
        let mut child = d
            .std_cmd(args)
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        let mut first = [0u8; 16];
        std::io::Read::read_exact(child.stdout.as_mut().unwrap(), &mut first).unwrap();
        drop(child.stdout.take());
        let out = child.wait_with_output().unwrap();
        assert_eq!(
            (
                out.status.code(),
                String::from_utf8_lossy(&out.stderr).as_ref()
            ),
            (Some(0), ""),
            "desk {args:?}"
        );
    }
}

/// Issue 16, "moving a desk": the export carries the desk's own settings (its hours,
/// terms and zone), and a desk that holds nothing yet takes them, so the tickets keep
/// their due times. What names one machine's commands and servers stays behind, said
/// on stderr; a desk with tickets of its own keeps its settings, and says which differ.
#[test]
fn a_moved_desk_keeps_its_hours_terms_and_zone() {
    let a = Desk::new();
    a.ok(&["config", "set", "hours", "24x7"]);
    a.ok(&["config", "set", "sla.P3.resolve", "2h"]);
    a.ok(&["config", "set", "timezone", "America/New_York"]);
    a.ok(&["config", "set", "hooks.command", "cat >/dev/null"]);
    let id = a.new_ticket("Printer jams", &[]).to_string();
    let exported = a.cmd(&["export"]).output().expect("run");
    let first = String::from_utf8(exported.stdout).expect("utf-8");
    assert!(
        first.starts_with(
            "{\"type\":\"settings\",\"settings\":{\"hours\":\"24x7\",\"sla.P3.resolve\":\"2h\",\"timezone\":\"America/New_York\"}}\n"
        ),
        "{first}"
    );
    assert!(exported.status.success());
    insta::assert_snapshot!(String::from_utf8_lossy(&exported.stderr), @"desk: warning: hooks.command not exported: it names this machine's commands or servers; set it again where the file is imported");

    // Into a new desk: the same bytes, the same due times, no hook.
    let b = Desk::new();
    b.ok_stdin(&["import", "-", "--format", "jsonl"], &first);
    assert_eq!(b.ok(&["export"]), first);
    assert_eq!(b.show(1)["resolve_due"], a.show(1)["resolve_due"]);
    assert_eq!(
        b.ok(&["config", "get", "timezone"]).trim(),
        "America/New_York"
    );
    assert_eq!(b.ok(&["config", "get", "hooks.command"]).trim(), "");
    assert_eq!(a.ok(&["sla", &id]), b.ok(&["sla", &id]));

    // Into a desk with tickets of its own: its settings stay, a note names the others.
    let c = Desk::new();
    c.new_ticket("Mail full", &[]);
    let before = c.ok(&["config", "list", "--format", "tsv"]);
    let out = c.run_stdin(&["import", "-", "--format", "jsonl"], &first);
    insta::assert_snapshot!(out, @"
    exit: 0
    --- stderr
    desk: warning: the file's settings for hours, sla.P3.resolve, timezone were not applied: this desk has tickets or articles of its own (`desk config set` changes them)
    desk: warning: 1 imported ticket got a new id (its own was taken): #1 → #2
    ");
    assert_eq!(c.ok(&["config", "list", "--format", "tsv"]), before);

    // A file cannot install a command, nor set what is no setting.
    let d = Desk::new();
    let hook = "{\"type\":\"settings\",\"settings\":{\"hooks.command\":\"rm -rf ~\"}}\n";
    insta::assert_snapshot!(d.run_stdin(&["import", "-", "--format", "jsonl"], hook), @r#"
    exit: 2
    --- stderr
    desk: error: line 1: field "settings.hooks.command": not carried by a file: it names this machine's commands or servers
    "#);
    let bad = "{\"type\":\"settings\",\"settings\":{\"hours\":\"sometimes\"}}\n";
    insta::assert_snapshot!(d.run_stdin(&["import", "-", "--format", "jsonl"], bad), @r#"
    exit: 2
    --- stderr
    desk: error: line 1: field "settings.hours": invalid hours "sometimes": rule "sometimes" has no time range; use e.g. "mon-fri 07:30-16:00", "mon-thu 08:00-16:00; fri 08:00-14:00" or "24x7"
    "#);
    assert_eq!(d.ok(&["config", "get", "hooks.command"]).trim(), "");
}
