//! Renderers of the monthly [`Report`], one file per format: `table` (terminal),
//! `markdown`, `csv`, `html` and `json`; this file holds what they share (the
//! period's title, human units, the breakdowns every human format shows). All
//! are pure functions of the report: the same report gives byte-identical
//! output (no clock, no locale, no hash order).
//!
//! User strings (kinds, categories, channels, orgs, CIs, requesters, agents)
//! never reach the output raw: control characters and bidirectional
//! formatting characters are shown escaped (`\u{1b}`) in every format, and
//! each format adds its own escaping (Markdown punctuation, HTML entities,
//! spreadsheet formulas).

mod csv;
mod html;
mod json;
mod markdown;
mod table;
#[cfg(test)]
mod tests;

pub use csv::render_csv;
pub use html::render_html;
pub use json::render_json;
pub use markdown::render_markdown;
pub use table::render_table;

/// The report in `format`, as `desk report --format` writes it.
pub fn render(
    report: &Report,
    format: ReportFormat,
    w: &mut dyn std::io::Write,
    color: bool,
    width: usize,
) -> std::io::Result<()> {
    match format {
        ReportFormat::Table => render_table(report, w, color, width),
        ReportFormat::Markdown => render_markdown(report, w),
        ReportFormat::Json => render_json(report, w),
        ReportFormat::Csv => render_csv(report, w),
        ReportFormat::Html => render_html(report, w),
    }
}

use chrono::{Datelike, Duration, NaiveDate};

use crate::cli::ReportFormat;
use crate::domain::report::{Counts, NONE_LABEL, Period, Report, round_to};

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];
const WEEKDAYS: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];

/// A user string with every control and bidi character escaped (`\n`, `\t`, `\r`,
/// else `\u{1b}` style), as everywhere else in desk.
pub fn sanitize(s: &str) -> String {
    crate::domain::text::escape(s, false)
}

/// A number exactly as the JSON shows it (`12.0`, `0.3333`).
fn json_num(x: f64) -> String {
    serde_json::to_string(&x).unwrap_or_default()
}

/// A rate (0..1) as a percentage with 1 decimal, half away from zero.
fn pct(rate: f64) -> String {
    format!("{:.1}%", round_to(rate * 100.0, 1))
}

/// A first-contact or escalation rate; "—" when there was nothing to take a share of.
fn share_pct(r: &Report, rate: f64) -> String {
    if r.share_base == 0 {
        "—".to_string()
    } else {
        pct(rate)
    }
}

fn pct_opt(rate: Option<f64>) -> String {
    rate.map_or_else(|| "—".to_string(), pct)
}

/// `count / total` as a percentage, for shares in breakdowns.
fn share(count: u64, total: u64) -> String {
    if total == 0 {
        return "—".to_string();
    }
    pct(count as f64 / total as f64)
}

/// Minutes in human units: `45s`, `35m`, `1h35m`, `2h05m`, `3h`, `26h10m`.
/// Hours are not folded into days: a "day" of service time depends on the
/// calendar.
pub fn human_minutes(minutes: f64) -> String {
    if !minutes.is_finite() {
        return "—".to_string();
    }
    let sign = if minutes < 0.0 { "-" } else { "" };
    let m = minutes.abs();
    if m < 1.0 {
        let secs = round_to(m * 60.0, 0) as i64;
        return match secs {
            0 => "0m".to_string(),
            60 => format!("{sign}1m"),
            s => format!("{sign}{s}s"),
        };
    }
    let total = round_to(m, 0) as i64;
    let (hours, mins) = (total / 60, total % 60);
    match (hours, mins) {
        (0, m) => format!("{sign}{m}m"),
        (h, 0) => format!("{sign}{h}h"),
        (h, m) => format!("{sign}{h}h{m:02}m"),
    }
}

fn human_opt(minutes: Option<f64>) -> String {
    minutes.map_or_else(|| "—".to_string(), human_minutes)
}

fn last_day(p: &Period) -> Option<NaiveDate> {
    (p.to > p.from).then(|| p.to - Duration::days(1))
}

fn is_calendar_month(p: &Period) -> bool {
    p.from.day() == 1 && p.from.checked_add_months(chrono::Months::new(1)) == Some(p.to)
}

