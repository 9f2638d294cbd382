//! SQL for `desk import` and `desk export`: filing a ticket with its whole history in
//! as few statements as possible (the SLA cache and `status_at` go in with the row),
//! articles with the ids they carry, links whose other end comes later in the file,
//! and reading everything back out in id order one row at a time, so memory stays
//! flat however big the database.

use super::tickets::{SlaCache, insert_row};
use crate::domain::article::Article;
use crate::domain::ticket::{Comment, Event, LinkKind, Ticket};
use anyhow::Result;
use chrono::{DateTime, Utc};
use rusqlite::{Connection, ErrorCode, OptionalExtension, params};

/// Inserts an imported ticket with its SLA cache. Keeps `t.id` when it is free; when
/// it is taken (or 0) the ticket gets the next free id. Returns the id it got.
pub fn insert_ticket_with_cache(
    conn: &Connection,
    t: &Ticket,
    status_at: Option<DateTime<Utc>>,
    c: &SlaCache,
) -> Result<i64> {
    if t.id > 0 {
        match insert_row(conn, Some(t.id), t, status_at, c) {
            Ok(id) => return Ok(id),
            Err(rusqlite::Error::SqliteFailure(e, _))
                if e.code == ErrorCode::ConstraintViolation
                    && e.extended_code == rusqlite::ffi::SQLITE_CONSTRAINT_PRIMARYKEY => {}
            Err(e) => return Err(e.into()),
        }
    }
    Ok(insert_row(conn, None, t, status_at, c)?)
}

/// Appends an event of an imported history (the ticket's `status_at` was set with it).
pub fn insert_history_event(conn: &Connection, ticket: i64, e: &Event) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO events (ticket_id, at, recorded_at, actor, action, detail, status)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?
    .execute(params![
        ticket,
        e.at.timestamp(),
        e.recorded_at.timestamp(),
        e.actor,
        e.action,
        e.detail,
        e.status.map(|s| s.as_str()),
    ])?;
    Ok(())
}

/// Inserts an article, keeping `a.id` when it is free; returns the id it got.
pub fn insert_article(conn: &Connection, a: &Article) -> Result<i64> {
    let free = a.id > 0 && !article_exists(conn, a.id)?;
    super::kb::insert_article(
        conn,
        &Article {
            id: if free { a.id } else { 0 },
            ..a.clone()
        },
    )
}

pub fn article_exists(conn: &Connection, id: i64) -> Result<bool> {
    Ok(conn
        .prepare_cached("SELECT 1 FROM articles WHERE id = ?1")?
        .exists([id])?)
}

/// Points an imported article at its source ticket's id in this database.
pub fn set_article_source(conn: &Connection, id: i64, ticket: Option<i64>) -> Result<()> {
    conn.prepare_cached("UPDATE articles SET source_ticket = ?2 WHERE id = ?1")?
        .execute(params![id, ticket])?;
    Ok(())
}

/// Every article in id order, one at a time, with its `uses`.
pub fn for_each_article(conn: &Connection, mut f: impl FnMut(Article) -> Result<()>) -> Result<()> {
    let mut stmt = conn.prepare(&format!(
        "SELECT {} FROM articles a ORDER BY a.id",
        super::kb::COLUMNS
    ))?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        f(super::kb::article_from_row(r)?)?;
    }
    Ok(())
}

/// A link named in the file whose other end was not filed yet.
#[derive(Debug, Clone, PartialEq)]
pub struct PendingLink {
    /// The line of the file that named it.
    pub line: u64,
    /// The id the linking ticket got.
    pub ticket: i64,
    /// The other end, as the file numbers it.
    pub other: i64,
    pub kind: LinkKind,
}

/// A scratch table (this connection only) for links to tickets later in the file:
/// on disk rather than in memory, so a million links cost no memory.
pub fn begin_pending_links(conn: &Connection) -> Result<()> {
    conn.execute_batch(
        "CREATE TEMP TABLE IF NOT EXISTS import_links (
            line INTEGER NOT NULL, ticket INTEGER NOT NULL, other INTEGER NOT NULL,
            kind TEXT NOT NULL);
         DELETE FROM temp.import_links;",
    )?;
    Ok(())
}

pub fn insert_pending_link(conn: &Connection, l: &PendingLink) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO temp.import_links (line, ticket, other, kind) VALUES (?1, ?2, ?3, ?4)",
    )?
    .execute(params![l.line as i64, l.ticket, l.other, l.kind.as_str()])?;
    Ok(())
}

