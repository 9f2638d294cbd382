//! The report as `section,key,value` rows for a spreadsheet, one per figure of the
//! JSON; with `--compare`, a fourth column holds the previous period's figure.

use std::io::{self, Write};

use super::*;

/// Guard a user string against spreadsheet formula injection: a leading
/// `= + - @` gets an apostrophe in front.
pub(super) fn csv_text(s: &str) -> String {
    let s = sanitize(s);
    if s.starts_with(['=', '+', '-', '@']) {
        format!("'{s}")
    } else {
        s
    }
}

/// A csv error as the I/O error it wraps (so a closed pipe stays
/// `BrokenPipe` for the caller), else as an other error.
fn csv_error(e: ::csv::Error) -> io::Error {
    match e.into_kind() {
        ::csv::ErrorKind::Io(e) => e,
        other => io::Error::other(format!("{other:?}")),
    }
}

/// One figure: section, key, value.
type Row = (String, String, String);

/// Every figure of the report, in the JSON's order (nulls as empty values).
fn rows(r: &Report) -> Vec<Row> {
    let mut out: Vec<Row> = Vec::new();
    let mut row = |section: &str, key: &str, value: String| {
        out.push((section.to_string(), key.to_string(), value));
    };
    let opt = |x: Option<f64>| x.map(json_num).unwrap_or_default();
    row(
        "period",
        "from",
        r.period.from.format("%Y-%m-%d").to_string(),
    );
    row("period", "to", r.period.to.format("%Y-%m-%d").to_string());
    row("summary", "created", r.created.to_string());
    row("summary", "resolved", r.resolved.to_string());
    row("summary", "reopened", r.reopened.to_string());
    row("summary", "backlog_start", r.backlog_start.to_string());
    row("summary", "backlog_end", r.backlog_end.to_string());
    for (section, counts) in [
        ("by_kind", &r.by_kind),
        ("by_category", &r.by_category),
        ("by_channel", &r.by_channel),
        ("by_priority", &r.by_priority),
        ("by_org", &r.by_org),
        ("by_tier", &r.by_tier),
    ] {
        for (k, n) in counts.iter() {
            row(section, &csv_text(k), n.to_string());
        }
    }
    for (section, s) in [
        ("first_contact", &r.first_contact),
        ("escalated", &r.escalated),
    ] {
        row(section, "count", s.count.to_string());
        row(section, "rate", json_num(s.rate));
    }
    for (section, s) in [
        ("response_minutes", &r.response_minutes),
        ("resolution_minutes", &r.resolution_minutes),
    ] {
        row(section, "mean", opt(s.mean));
        row(section, "median", opt(s.median));
        row(section, "p90", opt(s.p90));
    }
    row("sla", "response_met", opt(r.sla.response_met));
    row("sla", "resolution_met", opt(r.sla.resolution_met));
    row("sla", "breached", breached_ids(r, "").join(" "));
    for (section, counts) in [
        ("by_weekday", &r.by_weekday),
        ("by_hour", &r.by_hour),
        ("by_day", &r.by_day),
    ] {
        for (k, n) in counts.iter() {
            row(section, k, n.to_string());
        }
    }
    for (section, list) in [("top_ci", &r.top_ci), ("top_requesters", &r.top_requesters)] {
        for (k, n) in list {
            row(section, &csv_text(k), n.to_string());
        }
    }
    // The agent's name alone is the key, the figure is in the section: a name with
    // a dot in it cannot be read as another figure.
    for (name, a) in &r.by_agent {
        let name = csv_text(name);
        row("by_agent.resolved", &name, a.resolved.to_string());
        row(
            "by_agent.median_resolution_minutes",
            &name,
            opt(a.median_resolution_minutes),
        );
        row("by_agent.time_spent", &name, a.time_spent.to_string());
    }
    row("kb", "articles_created", r.kb.articles_created.to_string());
    row(
        "kb",
        "resolved_with_article",
        r.kb.resolved_with_article.to_string(),
    );
    row("summary", "time_spent", r.time_spent.to_string());
    out
}

/// Render the report as `section,key,value` rows, one per figure of the JSON
/// (nulls as empty values). With the previous period's report (`--compare`), a
/// `previous` column holds its figure for the same section and key, and the
/// figures only it has follow, with an empty `value`.
pub fn render_csv(r: &Report, w: &mut dyn Write) -> io::Result<()> {
    let current = rows(r);
    let mut write = |fields: &[&str]| -> io::Result<()> {
        // The id list is always quoted (`"4 9 12"`) so that a spreadsheet keeps it
        // as one text cell; it holds only digits and spaces.
        if fields[..2] == ["sla", "breached"] {
            let quoted: Vec<String> = fields[2..].iter().map(|f| format!("\"{f}\"")).collect();
            return writeln!(w, "sla,breached,{}", quoted.join(","));
        }
        let mut line = ::csv::Writer::from_writer(Vec::new());
        line.write_record(fields).map_err(csv_error)?;
        w.write_all(&line.into_inner().map_err(|e| e.into_error())?)
    };
    match r.previous.as_deref() {
        None => {
            write(&["section", "key", "value"])?;
            for (s, k, v) in &current {
                write(&[s, k, v])?;
            }
        }
        Some(p) => {
            write(&["section", "key", "value", "previous"])?;
            let mut before: Vec<Option<Row>> = rows(p).into_iter().map(Some).collect();
            let mut take = |s: &str, k: &str| {
                before
                    .iter_mut()
                    .find(|x| x.as_ref().is_some_and(|(ps, pk, _)| ps == s && pk == k))
                    .and_then(Option::take)
                    .map(|(_, _, v)| v)
            };
            for (s, k, v) in &current {
                let was = take(s, k).unwrap_or_default();
                write(&[s, k, v, &was])?;
            }
            for (s, k, was) in before.into_iter().flatten() {
                write(&[&s, &k, "", &was])?;
            }
        }
    }
    w.flush()
}
