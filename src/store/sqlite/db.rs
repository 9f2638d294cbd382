//! SQLite's side of `desk db`: what the file holds (counts), whether it is sound (SQLite's
//! integrity and foreign-key checks, and the full-text indexes compared with the text
//! they index), and a consistent copy taken while others write (SQLite's online backup).

use crate::store::Problem;
use anyhow::{Context as _, Result, bail};
use rusqlite::backup::{Backup, StepResult};
use rusqlite::{Connection, OptionalExtension};
use std::path::Path;
use std::time::Instant;

/// The rows of each table, in the order `desk db status` shows them.
pub fn counts(conn: &Connection) -> Result<Vec<(&'static str, i64)>> {
    let mut out = Vec::new();
    for (name, sql) in [
        ("tickets", "SELECT count(*) FROM tickets"),
        (
            "active",
            "SELECT count(*) FROM tickets WHERE status IN ('new', 'open', 'waiting')",
        ),
        ("events", "SELECT count(*) FROM events"),
        ("comments", "SELECT count(*) FROM comments"),
        ("worklog", "SELECT count(*) FROM worklog"),
        ("links", "SELECT count(*) FROM links"),
        ("articles", "SELECT count(*) FROM articles"),
        ("messages", "SELECT count(*) FROM messages"),
    ] {
        out.push((name, conn.query_row(sql, [], |r| r.get(0))?));
    }
    Ok(out)
}

/// The size of the file in bytes (its WAL not included), from SQLite's own count.
pub fn size_bytes(conn: &Connection) -> Result<i64> {
    Ok(conn.query_row(
        "SELECT page_count * page_size FROM pragma_page_count(), pragma_page_size()",
        [],
        |r| r.get(0),
    )?)
}

/// The journal mode of the file (`wal` normally). A file read as it stands (opened
/// immutable, see `Store::open_for`) reports `delete` whatever it is: its header says.
pub fn journal_mode(conn: &Connection, path: &Path) -> Result<String> {
    let mode: String = conn.query_row("PRAGMA journal_mode", [], |r| r.get(0))?;
    if mode == "delete" {
        use std::io::Read;
        let mut header = [0u8; 20];
        if std::fs::File::open(path)
            .and_then(|mut f| f.read_exact(&mut header))
            .is_ok()
            && header[18] == 2
        {
            return Ok("wal".into());
        }
    }
    Ok(mode)
}

/// Copies the database `src` is connected to into a new file `target`, with SQLite's
/// online backup in one step: one read snapshot, so the copy is the database as of one
/// moment however many write meanwhile (in WAL mode they do not wait for it). The copy
/// is made under a temporary name beside `target` (mode 0600) and only then takes its
/// name, never replacing a file that is there.
pub fn backup_to(src: &Connection, target: &Path, replace: bool) -> Result<()> {
    let dir = match target.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let tmp = tempfile::Builder::new()
        .prefix(".desk-backup-")
        .tempfile_in(dir)
        .with_context(|| format!("making a file in {}", dir.display()))?;
    {
        let mut dst = Connection::open(tmp.path())?;
        let backup = Backup::new(src, &mut dst)?;
        let started = Instant::now();
        loop {
            match backup.step(-1)? {
                StepResult::Done => break,
                StepResult::More => {}
                StepResult::Busy | StepResult::Locked => {
                    if started.elapsed() > super::busy_timeout() {
                        return Err(crate::store::StoreError::new(
                            crate::store::StoreErrorKind::Locked,
                            "the database stayed locked during the backup",
                            "try again in a moment",
                        )
                        .into());
                    }
                    std::thread::sleep(std::time::Duration::from_millis(20));
                }
                _ => bail!("the backup stopped unexpectedly"),
            }
        }
        drop(backup);
        // One file, nothing beside it: the copy stands on its own.
        let _: String = dst.query_row("PRAGMA journal_mode = DELETE", [], |r| r.get(0))?;
        dst.close().map_err(|(_, e)| e)?;
    }
    tmp.as_file().sync_all()?;
    let named = if replace {
        tmp.persist(target)
    } else {
        tmp.persist_noclobber(target)
    };
    named
        .map_err(|e| e.error)
        .with_context(|| format!("naming the copy {}", target.display()))?;
    Ok(())
}

/// The full-text tables, the table whose text each indexes, and the columns (since
/// migration 0004 the text as `desk_tokens` makes it, split by the `ascii` tokenizer;
/// before it, folded by `desk_fold` and split by `unicode61`).
const FTS: &[(&str, &str, &[&str])] = &[
    ("tickets_fts", "tickets", &["title", "description"]),
    ("comments_fts", "comments", &["text"]),
    ("articles_fts", "articles", &["title", "body"]),
];

/// At most this many problems of one kind are named.
const SHOWN: usize = 10;

