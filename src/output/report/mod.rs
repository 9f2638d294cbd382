//! Renderers of the monthly [`Report`]: `table` (terminal), `markdown`,
//! `csv`, `html` and `json`. All are pure functions of the report: the same
//! report gives byte-identical output (no clock, no locale, no hash order).
//!
//! User strings (kinds, categories, channels, orgs, CIs, requesters, agents)
//! never reach the output raw: control characters and bidirectional
//! formatting characters are shown escaped (`\u{1b}`) in every format, and
//! each format adds its own escaping (Markdown punctuation, HTML entities,
//! spreadsheet formulas).

use std::io::{self, Write};

use chrono::{Datelike, Duration, NaiveDate};
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

use crate::domain::report::{
    Counts, MinuteStats, NONE_LABEL, Period, Report, WEEKDAY_KEYS, round_to,
};

// ---------------------------------------------------------------------------
// Shared helpers

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

/// HTML escape for text and attribute values: `& < > " '`.
pub fn html_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

/// A user string for HTML: sanitized, then entity-escaped.
fn h(s: &str) -> String {
    html_escape(&sanitize(s))
}

/// A user string for Markdown: sanitized, then the punctuation that could
/// start markup or break a table cell backslash-escaped.
fn md(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in sanitize(s).chars() {
        if matches!(c, '\\' | '|' | '*' | '_' | '`' | '[' | ']' | '<' | '>') {
            out.push('\\');
        }
        out.push(c);
    }
    out
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

// ---------------------------------------------------------------------------
// table

#[derive(Clone, Copy, PartialEq, Eq)]
enum Style {
    Plain,
    Bold,
    Dim,
    Bar,
    Alert,
}

impl Style {
    fn code(self) -> &'static str {
        match self {
            Style::Plain => "",
            Style::Bold => "\x1b[1m",
            Style::Dim => "\x1b[2m",
            Style::Bar => "\x1b[36m",
            Style::Alert => "\x1b[31m",
        }
    }
}

/// One output line of styled segments, cut to the width when written.
#[derive(Default)]
struct Line(Vec<(String, Style)>);

impl Line {
    fn new() -> Self {
        Line(Vec::new())
    }
    fn s(mut self, text: impl Into<String>, style: Style) -> Self {
        self.0.push((text.into(), style));
        self
    }
    fn p(self, text: impl Into<String>) -> Self {
        self.s(text, Style::Plain)
    }
}

fn width_of(s: &str) -> usize {
    UnicodeWidthStr::width(s)
}

/// The longest prefix of `s` at most `w` columns wide.
fn take_width(s: &str, w: usize) -> String {
    let mut out = String::new();
    let mut used = 0;
    for c in s.chars() {
        let cw = UnicodeWidthChar::width(c).unwrap_or(0);
        if used + cw > w {
            break;
        }
        used += cw;
        out.push(c);
    }
    out
}

/// `s` cut to at most `w` columns, ending in `…` when cut.
fn truncate(s: &str, w: usize) -> String {
    if width_of(s) <= w {
        return s.to_string();
    }
    if w == 0 {
        return String::new();
    }
    let mut out = take_width(s, w - 1);
    out.push('…');
    out
}

fn pad_right(s: &str, w: usize) -> String {
    let t = truncate(s, w);
    let fill = w.saturating_sub(width_of(&t));
    format!("{t}{}", " ".repeat(fill))
}

fn pad_left(s: &str, w: usize) -> String {
    let t = truncate(s, w);
    let fill = w.saturating_sub(width_of(&t));
    format!("{}{t}", " ".repeat(fill))
}

struct Term<'a> {
    w: &'a mut dyn Write,
    color: bool,
    width: usize,
}

impl Term<'_> {
    fn line(&mut self, line: Line) -> io::Result<()> {
        let mut segs = line.0;
        // No trailing blanks.
        while let Some((text, _)) = segs.last_mut() {
            let trimmed = text.trim_end_matches(' ').len();
            text.truncate(trimmed);
            if text.is_empty() {
                segs.pop();
            } else {
                break;
            }
        }
        let total: usize = segs.iter().map(|(t, _)| width_of(t)).sum();
        let cut = total > self.width;
        // Room for the text when cut: one column is kept for the "…".
        let mut room = if cut { self.width - 1 } else { total };
        let mut out = String::new();
        for (text, style) in &segs {
            if room == 0 {
                break;
            }
            let piece = take_width(text, room);
            room -= width_of(&piece);
            if self.color && *style != Style::Plain && !piece.is_empty() {
                out.push_str(style.code());
                out.push_str(&piece);
                out.push_str("\x1b[0m");
            } else {
                out.push_str(&piece);
            }
            if piece.len() < text.len() {
                break;
            }
        }
        if cut {
            out.push('…');
        }
        out.push('\n');
        self.w.write_all(out.as_bytes())
    }

    /// `first` followed by `parts` joined with `sep`, continuing on new
    /// lines indented by `indent` columns when the width runs out.
    fn wrapped(
        &mut self,
        indent: usize,
        first: Line,
        parts: Vec<Line>,
        sep: &str,
    ) -> io::Result<()> {
        let line_width = |l: &Line| l.0.iter().map(|(t, _)| width_of(t)).sum::<usize>();
        let mut current = first;
        let mut has_part = false;
        for part in parts {
            let used = line_width(&current);
            if has_part && used + width_of(sep) + line_width(&part) > self.width {
                self.line(std::mem::replace(
                    &mut current,
                    Line::new().p(" ".repeat(indent)),
                ))?;
                has_part = false;
            }
            if has_part {
                current = current.p(sep);
            }
            current.0.extend(part.0);
            has_part = true;
        }
        self.line(current)
    }

    fn blank(&mut self) -> io::Result<()> {
        self.w.write_all(b"\n")
    }

    fn heading(&mut self, title: &str) -> io::Result<()> {
        self.blank()?;
        self.line(Line::new().s(title, Style::Bold))
    }
}

