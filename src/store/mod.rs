//! The storage boundary, in the spirit of taskchampion's `Storage`/`StorageTxn`: a
//! [`Storage`] hands out a read snapshot ([`ReadTxn`]) or the one serialized write
//! transaction ([`WriteTxn`]), and their methods speak in domain types. They are
//! coarse ("a ticket with its history", "record a move", "the queue for this query",
//! "refresh these caches"), because on a networked engine every statement is a round
//! trip. Commands cannot tell which engine answers: SQLite (`sqlite/`) is the first.
//!
//! Errors: the store returns [`StoreError`]s of a few kinds (locked, unavailable, not a
//! desk, too new, read-only, corrupt, conflict), for what it refuses itself (not a
//! desk, written by a newer desk, not a file) and for an engine's failures of those
//! kinds, which keep the engine's error as their source. An engine error that reaches
//! a caller inside another's context (opening the file) is told apart by
//! [`error_kind`], so only the store knows an engine's error codes.

pub mod postgres;
pub mod sqlite;

mod columns;
#[cfg(test)]
mod contract;
pub mod importer;
mod queue;

/// The SQLite store by its old name: what tests open to look into a desk's file.
pub use sqlite::SqliteStore as Store;

use crate::domain::article::Article;
use crate::domain::classify::{HistoryEvent, LastResolve, PeriodCounts, TicketRow, Window};
use crate::domain::org::Org;
use crate::domain::outbox::{
    Attachment, Delivery, MailRecord, NewAttachment, NewDelivery, SendError,
};
use crate::domain::queue::Query;
use crate::domain::search::{Scored, TextQuery};
use crate::domain::settings::Settings;
use crate::domain::ticket::{Comment, Event, Link, LinkKind, Status, Ticket, WorkEntry};
use crate::domain::ticket_sla::SlaCache;
use anyhow::Result;
use chrono::{DateTime, Utc};
use std::fmt;
use std::path::Path;

/// Opens (or creates) the desk at `path`.
pub fn open(path: &Path) -> Result<Box<dyn Storage>> {
    open_for(path, Access::Write)
}

/// Opens the desk at `path` for a command that writes (created when missing, upgraded
/// when older) or only reads (read-only; a missing desk reads as an empty one).
pub fn open_for(path: &Path, access: Access) -> Result<Box<dyn Storage>> {
    if let Some(url) = path.to_str().filter(|s| postgres::conn::is_url(s)) {
        return Ok(Box::new(postgres::PgStore::open_for(url, access)?));
    }
    Ok(Box::new(sqlite::SqliteStore::open_for(path, access)?))
}

/// What a command does with the desk: a command that only reads opens it read-only
/// (so it works where the user may not write) and never creates it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    Read,
    Write,
    /// Writes like [`Access::Write`]; a file it creates is laid out for a bulk load
    /// (`desk import`: larger pages, see the SQLite engine's `IMPORT_PAGE_SIZE`).
    Import,
}

/// What `desk db status` shows of a desk.
#[derive(Debug, Clone, PartialEq)]
pub struct DbStatus {
    /// `sqlite`.
    pub engine: &'static str,
    pub engine_version: String,
    pub location: String,
    /// There is a database there (else this is an empty desk answering reads).
    pub exists: bool,
    /// This user may not write it.
    pub read_only: bool,
    pub size_bytes: i64,
    /// The schema version of the file, and this desk's.
    pub schema_version: i64,
    pub desk_schema_version: i64,
    pub journal_mode: Option<String>,
    /// How many of each record, in the order shown.
    pub counts: Vec<(&'static str, i64)>,
}

/// Something `desk db check` found wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// What was checked: `integrity`, `references`, `search index`.
    pub check: &'static str,
    pub detail: String,
}

/// What kind of failure a store error is; `error.rs` maps each to an exit code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StoreErrorKind {
    /// Another writer held the desk past the busy timeout.
    Locked,
    /// The database cannot be reached or opened.
    Unavailable,
    /// What is there is not a desk.
    NotADesk,
    /// Written by a newer desk.
    TooNew,
    /// This user may not write it.
    ReadOnly,
    /// Damaged.
    Corrupt,
    /// A write collided with what is stored (a uniqueness rule).
    Conflict,
}

