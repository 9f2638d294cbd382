//! `desk import` on PostgreSQL: rows are buffered and sent with COPY, a table at a
//! time, articles before the tickets that name them and tickets before what hangs off
//! them. PostgreSQL aborts a transaction on any error, so nothing here relies on
//! catching one: the ids taken are loaded up front and every id is chosen here (the
//! file's where free, else the next after the highest), and what waits for the end of
//! the file (remembered ids, pending links and sources) is kept in memory.
//!
//! Into a desk whose schema this very transaction made (a database that had no desk,
//! `Db::fresh_schema`), the secondary indexes and the foreign keys are set aside first
//! and built once at the end: a table's index built in one pass costs a fraction of
//! one kept up row by row, and a foreign key added to full tables is checked in one
//! join instead of a lookup per row. Nobody else can see those tables until the
//! import commits (readers find no desk and answer as an empty one, without waiting),
//! so this takes no lock anyone waits on. Everything is rebuilt before the commit, in
//! the same transaction: the import stays all or nothing, and what it filed is
//! checked by the very constraints a row-by-row load would have met (a violation,
//! which the importer's own checks rule out, would abort it like any error). The rows
//! of those tables are written frozen (`COPY ... WITH (FREEZE)`, see `frozen`). Into a
//! desk that already exists, dropping an index would lock its readers out until the
//! commit, so the rows go in with everything in place.

use super::Db;
use super::copy::{Sender, Target, Trace, boolean, col, copy_in, num, row, tsv, ut};
use crate::domain::article::Article;
use crate::domain::outbox::{MailRecord, NewAttachment};
use crate::domain::ticket::{Comment, Event, LinkKind, WorkEntry};
use crate::store::{
    IdKind, Import, ImportedTicket, IndexText, PendingLink, PendingSource, StoreError,
    StoreErrorKind,
};
use anyhow::Result;
use chrono::{DateTime, Utc};
use postgres::types::Type as T;
use std::collections::{HashMap, HashSet};

/// The COPYs' targets, each with its columns in the order the rows write them.
const ARTICLES: Target = Target::new(
    "articles (id, title, body, tags, category, author, source_ticket, created_at, updated_at, search, search_len,
     body_words)",
);
const TICKETS: Target = Target::new(
    "tickets (id, kind, title, description, status, priority, impact, urgency, tier, max_tier,
     assignee, requester, email, phone, org, location, category, ci, channel, tags,
     created_at, updated_at, resolution, kb_article, time_spent, dedup_key, occurrences,
     escalations, reopens, resolved_at, closed_at, status_at, first_response_at,
     response_due, resolve_due, next_due, sla_breached, sla_gen, response_secs,
     resolve_secs, first_resolved_at, last_resolved_at, ever_escalated, ever_reopened,
     search)",
);
const EVENTS: Target = Target::new(
    "events (id, ticket_id, at, recorded_at, actor, action, detail, status, recorded_by)",
);
const COMMENTS: Target =
    Target::new("comments (id, ticket_id, at, recorded_at, actor, text, internal, source, search)");
const WORKLOG: Target =
    Target::new("worklog (id, ticket_id, at, recorded_at, actor, minutes, note)");
const LINKS: Target = Target::new("links (ticket_id, other_id, kind)");

/// Rows buffered per table before a COPY (bytes of COPY data).
const FLUSH_BYTES: usize = 8 << 20;

