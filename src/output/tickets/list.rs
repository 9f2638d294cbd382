//! The queue for people and programs: `list` as a table fitted to the terminal, as
//! TSV and CSV, or as chosen fields.

use super::{due_text, next_due, sla_color, ticket_json, write_csv};
use crate::cli::ListFormat;
use crate::domain::sla::SlaStatus;
use crate::domain::text::is_unsafe;
use crate::domain::text::{one_line, truncate, width as text_width};
use crate::domain::ticket::Ticket;
use crate::domain::time::{local_short, rfc3339};
use crate::domain::zone::Zone;
use chrono::{DateTime, Utc};
use serde_json::{Map, Value};
use std::borrow::Cow;
use std::io::{self, Write};

/// Columns of TSV (for shell pipelines) and of the table.
const TSV_HEADER: &[&str] = &[
    "id",
    "status",
    "priority",
    "tier",
    "sla",
    "due",
    "assignee",
    "requester",
    "category",
    "title",
];

/// A TSV field that reads back unambiguously: a backslash, tab, newline and carriage
/// return as `\\`, `\t`, `\n`, `\r` (so each ticket is one line and `C:\temp\new`
/// differs from a title holding a tab), other control characters as `\u{1b}`.
pub fn tsv_field(s: &str) -> Cow<'_, str> {
    if !s.chars().any(|c| c == '\\' || is_unsafe(c)) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\t' => out.push_str("\\t"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            c if is_unsafe(c) => out.push_str(&format!("\\u{{{:x}}}", c as u32)),
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// The header line of the list's TSV.
pub fn write_tsv_header(w: &mut dyn Write) -> io::Result<()> {
    writeln!(w, "{}", TSV_HEADER.join("\t"))
}

/// One ticket as a line of the list's TSV (see `TSV_HEADER`).
pub fn write_tsv_row(w: &mut dyn Write, t: &Ticket, s: SlaStatus) -> io::Result<()> {
    let due = next_due(t).map(rfc3339).unwrap_or_default();
    writeln!(
        w,
        "{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}",
        t.id,
        t.status,
        t.priority,
        t.tier,
        s.as_str(),
        due,
        tsv_field(t.assignee.as_deref().unwrap_or("")),
        tsv_field(t.requester.as_deref().unwrap_or("")),
        tsv_field(t.category.as_deref().unwrap_or("")),
        tsv_field(&t.title),
    )
}

/// One ticket as a line of `--fields` TSV: those JSON fields, in that order (null as
/// empty, lists comma-separated).
pub fn write_tsv_fields_row(
    w: &mut dyn Write,
    t: &Ticket,
    s: SlaStatus,
    fields: &[String],
) -> io::Result<()> {
    let names: Vec<&str> = fields.iter().map(String::as_str).collect();
    let values = crate::output::csv_fields(&ticket_json(t, s), &names, false);
    let line: Vec<Cow<str>> = values.iter().map(|x| tsv_field(x)).collect();
    writeln!(w, "{}", line.join("\t"))
}

pub struct ListView<'a> {
    pub rows: &'a [(Ticket, SlaStatus)],
    pub now: DateTime<Utc>,
    pub tz: &'a Zone,
    pub color: bool,
    pub width: usize,
    /// stdout is a terminal: escape control characters even in CSV.
    pub terminal: bool,
    /// `--fields`: these JSON fields, in this order, in every format.
    pub fields: Option<&'a [String]>,
}