/// What the store failed at: a refusal of its own (with what a person can do about
/// it), or an engine's failure of a kind it knows (with the engine's error as its
/// source, in the engine's words).
#[derive(Debug)]
pub struct StoreError {
    pub kind: StoreErrorKind,
    pub message: String,
    /// Only for the store's own refusals.
    pub hint: Option<String>,
    source: Option<Box<dyn std::error::Error + Send + Sync>>,
}

impl StoreError {
    pub fn new(kind: StoreErrorKind, message: impl Into<String>, hint: impl Into<String>) -> Self {
        StoreError {
            kind,
            message: message.into(),
            hint: Some(hint.into()),
            source: None,
        }
    }

    /// An engine's failure of the given kind.
    pub fn engine(
        kind: StoreErrorKind,
        source: impl std::error::Error + Send + Sync + 'static,
    ) -> Self {
        StoreError {
            kind,
            message: source.to_string(),
            hint: None,
            source: Some(Box::new(source)),
        }
    }

    /// Whether the store itself refused (rather than the engine failing).
    pub fn is_refusal(&self) -> bool {
        self.source.is_none()
    }
}

impl fmt::Display for StoreError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for StoreError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        self.source
            .as_deref()
            .map(|e| e as &(dyn std::error::Error + 'static))
    }
}

/// The kind of an error in a chain: a [`StoreError`], or an engine's own failure.
pub fn error_kind(cause: &(dyn std::error::Error + 'static)) -> Option<StoreErrorKind> {
    if let Some(e) = cause.downcast_ref::<StoreError>() {
        return Some(e.kind);
    }
    sqlite::error_kind(cause).or_else(|| postgres::error_kind(cause))
}

/// What a conflicting write collided with, in the engine's words, when `err` is one.
pub fn conflict(err: &anyhow::Error) -> Option<Conflict> {
    err.chain()
        .find_map(|c| sqlite::conflict(c).or_else(|| postgres::conflict(c)))
}

/// A write refused by a uniqueness rule of the store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Conflict {
    /// The engine's message.
    pub message: String,
    /// Another active ticket already has the monitoring key.
    pub dedup_key: bool,
}

/// An open desk.
pub trait Storage {
    /// A read snapshot: every read in it sees the same state, whoever writes meanwhile.
    /// It ends when dropped.
    fn read(&mut self) -> Result<Box<dyn ReadTxn + '_>>;
    /// The write transaction: one at a time across every process; all of it is
    /// written on [`WriteTxn::commit`], none of it when dropped.
    fn write(&mut self, mode: WriteMode) -> Result<Box<dyn WriteTxn + '_>>;

    /// Where the desk is, as a person names it (a path; a URL without its password).
    fn location(&self) -> String;
    /// No desk there: this store is an empty desk answering reads.
    fn is_missing(&self) -> bool {
        false
    }
    /// What opening it upgraded: the schema version it had (0: none) and where a copy
    /// of it was kept.
    fn migrated(&self) -> Option<(i64, Option<String>)> {
        None
    }
    /// The desk's `timezone` setting as stored (`None`: a desk from before the
    /// setting). Asked once per command, before anything else; an engine may have read
    /// it while opening.
    fn zone(&mut self) -> Result<Option<String>>;
    /// `desk db status`.
    fn status(&mut self) -> Result<DbStatus>;
    /// `desk db check`: what is wrong (nothing: an empty list).
    fn check(&mut self) -> Result<Vec<Problem>>;
    /// `desk db grant`: lets a database role work tickets (`agent`: read, write and
    /// append history, never change it) or only read; with `orgs`, only the tickets
    /// of those registered organisations (none: every ticket). Returns the
    /// organisations' names as registered. An engine without roles refuses.
    fn grant(&mut self, _role: &str, _agent: bool, _orgs: &[String]) -> Result<Vec<String>> {
        Err(StoreError::new(
            StoreErrorKind::Unavailable,
            format!(
                "{} is a file: its roles are the file's permissions",
                self.location()
            ),
            "desk db grant is for a desk on PostgreSQL; on a file, use chmod and groups",
        )
        .into())
    }
    /// `desk db backup`: a consistent copy into the new file `to` (`replace`: an
    /// existing one is replaced, only by a complete copy).
    fn backup(&mut self, to: &Path, replace: bool) -> Result<()>;
}

/// How a write transaction is used.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WriteMode {
    /// A command's few rows.
    Command,
    /// A whole file of tickets (`desk import`): the engine may prepare for bulk.
    Import,
}

