//! Knowledge-base articles.

use crate::error::DeskError;
use anyhow::Result;
use rusqlite::{Connection, OptionalExtension};

pub fn get_article(conn: &Connection, id: i64) -> Result<i64> {
    conn.query_row("SELECT id FROM articles WHERE id = ?1", [id], |r| r.get(0))
        .optional()?
        .ok_or_else(|| DeskError::ArticleNotFound(id).into())
}