pub fn write_list(w: &mut dyn Write, v: &ListView, format: ListFormat) -> io::Result<()> {
    let object = |t: &Ticket, s: SlaStatus| {
        let m = ticket_json(t, s);
        Value::Object(match v.fields {
            Some(fields) => fields
                .iter()
                .map(|f| (f.clone(), m.get(f.as_str()).cloned().unwrap_or(Value::Null)))
                .collect(),
            None => m,
        })
    };
    match format {
        ListFormat::Json => {
            let arr: Vec<Value> = v.rows.iter().map(|(t, s)| object(t, *s)).collect();
            serde_json::to_writer_pretty(&mut *w, &arr)?;
            writeln!(w)
        }
        ListFormat::Jsonl => {
            for (t, s) in v.rows {
                serde_json::to_writer(&mut *w, &object(t, *s))?;
                writeln!(w)?;
            }
            Ok(())
        }
        ListFormat::Tsv => match v.fields {
            Some(fields) => {
                writeln!(w, "{}", fields.join("\t"))?;
                for (t, s) in v.rows {
                    write_tsv_fields_row(w, t, *s, fields)?;
                }
                Ok(())
            }
            None => {
                write_tsv_header(w)?;
                for (t, s) in v.rows {
                    write_tsv_row(w, t, *s)?;
                }
                Ok(())
            }
        },
        ListFormat::Csv => match v.fields {
            Some(fields) => {
                let names: Vec<&str> = fields.iter().map(String::as_str).collect();
                let mut cw = csv::Writer::from_writer(w);
                cw.write_record(&names)?;
                for (t, s) in v.rows {
                    cw.write_record(crate::output::csv_fields(
                        &ticket_json(t, *s),
                        &names,
                        v.terminal,
                    ))?;
                }
                cw.flush()
            }
            None => write_csv(w, v.rows, v.terminal),
        },
        ListFormat::Table => write_table(w, v),
    }
}

/// The queue as a table: one line per ticket that never wraps. The title takes what
/// the terminal has left, cut with `…` (people scan a queue; `show` has the whole
/// title); on a narrow terminal the requester, then the assignee, the status and the
/// priority make room for it. The id and the due column stay.
fn write_table(w: &mut dyn Write, v: &ListView) -> io::Result<()> {
    if v.rows.is_empty() {
        return Ok(());
    }
    if let Some(fields) = v.fields {
        return write_fields_table(w, v, fields);
    }
    let col = |header: &str,
               cap: usize,
               drop_rank: Option<u8>,
               cell: &dyn Fn(&Ticket, SlaStatus) -> String| Column {
        header: header.into(),
        cells: v.rows.iter().map(|(t, s)| cell(t, *s)).collect(),
        cap,
        drop_rank,
        colors: None,
    };
    let name = |s: &Option<String>| one_line(s.as_deref().unwrap_or("-"));
    let mut due = col("DUE", usize::MAX, None, &|t, s| due_text(t, s, v.now, v.tz));
    due.colors = Some(v.rows.iter().map(|(_, s)| sla_color(*s)).collect());
    let columns = [
        col("ID", usize::MAX, None, &|t, _| format!("#{}", t.id)),
        col("P", usize::MAX, Some(3), &|t, _| t.priority.to_string()),
        col("STATUS", usize::MAX, Some(2), &|t, _| t.status.to_string()),
        due,
        col("ASSIGNEE", 16, Some(1), &|t, _| name(&t.assignee)),
        col("REQUESTER", 20, Some(0), &|t, _| name(&t.requester)),
        col("TITLE", usize::MAX, None, &|t, _| one_line(&t.title)),
    ];
    render_table(w, &columns, Some(6), v.width, v.color)
}

/// The table of `--fields`: the chosen fields in their order, headed by their names.
/// The first long text among them (title, description, resolution) takes what is
/// left; on a narrow terminal the fields chosen last go first.
fn write_fields_table(w: &mut dyn Write, v: &ListView, fields: &[String]) -> io::Result<()> {
    let objects: Vec<Map<String, Value>> = v.rows.iter().map(|(t, s)| ticket_json(t, *s)).collect();
    let n = fields.len();
    let columns: Vec<Column> = fields
        .iter()
        .enumerate()
        .map(|(i, f)| Column {
            header: f.to_uppercase(),
            cells: objects
                .iter()
                .map(|m| table_text(f, m.get(f.as_str()), v.tz))
                .collect(),
            cap: 40,
            drop_rank: (i > 0).then(|| u8::try_from(n - i).unwrap_or(u8::MAX)),
            colors: (f == "sla").then(|| v.rows.iter().map(|(_, s)| sla_color(*s)).collect()),
        })
        .collect();
    let flex = fields
        .iter()
        .position(|f| matches!(f.as_str(), "title" | "description" | "resolution"));
    let mut columns = columns;
    if let Some(f) = flex {
        columns[f].cap = usize::MAX;
        columns[f].drop_rank = None;
    }
    render_table(w, &columns, flex, v.width, v.color)
}

