//! The store's interface on PostgreSQL. A read snapshot is a REPEATABLE READ READ
//! ONLY transaction; the write transaction a READ COMMITTED one holding the writers'
//! advisory lock (so it sees every commit made before it got the lock, as SQLite's
//! IMMEDIATE transaction does). Each begins with one simple-query batch that also
//! reads the settings, and each method is one typed statement (no prepare round
//! trip): a single-ticket write is begin, read, write, commit.

use super::{Db, P, PgStore, WRITE_LOCK, ours, ours_pg};
use crate::domain::article::Article;
use crate::domain::classify::{HistoryEvent, LastResolve, PeriodCounts, Window};
use crate::domain::org::Org;
use crate::domain::outbox::{
    Attachment, Delivery, MailRecord, NewAttachment, NewDelivery, SendError,
};
use crate::domain::queue::{Fields, Query, SortKey};
use crate::domain::report::WorkEntry as WorkTotal;
use crate::domain::search::{CorpusStats, Scored, TextQuery};
use crate::domain::ticket::*;
use crate::domain::ticket_sla::SlaCache;
use crate::domain::time::from_unix;
use crate::error::DeskError;
use crate::store::{
    ArticleFilter, Claim, DbStatus, EachQueued, EachRow, Import, InWindow, NewComment, NewWork,
    Problem, ReadTxn, Recording, SLA_GENERATION, SettingChange, SettingRow, Storage, StoreError,
    StoreErrorKind, StoredSettings, TicketInFull, WriteMode, WriteTxn,
};
use anyhow::{Result, anyhow};
use chrono::{DateTime, Utc};
use postgres::types::{ToSql, Type as T};
use postgres::{Row, SimpleQueryMessage};
use std::collections::HashMap;
use std::path::Path;

mod begin;
mod orgs;
mod outbox;
mod queue;
mod record;
mod report;
mod rows;
mod search;
mod storage;

use begin::*;
use orgs::*;
use outbox::*;
pub(super) use outbox::{insert_attachment, insert_mail, insert_message};
use queue::*;
use record::*;
use report::*;
use rows::*;
use search::*;
pub(super) use search::{body_words, fill_body_words};
use storage::*;

/// The search index's lexemes of a text: `domain::search::tokens`, each as the index
/// holds it (`search::lexeme`: a word of over 2,046 bytes by its beginning), once.
pub(super) fn lexemes(s: &str) -> Vec<String> {
    search_lexemes(&[Some(s)])
}

/// A search index value: `array_to_tsvector` of [`lexemes`] of several texts.
fn search_lexemes(parts: &[Option<&str>]) -> Vec<String> {
    let mut all = Vec::new();
    for p in parts.iter().flatten() {
        all.extend(crate::domain::search::tokens(p));
    }
    unique_lexemes(all)
}

/// Words as the index holds them, sorted, each once.
fn unique_lexemes(mut words: Vec<String>) -> Vec<String> {
    for w in &mut words {
        w.truncate(crate::domain::search::lexeme(w).len());
    }
    words.sort();
    words.dedup();
    words
}

// ---------------------------------------------------------------------------------
// Articles

const ARTICLE_COLUMNS: &str = "a.id, a.title, a.body, a.tags, a.category, a.author, a.source_ticket, \
    a.created_at, a.updated_at, \
    (SELECT count(*) FROM tickets t WHERE t.kb_article = a.id) AS uses";

fn article_from_row(r: &Row) -> Result<Article> {
    let tags: String = r.try_get(3)?;
    Ok(Article {
        id: r.try_get(0)?,
        title: r.try_get(1)?,
        body: r.try_get(2)?,
        tags: serde_json::from_str(&tags).unwrap_or_default(),
        category: r.try_get(4)?,
        author: r.try_get(5)?,
        source_ticket: r.try_get(6)?,
        created_at: from_unix(r.try_get(7)?),
        updated_at: from_unix(r.try_get(8)?),
        uses: r.try_get(9)?,
    })
}

