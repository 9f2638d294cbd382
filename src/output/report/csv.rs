//! The report as `section,key,value` rows for a spreadsheet.

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

/// Render the report as `section,key,value` rows, one per figure of the
/// JSON (nulls as empty values).
pub fn render_csv(r: &Report, w: &mut dyn Write) -> io::Result<()> {
    fn row(
        out: &mut ::csv::Writer<&mut dyn Write>,
        section: &str,
        key: &str,
        value: String,
    ) -> io::Result<()> {
        out.write_record([section, key, value.as_str()])
            .map_err(csv_error)
    }
    let opt = |x: Option<f64>| x.map(json_num).unwrap_or_default();
    let mut out = ::csv::Writer::from_writer(w);
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
    let mut out = ::csv::Writer::from_writer(inner);
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