/// The stored settings: the overrides of `desk config set`, the organisations' own
/// (`config set --org`: each registered organisation that has any, by name, with its
/// values), and which generation of SLA-shaping settings they are (cached deadlines
/// made under another are stale).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct StoredSettings {
    pub overrides: Vec<(String, String)>,
    pub orgs: crate::domain::settings::OrgValues,
    pub generation: i64,
}

/// The internal setting both engines keep the generation in: bumped whenever a
/// setting that shapes SLA clocks changes.
pub(crate) const SLA_GENERATION: &str = "_sla_generation";

/// A stored setting as both engines read it: its organisation's name (`None`: the
/// desk's own), the key and the value.
pub(crate) type SettingRow = (Option<String>, String, String);

impl StoredSettings {
    /// The settings in force: the desk's and every organisation's terms.
    pub fn in_force(&self) -> Settings {
        Settings::with_orgs(&self.overrides, &self.orgs)
    }

    /// The settings from their rows, ordered by organisation (the desk's first) and
    /// key: internal keys (`_...`) are left out but for the generation, and each
    /// organisation's settings come in `config list`'s order.
    pub(crate) fn from_rows(rows: Vec<SettingRow>) -> StoredSettings {
        let mut out = StoredSettings::default();
        for (org, key, value) in rows {
            match org {
                Some(name) => match out.orgs.last_mut() {
                    Some((n, vals)) if *n == name => vals.push((key, value)),
                    _ => out.orgs.push((name, vec![(key, value)])),
                },
                None if key == SLA_GENERATION => out.generation = value.parse().unwrap_or(0),
                None if !key.starts_with('_') => out.overrides.push((key, value)),
                None => {}
            }
        }
        for (_, vals) in &mut out.orgs {
            crate::domain::settings::sort_org_settings(vals);
        }
        out
    }
}

/// A ticket with everything that hangs off it (`show`, `export`).
#[derive(Debug, Clone)]
pub struct TicketInFull {
    pub ticket: Ticket,
    pub events: Vec<Event>,
    pub comments: Vec<Comment>,
    pub worklog: Vec<WorkEntry>,
    pub links: Vec<Link>,
    /// Its attachments; with their content only where the reader asked for it
    /// (`for_each_ticket` for an export).
    pub attachments: Vec<(Attachment, Option<Vec<u8>>)>,
    /// The mail it sent and received.
    pub mail: Vec<MailRecord>,
}

/// What `kb list` narrows by.
#[derive(Debug, Default)]
pub struct ArticleFilter {
    pub category: Option<String>,
    pub tag: Option<String>,
    pub limit: Option<u64>,
}

/// A ticket's move, as one write: its fields, the events that happened to it, and the
/// SLA cache worked out from its whole history.
#[derive(Debug, Clone, Copy)]
pub struct Recording<'a> {
    pub ticket: &'a Ticket,
    /// Whether the title or description changed (their full-text index is rewritten
    /// only then).
    pub text_changed: bool,
    /// The new events, in the order they were made.
    pub events: &'a [Event],
    pub cache: &'a SlaCache,
}

impl Recording<'_> {
    /// The id a new ticket asks for (`None`: the next free one).
    pub fn asked_id(&self) -> Option<i64> {
        (self.ticket.id > 0).then_some(self.ticket.id)
    }

    /// When the last of the new events that set a status happened: the ticket's
    /// `status_at` moves there (and stays when none did).
    pub fn status_at(&self) -> Option<DateTime<Utc>> {
        self.events
            .iter()
            .filter(|e| e.status.is_some())
            .map(|e| e.at)
            .max()
    }
}

/// Which of a period's tickets [`ReadTxn::report_in_window`] reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InWindow {
    /// The tickets created in the period, in the order they were created.
    Created,
    /// The tickets created before or after the period whose first response fell in it.
    AnsweredElsewhen,
}

/// What [`ReadTxn::queue`] hands each ticket to, with its history when it was asked.
pub type EachQueued<'a> = dyn FnMut(Ticket, Option<Vec<Event>>) -> Result<()> + 'a;

/// What the report's reads hand each ticket row to.
pub type EachRow<'a> = dyn FnMut(TicketRow) -> Result<()> + 'a;