/// What the search index keeps of an article, from one split of its title and body:
/// its lexemes (`search`), how many words it has (`search_len`) and its body's words
/// for the server to count (`body_words`, migration 0007).
struct ArticleIndex {
    lexemes: Vec<String>,
    len: i64,
    body_words: String,
}

impl ArticleIndex {
    fn of(a: &Article) -> ArticleIndex {
        let title = crate::domain::search::tokens(&a.title);
        let body = crate::domain::search::tokens(&a.body);
        let len = (title.len() + body.len()) as i64;
        let body_words = body_words(&body.join(" "));
        let mut lexemes = title;
        lexemes.extend(body);
        let lexemes = unique_lexemes(lexemes);
        ArticleIndex {
            lexemes,
            len,
            body_words,
        }
    }
}

pub(super) fn insert_article(db: &mut Db, id: Option<i64>, a: &Article) -> Result<i64> {
    let tags = tags_json(&a.tags);
    let (c, u) = (a.created_at.timestamp(), a.updated_at.timestamp());
    let ix = ArticleIndex::of(a);
    let rows = db.query(
        "INSERT INTO articles (id, title, body, tags, category, author, source_ticket, created_at,
            updated_at, search, search_len, body_words)
         VALUES (coalesce($1, (SELECT coalesce(max(id), 0) + 1 FROM articles)), $2, $3, $4, $5,
            $6, $7, $8, $9, array_to_tsvector($10::text[]), $11, $12)
         RETURNING id",
        &[
            (&id, T::INT8),
            (&a.title, T::TEXT),
            (&a.body, T::TEXT),
            (&tags, T::TEXT),
            (&a.category, T::TEXT),
            (&a.author, T::TEXT),
            (&a.source_ticket, T::INT8),
            (&c, T::INT8),
            (&u, T::INT8),
            (&ix.lexemes, T::TEXT_ARRAY),
            (&ix.len, T::INT8),
            (&ix.body_words, T::TEXT),
        ],
    )?;
    Ok(rows[0].try_get(0)?)
}

fn articles_by_id(db: &mut Db, ids: &[i64]) -> Result<Vec<Article>> {
    let v = ids.to_vec();
    let rows = db.query(
        &format!("SELECT {ARTICLE_COLUMNS} FROM articles a WHERE a.id = ANY($1)"),
        &[(&v, T::INT8_ARRAY)],
    )?;
    let mut found: HashMap<i64, Article> = HashMap::new();
    for r in &rows {
        let a = article_from_row(r)?;
        found.insert(a.id, a);
    }
    Ok(ids.iter().filter_map(|id| found.remove(id)).collect())
}