/// Runs every check; an empty list is a sound database.
pub fn check(conn: &Connection) -> Result<Vec<Problem>> {
    let mut problems = Vec::new();
    // The file itself: pages, b-trees, indexes against their tables, constraints.
    {
        let mut stmt = conn.prepare("PRAGMA integrity_check")?;
        let rows: Vec<String> = stmt
            .query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        if rows != ["ok"] {
            for r in rows.into_iter().take(SHOWN) {
                problems.push(Problem {
                    check: "integrity",
                    detail: r,
                });
            }
        }
    }
    // References: an event, comment, link... naming a ticket or article that is gone.
    {
        let mut stmt = conn.prepare("PRAGMA foreign_key_check")?;
        let rows: Vec<(String, Option<i64>, String)> = stmt
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
            .collect::<rusqlite::Result<_>>()?;
        let n = rows.len();
        for (table, rowid, parent) in rows.into_iter().take(SHOWN) {
            problems.push(Problem {
                check: "references",
                detail: format!(
                    "{table} row {} names a row of {parent} that does not exist",
                    rowid.map_or_else(|| "?".into(), |r| r.to_string())
                ),
            });
        }
        if n > SHOWN {
            problems.push(Problem {
                check: "references",
                detail: format!("and {} more", n - SHOWN),
            });
        }
    }
    if problems.iter().any(|p| p.check == "integrity") {
        // A damaged file: reading the indexes may fail or mislead.
        return Ok(problems);
    }
    for (fts, content, cols) in FTS {
        if let Some(detail) = compare_fts(conn, fts, content, cols)? {
            problems.push(Problem {
                check: "search index",
                detail,
            });
        }
    }
    Ok(problems)
}

/// Compares a full-text index with the text it should hold: a scratch index (in the
/// connection's temp schema, so this works on a read-only file) is built from the
/// content table as the triggers fold it, and every (term, row, column, position) of
/// the two must be the same. Returns what differs.
fn compare_fts(
    conn: &Connection,
    fts: &str,
    content: &str,
    cols: &[&str],
) -> Result<Option<String>> {
    // The index as this file's schema made it: desk's words (0004 on), or the text
    // folded for unicode61 (a file not yet brought up to date).
    let made: Option<String> = conn
        .query_row(
            "SELECT sql FROM main.sqlite_master WHERE type = 'table' AND name = ?1",
            [fts],
            |r| r.get(0),
        )
        .optional()?;
    let (function, tokenizer) = match made {
        Some(sql) if sql.contains("'unicode61") => ("desk_fold", "unicode61 remove_diacritics 2"),
        _ => ("desk_tokens", "ascii"),
    };
    let folded: Vec<String> = cols.iter().map(|c| format!("{function}({c})")).collect();
    conn.execute_batch(&format!(
        "DROP TABLE IF EXISTS temp.check_fts; DROP TABLE IF EXISTS temp.check_have;
         DROP TABLE IF EXISTS temp.check_want;
         CREATE VIRTUAL TABLE temp.check_fts USING fts5({cols}, content = '',
             tokenize = '{tokenizer}');
         INSERT INTO temp.check_fts(rowid, {cols}) SELECT id, {folded} FROM main.{content};
         CREATE VIRTUAL TABLE temp.check_have USING fts5vocab(main, {fts}, instance);
         CREATE VIRTUAL TABLE temp.check_want USING fts5vocab(temp, check_fts, instance);",
        cols = cols.join(", "),
        folded = folded.join(", "),
    ))?;
    let differing = (|| -> rusqlite::Result<Vec<i64>> {
        let mut stmt = conn.prepare(
            "SELECT DISTINCT doc FROM (
                 SELECT * FROM (SELECT term, doc, col, offset FROM temp.check_have
                                EXCEPT SELECT term, doc, col, offset FROM temp.check_want)
                 UNION ALL
                 SELECT * FROM (SELECT term, doc, col, offset FROM temp.check_want
                                EXCEPT SELECT term, doc, col, offset FROM temp.check_have))
             ORDER BY doc",
        )?;
        stmt.query_map([], |r| r.get(0))?.collect()
    })();
    conn.execute_batch(
        "DROP TABLE temp.check_have; DROP TABLE temp.check_want; DROP TABLE temp.check_fts;",
    )?;
    let differing = match differing {
        Ok(d) => d,
        // An index too broken to read is as wrong as one that disagrees.
        Err(e) => return Ok(Some(format!("{fts} cannot be read: {e}"))),
    };
    if differing.is_empty() {
        return Ok(None);
    }
    let shown: Vec<String> = differing
        .iter()
        .take(SHOWN)
        .map(|d| d.to_string())
        .collect();
    Ok(Some(format!(
        "{fts} does not match the text of {content} {}{}",
        shown.join(", "),
        if differing.len() > SHOWN {
            format!(" and {} more", differing.len() - SHOWN)
        } else {
            String::new()
        }
    )))
}