pub(super) struct PgImport<'d> {
    db: &'d mut Db,
    max_before: (i64, i64),
    /// Row-level security applies to this role (it is not the owner): COPY cannot
    /// write into such tables, so rows go through a temporary table of the same shape.
    staged: bool,
    /// The import made the desk's tables in its own transaction (`Db::fresh_schema`):
    /// COPY writes their rows frozen and all-visible (`WITH (FREEZE)`), which
    /// PostgreSQL allows only then. The index builds and `ANALYZE` that follow skip
    /// every row's visibility check, and no later read or VACUUM has to set hint bits
    /// or freeze the rows (three quarters of a million at 100,000 tickets). Nobody
    /// sees the tables before the commit, so the one catch of FREEZE (rows visible to
    /// snapshots older than the transaction) cannot show anyone a row that was not
    /// there.
    frozen: bool,
    tickets_taken: HashSet<i64>,
    articles_taken: HashSet<i64>,
    /// The monitoring keys of active tickets (one active ticket per key).
    active_keys: HashSet<String>,
    next_ticket: i64,
    next_article: i64,
    next_event: i64,
    next_comment: i64,
    next_work: i64,
    articles: Vec<u8>,
    tickets: Vec<u8>,
    events: Vec<u8>,
    comments: Vec<u8>,
    worklog: Vec<u8>,
    links: HashMap<(i64, i64), LinkKind>,
    ids: HashMap<(u8, i64), i64>,
    pending_links: Vec<PendingLink>,
    pending_sources: Vec<PendingSource>,
    sources: Vec<(i64, Option<i64>)>,
    attachments: Vec<(Option<i64>, i64, OwnedAttachment)>,
    mail: Vec<(i64, MailRecord)>,
    messages: Vec<(String, i64)>,
    /// `DESK_TRACE_IMPORT=1`: where the import's time went, on stderr.
    trace: Option<Trace>,
    /// The thread sending the COPYs, with the connection lent to it.
    sender: Option<Sender>,
}

impl Drop for PgImport<'_> {
    fn drop(&mut self) {
        // An import given up early still gives the connection back (to roll back).
        if let Some(mut s) = self.sender.take() {
            let _ = s.stop(self.db, None);
        }
    }
}

/// The memory an index build may use (the server's default is often 64 MB).
const BUILD_MEMORY: &str = "256MB";

/// The tickets' columns whose statistics the import gathers before it commits: those
/// desk's queries filter, join or sort on. The other half (titles, descriptions, the
/// search vectors, the SLA caches) was half of the import's `ANALYZE` and most of its
/// cost (0.4 of 0.8 s at 100,000 tickets). An `ANALYZE` of some columns leaves the
/// table's count of changes as it was, so autovacuum gathers all of them soon after.
const TICKETS_ANALYZED: &str = "id, status, priority, tier, kind, category, channel, org, \
    ci, requester, assignee, tags, created_at, status_at, first_response_at, resolved_at, \
    next_due, sla_breached, dedup_key, kb_article";

/// The same for the history: without its details and who recorded each event
/// (0.13 s, 0.09 s of it left, at 100,000 tickets).
const EVENTS_ANALYZED: &str = "id, ticket_id, at, action, status, actor";

/// The statistics target of those first statistics (the server's default is 100): 30
/// values and ranges per column, from a sample of 9,000 rows instead of 30,000, in a
/// third of the time (0.55 -> 0.16 s at 100,000 tickets). The planner needs them from
/// the first command on; autovacuum's own ANALYZE, which follows because this one left
/// the counters of changes as they were, replaces them with the full ones.
const FIRST_STATISTICS: u32 = 30;

/// Builds what `set_aside` dropped, then gathers the statistics the planner needs
/// for the new rows; nothing when nothing was set aside.
pub(super) fn build_set_aside(db: &mut Db) -> Result<()> {
    if db.set_aside.is_empty() {
        return Ok(());
    }
    let t0 = std::time::Instant::now();
    let mut steps = vec![format!("SET LOCAL maintenance_work_mem = '{BUILD_MEMORY}'")];
    steps.append(&mut db.set_aside);
    steps.push(format!(
        "SET LOCAL default_statistics_target = {FIRST_STATISTICS};\n\
         ANALYZE tickets ({TICKETS_ANALYZED}), events ({EVENTS_ANALYZED})"
    ));
    if std::env::var_os("DESK_TRACE_IMPORT").is_some_and(|v| v == "1") {
        // Traced, a round trip a step, each with its time.
        for step in &steps {
            let t = std::time::Instant::now();
            super::ours(db.batch(step).map_err(Into::into))?;
            eprintln!(
                "desk: trace: import build {:.3} s: {}",
                t.elapsed().as_secs_f64(),
                step.lines().last().unwrap_or("")
            );
        }
        eprintln!(
            "desk: trace: import indexes and foreign keys built, ANALYZE: {:.3} s",
            t0.elapsed().as_secs_f64()
        );
        return Ok(());
    }
    super::ours(db.batch(&steps.join(";\n")).map_err(Into::into))?;
    Ok(())
}

