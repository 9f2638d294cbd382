//! `kb search` on PostgreSQL: the matching articles, each scored with bm25 without
//! sending its body. The server finds them (`search @@ tsquery`) and counts each query
//! word's hits in the body from `body_words` (migration 0007: the body's words, each
//! between two spaces); desk counts the title's, which are short, and scores them
//! with `domain::search::bm25_of_counts`. An article whose `body_words` is NULL (written
//! by a desk older than 0007, or whose body such a desk changed) has its body sent and
//! counted by desk, as before, so it ranks the same.

use super::*;
use crate::domain::search::{Join, Scored, bm25_of_counts, count_hits, index_text};

/// A query with more words than this has each body sent and counted by desk in one
/// pass, rather than scanned by the server once per word: at 100,000 articles a word
/// whose prefix 35,000 match costs the server ~60 ms to count (a fifth of it
/// decompressing), while sending those bodies and counting them in desk costs ~250 ms
/// whatever the number of words (`kb suggest` asks for up to 40 words, `kb search`
/// for what a person types: a few).
const WORDS_COUNTED_BY_THE_SERVER: usize = 4;

/// What `body_words` holds for a body whose index text (`search::index_text`: its
/// words joined by single spaces) is `indexed`: each word between two spaces, `' a  b '`
/// (nothing for no words). A word is letters and digits, so ' word' is found only at a
/// word's start and ' word ' only around a whole word, and neither overlaps the next.
pub(in crate::store::postgres) fn body_words(indexed: &str) -> String {
    let mut out = String::with_capacity(indexed.len() * 2 + 2);
    for w in indexed.split(' ').filter(|w| !w.is_empty()) {
        out.push(' ');
        out.push_str(w);
        out.push(' ');
    }
    out
}

/// What a query word's hits in `body_words` are the occurrences of.
fn pattern(q: &TextQuery, term: &str) -> String {
    if q.prefix {
        format!(" {term}")
    } else {
        format!(" {term} ")
    }
}

/// The corpus figures bm25 needs: every article and all their words (from the index
/// on `search_len` alone), and per query word the articles it matches. A query of one
/// word, or of any of its words, matches every article one of its words does: its
/// candidates hold them all, and the words' counts are the candidates with a hit of
/// each (counted by the caller: `matching` is left empty, and the flag says so),
/// rather than a search of the table per word.
fn corpus_stats(db: &mut Db, q: &TextQuery) -> Result<(CorpusStats, bool)> {
    let from_candidates = q.join == Join::Any || q.terms.len() == 1;
    let counted: Vec<String> = if from_candidates {
        Vec::new()
    } else {
        q.each_term().filter_map(|t| t.ts_query()).collect()
    };
    let mut sql = String::from("SELECT a.n, a.tokens");
    for i in 0..counted.len() {
        sql.push_str(&format!(
            ", (SELECT count(*) FROM articles WHERE search @@ ${}::tsquery)",
            i + 1
        ));
    }
    sql.push_str(
        " FROM (SELECT count(*) AS n, coalesce(sum(search_len), 0)::bigint AS tokens FROM articles) a",
    );
    let p: Vec<P> = counted
        .iter()
        .map(|t| (t as &(dyn ToSql + Sync), T::TEXT))
        .collect();
    let rows = db.query(&sql, &p)?;
    let r = &rows[0];
    let stats = CorpusStats {
        rows: r.try_get::<_, i64>(0)?.max(0) as u64,
        tokens: r.try_get::<_, i64>(1)?.max(0) as u64,
        matching: (0..counted.len())
            .map(|i| Ok(r.try_get::<_, i64>(2 + i)?.max(0) as u64))
            .collect::<Result<_>>()?,
    };
    Ok((stats, from_candidates))
}

/// A candidate as read: its hits per query word in its title and body, and its length.
struct Counted {
    id: i64,
    category: Option<String>,
    title_hits: Vec<u32>,
    body_hits: Vec<u32>,
    len: u64,
}