impl ReadTxn for PgTxn<'_> {
    fn orgs(&mut self, counts: bool) -> Result<Vec<Org>> {
        ours(orgs(self.db, counts))
    }

    fn settings(&mut self) -> Result<StoredSettings> {
        if let Some(s) = self.settings.take() {
            return Ok(s);
        }
        let rows = ours(self.db.query(SETTINGS, &[]).map_err(Into::into))?;
        let mut v = Vec::new();
        for r in rows {
            v.push((r.try_get(1)?, r.try_get(2)?, r.try_get(3)?));
        }
        Ok(StoredSettings::from_rows(v))
    }

    fn ticket(&mut self, id: i64) -> Result<Ticket> {
        ours(get_ticket(self.db, id))
    }

    fn ticket_exists(&mut self, id: i64) -> Result<bool> {
        ours((|| {
            Ok(!self
                .db
                .query("SELECT 1 FROM tickets WHERE id = $1", &[(&id, T::INT8)])?
                .is_empty())
        })())
    }

    fn ticket_with_history(&mut self, id: i64) -> Result<(Ticket, Vec<Event>)> {
        ours(with_history(self.db, id))
    }

    fn ticket_in_full(&mut self, id: i64) -> Result<TicketInFull> {
        ours((|| {
            let t = get_ticket(self.db, id)?;
            let mut x = extras(self.db, &[id], 1)?;
            Ok(in_full(t, &mut x))
        })())
    }

    fn queue(&mut self, q: &Query, each: &mut EachQueued) -> Result<()> {
        ours(queue(self.db, q, each))
    }

    fn for_each_ticket(
        &mut self,
        history_only: bool,
        each: &mut dyn FnMut(TicketInFull) -> Result<()>,
    ) -> Result<()> {
        const PAGE: i64 = 2000;
        let mut after = 0i64;
        loop {
            let rows = ours(
                self.db
                    .query(
                        &format!(
                            "SELECT {COLUMNS} FROM tickets WHERE id > $1 ORDER BY id LIMIT {PAGE}"
                        ),
                        &[(&after, T::INT8)],
                    )
                    .map_err(Into::into),
            )?;
            if rows.is_empty() {
                return Ok(());
            }
            let tickets: Vec<Ticket> = rows.iter().map(ticket_from_row).collect::<Result<_>>()?;
            let ids: Vec<i64> = tickets.iter().map(|t| t.id).collect();
            after = *ids.last().unwrap_or(&after);
            let mut x = ours(extras(self.db, &ids, if history_only { 0 } else { 2 }))?;
            for t in tickets {
                each(in_full(t, &mut x))?;
            }
            if (rows.len() as i64) < PAGE {
                return Ok(());
            }
        }
    }

    fn active_by_dedup_key(&mut self, key: &str) -> Result<Option<i64>> {
        ours((|| {
            let rows = self.db.query(
                "SELECT id FROM tickets WHERE dedup_key = $1 AND status IN ('new', 'open', 'waiting')",
                &[(&key, T::TEXT)],
            )?;
            Ok(rows.first().map(|r| r.get(0)))
        })())
    }

    fn active_by_dedup_key_with_history(
        &mut self,
        key: &str,
    ) -> Result<Option<(Ticket, Vec<Event>)>> {
        ours((|| {
            let mut found = None;
            each_with_history(
                self.db,
                "WHERE tickets.id = (SELECT id FROM tickets WHERE dedup_key = $1 \
                 AND status IN ('new', 'open', 'waiting') LIMIT 1) ORDER BY tickets.id",
                &[(&key, T::TEXT)],
                &mut |t, e| {
                    found = Some((t, e));
                    Ok(())
                },
            )?;
            Ok(found)
        })())
    }

    fn ticket_for_message(&mut self, message_id: &str) -> Result<Option<i64>> {
        ours((|| {
            let rows = self.db.query(
                "SELECT ticket_id FROM messages WHERE message_id = $1",
                &[(&message_id, T::TEXT)],
            )?;
            Ok(rows.first().map(|r| r.get(0)))
        })())
    }

    fn has_pending(&mut self, failed: bool) -> Result<bool> {
        ours((|| {
            let rows = self.db.query(
                "SELECT EXISTS (SELECT 1 FROM outbox WHERE state <> 'sent' AND (state = 'queued' OR $1))",
                &[(&failed, T::BOOL)],
            )?;
            Ok(rows[0].try_get(0)?)
        })())
    }

    fn deliveries(&mut self, state: Option<&str>) -> Result<Vec<Delivery>> {
        ours((|| {
            let rows = self.db.query(
                &format!("SELECT {DELIVERY_COLUMNS} FROM outbox WHERE $1::text IS NULL OR state = $1 ORDER BY id"),
                &[(&state, T::TEXT)],
            )?;
            rows.iter().map(delivery_from_row).collect()
        })())
    }

    fn inbound_message_ids(&mut self, ticket: i64) -> Result<Vec<String>> {
        ours((|| {
            let rows = self.db.query(
                "SELECT message_id FROM mail
                 WHERE ticket_id = $1 AND direction = 'in' AND message_id IS NOT NULL
                 ORDER BY at, id",
                &[(&ticket, T::INT8)],
            )?;
            Ok(rows.iter().map(|r| r.get(0)).collect())
        })())
    }

    fn attachment(&mut self, id: i64) -> Result<Option<(Attachment, Option<Vec<u8>>)>> {
        ours((|| {
            let rows = self.db.query(
                &format!("SELECT {ATTACHMENT_COLUMNS}, content FROM attachments WHERE id = $1"),
                &[(&id, T::INT8)],
            )?;
            match rows.first() {
                Some(r) => Ok(Some((attachment_from_row(r)?, r.try_get(9)?))),
                None => Ok(None),
            }
        })())
    }

    fn article(&mut self, id: i64) -> Result<Article> {
        ours((|| {
            let rows = self.db.query(
                &format!("SELECT {ARTICLE_COLUMNS} FROM articles a WHERE a.id = $1"),
                &[(&id, T::INT8)],
            )?;
            match rows.first() {
                Some(r) => article_from_row(r),
                None => Err(DeskError::ArticleNotFound(id).into()),
            }
        })())
    }

    fn articles(&mut self, f: &ArticleFilter) -> Result<Vec<Article>> {
        ours((|| {
            let limit = f.limit.map(|n| n.min(i64::MAX as u64) as i64);
            let rows = self.db.query(
                &format!(
                    "SELECT {ARTICLE_COLUMNS} FROM articles a
                     WHERE ($1::text IS NULL OR {})
                       AND ($2::text IS NULL OR EXISTS (SELECT 1 FROM json_array_elements_text(a.tags::json) v WHERE {}))
                     ORDER BY a.id LIMIT $3",
                    nocase("a.category", "$1"),
                    nocase("v", "$2")
                ),
                &[(&f.category, T::TEXT), (&f.tag, T::TEXT), (&limit, T::INT8)],
            )?;
            rows.iter().map(article_from_row).collect()
        })())
    }

    fn for_each_article(&mut self, each: &mut dyn FnMut(Article) -> Result<()>) -> Result<()> {
        let rows = ours(
            self.db
                .query(
                    &format!("SELECT {ARTICLE_COLUMNS} FROM articles a ORDER BY a.id"),
                    &[],
                )
                .map_err(Into::into),
        )?;
        for r in &rows {
            each(article_from_row(r)?)?;
        }
        Ok(())
    }

    fn article_candidates(&mut self, q: &TextQuery) -> Result<Vec<Scored>> {
        ours(article_candidates(self.db, q))
    }

    fn articles_by_id(&mut self, ids: &[i64]) -> Result<Vec<Article>> {
        ours(articles_by_id(self.db, ids))
    }

    fn report_last_resolves(&mut self, w: Window) -> Result<Vec<(i64, LastResolve)>> {
        ours(last_resolves(self.db, w.from.timestamp(), w.to.timestamp()))
    }

    fn report_in_window(&mut self, w: Window, which: InWindow, each: &mut EachRow) -> Result<()> {
        ours(report_in_window(self.db, &mut self.titles, w, which, each))
    }

    fn report_tickets(&mut self, ids: &[i64], w: Window, each: &mut EachRow) -> Result<()> {
        ours(report_tickets(self.db, &mut self.titles, ids, w, each))
    }

    fn report_histories(&mut self, ids: &[i64]) -> Result<Vec<(i64, Vec<HistoryEvent>)>> {
        ours(report_histories(self.db, ids))
    }

    fn report_counts(&mut self, w: Window) -> Result<PeriodCounts> {
        if let Some(ahead) = self.counts_ahead.take()
            && let Some((counts, trips)) = ahead.counts(w)
        {
            self.db.trips += trips;
            return Ok(counts);
        }
        ours(period_counts(self.db, w))
    }

    fn report_counts_ahead(&mut self, w: Window) -> Result<()> {
        self.counts_ahead = ours(counts_ahead(self.db, w))?;
        Ok(())
    }

    fn report_titles(&mut self, ids: &[i64]) -> Result<Vec<(i64, String)>> {
        ours(report_titles(self.db, &mut self.titles, ids))
    }
}

