//! SQL for `desk import` and `desk export`: filing a ticket with its whole history in
//! as few statements as possible (the SLA cache and `status_at` go in with the row),
//! articles with the ids they carry, links whose other end comes later in the file,
//! and reading everything back out in id order one row at a time, so memory stays
//! flat however big the database.

use super::kb::{INSERT_ARTICLE, bind_article};
use super::tickets::{
    INSERT_COMMENT, INSERT_EVENT, INSERT_TICKET, INSERT_WORK, bind_comment, bind_event,
    bind_ticket_row, bind_work,
};
use crate::domain::article::Article;
use crate::domain::ticket::{Comment, Event, LinkKind, WorkEntry};
use crate::store::{
    IdKind, Import, ImportedTicket, IndexText, NewComment, NewWork, PendingLink, PendingSource,
};
use anyhow::Result;

use rusqlite::{Connection, ErrorCode, OptionalExtension, Statement, params};

/// The import's side of the database: every statement it runs per record, prepared
/// once for the whole file, and the scratch tables for what must wait until the end.
pub struct Importing<'c> {
    conn: &'c Connection,
    ticket: Statement<'c>,
    event: Statement<'c>,
    comment: Statement<'c>,
    work: Statement<'c>,
    article: Statement<'c>,
    article_exists: Statement<'c>,
    /// The full-text inserts, when the triggers are set aside (see [`FTS_TRIGGERS`]).
    fts: Option<FtsInserts<'c>>,
    /// The secondary indexes dropped for an import into an empty database.
    indexes: Option<IndexesAside>,
}

struct FtsInserts<'c> {
    paused: FtsPaused,
    ticket: Statement<'c>,
    comment: Statement<'c>,
    article: Statement<'c>,
}

impl<'c> Importing<'c> {
    /// Makes the scratch tables (this connection only, on disk rather than in memory,
    /// so a million pending links or renumbered ids cost no memory), sets the
    /// full-text triggers aside when they are the ones this code mirrors, and prepares
    /// the statements.
    pub fn begin(conn: &'c Connection) -> Result<Importing<'c>> {
        conn.execute_batch(
            "CREATE TEMP TABLE IF NOT EXISTS import_links (
                line INTEGER NOT NULL, ticket INTEGER NOT NULL, other INTEGER NOT NULL,
                kind TEXT NOT NULL);
             DELETE FROM temp.import_links;
             CREATE TEMP TABLE IF NOT EXISTS import_ids (
                kind INTEGER NOT NULL, file_id INTEGER NOT NULL, here INTEGER NOT NULL,
                PRIMARY KEY (kind, file_id)) WITHOUT ROWID;
             DELETE FROM temp.import_ids;
             CREATE TEMP TABLE IF NOT EXISTS import_sources (
                line INTEGER NOT NULL, article INTEGER NOT NULL, ticket INTEGER NOT NULL);
             DELETE FROM temp.import_sources;",
        )?;
        // Before the statements are prepared: they must not plan with these indexes.
        let indexes = set_indexes_aside(conn)?;
        if indexes.is_some() {
            // Without the secondary indexes every insert goes to the right edge of its
            // b-tree: a small page cache does as well as a large one (measured again
            // in WAL mode: 8 and 32 MiB, or a second thread for the sorts that make
            // the indexes again, were no faster and cost memory), and leaves memory
            // for those sorts.
            conn.execute_batch("PRAGMA cache_size = -1024")?;
        }
        let fts = match pause_fts_triggers(conn)? {
            Some(paused) => Some(FtsInserts {
                paused,
                ticket: conn.prepare(
                    "INSERT INTO tickets_fts(rowid, title, description) VALUES (?1, ?2, ?3)",
                )?,
                comment: conn.prepare("INSERT INTO comments_fts(rowid, text) VALUES (?1, ?2)")?,
                article: conn
                    .prepare("INSERT INTO articles_fts(rowid, title, body) VALUES (?1, ?2, ?3)")?,
            }),
            None => None,
        };
        Ok(Importing {
            conn,
            ticket: conn.prepare(INSERT_TICKET)?,
            event: conn.prepare(INSERT_EVENT)?,
            comment: conn.prepare(INSERT_COMMENT)?,
            work: conn.prepare(INSERT_WORK)?,
            article: conn.prepare(INSERT_ARTICLE)?,
            article_exists: conn.prepare("SELECT 1 FROM articles WHERE id = ?1")?,
            fts,
            indexes,
        })
    }

