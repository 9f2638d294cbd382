//! Knowledge-base articles for people and programs: the spec's JSON shape, TSV/CSV,
//! list tables, search results with highlighted snippets, and the `kb show` page.

use super::paint;
use crate::cli::ListFormat;
use crate::domain::article::{Article, Hit, snippet_plain, snippet_segments};
use crate::domain::text::{escape, one_line, truncate, width};
use crate::domain::time::{local_short, rfc3339};
use crate::domain::zone::Zone;
use comfy_table::{Cell, ContentArrangement, Table, presets};
use serde_json::{Map, Value, json};
use std::io::{self, Write};

/// The spec's article object, fields in the spec's order.
pub fn article_json(a: &Article) -> Map<String, Value> {
    let mut m = Map::new();
    m.insert("id".into(), json!(a.id));
    m.insert("title".into(), json!(a.title));
    m.insert("body".into(), json!(a.body));
    m.insert("tags".into(), json!(a.tags));
    m.insert("category".into(), json!(a.category));
    m.insert("author".into(), json!(a.author));
    m.insert("source_ticket".into(), json!(a.source_ticket));
    m.insert("created_at".into(), json!(rfc3339(a.created_at)));
    m.insert("updated_at".into(), json!(rfc3339(a.updated_at)));
    m.insert("uses".into(), json!(a.uses));
    m
}

/// A search result: the article, then how well it matched and the matching passage
/// (without highlight marks).
pub fn hit_json(h: &Hit) -> Map<String, Value> {
    let mut m = article_json(&h.article);
    m.insert("score".into(), json!(h.score));
    m.insert("snippet".into(), json!(snippet_plain(&h.snippet)));
    m
}

/// How the caller's terminal looks.
pub struct View<'a> {
    pub tz: &'a Zone,
    pub color: bool,
    pub width: usize,
    /// stdout is a terminal: escape control characters even in CSV.
    pub terminal: bool,
}

const CSV_COLUMNS: &[&str] = &[
    "id",
    "title",
    "body",
    "tags",
    "category",
    "author",
    "source_ticket",
    "created_at",
    "updated_at",
    "uses",
];

/// JSON (one array) or JSON Lines (one object a line) of `rows`, each as `to_json` makes it.
pub(super) fn write_json_rows<T>(
    w: &mut dyn Write,
    rows: &[T],
    to_json: fn(&T) -> Map<String, Value>,
    format: ListFormat,
) -> io::Result<()> {
    if format == ListFormat::Jsonl {
        for r in rows {
            serde_json::to_writer(&mut *w, &Value::Object(to_json(r)))?;
            writeln!(w)?;
        }
        Ok(())
    } else {
        let arr: Vec<Value> = rows.iter().map(|r| Value::Object(to_json(r))).collect();
        serde_json::to_writer_pretty(&mut *w, &arr)?;
        writeln!(w)
    }
}

/// TSV: the `header` line, then each row's `fields` (already one line each).
pub(super) fn write_tsv_rows<T>(
    w: &mut dyn Write,
    header: &[&str],
    rows: &[T],
    fields: impl Fn(&T) -> Vec<String>,
) -> io::Result<()> {
    writeln!(w, "{}", header.join("\t"))?;
    for r in rows {
        writeln!(w, "{}", fields(r).join("\t"))?;
    }
    Ok(())
}

pub(super) fn header_cells(color: bool, names: &[&str]) -> Vec<Cell> {
    names
        .iter()
        .map(|h| {
            if color {
                Cell::new(h).add_attribute(comfy_table::Attribute::Bold)
            } else {
                Cell::new(h)
            }
        })
        .collect()
}

pub(super) fn new_table(v: &View) -> Table {
    let mut table = Table::new();
    table
        .load_style(presets::NOTHING)
        .set_content_arrangement(ContentArrangement::Dynamic)
        .set_width(v.width.min(u16::MAX as usize) as u16);
    if v.color {
        table.enforce_styling();
    } else {
        table.force_no_tty();
    }
    table
}

/// A table of `rows` under `header`, each row's cells as `cells` makes them; nothing
/// at all when there are no rows.
pub(super) fn write_table_rows<T>(
    w: &mut dyn Write,
    v: &View,
    header: &[&str],
    rows: &[T],
    cells: impl Fn(&T) -> Vec<Cell>,
) -> io::Result<()> {
    if rows.is_empty() {
        return Ok(());
    }
    let mut table = new_table(v);
    table.set_header(header_cells(v.color, header));
    for r in rows {
        table.add_row(cells(r));
    }
    write_table_lines(w, &table)
}

pub(super) fn write_table_lines(w: &mut dyn Write, table: &Table) -> io::Result<()> {
    for line in table.lines() {
        writeln!(w, "{}", line.trim_end())?;
    }
    Ok(())
}

