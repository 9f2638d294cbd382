//! The report as GitHub-flavoured Markdown, for an email or a wiki.

use std::io::{self, Write};

use chrono::Datelike;

use super::*;
use crate::domain::report::{MinuteStats, WEEKDAY_KEYS};

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
    let items = |r: &Report| -> Vec<(&'static str, String)> {
        let tickets = |n: u64| plural(n, "ticket", "tickets");
        vec![
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
        ]
    };
    match r.previous.as_deref() {
        // Beside the previous period's figures: a table of the two.
        Some(p) => {
            o.push_str(&format!(
                "| | {} | {} |\n| :--- | :--- | :--- |\n",
                period_title(&r.period),
                period_title(&p.period)
            ));
            for ((k, v), (_, was)) in items(r).into_iter().zip(items(p)) {
                o.push_str(&format!("| **{k}** | {v} | {was} |\n"));
            }
        }
        None => {
            for (k, v) in items(r) {
                o.push_str(&format!("- **{k}:** {v}\n"));
            }
        }
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

/// A user string for Markdown: sanitized, then the punctuation that could
/// start markup or break a table cell backslash-escaped.
pub(super) fn md(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in sanitize(s).chars() {
        if matches!(c, '\\' | '|' | '*' | '_' | '`' | '[' | ']' | '<' | '>') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}