/// Every article `q` matches, scored (see `ReadTxn::article_candidates`).
pub(super) fn article_candidates(db: &mut Db, q: &TextQuery) -> Result<Vec<Scored>> {
    let Some(m) = q.ts_query() else {
        return Ok(Vec::new());
    };
    let (mut stats, from_candidates) = corpus_stats(db, q)?;
    // The server counts the body's hits when the words are few (and are words: a
    // space in one would be found across two).
    let by_server = q.terms.len() <= WORDS_COUNTED_BY_THE_SERVER
        && q.terms.iter().all(|t| !t.is_empty() && !t.contains(' '));
    let patterns: Vec<String> = if by_server {
        q.terms.iter().map(|t| pattern(q, t)).collect()
    } else {
        Vec::new()
    };
    let mut sql = String::from("SELECT id, category, title, search_len, ");
    if by_server {
        sql.push_str("CASE WHEN body_words IS NULL THEN body END");
        for i in 0..patterns.len() {
            let p = i + 2;
            sql.push_str(&format!(
                ", (octet_length(body_words) - octet_length(replace(body_words, ${p}, ''))) / octet_length(${p})"
            ));
        }
    } else {
        sql.push_str("body");
    }
    sql.push_str(" FROM articles WHERE search @@ $1::tsquery");
    let mut p: Vec<P> = vec![(&m, T::TEXT)];
    p.extend(patterns.iter().map(|t| (t as &(dyn ToSql + Sync), T::TEXT)));
    let rows = db.query(&sql, &p)?;
    let n = q.terms.len();
    let mut word = String::new();
    let counted: Vec<Counted> = rows
        .iter()
        .map(|r| {
            let mut c = Counted {
                id: r.try_get(0)?,
                category: r.try_get(1)?,
                title_hits: vec![0; n],
                body_hits: vec![0; n],
                len: r.try_get::<_, i64>(3)?.max(0) as u64,
            };
            count_hits(q, r.try_get(2)?, &mut c.title_hits, &mut word);
            match r.try_get::<_, Option<&str>>(4)? {
                // No words kept (or too many query words): the body itself.
                Some(body) => {
                    count_hits(q, body, &mut c.body_hits, &mut word);
                }
                None => {
                    for (i, h) in c.body_hits.iter_mut().enumerate() {
                        *h = r.try_get::<_, i32>(5 + i)?.max(0) as u32;
                    }
                }
            }
            Ok(c)
        })
        .collect::<Result<_>>()?;
    if from_candidates {
        stats.matching = (0..n)
            .map(|i| {
                counted
                    .iter()
                    .filter(|c| c.title_hits[i] + c.body_hits[i] > 0)
                    .count() as u64
            })
            .collect();
    }
    Ok(counted
        .into_iter()
        .map(|c| Scored {
            score: bm25_of_counts(q, &stats, &c.title_hits, &c.body_hits, c.len),
            id: c.id,
            category: c.category,
        })
        .collect())
}

