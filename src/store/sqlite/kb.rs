//! Knowledge-base articles: reading and writing rows, and the full-text queries behind
//! `kb search` and `kb suggest`. One function maps a row to an `Article`, by column
//! name; `uses` is counted from the tickets that name the article, never stored.
//!
//! The index holds `desk_tokens()` of the title and body (`search::index_text`), which
//! FTS5's `ascii` tokenizer splits back into exactly `search::tokens`; this module
//! only finds the matching rows and reads the counts. Ranking and snippets are
//! `domain::search`'s, the same on every engine.

use crate::domain::article::Article;
use crate::domain::search::{Scored, TITLE_WEIGHT};
use crate::domain::time::from_unix;
use crate::error::DeskError;
use crate::store::ArticleFilter;
use anyhow::Result;
use rusqlite::types::Value;
use rusqlite::{Connection, OptionalExtension, Row, Statement, params};

pub(crate) const COLUMNS: &str = "a.id, a.title, a.body, a.tags, a.category, a.author, a.source_ticket, \
    a.created_at, a.updated_at, \
    (SELECT count(*) FROM tickets t WHERE t.kb_article = a.id) AS uses";

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
            "EXISTS (SELECT 1 FROM json_each(a.tags) WHERE value = ?{} COLLATE DESK_NOCASE)",
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

