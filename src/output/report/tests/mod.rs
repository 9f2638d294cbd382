//! The renderers on one deterministic sample month: every format pinned whole (the
//! terminal table and Markdown here, beside the sample; CSV and HTML in csv.rs, html.rs).

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
fn table_snapshot() {
    let out = table(&sample(), false, 80);
    insta::assert_snapshot!(out, @r#"
        Service desk report · March 2024
        2024-03-01 – 2024-03-31 · 31 days

        Summary
          Created            107
          Resolved           77
          Reopened           3
          Backlog            14 → 11 (-3)
          First contact      30.1% (31 tickets)
          Escalated          13.6% (14 tickets)
          SLA met            response 91.3% · resolution 89.6%
          SLA breached       14 tickets: #5 #7 #29 #31 #37 #46 #60 #61 #62 #79 #85 #92 …
          Response time      median 2h36m · p90 4h28m · mean 2h41m
          Resolution time    median 11h22m · p90 19h54m · mean 10h48m
          Time logged        32h03m
          Knowledge base     4 new articles · 21 tickets resolved with an article
          Times are service time; rates are of tickets not cancelled.

        Tickets by kind
          incident  66   61.7%  ████████████████████████████████████████
          request   25   23.4%  ███████████████
          problem   16   15.0%  ██████████

        Tickets by channel
          chat        18   16.8%  ████████████████████████████████████████
          phone       18   16.8%  ████████████████████████████████████████
          portal      18   16.8%  ████████████████████████████████████████
          email       17   15.9%  ██████████████████████████████████████
          walk-in     15   14.0%  █████████████████████████████████
          monitoring  10    9.3%  ██████████████████████
          (none)      11   10.3%  ████████████████████████

        Tickets by category
          network   22   20.6%  ████████████████████████████████████████
          software  19   17.8%  ███████████████████████████████████
          password  18   16.8%  █████████████████████████████████
          printing  18   16.8%  █████████████████████████████████
          access     9    8.4%  ████████████████
          (none)    21   19.6%  ██████████████████████████████████████

        Tickets by priority
          P1  24   22.4%  ██████████████████████████████
          P2  30   28.0%  ██████████████████████████████████████
          P3  32   29.9%  ████████████████████████████████████████
          P4  21   19.6%  ██████████████████████████

        Tickets by highest tier
          1  72   67.3%  ████████████████████████████████████████
          2  35   32.7%  ███████████████████
          3   0    0.0%

        Tickets by organisation
          Kraków Sp. z o.o.  29   27.1%  ████████████████████████████████████████
          東京 office        28   26.2%  ███████████████████████████████████████
          Acme | Helsinki    25   23.4%  ██████████████████████████████████
          (none)             25   23.4%  ██████████████████████████████████

        Devices and systems with most tickets
          Sähköposti  18  ████████████████████████████████████████
          PRN-2F      17  ██████████████████████████████████████
          PC-0423     11  ████████████████████████
          PC-0117     10  ██████████████████████
          WIFI-AP-3    9  ████████████████████

        Requesters with most tickets
          Łukasz Wąsowski            21  ████████████████████████████████████████
          Jukka Ström                19  ████████████████████████████████████
          <script>alert(1)</script>  16  ██████████████████████████████
          Eve\u{1b}[31m              16  ██████████████████████████████
          Дмитрий Иванов             15  █████████████████████████████
          Päivi Mäkelä               11  █████████████████████

        Agents
          Agent  Resolved  Median resolution  Time logged
          ana          18             10h56m        6h31m
          jörg         31              8h17m        7h06m
          łucja        17             12h45m       11h58m
          Мария        11              7h51m        6h28m

        Tickets per day
          Fri 01 ██████████████████████████████████████████████████ 11
          Sat 02 █████ 1
          Sun 03 0
          Mon 04 █████████████████████████████████████████ 9
          Tue 05 █████████████████████████████████████████████ 10
          Wed 06 ██████████████████ 4
          Thu 07 ██████████████ 3
          Fri 08 █████████ 2
          Sat 09 0
          Sun 10 0
          Mon 11 ████████████████████████████████████ 8
          Tue 12 ██████████████████ 4
          Wed 13 ██████████████ 3
          Thu 14 ██████████████████ 4
          Fri 15 ██████████████████ 4
          Sat 16 █████ 1
          Sun 17 0
          Mon 18 ████████████████████████████████████ 8
          Tue 19 █████████ 2
          Wed 20 █████████ 2
          Thu 21 █████████ 2
          Fri 22 ██████████████ 3
          Sat 23 █████ 1
          Sun 24 0
          Mon 25 ████████████████████████████████████ 8
          Tue 26 ██████████████████ 4
          Wed 27 ██████████████ 3
          Thu 28 ██████████████████ 4
          Fri 29 ██████████████████ 4
          Sat 30 █████ 1
          Sun 31 █████ 1

        Tickets by weekday and hour
               0   2   4   6   8   10  12  14  16  18  20  22
              ┌────────────────────────────────────────────────┐
          Mon │              ░░▓▓██░░░░  ░░░░░░                │  33
          Tue │              ░░░░░░░░░░░░▒▒  ░░                │  20
          Wed │              ░░  ░░  ░░░░░░░░                  │  12
          Thu │              ░░░░  ░░░░░░░░░░                  │  13
          Fri │              ▒▒░░░░░░░░░░░░░░░░                │  24
          Sat │              ░░      ░░░░  ░░                  │   4
          Sun │░░                                              │   1
              └────────────────────────────────────────────────┘
          Tickets in the hour: ░ 1–4  ▒ 5–8  ▓ 9–12  █ 13–16
          Right: tickets per weekday.

        Tickets by hour of day
          00:00   1    0.9%  ██
          01:00   0    0.0%
          02:00   0    0.0%
          03:00   0    0.0%
          04:00   0    0.0%
          05:00   0    0.0%
          06:00   0    0.0%
          07:00  12   11.2%  ███████████████████████
          08:00  16   15.0%  ██████████████████████████████
          09:00  21   19.6%  ████████████████████████████████████████
          10:00   7    6.5%  █████████████
          11:00  11   10.3%  █████████████████████
          12:00   9    8.4%  █████████████████
          13:00  15   14.0%  █████████████████████████████
          14:00   6    5.6%  ███████████
          15:00   9    8.4%  █████████████████
          No tickets at other hours.

        SLA breached
          #5 #7 #29 #31 #37 #46 #60 #61 #62 #79 #85 #92 #94 #107
        "#);
}

#[test]
fn table_empty_snapshot() {
    let out = table(&empty(), false, 80);
    insta::assert_snapshot!(out, @r#"
        Service desk report · February 2024
        2024-02-01 – 2024-02-29 · 29 days

        Summary
          Created            0
          Resolved           0
          Reopened           0
          Backlog            0 → 0
          First contact      — (0 tickets)
          Escalated          — (0 tickets)
          SLA met            response — · resolution —
          SLA breached       0 tickets
          Response time      —
          Resolution time    —
          Time logged        0m
          Knowledge base     0 new articles · 0 tickets resolved with an article
          Times are service time; rates are of tickets not cancelled.

        Tickets by kind
          (none)

        Tickets by channel
          (none)

        Tickets by category
          (none)

        Tickets by priority
          (none)

        Tickets by highest tier
          1  0       —
          2  0       —
          3  0       —

        Tickets by organisation
          (none)

        Devices and systems with most tickets
          (none)

        Requesters with most tickets
          (none)

        Agents
          (none)

        Tickets per day
          Thu 01 0
          Fri 02 0
          Sat 03 0
          Sun 04 0
          Mon 05 0
          Tue 06 0
          Wed 07 0
          Thu 08 0
          Fri 09 0
          Sat 10 0
          Sun 11 0
          Mon 12 0
          Tue 13 0
          Wed 14 0
          Thu 15 0
          Fri 16 0
          Sat 17 0
          Sun 18 0
          Mon 19 0
          Tue 20 0
          Wed 21 0
          Thu 22 0
          Fri 23 0
          Sat 24 0
          Sun 25 0
          Mon 26 0
          Tue 27 0
          Wed 28 0
          Thu 29 0

        Tickets by weekday and hour
               0   2   4   6   8   10  12  14  16  18  20  22
              ┌────────────────────────────────────────────────┐
          Mon │                                                │   0
          Tue │                                                │   0
          Wed │                                                │   0
          Thu │                                                │   0
          Fri │                                                │   0
          Sat │                                                │   0
          Sun │                                                │   0
              └────────────────────────────────────────────────┘
          Tickets in the hour: none
          Right: tickets per weekday.

        Tickets by hour of day
          (none)
        "#);
}

#[test]
fn table_fits_every_width() {
    let r = sample();
    for width in [10, 40, 50, 64, 80, 81, 100, 120, 200] {
        for color in [false, true] {
            let out = table(&r, color, width);
            for line in out.lines() {
                assert!(
                    visible_width(line) <= width.max(40),
                    "width {width}: {line:?} is {} wide",
                    visible_width(line)
                );
            }
        }
    }
    // Wide cells and a legend that wraps at the narrowest width.
    let narrow = table(&r, false, 40);
    assert!(narrow.contains("  Tickets in the hour:"));
    let wide = table(&r, false, 120);
    assert!(wide.contains(" 0  1  2  3"));
}

#[test]
fn table_colour_only_when_asked() {
    let r = sample();
    let plain = table(&r, false, 80);
    assert!(!plain.contains('\x1b'));
    let coloured = table(&r, true, 80);
    assert!(coloured.contains("\x1b[1mSummary\x1b[0m"));
    assert!(coloured.contains("\x1b[36m█"));
    // The requester's own escape sequence stays escaped.
    assert!(coloured.contains("Eve\\u{1b}[31m"));
    assert!(!coloured.contains("Eve\x1b"));
    // Without the codes, the same text.
    let stripped: Vec<usize> = coloured.lines().map(visible_width).collect();
    let widths: Vec<usize> = plain.lines().map(width_of).collect();
    assert_eq!(stripped, widths);
}

#[test]
fn markdown_snapshot() {
    let out = render(render_markdown, &sample());
    insta::assert_snapshot!(out, @r#"
        # Service desk report: March 2024

        2024-03-01 – 2024-03-31 · 31 days

        ## Summary

        - **Created:** 107
        - **Resolved:** 77
        - **Reopened:** 3
        - **Backlog:** 14 → 11 (-3)
        - **First contact:** 30.1% (31 tickets)
        - **Escalated:** 13.6% (14 tickets)
        - **SLA met:** response 91.3%, resolution 89.6%
        - **SLA breached:** 14 tickets (ids 5, 7, 29, 31, 37, 46, 60, 61, 62, 79, 85, 92, 94, 107)
        - **Response time:** median 2h36m, p90 4h28m, mean 2h41m
        - **Resolution time:** median 11h22m, p90 19h54m, mean 10h48m
        - **Time logged:** 32h03m
        - **Knowledge base:** 4 new articles, 21 tickets resolved with an article

        Times are service time (within service hours); rates are of tickets not cancelled.

        ## Tickets by kind

        | Kind | Tickets | Share |
        | :--- | ---: | ---: |
        | incident | 66 | 61.7% |
        | request | 25 | 23.4% |
        | problem | 16 | 15.0% |

        ## Tickets by channel

        | Channel | Tickets | Share |
        | :--- | ---: | ---: |
        | chat | 18 | 16.8% |
        | phone | 18 | 16.8% |
        | portal | 18 | 16.8% |
        | email | 17 | 15.9% |
        | walk-in | 15 | 14.0% |
        | monitoring | 10 | 9.3% |
        | (none) | 11 | 10.3% |

        ## Tickets by category

        | Category | Tickets | Share |
        | :--- | ---: | ---: |
        | network | 22 | 20.6% |
        | software | 19 | 17.8% |
        | password | 18 | 16.8% |
        | printing | 18 | 16.8% |
        | access | 9 | 8.4% |
        | (none) | 21 | 19.6% |

        ## Tickets by priority

        | Priority | Tickets | Share |
        | :--- | ---: | ---: |
        | P1 | 24 | 22.4% |
        | P2 | 30 | 28.0% |
        | P3 | 32 | 29.9% |
        | P4 | 21 | 19.6% |

        ## Tickets by highest tier

        | Tier | Tickets | Share |
        | :--- | ---: | ---: |
        | 1 | 72 | 67.3% |
        | 2 | 35 | 32.7% |
        | 3 | 0 | 0.0% |

        ## Tickets by organisation

        | Organisation | Tickets | Share |
        | :--- | ---: | ---: |
        | Kraków Sp. z o.o. | 29 | 27.1% |
        | 東京 office | 28 | 26.2% |
        | Acme \| Helsinki | 25 | 23.4% |
        | (none) | 25 | 23.4% |

        ## Devices and systems with most tickets

        | CI | Tickets |
        | :--- | ---: |
        | Sähköposti | 18 |
        | PRN-2F | 17 |
        | PC-0423 | 11 |
        | PC-0117 | 10 |
        | WIFI-AP-3 | 9 |

        ## Requesters with most tickets

        | Requester | Tickets |
        | :--- | ---: |
        | Łukasz Wąsowski | 21 |
        | Jukka Ström | 19 |
        | \<script\>alert(1)\</script\> | 16 |
        | Eve\\u{1b}\[31m | 16 |
        | Дмитрий Иванов | 15 |
        | Päivi Mäkelä | 11 |

        ## Agents

        | Agent | Resolved | Median resolution | Time logged |
        | :--- | ---: | ---: | ---: |
        | ana | 18 | 10h56m | 6h31m |
        | jörg | 31 | 8h17m | 7h06m |
        | łucja | 17 | 12h45m | 11h58m |
        | Мария | 11 | 7h51m | 6h28m |

        ## Tickets per day

        | Date | Day | Tickets | |
        | :--- | :--- | ---: | :--- |
        | 2024-03-01 | Fri | 11 | ████████████████████ |
        | 2024-03-02 | Sat | 1 | ██ |
        | 2024-03-03 | Sun | 0 |  |
        | 2024-03-04 | Mon | 9 | ████████████████ |
        | 2024-03-05 | Tue | 10 | ██████████████████ |
        | 2024-03-06 | Wed | 4 | ███████ |
        | 2024-03-07 | Thu | 3 | █████ |
        | 2024-03-08 | Fri | 2 | ████ |
        | 2024-03-09 | Sat | 0 |  |
        | 2024-03-10 | Sun | 0 |  |
        | 2024-03-11 | Mon | 8 | ███████████████ |
        | 2024-03-12 | Tue | 4 | ███████ |
        | 2024-03-13 | Wed | 3 | █████ |
        | 2024-03-14 | Thu | 4 | ███████ |
        | 2024-03-15 | Fri | 4 | ███████ |
        | 2024-03-16 | Sat | 1 | ██ |
        | 2024-03-17 | Sun | 0 |  |
        | 2024-03-18 | Mon | 8 | ███████████████ |
        | 2024-03-19 | Tue | 2 | ████ |
        | 2024-03-20 | Wed | 2 | ████ |
        | 2024-03-21 | Thu | 2 | ████ |
        | 2024-03-22 | Fri | 3 | █████ |
        | 2024-03-23 | Sat | 1 | ██ |
        | 2024-03-24 | Sun | 0 |  |
        | 2024-03-25 | Mon | 8 | ███████████████ |
        | 2024-03-26 | Tue | 4 | ███████ |
        | 2024-03-27 | Wed | 3 | █████ |
        | 2024-03-28 | Thu | 4 | ███████ |
        | 2024-03-29 | Fri | 4 | ███████ |
        | 2024-03-30 | Sat | 1 | ██ |
        | 2024-03-31 | Sun | 1 | ██ |

        ## Tickets by weekday and hour

        | | 00 | 01 | 02 | 03 | 04 | 05 | 06 | 07 | 08 | 09 | 10 | 11 | 12 | 13 | 14 | 15 | 16 | 17 | 18 | 19 | 20 | 21 | 22 | 23 | Total |
        | :--- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |
        | Mon | · | · | · | · | · | · | · | 1 | 9 | 16 | 1 | 2 | · | 2 | 1 | 1 | · | · | · | · | · | · | · | · | 33 |
        | Tue | · | · | · | · | · | · | · | 2 | 2 | 1 | 3 | 1 | 2 | 5 | · | 4 | · | · | · | · | · | · | · | · | 20 |
        | Wed | · | · | · | · | · | · | · | 1 | · | 2 | · | 4 | 1 | 2 | 2 | · | · | · | · | · | · | · | · | · | 12 |
        | Thu | · | · | · | · | · | · | · | 2 | 2 | · | 2 | 1 | 1 | 4 | 1 | · | · | · | · | · | · | · | · | · | 13 |
        | Fri | · | · | · | · | · | · | · | 5 | 3 | 2 | 1 | 2 | 4 | 2 | 1 | 4 | · | · | · | · | · | · | · | · | 24 |
        | Sat | · | · | · | · | · | · | · | 1 | · | · | · | 1 | 1 | · | 1 | · | · | · | · | · | · | · | · | · | 4 |
        | Sun | 1 | · | · | · | · | · | · | · | · | · | · | · | · | · | · | · | · | · | · | · | · | · | · | · | 1 |
        | Total | 1 | 0 | 0 | 0 | 0 | 0 | 0 | 12 | 16 | 21 | 7 | 11 | 9 | 15 | 6 | 9 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 107 |
        "#);
}

#[test]
fn markdown_custom_range_lists_days_of_month() {
    let mut r = empty();
    r.period = Period {
        from: date("2024-02-27"),
        to: date("2024-03-03"),
    };
    r.by_day = Counts(
        ["1", "2", "27", "28", "29"]
            .iter()
            .map(|k| (k.to_string(), 0))
            .collect(),
    );
    let out = render(render_markdown, &r);
    assert!(out.starts_with("# Service desk report: 2024-02-27 – 2024-03-02\n"));
    assert!(out.contains("## Tickets by day of month"));
    assert!(out.contains("| 29 | 0 | — |"));
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
