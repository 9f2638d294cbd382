//! Bulk loading (`desk import`): the full-text insert triggers set aside for the
//! length of one transaction, and the rows indexed by explicit statements instead.
//!
//! Why: a trigger that writes to an FTS5 table makes every `INSERT` into `tickets`,
//! `comments` or `articles` a multi-table statement that may abort, so SQLite opens a
//! statement savepoint for it, and FTS5 answers every savepoint by flushing its
//! pending terms to disk: one tiny segment per ticket, merged again and again. That
//! was more than half of an import's instructions. A plain single-row `INSERT INTO
//! ..._fts` needs no savepoint, so FTS5 buffers the terms and writes them in large
//! segments. (The statements bind the text rather than select it back: an
//! `INSERT ... SELECT` counts as multi-row and would open the savepoint again.) The triggers are dropped and re-created inside the caller's
//! transaction: other connections never see the schema without them, and a failed
//! import rolls back to the triggers as they were.

use anyhow::Result;
use rusqlite::{Connection, params};

/// The insert triggers of the full-text tables, while they are set aside.
pub struct FtsTriggers {
    saved: Vec<(String, String)>,
}

const INSERT_TRIGGERS: [&str; 3] = [
    "tickets_fts_insert",
    "comments_fts_insert",
    "articles_fts_insert",
];

/// Drops the FTS insert triggers (their SQL is kept to re-create them). Must be
/// called inside a transaction, which must end with `FtsTriggers::restore`.
pub fn suspend_fts_triggers(conn: &Connection) -> Result<FtsTriggers> {
    let mut saved = Vec::new();
    for name in INSERT_TRIGGERS {
        let sql: Option<String> = conn
            .query_row(
                "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?1",
                [name],
                |r| r.get(0),
            )
            .ok();
        if let Some(sql) = sql {
            conn.execute_batch(&format!("DROP TRIGGER \"{name}\""))?;
            saved.push((name.to_string(), sql));
        }
    }
    Ok(FtsTriggers { saved })
}

impl FtsTriggers {
    /// Whether the rows written meanwhile must be indexed by hand (the schema had the
    /// triggers).
    fn has(&self, name: &str) -> bool {
        self.saved.iter().any(|(n, _)| n == name)
    }

    /// Re-creates the triggers exactly as they were.
    pub fn restore(self, conn: &Connection) -> Result<()> {
        for (_, sql) in &self.saved {
            conn.execute_batch(sql)?;
        }
        Ok(())
    }

    /// What `tickets_fts_insert` would have done for a new ticket.
    pub fn index_ticket(
        &self,
        conn: &Connection,
        id: i64,
        title: &str,
        description: Option<&str>,
    ) -> Result<()> {
        if self.has("tickets_fts_insert") {
            conn.prepare_cached(
                "INSERT INTO tickets_fts (rowid, title, description)
                 VALUES (?1, desk_fold(?2), desk_fold(?3))",
            )?
            .execute(params![id, title, description])?;
        }
        Ok(())
    }

    /// What `comments_fts_insert` would have done for the comment just inserted.
    pub fn index_comment(&self, conn: &Connection, id: i64, text: &str) -> Result<()> {
        if self.has("comments_fts_insert") {
            conn.prepare_cached(
                "INSERT INTO comments_fts (rowid, text) VALUES (?1, desk_fold(?2))",
            )?
            .execute(params![id, text])?;
        }
        Ok(())
    }

    /// What `articles_fts_insert` would have done for a new article.
    pub fn index_article(&self, conn: &Connection, id: i64, title: &str, body: &str) -> Result<()> {
        if self.has("articles_fts_insert") {
            conn.prepare_cached(
                "INSERT INTO articles_fts (rowid, title, body)
                 VALUES (?1, desk_fold(?2), desk_fold(?3))",
            )?
            .execute(params![id, title, body])?;
        }
        Ok(())
    }
}