/// Everything that reads.
pub trait ReadTxn {
    /// The settings and their generation, in one read.
    fn settings(&mut self) -> Result<StoredSettings>;
    /// A ticket, or exit 3.
    fn ticket(&mut self, id: i64) -> Result<Ticket>;
    fn ticket_exists(&mut self, id: i64) -> Result<bool>;
    /// A ticket and its history in the order things happened, in one read; exit 3
    /// when there is none.
    fn ticket_with_history(&mut self, id: i64) -> Result<(Ticket, Vec<Event>)>;
    /// A ticket with its history, comments, work log and links; exit 3 when none.
    fn ticket_in_full(&mut self, id: i64) -> Result<TicketInFull>;
    /// The tickets `q` asks for, in its order, one at a time. Those whose SLA cache is
    /// not of `q.generation` come with their history (so their `sla` can be worked
    /// out); none do when it is `None`.
    fn queue(&mut self, q: &Query, each: &mut EachQueued) -> Result<()>;
    /// Every ticket in id order with everything that hangs off it (only the history
    /// when `history_only`), one at a time.
    fn for_each_ticket(
        &mut self,
        history_only: bool,
        each: &mut dyn FnMut(TicketInFull) -> Result<()>,
    ) -> Result<()>;
    /// The active ticket carrying a monitoring key, if any.
    fn active_by_dedup_key(&mut self, key: &str) -> Result<Option<i64>>;
    /// [`ReadTxn::active_by_dedup_key`]'s ticket with its history: what a repeated
    /// alert loads, in one statement where the engine can (a round trip on a server).
    fn active_by_dedup_key_with_history(
        &mut self,
        key: &str,
    ) -> Result<Option<(Ticket, Vec<Event>)>> {
        match self.active_by_dedup_key(key)? {
            Some(id) => Ok(Some(self.ticket_with_history(id)?)),
            None => Ok(None),
        }
    }
    /// The ticket a mail's Message-ID was filed on.
    fn ticket_for_message(&mut self, message_id: &str) -> Result<Option<i64>>;

    /// Whether a delivery waits in the outbox (queued; failed ones too with `failed`).
    fn has_pending(&mut self, failed: bool) -> Result<bool>;
    /// The outbox's deliveries in `state` (all of them with `None`), by id.
    fn deliveries(&mut self, state: Option<&str>) -> Result<Vec<Delivery>>;
    /// The Message-IDs of the requester's own mail on a ticket, oldest first.
    fn inbound_message_ids(&mut self, ticket: i64) -> Result<Vec<String>>;
    /// One attachment with its content (`None` when only its name and size were kept).
    fn attachment(&mut self, id: i64) -> Result<Option<(Attachment, Option<Vec<u8>>)>>;

    /// An article, or exit 3.
    fn article(&mut self, id: i64) -> Result<Article>;
    /// The articles `f` selects, by id.
    fn articles(&mut self, f: &ArticleFilter) -> Result<Vec<Article>>;
    /// Every article in id order, one at a time.
    fn for_each_article(&mut self, each: &mut dyn FnMut(Article) -> Result<()>) -> Result<()>;
    /// Full-text search over the articles: every article `q` matches (in any order),
    /// each with its category and its `domain::search::bm25` score over every article.
    /// The boost, the order, the limit and the snippets are the caller's
    /// (`domain::search::rank`, `snippet`), the same for every engine; an engine finds
    /// the rows and scores them without reading their text where it can, since a
    /// common word matches thousands. No words: no rows, without asking the database.
    ///
    /// What an engine must hold and answer, exactly:
    /// - It indexes `domain::search::tokens(title)` and `tokens(body)` of every article
    ///   (`search::index_text` gives them joined by spaces), never its own parse of
    ///   the text. A query word `t` of `q.terms` matches an article when one of those
    ///   tokens begins with `t` (`q.prefix`; equals `t` otherwise); the article
    ///   matches when all (`Join::All`) or any (`Join::Any`) of the words do.
    /// - The score is `search::bm25(q, stats, &tokens(title), &tokens(body))` to the
    ///   last bit, where `stats` (`CorpusStats`) is: `rows`, every article, matching or
    ///   not; `tokens`, the sum over every article of `token_count(title) +
    ///   token_count(body)` (duplicates counted); `matching[i]`, how many articles
    ///   `q.terms[i]` alone matches, one entry per word in the query's order (a
    ///   repeated word again).
    ///
    /// SQLite does this with FTS5 over `desk_tokens()` (`tokenize = 'ascii'`, which
    /// splits at the spaces only): `MATCH '"t1"* AND "t2"*'` and FTS5's own
    /// `bm25(articles_fts, 10.0, 1.0)`, which is that formula, negated. PostgreSQL
    /// matches with a `tsvector` column of the tokens (`search @@ $1::tsquery`, a
    /// cast, not `to_tsquery`, whose parser would split and fold the words its own
    /// way), counts the stats in SQL, and each candidate's hits in its body from a
    /// column of the body's tokens each between spaces (`' tok1  tok2 '`, migration
    /// 0007), its title's in Rust; `search::bm25_of_counts` scores them.
    fn article_candidates(&mut self, q: &TextQuery) -> Result<Vec<Scored>>;
    /// The articles with these ids, in the order given (an id with no article is left
    /// out): the ranked hits' full rows.
    fn articles_by_id(&mut self, ids: &[i64]) -> Result<Vec<Article>>;