/// Fills `body_words` for the articles that have none (migration 0007 calls it for the
/// articles written before it), a thousand at a time; returns how many.
pub(in crate::store::postgres) fn fill_body_words(db: &mut Db) -> Result<u64> {
    const BATCH: i64 = 1000;
    let mut after = 0i64;
    let mut filled = 0u64;
    loop {
        let rows = db.query(
            "SELECT id, body FROM articles WHERE id > $1 AND body_words IS NULL ORDER BY id LIMIT $2",
            &[(&after, T::INT8), (&BATCH, T::INT8)],
        )?;
        let Some(last) = rows.last() else {
            return Ok(filled);
        };
        after = last.try_get(0)?;
        let mut ids: Vec<i64> = Vec::with_capacity(rows.len());
        let mut words: Vec<String> = Vec::with_capacity(rows.len());
        for r in &rows {
            ids.push(r.try_get(0)?);
            words.push(body_words(&index_text(r.try_get(1)?)));
        }
        db.execute(
            "UPDATE articles SET body_words = v.w FROM unnest($1::bigint[], $2::text[]) AS v(id, w)
             WHERE articles.id = v.id",
            &[(&ids, T::INT8_ARRAY), (&words, T::TEXT_ARRAY)],
        )?;
        filled += ids.len() as u64;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::search::tokens;

    /// The server's count, done here the same way: the pattern's occurrences, found
    /// left to right without overlapping, as `replace` finds them.
    fn occurrences(words: &str, pattern: &str) -> u32 {
        ((words.len() - words.replace(pattern, "").len()) / pattern.len()) as u32
    }

    #[test]
    fn a_words_hits_are_its_patterns_occurrences_in_the_body_words() {
        assert_eq!(body_words(""), "");
        assert_eq!(body_words("a b"), " a  b ");
        assert_eq!(body_words(" a  b "), " a  b ", "only words count");
        let texts = [
            "Tulostin ei tulosta, tulostimen paperi: tulostin tulostin.",
            "PC-0423 pc 0423 PC0423 anna.kask@firma.ee firma firmat",
            "Учётной записи нет, ёлка Ёлка й йогурт мой мои",
            "Zgłoszenie zgłoszenia ŁÓDŹ łódź a a a aa",
            "",
        ];
        let queries = [
            TextQuery::words("tulost tulostin", Join::Any),
            TextQuery::words("pc 0423 firma", Join::Any),
            TextQuery::words("елка й учетн", Join::Any),
            TextQuery::words("zgłoszen lodz a", Join::Any),
        ];
        for text in texts {
            let words = body_words(&index_text(text));
            for q in queries.iter().flat_map(|q| {
                [
                    q.clone(),
                    TextQuery {
                        prefix: false,
                        ..q.clone()
                    },
                ]
            }) {
                let mut want = vec![0u32; q.terms.len()];
                let n = count_hits(&q, text, &mut want, &mut String::new());
                assert_eq!(n as usize, tokens(text).len());
                let got: Vec<u32> = q
                    .terms
                    .iter()
                    .map(|t| occurrences(&words, &pattern(&q, t)))
                    .collect();
                assert_eq!(got, want, "{q:?} in {text:?}");
            }
        }
    }

    /// On a real server (`DESK_TEST_PG`; skipped without one): the engine's scores are
    /// `domain::search::bm25`'s to the last bit with the body words kept, and without
    /// them (articles an older desk wrote, or whose body it changed: the trigger empties
    /// them). Migrating a desk of schema 6 is tests/cli/postgres.rs's.
    #[test]
    fn scores_are_bm25_with_or_without_the_body_words() {
        use crate::store::contract::{check_search_scores, file_search_corpus};
        use crate::store::postgres::scratch::{Scratch, server};
        let Some(admin) = server() else {
            return;
        };
        let db = Scratch::new(&admin, &format!("desk_unit_search_{}", std::process::id()));
        let mut store = crate::store::open(std::path::Path::new(&db.url)).unwrap();
        file_search_corpus(&mut *store);
        check_search_scores(&mut *store);
        let mut c = postgres::Client::connect(&db.url, postgres::NoTls).unwrap();
        let missing = |c: &mut postgres::Client| -> i64 {
            c.query_one(
                "SELECT count(*) FROM articles WHERE body_words IS NULL",
                &[],
            )
            .unwrap()
            .get(0)
        };
        assert_eq!(missing(&mut c), 0, "every write and the import keep them");
        c.batch_execute(
            "UPDATE articles SET body_words = NULL WHERE id % 2 = 0;
             UPDATE articles SET body = body || ' x' WHERE id = 1;
             UPDATE articles SET body = left(body, -2) WHERE id = 1;",
        )
        .unwrap();
        let n: i64 = c
            .query_one("SELECT count(*) FROM articles", &[])
            .unwrap()
            .get(0);
        assert_eq!(
            missing(&mut c),
            n / 2 + 1,
            "a body changed without them loses them"
        );
        check_search_scores(&mut *store);
    }
}
