//! Knowledge-base articles: reading and writing rows, and the full-text queries behind
//! `kb search` and `kb suggest`. One function maps a row to an `Article`, by column
//! name; `uses` is counted from the tickets that name the article, never stored.
//!
//! Ranking is FTS5's bm25 with the title weighing more than the body. The index holds
//! the text folded by `desk_fold()`; snippets are cut from the original text, which
//! has the same token boundaries, so the highlights line up.

use crate::domain::article::{Article, Hit, MARK_END, MARK_START};
use crate::domain::time::from_unix;
use crate::error::DeskError;
use crate::store::ArticleFilter;
use anyhow::Result;
use rusqlite::types::Value;
use rusqlite::{Connection, OptionalExtension, Row, Statement, params};

pub(crate) const COLUMNS: &str = "a.id, a.title, a.body, a.tags, a.category, a.author, a.source_ticket, \
    a.created_at, a.updated_at, \
    (SELECT count(*) FROM tickets t WHERE t.kb_article = a.id) AS uses";

/// How much more a word in the title counts than one in the body.
pub const TITLE_WEIGHT: f64 = 10.0;

/// How many tokens a snippet holds.
const SNIPPET_TOKENS: i64 = 12;

/// The one row → article mapping.
pub fn article_from_row(row: &Row) -> rusqlite::Result<Article> {
    let tags: String = row.get("tags")?;
    Ok(Article {
        id: row.get("id")?,
        title: row.get("title")?,
        body: row.get("body")?,
        tags: serde_json::from_str(&tags).unwrap_or_default(),
        category: row.get("category")?,
        author: row.get("author")?,
        source_ticket: row.get("source_ticket")?,
        created_at: from_unix(row.get("created_at")?),
        updated_at: from_unix(row.get("updated_at")?),
        uses: row.get("uses")?,
    })
}

fn hit_from_row(row: &Row) -> rusqlite::Result<Hit> {
    let rank: f64 = row.get("rank_")?;
    Ok(Hit {
        article: article_from_row(row)?,
        // bm25 is negative, better matches more so; round so output is stable.
        score: ((-rank) * 10_000.0).round() / 10_000.0,
        snippet: row
            .get::<_, Option<String>>("snippet_")?
            .unwrap_or_default(),
    })
}

fn tags_json(tags: &[String]) -> String {
    serde_json::to_string(tags).unwrap_or_else(|_| "[]".into())
}

/// An article by id, or exit 3.
pub fn get_article(conn: &Connection, id: i64) -> Result<Article> {
    let sql = format!("SELECT {COLUMNS} FROM articles a WHERE a.id = ?1");
    conn.prepare_cached(&sql)?
        .query_row([id], article_from_row)
        .optional()?
        .ok_or_else(|| DeskError::ArticleNotFound(id).into())
}

/// Inserts an article (with its id when `a.id` is not 0); returns the id.
pub fn insert_article(conn: &Connection, a: &Article) -> Result<i64> {
    let mut stmt = conn.prepare_cached(INSERT_ARTICLE)?;
    bind_article(&mut stmt, (a.id != 0).then_some(a.id), a)?;
    stmt.raw_execute()?;
    Ok(conn.last_insert_rowid())
}

/// The one article INSERT; bind it with [`bind_article`].
pub(crate) const INSERT_ARTICLE: &str = "INSERT INTO articles (id, title, body, tags, category, author, source_ticket, \
     created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)";

/// Binds an article with the given id (None: the next free one; `a.id` is not looked
/// at) to a prepared [`INSERT_ARTICLE`].
pub(crate) fn bind_article(
    stmt: &mut Statement,
    id: Option<i64>,
    a: &Article,
) -> rusqlite::Result<()> {
    stmt.raw_bind_parameter(1, id)?;
    stmt.raw_bind_parameter(2, &a.title)?;
    stmt.raw_bind_parameter(3, &a.body)?;
    stmt.raw_bind_parameter(4, tags_json(&a.tags))?;
    stmt.raw_bind_parameter(5, &a.category)?;
    stmt.raw_bind_parameter(6, &a.author)?;
    stmt.raw_bind_parameter(7, a.source_ticket)?;
    stmt.raw_bind_parameter(8, a.created_at.timestamp())?;
    stmt.raw_bind_parameter(9, a.updated_at.timestamp())?;
    Ok(())
}

/// Writes an article's fields (the FTS index follows by trigger).
pub fn update_article(conn: &Connection, a: &Article) -> Result<()> {
    let n = conn
        .prepare_cached(
            "UPDATE articles SET title = ?2, body = ?3, tags = ?4, category = ?5, \
             source_ticket = ?6, updated_at = ?7 WHERE id = ?1",
        )?
        .execute(params![
            a.id,
            a.title,
            a.body,
            tags_json(&a.tags),
            a.category,
            a.source_ticket,
            a.updated_at.timestamp(),
        ])?;
    if n == 0 {
        return Err(DeskError::ArticleNotFound(a.id).into());
    }
    Ok(())
}

/// The articles matching `f`, by id.
pub fn list_articles(conn: &Connection, f: &ArticleFilter) -> Result<Vec<Article>> {
    let mut wh: Vec<String> = Vec::new();
    let mut args: Vec<Value> = Vec::new();
    if let Some(c) = &f.category {
        args.push(Value::Text(c.clone()));
        wh.push(format!("a.category = ?{} COLLATE DESK_NOCASE", args.len()));
    }
    if let Some(t) = &f.tag {
        args.push(Value::Text(t.clone()));
        wh.push(format!(
            "EXISTS (SELECT 1 FROM json_each(a.tags) WHERE value = ?{})",
            args.len()
        ));
    }
    let mut sql = format!("SELECT {COLUMNS} FROM articles a");
    if !wh.is_empty() {
        sql.push_str(" WHERE ");
        sql.push_str(&wh.join(" AND "));
    }
    sql.push_str(" ORDER BY a.id");
    if let Some(n) = f.limit {
        args.push(Value::Integer(n.min(i64::MAX as u64) as i64));
        sql.push_str(&format!(" LIMIT ?{}", args.len()));
    }
    let mut stmt = conn.prepare(&sql)?;
    let rows = stmt.query_map(rusqlite::params_from_iter(args), article_from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The articles matching an FTS5 expression (rendered by `match_expr` from a
/// `TextQuery`, never raw user text), best first. Articles in
/// `boost_category` have their score multiplied by `boost`.
pub fn search_articles(
    conn: &Connection,
    fts: &str,
    boost_category: Option<&str>,
    boost: f64,
    limit: u64,
) -> Result<Vec<Hit>> {
    let sql = format!(
        "SELECT {COLUMNS},
                bm25(articles_fts, {TITLE_WEIGHT:.1}, 1.0)
                  * CASE WHEN ?2 IS NOT NULL AND a.category = ?2 COLLATE DESK_NOCASE
                         THEN ?3 ELSE 1.0 END AS rank_,
                snippet(articles_fts, 1, ?4, ?5, '…', {SNIPPET_TOKENS}) AS snippet_
         FROM articles_fts JOIN articles a ON a.id = articles_fts.rowid
         WHERE articles_fts MATCH ?1
         ORDER BY rank_, a.id
         LIMIT ?6"
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map(
        params![
            fts,
            boost_category,
            boost,
            MARK_START.to_string(),
            MARK_END.to_string(),
            limit.min(i64::MAX as u64) as i64,
        ],
        hit_from_row,
    )?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}