    /// The report: every ticket with a resolve event in the period (whatever its
    /// org), with its last one there, ascending by ticket.
    fn report_last_resolves(&mut self, w: Window) -> Result<Vec<(i64, LastResolve)>>;
    /// The report: the period's tickets `which` names (of the window's organisation
    /// only, when it has one).
    fn report_in_window(&mut self, w: Window, which: InWindow, each: &mut EachRow) -> Result<()>;
    /// The report: the given tickets, ascending (those of another org left out).
    fn report_tickets(&mut self, ids: &[i64], w: Window, each: &mut EachRow) -> Result<()>;
    /// The report: the histories to replay of the given tickets, ascending by ticket.
    fn report_histories(&mut self, ids: &[i64]) -> Result<Vec<(i64, Vec<HistoryEvent>)>>;
    /// The report: what it counts straight from the stored rows (reopen events, the
    /// backlog at both ends of the period, time logged per actor, articles written).
    fn report_counts(&mut self, w: Window) -> Result<PeriodCounts>;
    /// The report will ask `report_counts(w)` once it has read the period's tickets:
    /// an engine may start on the counts now, alongside (PostgreSQL does, on a large
    /// desk, on a second connection in the same snapshot). Nothing by default.
    fn report_counts_ahead(&mut self, _w: Window) -> Result<()> {
        Ok(())
    }
    /// Every registered organisation by name (letter case aside), with its domains and
    /// settings, and with `counts` how many tickets each has (else 0).
    fn orgs(&mut self, counts: bool) -> Result<Vec<Org>>;

    /// The report: the titles of the given tickets (the breached ones, for the people's
    /// formats), those that exist, ascending as given.
    fn report_titles(&mut self, ids: &[i64]) -> Result<Vec<(i64, String)>>;
}

/// A setting to set, or with no value to remove (back to its default).
#[derive(Debug, Clone, Copy)]
pub struct SettingChange<'a> {
    /// The registered organisation whose setting it is, by name, letter case aside
    /// (`None`: the desk's).
    pub org: Option<&'a str>,
    pub key: &'a str,
    pub value: Option<&'a str>,
}

impl SettingChange<'_> {
    /// Whether the change makes the cached SLA figures stale: a key that shapes SLA
    /// clocks, and any of an organisation's terms.
    pub fn starts_generation(&self) -> bool {
        self.org.is_some() || crate::domain::settings::affects_sla(self.key)
    }
}

/// A comment to file on a ticket.
#[derive(Debug, Clone, Copy)]
pub struct NewComment<'a> {
    pub ticket: i64,
    pub comment: &'a Comment,
    /// When desk wrote it down (the comment's own time may be earlier: a mail's).
    pub recorded_at: DateTime<Utc>,
    /// It came in by mail (else it was written at the desk).
    pub from_mail: bool,
}

/// Time to log on a ticket.
#[derive(Debug, Clone, Copy)]
pub struct NewWork<'a> {
    pub ticket: i64,
    pub entry: &'a WorkEntry,
    /// When desk wrote it down (the entry's own time may be earlier).
    pub recorded_at: DateTime<Utc>,
}

/// The deliveries a run of the outbox takes ([`WriteTxn::claim_deliveries`]): queued
/// ones (failed ones too with `failed`) of `kinds` that no other run holds at
/// `wall_now`, held until `until` (unix seconds of the wall clock), so that a run that
/// dies mid-delivery lets them go.
#[derive(Debug, Clone, Copy)]
pub struct Claim<'a> {
    pub wall_now: i64,
    pub until: i64,
    pub failed: bool,
    pub kinds: &'a [&'a str],
}