/// Drops the secondary indexes (those behind no primary key or unique constraint)
/// and the foreign keys of the desk's tables; returns the statements that make them
/// again, indexes first. Read from the catalog, so it follows the migrations.
fn set_aside(db: &mut Db) -> Result<Vec<String>> {
    let rows = db.query(
        "SELECT 1 AS pass, format('ALTER TABLE %s DROP CONSTRAINT %I', conrelid::regclass, conname),
                format('ALTER TABLE %s ADD CONSTRAINT %I %s', conrelid::regclass, conname,
                       pg_get_constraintdef(oid)) AS make, conname::text AS name
         FROM pg_constraint
         WHERE contype = 'f' AND connamespace = to_regnamespace(current_schema())
         UNION ALL
         SELECT 0, format('DROP INDEX %I', i.relname), pg_get_indexdef(x.indexrelid), i.relname::text
         FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class t ON t.oid = x.indrelid
         WHERE t.relnamespace = to_regnamespace(current_schema()) AND NOT x.indisprimary
           AND NOT EXISTS (SELECT 1 FROM pg_constraint c
                           WHERE c.conindid = x.indexrelid AND c.conrelid = x.indrelid
                             AND c.contype IN ('p', 'u', 'x'))
         ORDER BY 1 DESC, 4",
        &[],
    )?;
    let mut drop = String::new();
    let mut make = Vec::new();
    for r in &rows {
        drop.push_str(r.try_get::<_, &str>(1)?);
        drop.push_str(";\n");
        make.push(r.try_get::<_, String>(2)?);
    }
    // Foreign keys were dropped first and come back last, after the indexes.
    make.reverse();
    if !drop.is_empty() {
        db.batch(&drop)?;
    }
    Ok(make)
}

/// The words of two folded texts (`IndexText`'s: words joined by single spaces) as
/// the search index holds them (`search::lexeme`), slices of the texts rather than a
/// string each.
fn words<'a>(title: &'a str, body: &'a str) -> Vec<&'a str> {
    title
        .split(' ')
        .chain(body.split(' '))
        .filter(|w| !w.is_empty())
        .map(crate::domain::search::lexeme)
        .collect()
}

struct OwnedAttachment {
    name: String,
    mime: String,
    size: i64,
    sha256: Option<String>,
    content: Option<Vec<u8>>,
    at: DateTime<Utc>,
    actor: String,
}

