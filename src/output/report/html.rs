//! The report as one self-contained HTML5 page: inline CSS and SVG, nothing
//! fetched. Built with maud, which escapes every spliced value (`& < > "`), so
//! a user string cannot open a tag in a page that gets mailed to management;
//! only the constant style sheet goes in unescaped.

use std::io::{self, Write};

use chrono::Datelike;
use maud::{Markup, PreEscaped, html};

use super::*;
use crate::domain::report::{MinuteStats, WEEKDAY_KEYS};

const CSS: &str = r#"
:root { --ink: #1f2328; --muted: #59636e; --line: #d0d7de; --bar: #2f6fb3; --alert: #b42318; }
* { box-sizing: border-box; }
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; color: var(--ink); background: #fff; max-width: 62rem; margin: 2rem auto; padding: 0 1rem; overflow-wrap: anywhere; }
h1 { font-size: 1.6rem; margin: 0 0 .2rem; }
h2 { font-size: 1.1rem; margin: 0 0 .5rem; break-after: avoid; page-break-after: avoid; }
.period, .note, footer, .card .p { color: var(--muted); }
.period { margin: 0 0 1.5rem; }
section { margin: 2rem 0 0; }
.cards { display: grid; grid-template-columns: repeat(auto-fill, minmax(min(10.5rem, 100%), 1fr)); gap: .6rem; }
.card { border: 1px solid var(--line); border-radius: 6px; padding: .5rem .75rem; break-inside: avoid; page-break-inside: avoid; }
.card .v { font-size: 1.45rem; font-weight: 600; font-variant-numeric: tabular-nums; }
.card .k, .card .p { font-size: .8rem; }
.card .d { font-size: .8rem; }
.card.alert .v { color: var(--alert); }
.grid { display: grid; grid-template-columns: repeat(auto-fit, minmax(min(24rem, 100%), 1fr)); gap: 0 2rem; }
.grid section { break-inside: avoid; page-break-inside: avoid; }
table { border-collapse: collapse; margin: 0 0 .5rem; max-width: 100%; }
tr { break-inside: avoid; page-break-inside: avoid; }
th, td { padding: .15rem .6rem .15rem 0; border-bottom: 1px solid var(--line); text-align: left; vertical-align: top; }
th { font-weight: 600; color: var(--muted); font-size: .85rem; }
.n { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
td.bar { width: 8rem; }
td.bar span { display: block; height: .7rem; margin-top: .3rem; background: var(--bar); }
svg.days { display: block; width: 100%; height: 190px; margin: 0 0 .5rem; overflow: visible; }
svg text { font: 11px system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; }
table.heat { width: 100%; table-layout: fixed; }
table.heat td, table.heat th { text-align: center; padding: .15em 0; font-size: .75em; border: 1px solid #fff; overflow: hidden; white-space: nowrap; overflow-wrap: normal; }
table.heat th:first-child { width: 2.6em; }
table.heat td.z { background: #f6f8fa; }
table.heat td.t, table.heat th.t { text-align: right; padding-right: .2rem; font-weight: 600; width: 3.2em; }
ul.breached { padding-left: 1.2rem; margin: .3rem 0 0; }
.ids { font-variant-numeric: tabular-nums; }
footer { margin: 2.5rem 0 0; font-size: .8rem; border-top: 1px solid var(--line); padding-top: .5rem; }
@media (max-width: 40rem) {
  body { margin: 1rem auto; padding: 0 .75rem; }
  svg.days .cnt, svg.days .wd, svg.days .odd { display: none; }
  table.heat td, table.heat th { font-size: .55rem; }
  table.heat th:first-child { width: 2.8em; }
  table.heat th.o { color: transparent; }
  td.bar { width: 4rem; }
}
@page { size: A4; margin: 14mm; }
@media print {
  body { max-width: none; margin: 0; padding: 0; font-size: 10pt; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  section { margin-top: 1rem; }
  .grid { grid-template-columns: 1fr 1fr; }
  .cards { grid-template-columns: repeat(4, 1fr); }
  td.bar { width: 4rem; }
}
"#;

/// Coordinates with one decimal, always the same text for the same value.
fn c(x: f64) -> String {
    format!("{x:.1}")
}

/// A line break between elements, so the page reads (and diffs) line by line.
const NL: PreEscaped<&str> = PreEscaped("\n");

/// Render the report as one self-contained HTML5 page: inline CSS and SVG,
/// nothing fetched, every user string escaped.
pub fn render_html(r: &Report, w: &mut dyn Write) -> io::Result<()> {
    let title = format!(
        "Service desk report: {}{}",
        period_title(&r.period),
        r.org
            .as_deref()
            .map(|o| format!(" · {o}"))
            .unwrap_or_default()
    );
    let page = html! {
        (PreEscaped("<!doctype html>\n"))
        html lang="en" {
            (NL) head {
                (NL) meta charset="utf-8";
                (NL) meta name="viewport" content="width=device-width, initial-scale=1";
                (NL) title { (title) }
                (NL) style { (PreEscaped(CSS)) }
                (NL)
            }
            (NL) body {
                (NL) header {
                    (NL) h1 { (title) }
                    (NL) p.period { (period_span(&r.period)) }
                    (NL)
                }
                (NL) (cards(r))
                (NL) p.note {
                    "Times are service time (within service hours); rates are of tickets not cancelled."
                    @if let Some(p) = &r.previous {
                        " “was”: the same figure for " (period_title(&p.period)) "."
                    }
                }
                (NL) section {
                    (NL) h2 { "Tickets per day" }
                    (NL) (svg_daily(r))
                    (NL)
                }
                (NL) section {
                    (NL) h2 { "Tickets by weekday and hour" }
                    (NL) (html_heat(r))
                    (NL)
                }
                (NL) div.grid {
                    @for (title, column, rows) in breakdowns(r) {
                        (NL) section {
                            (NL) h2 { (title) }
                            (NL) (html_counts(column, &rows, Some(r.created)))
                            (NL)
                        }
                    }
                    @for (title, column, rows) in tops(r) {
                        (NL) section {
                            (NL) h2 { (title) }
                            (NL) (html_counts(column, &rows, None))
                            (NL)
                        }
                    }
                    (NL)
                }
                (NL) (times(r))
                (NL) (agents(r))
                @if !is_calendar_month(&r.period) && !r.by_day.is_empty() {
                    (NL) section {
                        (NL) h2 { "Tickets by day of month" }
                        (NL) (html_counts("Day", &r.by_day.iter().collect::<Vec<_>>(), Some(r.created)))
                        (NL)
                    }
                }
                (NL) footer {
                    "Generated by desk"
                    @if let Some(at) = r.generated {
                        " on " (at.format("%Y-%m-%d %H:%M"))
                    }
                    "."
                }
                (NL)
            }
            (NL)
        }
        (NL)
    };
    w.write_all(page.into_string().as_bytes())
}

/// The headline figures: name, value, detail, whether it is bad news.
fn card_figures(r: &Report) -> Vec<(&'static str, String, String, bool)> {
    let tickets = |n: u64| plural(n, "ticket", "tickets");
    let delta = r.backlog_end as i128 - r.backlog_start as i128;
    let stat_detail = |s: &MinuteStats| {
        if s.median.is_none() {
            "no tickets".to_string()
        } else {
            format!("p90 {} · mean {}", human_opt(s.p90), human_opt(s.mean))
        }
    };
    let breached = r.sla.breached.len() as u64;
    let cards = vec![
        ("Created", r.created.to_string(), String::new(), false),
        ("Resolved", r.resolved.to_string(), String::new(), false),
        ("Reopened", r.reopened.to_string(), String::new(), false),
        (
            "Backlog",
            format!("{} → {}", r.backlog_start, r.backlog_end),
            if delta == 0 {
                "unchanged".to_string()
            } else {
                format!("{delta:+} over the period")
            },
            false,
        ),
        (
            "First contact",
            share_pct(r, r.first_contact.rate),
            tickets(r.first_contact.count),
            false,
        ),
        (
            "Escalated",
            share_pct(r, r.escalated.rate),
            tickets(r.escalated.count),
            false,
        ),
        (
            "SLA response met",
            pct_opt(r.sla.response_met),
            String::new(),
            false,
        ),
        (
            "SLA resolution met",
            pct_opt(r.sla.resolution_met),
            String::new(),
            false,
        ),
        (
            "SLA breached",
            breached.to_string(),
            "tickets".into(),
            breached > 0,
        ),
        (
            "Response, median",
            human_opt(r.response_minutes.median),
            stat_detail(&r.response_minutes),
            false,
        ),
        (
            "Resolution, median",
            human_opt(r.resolution_minutes.median),
            stat_detail(&r.resolution_minutes),
            false,
        ),
        (
            "Time logged",
            human_minutes(r.time_spent as f64),
            String::new(),
            false,
        ),
        (
            "KB articles written",
            r.kb.articles_created.to_string(),
            format!(
                "{} resolved with an article",
                tickets(r.kb.resolved_with_article)
            ),
            false,
        ),
    ];
    cards
}

/// The headline figures as cards, each with the previous period's ("was").
fn cards(r: &Report) -> Markup {
    let was: Vec<Option<String>> = match &r.previous {
        Some(p) => card_figures(p)
            .into_iter()
            .map(|(_, v, _, _)| Some(v))
            .collect(),
        None => Vec::new(),
    };
    html! {
        section.cards {
            @for (i, (k, v, d, alert)) in card_figures(r).into_iter().enumerate() {
                (NL) div.card.alert[alert] {
                    div.k { (k) } div.v { (v) } div.d { (d) }
                    @if let Some(Some(was)) = was.get(i) { div.p { "was " (was) } }
                }
            }
            (NL)
        }
    }
}

/// Mean, median, p90 and SLA met of both clocks, then the breached tickets.
fn times(r: &Report) -> Markup {
    html! {
        section {
            (NL) h2 { "Response and resolution times (service time)" }
            (NL) table {
                (NL) tr { th {} th.n { "Mean" } th.n { "Median" } th.n { "p90" } th.n { "SLA met" } }
                @for (name, s, met) in [
                    ("Response", &r.response_minutes, r.sla.response_met),
                    ("Resolution", &r.resolution_minutes, r.sla.resolution_met),
                ] {
                    (NL) tr {
                        td { (name) }
                        td.n { (human_opt(s.mean)) }
                        td.n { (human_opt(s.median)) }
                        td.n { (human_opt(s.p90)) }
                        td.n { (pct_opt(met)) }
                    }
                }
                (NL)
            }
            (NL)
            @if r.sla.breached.is_empty() {
                p { "No ticket breached its SLA." }
            } @else {
                p { "Breached (" (r.sla.breached.len()) "):" }
                (NL) ul.breached {
                    @for id in &r.sla.breached {
                        (NL) li {
                            span.ids { "#" (id) }
                            @if let Some(title) = r.breached_titles.get(id) {
                                " " (sanitize(title))
                            }
                        }
                    }
                    (NL)
                }
            }
            (NL)
        }
    }
}

fn agents(r: &Report) -> Markup {
    html! {
        section {
            (NL) h2 { "Agents" }
            (NL)
            @if r.by_agent.is_empty() {
                p { "None." }
            } @else {
                table {
                    (NL) tr { th { "Agent" } th.n { "Resolved" } th.n { "Median resolution" } th.n { "Time logged" } }
                    @for (name, a) in &r.by_agent {
                        (NL) tr {
                            td { (sanitize(name)) }
                            td.n { (a.resolved) }
                            td.n { (human_opt(a.median_resolution_minutes)) }
                            td.n { (human_minutes(a.time_spent as f64)) }
                        }
                    }
                    (NL)
                }
            }
            (NL)
        }
    }
}

fn html_counts(column: &str, rows: &[(&str, u64)], total: Option<u64>) -> Markup {
    if rows.is_empty() {
        return html! { p { "None." } };
    }
    let max = rows.iter().map(|(_, n)| *n).max().unwrap_or(0);
    html! {
        table {
            (NL) tr {
                th { (column) } th.n { "Tickets" }
                @if total.is_some() { th.n { "Share" } }
                th {}
            }
            @for (k, n) in rows {
                @let wpct = if max == 0 { 0.0 } else { *n as f64 * 100.0 / max as f64 };
                (NL) tr {
                    td { (sanitize(k)) } td.n { (n) }
                    @if let Some(total) = total { td.n { (share(*n, total)) } }
                    td.bar { span style={ "width:" (c(wpct)) "%" } {} }
                }
            }
            (NL)
        }
    }
}

/// Vertical bars, one per date; weekends lighter; counts above the bars. Laid
/// out in percentages of the page's width with no viewBox, so the text keeps its
/// size on a phone (a scaled drawing shrank it to a few pixels); on a narrow
/// screen the style sheet drops the counts, the weekday names and every other date.
fn svg_daily(r: &Report) -> Markup {
    if r.daily.is_empty() {
        return html! { p { "None." } };
    }
    let n = r.daily.len();
    let (top, plot_h) = (16.0, 140.0);
    let slot = 100.0 / n as f64;
    let max = r.daily.iter().map(|(_, n)| *n).max().unwrap_or(0).max(1);
    let label_every = n.div_ceil(31);
    let show_counts = n <= 62;
    let show_weekdays = n <= 48;
    let base = top + plot_h;
    let pct = |x: f64| format!("{x:.2}%");
    html! {
        svg.days width="100%" height="190" role="img" aria-label="tickets per day" {
            (NL) line stroke="#d0d7de" x1="0%" y1=(c(base + 0.5)) x2="100%" y2=(c(base + 0.5)) {}
            @for (i, (d, count)) in r.daily.iter().enumerate() {
                @let wd = d.weekday().num_days_from_monday() as usize;
                @let x = slot * i as f64;
                @let hgt = plot_h * *count as f64 / max as f64;
                @let fill = if wd >= 5 { "#9dbbe0" } else { "#2f6fb3" };
                @let mid = pct(x + slot / 2.0);
                (NL) g {
                    title { (WEEKDAYS[wd]) " " (d.format("%Y-%m-%d")) ": " (count) }
                    rect fill=(fill) x=(pct(x + slot * 0.12)) y=(c(base - hgt)) width=(pct(slot * 0.76)) height=(c(hgt)) {}
                    @if show_counts && *count > 0 {
                        text.cnt x=(mid) y=(c(base - hgt - 3.0)) text-anchor="middle" { (count) }
                    }
                    @if i % label_every == 0 {
                        @let odd = (i / label_every) % 2 == 1;
                        @if odd {
                            text.odd fill="#59636e" x=(mid) y=(c(base + 13.0)) text-anchor="middle" { (d.day()) }
                        } @else {
                            text fill="#59636e" x=(mid) y=(c(base + 13.0)) text-anchor="middle" { (d.day()) }
                        }
                        @if show_weekdays {
                            text.wd fill="#59636e" x=(mid) y=(c(base + 26.0)) text-anchor="middle" { (&WEEKDAYS[wd][..2]) }
                        }
                    }
                }
            }
            (NL)
        }
    }
}

/// Weekday × hour as a table whose cells are shaded by their count.
fn html_heat(r: &Report) -> Markup {
    let max = heat_max(r);
    // White → #2f6fb3 in proportion to the count.
    let cell_style = |n: u64| {
        let f = n as f64 / max as f64;
        let mix = |full: f64| (255.0 - (255.0 - full) * (0.15 + 0.85 * f)).round() as u8;
        let fg = if f > 0.55 { "#fff" } else { "#1f2328" };
        format!(
            "background:rgb({},{},{});color:{fg}",
            mix(47.0),
            mix(111.0),
            mix(179.0)
        )
    };
    html! {
        table.heat {
            (NL) tr {
                th {}
                @for hour in 0..24 {
                    @if hour % 2 == 1 { th.o { (format!("{hour:02}")) } } @else { th { (format!("{hour:02}")) } }
                }
                th.t { "Total" }
            }
            @for (wd, name) in WEEKDAYS.iter().enumerate() {
                (NL) tr {
                    th { (name) }
                    @for n in r.heat[wd] {
                        @if n == 0 {
                            td.z {}
                        } @else {
                            td style=(cell_style(n)) { (n) }
                        }
                    }
                    td.t { (r.by_weekday.get(WEEKDAY_KEYS[wd])) }
                }
            }
            (NL) tr {
                th.t { "Total" }
                @for (_, n) in r.by_hour.iter() { td.t { (n) } }
                td.t { (r.by_hour.total()) }
            }
            (NL)
        }
    }
}