impl WriteTxn for PgTxn<'_> {
    fn insert_ticket(&mut self, r: Recording) -> Result<i64> {
        ours(insert_ticket(self.db, r))
    }

    fn record(&mut self, r: Recording) -> Result<()> {
        ours(record(self.db, r))
    }

    fn insert_comment(&mut self, c: &NewComment) -> Result<()> {
        ours(insert_comment(self.db, c))
    }

    fn insert_work(&mut self, w: &NewWork) -> Result<()> {
        ours(insert_work(self.db, w))
    }

    fn insert_link(&mut self, ticket: i64, other: i64, kind: LinkKind) -> Result<()> {
        ours(insert_link(self.db, ticket, other, kind))
    }

    fn insert_message(&mut self, message_id: &str, ticket: i64) -> Result<()> {
        ours(insert_message(self.db, message_id, ticket))
    }

    fn insert_delivery(&mut self, d: &NewDelivery, now: DateTime<Utc>) -> Result<i64> {
        ours((|| {
            let now = now.timestamp();
            let rows = self.db.query(
                "INSERT INTO outbox (id, kind, ticket_id, created_at, sender, recipient, subject, message_id, payload)
                 VALUES (desk_next_id('outbox'), $1, $2, $3, $4, $5, $6, $7, $8)
                 RETURNING id",
                &[
                    (&d.kind, T::TEXT),
                    (&d.ticket, T::INT8),
                    (&now, T::INT8),
                    (&d.sender, T::TEXT),
                    (&d.recipient, T::TEXT),
                    (&d.subject, T::TEXT),
                    (&d.message_id, T::TEXT),
                    (&d.payload, T::BYTEA),
                ],
            )?;
            Ok(rows[0].try_get(0)?)
        })())
    }

    fn claim_deliveries(&mut self, c: &Claim) -> Result<Vec<(Delivery, Vec<u8>)>> {
        ours((|| {
            let kinds: Vec<String> = c.kinds.iter().map(|k| k.to_string()).collect();
            let rows = self.db.query(
                &format!(
                    "UPDATE outbox SET claimed_until = $3
                     WHERE id IN (SELECT id FROM outbox
                                  WHERE state <> 'sent' AND (state = 'queued' OR $1)
                                    AND (claimed_until IS NULL OR claimed_until < $2)
                                    AND kind = ANY($4))
                     RETURNING {DELIVERY_COLUMNS}, payload"
                ),
                &[
                    (&c.failed, T::BOOL),
                    (&c.wall_now, T::INT8),
                    (&c.until, T::INT8),
                    (&kinds, T::TEXT_ARRAY),
                ],
            )?;
            let mut out = rows
                .iter()
                .map(|r| Ok((delivery_from_row(r)?, r.try_get(13)?)))
                .collect::<Result<Vec<(Delivery, Vec<u8>)>>>()?;
            out.sort_by_key(|(d, _)| d.id);
            Ok(out)
        })())
    }

    fn record_sent(&mut self, id: i64, now: DateTime<Utc>) -> Result<()> {
        ours((|| {
            let now = now.timestamp();
            self.db.execute(
                "UPDATE outbox SET state = 'sent', sent_at = $2, last_attempt_at = $2,
                     attempts = attempts + 1, last_error = NULL, claimed_until = NULL
                 WHERE id = $1",
                &[(&id, T::INT8), (&now, T::INT8)],
            )?;
            Ok(())
        })())
    }

    fn record_failure(&mut self, id: i64, now: DateTime<Utc>, e: &SendError) -> Result<()> {
        ours((|| {
            let now = now.timestamp();
            let state = if e.permanent { "failed" } else { "queued" };
            self.db.execute(
                "UPDATE outbox SET state = $3, last_error = $4, last_attempt_at = $2,
                     attempts = attempts + 1, claimed_until = NULL
                 WHERE id = $1",
                &[
                    (&id, T::INT8),
                    (&now, T::INT8),
                    (&state, T::TEXT),
                    (&e.message, T::TEXT),
                ],
            )?;
            Ok(())
        })())
    }

    fn insert_mail(&mut self, ticket: i64, m: &MailRecord, outbox: Option<i64>) -> Result<()> {
        ours(insert_mail(self.db, ticket, m, outbox))
    }

    fn insert_attachment(&mut self, a: &NewAttachment) -> Result<i64> {
        ours(insert_attachment(self.db, a))
    }

    fn insert_article(&mut self, a: &Article) -> Result<i64> {
        ours(insert_article(self.db, (a.id != 0).then_some(a.id), a))
    }

    fn update_article(&mut self, a: &Article) -> Result<()> {
        ours((|| {
            let tags = tags_json(&a.tags);
            let u = a.updated_at.timestamp();
            let ix = ArticleIndex::of(a);
            let n = self.db.execute(
                "UPDATE articles SET title = $2, body = $3, tags = $4, category = $5,
                    source_ticket = $6, updated_at = $7, search = array_to_tsvector($8::text[]),
                    search_len = $9, body_words = $10
                 WHERE id = $1",
                &[
                    (&a.id, T::INT8),
                    (&a.title, T::TEXT),
                    (&a.body, T::TEXT),
                    (&tags, T::TEXT),
                    (&a.category, T::TEXT),
                    (&a.source_ticket, T::INT8),
                    (&u, T::INT8),
                    (&ix.lexemes, T::TEXT_ARRAY),
                    (&ix.len, T::INT8),
                    (&ix.body_words, T::TEXT),
                ],
            )?;
            if n == 0 {
                return Err(DeskError::ArticleNotFound(a.id).into());
            }
            Ok(())
        })())
    }

    fn resolved_before(&mut self, cutoff: DateTime<Utc>) -> Result<Vec<(i64, DateTime<Utc>)>> {
        let c = cutoff.timestamp();
        if let Some(ahead) = self.resolved.take()
            && (ahead.len() < RESOLVED_AHEAD || ahead.last().is_some_and(|&(_, at)| at > c))
        {
            return Ok(ahead
                .into_iter()
                .filter(|&(_, at)| at <= c)
                .map(|(id, at)| (id, from_unix(at)))
                .collect());
        }
        ours((|| {
            let rows = self.db.query(
                "SELECT id, resolved_at FROM tickets WHERE status = 'resolved' AND resolved_at <= $1
                 ORDER BY resolved_at, id",
                &[(&c, T::INT8)],
            )?;
            rows.iter()
                .map(|r| Ok((r.try_get(0)?, from_unix(r.try_get(1)?))))
                .collect()
        })())
    }

    fn change_setting(&mut self, c: SettingChange) -> Result<StoredSettings> {
        ours(change_setting(self.db, c))?;
        self.settings = None;
        self.settings()
    }

    fn tickets_with_history(
        &mut self,
        statuses: &[Status],
        each: &mut dyn FnMut(Ticket, Vec<Event>) -> Result<()>,
    ) -> Result<()> {
        ours(tickets_with_history(self.db, statuses, each))
    }

    fn write_caches(&mut self, caches: &[(i64, SlaCache)]) -> Result<()> {
        ours(write_caches(self.db, caches))
    }

    fn insert_org(&mut self, org: &Org) -> Result<()> {
        ours(insert_org(self.db, org))
    }

    fn update_org(&mut self, name: &str, org: &Org) -> Result<()> {
        ours(update_org(self.db, name, org))
    }

    fn recorded_by(&self) -> Option<String> {
        self.login.clone()
    }

    fn import(&mut self) -> Result<Box<dyn Import + '_>> {
        Ok(Box::new(ours(super::import::PgImport::begin(self.db))?))
    }

    fn commit(mut self: Box<Self>) -> Result<()> {
        // What an import set aside is built in the transaction, before it commits
        // (an error here rolls everything back, as any other would).
        super::import::build_set_aside(self.db)?;
        self.open = false;
        match self.db.batch("COMMIT") {
            Ok(()) => Ok(()),
            Err(e) if e.is_closed() || e.as_db_error().is_none() => Err(StoreError::new(
                StoreErrorKind::Unavailable,
                format!(
                    "the connection to PostgreSQL was lost during the commit: whether the change was written is unknown ({e})"
                ),
                "look with `desk show`; a retry with --dedup-key is safe",
            )
            .into()),
            Err(e) => Err(ours_pg(e)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lexemes_are_the_domains_tokens_once_each() {
        assert_eq!(
            lexemes("Sähkö-posti PC-0423 posti"),
            crate::domain::search::tokens("Sähkö-posti PC-0423")
                .into_iter()
                .collect::<std::collections::BTreeSet<_>>()
                .into_iter()
                .collect::<Vec<_>>()
        );
    }
}