impl<'d> PgImport<'d> {
    pub fn begin(db: &'d mut Db) -> Result<PgImport<'d>> {
        let rows = db.query(
            "SELECT (SELECT coalesce(max(id), 0) FROM tickets), (SELECT coalesce(max(id), 0) FROM articles),
                    (SELECT coalesce(max(id), 0) FROM events), (SELECT coalesce(max(id), 0) FROM comments),
                    (SELECT coalesce(max(id), 0) FROM worklog),
                    ARRAY(SELECT id FROM tickets), ARRAY(SELECT id FROM articles),
                    ARRAY(SELECT dedup_key FROM tickets
                          WHERE dedup_key IS NOT NULL AND status IN ('new', 'open', 'waiting')),
                    row_security_active('tickets'), EXISTS (SELECT 1 FROM desk_role_orgs)",
            &[],
        )?;
        let r = &rows[0];
        if r.try_get::<_, bool>(9)? {
            // It sees only some tickets, so it cannot tell which ids and keys are free.
            return Err(StoreError::new(
                StoreErrorKind::ReadOnly,
                "this PostgreSQL role is limited to some organisations' tickets (desk db grant --org) and cannot import",
                "the desk's owner, or an agent granted without --org, imports",
            )
            .into());
        }
        let (mt, ma): (i64, i64) = (r.try_get(0)?, r.try_get(1)?);
        let tickets: Vec<i64> = r.try_get(5)?;
        let articles: Vec<i64> = r.try_get(6)?;
        let keys: Vec<String> = r.try_get(7)?;
        let trace =
            (std::env::var_os("DESK_TRACE_IMPORT").is_some_and(|v| v == "1")).then(|| Trace {
                start: std::time::Instant::now(),
                spent: Vec::new(),
            });
        let frozen = std::mem::take(&mut db.fresh_schema);
        if frozen {
            db.set_aside = set_aside(db)?;
        }
        Ok(PgImport {
            max_before: (mt, ma),
            staged: r.try_get(8)?,
            frozen,
            tickets_taken: tickets.into_iter().collect(),
            articles_taken: articles.into_iter().collect(),
            active_keys: keys.into_iter().collect(),
            next_ticket: mt + 1,
            next_article: ma + 1,
            next_event: r.try_get::<_, i64>(2)? + 1,
            next_comment: r.try_get::<_, i64>(3)? + 1,
            next_work: r.try_get::<_, i64>(4)? + 1,
            db,
            articles: Vec::new(),
            tickets: Vec::new(),
            events: Vec::new(),
            comments: Vec::new(),
            worklog: Vec::new(),
            links: HashMap::new(),
            ids: HashMap::new(),
            pending_links: Vec::new(),
            pending_sources: Vec::new(),
            sources: Vec::new(),
            attachments: Vec::new(),
            mail: Vec::new(),
            messages: Vec::new(),
            trace,
            sender: None,
        })
    }

    /// Hands a table's rows to the COPY thread (started, with the connection, at the
    /// first).
    fn copy(&mut self, table_cols: &'static str, data: Vec<u8>) -> Result<()> {
        if data.is_empty() {
            return Ok(());
        }
        if self.staged {
            return self.copy_staged(table_cols, &data);
        }
        if self.sender.is_none() {
            let client = self
                .db
                .client
                .take()
                .expect("the connection is here when no COPY thread runs");
            self.db.trips += 1;
            self.sender = Some(Sender::start(client, self.trace.is_some(), self.frozen));
        }
        let sender = self.sender.as_mut().expect("started above");
        if sender.send((table_cols, data)) {
            return Ok(());
        }
        // The thread stopped at an error: that error is the import's.
        self.stop_sending()?;
        anyhow::bail!("sending the rows to PostgreSQL stopped")
    }

    /// Waits for the COPY thread to send what it was given, and takes the
    /// connection back.
    fn stop_sending(&mut self) -> Result<()> {
        match self.sender.take() {
            Some(mut s) => s.stop(self.db, self.trace.as_mut()),
            None => Ok(()),
        }
    }

    /// A table's rows through a temporary table of the same shape (see `staged`).
    fn copy_staged(&mut self, table_cols: &str, data: &[u8]) -> Result<()> {
        let (table, cols) = table_cols
            .split_once(' ')
            .ok_or_else(|| anyhow::anyhow!("COPY needs a table and its columns"))?;
        let stage = format!("desk_import_{table}");
        self.db.batch(&format!(
            "CREATE TEMP TABLE IF NOT EXISTS {stage} (LIKE {table} INCLUDING DEFAULTS) ON COMMIT DROP"
        ))?;
        copy_in(self.db.client(), &format!("{stage} {cols}"), data, false)?;
        let list = cols.trim().trim_start_matches('(').trim_end_matches(')');
        self.db.batch(&format!(
            "INSERT INTO {table} {cols} SELECT {list} FROM {stage}; TRUNCATE {stage}"
        ))?;
        Ok(())
    }

    /// Sends what is buffered, in an order the references allow.
    fn flush(&mut self) -> Result<()> {
        let articles = std::mem::take(&mut self.articles);
        self.copy(ARTICLES.cols, articles)?;
        let tickets = std::mem::take(&mut self.tickets);
        self.copy(TICKETS.cols, tickets)?;
        let events = std::mem::take(&mut self.events);
        self.copy(EVENTS.cols, events)?;
        let comments = std::mem::take(&mut self.comments);
        self.copy(COMMENTS.cols, comments)?;
        let worklog = std::mem::take(&mut self.worklog);
        self.copy(WORKLOG.cols, worklog)?;
        Ok(())
    }

    fn maybe_flush(&mut self) -> Result<()> {
        // Articles count too: a file may hold all of them first (the bench's 100,000
        // articles, each with its body twice: as written and as `body_words`).
        if self.articles.len() + self.events.len() + self.tickets.len() + self.comments.len()
            > FLUSH_BYTES
        {
            self.flush()?;
        }
        Ok(())
    }

    fn take_ticket_id(&mut self, wanted: i64) -> i64 {
        let id = if wanted > 0 && !self.tickets_taken.contains(&wanted) {
            wanted
        } else {
            while self.tickets_taken.contains(&self.next_ticket) {
                self.next_ticket += 1;
            }
            self.next_ticket
        };
        self.tickets_taken.insert(id);
        if id >= self.next_ticket {
            self.next_ticket = id + 1;
        }
        id
    }

    fn take_article_id(&mut self, wanted: i64) -> i64 {
        let id = if wanted > 0 && !self.articles_taken.contains(&wanted) {
            wanted
        } else {
            while self.articles_taken.contains(&self.next_article) {
                self.next_article += 1;
            }
            self.next_article
        };
        self.articles_taken.insert(id);
        if id >= self.next_article {
            self.next_article = id + 1;
        }
        id
    }
}

impl Import for PgImport<'_> {
    fn max_ids(&mut self) -> Result<(i64, i64)> {
        Ok(self.max_before)
    }