/// `kb list`.
pub fn write_articles(
    w: &mut dyn Write,
    rows: &[Article],
    v: &View,
    format: ListFormat,
) -> io::Result<()> {
    match format {
        ListFormat::Json | ListFormat::Jsonl => write_json_rows(w, rows, article_json, format),
        ListFormat::Tsv => {
            let header = ["id", "category", "tags", "uses", "updated_at", "title"];
            write_tsv_rows(w, &header, rows, |a| {
                vec![
                    a.id.to_string(),
                    one_line(a.category.as_deref().unwrap_or("")),
                    one_line(&a.tags.join(", ")),
                    a.uses.to_string(),
                    rfc3339(a.updated_at),
                    one_line(&a.title),
                ]
            })
        }
        ListFormat::Csv => {
            let mut cw = csv::Writer::from_writer(w);
            cw.write_record(CSV_COLUMNS)?;
            for a in rows {
                cw.write_record(super::csv_fields(&article_json(a), CSV_COLUMNS, v.terminal))?;
            }
            cw.flush()
        }
        ListFormat::Table => {
            let header = ["ID", "CATEGORY", "USES", "UPDATED", "TITLE"];
            write_table_rows(w, v, &header, rows, |a| {
                vec![
                    Cell::new(a.id),
                    Cell::new(one_line(a.category.as_deref().unwrap_or("-"))),
                    Cell::new(a.uses),
                    Cell::new(local_short(a.updated_at, v.tz)),
                    Cell::new(one_line(&a.title)),
                ]
            })
        }
    }
}

/// A snippet on one line, at most `max` columns: whitespace runs become one space,
/// control characters are escaped, matched words are bold when colour is on.
pub fn snippet_line(snippet: &str, max: usize, color: bool) -> String {
    let mut out = String::new();
    let mut used = 0;
    let mut last_space = true;
    for (text, marked) in snippet_segments(snippet) {
        let mut piece = String::new();
        for c in text.chars() {
            if c.is_whitespace() {
                if !last_space {
                    piece.push(' ');
                }
                last_space = true;
            } else {
                piece.push(c);
                last_space = false;
            }
        }
        let piece = one_line(&piece);
        let w = width(&piece);
        let (piece, done) = if used + w > max {
            (truncate(&piece, max.saturating_sub(used)), true)
        } else {
            (piece, false)
        };
        used += width(&piece);
        if marked {
            out.push_str(&paint(color, "1", &piece));
        } else {
            out.push_str(&piece);
        }
        if done {
            break;
        }
    }
    out.trim_end().to_string()
}

/// `kb search` and `kb suggest`.
pub fn write_hits(w: &mut dyn Write, hits: &[Hit], v: &View, format: ListFormat) -> io::Result<()> {
    match format {
        ListFormat::Json | ListFormat::Jsonl => write_json_rows(w, hits, hit_json, format),
        ListFormat::Tsv => {
            let header = ["id", "score", "category", "title", "snippet"];
            write_tsv_rows(w, &header, hits, |h| {
                let a = &h.article;
                vec![
                    a.id.to_string(),
                    h.score.to_string(),
                    one_line(a.category.as_deref().unwrap_or("")),
                    one_line(&a.title),
                    snippet_line(&h.snippet, usize::MAX, false),
                ]
            })
        }
        ListFormat::Csv => {
            let mut columns = CSV_COLUMNS.to_vec();
            columns.extend(["score", "snippet"]);
            let mut cw = csv::Writer::from_writer(w);
            cw.write_record(&columns)?;
            for h in hits {
                cw.write_record(super::csv_fields(&hit_json(h), &columns, v.terminal))?;
            }
            cw.flush()
        }
        ListFormat::Table => {
            // Like a search engine's page: the title on one line, the passage that
            // matched under it.
            let id_width = hits
                .iter()
                .map(|h| h.article.id.to_string().len())
                .max()
                .unwrap_or(1);
            for h in hits {
                let a = &h.article;
                let category = a
                    .category
                    .as_deref()
                    .map(|c| format!("  ({})", one_line(c)))
                    .unwrap_or_default();
                let title_room = v.width.saturating_sub(id_width + 2 + width(&category));
                writeln!(
                    w,
                    "{:>id_width$}  {}{}",
                    a.id,
                    paint(
                        v.color,
                        "1",
                        &truncate(&one_line(&a.title), title_room.max(10))
                    ),
                    category
                )?;
                let snippet =
                    snippet_line(&h.snippet, v.width.saturating_sub(id_width + 2), v.color);
                if !snippet.is_empty() {
                    writeln!(w, "{:id_width$}  {snippet}", "")?;
                }
            }
            Ok(())
        }
    }
}

/// The `kb show` page.
pub fn write_article_text(
    w: &mut dyn Write,
    a: &Article,
    tz: &Zone,
    color: bool,
) -> io::Result<()> {
    writeln!(
        w,
        "{} {}",
        paint(color, "1", &format!("KB {}", a.id)),
        paint(color, "1", &one_line(&a.title))
    )?;
    let mut fields: Vec<(&str, String)> = Vec::new();
    if let Some(c) = &a.category {
        fields.push(("category", c.clone()));
    }
    if !a.tags.is_empty() {
        fields.push(("tags", a.tags.join(", ")));
    }
    fields.push(("author", a.author.clone()));
    if let Some(t) = a.source_ticket {
        fields.push(("from ticket", format!("#{t}")));
    }
    fields.push(("created", local_short(a.created_at, tz)));
    if a.updated_at != a.created_at {
        fields.push(("updated", local_short(a.updated_at, tz)));
    }
    fields.push((
        "uses",
        match a.uses {
            1 => "1 ticket resolved with it".into(),
            n => format!("{n} tickets resolved with it"),
        },
    ));
    for (k, val) in fields {
        writeln!(w, "  {:<12} {}", format!("{k}:"), one_line(&val))?;
    }
    if !a.body.is_empty() {
        writeln!(w)?;
        for line in escape(&a.body, true).lines() {
            writeln!(w, "  {line}")?;
        }
    }
    Ok(())
}