    /// Inserts an imported ticket with its SLA cache and indexes its text (title and
    /// description as `desk_tokens` makes them). Keeps `t.id` when it is free; when it is
    /// taken (or 0) the ticket gets the next free id. Returns the id it got.
    pub fn insert_ticket(&mut self, it: &ImportedTicket) -> Result<i64> {
        let (t, status_at, c) = (it.ticket, it.status_at, it.cache);
        let mut inserted = false;
        if t.id > 0 {
            bind_ticket_row(&mut self.ticket, Some(t.id), t, status_at, c)?;
            match self.ticket.raw_execute() {
                Ok(_) => inserted = true,
                Err(rusqlite::Error::SqliteFailure(e, _))
                    if e.code == ErrorCode::ConstraintViolation
                        && e.extended_code == rusqlite::ffi::SQLITE_CONSTRAINT_PRIMARYKEY => {}
                Err(e) => return Err(e.into()),
            }
        }
        if !inserted {
            bind_ticket_row(&mut self.ticket, None, t, status_at, c)?;
            self.ticket.raw_execute()?;
        }
        let id = self.conn.last_insert_rowid();
        // What `tickets_fts_insert` does.
        if let Some(f) = &mut self.fts {
            f.ticket.raw_bind_parameter(1, id)?;
            f.ticket.raw_bind_parameter(2, it.text.title)?;
            f.ticket.raw_bind_parameter(3, it.text.body)?;
            f.ticket.raw_execute()?;
        }
        Ok(id)
    }

    /// Appends an event of an imported history (the ticket's `status_at` was set with it).
    pub fn insert_event(&mut self, ticket: i64, e: &Event) -> Result<()> {
        bind_event(&mut self.event, ticket, e)?;
        self.event.raw_execute()?;
        Ok(())
    }

    /// Inserts a comment (recorded when it was made) and indexes its text as
    /// `desk_tokens` makes it.
    pub fn insert_comment(&mut self, ticket: i64, c: &Comment, folded_text: &str) -> Result<()> {
        let new = NewComment {
            ticket,
            comment: c,
            recorded_at: c.at,
            from_mail: false,
        };
        bind_comment(&mut self.comment, &new)?;
        self.comment.raw_execute()?;
        // What `comments_fts_insert` does.
        if let Some(f) = &mut self.fts {
            f.comment
                .raw_bind_parameter(1, self.conn.last_insert_rowid())?;
            f.comment.raw_bind_parameter(2, folded_text)?;
            f.comment.raw_execute()?;
        }
        Ok(())
    }

    /// Inserts a work-log entry (recorded when it was done).
    pub fn insert_work(&mut self, ticket: i64, w: &WorkEntry) -> Result<()> {
        let new = NewWork {
            ticket,
            entry: w,
            recorded_at: w.at,
        };
        bind_work(&mut self.work, &new)?;
        self.work.raw_execute()?;
        Ok(())
    }

    /// Inserts an article, keeping `a.id` when it is free, and indexes its title and
    /// body as `desk_tokens` makes them; returns the id it got.
    pub fn insert_article(&mut self, a: &Article, text: IndexText) -> Result<i64> {
        let free = a.id > 0 && !self.article_exists(a.id)?;
        bind_article(&mut self.article, free.then_some(a.id), a)?;
        self.article.raw_execute()?;
        let id = self.conn.last_insert_rowid();
        // What `articles_fts_insert` does.
        if let Some(f) = &mut self.fts {
            f.article.raw_bind_parameter(1, id)?;
            f.article.raw_bind_parameter(2, text.title)?;
            f.article.raw_bind_parameter(3, text.body.unwrap_or(""))?;
            f.article.raw_execute()?;
        }
        Ok(id)
    }