/// A JSON value as a person reads it in a table cell: null as `-`, times in the
/// desk's zone, lists comma-separated, control characters escaped.
fn table_text(field: &str, value: Option<&Value>, tz: &Zone) -> String {
    match value {
        None | Some(Value::Null) => "-".into(),
        Some(Value::String(s)) if field.ends_with("_at") || field.ends_with("_due") => {
            DateTime::parse_from_rfc3339(s)
                .map(|t| local_short(t.with_timezone(&Utc), tz))
                .unwrap_or_else(|_| one_line(s))
        }
        Some(Value::String(s)) => one_line(s),
        Some(Value::Array(a)) => one_line(
            &a.iter()
                .map(|x| x.as_str().map_or_else(|| x.to_string(), str::to_string))
                .collect::<Vec<_>>()
                .join(", "),
        ),
        Some(other) => other.to_string(),
    }
}

/// A column of the list's table: its header, its cells, the most columns it may take,
/// and whether it may be dropped on a narrow terminal (lower ranks go first).
struct Column {
    header: String,
    cells: Vec<String>,
    cap: usize,
    drop_rank: Option<u8>,
    /// The cells' colours (the DUE column's SLA colour).
    colors: Option<Vec<Option<comfy_table::Color>>>,
}

/// The column that takes what the terminal has left: the title, cut with `…`.
const FLEX_MIN: usize = 24;
const GAP: usize = 2;

/// Which columns fit in `width` and how wide each is. The flexible column (`flex`)
/// gets what is left once the others have their natural width, and never less than
/// `min(FLEX_MIN, width / 3)` while some column can still be dropped: the least
/// important columns go first, so that no row is ever wider than the terminal.
fn fit(columns: &[Column], flex: Option<usize>, width: usize) -> (Vec<usize>, Vec<usize>) {
    let natural: Vec<usize> = columns
        .iter()
        .map(|c| {
            c.cells
                .iter()
                .map(|s| text_width(s))
                .chain([text_width(&c.header)])
                .max()
                .unwrap_or(0)
                .min(c.cap)
        })
        .collect();
    let mut shown: Vec<usize> = (0..columns.len()).collect();
    let min_flex = FLEX_MIN.min(width / 3).max(1);
    loop {
        let others: usize = shown
            .iter()
            .filter(|&&c| Some(c) != flex)
            .map(|&c| natural[c] + GAP)
            .sum();
        let left = width.saturating_sub(others);
        let fits = match flex {
            Some(f) => left >= min_flex.min(natural[f]),
            // Without a flexible column the last one shown loses its trailing gap.
            None => others <= width + GAP,
        };
        let victim = shown
            .iter()
            .enumerate()
            .filter_map(|(i, &c)| columns[c].drop_rank.map(|r| (r, i)))
            .min();
        match victim {
            Some((_, i)) if !fits => {
                shown.remove(i);
            }
            _ => {
                let widths = shown
                    .iter()
                    .map(|&c| {
                        if Some(c) == flex {
                            left.max(1).min(natural[c].max(1))
                        } else {
                            natural[c]
                        }
                    })
                    .collect();
                return (shown, widths);
            }
        }
    }
}

