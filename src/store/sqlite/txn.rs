//! The store's interface on SQLite: a read snapshot is a deferred transaction (WAL
//! gives it a snapshot at its first read), the write transaction an IMMEDIATE one,
//! which takes the write lock at once or waits for it up to the busy timeout. Each
//! method is one or a few statements of the other files.

use super::{SqliteStore, db, interchange, kb, orgs, ours, outbox, report, settings, tickets};
use crate::domain::article::Article;
use crate::domain::classify::{HistoryEvent, LastResolve, PeriodCounts, Window};
use crate::domain::org::Org;
use crate::domain::outbox::{
    Attachment, Delivery, MailRecord, NewAttachment, NewDelivery, SendError,
};
use crate::domain::queue::Query;
use crate::domain::report::WorkEntry as WorkTotal;
use crate::domain::search::{Scored, TextQuery};
use crate::domain::ticket::{Event, LinkKind, Status, Ticket};
use crate::domain::ticket_sla::SlaCache;
use crate::store::{
    ArticleFilter, Claim, EachQueued, EachRow, Import, InWindow, NewComment, NewWork, ReadTxn,
    Recording, SettingChange, Storage, StoredSettings, TicketInFull, WriteMode, WriteTxn,
};
use crate::store::{DbStatus, Problem};
use anyhow::Result;
use chrono::{DateTime, Utc};
use rusqlite::{Connection, Transaction, TransactionBehavior};
use std::path::Path;

/// A transaction's connection: every read is the same whether it reads a snapshot or
/// inside the write transaction.
trait Conn {
    fn conn(&self) -> &Connection;
}

pub(super) struct SqliteRead<'c> {
    tx: Transaction<'c>,
}

impl Conn for SqliteRead<'_> {
    fn conn(&self) -> &Connection {
        &self.tx
    }
}

pub(super) struct SqliteWrite<'c> {
    conn: &'c Connection,
    /// `None` once committed.
    tx: Option<Transaction<'c>>,
    mode: WriteMode,
    /// Who is connected: `recorded_by` on the events this transaction writes.
    account: Option<&'c str>,
}

impl Conn for SqliteWrite<'_> {
    fn conn(&self) -> &Connection {
        self.conn
    }
}

impl SqliteWrite<'_> {
    /// What an import set up around its transaction, undone whether it committed or not.
    fn end_import(&mut self) {
        if self.mode == WriteMode::Import {
            let _ = interchange::skip_check_constraints(self.conn, false);
        }
    }
}

impl Drop for SqliteWrite<'_> {
    fn drop(&mut self) {
        if self.tx.is_some() {
            self.end_import();
            // Rolls back.
            drop(self.tx.take());
        }
    }
}

impl Storage for SqliteStore {
    fn read(&mut self) -> Result<Box<dyn ReadTxn + '_>> {
        let tx = ours(self.conn.unchecked_transaction().map_err(Into::into))?;
        Ok(Box::new(SqliteRead { tx }))
    }

    fn write(&mut self, mode: WriteMode) -> Result<Box<dyn WriteTxn + '_>> {
        let conn = &self.conn;
        let account = self
            .account
            .get_or_init(crate::system::account_name)
            .as_deref();
        let mut w = SqliteWrite {
            conn,
            tx: None,
            mode: WriteMode::Command,
            account,
        };
        let begun = Transaction::new_unchecked(conn, TransactionBehavior::Immediate);
        w.tx = Some(ours(begun.map_err(Into::into))?);
        if mode == WriteMode::Import {
            w.mode = mode;
            interchange::skip_check_constraints(conn, true)?;
        }
        Ok(Box::new(w))
    }

    fn location(&self) -> String {
        self.path().display().to_string()
    }

    fn is_missing(&self) -> bool {
        self.missing
    }

    fn migrated(&self) -> Option<(i64, Option<String>)> {
        self.migrated
            .as_ref()
            .map(|(v, copy)| (*v, copy.as_ref().map(|p| p.display().to_string())))
    }

    fn zone(&mut self) -> Result<Option<String>> {
        match self.zone.take() {
            Some(read_at_open) => Ok(read_at_open),
            None => ours(settings::zone(&self.conn)),
        }
    }

    fn status(&mut self) -> Result<DbStatus> {
        let exists = !self.missing;
        let conn = &self.conn;
        Ok(DbStatus {
            engine: "sqlite",
            engine_version: rusqlite::version().to_string(),
            location: self.path.display().to_string(),
            exists,
            read_only: exists && !super::may_write(&self.path),
            size_bytes: if exists {
                ours(db::size_bytes(conn))?
            } else {
                0
            },
            schema_version: ours(
                conn.query_row("PRAGMA user_version", [], |r| r.get(0))
                    .map_err(Into::into),
            )?,
            desk_schema_version: super::SCHEMA_VERSION,
            journal_mode: if exists {
                Some(ours(db::journal_mode(conn, &self.path))?)
            } else {
                None
            },
            counts: ours(db::counts(conn))?,
        })
    }

    fn check(&mut self) -> Result<Vec<Problem>> {
        ours(db::check(&self.conn))
    }

    fn backup(&mut self, to: &Path, replace: bool) -> Result<()> {
        ours(db::backup_to(&self.conn, to, replace))
    }
}