/// Render the report for a terminal, at most `width` columns wide (widths
/// below 40 are treated as 40; layouts stop growing at 100).
pub fn render_table(r: &Report, w: &mut dyn Write, color: bool, width: usize) -> io::Result<()> {
    let width = width.max(40);
    let layout = width.min(100);
    let mut t = Term { w, color, width };

    t.line(Line::new().s(
        format!(
            "Service desk report · {}{}",
            period_title(&r.period),
            r.org
                .as_deref()
                .map(|o| format!(" · {}", crate::domain::text::escape(o, false)))
                .unwrap_or_default()
        ),
        Style::Bold,
    ))?;
    t.line(Line::new().s(period_span(&r.period), Style::Dim))?;

    // Headline figures.
    t.heading("Summary")?;
    let label_w = 19;
    let row = |label: &str| Line::new().p(format!("  {}", pad_right(label, label_w)));
    t.line(row("Created").p(r.created.to_string()))?;
    t.line(row("Resolved").p(r.resolved.to_string()))?;
    t.line(row("Reopened").p(r.reopened.to_string()))?;
    t.line(row("Backlog").p(backlog(r)))?;
    let tickets = |n: u64| {
        if n == 1 {
            "1 ticket".to_string()
        } else {
            format!("{n} tickets")
        }
    };
    t.line(row("First contact").p(format!(
        "{} ({})",
        share_pct(r, r.first_contact.rate),
        tickets(r.first_contact.count)
    )))?;
    t.line(row("Escalated").p(format!(
        "{} ({})",
        share_pct(r, r.escalated.rate),
        tickets(r.escalated.count)
    )))?;
    let met = vec![
        Line::new().p(format!("response {}", pct_opt(r.sla.response_met))),
        Line::new().p(format!("resolution {}", pct_opt(r.sla.resolution_met))),
    ];
    t.wrapped(2 + label_w, row("SLA met"), met, " · ")?;
    let breached = r.sla.breached.len() as u64;
    let style = if breached > 0 {
        Style::Alert
    } else {
        Style::Plain
    };
    let mut line = row("SLA breached").s(tickets(breached), style);
    if breached > 0 {
        line = line.p(format!(": {}", breached_ids(r, "#").join(" ")));
    }
    t.line(line)?;
    let stats = |s: &MinuteStats| -> Vec<Line> {
        if s.median.is_none() {
            vec![Line::new().p("—")]
        } else {
            vec![
                Line::new().p(format!("median {}", human_opt(s.median))),
                Line::new().p(format!("p90 {}", human_opt(s.p90))),
                Line::new().p(format!("mean {}", human_opt(s.mean))),
            ]
        }
    };
    let indent = 2 + label_w;
    t.wrapped(
        indent,
        row("Response time"),
        stats(&r.response_minutes),
        " · ",
    )?;
    t.wrapped(
        indent,
        row("Resolution time"),
        stats(&r.resolution_minutes),
        " · ",
    )?;
    t.line(row("Time logged").p(human_minutes(r.time_spent as f64)))?;
    let kb = vec![
        Line::new().p(plural(r.kb.articles_created, "new article", "new articles")),
        Line::new().p(format!(
            "{} resolved with an article",
            tickets(r.kb.resolved_with_article)
        )),
    ];
    t.wrapped(indent, row("Knowledge base"), kb, " · ")?;
    let note = [
        "Times are service time;",
        "rates are of tickets",
        "not cancelled.",
    ];
    let note = note.iter().map(|s| Line::new().s(*s, Style::Dim)).collect();
    t.wrapped(2, Line::new().p("  "), note, " ")?;

    // Breakdowns.
    for (title, _, rows) in breakdowns(r) {
        t.heading(title)?;
        bar_list(&mut t, layout, &rows, Some(r.created))?;
    }
    for (title, _, rows) in tops(r) {
        t.heading(title)?;
        bar_list(&mut t, layout, &rows, None)?;
    }

    // Agents.
    t.heading("Agents")?;
    if r.by_agent.is_empty() {
        t.line(Line::new().s("  (none)", Style::Dim))?;
    } else {
        let name_w = r
            .by_agent
            .keys()
            .map(|k| width_of(&sanitize(k)))
            .chain([5])
            .max()
            .unwrap_or(5)
            .min(layout / 3);
        t.line(Line::new().s(
            format!(
                "  {}  {}  {}  {}",
                pad_right("Agent", name_w),
                pad_left("Resolved", 8),
                pad_left("Median resolution", 17),
                pad_left("Time logged", 11)
            ),
            Style::Dim,
        ))?;
        for (name, a) in &r.by_agent {
            t.line(Line::new().p(format!(
                "  {}  {}  {}  {}",
                pad_right(&sanitize(name), name_w),
                pad_left(&a.resolved.to_string(), 8),
                pad_left(&human_opt(a.median_resolution_minutes), 17),
                pad_left(&human_minutes(a.time_spent as f64), 11)
            )))?;
        }
    }

    // Volume per day.
    t.heading("Tickets per day")?;
    daily_chart(&mut t, r, layout)?;

    // Weekday × hour.
    t.heading("Tickets by weekday and hour")?;
    heat_map(&mut t, r, layout)?;

    t.heading("Tickets by hour of day")?;
    let hours = busy_hours(r);
    if hours.is_empty() {
        t.line(Line::new().s("  (none)", Style::Dim))?;
    } else {
        let rows: Vec<(String, u64)> = r
            .by_hour
            .iter()
            .skip(hours.start)
            .take(hours.len())
            .map(|(k, n)| (format!("{k:0>2}:00"), n))
            .collect();
        let rows: Vec<(&str, u64)> = rows.iter().map(|(k, n)| (k.as_str(), *n)).collect();
        bar_list(&mut t, layout, &rows, Some(r.created))?;
        if hours.len() < 24 {
            t.line(Line::new().s("  No tickets at other hours.", Style::Dim))?;
        }
    }

    if !r.sla.breached.is_empty() {
        t.heading("SLA breached")?;
        wrap_words(&mut t, &breached_ids(r, "#"), layout)?;
    }
    Ok(())
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

fn wrap_words(t: &mut Term<'_>, words: &[String], layout: usize) -> io::Result<()> {
    let mut line = String::from(" ");
    for word in words {
        if width_of(&line) + 1 + width_of(word) > layout && line.len() > 1 {
            t.line(Line::new().p(std::mem::replace(&mut line, String::from(" "))))?;
        }
        line.push(' ');
        line.push_str(word);
    }
    t.line(Line::new().p(line))
}

/// The longest bar of a breakdown, and of the per-day chart.
const MAX_BAR: usize = 40;
const MAX_DAY_BAR: usize = 50;

/// `  label  count  share  ████` rows; `total` adds the share column.
fn bar_list(
    t: &mut Term<'_>,
    layout: usize,
    rows: &[(&str, u64)],
    total: Option<u64>,
) -> io::Result<()> {
    if rows.is_empty() {
        return t.line(Line::new().s("  (none)", Style::Dim));
    }
    let labels: Vec<String> = rows.iter().map(|(k, _)| sanitize(k)).collect();
    let cap = (layout / 3).max(10);
    let label_w = labels
        .iter()
        .map(|l| width_of(l))
        .max()
        .unwrap_or(0)
        .min(cap);
    let max = rows.iter().map(|(_, n)| *n).max().unwrap_or(0);
    let count_w = max.to_string().len();
    let share_w = if total.is_some() { 8 } else { 0 };
    let avail = layout
        .saturating_sub(2 + label_w + 2 + count_w + share_w + 2)
        .clamp(1, MAX_BAR);
    for (label, (key, n)) in labels.iter().zip(rows) {
        let style = if *key == NONE_LABEL || *n == 0 {
            Style::Dim
        } else {
            Style::Plain
        };
        let mut line = Line::new()
            .p("  ")
            .s(pad_right(label, label_w), style)
            .p(format!("  {}", pad_left(&n.to_string(), count_w)));
        if let Some(total) = total {
            line = line.p(format!("  {}", pad_left(&share(*n, total), 6)));
        }
        line = line
            .p("  ")
            .s("█".repeat(scale(*n, max, avail)), Style::Bar);
        t.line(line)?;
    }
    Ok(())
}

/// One line per date: `Mon 04 ████ 12`.
fn daily_chart(t: &mut Term<'_>, r: &Report, layout: usize) -> io::Result<()> {
    if r.daily.is_empty() {
        return t.line(Line::new().s("  (none)", Style::Dim));
    }
    let one_month = r
        .daily
        .first()
        .zip(r.daily.last())
        .is_some_and(|((a, _), (b, _))| (a.year(), a.month()) == (b.year(), b.month()));
    let max = r.daily.iter().map(|(_, n)| *n).max().unwrap_or(0);
    let count_w = max.to_string().len();
    let label_w = if one_month { 6 } else { 9 };
    let avail = layout
        .saturating_sub(2 + label_w + 1 + 1 + count_w)
        .clamp(1, MAX_DAY_BAR);
    for (d, n) in &r.daily {
        let wd = d.weekday().num_days_from_monday() as usize;
        let label = if one_month {
            format!("{} {}", WEEKDAYS[wd], d.format("%d"))
        } else {
            format!("{} {}", WEEKDAYS[wd], d.format("%m-%d"))
        };
        let style = if wd >= 5 { Style::Dim } else { Style::Plain };
        let bar = "█".repeat(scale(*n, max, avail));
        let sep = if bar.is_empty() { "" } else { " " };
        t.line(
            Line::new()
                .p("  ")
                .s(label, style)
                .p(" ")
                .s(bar, Style::Bar)
                .p(format!("{sep}{n}")),
        )?;
    }
    Ok(())
}

const SHADES: [char; 5] = [' ', '░', '▒', '▓', '█'];

/// Shade level 0..=4 of a count: 0 for none, else ceil(4·n / max).
fn shade_level(n: u64, max: u64) -> usize {
    if n == 0 || max == 0 {
        0
    } else {
        ((4 * n as u128).div_ceil(max as u128) as usize).clamp(1, 4)
    }
}

fn heat_map(t: &mut Term<'_>, r: &Report, layout: usize) -> io::Result<()> {
    let max = heat_max(r);
    let row_total_w = r.by_weekday.max().to_string().len().max(3);
    // Cell width 3, 2 or 1 column(s), whichever fits; hour labels every
    // 1, 2 or 3 hours accordingly.
    let fixed = 2 + 3 + 1 + 2 + 1 + row_total_w; // "  Mon │" … "│ 123"
    let cell = (1..=3)
        .rev()
        .find(|c| fixed + 24 * c <= layout)
        .unwrap_or(1);
    let step = match cell {
        3 => 1,
        2 => 2,
        _ => 3,
    };
    let mut header = String::from("       ");
    for hour in (0..24).step_by(step) {
        header.push_str(&pad_right(&hour.to_string(), cell * step));
    }
    t.line(Line::new().s(header, Style::Dim))?;
    t.line(Line::new().p(format!("      ┌{}┐", "─".repeat(24 * cell))))?;
    for (wd, name) in WEEKDAYS.iter().enumerate() {
        let style = if wd >= 5 { Style::Dim } else { Style::Plain };
        let mut line = Line::new().p("  ").s(*name, style).p(" │");
        for hour in 0..24 {
            let c = SHADES[shade_level(r.heat[wd][hour], max)];
            line = line.s(c.to_string().repeat(cell), Style::Bar);
        }
        let total = r.by_weekday.get(WEEKDAY_KEYS[wd]);
        line = line.p("│ ").p(pad_left(&total.to_string(), row_total_w));
        t.line(line)?;
    }
    t.line(Line::new().p(format!("      └{}┘", "─".repeat(24 * cell))))?;
    // Legend: the count range of each shade.
    let mut parts = Vec::new();
    for level in 1..=4u64 {
        let lo = (level - 1) * max / 4 + 1;
        let hi = level * max / 4;
        if max == 0 || lo > hi {
            continue;
        }
        let range = if lo == hi {
            lo.to_string()
        } else {
            format!("{lo}–{hi}")
        };
        parts.push(
            Line::new()
                .s(SHADES[level as usize].to_string(), Style::Bar)
                .s(format!(" {range}"), Style::Dim),
        );
    }
    if parts.is_empty() {
        parts.push(Line::new().s("none", Style::Dim));
    }
    let first = Line::new().s("  Tickets in the hour:", Style::Dim).p(" ");
    t.wrapped(4, first, parts, "  ")?;
    t.line(Line::new().s("  Right: tickets per weekday.", Style::Dim))
}

// ---------------------------------------------------------------------------
// markdown

/// Render the report as GitHub-flavoured Markdown for an email or a wiki.
pub fn render_markdown(r: &Report, w: &mut dyn Write) -> io::Result<()> {
    let mut o = String::new();
    let title = period_title(&r.period);
    let org = r
        .org
        .as_deref()
        .map(|o| format!(" · {}", md(o)))
        .unwrap_or_default();
    o.push_str(&format!("# Service desk report: {title}{org}\n\n"));
    o.push_str(&format!("{}\n\n", period_span(&r.period)));

    o.push_str("## Summary\n\n");
    let tickets = |n: u64| {
        if n == 1 {
            "1 ticket".to_string()
        } else {
            format!("{n} tickets")
        }
    };
    let items = [
        ("Created", r.created.to_string()),
        ("Resolved", r.resolved.to_string()),
        ("Reopened", r.reopened.to_string()),
        ("Backlog", backlog(r)),
        (
            "First contact",
            format!(
                "{} ({})",
                share_pct(r, r.first_contact.rate),
                tickets(r.first_contact.count)
            ),
        ),
        (
            "Escalated",
            format!(
                "{} ({})",
                share_pct(r, r.escalated.rate),
                tickets(r.escalated.count)
            ),
        ),
        (
            "SLA met",
            format!(
                "response {}, resolution {}",
                pct_opt(r.sla.response_met),
                pct_opt(r.sla.resolution_met)
            ),
        ),
        ("SLA breached", {
            let n = r.sla.breached.len() as u64;
            if n == 0 {
                tickets(0)
            } else {
                // Plain ids: "#4" would link to issues on GitHub.
                format!("{} (ids {})", tickets(n), breached_ids(r, "").join(", "))
            }
        }),
        ("Response time", md_stats(&r.response_minutes)),
        ("Resolution time", md_stats(&r.resolution_minutes)),
        ("Time logged", human_minutes(r.time_spent as f64)),
        (
            "Knowledge base",
            format!(
                "{}, {} resolved with an article",
                plural(r.kb.articles_created, "new article", "new articles"),
                tickets(r.kb.resolved_with_article)
            ),
        ),
    ];
    for (k, v) in items {
        o.push_str(&format!("- **{k}:** {v}\n"));
    }
    o.push_str(
        "\nTimes are service time (within service hours); rates are of tickets not cancelled.\n",
    );

    for (title, column, rows) in breakdowns(r) {
        o.push_str(&format!("\n## {title}\n\n"));
        md_counts(&mut o, column, &rows, Some(r.created));
    }
    for (title, column, rows) in tops(r) {
        o.push_str(&format!("\n## {title}\n\n"));
        md_counts(&mut o, column, &rows, None);
    }

    o.push_str("\n## Agents\n\n");
    if r.by_agent.is_empty() {
        o.push_str("None.\n");
    } else {
        o.push_str("| Agent | Resolved | Median resolution | Time logged |\n");
        o.push_str("| :--- | ---: | ---: | ---: |\n");
        for (name, a) in &r.by_agent {
            o.push_str(&format!(
                "| {} | {} | {} | {} |\n",
                md(name),
                a.resolved,
                human_opt(a.median_resolution_minutes),
                human_minutes(a.time_spent as f64)
            ));
        }
    }

    o.push_str("\n## Tickets per day\n\n");
    if r.daily.is_empty() {
        o.push_str("None.\n");
    } else {
        let max = r.daily.iter().map(|(_, n)| *n).max().unwrap_or(0);
        o.push_str("| Date | Day | Tickets | |\n| :--- | :--- | ---: | :--- |\n");
        for (d, n) in &r.daily {
            let wd = WEEKDAYS[d.weekday().num_days_from_monday() as usize];
            o.push_str(&format!(
                "| {} | {wd} | {n} | {} |\n",
                d.format("%Y-%m-%d"),
                "█".repeat(scale(*n, max, 20))
            ));
        }
    }
    if !is_calendar_month(&r.period) && !r.by_day.is_empty() {
        o.push_str("\n## Tickets by day of month\n\n");
        let rows: Vec<(&str, u64)> = r.by_day.iter().collect();
        md_counts(&mut o, "Day", &rows, Some(r.created));
    }

    o.push_str("\n## Tickets by weekday and hour\n\n");
    o.push_str("| |");
    for hour in 0..24 {
        o.push_str(&format!(" {hour:02} |"));
    }
    o.push_str(" Total |\n| :--- |");
    o.push_str(&" ---: |".repeat(25));
    o.push('\n');
    for (wd, name) in WEEKDAYS.iter().enumerate() {
        o.push_str(&format!("| {name} |"));
        for n in r.heat[wd] {
            if n == 0 {
                o.push_str(" · |");
            } else {
                o.push_str(&format!(" {n} |"));
            }
        }
        o.push_str(&format!(" {} |\n", r.by_weekday.get(WEEKDAY_KEYS[wd])));
    }
    o.push_str("| Total |");
    for (_, n) in r.by_hour.iter() {
        o.push_str(&format!(" {n} |"));
    }
    o.push_str(&format!(" {} |\n", r.by_hour.total()));
    w.write_all(o.as_bytes())
}

fn md_stats(s: &MinuteStats) -> String {
    if s.median.is_none() {
        return "—".to_string();
    }
    format!(
        "median {}, p90 {}, mean {}",
        human_opt(s.median),
        human_opt(s.p90),
        human_opt(s.mean)
    )
}

fn md_counts(o: &mut String, column: &str, rows: &[(&str, u64)], total: Option<u64>) {
    if rows.is_empty() {
        o.push_str("None.\n");
        return;
    }
    match total {
        Some(_) => o.push_str(&format!(
            "| {column} | Tickets | Share |\n| :--- | ---: | ---: |\n"
        )),
        None => o.push_str(&format!("| {column} | Tickets |\n| :--- | ---: |\n")),
    }
    for (k, n) in rows {
        match total {
            Some(total) => o.push_str(&format!("| {} | {n} | {} |\n", md(k), share(*n, total))),
            None => o.push_str(&format!("| {} | {n} |\n", md(k))),
        }
    }
}

// ---------------------------------------------------------------------------
// csv

/// Guard a user string against spreadsheet formula injection: a leading
/// `= + - @` gets an apostrophe in front.
fn csv_text(s: &str) -> String {
    let s = sanitize(s);
    if s.starts_with(['=', '+', '-', '@']) {
        format!("'{s}")
    } else {
        s
    }
}

/// A csv error as the I/O error it wraps (so a closed pipe stays
/// `BrokenPipe` for the caller), else as an other error.
fn csv_error(e: csv::Error) -> io::Error {
    match e.into_kind() {
        csv::ErrorKind::Io(e) => e,
        other => io::Error::other(format!("{other:?}")),
    }
}

/// Render the report as `section,key,value` rows, one per figure of the
/// JSON (nulls as empty values).
pub fn render_csv(r: &Report, w: &mut dyn Write) -> io::Result<()> {
    fn row(
        out: &mut csv::Writer<&mut dyn Write>,
        section: &str,
        key: &str,
        value: String,
    ) -> io::Result<()> {
        out.write_record([section, key, value.as_str()])
            .map_err(csv_error)
    }
    let opt = |x: Option<f64>| x.map(json_num).unwrap_or_default();
    let mut out = csv::Writer::from_writer(w);
    let o = &mut out;
    row(o, "section", "key", "value".into())?;
    row(
        o,
        "period",
        "from",
        r.period.from.format("%Y-%m-%d").to_string(),
    )?;
    row(
        o,
        "period",
        "to",
        r.period.to.format("%Y-%m-%d").to_string(),
    )?;
    row(o, "summary", "created", r.created.to_string())?;
    row(o, "summary", "resolved", r.resolved.to_string())?;
    row(o, "summary", "reopened", r.reopened.to_string())?;
    row(o, "summary", "backlog_start", r.backlog_start.to_string())?;
    row(o, "summary", "backlog_end", r.backlog_end.to_string())?;
    for (section, counts) in [
        ("by_kind", &r.by_kind),
        ("by_category", &r.by_category),
        ("by_channel", &r.by_channel),
        ("by_priority", &r.by_priority),
        ("by_org", &r.by_org),
        ("by_tier", &r.by_tier),
    ] {
        for (k, n) in counts.iter() {
            row(o, section, &csv_text(k), n.to_string())?;
        }
    }
    for (section, s) in [
        ("first_contact", &r.first_contact),
        ("escalated", &r.escalated),
    ] {
        row(o, section, "count", s.count.to_string())?;
        row(o, section, "rate", json_num(s.rate))?;
    }
    for (section, s) in [
        ("response_minutes", &r.response_minutes),
        ("resolution_minutes", &r.resolution_minutes),
    ] {
        row(o, section, "mean", opt(s.mean))?;
        row(o, section, "median", opt(s.median))?;
        row(o, section, "p90", opt(s.p90))?;
    }
    row(o, "sla", "response_met", opt(r.sla.response_met))?;
    row(o, "sla", "resolution_met", opt(r.sla.resolution_met))?;
    // The id list is always quoted (`"4 9 12"`) so that a spreadsheet keeps
    // it as one text cell; it holds only digits and spaces.
    let inner = out.into_inner().map_err(|e| e.into_error())?;
    writeln!(inner, "sla,breached,\"{}\"", breached_ids(r, "").join(" "))?;
    let mut out = csv::Writer::from_writer(inner);
    let o = &mut out;
    for (section, counts) in [
        ("by_weekday", &r.by_weekday),
        ("by_hour", &r.by_hour),
        ("by_day", &r.by_day),
    ] {
        for (k, n) in counts.iter() {
            row(o, section, k, n.to_string())?;
        }
    }
    for (section, list) in [("top_ci", &r.top_ci), ("top_requesters", &r.top_requesters)] {
        for (k, n) in list {
            row(o, section, &csv_text(k), n.to_string())?;
        }
    }
    for (name, a) in &r.by_agent {
        let name = csv_text(name);
        row(
            o,
            "by_agent",
            &format!("{name}.resolved"),
            a.resolved.to_string(),
        )?;
        row(
            o,
            "by_agent",
            &format!("{name}.median_resolution_minutes"),
            opt(a.median_resolution_minutes),
        )?;
        row(
            o,
            "by_agent",
            &format!("{name}.time_spent"),
            a.time_spent.to_string(),
        )?;
    }
    row(
        o,
        "kb",
        "articles_created",
        r.kb.articles_created.to_string(),
    )?;
    row(
        o,
        "kb",
        "resolved_with_article",
        r.kb.resolved_with_article.to_string(),
    )?;
    row(o, "summary", "time_spent", r.time_spent.to_string())?;
    out.flush()
}

// ---------------------------------------------------------------------------
// json

/// The spec's JSON, pretty-printed, with a final newline.
pub fn render_json(r: &Report, w: &mut dyn Write) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *w, r).map_err(io::Error::from)?;
    w.write_all(b"\n")
}