/// Everything that writes, inside the one write transaction.
pub trait WriteTxn: ReadTxn {
    /// Inserts a new ticket with its id (or the next free one when its id is 0), its
    /// first events and its SLA cache; returns the id.
    fn insert_ticket(&mut self, r: Recording) -> Result<i64>;
    /// Writes a ticket's move: its fields, its new events and its SLA cache.
    fn record(&mut self, r: Recording) -> Result<()>;
    fn insert_comment(&mut self, c: &NewComment) -> Result<()>;
    fn insert_work(&mut self, w: &NewWork) -> Result<()>;
    /// Records a link from `ticket` to `other`; replaces one between the two.
    fn insert_link(&mut self, ticket: i64, other: i64, kind: LinkKind) -> Result<()>;
    /// Remembers a filed mail's Message-ID.
    fn insert_message(&mut self, message_id: &str, ticket: i64) -> Result<()>;
    /// Queues a delivery in the outbox; returns its id.
    fn insert_delivery(&mut self, d: &NewDelivery, now: DateTime<Utc>) -> Result<i64>;
    /// Takes the deliveries due for this run, as `c` says, with their payloads.
    fn claim_deliveries(&mut self, c: &Claim) -> Result<Vec<(Delivery, Vec<u8>)>>;
    /// A delivery went out.
    fn record_sent(&mut self, id: i64, now: DateTime<Utc>) -> Result<()>;
    /// A delivery failed: queued again, or `failed` when `permanent`.
    fn record_failure(&mut self, id: i64, now: DateTime<Utc>, e: &SendError) -> Result<()>;
    /// Records a message in or out of a ticket (out: with its outbox row).
    fn insert_mail(&mut self, ticket: i64, m: &MailRecord, outbox: Option<i64>) -> Result<()>;
    /// Keeps an attachment (with its `id` where that is free); returns its id.
    fn insert_attachment(&mut self, a: &NewAttachment) -> Result<i64>;
    /// Inserts an article (with its id when `a.id` is not 0); returns the id.
    fn insert_article(&mut self, a: &Article) -> Result<i64>;
    /// Writes an article's fields, or exit 3.
    fn update_article(&mut self, a: &Article) -> Result<()>;
    /// Resolved tickets whose resolve lies at or before `cutoff`, oldest first.
    fn resolved_before(&mut self, cutoff: DateTime<Utc>) -> Result<Vec<(i64, DateTime<Utc>)>>;
    /// Sets or removes a setting, the desk's or a registered organisation's (exit 3
    /// when there is none), starting a new generation when
    /// [`SettingChange::starts_generation`]. Returns the settings now stored.
    fn change_setting(&mut self, c: SettingChange) -> Result<StoredSettings>;
    /// Registers an organisation with its domains and settings (a name or domain
    /// taken already is a conflict).
    fn insert_org(&mut self, org: &Org) -> Result<()>;
    /// Renames the organisation registered as `name` (letter case aside) and replaces
    /// its domains with `org`'s; its settings stay. Its tickets are not touched.
    fn update_org(&mut self, name: &str, org: &Org) -> Result<()>;
    /// Recomputes the SLA cache of every ticket in `statuses` from its history with
    /// `compute`: one read, then a few set-based writes rather than some per ticket.
    fn refresh_caches(
        &mut self,
        statuses: &[Status],
        compute: &mut dyn FnMut(&Ticket, &[Event]) -> SlaCache,
    ) -> Result<()> {
        let mut caches: Vec<(i64, SlaCache)> = Vec::new();
        self.tickets_with_history(statuses, &mut |t, events| {
            caches.push((t.id, compute(&t, &events)));
            Ok(())
        })?;
        if caches.is_empty() {
            return Ok(());
        }
        self.write_caches(&caches)
    }
    /// Every ticket in `statuses` with its history, by id, in one read.
    fn tickets_with_history(
        &mut self,
        statuses: &[Status],
        each: &mut dyn FnMut(Ticket, Vec<Event>) -> Result<()>,
    ) -> Result<()>;
    /// Writes these SLA caches (of the tickets by id) as a few set-based writes.
    fn write_caches(&mut self, caches: &[(i64, SlaCache)]) -> Result<()>;
    /// Who is connected, as the events this transaction writes record it
    /// (`recorded_by`: the OS account on SQLite, the login on PostgreSQL).
    fn recorded_by(&self) -> Option<String>;
    /// The import's side of the transaction.
    fn import(&mut self) -> Result<Box<dyn Import + '_>>;
    /// Writes it all.
    fn commit(self: Box<Self>) -> Result<()>;
}