impl<T: Conn> ReadTxn for T {
    fn settings(&mut self) -> Result<StoredSettings> {
        ours(settings::load(self.conn()))
    }

    fn ticket(&mut self, id: i64) -> Result<Ticket> {
        ours(tickets::get_ticket(self.conn(), id))
    }

    fn ticket_exists(&mut self, id: i64) -> Result<bool> {
        ours(tickets::ticket_exists(self.conn(), id))
    }

    fn ticket_with_history(&mut self, id: i64) -> Result<(Ticket, Vec<Event>)> {
        ours(tickets::with_history(self.conn(), id))
    }

    fn ticket_in_full(&mut self, id: i64) -> Result<TicketInFull> {
        let t = ours(tickets::get_ticket(self.conn(), id))?;
        ours(tickets::in_full(self.conn(), t))
    }

    fn queue(&mut self, q: &Query, each: &mut EachQueued) -> Result<()> {
        ours(tickets::queue(self.conn(), q, each))
    }

    fn for_each_ticket(
        &mut self,
        history_only: bool,
        each: &mut dyn FnMut(TicketInFull) -> Result<()>,
    ) -> Result<()> {
        ours(tickets::for_each_ticket(self.conn(), history_only, each))
    }

    fn active_by_dedup_key(&mut self, key: &str) -> Result<Option<i64>> {
        ours(tickets::active_by_dedup_key(self.conn(), key))
    }

    fn ticket_for_message(&mut self, message_id: &str) -> Result<Option<i64>> {
        ours(tickets::ticket_for_message(self.conn(), message_id))
    }

    fn has_pending(&mut self, failed: bool) -> Result<bool> {
        ours(outbox::has_pending(self.conn(), failed))
    }

    fn deliveries(&mut self, state: Option<&str>) -> Result<Vec<Delivery>> {
        ours(outbox::list_deliveries(self.conn(), state))
    }

    fn inbound_message_ids(&mut self, ticket: i64) -> Result<Vec<String>> {
        ours(outbox::inbound_message_ids(self.conn(), ticket))
    }

    fn attachment(&mut self, id: i64) -> Result<Option<(Attachment, Option<Vec<u8>>)>> {
        ours(outbox::get_attachment(self.conn(), id))
    }

    fn article(&mut self, id: i64) -> Result<Article> {
        ours(kb::get_article(self.conn(), id))
    }

    fn articles(&mut self, f: &ArticleFilter) -> Result<Vec<Article>> {
        ours(kb::list_articles(self.conn(), f))
    }

    fn for_each_article(&mut self, each: &mut dyn FnMut(Article) -> Result<()>) -> Result<()> {
        ours(interchange::for_each_article(self.conn(), each))
    }

    fn article_candidates(&mut self, q: &TextQuery) -> Result<Vec<Scored>> {
        let Some(m) = super::match_expr(q) else {
            return Ok(Vec::new());
        };
        ours(kb::article_candidates(self.conn(), &m))
    }

    fn articles_by_id(&mut self, ids: &[i64]) -> Result<Vec<Article>> {
        ours(kb::articles_by_id(self.conn(), ids))
    }

    fn report_last_resolves(&mut self, w: Window) -> Result<Vec<(i64, LastResolve)>> {
        ours(report::last_resolves(self.conn(), w))
    }

    fn report_in_window(&mut self, w: Window, which: InWindow, each: &mut EachRow) -> Result<()> {
        ours(report::for_each_in_window(self.conn(), w, which, each))
    }

    fn report_tickets(&mut self, ids: &[i64], w: Window, each: &mut EachRow) -> Result<()> {
        ours(report::for_each_ticket(self.conn(), ids, w, each))
    }

    fn report_histories(&mut self, ids: &[i64]) -> Result<Vec<(i64, Vec<HistoryEvent>)>> {
        ours(report::histories(self.conn(), ids))
    }

    fn report_counts(&mut self, w: Window) -> Result<PeriodCounts> {
        let conn = self.conn();
        ours(counts(conn, w))
    }