    fn ticket_exists(&mut self, id: i64) -> Result<bool> {
        Ok(self.tickets_taken.contains(&id))
    }

    fn article_exists(&mut self, id: i64) -> Result<bool> {
        Ok(self.articles_taken.contains(&id))
    }

    fn insert_ticket(&mut self, it: &ImportedTicket) -> Result<i64> {
        let (t, c) = (it.ticket, it.cache);
        if let Some(k) = &t.dedup_key
            && t.status.is_active()
            && !self.active_keys.insert(k.clone())
        {
            return Err(super::DedupTaken(k.clone()).into());
        }
        let id = self.take_ticket_id(t.id);
        let b = &mut self.tickets;
        row(b, &TICKETS);
        num(b, Some(id));
        col(b, Some(t.kind.as_str()));
        col(b, Some(&t.title));
        col(b, t.description.as_deref());
        col(b, Some(t.status.as_str()));
        col(b, Some(t.priority.as_str()));
        col(b, t.impact.map(|l| l.as_str()));
        col(b, t.urgency.map(|l| l.as_str()));
        num(b, Some(t.tier as i64));
        num(b, Some(t.max_tier as i64));
        col(b, t.assignee.as_deref());
        col(b, t.requester.as_deref());
        col(b, t.email.as_deref());
        col(b, t.phone.as_deref());
        col(b, t.org.as_deref());
        col(b, t.location.as_deref());
        col(b, t.category.as_deref());
        col(b, t.ci.as_deref());
        col(b, t.channel.map(|c| c.as_str()));
        let tags = serde_json::to_string(&t.tags).unwrap_or_else(|_| "[]".into());
        col(b, Some(&tags));
        num(b, Some(t.created_at.timestamp()));
        num(b, Some(t.updated_at.timestamp()));
        col(b, t.resolution.as_deref());
        num(b, t.kb_article);
        num(b, Some(t.time_spent));
        col(b, t.dedup_key.as_deref());
        num(b, Some(t.occurrences));
        num(b, Some(t.escalations));
        num(b, Some(t.reopens));
        num(b, ut(t.resolved_at));
        num(b, ut(t.closed_at));
        num(b, ut(it.status_at));
        num(b, ut(c.first_response_at));
        num(b, ut(c.response_due));
        num(b, ut(c.resolve_due));
        num(b, Some(c.next_due()));
        boolean(b, c.breached);
        num(b, Some(c.generation));
        num(b, c.report.response_secs);
        num(b, c.report.resolve_secs);
        num(b, ut(c.report.first_resolved_at));
        num(b, ut(c.report.last_resolved_at));
        boolean(b, c.report.ever_escalated);
        boolean(b, c.report.ever_reopened);
        let mut lex = words(it.text.title, it.text.body.unwrap_or(""));
        lex.sort_unstable();
        lex.dedup();
        tsv(b, &lex);
        self.maybe_flush()?;
        Ok(id)
    }