    pub fn article_exists(&mut self, id: i64) -> Result<bool> {
        Ok(self.article_exists.exists([id])?)
    }

    /// Remembers that the file's `file_id` is `here` in this database (only ids that
    /// changed are kept; the first the file gave wins).
    pub fn remember_id(&self, kind: IdKind, file_id: i64, here: i64) -> Result<()> {
        self.conn
            .prepare_cached(
                "INSERT OR IGNORE INTO temp.import_ids (kind, file_id, here) VALUES (?1, ?2, ?3)",
            )?
            .execute(params![kind as i64, file_id, here])?;
        Ok(())
    }

    /// The id here of a file id that [`Importing::remember_id`] kept.
    pub fn remembered_id(&self, kind: IdKind, file_id: i64) -> Result<Option<i64>> {
        Ok(self
            .conn
            .prepare_cached("SELECT here FROM temp.import_ids WHERE kind = ?1 AND file_id = ?2")?
            .query_row(params![kind as i64, file_id], |r| r.get(0))
            .optional()?)
    }

    /// An article whose source ticket is numbered as the file numbers it, to be
    /// pointed at that ticket's id here once the whole file is in.
    pub fn remember_source(&self, line: u64, article: i64, ticket: i64) -> Result<()> {
        self.conn
            .prepare_cached(
                "INSERT INTO temp.import_sources (line, article, ticket) VALUES (?1, ?2, ?3)",
            )?
            .execute(params![line as i64, article, ticket])?;
        Ok(())
    }

    pub fn insert_pending_link(&self, l: &PendingLink) -> Result<()> {
        self.conn
            .prepare_cached(
                "INSERT INTO temp.import_links (line, ticket, other, kind) VALUES (?1, ?2, ?3, ?4)",
            )?
            .execute(params![l.line as i64, l.ticket, l.other, l.kind.as_str()])?;
        Ok(())
    }

