//! The report for a terminal: headline figures, bar lists, a per-day chart
//! and a weekday × hour heat map, fitted to the terminal's width.

use std::io::{self, Write};

use chrono::Datelike;

use super::*;
use crate::domain::report::{MinuteStats, WEEKDAY_KEYS};
use crate::domain::text::{pad_left, pad_right, take_width, width as width_of};
use crate::output::Style;

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
            out.push_str(&style.paint(self.color, &piece));
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

    // Headline figures, each with the previous period's beside it ("was").
    t.heading("Summary")?;
    let prev = r.previous.as_deref();
    if let Some(p) = prev {
        t.line(Line::new().s(format!("  was: {}", period_title(&p.period)), Style::Dim))?;
    }
    let label_w = 19;
    let row = |label: &str| Line::new().p(format!("  {}", pad_right(label, label_w)));
    // The figure `f` gives, then " · was …" with the previous period's.
    let single = |f: &dyn Fn(&Report) -> String| match prev {
        Some(p) => format!("{} · was {}", f(r), f(p)),
        None => f(r),
    };
    // One part of a line of several figures: "median 1h (was 2h)".
    let part = |name: &str, f: &dyn Fn(&Report) -> String| {
        let text = match prev {
            Some(p) => format!("{name}{} (was {})", f(r), f(p)),
            None => format!("{name}{}", f(r)),
        };
        Line::new().p(text)
    };
    t.line(row("Created").p(single(&|r| r.created.to_string())))?;
    t.line(row("Resolved").p(single(&|r| r.resolved.to_string())))?;
    t.line(row("Reopened").p(single(&|r| r.reopened.to_string())))?;
    // The previous period's end is this one's start: shown already.
    t.line(row("Backlog").p(backlog(r)))?;
    let tickets = |n: u64| plural(n, "ticket", "tickets");
    let was = |f: &dyn Fn(&Report) -> String| {
        prev.map(|p| format!(" · was {}", f(p))).unwrap_or_default()
    };
    t.line(row("First contact").p(format!(
        "{} ({}){}",
        share_pct(r, r.first_contact.rate),
        tickets(r.first_contact.count),
        was(&|p| share_pct(p, p.first_contact.rate))
    )))?;
    t.line(row("Escalated").p(format!(
        "{} ({}){}",
        share_pct(r, r.escalated.rate),
        tickets(r.escalated.count),
        was(&|p| share_pct(p, p.escalated.rate))
    )))?;
    let was_part = |f: &dyn Fn(&Report) -> String| {
        prev.map(|p| format!(" (was {})", f(p))).unwrap_or_default()
    };
    let met = vec![
        part("response ", &|r| pct_opt(r.sla.response_met)),
        part("resolution ", &|r| pct_opt(r.sla.resolution_met)),
    ];
    t.wrapped(2 + label_w, row("SLA met"), met, " · ")?;
    let breached = r.sla.breached.len() as u64;
    let style = if breached > 0 {
        Style::Alert
    } else {
        Style::Plain
    };
    let mut line = row("SLA breached").s(tickets(breached), style);
    if let Some(p) = prev {
        line = line.p(format!(" (was {})", p.sla.breached.len()));
    }
    if breached > 0 {
        line = line.p(format!(": {}", breached_ids(r, "#").join(" ")));
    }
    t.line(line)?;
    let stats = |f: fn(&Report) -> &MinuteStats| -> Vec<Line> {
        if f(r).median.is_none() && prev.is_none_or(|p| f(p).median.is_none()) {
            vec![Line::new().p("—")]
        } else {
            vec![
                part("median ", &|r| human_opt(f(r).median)),
                part("p90 ", &|r| human_opt(f(r).p90)),
                part("mean ", &|r| human_opt(f(r).mean)),
            ]
        }
    };
    let indent = 2 + label_w;
    t.wrapped(
        indent,
        row("Response time"),
        stats(|r| &r.response_minutes),
        " · ",
    )?;
    t.wrapped(
        indent,
        row("Resolution time"),
        stats(|r| &r.resolution_minutes),
        " · ",
    )?;
    t.line(row("Time logged").p(single(&|r| human_minutes(r.time_spent as f64))))?;
    let kb = vec![
        Line::new().p(format!(
            "{}{}",
            plural(r.kb.articles_created, "new article", "new articles"),
            was_part(&|p| p.kb.articles_created.to_string())
        )),
        Line::new().p(format!(
            "{} resolved with an article{}",
            tickets(r.kb.resolved_with_article),
            was_part(&|p| p.kb.resolved_with_article.to_string())
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