/// Writes the columns that fit as a table: no borders, two spaces between columns,
/// every cell cut to its column (display columns, any script), no trailing spaces.
fn render_table(
    w: &mut dyn Write,
    columns: &[Column],
    flex: Option<usize>,
    width: usize,
    color: bool,
) -> io::Result<()> {
    use comfy_table::{Attribute, Cell, CellAlignment, ContentArrangement, Table, presets};
    let (shown, widths) = fit(columns, flex, width);
    let mut table = Table::new();
    table
        .load_style(presets::NOTHING)
        .set_content_arrangement(ContentArrangement::Disabled);
    if color {
        table.enforce_styling();
    } else {
        table.force_no_tty();
    }
    table.set_header(shown.iter().zip(&widths).map(|(&c, &cw)| {
        let cell = Cell::new(truncate(&columns[c].header, cw));
        if color {
            cell.add_attribute(Attribute::Bold)
        } else {
            cell
        }
    }));
    let rows = columns.first().map_or(0, |c| c.cells.len());
    for r in 0..rows {
        table.add_row(shown.iter().zip(&widths).map(|(&c, &cw)| {
            let cell = Cell::new(truncate(&columns[c].cells[r], cw));
            match &columns[c].colors {
                Some(colors) if color => match colors[r] {
                    Some(c) => cell.fg(c),
                    None => cell,
                },
                _ => cell,
            }
        }));
    }
    for i in 0..shown.len() {
        if let Some(col) = table.column_mut(i) {
            // No gap after the last column: with colour on, its padding would sit
            // inside the header's bold and survive the trim, one gap past the width.
            let gap = if i + 1 == shown.len() { 0 } else { GAP as u16 };
            col.set_padding((0, gap));
            col.set_cell_alignment(CellAlignment::Left);
        }
    }
    for line in table.lines() {
        writeln!(w, "{}", line.trim_end())?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn column(header: &str, cells: &[&str], cap: usize, drop_rank: Option<u8>) -> Column {
        Column {
            header: header.into(),
            cells: cells.iter().map(|c| c.to_string()).collect(),
            cap,
            drop_rank,
            colors: None,
        }
    }

    fn queue() -> Vec<Column> {
        vec![
            column("ID", &["#12"], usize::MAX, None),
            column("STATUS", &["waiting"], usize::MAX, Some(2)),
            column("ASSIGNEE", &["bartłomiej"], 16, Some(1)),
            column("REQUESTER", &["Żaneta Łukasiewicz-Kowalska"], 20, Some(0)),
            column(
                "TITLE",
                &["打印机卡纸，请尽快处理这个问题"],
                usize::MAX,
                None,
            ),
        ]
    }

    #[test]
    fn the_title_takes_what_is_left_and_capped_columns_stop_at_their_cap() {
        let (shown, widths) = fit(&queue(), Some(4), 100);
        assert_eq!(shown, [0, 1, 2, 3, 4]);
        // The requester is cut to 20; the title needs only its 30 columns.
        assert_eq!(widths, [3, 7, 10, 20, 30]);
    }

    #[test]
    fn columns_go_least_important_first_until_the_title_has_room() {
        // 3+7+10+20 and four gaps leave 10 of 58: the requester goes.
        let (shown, widths) = fit(&queue(), Some(4), 58);
        assert_eq!(shown, [0, 1, 2, 4]);
        assert_eq!(widths, [3, 7, 10, 30]);
        let (shown, widths) = fit(&queue(), Some(4), 40);
        assert_eq!(shown, [0, 1, 2, 4]);
        assert_eq!(widths, [3, 7, 10, 14]);
        let (shown, widths) = fit(&queue(), Some(4), 24);
        assert_eq!(shown, [0, 1, 4]);
        assert_eq!(widths, [3, 7, 10]);
        let (shown, widths) = fit(&queue(), Some(4), 16);
        assert_eq!(shown, [0, 4]);
        assert_eq!(widths, [3, 11]);
        // Every row fits: the widths and the gaps between them.
        for width in 10..120 {
            let (_, widths) = fit(&queue(), Some(4), width);
            let total: usize = widths.iter().sum::<usize>() + GAP * (widths.len() - 1);
            assert!(total <= width, "{width}: {widths:?}");
        }
    }

    #[test]
    fn a_tsv_field_reads_back_unambiguously() {
        assert_eq!(tsv_field("C:\\temp\\new"), "C:\\\\temp\\\\new");
        assert_eq!(tsv_field("a\tb\nc\rd"), "a\\tb\\nc\\rd");
        assert_eq!(tsv_field("\u{1b}[2J"), "\\u{1b}[2J");
        assert!(matches!(tsv_field("Sähköposti"), Cow::Borrowed(_)));
    }
}