    /// Puts the full-text triggers and the indexes back and empties the scratch tables.
    pub fn finish(self) -> Result<()> {
        let conn = self.conn;
        let fts = self.fts.map(|f| f.paused);
        drop((
            self.ticket,
            self.event,
            self.comment,
            self.work,
            self.article,
        ));
        if let Some(p) = fts {
            resume_fts_triggers(conn, p)?;
        }
        if let Some(aside) = self.indexes {
            // FTS5 writes out the index it holds in memory at a savepoint: memory for
            // the sorts instead.
            conn.execute_batch("SAVEPOINT import_fts; RELEASE import_fts;")?;
            for sql in aside.saved {
                conn.execute_batch(&sql)?;
            }
        }
        conn.execute_batch(
            "DROP TABLE temp.import_links; DROP TABLE temp.import_ids;
             DROP TABLE temp.import_sources;",
        )?;
        Ok(())
    }
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

/// The full-text insert triggers on tickets, comments and articles as 0004 made them.
/// FTS5 flushes its pending index to disk at every statement savepoint, and a trigger
/// gives every INSERT one: at a million rows that is most of an import's time. While an import
/// runs, these triggers are set aside and the rows indexed by single-row inserts
/// (no savepoint: the index grows in memory and is written in large pieces), then the
/// triggers are put back as they were, all inside the import's transaction. Only when
/// the triggers are exactly these: a later migration that changes them makes the
/// import take the slow, always-right path instead.
const FTS_TRIGGERS: &[(&str, &str)] = &[
    (
        "tickets_fts_insert",
        "CREATE TRIGGER tickets_fts_insert AFTER INSERT ON tickets BEGIN INSERT INTO tickets_fts(rowid, title, description) VALUES (new.id, desk_tokens(new.title), desk_tokens(new.description)); END",
    ),
    (
        "comments_fts_insert",
        "CREATE TRIGGER comments_fts_insert AFTER INSERT ON comments BEGIN INSERT INTO comments_fts(rowid, text) VALUES (new.id, desk_tokens(new.text)); END",
    ),
    (
        "articles_fts_insert",
        "CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN INSERT INTO articles_fts(rowid, title, body) VALUES (new.id, desk_tokens(new.title), desk_tokens(new.body)); END",
    ),
];

/// The tables an import writes to.
const IMPORTED_TABLES: &str = "'tickets', 'articles', 'events', 'comments', 'worklog', 'links'";

/// Secondary indexes dropped while importing into an empty database, and their SQL to
/// create them again, in the order they were made.
struct IndexesAside {
    saved: Vec<String>,
}

/// Into an empty database, the import drops the secondary indexes of the tables it
/// fills and makes them again at the end, inside its transaction: one sort per index
/// instead of a b-tree insert per row and index (and for the queue's partial index, a
/// temporary b-tree per row for its `status IN (...)`). Unique indexes stay: they
/// refuse a record at its own line. Not into a database with rows, where making the
/// indexes again would cost more than the import saves.
fn set_indexes_aside(conn: &Connection) -> Result<Option<IndexesAside>> {
    if !is_empty(conn)? {
        return Ok(None);
    }
    let mut aside = Vec::new();
    {
        let mut stmt = conn.prepare(&format!(
            "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL
             AND tbl_name IN ({IMPORTED_TABLES}) ORDER BY rowid"
        ))?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            let (name, sql): (String, String) = (r.get(0)?, r.get(1)?);
            if squeeze(&sql)
                .to_ascii_uppercase()
                .starts_with("CREATE INDEX ")
            {
                aside.push((name, sql));
            }
        }
    }
    let mut saved = Vec::with_capacity(aside.len());
    for (name, sql) in aside {
        conn.execute_batch(&format!("DROP INDEX \"{}\"", name.replace('"', "\"\"")))?;
        saved.push(sql);
    }
    Ok(Some(IndexesAside { saved }))
}

/// No rows in any table an import fills (settings may have been changed already).
fn is_empty(conn: &Connection) -> Result<bool> {
    Ok(conn.query_row(
        "SELECT NOT EXISTS (SELECT 1 FROM tickets) AND NOT EXISTS (SELECT 1 FROM articles)
            AND NOT EXISTS (SELECT 1 FROM events) AND NOT EXISTS (SELECT 1 FROM comments)
            AND NOT EXISTS (SELECT 1 FROM worklog) AND NOT EXISTS (SELECT 1 FROM links)",
        [],
        |r| r.get(0),
    )?)
}

