//! Registered organisations for people and programs: `org list` in every list format
//! and `org show` as text or JSON (`name`, `domains`, `settings`, `tickets`).

use super::articles::{View, write_json_rows, write_table_rows, write_tsv_rows};
use crate::cli::ListFormat;
use crate::domain::org::Org;
use crate::domain::text::one_line;
use comfy_table::Cell;
use serde_json::{Map, Value, json};
use std::io::{self, Write};

/// The spec's organisation object.
pub fn org_json(o: &Org) -> Map<String, Value> {
    let mut m = Map::new();
    m.insert("name".into(), json!(o.name));
    m.insert("domains".into(), json!(o.domains));
    let settings: Map<String, Value> = o
        .settings
        .iter()
        .map(|(k, v)| (k.clone(), json!(v)))
        .collect();
    m.insert("settings".into(), Value::Object(settings));
    m.insert("tickets".into(), json!(o.tickets));
    m
}

/// Its own terms in one line: `hours=24x7; sla.P2.resolve=4h`, or `-` (the desk's).
fn terms_line(o: &Org) -> String {
    if o.settings.is_empty() {
        return "-".into();
    }
    o.settings
        .iter()
        .map(|(k, v)| format!("{k}={v}"))
        .collect::<Vec<_>>()
        .join("; ")
}

/// The columns of `org list`'s TSV and CSV.
const CSV_HEADER: [&str; 4] = ["name", "domains", "settings", "tickets"];

/// `org list`.
pub fn write_orgs(w: &mut dyn Write, rows: &[Org], v: &View, format: ListFormat) -> io::Result<()> {
    match format {
        ListFormat::Json | ListFormat::Jsonl => write_json_rows(w, rows, org_json, format),
        ListFormat::Tsv => write_tsv_rows(w, &CSV_HEADER, rows, |o| {
            vec![
                one_line(&o.name),
                o.domains.join(","),
                one_line(&terms_line(o)),
                o.tickets.to_string(),
            ]
        }),
        ListFormat::Csv => {
            let mut cw = csv::Writer::from_writer(w);
            cw.write_record(CSV_HEADER)?;
            for o in rows {
                let name = if v.terminal {
                    one_line(&o.name)
                } else {
                    o.name.clone()
                };
                cw.write_record([
                    name,
                    o.domains.join(","),
                    terms_line(o),
                    o.tickets.to_string(),
                ])?;
            }
            cw.flush()
        }
        ListFormat::Table => {
            let header = ["NAME", "DOMAINS", "TICKETS", "TERMS"];
            write_table_rows(w, v, &header, rows, |o| {
                let domains = if o.domains.is_empty() {
                    "-".to_string()
                } else {
                    o.domains.join(", ")
                };
                vec![
                    Cell::new(one_line(&o.name)),
                    Cell::new(domains),
                    Cell::new(o.tickets),
                    Cell::new(one_line(&terms_line(o))),
                ]
            })
        }
    }
}

/// `org show` as text: the name, its domains, its tickets, and its terms beside the
/// desk's (`desk` is the desk's value of each key the organisation sets).
pub fn write_org_text(w: &mut dyn Write, o: &Org, desk: &[(String, String)]) -> io::Result<()> {
    writeln!(w, "{}", one_line(&o.name))?;
    let domains = if o.domains.is_empty() {
        "(none)".to_string()
    } else {
        o.domains.join(", ")
    };
    writeln!(w, "domains:  {domains}")?;
    writeln!(w, "tickets:  {}", o.tickets)?;
    if o.settings.is_empty() {
        writeln!(w, "terms:    the desk's")?;
        return Ok(());
    }
    let shown = |v: &str| {
        if v.is_empty() {
            "(none)".to_string()
        } else {
            one_line(v)
        }
    };
    let width = o.settings.iter().map(|(k, _)| k.len()).max().unwrap_or(0);
    let value_width = o
        .settings
        .iter()
        .map(|(_, v)| crate::domain::text::width(&shown(v)))
        .max()
        .unwrap_or(0);
    for (i, (k, v)) in o.settings.iter().enumerate() {
        let label = if i == 0 { "terms:" } else { "" };
        let theirs = desk
            .iter()
            .find(|(dk, _)| dk == k)
            .map(|(_, d)| shown(d))
            .unwrap_or_else(|| "(none)".to_string());
        writeln!(
            w,
            "{label:<10}{k:<width$}  {}  (desk: {theirs})",
            crate::domain::text::pad_right(&shown(v), value_width),
        )?;
    }
    writeln!(w, "{:<10}everything else: the desk's", "")
}
