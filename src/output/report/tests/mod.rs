//! The renderers on one deterministic sample month: every format pinned whole.

use std::io::{self, Write};

use super::csv::csv_text;
use super::markdown::md;
use super::*;
use crate::domain::report::{
    ClockSample, CreatedTicket, ReportInput, ResolutionSample, WorkEntry, compute,
};
use crate::domain::text::{pad_right, truncate, width as width_of};
use chrono::NaiveDateTime;

mod csv;
mod html;
mod markdown;
mod table;

fn date(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

/// A deterministic month for the seed desk: March 2024 (starts on a
/// Friday), rushes on the first working days and on Monday mornings
/// 08–10, names in Finnish, Russian and Polish, and hostile strings.
fn sample() -> Report {
    let mut seed: u64 = 42;
    let mut next = |n: u64| {
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (seed >> 33) % n
    };
    let requesters = [
        "Päivi Mäkelä",
        "Дмитрий Иванов",
        "Łukasz Wąsowski",
        "Jukka Ström",
        "<script>alert(1)</script>",
        "Eve\u{1b}[31m",
    ];
    let cis = ["PRN-2F", "PC-0423", "PC-0117", "WIFI-AP-3", "Sähköposti"];
    let categories = ["printing", "network", "access", "password", "software"];
    let channels = ["phone", "email", "walk-in", "portal", "chat", "monitoring"];
    let orgs = ["Acme | Helsinki", "Kraków Sp. z o.o.", "東京 office"];
    let mut created = Vec::new();
    let mut id = 0;
    for d in crate::domain::report::dates(date("2024-03-01"), date("2024-04-01")) {
        let wd = d.weekday().num_days_from_monday();
        let rush = matches!(d.day(), 1 | 4 | 5);
        let n = match (wd, rush) {
            (5 | 6, _) => next(2),
            (_, true) => 9 + next(4),
            (0, _) => 6 + next(3),
            _ => 2 + next(3),
        };
        for _ in 0..n {
            id += 1;
            let hour = if wd == 0 && next(3) > 0 {
                8 + next(2) as u32
            } else if wd >= 5 {
                next(24) as u32
            } else {
                7 + next(9) as u32
            };
            let created_local = NaiveDateTime::new(
                d,
                chrono::NaiveTime::from_hms_opt(hour, next(60) as u32, 0).unwrap(),
            );
            let pick = |xs: &[&str], i: u64| xs[i as usize % xs.len()].to_string();
            let r = next(100);
            created.push(CreatedTicket {
                id,
                created_local,
                kind: pick(
                    &["incident", "incident", "incident", "request", "problem"],
                    next(5),
                ),
                category: (r % 7 != 0).then(|| pick(&categories, next(5))),
                channel: (r % 11 != 0).then(|| pick(&channels, next(6))),
                priority: format!("P{}", 1 + next(4)),
                org: (r % 5 != 0).then(|| pick(&orgs, next(3))),
                ci: (r % 3 != 0).then(|| pick(&cis, next(5))),
                requester: (r % 13 != 0).then(|| pick(&requesters, next(6))),
                max_tier: 1 + (next(10) / 7) as u8 + u8::from(next(20) == 0),
                cancelled: r % 17 == 0,
                // A cancelled ticket is neither solved on first contact
                // nor (here) escalated.
                first_contact: r % 3 == 1 && r % 17 != 0,
                escalated: r % 5 == 4 && r % 17 != 0,
            });
        }
    }
    let agents = ["ana", "Мария", "jörg", "łucja"];
    let responses = created
        .iter()
        .filter(|t| !t.cancelled)
        .map(|t| ClockSample {
            id: t.id,
            minutes: (next(3000) as f64) / 10.0,
            met: next(10) > 0,
        })
        .collect();
    let resolutions = created
        .iter()
        .filter(|t| !t.cancelled && t.id % 4 != 0)
        .map(|t| ResolutionSample {
            id: t.id,
            minutes: (next(9000) as f64) / 7.0,
            met: next(12) > 0,
            agent: agents[next(4) as usize].to_string(),
            has_article: next(3) == 0,
        })
        .collect();
    let work = (0..40)
        .map(|i| WorkEntry {
            actor: agents[(i * 7 % 5).min(3)].to_string(),
            minutes: 5 + next(90) as i64,
        })
        .collect();
    compute(&ReportInput {
        from: date("2024-03-01"),
        to: date("2024-04-01"),
        created,
        reopened: 3,
        backlog_start: 14,
        backlog_end: 11,
        responses,
        resolutions,
        work,
        articles_created: 4,
    })
}

fn render(f: impl Fn(&Report, &mut dyn Write) -> io::Result<()>, r: &Report) -> String {
    let mut out = Vec::new();
    f(r, &mut out).unwrap();
    String::from_utf8(out).unwrap()
}

fn table(r: &Report, color: bool, width: usize) -> String {
    render(|r, w| render_table(r, w, color, width), r)
}

fn empty() -> Report {
    compute(&ReportInput {
        from: date("2024-02-01"),
        to: date("2024-03-01"),
        ..ReportInput::default()
    })
}

/// Display width of a line with its ANSI colour codes removed.
fn visible_width(line: &str) -> usize {
    let mut plain = String::new();
    let mut chars = line.chars();
    while let Some(c) = chars.next() {
        if c == '\x1b' {
            for c in chars.by_ref() {
                if c == 'm' {
                    break;
                }
            }
        } else {
            plain.push(c);
        }
    }
    width_of(&plain)
}

#[test]
fn helpers() {
    assert_eq!(human_minutes(0.0), "0m");
    assert_eq!(human_minutes(0.25), "15s");
    assert_eq!(human_minutes(0.999), "1m");
    assert_eq!(human_minutes(35.4), "35m");
    assert_eq!(human_minutes(35.5), "36m");
    assert_eq!(human_minutes(95.0), "1h35m");
    assert_eq!(human_minutes(125.0), "2h05m");
    assert_eq!(human_minutes(180.0), "3h");
    assert_eq!(human_minutes(1570.0), "26h10m");
    assert_eq!(human_minutes(-90.0), "-1h30m");
    assert_eq!(pct(0.3571), "35.7%");
    assert_eq!(pct(0.12345), "12.3%");
    assert_eq!(pct(0.1235), "12.4%"); // 12.35 half away from zero
    assert_eq!(pct(1.0), "100.0%");
    let p = |a: &str, b: &str| Period {
        from: date(a),
        to: date(b),
    };
    assert_eq!(period_title(&p("2024-03-01", "2024-04-01")), "March 2024");
    assert_eq!(
        period_title(&p("2023-12-01", "2024-01-01")),
        "December 2023"
    );
    assert_eq!(
        period_title(&p("2024-03-05", "2024-04-15")),
        "2024-03-05 – 2024-04-14"
    );
    assert_eq!(period_title(&p("2024-03-05", "2024-03-06")), "2024-03-05");
    assert_eq!(
        period_title(&p("2024-03-05", "2024-03-05")),
        "2024-03-05 (empty period)"
    );
    assert_eq!(
        sanitize("a\u{1b}[2Jb\nc\td\u{7f}\r\u{9b}"),
        "a\\u{1b}[2Jb\\nc\\td\\u{7f}\\r\\u{9b}"
    );
    assert_eq!(sanitize("abc\u{202e}txt.exe"), "abc\\u{202e}txt.exe");
    assert_eq!(
        sanitize("Päivi Дмитрий Łukasz 東京"),
        "Päivi Дмитрий Łukasz 東京"
    );
    assert_eq!(md("a|b*c_d\\e<f>"), "a\\|b\\*c\\_d\\\\e\\<f\\>");
    assert_eq!(csv_text("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
    assert_eq!(csv_text("@ana"), "'@ana");
    assert_eq!(csv_text("ana"), "ana");
    assert_eq!(truncate("Łukasz Wąsowski", 8), "Łukasz …");
    assert_eq!(truncate("東京 office", 4), "東…");
    assert_eq!(pad_right("東京", 6), "東京  ");
}

#[test]
fn no_raw_control_characters() {
    let r = sample();
    for out in [
        table(&r, false, 80),
        render(render_markdown, &r),
        render(render_csv, &r),
        render(render_html, &r),
        render(render_json, &r),
    ] {
        // JSON escapes ESC as \u001b itself; the others escape it as \u{1b}.
        assert!(
            out.chars()
                .all(|c| c == '\n' || !crate::domain::text::is_unsafe(c)),
            "{out}"
        );
    }
}

#[test]
fn json_renderer_matches_serde() {
    let r = sample();
    let out = render(render_json, &r);
    assert_eq!(out, serde_json::to_string_pretty(&r).unwrap() + "\n");
    assert!(out.contains("\"Eve\\u001b[31m\""));
}

#[test]
fn every_format_is_deterministic() {
    let (a, b) = (sample(), sample());
    assert_eq!(a, b);
    for width in [40, 80, 120] {
        assert_eq!(table(&a, true, width), table(&b, true, width));
        assert_eq!(table(&a, false, width), table(&b, false, width));
    }
    assert_eq!(render(render_markdown, &a), render(render_markdown, &b));
    assert_eq!(render(render_csv, &a), render(render_csv, &b));
    assert_eq!(render(render_html, &a), render(render_html, &b));
    assert_eq!(render(render_json, &a), render(render_json, &b));
}

/// A writer whose reader went away.
struct ClosedPipe;

impl Write for ClosedPipe {
    fn write(&mut self, _: &[u8]) -> io::Result<usize> {
        Err(io::ErrorKind::BrokenPipe.into())
    }
    fn flush(&mut self) -> io::Result<()> {
        Err(io::ErrorKind::BrokenPipe.into())
    }
}

#[test]
fn a_closed_pipe_stays_a_broken_pipe() {
    let r = sample();
    let kind = |res: io::Result<()>| res.unwrap_err().kind();
    assert_eq!(
        kind(render_table(&r, &mut ClosedPipe, false, 80)),
        io::ErrorKind::BrokenPipe
    );
    assert_eq!(
        kind(render_markdown(&r, &mut ClosedPipe)),
        io::ErrorKind::BrokenPipe
    );
    assert_eq!(
        kind(render_csv(&r, &mut ClosedPipe)),
        io::ErrorKind::BrokenPipe
    );
    assert_eq!(
        kind(render_html(&r, &mut ClosedPipe)),
        io::ErrorKind::BrokenPipe
    );
    assert_eq!(
        kind(render_json(&r, &mut ClosedPipe)),
        io::ErrorKind::BrokenPipe
    );
}