    fn insert_event(&mut self, ticket: i64, e: &Event) -> Result<()> {
        let id = self.next_event;
        self.next_event += 1;
        let b = &mut self.events;
        row(b, &EVENTS);
        num(b, Some(id));
        num(b, Some(ticket));
        num(b, Some(e.at.timestamp()));
        num(b, Some(e.recorded_at.timestamp()));
        col(b, Some(&e.actor));
        col(b, Some(&e.action));
        col(b, e.detail.as_deref());
        col(b, e.status.map(|s| s.as_str()));
        col(b, e.recorded_by.as_deref());
        Ok(())
    }

    fn insert_comment(&mut self, ticket: i64, c: &Comment, folded_text: &str) -> Result<()> {
        let id = self.next_comment;
        self.next_comment += 1;
        let b = &mut self.comments;
        row(b, &COMMENTS);
        num(b, Some(id));
        num(b, Some(ticket));
        num(b, Some(c.at.timestamp()));
        num(b, Some(c.at.timestamp()));
        col(b, Some(&c.actor));
        col(b, Some(&c.text));
        boolean(b, c.internal);
        col(b, Some("desk"));
        let mut lex = words(folded_text, "");
        lex.sort_unstable();
        lex.dedup();
        tsv(b, &lex);
        Ok(())
    }

    fn insert_work(&mut self, ticket: i64, w: &WorkEntry) -> Result<()> {
        let id = self.next_work;
        self.next_work += 1;
        let b = &mut self.worklog;
        row(b, &WORKLOG);
        num(b, Some(id));
        num(b, Some(ticket));
        num(b, Some(w.at.timestamp()));
        num(b, Some(w.at.timestamp()));
        col(b, Some(&w.actor));
        num(b, Some(w.minutes));
        col(b, w.note.as_deref());
        Ok(())
    }

    fn insert_article(&mut self, a: &Article, text: IndexText) -> Result<i64> {
        let (folded_title, folded_body) = (text.title, text.body.unwrap_or(""));
        let id = self.take_article_id(a.id);
        let b = &mut self.articles;
        row(b, &ARTICLES);
        num(b, Some(id));
        col(b, Some(&a.title));
        col(b, Some(&a.body));
        let tags = serde_json::to_string(&a.tags).unwrap_or_else(|_| "[]".into());
        col(b, Some(&tags));
        col(b, a.category.as_deref());
        col(b, Some(&a.author));
        num(b, a.source_ticket);
        num(b, Some(a.created_at.timestamp()));
        num(b, Some(a.updated_at.timestamp()));
        let mut lex = words(folded_title, folded_body);
        let len = lex.len() as i64;
        lex.sort_unstable();
        lex.dedup();
        tsv(b, &lex);
        num(b, Some(len));
        col(b, Some(&super::txn::body_words(folded_body)));
        self.maybe_flush()?;
        Ok(id)
    }

    fn insert_link(&mut self, ticket: i64, other: i64, kind: LinkKind) -> Result<()> {
        self.links.remove(&(other, ticket));
        self.links.insert((ticket, other), kind);
        Ok(())
    }

    fn remember_id(&mut self, kind: IdKind, file_id: i64, here: i64) -> Result<()> {
        self.ids.entry((kind as u8, file_id)).or_insert(here);
        Ok(())
    }

    fn remembered_id(&mut self, kind: IdKind, file_id: i64) -> Result<Option<i64>> {
        Ok(self.ids.get(&(kind as u8, file_id)).copied())
    }

    fn remember_source(&mut self, s: PendingSource) -> Result<()> {
        self.pending_sources.push(s);
        Ok(())
    }