fn squeeze(sql: &str) -> String {
    sql.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Indexing done by the importer instead of the triggers; see [`FTS_TRIGGERS`].
struct FtsPaused {
    saved: Vec<String>,
}

/// Sets the full-text insert triggers aside if they are the ones this code mirrors.
fn pause_fts_triggers(conn: &Connection) -> Result<Option<FtsPaused>> {
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
fn resume_fts_triggers(conn: &Connection, p: FtsPaused) -> Result<()> {
    for sql in p.saved {
        conn.execute_batch(&sql)?;
    }
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

impl Import for Importing<'_> {
    fn max_ids(&mut self) -> Result<(i64, i64)> {
        let max = self.conn.query_row(
            "SELECT (SELECT coalesce(max(id), 0) FROM tickets),
                    (SELECT coalesce(max(id), 0) FROM articles)",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        );
        super::ours(max.map_err(Into::into))
    }

    fn ticket_exists(&mut self, id: i64) -> Result<bool> {
        super::ours(super::tickets::ticket_exists(self.conn, id))
    }

    fn article_exists(&mut self, id: i64) -> Result<bool> {
        super::ours(Importing::article_exists(self, id))
    }

    fn insert_ticket(&mut self, t: &ImportedTicket) -> Result<i64> {
        super::ours(Importing::insert_ticket(self, t))
    }

    fn insert_event(&mut self, ticket: i64, e: &Event) -> Result<()> {
        super::ours(Importing::insert_event(self, ticket, e))
    }

    fn insert_comment(&mut self, ticket: i64, c: &Comment, folded_text: &str) -> Result<()> {
        super::ours(Importing::insert_comment(self, ticket, c, folded_text))
    }

    fn insert_work(&mut self, ticket: i64, w: &WorkEntry) -> Result<()> {
        super::ours(Importing::insert_work(self, ticket, w))
    }

    fn insert_article(&mut self, a: &Article, text: IndexText) -> Result<i64> {
        super::ours(Importing::insert_article(self, a, text))
    }

    fn insert_link(&mut self, ticket: i64, other: i64, kind: LinkKind) -> Result<()> {
        super::ours(super::tickets::insert_link(self.conn, ticket, other, kind))
    }

    fn remember_id(&mut self, kind: IdKind, file_id: i64, here: i64) -> Result<()> {
        super::ours(Importing::remember_id(self, kind, file_id, here))
    }

    fn remembered_id(&mut self, kind: IdKind, file_id: i64) -> Result<Option<i64>> {
        super::ours(Importing::remembered_id(self, kind, file_id))
    }

    fn remember_source(&mut self, s: PendingSource) -> Result<()> {
        super::ours(Importing::remember_source(
            self, s.line, s.article, s.ticket,
        ))
    }

    fn insert_pending_link(&mut self, l: &PendingLink) -> Result<()> {
        super::ours(Importing::insert_pending_link(self, l))
    }

    fn pending_links(&mut self, after: i64, n: usize) -> Result<Vec<(i64, PendingLink)>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT rowid, line, ticket, other, kind FROM temp.import_links
             WHERE rowid > ?1 ORDER BY rowid LIMIT ?2",
        )?;
        let rows = stmt.query_map(params![after, n as i64], |r| {
            let kind: String = r.get(4)?;
            Ok((
                r.get(0)?,
                PendingLink {
                    line: r.get::<_, i64>(1)? as u64,
                    ticket: r.get(2)?,
                    other: r.get(3)?,
                    kind: LinkKind::parse(&kind).unwrap_or(LinkKind::Related),
                },
            ))
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    fn pending_sources(&mut self, after: i64, n: usize) -> Result<Vec<(i64, PendingSource)>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT rowid, line, article, ticket FROM temp.import_sources
             WHERE rowid > ?1 ORDER BY rowid LIMIT ?2",
        )?;
        let rows = stmt.query_map(params![after, n as i64], |r| {
            Ok((
                r.get(0)?,
                PendingSource {
                    line: r.get::<_, i64>(1)? as u64,
                    article: r.get(2)?,
                    ticket: r.get(3)?,
                },
            ))
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    fn set_article_source(&mut self, article: i64, ticket: Option<i64>) -> Result<()> {
        super::ours(set_article_source(self.conn, article, ticket))
    }

    fn insert_attachment(&mut self, a: &crate::domain::outbox::NewAttachment) -> Result<i64> {
        super::ours(super::outbox::insert_attachment(self.conn, a))
    }

    fn insert_mail(&mut self, ticket: i64, m: &crate::domain::outbox::MailRecord) -> Result<()> {
        super::ours(super::outbox::insert_mail(self.conn, ticket, m, None))
    }

    fn insert_message(&mut self, message_id: &str, ticket: i64) -> Result<()> {
        super::ours(super::tickets::insert_message(
            self.conn, message_id, ticket,
        ))
    }

    fn finish(self: Box<Self>) -> Result<()> {
        super::ours(Importing::finish(*self))
    }
}

/// Points an imported article at its source ticket's id in this database.
fn set_article_source(conn: &Connection, id: i64, ticket: Option<i64>) -> Result<()> {
    conn.prepare_cached("UPDATE articles SET source_ticket = ?2 WHERE id = ?1")?
        .execute(params![id, ticket])?;
    Ok(())
}
