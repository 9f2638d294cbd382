//! Records read from JSON and CSV: values, defaults, history and the errors that
//! name a field.

use super::*;
use crate::domain::ticket::{Priority, Status};
use chrono::NaiveDate;
use chrono::{Datelike, FixedOffset};

fn defaults() -> Defaults<'static> {
    Defaults {
        now: parse_rfc3339("2026-11-20T13:00:00Z").unwrap(),
        user: "ana",
        recorded_by: Some("ana-os"),
    }
}

fn ticket(json: &str) -> Res<TicketRecord> {
    let v = parse_json(json.as_bytes()).unwrap();
    match record_from_json(&v, defaults())? {
        Record::Ticket(t) => Ok(*t),
        Record::Article(_) => panic!("an article"),
        Record::Org(_) => panic!("an organisation"),
        Record::Settings(_) => panic!("settings"),
    }
}

#[test]
fn a_title_alone_makes_a_new_ticket_created_now_with_a_create_event() {
    let r = ticket(r#"{"title":"Printer jams"}"#).unwrap();
    assert_eq!(r.ticket.status, Status::New);
    assert_eq!(r.ticket.priority, Priority::P3);
    assert_eq!(r.ticket.created_at, defaults().now);
    assert_eq!(r.events.len(), 1);
    assert_eq!(r.events[0].action, "create");
    assert_eq!(r.events[0].actor, "ana");
}

#[test]
fn invalid_values_name_the_field() {
    let e = ticket(r#"{"title":"x","priority":"P9"}"#).unwrap_err();
    assert_eq!(e.to_string(), r#"field "priority": invalid value "P9""#);
    let e = ticket(r#"{"title":"x","tier":4}"#).unwrap_err();
    assert_eq!(
        e.to_string(),
        r#"field "tier": invalid value 4: use 1 to 3"#
    );
    // Ids stay below 2^53 (exact in every JSON reader; SQLite scatters the ids
    // after a huge one), counts and minutes below a billion.
    let e = ticket(r#"{"title":"x","id":9223372036854775807}"#).unwrap_err();
    assert_eq!(
        e.to_string(),
        r#"field "id": invalid value 9223372036854775807: use 1 to 9007199254740991"#
    );
    assert!(ticket(r#"{"title":"x","id":9007199254740991}"#).is_ok());
    for field in ["time_spent", "occurrences", "escalations", "reopens"] {
        let e = ticket(&format!(r#"{{"title":"x","{field}":1000000001}}"#)).unwrap_err();
        assert!(e.to_string().ends_with("to 1000000000"), "{e}");
    }
    let e =
        ticket(r#"{"title":"x","worklog":[{"at":"2026-01-01T00:00:00Z","minutes":1000000001}]}"#)
            .unwrap_err();
    assert!(e.to_string().ends_with("use 1 to 1000000000"), "{e}");
    let e = ticket(r#"{"title":"x","tags":"a"}"#).unwrap_err();
    assert!(
        e.to_string()
            .starts_with(r#"field "tags": expected an array"#)
    );
    let e = ticket(r#"{"title":"x","created_at":"yesterday"}"#).unwrap_err();
    assert!(
        e.to_string()
            .starts_with(r#"field "created_at": invalid time"#)
    );
    let e = ticket(r#"{"title":"x","events":[{"at":"2026-01-01T00:00:00Z","action":"dance"}]}"#)
        .unwrap_err();
    assert_eq!(
        e.to_string(),
        r#"field "events[0].action": invalid value "dance""#
    );
    let e = ticket(r#"{"titel":"x"}"#).unwrap_err();
    assert_eq!(e.to_string(), r#"field "titel": unknown field"#);
    let e = ticket(r#"{"description":"x"}"#).unwrap_err();
    assert_eq!(e.field, "title");
}

#[test]
fn a_closed_ticket_without_history_gets_create_resolve_and_close() {
    let r = ticket(
        r#"{"title":"x","status":"closed","created_at":"2026-01-05T08:00:00Z",
            "resolved_at":"2026-01-05T09:00:00Z","closed_at":"2026-01-06T09:00:00Z",
            "first_response_at":"2026-01-05T08:30:00Z","assignee":"bo"}"#,
    )
    .unwrap();
    let acts: Vec<&str> = r.events.iter().map(|e| e.action.as_str()).collect();
    assert_eq!(acts, ["create", "assign", "resolve", "close"]);
    assert_eq!(r.status_at, parse_rfc3339("2026-01-06T09:00:00Z"));
    assert_eq!(
        r.ticket.updated_at,
        parse_rfc3339("2026-01-06T09:00:00Z").unwrap()
    );
}

#[test]
fn articles_are_told_apart_by_type() {
    let v =
        parse_json(br#"{"type":"article","id":3,"title":"Reset a password","uses":4}"#).unwrap();
    let Record::Article(a) = record_from_json(&v, defaults()).unwrap() else {
        panic!("not an article")
    };
    assert_eq!(a.id, Some(3));
    assert_eq!(a.author, "ana");
}

#[test]
fn spreadsheet_headers_map_to_fields_and_duplicates_are_refused() {
    let m =
        CsvMapping::from_headers(["Subject", "Reported by", "Date", "Status", "Colour"]).unwrap();
    assert_eq!(
        m.columns,
        [
            Some("title"),
            Some("requester"),
            Some("created_at"),
            Some("status"),
            None
        ]
    );
    assert!(CsvMapping::from_headers(["Title", "Subject"]).is_err());
    assert!(CsvMapping::from_headers(["Name", "Date"]).is_err());
}

#[test]
fn spreadsheet_dates_are_local() {
    let tz = FixedOffset::east_opt(2 * 3600).unwrap();
    let want = parse_rfc3339("2026-03-05T07:30:00Z");
    assert_eq!(spreadsheet_time("05.03.2026 09:30", &tz), want);
    assert_eq!(spreadsheet_time("5.3.2026 09:30", &tz), want);
    assert_eq!(spreadsheet_time("2026-03-05 09:30", &tz), want);
    assert_eq!(spreadsheet_time("2026-03-05T07:30:00Z", &tz), want);
    assert_eq!(
        spreadsheet_time("2026-03-05", &tz),
        parse_rfc3339("2026-03-04T22:00:00Z")
    );
    assert_eq!(spreadsheet_time("03/05/2026", &tz), None);
}

#[test]
fn spreadsheet_words_map_and_unknown_ones_fail() {
    let tz = FixedOffset::east_opt(0).unwrap();
    let m = CsvMapping::from_headers(["Summary", "State", "Prio"]).unwrap();
    let r = ticket_from_csv(&m, &["VPN", "In progress", "High"], &tz, defaults()).unwrap();
    assert_eq!(r.ticket.status, Status::Open);
    assert_eq!(r.ticket.priority, Priority::P2);
    let e = ticket_from_csv(&m, &["VPN", "Frozen", ""], &tz, defaults()).unwrap_err();
    assert_eq!(e.field, "status");
}

/// The verdict on one JSON text read as a whole tree, then fed to the builder.
fn slow(json: &str) -> Result<Record, String> {
    let v = parse_json(json.as_bytes())?;
    record_from_json(&v, defaults()).map_err(|e| e.to_string())
}

/// The import's streamed reading gives the verdict the whole tree gives (both feed
/// the one builder): the same record, or the same message. Some when a record.
fn agrees(json: &str) -> Option<Record> {
    let streamed = record_from_bytes(json.as_bytes(), defaults());
    assert_eq!(streamed, slow(json), "{json}");
    streamed.ok()
}

const FULL_TICKET: &str = r#"{"id":2,"kind":"request","title":"Wi-Fi down","description":"Line one\nline \"two\" ł","impact":"low","urgency":"low","priority":"P4","requester":"Anna","email":"a@b.example","location":"B","org":"Museo","category":"email","ci":"PC-2376","channel":"email","status":"closed","tier":1,"assignee":"olga","created_at":"2023-11-21T13:04:18Z","updated_at":"2023-11-23T04:48:59Z","resolved_at":"2023-11-22T04:48:59Z","resolution":"Installed remotely","kb_article":1,"closed_at":"2023-11-23T04:48:59Z","time_spent":10,"escalations":0,"reopens":0,"occurrences":1,"dedup_key":null,"phone":null,"tags":["a","b","a"],"response_due":"2023-11-21T17:04:18Z","resolve_due":null,"sla":{"response":{"due":"x"}},"first_response_at":"2023-11-21T13:32:30Z","events":[{"at":"2023-11-21T13:04:18Z","recorded_at":"2023-11-21T13:04:18Z","actor":"desk","action":"create","status":"new"},{"at":"2023-11-21T13:32:30Z","actor":"olga","action":"assign","detail":"to olga","status":"open"},{"at":"2023-11-21T20:51:41Z","action":"note","detail":null,"status":null},{"at":"2023-11-22T04:48:59Z","recorded_at":null,"actor":"olga","action":"resolve","detail":"Installed remotely","status":"resolved"},{"at":"2023-11-21T22:01:01Z","actor":"olga","action":"escalate","detail":"to tier 2"}],"comments":[{"at":"2023-11-21T20:51:41Z","actor":"olga","text":"Called the user.","internal":true},{"at":"2023-11-21T20:52:41Z","actor":null,"text":"x"}],"worklog":[{"at":"2023-11-21T22:01:01Z","actor":"olga","minutes":10},{"at":"2023-11-21T22:02:01Z","minutes":5,"note":"more"}],"links":[{"id":5,"kind":"parent"},{"id":6},{"id":7,"kind":null}]}"#;

#[test]
fn what_export_writes_is_read_streamed_as_from_the_tree() {
    assert!(agrees(FULL_TICKET).is_some());
    assert!(agrees(r#"{"title":"Printer jams"}"#).is_some());
    assert!(agrees(r#"{"type":"ticket","title":"x","status":"Closed"}"#).is_some());
    assert!(agrees(r#"{"title":"x","events":null,"comments":null,"tags":null}"#).is_some());
    assert!(agrees(r#"{"title":"x","events":[],"status":"waiting"}"#).is_some());
    assert!(agrees(r#" {"t\u0069tle":"esc\u00e4ped"} "#).is_some());
    let article = r#"{"type":"article","id":3,"title":"Reset","body":"a\n\nb","tags":["x"],"category":"access","author":"piotr","created_at":"2023-11-21T14:04:38Z","updated_at":"2024-01-13T02:59:08Z","source_ticket":9,"uses":4}"#;
    assert!(matches!(agrees(article), Some(Record::Article(_))));
    let minimal = r#"{"title":"x","type":"article","body":null,"author":null}"#;
    assert!(matches!(agrees(minimal), Some(Record::Article(_))));
}

#[test]
fn odd_records_get_the_same_verdict_streamed_as_from_the_tree() {
    let cases = [
        // Not an object, or not JSON.
        r#"[{"title":"x"}]"#,
        r#""x""#,
        r#"{"title":"x"} x"#,
        r#"{"title":"x""#,
        // Repeated keys: the last is taken (each is checked).
        r#"{"title":"x","title":"y"}"#,
        r#"{"title":"x","sla":1,"sla":2}"#,
        r#"{"title":"x","events":[{"at":"2026-01-01T00:00:00Z","action":"note","action":"log"}]}"#,
        // Null where a value is needed; blank title; unknown keys.
        r#"{"title":null}"#,
        r#"{"title":"  "}"#,
        r#"{"type":null,"title":"x"}"#,
        r#"{"type":"thing","title":"x"}"#,
        r#"{"title":"x","colour":"red"}"#,
        r#"{"title":"x","uses":1}"#,
        r#"{"type":"article","title":"x","status":"new"}"#,
        r#"{"type":"article","title":"x","description":null}"#,
        r#"{"title":"x","comments":[{"at":"2026-01-01T00:00:00Z","text":"t","internal":null}]}"#,
        r#"{"title":"x","comments":[{"at":"2026-01-01T00:00:00Z","text":null}]}"#,
        r#"{"title":"x","events":[{"at":null,"action":"note"}]}"#,
        r#"{"title":"x","events":[{"action":"note"}]}"#,
        r#"{"title":"x","events":[{"at":"2026-01-01T00:00:00Z","action":"dance"}]}"#,
        r#"{"title":"x","events":[{"at":"2026-01-01T00:00:00Z","action":"note","extra":1}]}"#,
        // Arrays where objects belong (serde's derive would take them).
        r#"{"title":"x","events":[["2026-01-01T00:00:00Z","x","desk","note"]]}"#,
        r#"{"title":"x","links":[[5]]}"#,
        r#"{"title":"x","worklog":[{"at":"2026-01-01T00:00:00Z","minutes":0}]}"#,
        // Out of range, wrong types.
        r#"{"title":"x","id":0}"#,
        r#"{"title":"x","id":-3}"#,
        r#"{"title":"x","id":1.0}"#,
        r#"{"title":"x","id":18446744073709551615}"#,
        r#"{"title":"x","tier":4}"#,
        r#"{"title":"x","time_spent":-1}"#,
        r#"{"title":"x","occurrences":0}"#,
        r#"{"title":"x","priority":"P9"}"#,
        r#"{"title":"x","tags":"a,b"}"#,
        r#"{"title":"x","tags":["a,b"]}"#,
        r#"{"title":"x","tags":[" "]}"#,
        r#"{"title":"x","tags":[1]}"#,
        r#"{"title":"x","description":5}"#,
        r#"{"title":"x","created_at":"yesterday"}"#,
        r#"{"title":"x","created_at":"2026-02-30T00:00:00Z"}"#,
        r#"{"id":3,"title":"x","links":[{"id":3}]}"#,
        r#"{"title":"x","links":[{"id":0}]}"#,
    ];
    for json in cases {
        agrees(json);
    }
    // Not UTF-8.
    let mut bytes = br#"{"title":"x"#.to_vec();
    bytes.extend_from_slice(b"\xff\"}");
    assert_eq!(
        record_from_bytes(&bytes, defaults()).err().as_deref(),
        Some("not valid JSON: invalid unicode code point")
    );
    // Not UTF-8 after a field the record refuses: that field is what is said (the
    // bytes are read as bytes, a string at a time, as before the whole-line check).
    let mut bytes = br#"{"priority":"P9","title":"x"#.to_vec();
    bytes.extend_from_slice(b"\xc3\"}");
    assert_eq!(
        record_from_bytes(&bytes, defaults()).err().as_deref(),
        Some("field \"priority\": invalid value \"P9\"")
    );
}

#[test]
fn times_desk_writes_are_read_without_chrono_and_the_same() {
    let chrono_reads = |s: &str| {
        DateTime::parse_from_rfc3339(s.trim())
            .ok()
            .and_then(|t| DateTime::from_timestamp(t.timestamp(), 0))
    };
    let mut cases = vec![
        "2026-11-20T12:00:00Z".to_string(),
        "0001-01-01T00:00:00Z".into(),
        "0000-01-01T00:00:00Z".into(),
        "9999-12-31T23:59:59Z".into(),
        "2024-02-29T10:00:00Z".into(),
        "2023-02-29T10:00:00Z".into(),
        "2100-02-29T10:00:00Z".into(),
        "2000-02-29T10:00:00Z".into(),
        "2026-13-01T00:00:00Z".into(),
        "2026-00-01T00:00:00Z".into(),
        "2026-01-00T00:00:00Z".into(),
        "2026-04-31T00:00:00Z".into(),
        "2026-01-01T24:00:00Z".into(),
        "2026-01-01T23:60:00Z".into(),
        "2016-12-31T23:59:60Z".into(),
        "2026-01-01t10:00:00z".into(),
        "2026-01-01T10:00:00+02:00".into(),
        "2026-01-01T10:00:00.5Z".into(),
        "2026-01-01 10:00:00Z".into(),
        "+026-01-01T10:00:00Z".into(),
        "2026-01-01T1a:00:00Z".into(),
    ];
    for (y, mo, d, h, mi, s) in [(1970, 1, 1, 0, 0, 0), (2026, 3, 29, 1, 30, 59)] {
        cases.push(format!("{y:04}-{mo:02}-{d:02}T{h:02}:{mi:02}:{s:02}Z"));
    }
    for s in &cases {
        assert_eq!(parse_rfc3339(s), chrono_reads(s), "{s}");
        if let Some(t) = utc_seconds(s) {
            assert_eq!(Some(t), chrono_reads(s), "{s}");
        }
    }
    assert!(utc_seconds("2026-11-20T12:00:00Z").is_some());
    // Every day of a leap and a common year, at a few times of day.
    let mut day = NaiveDate::from_ymd_opt(2023, 1, 1).unwrap();
    while day.year() < 2025 {
        for hms in ["00:00:00", "12:34:56", "23:59:59"] {
            let s = format!("{}T{hms}Z", day.format("%Y-%m-%d"));
            assert_eq!(utc_seconds(&s), chrono_reads(&s), "{s}");
        }
        day = day.succ_opt().unwrap();
    }
}

/// Every line of a file made by `bench/generate.py` (60 tickets with their whole
/// history, and articles; committed) is a record, read streamed as from the tree.
/// Another file: `DESK_RECORDS_CHECK=file.jsonl cargo test --release a_generated_file`.
#[test]
fn a_generated_file_reads_the_same_streamed_as_from_the_tree() {
    let path = std::env::var("DESK_RECORDS_CHECK").unwrap_or_else(|_| {
        format!(
            "{}/tests/fixtures/import/generated-60.jsonl",
            env!("CARGO_MANIFEST_DIR")
        )
    });
    let text = std::fs::read_to_string(&path).unwrap();
    let lines: Vec<&str> = text.lines().filter(|l| !l.trim().is_empty()).collect();
    assert!(lines.len() >= 60, "{path}: {} lines", lines.len());
    let records = lines.iter().filter(|l| agrees(l).is_some()).count();
    assert_eq!(records, lines.len(), "every line a record");
}
