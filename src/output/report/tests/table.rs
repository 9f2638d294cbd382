//! The terminal table: pinned whole, at every width, coloured only when asked.

use super::*;

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