/// Which ids [`Import::remember_id`] keeps.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IdKind {
    Ticket = 1,
    Article = 2,
}

/// A link named in an imported file whose other end was not filed yet.
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

/// An article whose source ticket is numbered as the imported file numbers it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PendingSource {
    pub line: u64,
    pub article: i64,
    pub ticket: i64,
}

/// The words an imported record is found by, as the importer worked them out:
/// `search::index_text` of its title and of its description (a ticket's, which may
/// have none) or its body (an article's), each the words joined by spaces.
#[derive(Debug, Clone, Copy)]
pub struct IndexText<'a> {
    pub title: &'a str,
    pub body: Option<&'a str>,
}

/// A ticket as an import files it ([`Import::insert_ticket`]).
#[derive(Debug, Clone, Copy)]
pub struct ImportedTicket<'a> {
    pub ticket: &'a Ticket,
    /// When its status last changed, from its history.
    pub status_at: Option<DateTime<Utc>>,
    pub cache: &'a SlaCache,
    pub text: IndexText<'a>,
}

/// Filing a whole file: records with their history as given, ids kept where free,
/// and scratch space (not memory) for what waits until the end of the file.
pub trait Import {
    /// The highest ticket and article ids before the import.
    fn max_ids(&mut self) -> Result<(i64, i64)>;
    fn ticket_exists(&mut self, id: i64) -> Result<bool>;
    fn article_exists(&mut self, id: i64) -> Result<bool>;
    /// Inserts a ticket with its SLA cache and `status_at`, keeping its id when it is
    /// free, and indexes its text as given; returns the id it got.
    fn insert_ticket(&mut self, t: &ImportedTicket) -> Result<i64>;
    /// An event as the file gives it, its `recorded_by` (or its absence) included.
    fn insert_event(&mut self, ticket: i64, e: &Event) -> Result<()>;
    /// Inserts a comment, indexing `folded_text` (`search::index_text` of its text).
    fn insert_comment(&mut self, ticket: i64, c: &Comment, folded_text: &str) -> Result<()>;
    fn insert_work(&mut self, ticket: i64, w: &WorkEntry) -> Result<()>;
    /// Inserts an article, keeping `a.id` when free, indexing `text` (its title and
    /// body); returns the id it got.
    fn insert_article(&mut self, a: &Article, text: IndexText) -> Result<i64>;
    fn insert_link(&mut self, ticket: i64, other: i64, kind: LinkKind) -> Result<()>;
    /// Remembers that the file's `file_id` is `here` (the first the file gave wins).
    fn remember_id(&mut self, kind: IdKind, file_id: i64, here: i64) -> Result<()>;
    fn remembered_id(&mut self, kind: IdKind, file_id: i64) -> Result<Option<i64>>;
    fn remember_source(&mut self, s: PendingSource) -> Result<()>;
    fn insert_pending_link(&mut self, l: &PendingLink) -> Result<()>;
    /// Up to `n` pending links after the `after`-th, in the order they were named,
    /// each with its position (pass the last one back for the next page).
    fn pending_links(&mut self, after: i64, n: usize) -> Result<Vec<(i64, PendingLink)>>;
    /// Up to `n` pending sources after the `after`-th, in the order they came.
    fn pending_sources(&mut self, after: i64, n: usize) -> Result<Vec<(i64, PendingSource)>>;
    fn set_article_source(&mut self, article: i64, ticket: Option<i64>) -> Result<()>;
    /// An imported ticket's attachment (keeping its `id` where free) and mail.
    fn insert_attachment(&mut self, a: &NewAttachment) -> Result<i64>;
    fn insert_mail(&mut self, ticket: i64, m: &MailRecord) -> Result<()>;
    fn insert_message(&mut self, message_id: &str, ticket: i64) -> Result<()>;
    /// Puts back whatever the import set aside, and empties the scratch space.
    fn finish(self: Box<Self>) -> Result<()>;
}