    fn report_titles(&mut self, ids: &[i64]) -> Result<Vec<(i64, String)>> {
        ours(report::titles(self.conn(), ids))
    }

    fn orgs(&mut self, counts: bool) -> Result<Vec<Org>> {
        ours(orgs::all(self.conn(), counts))
    }
}

fn counts(conn: &Connection, w: Window) -> Result<PeriodCounts> {
    {
        Ok(PeriodCounts {
            reopened: report::reopened(conn, w)?,
            backlog_start: report::backlog_at(conn, w.from, w)?,
            backlog_end: report::backlog_at(conn, w.to, w)?,
            work: report::work(conn, w)?
                .into_iter()
                .map(|(actor, minutes)| WorkTotal { actor, minutes })
                .collect(),
            articles_created: report::articles_created(conn, w)?,
        })
    }
}

impl WriteTxn for SqliteWrite<'_> {
    fn insert_ticket(&mut self, r: Recording) -> Result<i64> {
        ours(tickets::insert_ticket(self.conn, r, self.account))
    }

    fn record(&mut self, r: Recording) -> Result<()> {
        ours(tickets::record(self.conn, r, self.account))
    }

    fn insert_comment(&mut self, c: &NewComment) -> Result<()> {
        ours(tickets::insert_comment(self.conn, c))
    }

    fn insert_work(&mut self, w: &NewWork) -> Result<()> {
        ours(tickets::insert_work(self.conn, w))
    }

    fn insert_link(&mut self, ticket: i64, other: i64, kind: LinkKind) -> Result<()> {
        ours(tickets::insert_link(self.conn, ticket, other, kind))
    }

    fn insert_message(&mut self, message_id: &str, ticket: i64) -> Result<()> {
        ours(tickets::insert_message(self.conn, message_id, ticket))
    }

    fn insert_delivery(&mut self, d: &NewDelivery, now: DateTime<Utc>) -> Result<i64> {
        ours(outbox::insert_delivery(self.conn, d, now))
    }

    fn claim_deliveries(&mut self, c: &Claim) -> Result<Vec<(Delivery, Vec<u8>)>> {
        ours(outbox::claim_pending(self.conn, c))
    }

    fn record_sent(&mut self, id: i64, now: DateTime<Utc>) -> Result<()> {
        ours(outbox::record_sent(self.conn, id, now))
    }

    fn record_failure(&mut self, id: i64, now: DateTime<Utc>, e: &SendError) -> Result<()> {
        ours(outbox::record_failure(self.conn, id, now, e))
    }

    fn insert_mail(&mut self, ticket: i64, m: &MailRecord, outbox: Option<i64>) -> Result<()> {
        ours(outbox::insert_mail(self.conn, ticket, m, outbox))
    }

    fn insert_attachment(&mut self, a: &NewAttachment) -> Result<i64> {
        ours(outbox::insert_attachment(self.conn, a))
    }

    fn insert_article(&mut self, a: &Article) -> Result<i64> {
        ours(kb::insert_article(self.conn, a))
    }

    fn update_article(&mut self, a: &Article) -> Result<()> {
        ours(kb::update_article(self.conn, a))
    }

    fn resolved_before(&mut self, cutoff: DateTime<Utc>) -> Result<Vec<(i64, DateTime<Utc>)>> {
        ours(tickets::resolved_before(self.conn, cutoff))
    }

    fn change_setting(&mut self, c: SettingChange) -> Result<StoredSettings> {
        ours(settings::change(self.conn, c))
    }

    fn insert_org(&mut self, org: &Org) -> Result<()> {
        ours(orgs::insert(self.conn, org))
    }

    fn update_org(&mut self, name: &str, org: &Org) -> Result<()> {
        ours(orgs::update(self.conn, name, org))
    }

    fn tickets_with_history(
        &mut self,
        statuses: &[Status],
        each: &mut dyn FnMut(Ticket, Vec<Event>) -> Result<()>,
    ) -> Result<()> {
        ours(tickets::tickets_with_history(self.conn, statuses, each))
    }

    fn write_caches(&mut self, caches: &[(i64, SlaCache)]) -> Result<()> {
        ours(tickets::write_caches(self.conn, caches))
    }

    fn recorded_by(&self) -> Option<String> {
        self.account.map(str::to_string)
    }

    fn import(&mut self) -> Result<Box<dyn Import + '_>> {
        Ok(Box::new(ours(interchange::Importing::begin(self.conn))?))
    }

    fn commit(mut self: Box<Self>) -> Result<()> {
        self.end_import();
        if let Some(tx) = self.tx.take() {
            ours(tx.commit().map_err(Into::into))?;
        }
        Ok(())
    }
}