/// "March 2024" for a calendar month, else "2024-03-05 – 2024-04-14"
/// (the last day shown inclusive).
pub fn period_title(p: &Period) -> String {
    if is_calendar_month(p) {
        format!("{} {}", MONTHS[p.from.month0() as usize], p.from.year())
    } else {
        match last_day(p) {
            Some(last) if last == p.from => p.from.format("%Y-%m-%d").to_string(),
            Some(last) => format!(
                "{} – {}",
                p.from.format("%Y-%m-%d"),
                last.format("%Y-%m-%d")
            ),
            None => format!("{} (empty period)", p.from.format("%Y-%m-%d")),
        }
    }
}

/// "2024-03-01 – 2024-03-31 · 31 days".
fn period_span(p: &Period) -> String {
    let days = (p.to - p.from).num_days().max(0);
    let unit = if days == 1 { "day" } else { "days" };
    match last_day(p) {
        Some(last) => format!(
            "{} – {} · {days} {unit}",
            p.from.format("%Y-%m-%d"),
            last.format("%Y-%m-%d")
        ),
        None => format!("{} · 0 days", p.from.format("%Y-%m-%d")),
    }
}

/// Breakdown rows for display: most first, ties by name, `(none)` last.
fn by_count(c: &Counts) -> Vec<(&str, u64)> {
    let mut rows: Vec<(&str, u64)> = c.iter().collect();
    rows.sort_by(|a, b| {
        (a.0 == NONE_LABEL)
            .cmp(&(b.0 == NONE_LABEL))
            .then(b.1.cmp(&a.1))
            .then(a.0.cmp(b.0))
    });
    rows
}

/// Breakdown rows in key order (priorities, tiers).
fn by_key(c: &Counts) -> Vec<(&str, u64)> {
    c.iter().collect()
}

/// The breakdowns shown in every human format: title, column name, rows.
/// A titled list of counts: (section title, column name, rows).
type Section<'a> = (&'static str, &'static str, Vec<(&'a str, u64)>);

fn breakdowns(r: &Report) -> Vec<Section<'_>> {
    vec![
        ("Tickets by kind", "Kind", by_count(&r.by_kind)),
        ("Tickets by channel", "Channel", by_count(&r.by_channel)),
        ("Tickets by category", "Category", by_count(&r.by_category)),
        ("Tickets by priority", "Priority", by_key(&r.by_priority)),
        ("Tickets by highest tier", "Tier", by_key(&r.by_tier)),
        (
            "Tickets by organisation",
            "Organisation",
            by_count(&r.by_org),
        ),
    ]
}

fn list(v: &[(String, u64)]) -> Vec<(&str, u64)> {
    v.iter().map(|(k, n)| (k.as_str(), *n)).collect()
}

fn tops(r: &Report) -> [Section<'_>; 2] {
    [
        (
            "Devices and systems with most tickets",
            "CI",
            list(&r.top_ci),
        ),
        (
            "Requesters with most tickets",
            "Requester",
            list(&r.top_requesters),
        ),
    ]
}

/// Hours from the first to the last with any ticket (empty when none).
fn busy_hours(r: &Report) -> std::ops::Range<usize> {
    let counts: Vec<u64> = r.by_hour.iter().map(|(_, n)| n).collect();
    match (
        counts.iter().position(|&n| n > 0),
        counts.iter().rposition(|&n| n > 0),
    ) {
        (Some(a), Some(b)) => a..b + 1,
        _ => 0..0,
    }
}

fn heat_max(r: &Report) -> u64 {
    r.heat.iter().flatten().copied().max().unwrap_or(0)
}

fn scale(n: u64, max: u64, len: usize) -> usize {
    if max == 0 || n == 0 {
        return 0;
    }
    let (n, max, len) = (n as u128, max as u128, len as u128);
    (((n * len * 2 + max) / (2 * max)) as usize).max(1)
}

fn breached_ids(r: &Report, prefix: &str) -> Vec<String> {
    r.sla
        .breached
        .iter()
        .map(|id| format!("{prefix}{id}"))
        .collect()
}

/// "14 → 11 (-3)", or "5 → 5" when unchanged.
fn backlog(r: &Report) -> String {
    let delta = r.backlog_end as i128 - r.backlog_start as i128;
    if delta == 0 {
        format!("{} → {}", r.backlog_start, r.backlog_end)
    } else {
        format!("{} → {} ({delta:+})", r.backlog_start, r.backlog_end)
    }
}

fn plural(n: u64, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}