    fn insert_pending_link(&mut self, l: &PendingLink) -> Result<()> {
        self.pending_links.push(l.clone());
        Ok(())
    }

    fn pending_links(&mut self, after: i64, n: usize) -> Result<Vec<(i64, PendingLink)>> {
        Ok(self
            .pending_links
            .iter()
            .enumerate()
            .skip(after.max(0) as usize)
            .take(n)
            .map(|(i, l)| (i as i64 + 1, l.clone()))
            .collect())
    }

    fn pending_sources(&mut self, after: i64, n: usize) -> Result<Vec<(i64, PendingSource)>> {
        Ok(self
            .pending_sources
            .iter()
            .enumerate()
            .skip(after.max(0) as usize)
            .take(n)
            .map(|(i, s)| (i as i64 + 1, *s))
            .collect())
    }

    fn set_article_source(&mut self, article: i64, ticket: Option<i64>) -> Result<()> {
        self.sources.push((article, ticket));
        Ok(())
    }

    fn insert_attachment(&mut self, a: &NewAttachment) -> Result<i64> {
        // Its id is chosen when it is written (at the end): the importer does not
        // use the one returned beyond counting.
        self.attachments.push((
            a.id,
            a.ticket,
            OwnedAttachment {
                name: a.name.to_string(),
                mime: a.mime.to_string(),
                size: a.size,
                sha256: a.sha256.map(str::to_string),
                content: a.content.map(<[u8]>::to_vec),
                at: a.at,
                actor: a.actor.to_string(),
            },
        ));
        Ok(a.id.unwrap_or(0))
    }

    fn insert_mail(&mut self, ticket: i64, m: &MailRecord) -> Result<()> {
        self.mail.push((ticket, m.clone()));
        Ok(())
    }

    fn insert_message(&mut self, message_id: &str, ticket: i64) -> Result<()> {
        self.messages.push((message_id.to_string(), ticket));
        Ok(())
    }

    fn finish(mut self: Box<Self>) -> Result<()> {
        self.flush()?;
        let mut links = Vec::new();
        let mut pairs: Vec<_> = self.links.drain().collect();
        pairs.sort_by_key(|(k, _)| *k);
        for ((a, b), kind) in pairs {
            row(&mut links, &LINKS);
            num(&mut links, Some(a));
            num(&mut links, Some(b));
            col(&mut links, Some(kind.as_str()));
        }
        self.copy(LINKS.cols, links)?;
        self.stop_sending()?;
        if !self.sources.is_empty() {
            let ids: Vec<i64> = self.sources.iter().map(|s| s.0).collect();
            let src: Vec<Option<i64>> = self.sources.iter().map(|s| s.1).collect();
            self.db.execute(
                "UPDATE articles SET source_ticket = s.t
                 FROM unnest($1::bigint[], $2::bigint[]) AS s(id, t) WHERE articles.id = s.id",
                &[(&ids, T::INT8_ARRAY), (&src, T::INT8_ARRAY)],
            )?;
        }
        for (id, ticket, a) in std::mem::take(&mut self.attachments) {
            let na = NewAttachment {
                id,
                ticket,
                name: &a.name,
                mime: &a.mime,
                size: a.size,
                sha256: a.sha256.as_deref(),
                content: a.content.as_deref(),
                at: a.at,
                actor: &a.actor,
            };
            super::txn::insert_attachment(self.db, &na)?;
        }
        for (ticket, m) in std::mem::take(&mut self.mail) {
            super::txn::insert_mail(self.db, ticket, &m, None)?;
        }
        for (mid, ticket) in std::mem::take(&mut self.messages) {
            super::txn::insert_message(self.db, &mid, ticket)?;
        }
        if self.db.set_aside.is_empty() {
            let t0 = std::time::Instant::now();
            self.db.batch("ANALYZE tickets, events")?;
            if let Some(t) = &mut self.trace {
                t.add("ANALYZE", t0.elapsed(), 0);
            }
        }
        if let Some(t) = &self.trace {
            t.report();
        }
        Ok(())
    }
}