// ---------------------------------------------------------------------------
// html

const CSS: &str = r#"
:root { --ink: #1f2328; --muted: #59636e; --line: #d0d7de; --bar: #2f6fb3; --alert: #b42318; }
* { box-sizing: border-box; }
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; color: var(--ink); background: #fff; max-width: 62rem; margin: 2rem auto; padding: 0 1rem; }
h1 { font-size: 1.6rem; margin: 0 0 .2rem; }
h2 { font-size: 1.1rem; margin: 0 0 .5rem; }
.period, .note, footer { color: var(--muted); }
.period { margin: 0 0 1.5rem; }
section { margin: 2rem 0 0; break-inside: avoid; page-break-inside: avoid; }
.cards { display: grid; grid-template-columns: repeat(auto-fill, minmax(10.5rem, 1fr)); gap: .6rem; }
.card { border: 1px solid var(--line); border-radius: 6px; padding: .5rem .75rem; break-inside: avoid; }
.card .v { font-size: 1.45rem; font-weight: 600; font-variant-numeric: tabular-nums; }
.card .k { color: var(--muted); font-size: .8rem; }
.card .d { font-size: .8rem; }
.card.alert .v { color: var(--alert); }
.grid { display: grid; grid-template-columns: repeat(auto-fit, minmax(24rem, 1fr)); gap: 0 2rem; }
table { border-collapse: collapse; margin: 0 0 .5rem; }
th, td { padding: .15rem .6rem .15rem 0; border-bottom: 1px solid var(--line); text-align: left; vertical-align: top; }
th { font-weight: 600; color: var(--muted); font-size: .85rem; }
.n { text-align: right; font-variant-numeric: tabular-nums; }
td.bar { width: 8rem; }
td.bar span { display: block; height: .7rem; margin-top: .3rem; background: var(--bar); }
svg { display: block; max-width: 100%; height: auto; margin: 0 0 .5rem; }
svg text { font: 11px system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; }
table.heat td, table.heat th { text-align: center; padding: .15em .1em; min-width: 1.9em; font-size: .75em; border: 1px solid #fff; }
table.heat td.z { background: #f6f8fa; }
table.heat td.t, table.heat th.t { text-align: right; padding-left: .4rem; font-weight: 600; }
.ids { font-variant-numeric: tabular-nums; word-spacing: .3rem; }
footer { margin: 2.5rem 0 0; font-size: .8rem; border-top: 1px solid var(--line); padding-top: .5rem; }
@page { size: A4; margin: 14mm; }
@media print {
  body { max-width: none; margin: 0; padding: 0; font-size: 10pt; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  section { margin-top: 1.2rem; }
}
"#;

/// Coordinates with one decimal, always the same text for the same value.
fn c(x: f64) -> String {
    format!("{x:.1}")
}

/// Render the report as one self-contained HTML5 page: inline CSS and SVG,
/// nothing fetched, every user string escaped.
pub fn render_html(r: &Report, w: &mut dyn Write) -> io::Result<()> {
    let mut o = String::new();
    let title = format!(
        "Service desk report: {}{}",
        period_title(&r.period),
        r.org
            .as_deref()
            .map(|o| format!(" · {o}"))
            .unwrap_or_default()
    );
    o.push_str("<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
    o.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    o.push_str(&format!("<title>{}</title>\n", html_escape(&title)));
    o.push_str(&format!("<style>{CSS}</style>\n</head>\n<body>\n"));
    o.push_str(&format!(
        "<header>\n<h1>{}</h1>\n<p class=\"period\">{}</p>\n</header>\n",
        html_escape(&title),
        html_escape(&period_span(&r.period))
    ));

    // Headline cards.
    let tickets = |n: u64| {
        if n == 1 {
            "1 ticket".to_string()
        } else {
            format!("{n} tickets")
        }
    };
    let delta = r.backlog_end as i128 - r.backlog_start as i128;
    let stat_detail = |s: &MinuteStats| {
        if s.median.is_none() {
            "no tickets".to_string()
        } else {
            format!("p90 {} · mean {}", human_opt(s.p90), human_opt(s.mean))
        }
    };
    let breached = r.sla.breached.len() as u64;
    let cards: Vec<(&str, String, String, bool)> = vec![
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
    o.push_str("<section class=\"cards\">\n");
    for (k, v, d, alert) in cards {
        let class = if alert { "card alert" } else { "card" };
        o.push_str(&format!(
            "<div class=\"{class}\"><div class=\"k\">{}</div><div class=\"v\">{}</div><div class=\"d\">{}</div></div>\n",
            html_escape(k),
            html_escape(&v),
            html_escape(&d)
        ));
    }
    o.push_str("</section>\n<p class=\"note\">Times are service time (within service hours); rates are of tickets not cancelled.</p>\n");

    // Volume per day.
    o.push_str("<section>\n<h2>Tickets per day</h2>\n");
    svg_daily(&mut o, r);
    o.push_str("</section>\n");

    // Heat map.
    o.push_str("<section>\n<h2>Tickets by weekday and hour</h2>\n");
    html_heat(&mut o, r);
    o.push_str("</section>\n");

    // Breakdowns.
    o.push_str("<div class=\"grid\">\n");
    for (title, column, rows) in breakdowns(r) {
        o.push_str(&format!("<section>\n<h2>{}</h2>\n", html_escape(title)));
        if matches!(column, "Kind" | "Channel") {
            svg_bars(&mut o, &rows, r.created);
        }
        html_counts(&mut o, column, &rows, Some(r.created));
        o.push_str("</section>\n");
    }
    for (title, column, rows) in tops(r) {
        o.push_str(&format!("<section>\n<h2>{}</h2>\n", html_escape(title)));
        html_counts(&mut o, column, &rows, None);
        o.push_str("</section>\n");
    }
    o.push_str("</div>\n");

    // Times and SLA.
    o.push_str("<section>\n<h2>Response and resolution times (service time)</h2>\n");
    o.push_str("<table>\n<tr><th></th><th class=\"n\">Mean</th><th class=\"n\">Median</th><th class=\"n\">p90</th><th class=\"n\">SLA met</th></tr>\n");
    for (name, s, met) in [
        ("Response", &r.response_minutes, r.sla.response_met),
        ("Resolution", &r.resolution_minutes, r.sla.resolution_met),
    ] {
        o.push_str(&format!(
            "<tr><td>{name}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td></tr>\n",
            html_escape(&human_opt(s.mean)),
            html_escape(&human_opt(s.median)),
            html_escape(&human_opt(s.p90)),
            html_escape(&pct_opt(met))
        ));
    }
    o.push_str("</table>\n");
    if r.sla.breached.is_empty() {
        o.push_str("<p>No ticket breached its SLA.</p>\n");
    } else {
        o.push_str(&format!(
            "<p>Breached ({}): <span class=\"ids\">{}</span></p>\n",
            breached,
            html_escape(&breached_ids(r, "#").join(" "))
        ));
    }
    o.push_str("</section>\n");

    // Agents.
    o.push_str("<section>\n<h2>Agents</h2>\n");
    if r.by_agent.is_empty() {
        o.push_str("<p>None.</p>\n");
    } else {
        o.push_str("<table>\n<tr><th>Agent</th><th class=\"n\">Resolved</th><th class=\"n\">Median resolution</th><th class=\"n\">Time logged</th></tr>\n");
        for (name, a) in &r.by_agent {
            o.push_str(&format!(
                "<tr><td>{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td></tr>\n",
                h(name),
                a.resolved,
                html_escape(&human_opt(a.median_resolution_minutes)),
                html_escape(&human_minutes(a.time_spent as f64))
            ));
        }
        o.push_str("</table>\n");
    }
    o.push_str("</section>\n");

    if !is_calendar_month(&r.period) && !r.by_day.is_empty() {
        o.push_str("<section>\n<h2>Tickets by day of month</h2>\n");
        let rows: Vec<(&str, u64)> = r.by_day.iter().collect();
        html_counts(&mut o, "Day", &rows, Some(r.created));
        o.push_str("</section>\n");
    }

    o.push_str("<footer>Generated by desk.</footer>\n</body>\n</html>\n");
    w.write_all(o.as_bytes())
}

fn html_counts(o: &mut String, column: &str, rows: &[(&str, u64)], total: Option<u64>) {
    if rows.is_empty() {
        o.push_str("<p>None.</p>\n");
        return;
    }
    let max = rows.iter().map(|(_, n)| *n).max().unwrap_or(0);
    o.push_str(&format!(
        "<table>\n<tr><th>{}</th><th class=\"n\">Tickets</th>",
        html_escape(column)
    ));
    if total.is_some() {
        o.push_str("<th class=\"n\">Share</th>");
    }
    o.push_str("<th></th></tr>\n");
    for (k, n) in rows {
        o.push_str(&format!("<tr><td>{}</td><td class=\"n\">{n}</td>", h(k)));
        if let Some(total) = total {
            o.push_str(&format!("<td class=\"n\">{}</td>", share(*n, total)));
        }
        let wpct = if max == 0 {
            0.0
        } else {
            *n as f64 * 100.0 / max as f64
        };
        o.push_str(&format!(
            "<td class=\"bar\"><span style=\"width:{}%\"></span></td></tr>\n",
            c(wpct)
        ));
    }
    o.push_str("</table>\n");
}

/// Horizontal bar chart: label, bar, count and share.
fn svg_bars(o: &mut String, rows: &[(&str, u64)], total: u64) {
    if rows.is_empty() {
        return;
    }
    let (label_w, bar_w, row_h) = (130.0, 230.0, 20.0);
    let width = label_w + bar_w + 90.0;
    let height = row_h * rows.len() as f64 + 4.0;
    let max = rows.iter().map(|(_, n)| *n).max().unwrap_or(0).max(1);
    o.push_str(&format!(
        "<svg viewBox=\"0 0 {} {}\" width=\"{}\" height=\"{}\" role=\"img\" aria-label=\"bar chart\">\n",
        c(width),
        c(height),
        c(width),
        c(height)
    ));
    for (i, (k, n)) in rows.iter().enumerate() {
        let y = 2.0 + row_h * i as f64;
        let label = sanitize(k);
        let short: String = if label.chars().count() > 20 {
            label.chars().take(19).chain(['…']).collect()
        } else {
            label.clone()
        };
        let len = bar_w * *n as f64 / max as f64;
        o.push_str(&format!(
            "<g><title>{}: {n}</title><text x=\"{}\" y=\"{}\" text-anchor=\"end\">{}</text><rect fill=\"#2f6fb3\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\"/><text x=\"{}\" y=\"{}\">{n} · {}</text></g>\n",
            html_escape(&label),
            c(label_w - 6.0),
            c(y + 14.0),
            html_escape(&short),
            c(label_w),
            c(y + 3.0),
            c(len),
            c(row_h - 6.0),
            c(label_w + len + 5.0),
            c(y + 14.0),
            share(*n, total)
        ));
    }
    o.push_str("</svg>\n");
}

/// Vertical bars, one per date; weekends lighter; counts above the bars.
fn svg_daily(o: &mut String, r: &Report) {
    if r.daily.is_empty() {
        o.push_str("<p>None.</p>\n");
        return;
    }
    let n = r.daily.len();
    let (left, top, plot_h, bottom) = (8.0, 16.0, 140.0, 34.0);
    let slot = (880.0 / n as f64).clamp(3.0, 28.0);
    let width = left * 2.0 + slot * n as f64;
    let height = top + plot_h + bottom;
    let max = r.daily.iter().map(|(_, n)| *n).max().unwrap_or(0).max(1);
    let label_every = (n as f64 * 28.0 / 880.0).ceil().max(1.0) as usize;
    let show_counts = slot >= 14.0;
    o.push_str(&format!(
        "<svg viewBox=\"0 0 {} {}\" width=\"{}\" height=\"{}\" role=\"img\" aria-label=\"tickets per day\">\n",
        c(width),
        c(height),
        c(width),
        c(height)
    ));
    let base = top + plot_h;
    o.push_str(&format!(
        "<line stroke=\"#d0d7de\" x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\"/>\n",
        c(left),
        c(base + 0.5),
        c(width - left),
        c(base + 0.5)
    ));
    for (i, (d, count)) in r.daily.iter().enumerate() {
        let wd = d.weekday().num_days_from_monday() as usize;
        let x = left + slot * i as f64;
        let hgt = plot_h * *count as f64 / max as f64;
        let fill = if wd >= 5 { "#9dbbe0" } else { "#2f6fb3" };
        o.push_str(&format!(
            "<g><title>{} {}: {count}</title><rect fill=\"{fill}\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\"/>",
            WEEKDAYS[wd],
            d.format("%Y-%m-%d"),
            c(x + slot * 0.12),
            c(base - hgt),
            c(slot * 0.76),
            c(hgt)
        ));
        if show_counts && *count > 0 {
            o.push_str(&format!(
                "<text x=\"{}\" y=\"{}\" text-anchor=\"middle\">{count}</text>",
                c(x + slot / 2.0),
                c(base - hgt - 3.0)
            ));
        }
        if i % label_every == 0 {
            o.push_str(&format!(
                "<text fill=\"#59636e\" x=\"{}\" y=\"{}\" text-anchor=\"middle\">{}</text>",
                c(x + slot / 2.0),
                c(base + 13.0),
                d.day()
            ));
            if slot >= 18.0 {
                o.push_str(&format!(
                    "<text fill=\"#59636e\" x=\"{}\" y=\"{}\" text-anchor=\"middle\">{}</text>",
                    c(x + slot / 2.0),
                    c(base + 26.0),
                    &WEEKDAYS[wd][..2]
                ));
            }
        }
        o.push_str("</g>\n");
    }
    o.push_str("</svg>\n");
}

/// Weekday × hour as a table whose cells are shaded by their count.
fn html_heat(o: &mut String, r: &Report) {
    let max = heat_max(r);
    o.push_str("<table class=\"heat\">\n<tr><th></th>");
    for hour in 0..24 {
        o.push_str(&format!("<th>{hour:02}</th>"));
    }
    o.push_str("<th class=\"t\">Total</th></tr>\n");
    for (wd, name) in WEEKDAYS.iter().enumerate() {
        o.push_str(&format!("<tr><th>{name}</th>"));
        for n in r.heat[wd] {
            if n == 0 {
                o.push_str("<td class=\"z\"></td>");
                continue;
            }
            // White → #2f6fb3 in proportion to the count.
            let f = n as f64 / max as f64;
            let mix = |full: f64| (255.0 - (255.0 - full) * (0.15 + 0.85 * f)).round() as u8;
            let fg = if f > 0.55 { "#fff" } else { "#1f2328" };
            o.push_str(&format!(
                "<td style=\"background:rgb({},{},{});color:{fg}\">{n}</td>",
                mix(47.0),
                mix(111.0),
                mix(179.0)
            ));
        }
        o.push_str(&format!(
            "<td class=\"t\">{}</td></tr>\n",
            r.by_weekday.get(WEEKDAY_KEYS[wd])
        ));
    }
    o.push_str("<tr><th class=\"t\">Total</th>");
    for (_, n) in r.by_hour.iter() {
        o.push_str(&format!("<td class=\"t\">{n}</td>"));
    }
    o.push_str(&format!(
        "<td class=\"t\">{}</td></tr>\n</table>\n",
        r.by_hour.total()
    ));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::report::{
        ClockSample, CreatedTicket, ReportInput, ResolutionSample, WorkEntry, compute,
    };
    use chrono::NaiveDateTime;

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
            created: vec![],
            reopened: 0,
            backlog_start: 0,
            backlog_end: 0,
            responses: vec![],
            resolutions: vec![],
            work: vec![],
            articles_created: 0,
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
        assert_eq!(
            html_escape(r#"<a href="x">&'</a>"#),
            "&lt;a href=&quot;x&quot;&gt;&amp;&#39;&lt;/a&gt;"
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
    fn csv_snapshot() {
        let out = render(render_csv, &sample());
        insta::assert_snapshot!(out, @r#"
            section,key,value
            period,from,2024-03-01
            period,to,2024-04-01
            summary,created,107
            summary,resolved,77
            summary,reopened,3
            summary,backlog_start,14
            summary,backlog_end,11
            by_kind,incident,66
            by_kind,problem,16
            by_kind,request,25
            by_category,(none),21
            by_category,access,9
            by_category,network,22
            by_category,password,18
            by_category,printing,18
            by_category,software,19
            by_channel,(none),11
            by_channel,chat,18
            by_channel,email,17
            by_channel,monitoring,10
            by_channel,phone,18
            by_channel,portal,18
            by_channel,walk-in,15
            by_priority,P1,24
            by_priority,P2,30
            by_priority,P3,32
            by_priority,P4,21
            by_org,(none),25
            by_org,Acme | Helsinki,25
            by_org,Kraków Sp. z o.o.,29
            by_org,東京 office,28
            by_tier,1,72
            by_tier,2,35
            by_tier,3,0
            first_contact,count,31
            first_contact,rate,0.301
            escalated,count,14
            escalated,rate,0.1359
            response_minutes,mean,160.7
            response_minutes,median,156.2
            response_minutes,p90,268.2
            resolution_minutes,mean,647.9
            resolution_minutes,median,682.4
            resolution_minutes,p90,1194.0
            sla,response_met,0.9126
            sla,resolution_met,0.8961
            sla,breached,"5 7 29 31 37 46 60 61 62 79 85 92 94 107"
            by_weekday,mon,33
            by_weekday,tue,20
            by_weekday,wed,12
            by_weekday,thu,13
            by_weekday,fri,24
            by_weekday,sat,4
            by_weekday,sun,1
            by_hour,0,1
            by_hour,1,0
            by_hour,2,0
            by_hour,3,0
            by_hour,4,0
            by_hour,5,0
            by_hour,6,0
            by_hour,7,12
            by_hour,8,16
            by_hour,9,21
            by_hour,10,7
            by_hour,11,11
            by_hour,12,9
            by_hour,13,15
            by_hour,14,6
            by_hour,15,9
            by_hour,16,0
            by_hour,17,0
            by_hour,18,0
            by_hour,19,0
            by_hour,20,0
            by_hour,21,0
            by_hour,22,0
            by_hour,23,0
            by_day,1,11
            by_day,2,1
            by_day,3,0
            by_day,4,9
            by_day,5,10
            by_day,6,4
            by_day,7,3
            by_day,8,2
            by_day,9,0
            by_day,10,0
            by_day,11,8
            by_day,12,4
            by_day,13,3
            by_day,14,4
            by_day,15,4
            by_day,16,1
            by_day,17,0
            by_day,18,8
            by_day,19,2
            by_day,20,2
            by_day,21,2
            by_day,22,3
            by_day,23,1
            by_day,24,0
            by_day,25,8
            by_day,26,4
            by_day,27,3
            by_day,28,4
            by_day,29,4
            by_day,30,1
            by_day,31,1
            top_ci,Sähköposti,18
            top_ci,PRN-2F,17
            top_ci,PC-0423,11
            top_ci,PC-0117,10
            top_ci,WIFI-AP-3,9
            top_requesters,Łukasz Wąsowski,21
            top_requesters,Jukka Ström,19
            top_requesters,<script>alert(1)</script>,16
            top_requesters,Eve\u{1b}[31m,16
            top_requesters,Дмитрий Иванов,15
            top_requesters,Päivi Mäkelä,11
            by_agent,ana.resolved,18
            by_agent,ana.median_resolution_minutes,655.8
            by_agent,ana.time_spent,391
            by_agent,jörg.resolved,31
            by_agent,jörg.median_resolution_minutes,496.7
            by_agent,jörg.time_spent,426
            by_agent,łucja.resolved,17
            by_agent,łucja.median_resolution_minutes,765.1
            by_agent,łucja.time_spent,718
            by_agent,Мария.resolved,11
            by_agent,Мария.median_resolution_minutes,470.7
            by_agent,Мария.time_spent,388
            kb,articles_created,4
            kb,resolved_with_article,21
            summary,time_spent,1923
            "#);
    }

    #[test]
    fn csv_rows_are_three_fields_and_every_figure() {
        let r = sample();
        let out = render(render_csv, &r);
        let mut reader = csv::Reader::from_reader(out.as_bytes());
        assert_eq!(reader.headers().unwrap(), vec!["section", "key", "value"]);
        let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
        assert!(rows.iter().all(|row| row.len() == 3));
        let get = |section: &str, key: &str| -> String {
            rows.iter()
                .find(|row| &row[0] == section && &row[1] == key)
                .map(|row| row[2].to_string())
                .unwrap_or_else(|| panic!("no {section},{key}"))
        };
        assert_eq!(get("summary", "created"), r.created.to_string());
        assert_eq!(get("by_tier", "3"), "0");
        assert_eq!(get("by_hour", "23"), "0");
        assert_eq!(get("by_weekday", "sun"), "1");
        assert_eq!(
            get("by_org", "Acme | Helsinki"),
            r.by_org.get("Acme | Helsinki").to_string()
        );
        assert_eq!(
            get("by_agent", "ana.time_spent"),
            r.by_agent["ana"].time_spent.to_string()
        );
        // Every figure of the JSON: 2 + 5 + breakdowns + 4 + 6 + 3 + 7 + 24
        // + days + tops + 3 per agent + 2 + 1.
        let breakdowns = [
            &r.by_kind,
            &r.by_category,
            &r.by_channel,
            &r.by_priority,
            &r.by_org,
            &r.by_tier,
        ]
        .iter()
        .map(|c| c.len())
        .sum::<usize>();
        let expected = 2
            + 5
            + breakdowns
            + 4
            + 6
            + 3
            + 7
            + 24
            + r.by_day.len()
            + r.top_ci.len()
            + r.top_requesters.len()
            + 3 * r.by_agent.len()
            + 2
            + 1;
        assert_eq!(rows.len(), expected);
        let line = out
            .lines()
            .find(|l| l.starts_with("sla,breached,"))
            .unwrap();
        assert_eq!(
            line,
            "sla,breached,\"5 7 29 31 37 46 60 61 62 79 85 92 94 107\""
        );
    }

    #[test]
    fn csv_empty_report_has_empty_values_for_nulls() {
        let out = render(render_csv, &empty());
        assert!(out.contains("\nresponse_minutes,median,\n"));
        assert!(out.contains("\nsla,response_met,\n"));
        assert!(out.contains("\nsla,breached,\"\"\n"));
        assert!(out.contains("\nfirst_contact,rate,0.0\n"));
        assert!(out.ends_with("summary,time_spent,0\n"));
    }

    #[test]
    fn html_is_self_contained_and_escaped() {
        let out = render(render_html, &sample());
        assert!(out.starts_with("<!doctype html>\n"));
        assert!(out.ends_with("</html>\n"));
        for forbidden in [
            "http://", "https://", "<link", "src=", "<script", "@import", "url(",
        ] {
            assert!(!out.contains(forbidden), "found {forbidden}");
        }
        assert!(out.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
        assert!(out.contains("Acme | Helsinki"));
        assert!(out.contains("<svg"));
        assert!(out.contains("<table class=\"heat\">"));
        assert!(out.contains("@media print"));
        // Every tag that opens closes, in order.
        let mut stack: Vec<String> = Vec::new();
        let void = ["meta", "rect", "line"];
        let mut rest = out.as_str();
        while let Some(i) = rest.find('<') {
            rest = &rest[i + 1..];
            let end = rest.find('>').unwrap();
            let tag = &rest[..end];
            rest = &rest[end + 1..];
            if tag.starts_with('!') || tag.ends_with('/') {
                continue;
            }
            let name: String = tag
                .trim_start_matches('/')
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric())
                .collect();
            if void.contains(&name.as_str()) {
                continue;
            }
            if tag.starts_with('/') {
                assert_eq!(stack.pop().as_deref(), Some(name.as_str()));
            } else {
                stack.push(name);
            }
        }
        assert!(stack.is_empty(), "{stack:?}");
    }

    #[test]
    fn html_empty_report() {
        let out = render(render_html, &empty());
        assert!(out.starts_with("<!doctype html>"));
        assert!(out.contains("No ticket breached its SLA."));
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
}