/// Every article the query matches, with its category and its bm25 score (see
/// `ReadTxn::article_candidates`). `fts` is the query rendered by `match_expr`. FTS5
/// scores it from the index alone: `bm25()` is `domain::search::bm25` (negated), from
/// the same counts (the hits in each column, the row's length, the index's rows and
/// words, the rows each word matches), in the same order of operations, so to the
/// last bit (negated here, not in SQL, where `-x` is `0 - x`); no article's text is
/// read.
pub fn article_candidates(conn: &Connection, fts: &str) -> Result<Vec<Scored>> {
    let mut stmt = conn.prepare_cached(
        "SELECT a.id, bm25(articles_fts, ?2, 1.0), a.category
         FROM articles_fts JOIN articles a ON a.id = articles_fts.rowid
         WHERE articles_fts MATCH ?1",
    )?;
    let scored = stmt
        .query_map(params![fts, TITLE_WEIGHT], |r| {
            Ok(Scored {
                id: r.get(0)?,
                score: -r.get::<_, f64>(1)?,
                category: r.get(2)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(scored)
}

/// The articles with these ids, in the order given.
pub fn articles_by_id(conn: &Connection, ids: &[i64]) -> Result<Vec<Article>> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let list = ids.iter().map(i64::to_string).collect::<Vec<_>>().join(",");
    let sql = format!("SELECT {COLUMNS} FROM articles a WHERE a.id IN ({list})");
    let mut stmt = conn.prepare(&sql)?;
    let mut found: std::collections::HashMap<i64, Article> = stmt
        .query_map([], article_from_row)?
        .map(|a| a.map(|a| (a.id, a)))
        .collect::<rusqlite::Result<_>>()?;
    Ok(ids.iter().filter_map(|id| found.remove(id)).collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::search::{CorpusStats, bm25, rank, snippet, token_count, tokens};
    use crate::domain::text::fold;
    use crate::store::contract::{search_corpus, search_queries};

    /// The rows and tokens an FTS5 index holds, from its "averages" record (the row
    /// with id 1 of its `_data` table: varints, the number of rows, then the tokens of
    /// each column; what FTS5's own `bm25()` reads). Every column's tokens are summed.
    fn index_totals(block: &[u8]) -> (u64, u64) {
        let mut rest = block;
        let rows = read_varint(&mut rest).unwrap_or(0);
        let mut tokens = 0u64;
        while let Some(n) = read_varint(&mut rest) {
            tokens = tokens.saturating_add(n);
        }
        (rows, tokens)
    }

    /// One SQLite varint (big-endian, 7 bits a byte, the ninth byte whole) off the front.
    fn read_varint(buf: &mut &[u8]) -> Option<u64> {
        let mut v: u64 = 0;
        for i in 0..9 {
            let (&b, rest) = buf.split_first()?;
            *buf = rest;
            if i == 8 {
                return Some((v << 8) | u64::from(b));
            }
            v = (v << 7) | u64::from(b & 0x7f);
            if b & 0x80 == 0 {
                return Some(v);
            }
        }
        Some(v)
    }

    /// Ranking and snippets in Rust give what FTS5's own `bm25(t, 10.0, 1.0)` and
    /// `snippet(t, 1, ..., '…', 12)` gave over the index desk had before migration 0004
    /// (`unicode61 remove_diacritics 2` over `desk_fold`ed text): the same order, the same
    /// scores to the last bit, the same passages. And the engine's query over today's
    /// index (FTS5's `bm25()` over `desk_tokens`) gives those scores too.
    #[test]
    fn rust_ranking_and_snippets_reproduce_fts5() {
        let conn = Connection::open_in_memory().unwrap();
        super::super::register_functions(&conn).unwrap();
        conn.execute_batch(
            "CREATE VIRTUAL TABLE old USING fts5(title, body,
                 tokenize = 'unicode61 remove_diacritics 2');
             CREATE TABLE articles (id INTEGER PRIMARY KEY, title, body, category);
             CREATE VIRTUAL TABLE articles_fts USING fts5(title, body, content = 'articles',
                 content_rowid = 'id', tokenize = 'ascii');",
        )
        .unwrap();
        let docs = search_corpus();
        for (i, (title, body)) in docs.iter().enumerate() {
            conn.execute(
                "INSERT INTO old(rowid, title, body) VALUES (?1, desk_fold(?2), desk_fold(?3))",
                params![i as i64 + 1, title, body],
            )
            .unwrap();
            conn.execute(
                "INSERT INTO articles (id, title, body) VALUES (?1, ?2, ?3)",
                params![i as i64 + 1, title, body],
            )
            .unwrap();
            conn.execute(
                "INSERT INTO articles_fts(rowid, title, body)
                 VALUES (?1, desk_tokens(?2), desk_tokens(?3))",
                params![i as i64 + 1, title, body],
            )
            .unwrap();
        }
        let block: Vec<u8> = conn
            .query_row(
                "SELECT block FROM articles_fts_data WHERE id = 1",
                [],
                |r| r.get(0),
            )
            .unwrap();
        let words: u64 = docs
            .iter()
            .map(|(t, b)| (token_count(t) + token_count(b)) as u64)
            .sum();
        assert_eq!(
            index_totals(&block),
            (docs.len() as u64, words),
            "the index holds exactly desk's words"
        );
        let mut compared = 0;
        for q in search_queries() {
            let text = q.terms.join(" ");
            let Some(m) = super::super::match_expr(&q) else {
                panic!("{text}")
            };
            // FTS5, before.
            let mut stmt = conn
                .prepare(
                    "SELECT rowid, -bm25(old, 10.0, 1.0),
                            snippet(old, 1, '[', ']', '…', 12) FROM old
                     WHERE old MATCH ?1 ORDER BY bm25(old, 10.0, 1.0), rowid",
                )
                .unwrap();
            let want: Vec<(i64, f64, String)> = stmt
                .query_map([&m], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
                .unwrap()
                .collect::<rusqlite::Result<_>>()
                .unwrap();
            assert!(!want.is_empty(), "{text}: nothing to compare");
            // Rust: bm25 of each matching article, the figures counted from the text.
            let all: Vec<Vec<String>> = docs
                .iter()
                .map(|(t, b)| [tokens(t), tokens(b)].concat())
                .collect();
            let stats = CorpusStats {
                rows: docs.len() as u64,
                tokens: words,
                matching: q
                    .each_term()
                    .map(|t| all.iter().filter(|w| t.matches(w)).count() as u64)
                    .collect(),
            };
            let scored: Vec<Scored> = docs
                .iter()
                .enumerate()
                .filter(|(i, _)| q.matches(&all[*i]))
                .map(|(i, (t, b))| Scored {
                    id: i as i64 + 1,
                    category: None,
                    score: bm25(&q, &stats, &tokens(t), &tokens(b)),
                })
                .collect();
            // The engine's query, today.
            let mut engine = article_candidates(&conn, &m).unwrap();
            engine.sort_by_key(|s| s.id);
            assert_eq!(engine, scored, "{text}: the engine scores as Rust does");
            let got = rank(scored, None, u64::MAX);
            assert_eq!(got.len(), want.len(), "{text}");
            for (g, (id, score, snip)) in got.iter().zip(&want) {
                assert_eq!(g.id, *id, "{text}: order");
                assert_eq!(g.score.to_bits(), score.to_bits(), "{text}: score of {id}");
                let body = fold(&docs[*id as usize - 1].1);
                assert_eq!(
                    &snippet(&q, &body, "[", "]"),
                    snip,
                    "{text}: snippet of {id}"
                );
                compared += 1;
            }
        }
        assert!(compared > 150, "{compared}");
    }

    #[test]
    fn varints_read_as_sqlite_writes_them() {
        let mut b: &[u8] = &[0x05, 0x81, 0x00, 0x7f];
        assert_eq!(read_varint(&mut b), Some(5));
        assert_eq!(read_varint(&mut b), Some(128));
        assert_eq!(read_varint(&mut b), Some(127));
        assert_eq!(read_varint(&mut b), None);
        assert_eq!(index_totals(&[0x02, 0x03, 0x04]), (2, 7));
    }
}