/// The pending links in the order they were named, then the scratch table is emptied.
pub fn drain_pending_links(
    conn: &Connection,
    mut f: impl FnMut(PendingLink) -> Result<()>,
) -> Result<()> {
    {
        let mut stmt =
            conn.prepare("SELECT line, ticket, other, kind FROM temp.import_links ORDER BY rowid")?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            let kind: String = r.get(3)?;
            f(PendingLink {
                line: r.get::<_, i64>(0)? as u64,
                ticket: r.get(1)?,
                other: r.get(2)?,
                kind: LinkKind::parse(&kind).unwrap_or(LinkKind::Related),
            })?;
        }
    }
    conn.execute_batch("DROP TABLE temp.import_links")?;
    Ok(())
}

/// The full-text triggers on tickets and comments as 0001 made them. FTS5 flushes its
/// pending index to disk at every statement savepoint, and a trigger gives every
/// INSERT one: at a million rows that is most of an import's time. While an import
/// runs, these two triggers are set aside and the rows indexed by single-row inserts
/// (no savepoint: the index grows in memory and is written in large pieces), then the
/// triggers are put back as they were, all inside the import's transaction. Only when
/// the triggers are exactly these: a later migration that changes them makes the
/// import take the slow, always-right path instead.
const FTS_TRIGGERS: &[(&str, &str)] = &[
    (
        "tickets_fts_insert",
        "CREATE TRIGGER tickets_fts_insert AFTER INSERT ON tickets BEGIN INSERT INTO tickets_fts(rowid, title, description) VALUES (new.id, desk_fold(new.title), desk_fold(new.description)); END",
    ),
    (
        "comments_fts_insert",
        "CREATE TRIGGER comments_fts_insert AFTER INSERT ON comments BEGIN INSERT INTO comments_fts(rowid, text) VALUES (new.id, desk_fold(new.text)); END",
    ),
];

fn squeeze(sql: &str) -> String {
    sql.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Indexing done by the importer instead of the triggers; see [`FTS_TRIGGERS`].
pub struct FtsPaused {
    saved: Vec<String>,
}

/// Sets the full-text insert triggers aside if they are the ones this code mirrors.
pub fn pause_fts_triggers(conn: &Connection) -> Result<Option<FtsPaused>> {
    let mut saved = Vec::new();
    for (name, want) in FTS_TRIGGERS {
        let sql: Option<String> = conn
            .prepare("SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?1")?
            .query_row([name], |r| r.get(0))
            .optional()?;
        match sql {
            Some(sql) if squeeze(&sql) == *want => saved.push(sql),
            _ => return Ok(None),
        }
    }
    for (name, _) in FTS_TRIGGERS {
        conn.execute_batch(&format!("DROP TRIGGER {name}"))?;
    }
    Ok(Some(FtsPaused { saved }))
}

/// Puts the triggers back exactly as they were.
pub fn resume_fts_triggers(conn: &Connection, p: FtsPaused) -> Result<()> {
    for sql in p.saved {
        conn.execute_batch(&sql)?;
    }
    Ok(())
}

/// What `tickets_fts_insert` does, for one ticket.
pub fn index_ticket(conn: &Connection, t: &Ticket, id: i64) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO tickets_fts(rowid, title, description)
         VALUES (?1, desk_fold(?2), desk_fold(?3))",
    )?
    .execute(params![id, t.title, t.description])?;
    Ok(())
}

/// Inserts a comment and does what `comments_fts_insert` does for it.
pub fn insert_indexed_comment(conn: &Connection, ticket: i64, c: &Comment) -> Result<()> {
    super::tickets::insert_comment(conn, ticket, c, c.at, false)?;
    let id = conn.last_insert_rowid();
    conn.prepare_cached("INSERT INTO comments_fts(rowid, text) VALUES (?1, desk_fold(?2))")?
        .execute(params![id, c.text])?;
    Ok(())
}

/// `CHECK` constraints with `IN (...)` lists cost SQLite a temporary b-tree per list
/// per row (eight for a ticket), which at a million rows is most of the work. The
/// importer validates every value into a domain type before it reaches SQL (enums,
/// tiers, counts, minutes, non-empty titles, self-links refused), so for its
/// transaction it asks SQLite not to check them again. Connection-wide: turned back on
/// when the import ends, whether it succeeded or not.
pub fn skip_check_constraints(conn: &Connection, skip: bool) -> Result<()> {
    // A larger page cache while importing (4 MiB, well within the import's memory budget)
    // keeps the indexes' pages in memory instead of spilling them to the WAL again and
    // again.
    conn.execute_batch(if skip {
        "PRAGMA ignore_check_constraints = ON; PRAGMA cache_size = -4096"
    } else {
        "PRAGMA ignore_check_constraints = OFF; PRAGMA cache_size = -2000"
    })?;
    Ok(())
}
