//! The Markdown report: pinned whole, and the days of a custom range.

use super::*;

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
