//! The store's interface on PostgreSQL. A read snapshot is a REPEATABLE READ READ
//! ONLY transaction; the write transaction a READ COMMITTED one holding the writers'
//! advisory lock (so it sees every commit made before it got the lock, as SQLite's
//! IMMEDIATE transaction does). Each begins with one simple-query batch that also
//! reads the settings, and each method is one typed statement (no prepare round
//! trip): a single-ticket write is begin, read, write, commit.

use super::{Db, P, PgStore, WRITE_LOCK, ours, ours_pg};
use crate::domain::article::Article;
use crate::domain::classify::{HistoryEvent, LastResolve, PeriodCounts, TicketRow, Window};
use crate::domain::org::Org;
use crate::domain::outbox::{Attachment, Delivery, MailRecord, NewAttachment, NewDelivery};
use crate::domain::queue::{Fields, Query, SortKey};
use crate::domain::report::WorkEntry as WorkTotal;
use crate::domain::search::{CorpusStats, SearchDoc, TextQuery};
use crate::domain::ticket::*;
use crate::domain::ticket_sla::SlaCache;
use crate::domain::time::from_unix;
use crate::error::DeskError;
use crate::store::{
    ArticleFilter, DbStatus, Import, Problem, ReadTxn, Recording, Storage, StoreError,
    StoreErrorKind, StoredSettings, TicketInFull, WriteMode, WriteTxn,
};
use anyhow::{Result, anyhow};
use chrono::{DateTime, Utc};
use postgres::types::{ToSql, Type as T};
use postgres::{Row, SimpleQueryMessage};
use std::collections::HashMap;
use std::path::Path;

/// Internal: bumped whenever a setting that shapes SLA clocks changes.
const SLA_GENERATION: &str = "_sla_generation";

pub(super) struct PgTxn<'s> {
    pub(super) db: &'s mut Db,
    settings: Option<StoredSettings>,
    /// Still open (rolled back when dropped).
    open: bool,
    login: Option<String>,
    /// The oldest resolved tickets (id, resolved_at), read as the write began.
    resolved: Option<Vec<(i64, i64)>>,
    /// The titles of the tickets the report's rows came with, for `report_titles`.
    titles: HashMap<i64, String>,
}

impl<'s> PgTxn<'s> {
    fn new(db: &'s mut Db, b: Begun) -> PgTxn<'s> {
        PgTxn {
            db,
            settings: Some(settings_from(b.settings)),
            open: true,
            login: b.login,
            resolved: b.resolved,
            titles: HashMap::new(),
        }
    }
}

impl Drop for PgTxn<'_> {
    fn drop(&mut self) {
        if self.open {
            self.db.set_aside.clear();
            let _ = self.db.batch("ROLLBACK");
        }
    }
}

/// desk's statements are short, index-driven reads and writes, which JIT compilation
/// only slows down: the report's backlog and time-log counts at 1M tickets cost enough
/// by the planner's estimate to be compiled, 20-40 ms each for nothing. Off for the
/// transaction, set in its first batch (no round trip of its own).
const NO_JIT: &str = "SET LOCAL jit = off";

/// What a transaction's first batch read: the meta rows (when asked) and settings.
struct Begun {
    meta: Option<(bool, i64, i64)>,
    settings: Vec<SettingRow>,
    login: Option<String>,
    resolved: Option<Vec<(i64, i64)>>,
}

/// How many resolved tickets, oldest first, a write transaction reads as it begins:
/// auto-close, which every write runs first, finds its few there without a round trip
/// of its own (see `WriteTxn::resolved_before`).
const RESOLVED_AHEAD: usize = 500;

/// Runs `begin`, then (`meta`) a look at the schema, then `then`, then reads the
/// settings, as one batch.
fn begin_batch(db: &mut Db, begin: &str, meta: bool, then: &str) -> Result<Begun, postgres::Error> {
    let mut sql = String::from(begin);
    if meta {
        sql.push_str("; SELECT key AS meta_key, value AS meta_value FROM desk_meta");
    }
    if !then.is_empty() {
        sql.push_str("; ");
        sql.push_str(then);
    }
    sql.push_str("; ");
    sql.push_str(SETTINGS);
    let write = !then.is_empty();
    if write {
        sql.push_str(&format!(
            "; SELECT session_user AS login; SELECT id AS resolved_id, resolved_at FROM tickets
             WHERE status = 'resolved' ORDER BY resolved_at, id LIMIT {RESOLVED_AHEAD}"
        ));
    }
    let msgs = db.simple(&sql)?;
    let mut out = Begun {
        meta: meta.then_some((false, 0, 0)),
        settings: Vec::new(),
        login: None,
        resolved: write.then(Vec::new),
    };
    for m in msgs {
        if let SimpleQueryMessage::Row(r) = m {
            if r.columns().len() == 1 && r.columns()[0].name() == "login" {
                out.login = r.get(0).map(str::to_string);
                continue;
            }
            if r.columns().len() == 4 && r.columns()[0].name() == "org_key" {
                out.settings.push((
                    r.get(1).map(str::to_string),
                    r.get(2).unwrap_or_default().to_string(),
                    r.get(3).unwrap_or_default().to_string(),
                ));
                continue;
            }
            if r.columns().len() != 2 {
                continue;
            }
            let (k, v) = (r.get(0).unwrap_or_default(), r.get(1).unwrap_or_default());
            match r.columns()[0].name() {
                "resolved_id" => {
                    if let (Some(list), Ok(id), Ok(at)) =
                        (out.resolved.as_mut(), k.parse::<i64>(), v.parse::<i64>())
                    {
                        list.push((id, at));
                    }
                }
                "meta_key" => {
                    if let Some(m) = out.meta.as_mut() {
                        match k {
                            "desk" => m.0 = v == "desk",
                            "schema_version" => m.1 = v.parse().unwrap_or(0),
                            "compatible_with" => m.2 = v.parse().unwrap_or(0),
                            _ => {}
                        }
                    }
                }
                _ => {}
            }
        }
    }
    Ok(out)
}

impl PgStore {
    /// Begins a transaction; the first one also checks the schema in the same batch
    /// (settling it the long way when it is not a current desk).
    fn begin(&mut self, begin: &str, then: &str) -> Result<PgTxn<'_>> {
        if !self.settled {
            match begin_batch(&mut self.db, begin, true, then) {
                Ok(b) => {
                    let (desk, version, compatible) = b.meta.unwrap_or_default();
                    let compatible = if compatible == 0 { version } else { compatible };
                    if desk && PgStore::usable(version, compatible) {
                        self.settled = true;
                        self.version = version;
                        return Ok(PgTxn::new(&mut self.db, b));
                    }
                    let _ = self.db.batch("ROLLBACK");
                }
                Err(e) => {
                    let _ = self.db.batch("ROLLBACK");
                    if e.code() != Some(&postgres::error::SqlState::UNDEFINED_TABLE) {
                        return Err(ours_pg(e));
                    }
                }
            }
            self.settle()?;
        }
        match begin_batch(&mut self.db, begin, false, then) {
            Ok(b) => Ok(PgTxn::new(&mut self.db, b)),
            Err(e) => {
                let _ = self.db.batch("ROLLBACK");
                Err(ours_pg(e))
            }
        }
    }
}

/// The desk's settings and every organisation's, in one statement (organisations by
/// their folded names, keys in order within each).
const SETTINGS: &str =
    "SELECT NULL::text AS org_key, NULL::text AS org_name, key, value FROM settings
    UNION ALL
    SELECT o.name_key, o.name, s.key, s.value FROM org_settings s JOIN orgs o ON o.id = s.org_id
    ORDER BY 1 NULLS FIRST, 3";

type SettingRow = (Option<String>, String, String);

fn settings_from(rows: Vec<SettingRow>) -> StoredSettings {
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
    let order = crate::domain::settings::org_keys();
    for (_, vals) in &mut out.orgs {
        vals.sort_by_key(|(k, _)| order.iter().position(|o| o == k).unwrap_or(usize::MAX));
    }
    out
}

impl Storage for PgStore {
    fn read(&mut self) -> Result<Box<dyn ReadTxn + '_>> {
        Ok(Box::new(self.begin(
            &format!("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY; {NO_JIT}"),
            "",
        )?))
    }

    fn write(&mut self, _mode: WriteMode) -> Result<Box<dyn WriteTxn + '_>> {
        let timeout = crate::store::sqlite::busy_timeout().as_millis().max(1);
        let begin = format!(
            "BEGIN ISOLATION LEVEL READ COMMITTED; SET LOCAL lock_timeout = {timeout}; {NO_JIT}"
        );
        let lock = format!("SELECT pg_advisory_xact_lock({WRITE_LOCK})");
        if self.deferred && self.begin_fresh(&begin, &lock)? {
            // The transaction is open, under the lock, with the schema made: the
            // first batch reads the (new) settings as every write's does.
            return match begin_batch(&mut self.db, "SELECT 1", false, &lock) {
                Ok(b) => Ok(Box::new(PgTxn::new(&mut self.db, b))),
                Err(e) => {
                    let _ = self.db.batch("ROLLBACK");
                    Err(ours_pg(e))
                }
            };
        }
        Ok(Box::new(self.begin(&begin, &lock)?))
    }

    fn location(&self) -> String {
        self.target.shown()
    }

    fn is_missing(&self) -> bool {
        self.missing
    }

    fn migrated(&self) -> Option<(i64, Option<String>)> {
        self.migrated.clone()
    }

    fn zone(&mut self) -> Result<Option<String>> {
        if !self.settled {
            match self.db.simple(
                "SELECT key AS meta_key, value AS meta_value FROM desk_meta;
                 SELECT value AS zone FROM settings WHERE key = 'timezone'",
            ) {
                Ok(msgs) => {
                    let (mut desk, mut version, mut compatible) = (false, 0, 0);
                    let mut zone = None;
                    for m in msgs {
                        if let SimpleQueryMessage::Row(r) = m {
                            match (r.columns()[0].name(), r.get(0), r.try_get(1).ok().flatten()) {
                                ("meta_key", Some("desk"), Some(v)) => desk = v == "desk",
                                ("meta_key", Some("schema_version"), Some(v)) => {
                                    version = v.parse().unwrap_or(0)
                                }
                                ("meta_key", Some("compatible_with"), Some(v)) => {
                                    compatible = v.parse().unwrap_or(0)
                                }
                                ("zone", z, _) => zone = z.map(str::to_string),
                                _ => {}
                            }
                        }
                    }
                    let compatible = if compatible == 0 { version } else { compatible };
                    if desk && PgStore::usable(version, compatible) {
                        self.settled = true;
                        self.version = version;
                        return Ok(zone);
                    }
                }
                Err(e) if e.code() == Some(&postgres::error::SqlState::UNDEFINED_TABLE) => {}
                Err(e) => return Err(ours_pg(e)),
            }
            self.settle()?;
        }
        if self.deferred {
            // No desk yet: the import makes one, with the zone a new desk takes.
            return Ok(Some(crate::system::process_zone().name().to_string()));
        }
        let rows = ours(
            self.db
                .query("SELECT value FROM settings WHERE key = 'timezone'", &[])
                .map_err(Into::into),
        )?;
        Ok(rows.first().map(|r| r.get(0)))
    }

    fn status(&mut self) -> Result<DbStatus> {
        self.settle()?;
        let rows = ours(
            self.db
                .query(
                    "SELECT current_setting('server_version'), pg_database_size(current_database()),
                        NOT has_table_privilege('tickets', 'INSERT'),
                        (SELECT count(*) FROM tickets),
                        (SELECT count(*) FROM tickets WHERE status IN ('new', 'open', 'waiting')),
                        (SELECT count(*) FROM events), (SELECT count(*) FROM comments),
                        (SELECT count(*) FROM worklog), (SELECT count(*) FROM links),
                        (SELECT count(*) FROM articles), (SELECT count(*) FROM outbox),
                        (SELECT count(*) FROM attachments)",
                    &[],
                )
                .map_err(Into::into),
        )?;
        let r = &rows[0];
        let exists = !self.missing;
        let read_only = exists && (self.read_only || r.get::<_, bool>(2));
        let names = [
            "tickets",
            "active",
            "events",
            "comments",
            "work entries",
            "links",
            "articles",
            "outbox",
            "attachments",
        ];
        let counts = names
            .iter()
            .enumerate()
            .map(|(i, n)| (*n, r.get::<_, i64>(3 + i)))
            .collect();
        Ok(DbStatus {
            engine: "postgresql",
            engine_version: r.get(0),
            location: self.target.shown(),
            exists,
            read_only,
            size_bytes: if exists { r.get(1) } else { 0 },
            schema_version: if exists { self.version } else { 0 },
            desk_schema_version: super::SCHEMA_VERSION,
            journal_mode: None,
            counts,
        })
    }

    fn check(&mut self) -> Result<Vec<Problem>> {
        self.settle()?;
        if self.missing {
            return Ok(Vec::new());
        }
        let checks: &[(&str, &str)] = &[
            (
                "events of tickets that do not exist",
                "SELECT count(*) FROM events e WHERE NOT EXISTS (SELECT 1 FROM tickets t WHERE t.id = e.ticket_id)",
            ),
            (
                "tickets naming articles that do not exist",
                "SELECT count(*) FROM tickets t WHERE t.kb_article IS NOT NULL AND NOT EXISTS (SELECT 1 FROM articles a WHERE a.id = t.kb_article)",
            ),
            (
                "articles whose source ticket does not exist",
                "SELECT count(*) FROM articles a WHERE a.source_ticket IS NOT NULL AND NOT EXISTS (SELECT 1 FROM tickets t WHERE t.id = a.source_ticket)",
            ),
            (
                "tickets without a create event",
                "SELECT count(*) FROM tickets t WHERE NOT EXISTS (SELECT 1 FROM events e WHERE e.ticket_id = t.id)",
            ),
            (
                "tickets missing from the search index",
                "SELECT count(*) FROM tickets WHERE search = ''::tsvector",
            ),
            (
                "articles missing from the search index",
                "SELECT count(*) FROM articles WHERE search = ''::tsvector",
            ),
        ];
        let mut out = Vec::new();
        for (what, sql) in checks {
            let n: i64 = ours(self.db.query(sql, &[]).map_err(Into::into))?[0].get(0);
            if n > 0 {
                out.push(Problem {
                    check: if what.contains("search") {
                        "search index"
                    } else {
                        "references"
                    },
                    detail: format!("{n} {what}"),
                });
            }
        }
        Ok(out)
    }

    fn grant(&mut self, role: &str, agent: bool, orgs: &[String]) -> Result<Vec<String>> {
        self.settle()?;
        if self.missing {
            return Err(StoreError::new(
                StoreErrorKind::Unavailable,
                format!("there is no desk at {} yet", self.target.shown()),
                "create it first with `desk db migrate`",
            )
            .into());
        }
        // The organisations first, so that an unknown one changes nothing.
        let keys: Vec<String> = orgs
            .iter()
            .map(|o| crate::domain::settings::org_key(o))
            .collect();
        let rows = ours(
            self.db
                .query(
                    "SELECT name_key, id, name FROM orgs WHERE name_key = ANY($1)",
                    &[(&keys, T::TEXT_ARRAY)],
                )
                .map_err(Into::into),
        )?;
        let found: HashMap<String, (i64, String)> = rows
            .iter()
            .map(|r| (r.get::<_, String>(0), (r.get(1), r.get(2))))
            .collect();
        let mut limit: Vec<(i64, String)> = Vec::new();
        for (name, key) in orgs.iter().zip(&keys) {
            let Some((id, registered)) = found.get(key) else {
                return Err(DeskError::OrgNotFound(name.clone()).into());
            };
            if !limit.iter().any(|(i, _)| i == id) {
                limit.push((*id, registered.clone()));
            }
        }
        let oid: Option<u32> = ours(
            self.db
                .query(
                    "SELECT oid FROM pg_roles WHERE rolname = $1",
                    &[(&role, T::TEXT)],
                )
                .map_err(Into::into),
        )?
        .first()
        .map(|r| r.get(0));
        let Some(oid) = oid else {
            return Err(no_role(role));
        };
        let r = format!("\"{}\"", role.replace('"', "\"\""));
        // Everything taken back first, so a reader that was an agent keeps nothing.
        // Tables are named one by one (not ALL TABLES): desk_role_orgs is readable by
        // everyone (each role sees its own rows), and changed only by the owner.
        let tables = "desk_meta, settings, articles, tickets, events, comments, worklog, links, \
                      messages, outbox, mail, attachments, orgs, org_domains, org_settings";
        let mut sql = format!(
            "BEGIN;
             REVOKE ALL ON {tables} FROM {r};
             GRANT USAGE ON SCHEMA {schema} TO {r};
             GRANT SELECT ON {tables} TO {r};",
            schema = "public"
        );
        if agent {
            // A limited agent works tickets; the desk's settings and organisations
            // (which every ticket's terms hang on) are for unlimited agents.
            let shared = if limit.is_empty() {
                ", settings, orgs, org_domains, org_settings"
            } else {
                ""
            };
            let shared_delete = if limit.is_empty() {
                ", settings, org_domains, org_settings"
            } else {
                ""
            };
            sql.push_str(&format!(
                "GRANT INSERT, UPDATE ON articles, tickets, comments, worklog, links,
                     messages, outbox, mail, attachments{shared} TO {r};
                 GRANT DELETE ON links{shared_delete} TO {r};
                 GRANT INSERT ON events TO {r};
                 GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO {r};"
            ));
        }
        // The role's organisations replace what it had (none: it sees every ticket).
        sql.push_str(&format!("DELETE FROM desk_role_orgs WHERE role = {oid};"));
        // (BEGIN above; COMMIT after the policies' roles below.)
        if !limit.is_empty() {
            let values: Vec<String> = limit
                .iter()
                .map(|(id, _)| format!("({oid}, {id})"))
                .collect();
            sql.push_str(&format!(
                "INSERT INTO desk_role_orgs (role, org_id) VALUES {};",
                values.join(", ")
            ));
        }
        let run = (|| -> Result<(), postgres::Error> {
            self.db.batch(&sql)?;
            // The restrictive policies apply to the limited roles alone (and to the
            // owner, whom they pass by, so that the list is never empty): a role
            // that is not limited pays nothing for them.
            let names: Vec<String> = self
                .db
                .query(
                    "SELECT quote_ident(a.rolname) FROM pg_roles a
                     WHERE a.oid IN (SELECT role FROM desk_role_orgs)
                        OR a.oid = (SELECT relowner FROM pg_class WHERE oid = 'tickets'::regclass)
                     ORDER BY 1",
                    &[],
                )?
                .iter()
                .map(|r| r.get(0))
                .collect();
            let to = names.join(", ");
            let mut alter = String::new();
            for t in LIMITED_TABLES {
                alter.push_str(&format!("ALTER POLICY desk_orgs ON {t} TO {to};"));
            }
            alter.push_str("COMMIT;");
            self.db.batch(&alter)
        })();
        match run {
            Ok(()) => Ok(limit.into_iter().map(|(_, name)| name).collect()),
            Err(e) => {
                let _ = self.db.batch("ROLLBACK");
                if e.code() == Some(&postgres::error::SqlState::UNDEFINED_OBJECT) {
                    return Err(no_role(role));
                }
                Err(ours_pg(e))
            }
        }
    }

    fn backup(&mut self, _to: &Path, _replace: bool) -> Result<()> {
        Err(StoreError::new(
            StoreErrorKind::Unavailable,
            format!(
                "desk db backup copies a SQLite file; {} is a PostgreSQL database",
                self.target.shown()
            ),
            "back it up with pg_dump (e.g. pg_dump -Fc DBNAME > desk.dump), or move it to a file with `desk export`",
        )
        .into())
    }
}

/// The tables whose rows a role limited to some organisations sees only some of (each
/// has the restrictive policy `desk_orgs`, migration 0006).
const LIMITED_TABLES: [&str; 9] = [
    "tickets",
    "events",
    "comments",
    "worklog",
    "links",
    "messages",
    "mail",
    "attachments",
    "outbox",
];

/// `desk db grant` for a role that does not exist.
fn no_role(role: &str) -> anyhow::Error {
    StoreError::new(
        StoreErrorKind::Unavailable,
        format!("there is no PostgreSQL role {role:?}"),
        "create it first: createuser --pwprompt NAME (or CREATE ROLE NAME LOGIN PASSWORD ...)",
    )
    .into()
}

// ---------------------------------------------------------------------------------
// Tickets

/// The columns every ticket query selects, in this order (see `ticket_from_row`).
const COLUMNS: &str = "tickets.id, tickets.kind, tickets.title, tickets.description, tickets.status, tickets.priority, tickets.impact, tickets.urgency, tickets.tier, tickets.max_tier, tickets.assignee, tickets.requester, tickets.email, tickets.phone, tickets.org, tickets.location, tickets.category, tickets.ci, tickets.channel, tickets.tags, tickets.created_at, tickets.updated_at, tickets.first_response_at, tickets.resolved_at, tickets.closed_at, tickets.response_due, tickets.resolve_due, tickets.sla_breached, tickets.resolution, tickets.kb_article, tickets.time_spent, tickets.dedup_key, tickets.occurrences, tickets.escalations, tickets.reopens, tickets.sla_gen";

/// `COLUMNS` with only what the queue's table shows (see the SQLite engine).
const BRIEF_COLUMNS: &str = "tickets.id, 'incident'::text, tickets.title, NULL::text, tickets.status, \
    tickets.priority, NULL::text, NULL::text, tickets.tier, tickets.tier, tickets.assignee, tickets.requester, NULL::text, \
    NULL::text, NULL::text, NULL::text, tickets.category, NULL::text, NULL::text, '[]'::text, \
    tickets.created_at, tickets.created_at, tickets.first_response_at, tickets.resolved_at, tickets.closed_at, tickets.response_due, \
    tickets.resolve_due, tickets.sla_breached, NULL::text, NULL::bigint, 0::bigint, NULL::text, 1::bigint, \
    0::bigint, 0::bigint, tickets.sla_gen";

const ID_COLUMNS: &str = "tickets.id, 'incident'::text, ''::text, NULL::text, 'new'::text, \
    'P3'::text, NULL::text, NULL::text, 1::bigint, 1::bigint, NULL::text, NULL::text, \
    NULL::text, NULL::text, NULL::text, NULL::text, NULL::text, NULL::text, NULL::text, \
    '[]'::text, 0::bigint, 0::bigint, NULL::bigint, NULL::bigint, NULL::bigint, \
    NULL::bigint, NULL::bigint, false, NULL::text, NULL::bigint, 0::bigint, NULL::text, \
    1::bigint, 0::bigint, 0::bigint, 0::bigint";

const NCOLS: usize = 36;

fn ts(v: Option<i64>) -> Option<DateTime<Utc>> {
    v.map(from_unix)
}

fn ut(v: Option<DateTime<Utc>>) -> Option<i64> {
    v.map(|x| x.timestamp())
}

fn parse_enum<X>(row: &Row, i: usize, what: &str, f: fn(&str) -> Option<X>) -> Result<X> {
    let s: &str = row.try_get(i)?;
    f(s).ok_or_else(|| anyhow!("unexpected {what} {s:?}"))
}

fn parse_opt<X>(row: &Row, i: usize, what: &str, f: fn(&str) -> Option<X>) -> Result<Option<X>> {
    match row.try_get::<_, Option<&str>>(i)? {
        None => Ok(None),
        Some(s) => f(s)
            .map(Some)
            .ok_or_else(|| anyhow!("unexpected {what} {s:?}")),
    }
}

fn ticket_from_row(row: &Row) -> Result<Ticket> {
    let tags = match row.try_get::<_, &str>(19)? {
        "[]" => Vec::new(),
        json => serde_json::from_str(json).unwrap_or_default(),
    };
    Ok(Ticket {
        id: row.try_get(0)?,
        kind: parse_enum(row, 1, "kind", Kind::parse)?,
        title: row.try_get(2)?,
        description: row.try_get(3)?,
        status: parse_enum(row, 4, "status", Status::parse)?,
        priority: parse_enum(row, 5, "priority", Priority::parse)?,
        impact: parse_opt(row, 6, "impact", Level::parse)?,
        urgency: parse_opt(row, 7, "urgency", Level::parse)?,
        tier: row.try_get::<_, i64>(8)? as u8,
        max_tier: row.try_get::<_, i64>(9)? as u8,
        assignee: row.try_get(10)?,
        requester: row.try_get(11)?,
        email: row.try_get(12)?,
        phone: row.try_get(13)?,
        org: row.try_get(14)?,
        location: row.try_get(15)?,
        category: row.try_get(16)?,
        ci: row.try_get(17)?,
        channel: parse_opt(row, 18, "channel", Channel::parse)?,
        tags,
        created_at: from_unix(row.try_get(20)?),
        updated_at: from_unix(row.try_get(21)?),
        first_response_at: ts(row.try_get(22)?),
        resolved_at: ts(row.try_get(23)?),
        closed_at: ts(row.try_get(24)?),
        response_due: ts(row.try_get(25)?),
        resolve_due: ts(row.try_get(26)?),
        sla_breached: row.try_get(27)?,
        resolution: row.try_get(28)?,
        kb_article: row.try_get(29)?,
        time_spent: row.try_get(30)?,
        dedup_key: row.try_get(31)?,
        occurrences: row.try_get(32)?,
        escalations: row.try_get(33)?,
        reopens: row.try_get(34)?,
        sla_generation: row.try_get(35)?,
    })
}

fn event_from(row: &Row, n: usize) -> Result<Event> {
    Ok(Event {
        at: from_unix(row.try_get(n)?),
        recorded_at: from_unix(row.try_get(n + 1)?),
        actor: row.try_get(n + 2)?,
        action: row.try_get(n + 3)?,
        detail: row.try_get(n + 4)?,
        status: row
            .try_get::<_, Option<&str>>(n + 5)?
            .and_then(Status::parse),
        recorded_by: row.try_get(n + 6)?,
    })
}

const EVENT_COLUMNS: &str = "at, recorded_at, actor, action, detail, status, recorded_by";

fn tags_json(tags: &[String]) -> String {
    serde_json::to_string(tags).unwrap_or_else(|_| "[]".into())
}

/// The search index's lexemes of a text: `domain::search::tokens`, each once.
pub(super) fn lexemes(s: &str) -> Vec<String> {
    let mut out = crate::domain::search::tokens(s);
    out.sort();
    out.dedup();
    out
}

/// A search index value: `array_to_tsvector` of [`lexemes`] of several texts.
fn search_lexemes(parts: &[Option<&str>]) -> Vec<String> {
    let mut all = Vec::new();
    for p in parts.iter().flatten() {
        all.extend(crate::domain::search::tokens(p));
    }
    all.sort();
    all.dedup();
    all
}

fn get_ticket(db: &mut Db, id: i64) -> Result<Ticket> {
    let rows = db.query(
        &format!("SELECT {COLUMNS} FROM tickets WHERE id = $1"),
        &[(&id, T::INT8)],
    )?;
    match rows.first() {
        Some(r) => ticket_from_row(r),
        None => Err(DeskError::TicketNotFound(id).into()),
    }
}

/// Tickets with their histories as one query: `filter` selects and orders the
/// tickets (ending with an ORDER BY whose last key is the ticket's id).
fn each_with_history(
    db: &mut Db,
    filter: &str,
    p: &[P],
    each: &mut dyn FnMut(Ticket, Vec<Event>) -> Result<()>,
) -> Result<()> {
    let sql = format!(
        "SELECT {COLUMNS}, e.at, e.recorded_at, e.actor, e.action, e.detail, e.status, e.recorded_by
         FROM tickets LEFT JOIN events e ON e.ticket_id = tickets.id {filter}, e.at, e.id"
    );
    let rows = db.query(&sql, p)?;
    let mut current: Option<(Ticket, Vec<Event>)> = None;
    for row in &rows {
        let id: i64 = row.try_get(0)?;
        if current.as_ref().is_none_or(|(t, _)| t.id != id) {
            if let Some((t, events)) = current.take() {
                each(t, events)?;
            }
            current = Some((ticket_from_row(row)?, Vec::new()));
        }
        if row.try_get::<_, Option<i64>>(NCOLS)?.is_some()
            && let Some((_, events)) = current.as_mut()
        {
            events.push(event_from(row, NCOLS)?);
        }
    }
    if let Some((t, events)) = current {
        each(t, events)?;
    }
    Ok(())
}

fn with_history(db: &mut Db, id: i64) -> Result<(Ticket, Vec<Event>)> {
    let mut found = None;
    each_with_history(
        db,
        "WHERE tickets.id = $1 ORDER BY tickets.id",
        &[(&id, T::INT8)],
        &mut |t, e| {
            found = Some((t, e));
            Ok(())
        },
    )?;
    found.ok_or_else(|| DeskError::TicketNotFound(id).into())
}

type WithContent = (Attachment, Option<Vec<u8>>);

/// What hangs off a set of tickets, read in one statement each.
#[derive(Default)]
struct Extras {
    events: HashMap<i64, Vec<Event>>,
    comments: HashMap<i64, Vec<Comment>>,
    worklog: HashMap<i64, Vec<WorkEntry>>,
    links: HashMap<i64, Vec<Link>>,
    attachments: HashMap<i64, Vec<WithContent>>,
    mail: HashMap<i64, Vec<MailRecord>>,
}

/// `what`: 0 history only, 1 everything without attachment bytes, 2 with them.
fn extras(db: &mut Db, ids: &[i64], what: u8) -> Result<Extras> {
    let mut x = Extras::default();
    let ids = ids.to_vec();
    for r in db.query(
        &format!("SELECT ticket_id, {EVENT_COLUMNS} FROM events WHERE ticket_id = ANY($1) ORDER BY ticket_id, at, id"),
        &[(&ids, T::INT8_ARRAY)],
    )? {
        x.events.entry(r.try_get(0)?).or_default().push(event_from(&r, 1)?);
    }
    if what == 0 {
        return Ok(x);
    }
    for r in db.query(
        "SELECT ticket_id, at, actor, text, internal FROM comments WHERE ticket_id = ANY($1) ORDER BY ticket_id, at, id",
        &[(&ids, T::INT8_ARRAY)],
    )? {
        x.comments.entry(r.try_get(0)?).or_default().push(Comment {
            at: from_unix(r.try_get(1)?),
            actor: r.try_get(2)?,
            text: r.try_get(3)?,
            internal: r.try_get(4)?,
        });
    }
    for r in db.query(
        "SELECT ticket_id, at, actor, minutes, note FROM worklog WHERE ticket_id = ANY($1) ORDER BY ticket_id, at, id",
        &[(&ids, T::INT8_ARRAY)],
    )? {
        x.worklog.entry(r.try_get(0)?).or_default().push(WorkEntry {
            at: from_unix(r.try_get(1)?),
            actor: r.try_get(2)?,
            minutes: r.try_get(3)?,
            note: r.try_get(4)?,
        });
    }
    for r in db.query(
        "SELECT ticket_id AS me, other_id, kind, false FROM links WHERE ticket_id = ANY($1)
         UNION ALL SELECT other_id, ticket_id, kind, true FROM links WHERE other_id = ANY($1)
         ORDER BY 1, 2",
        &[(&ids, T::INT8_ARRAY)],
    )? {
        let kind: &str = r.try_get(2)?;
        let k = LinkKind::parse(kind).unwrap_or(LinkKind::Related);
        let inverse: bool = r.try_get(3)?;
        x.links.entry(r.try_get(0)?).or_default().push(Link {
            id: r.try_get(1)?,
            kind: if inverse { k.inverse() } else { k },
        });
    }
    let content = if what == 2 { "content" } else { "NULL::bytea" };
    for r in db.query(
        &format!("SELECT {ATTACHMENT_COLUMNS}, {content} FROM attachments WHERE ticket_id = ANY($1) ORDER BY ticket_id, id"),
        &[(&ids, T::INT8_ARRAY)],
    )? {
        let a = attachment_from_row(&r)?;
        let bytes: Option<Vec<u8>> = r.try_get(9)?;
        x.attachments.entry(a.ticket).or_default().push((a, bytes));
    }
    for r in db.query(
        "SELECT m.ticket_id, m.at, m.direction, m.message_id, m.recipient, m.subject,
                coalesce(o.state, m.state)
         FROM mail m LEFT JOIN outbox o ON o.id = m.outbox_id
         WHERE m.ticket_id = ANY($1) ORDER BY m.ticket_id, m.at, m.id",
        &[(&ids, T::INT8_ARRAY)],
    )? {
        x.mail.entry(r.try_get(0)?).or_default().push(MailRecord {
            at: from_unix(r.try_get(1)?),
            direction: r.try_get(2)?,
            message_id: r.try_get(3)?,
            to: r.try_get(4)?,
            subject: r.try_get(5)?,
            state: r.try_get(6)?,
        });
    }
    Ok(x)
}

fn in_full(t: Ticket, x: &mut Extras) -> TicketInFull {
    let id = t.id;
    TicketInFull {
        ticket: t,
        events: x.events.remove(&id).unwrap_or_default(),
        comments: x.comments.remove(&id).unwrap_or_default(),
        worklog: x.worklog.remove(&id).unwrap_or_default(),
        links: x.links.remove(&id).unwrap_or_default(),
        attachments: x.attachments.remove(&id).unwrap_or_default(),
        mail: x.mail.remove(&id).unwrap_or_default(),
    }
}

fn ord(expr: &str, descending: bool) -> String {
    if descending {
        format!("{expr} DESC NULLS LAST")
    } else {
        format!("{expr} ASC NULLS FIRST")
    }
}

/// Equal ignoring case in any alphabet, as SQLite's `DESK_NOCASE`.
fn nocase(col: &str, param: &str) -> String {
    format!("lower({col} COLLATE \"und-x-icu\") = lower({param} COLLATE \"und-x-icu\")")
}

fn queue(
    db: &mut Db,
    q: &Query,
    generation: Option<i64>,
    each: &mut dyn FnMut(Ticket, Option<Vec<Event>>) -> Result<()>,
) -> Result<()> {
    let f = &q.filter;
    let mut wh: Vec<String> = Vec::new();
    let mut texts: Vec<String> = Vec::new();
    let mut ints: Vec<i64> = Vec::new();
    // Parameters: text ones first as $1..$n; integers after, renumbered below.
    let tp = |v: String, texts: &mut Vec<String>| {
        texts.push(v);
        format!("$t{}", texts.len())
    };
    let ip = |v: i64, ints: &mut Vec<i64>| {
        ints.push(v);
        format!("$i{}", ints.len())
    };
    let all = Status::ALL.len();
    if !f.statuses.is_empty() && f.statuses.len() < all {
        let active = [Status::New, Status::Open, Status::Waiting];
        if f.statuses.len() == 3 && active.iter().all(|s| f.statuses.contains(s)) {
            wh.push("status IN ('new', 'open', 'waiting')".into());
        } else {
            let list: Vec<String> = f
                .statuses
                .iter()
                .map(|s| format!("'{}'", s.as_str()))
                .collect();
            wh.push(format!("status IN ({})", list.join(", ")));
        }
    }
    if let Some(a) = &f.assignee {
        wh.push(format!("assignee = {}", tp(a.clone(), &mut texts)));
    }
    if f.unassigned {
        wh.push("assignee IS NULL".into());
    }
    if !f.priorities.is_empty() {
        let list: Vec<String> = f
            .priorities
            .iter()
            .map(|p| format!("'{}'", p.as_str()))
            .collect();
        wh.push(format!("priority IN ({})", list.join(", ")));
    }
    if let Some(t) = f.tier {
        wh.push(format!("tier = {}", ip(t as i64, &mut ints)));
    }
    if let Some(k) = f.kind {
        wh.push(format!("kind = '{}'", k.as_str()));
    }
    for (col, v) in [
        ("category", &f.category),
        ("org", &f.org),
        ("requester", &f.requester),
        ("ci", &f.ci),
    ] {
        if let Some(v) = v {
            let p = tp(v.clone(), &mut texts);
            wh.push(nocase(col, &p));
        }
    }
    if let Some(c) = f.channel {
        wh.push(format!("channel = '{}'", c.as_str()));
    }
    if let Some(tag) = &f.tag {
        let p = tp(tag.clone(), &mut texts);
        wh.push(format!(
            "EXISTS (SELECT 1 FROM json_array_elements_text(tickets.tags::json) v WHERE {})",
            nocase("v", &p)
        ));
    }
    if let Some(d) = f.due_before {
        wh.push(format!("next_due < {}", ip(d.timestamp(), &mut ints)));
    }
    if let Some(d) = f.created_since {
        wh.push(format!("created_at >= {}", ip(d.timestamp(), &mut ints)));
    }
    if let Some(d) = f.created_until {
        wh.push(format!("created_at < {}", ip(d.timestamp(), &mut ints)));
    }
    if let Some(sq) = &f.search {
        if sq.is_empty() {
            wh.push("false".into());
        }
        for term in sq.each_term() {
            let Some(m) = term.ts_query() else {
                continue;
            };
            let p = tp(m, &mut texts);
            wh.push(format!(
                "(tickets.search @@ {p}::tsquery
                  OR tickets.id IN (SELECT c.ticket_id FROM comments c WHERE c.search @@ {p}::tsquery))"
            ));
        }
    }
    let dir = q.descending;
    let breached = match f.now {
        Some(now) => format!(
            "(tickets.sla_breached OR tickets.next_due < {})",
            now.timestamp()
        ),
        None => "tickets.sla_breached".to_string(),
    };
    let keys: Vec<String> = match q.sort {
        SortKey::Due if !dir => vec![
            ord(&breached, true),
            ord("tickets.next_due", false),
            ord("tickets.priority", false),
            ord("tickets.id", false),
        ],
        SortKey::Due => vec![
            ord(&breached, false),
            ord("tickets.next_due", true),
            ord("tickets.priority", true),
            ord("tickets.id", true),
        ],
        SortKey::Priority => vec![
            ord("tickets.priority", dir),
            ord("tickets.next_due", dir),
            ord("tickets.id", dir),
        ],
        SortKey::Id => vec![ord("tickets.id", dir)],
        SortKey::Created => vec![ord("tickets.created_at", dir), ord("tickets.id", dir)],
        SortKey::Updated => vec![ord("tickets.updated_at", dir), ord("tickets.id", dir)],
        SortKey::Status => vec![
            ord(
                "CASE tickets.status WHEN 'new' THEN 0 WHEN 'open' THEN 1 WHEN 'waiting' THEN 2 \
                 WHEN 'resolved' THEN 3 WHEN 'closed' THEN 4 ELSE 5 END",
                dir,
            ),
            ord("tickets.id", dir),
        ],
        SortKey::Assignee => vec![ord("lower(tickets.assignee)", dir), ord("tickets.id", dir)],
        SortKey::Requester => vec![ord("lower(tickets.requester)", dir), ord("tickets.id", dir)],
        SortKey::Title => vec![ord("lower(tickets.title)", dir), ord("tickets.id", dir)],
    };
    let mut sql = format!(
        "SELECT {} FROM tickets",
        match q.fields {
            Fields::All => COLUMNS,
            Fields::Brief => BRIEF_COLUMNS,
            Fields::Id => ID_COLUMNS,
        }
    );
    if !wh.is_empty() {
        sql.push_str(" WHERE ");
        sql.push_str(&wh.join(" AND "));
    }
    sql.push_str(" ORDER BY ");
    sql.push_str(&keys.join(", "));
    if let Some(n) = q.limit {
        sql.push_str(&format!(" LIMIT {}", n.min(i64::MAX as u64)));
    }
    // Number the placeholders: texts, then integers (highest first, so $t1 does not
    // eat $t10).
    let nt = texts.len();
    for i in (1..=ints.len()).rev() {
        sql = sql.replace(&format!("$i{i}"), &format!("${}", nt + i));
    }
    for i in (1..=nt).rev() {
        sql = sql.replace(&format!("$t{i}"), &format!("${i}"));
    }
    let mut p: Vec<P> = Vec::new();
    for t in &texts {
        p.push((t, T::TEXT));
    }
    for i in &ints {
        p.push((i, T::INT8));
    }
    let rows = db.query(&sql, &p)?;
    let tickets: Vec<Ticket> = rows.iter().map(ticket_from_row).collect::<Result<_>>()?;
    drop(rows);
    // The stale ones' histories, in one statement.
    let stale: Vec<i64> = match generation {
        Some(g) => tickets
            .iter()
            .filter(|t| t.sla_generation != g)
            .map(|t| t.id)
            .collect(),
        None => Vec::new(),
    };
    let mut histories = if stale.is_empty() {
        HashMap::new()
    } else {
        extras(db, &stale, 0)?.events
    };
    for t in tickets {
        let h = match generation {
            Some(g) if t.sla_generation != g => Some(histories.remove(&t.id).unwrap_or_default()),
            _ => None,
        };
        each(t, h)?;
    }
    Ok(())
}

/// The parameters of a ticket row, in [`INSERT_TICKET`]'s order from $2.
struct TicketParams {
    v: Vec<Box<dyn ToSql + Sync>>,
    t: Vec<T>,
}

impl TicketParams {
    fn push<X: ToSql + Sync + 'static>(&mut self, x: X, ty: T) {
        self.v.push(Box::new(x));
        self.t.push(ty);
    }

    fn refs(&self) -> Vec<P<'_>> {
        self.v
            .iter()
            .zip(&self.t)
            .map(|(v, t)| (v.as_ref() as &(dyn ToSql + Sync), t.clone()))
            .collect()
    }
}

/// The ticket columns written on insert, after `id`.
const TICKET_INSERT_COLUMNS: &str = "kind, title, description, status, priority, impact, urgency,
    tier, max_tier, assignee, requester, email, phone, org, location, category, ci,
    channel, tags, created_at, updated_at, resolution, kb_article, time_spent,
    dedup_key, occurrences, escalations, reopens, resolved_at, closed_at, status_at,
    first_response_at, response_due, resolve_due, next_due, sla_breached, sla_gen,
    response_secs, resolve_secs, first_resolved_at, last_resolved_at, ever_escalated,
    ever_reopened, search";

fn ticket_params(t: &Ticket, status_at: Option<DateTime<Utc>>, c: &SlaCache) -> TicketParams {
    let mut p = TicketParams {
        v: Vec::with_capacity(44),
        t: Vec::with_capacity(44),
    };
    let s = |x: &Option<String>| x.clone();
    p.push(t.kind.as_str().to_string(), T::TEXT);
    p.push(t.title.clone(), T::TEXT);
    p.push(s(&t.description), T::TEXT);
    p.push(t.status.as_str().to_string(), T::TEXT);
    p.push(t.priority.as_str().to_string(), T::TEXT);
    p.push(t.impact.map(|l| l.as_str().to_string()), T::TEXT);
    p.push(t.urgency.map(|l| l.as_str().to_string()), T::TEXT);
    p.push(t.tier as i64, T::INT8);
    p.push(t.max_tier as i64, T::INT8);
    p.push(s(&t.assignee), T::TEXT);
    p.push(s(&t.requester), T::TEXT);
    p.push(s(&t.email), T::TEXT);
    p.push(s(&t.phone), T::TEXT);
    p.push(s(&t.org), T::TEXT);
    p.push(s(&t.location), T::TEXT);
    p.push(s(&t.category), T::TEXT);
    p.push(s(&t.ci), T::TEXT);
    p.push(t.channel.map(|c| c.as_str().to_string()), T::TEXT);
    p.push(tags_json(&t.tags), T::TEXT);
    p.push(t.created_at.timestamp(), T::INT8);
    p.push(t.updated_at.timestamp(), T::INT8);
    p.push(s(&t.resolution), T::TEXT);
    p.push(t.kb_article, T::INT8);
    p.push(t.time_spent, T::INT8);
    p.push(s(&t.dedup_key), T::TEXT);
    p.push(t.occurrences, T::INT8);
    p.push(t.escalations, T::INT8);
    p.push(t.reopens, T::INT8);
    p.push(ut(t.resolved_at), T::INT8);
    p.push(ut(t.closed_at), T::INT8);
    p.push(ut(status_at), T::INT8);
    p.push(ut(c.first_response_at), T::INT8);
    p.push(ut(c.response_due), T::INT8);
    p.push(ut(c.resolve_due), T::INT8);
    p.push(c.next_due(), T::INT8);
    p.push(c.breached, T::BOOL);
    p.push(c.generation, T::INT8);
    p.push(c.response_secs, T::INT8);
    p.push(c.resolve_secs, T::INT8);
    p.push(ut(c.first_resolved_at), T::INT8);
    p.push(ut(c.last_resolved_at), T::INT8);
    p.push(c.ever_escalated, T::BOOL);
    p.push(c.ever_reopened, T::BOOL);
    p.push(
        search_lexemes(&[Some(&t.title), t.description.as_deref()]),
        T::TEXT_ARRAY,
    );
    p
}

/// The new events of a ticket as arrays, for one INSERT ... SELECT FROM unnest.
struct EventArrays {
    at: Vec<i64>,
    rec: Vec<i64>,
    actor: Vec<String>,
    action: Vec<String>,
    detail: Vec<Option<String>>,
    status: Vec<Option<String>>,
}

fn event_arrays(events: &[Event]) -> EventArrays {
    EventArrays {
        at: events.iter().map(|e| e.at.timestamp()).collect(),
        rec: events.iter().map(|e| e.recorded_at.timestamp()).collect(),
        actor: events.iter().map(|e| e.actor.clone()).collect(),
        action: events.iter().map(|e| e.action.clone()).collect(),
        detail: events.iter().map(|e| e.detail.clone()).collect(),
        status: events
            .iter()
            .map(|e| e.status.map(|s| s.as_str().to_string()))
            .collect(),
    }
}

/// A CTE inserting the events in `$a..$a+5` for ticket `ticket_expr`.
fn events_cte(a: usize, ticket_expr: &str, from: &str) -> String {
    format!(
        "ev AS (INSERT INTO events (id, ticket_id, at, recorded_at, actor, action, detail, status)
           SELECT m.m + e.n, {ticket_expr}, e.at, e.rec, e.actor, e.action, e.detail, e.status
           FROM {from} unnest(${a}::bigint[], ${}::bigint[], ${}::text[], ${}::text[], ${}::text[], ${}::text[])
                WITH ORDINALITY AS e(at, rec, actor, action, detail, status, n),
                (SELECT desk_next_id('events') - 1 AS m) m)",
        a + 1,
        a + 2,
        a + 3,
        a + 4,
        a + 5
    )
}

fn push_events<'a>(p: &mut Vec<P<'a>>, e: &'a EventArrays) {
    p.push((&e.at, T::INT8_ARRAY));
    p.push((&e.rec, T::INT8_ARRAY));
    p.push((&e.actor, T::TEXT_ARRAY));
    p.push((&e.action, T::TEXT_ARRAY));
    p.push((&e.detail, T::TEXT_ARRAY));
    p.push((&e.status, T::TEXT_ARRAY));
}

fn insert_ticket(db: &mut Db, r: Recording) -> Result<i64> {
    let t = r.ticket;
    let id: Option<i64> = (t.id > 0).then_some(t.id);
    let status_at = r
        .events
        .iter()
        .filter(|e| e.status.is_some())
        .map(|e| e.at)
        .max();
    let tp = ticket_params(t, status_at, r.cache);
    let ev = event_arrays(r.events);
    let n = tp.v.len();
    let values: Vec<String> = (2..=n + 1)
        .map(|i| {
            if i == n + 1 {
                format!("array_to_tsvector(${i}::text[])")
            } else {
                format!("${i}")
            }
        })
        .collect();
    let sql = format!(
        "WITH t AS (INSERT INTO tickets (id, {TICKET_INSERT_COLUMNS})
            VALUES (coalesce($1, desk_next_id('tickets')), {})
            RETURNING id),
         {}
         SELECT id FROM t",
        values.join(", "),
        events_cte(n + 2, "t.id", "t,")
    );
    let mut p: Vec<P> = vec![(&id, T::INT8)];
    p.extend(tp.refs());
    push_events(&mut p, &ev);
    let rows = db.query(&sql, &p)?;
    Ok(rows[0].try_get(0)?)
}

fn record(db: &mut Db, r: Recording) -> Result<()> {
    let t = r.ticket;
    let c = r.cache;
    let status_at = r
        .events
        .iter()
        .filter(|e| e.status.is_some())
        .map(|e| e.at.timestamp())
        .max();
    let ev = event_arrays(r.events);
    let (kind, status, priority) = (
        t.kind.as_str().to_string(),
        t.status.as_str().to_string(),
        t.priority.as_str().to_string(),
    );
    let impact = t.impact.map(|l| l.as_str().to_string());
    let urgency = t.urgency.map(|l| l.as_str().to_string());
    let channel = t.channel.map(|l| l.as_str().to_string());
    let tags = tags_json(&t.tags);
    let tier = t.tier as i64;
    let max_tier = t.max_tier as i64;
    let updated = t.updated_at.timestamp();
    let (resolved, closed) = (ut(t.resolved_at), ut(t.closed_at));
    let (fr, rd, rsd) = (
        ut(c.first_response_at),
        ut(c.response_due),
        ut(c.resolve_due),
    );
    let (first_res, last_res) = (ut(c.first_resolved_at), ut(c.last_resolved_at));
    let next_due = c.next_due();
    let search = search_lexemes(&[Some(&t.title), t.description.as_deref()]);
    let mut p: Vec<P> = vec![
        (&t.id, T::INT8),
        (&kind, T::TEXT),
        (&status, T::TEXT),
        (&priority, T::TEXT),
        (&impact, T::TEXT),
        (&urgency, T::TEXT),
        (&tier, T::INT8),
        (&max_tier, T::INT8),
        (&t.assignee, T::TEXT),
        (&t.requester, T::TEXT),
        (&t.email, T::TEXT),
        (&t.phone, T::TEXT),
        (&t.org, T::TEXT),
        (&t.location, T::TEXT),
        (&t.category, T::TEXT),
        (&t.ci, T::TEXT),
        (&channel, T::TEXT),
        (&tags, T::TEXT),
        (&updated, T::INT8),
        (&resolved, T::INT8),
        (&closed, T::INT8),
        (&t.resolution, T::TEXT),
        (&t.kb_article, T::INT8),
        (&t.time_spent, T::INT8),
        (&t.occurrences, T::INT8),
        (&t.escalations, T::INT8),
        (&t.reopens, T::INT8),
        (&fr, T::INT8),
        (&rd, T::INT8),
        (&rsd, T::INT8),
        (&next_due, T::INT8),
        (&c.breached, T::BOOL),
        (&c.generation, T::INT8),
        (&c.response_secs, T::INT8),
        (&c.resolve_secs, T::INT8),
        (&first_res, T::INT8),
        (&last_res, T::INT8),
        (&c.ever_escalated, T::BOOL),
        (&c.ever_reopened, T::BOOL),
        (&status_at, T::INT8),
    ];
    let text = if r.text_changed {
        p.push((&t.title, T::TEXT));
        p.push((&t.description, T::TEXT));
        p.push((&search, T::TEXT_ARRAY));
        ", title = $41, description = $42, search = array_to_tsvector($43::text[])"
    } else {
        ""
    };
    let a = p.len() + 1;
    push_events(&mut p, &ev);
    let sql = format!(
        "WITH {} UPDATE tickets SET kind = $2, status = $3, priority = $4,
            impact = $5, urgency = $6, tier = $7, max_tier = $8, assignee = $9,
            requester = $10, email = $11, phone = $12, org = $13, location = $14,
            category = $15, ci = $16, channel = $17, tags = $18, updated_at = $19,
            resolved_at = $20, closed_at = $21, resolution = $22, kb_article = $23,
            time_spent = $24, occurrences = $25, escalations = $26, reopens = $27,
            first_response_at = $28, response_due = $29, resolve_due = $30, next_due = $31,
            sla_breached = $32, sla_gen = $33, response_secs = $34, resolve_secs = $35,
            first_resolved_at = $36, last_resolved_at = $37, ever_escalated = $38,
            ever_reopened = $39,
            status_at = CASE WHEN $40::bigint IS NULL THEN status_at
                             ELSE greatest(coalesce(status_at, $40), $40) END{text}
         WHERE id = $1",
        events_cte(a, "$1", "")
    );
    db.execute(&sql, &p)?;
    Ok(())
}

fn refresh_caches(
    db: &mut Db,
    statuses: &[Status],
    compute: &mut dyn FnMut(&Ticket, &[Event]) -> SlaCache,
) -> Result<()> {
    let names: Vec<String> = statuses.iter().map(|s| s.as_str().to_string()).collect();
    let mut caches: Vec<(i64, SlaCache)> = Vec::new();
    each_with_history(
        db,
        "WHERE tickets.status = ANY($1) ORDER BY tickets.id",
        &[(&names, T::TEXT_ARRAY)],
        &mut |t, events| {
            caches.push((t.id, compute(&t, &events)));
            Ok(())
        },
    )?;
    if caches.is_empty() {
        return Ok(());
    }
    let id: Vec<i64> = caches.iter().map(|(i, _)| *i).collect();
    let col = |f: &dyn Fn(&SlaCache) -> Option<i64>| -> Vec<Option<i64>> {
        caches.iter().map(|(_, c)| f(c)).collect()
    };
    let fr = col(&|c| ut(c.first_response_at));
    let rd = col(&|c| ut(c.response_due));
    let rsd = col(&|c| ut(c.resolve_due));
    let nd = col(&|c| Some(c.next_due()));
    let gen_ = col(&|c| Some(c.generation));
    let rs = col(&|c| c.response_secs);
    let rss = col(&|c| c.resolve_secs);
    let fres = col(&|c| ut(c.first_resolved_at));
    let lres = col(&|c| ut(c.last_resolved_at));
    let br: Vec<bool> = caches.iter().map(|(_, c)| c.breached).collect();
    let ee: Vec<bool> = caches.iter().map(|(_, c)| c.ever_escalated).collect();
    let er: Vec<bool> = caches.iter().map(|(_, c)| c.ever_reopened).collect();
    db.execute(
        "UPDATE tickets SET first_response_at = r.fr, response_due = r.rd, resolve_due = r.rsd,
            next_due = r.nd, sla_breached = r.br, sla_gen = r.g, response_secs = r.rs,
            resolve_secs = r.rss, first_resolved_at = r.fres, last_resolved_at = r.lres,
            ever_escalated = r.ee, ever_reopened = r.er
         FROM unnest($1::bigint[], $2::bigint[], $3::bigint[], $4::bigint[], $5::bigint[],
                     $6::bool[], $7::bigint[], $8::bigint[], $9::bigint[], $10::bigint[],
                     $11::bigint[], $12::bool[], $13::bool[])
              AS r(id, fr, rd, rsd, nd, br, g, rs, rss, fres, lres, ee, er)
         WHERE tickets.id = r.id",
        &[
            (&id, T::INT8_ARRAY),
            (&fr, T::INT8_ARRAY),
            (&rd, T::INT8_ARRAY),
            (&rsd, T::INT8_ARRAY),
            (&nd, T::INT8_ARRAY),
            (&br, T::BOOL_ARRAY),
            (&gen_, T::INT8_ARRAY),
            (&rs, T::INT8_ARRAY),
            (&rss, T::INT8_ARRAY),
            (&fres, T::INT8_ARRAY),
            (&lres, T::INT8_ARRAY),
            (&ee, T::BOOL_ARRAY),
            (&er, T::BOOL_ARRAY),
        ],
    )?;
    Ok(())
}

// ---------------------------------------------------------------------------------
// Outbox, mail, attachments

const DELIVERY_COLUMNS: &str = "id, kind, ticket_id, created_at, state, attempts, last_attempt_at, \
    last_error, sent_at, sender, recipient, subject, message_id";

fn delivery_from_row(r: &Row) -> Result<Delivery> {
    Ok(Delivery {
        id: r.try_get(0)?,
        kind: r.try_get(1)?,
        ticket: r.try_get(2)?,
        created_at: from_unix(r.try_get(3)?),
        state: r.try_get(4)?,
        attempts: r.try_get(5)?,
        last_attempt_at: ts(r.try_get(6)?),
        last_error: r.try_get(7)?,
        sent_at: ts(r.try_get(8)?),
        sender: r.try_get(9)?,
        recipient: r.try_get(10)?,
        subject: r.try_get(11)?,
        message_id: r.try_get(12)?,
    })
}

const ATTACHMENT_COLUMNS: &str = "id, ticket_id, name, type, size, sha256, stored, at, actor";

fn attachment_from_row(r: &Row) -> Result<Attachment> {
    Ok(Attachment {
        id: r.try_get(0)?,
        ticket: r.try_get(1)?,
        name: r.try_get(2)?,
        mime: r.try_get(3)?,
        size: r.try_get(4)?,
        sha256: r.try_get(5)?,
        stored: r.try_get(6)?,
        at: from_unix(r.try_get(7)?),
        actor: r.try_get(8)?,
    })
}

pub(super) fn insert_attachment(
    db: &mut Db,
    id: Option<i64>,
    ticket: i64,
    a: &NewAttachment,
) -> Result<i64> {
    let stored = a.content.is_some();
    let at = a.at.timestamp();
    let rows = db.query(
        "INSERT INTO attachments (id, ticket_id, name, type, size, sha256, stored, content, at, actor)
         VALUES (CASE WHEN $1::bigint IS NOT NULL AND NOT EXISTS (SELECT 1 FROM attachments WHERE id = $1)
                      THEN $1 ELSE desk_next_id('attachments') END,
                 $2, $3, $4, $5, $6, $7, $8, $9, $10)
         RETURNING id",
        &[
            (&id, T::INT8),
            (&ticket, T::INT8),
            (&a.name, T::TEXT),
            (&a.mime, T::TEXT),
            (&a.size, T::INT8),
            (&a.sha256, T::TEXT),
            (&stored, T::BOOL),
            (&a.content, T::BYTEA),
            (&at, T::INT8),
            (&a.actor, T::TEXT),
        ],
    )?;
    Ok(rows[0].try_get(0)?)
}

pub(super) fn insert_mail(
    db: &mut Db,
    ticket: i64,
    m: &MailRecord,
    outbox: Option<i64>,
) -> Result<()> {
    let at = m.at.timestamp();
    let state = if outbox.is_some() {
        None
    } else {
        m.state.clone()
    };
    db.execute(
        "INSERT INTO mail (id, ticket_id, at, direction, message_id, recipient, subject, outbox_id, state)
         VALUES (desk_next_id('mail'), $1, $2, $3, $4, $5, $6, $7, $8)",
        &[
            (&ticket, T::INT8),
            (&at, T::INT8),
            (&m.direction, T::TEXT),
            (&m.message_id, T::TEXT),
            (&m.to, T::TEXT),
            (&m.subject, T::TEXT),
            (&outbox, T::INT8),
            (&state, T::TEXT),
        ],
    )?;
    Ok(())
}

pub(super) fn insert_message(db: &mut Db, message_id: &str, ticket: i64) -> Result<()> {
    db.execute(
        "INSERT INTO messages (message_id, ticket_id) VALUES ($1, $2) ON CONFLICT DO NOTHING",
        &[(&message_id, T::TEXT), (&ticket, T::INT8)],
    )?;
    Ok(())
}

pub(super) fn insert_link(db: &mut Db, ticket: i64, other: i64, kind: LinkKind) -> Result<()> {
    db.execute(
        "WITH d AS (DELETE FROM links WHERE ticket_id = $2 AND other_id = $1)
         INSERT INTO links (ticket_id, other_id, kind) VALUES ($1, $2, $3)
         ON CONFLICT (ticket_id, other_id) DO UPDATE SET kind = excluded.kind",
        &[
            (&ticket, T::INT8),
            (&other, T::INT8),
            (&kind.as_str(), T::TEXT),
        ],
    )?;
    Ok(())
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

pub(super) fn insert_article(db: &mut Db, id: Option<i64>, a: &Article) -> Result<i64> {
    let tags = tags_json(&a.tags);
    let (c, u) = (a.created_at.timestamp(), a.updated_at.timestamp());
    let st = search_lexemes(&[Some(&a.title), Some(&a.body)]);
    let sb = (crate::domain::search::token_count(&a.title)
        + crate::domain::search::token_count(&a.body)) as i64;
    let rows = db.query(
        "INSERT INTO articles (id, title, body, tags, category, author, source_ticket, created_at,
            updated_at, search, search_len)
         VALUES (coalesce($1, (SELECT coalesce(max(id), 0) + 1 FROM articles)), $2, $3, $4, $5,
            $6, $7, $8, $9, array_to_tsvector($10::text[]), $11)
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
            (&st, T::TEXT_ARRAY),
            (&sb, T::INT8),
        ],
    )?;
    Ok(rows[0].try_get(0)?)
}

fn article_candidates(db: &mut Db, q: &TextQuery) -> Result<(CorpusStats, Vec<SearchDoc>)> {
    let Some(m) = q.ts_query() else {
        return Ok((CorpusStats::default(), Vec::new()));
    };
    let terms: Vec<String> = q.each_term().filter_map(|t| t.ts_query()).collect();
    // The articles and their words in one pass over the table (two subqueries would
    // read it twice: 40 ms each at 100,000 articles). A query of one word matches
    // exactly the candidates read below, so its count is theirs, not a second search.
    let counted: &[String] = if terms.len() == 1 && terms[0] == m {
        &[]
    } else {
        &terms
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
    let mut stats = CorpusStats {
        rows: r.try_get::<_, i64>(0)?.max(0) as u64,
        tokens: r.try_get::<_, i64>(1)?.max(0) as u64,
        matching: (0..counted.len())
            .map(|i| Ok(r.try_get::<_, i64>(2 + i)?.max(0) as u64))
            .collect::<Result<_>>()?,
    };
    let rows = db.query(
        "SELECT id, title, body, category FROM articles WHERE search @@ $1::tsquery",
        &[(&m, T::TEXT)],
    )?;
    let docs: Vec<SearchDoc> = rows
        .iter()
        .map(|r| {
            Ok(SearchDoc {
                id: r.try_get(0)?,
                title: r.try_get(1)?,
                body: r.try_get(2)?,
                category: r.try_get(3)?,
            })
        })
        .collect::<Result<_>>()?;
    if counted.is_empty() {
        stats.matching = vec![docs.len() as u64];
    }
    Ok((stats, docs))
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

// ---------------------------------------------------------------------------------
// The report

const REPORT_COLUMNS: &str = "id, created_at, kind, category, channel, priority, org, ci, \
    requester, max_tier, status = 'cancelled', kb_article IS NOT NULL, sla_gen, \
    first_response_at, response_secs, resolve_secs, first_resolved_at, last_resolved_at, \
    ever_escalated, ever_reopened";

/// How many columns `REPORT_COLUMNS` has.
const REPORT_NCOLS: usize = 20;

fn report_row(r: &Row) -> Result<TicketRow> {
    let id: i64 = r.try_get(0)?;
    let priority: &str = r.try_get(5)?;
    Ok(TicketRow {
        id,
        created_at: from_unix(r.try_get(1)?),
        kind: r.try_get(2)?,
        category: r.try_get(3)?,
        channel: r.try_get(4)?,
        priority: Priority::parse(priority)
            .ok_or_else(|| anyhow!("ticket #{id} has an unknown priority {priority:?}"))?,
        org: r.try_get(6)?,
        ci: r.try_get(7)?,
        requester: r.try_get(8)?,
        max_tier: r.try_get::<_, i64>(9)? as u8,
        cancelled: r.try_get(10)?,
        has_article: r.try_get(11)?,
        generation: r.try_get(12)?,
        first_response_at: ts(r.try_get(13)?),
        response_secs: r.try_get(14)?,
        resolve_secs: r.try_get(15)?,
        first_resolved_at: ts(r.try_get(16)?),
        last_resolved_at: ts(r.try_get(17)?),
        ever_escalated: r.try_get(18)?,
        ever_reopened: r.try_get(19)?,
    })
}

/// The report's rows `filter` selects, each with its title kept in `titles`: the
/// report then names its breached tickets (`report_titles`, thousands at 1M tickets)
/// from rows already read, where a lookup by id would descend the primary key once
/// for each (20-30 ms).
fn report_each(
    db: &mut Db,
    titles: &mut HashMap<i64, String>,
    filter: &str,
    p: &[P],
    each: &mut dyn FnMut(TicketRow) -> Result<()>,
) -> Result<()> {
    let rows = db.query(
        &format!("SELECT {REPORT_COLUMNS}, title FROM tickets {filter}"),
        p,
    )?;
    for r in &rows {
        let row = report_row(r)?;
        titles.insert(row.id, r.try_get(REPORT_NCOLS)?);
        each(row)?;
    }
    Ok(())
}

/// The last resolve event of each ticket resolved in [from, to), ascending by ticket.
/// Read from `events_action_at` alone (an index-only scan: action, at, ticket_id and
/// the actor are in it; the event's id is not, and fetching it would visit a heap page
/// per event, 70 ms of the report at 1M tickets): the latest per ticket is picked here,
/// and only a ticket resolved twice in its latest second asks the table which of
/// those came last (the highest id, as on SQLite).
fn last_resolves(db: &mut Db, from: i64, to: i64) -> Result<Vec<(i64, LastResolve)>> {
    let rows = db.query(
        "SELECT ticket_id, at, actor FROM events
         WHERE action = 'resolve' AND at >= $1 AND at < $2
         ORDER BY ticket_id, at DESC",
        &[(&from, T::INT8), (&to, T::INT8)],
    )?;
    let mut out: Vec<(i64, LastResolve)> = Vec::new();
    let mut tied: Vec<i64> = Vec::new();
    for r in &rows {
        let id: i64 = r.try_get(0)?;
        let at: i64 = r.try_get(1)?;
        match out.last() {
            Some((last, lr)) if *last == id => {
                if lr.at.timestamp() == at && tied.last() != Some(&id) {
                    tied.push(id);
                }
            }
            _ => out.push((
                id,
                LastResolve {
                    at: from_unix(at),
                    actor: r.try_get(2)?,
                },
            )),
        }
    }
    drop(rows);
    if !tied.is_empty() {
        let rows = db.query(
            "SELECT DISTINCT ON (ticket_id) ticket_id, at, actor FROM events
             WHERE action = 'resolve' AND at >= $1 AND at < $2 AND ticket_id = ANY($3)
             ORDER BY ticket_id, at DESC, id DESC",
            &[(&from, T::INT8), (&to, T::INT8), (&tied, T::INT8_ARRAY)],
        )?;
        let mut latest: HashMap<i64, String> = HashMap::new();
        for r in &rows {
            latest.insert(r.try_get(0)?, r.try_get(2)?);
        }
        for (id, lr) in &mut out {
            if let Some(actor) = latest.remove(id) {
                lr.actor = actor;
            }
        }
    }
    Ok(out)
}

fn org_filter(col: &str, param: &str) -> String {
    format!("({param}::text IS NULL OR {})", nocase(col, param))
}

const RESPONSE_ACTIONS: &str = "('assign', 'escalate', 'wait', 'resolve', 'comment')";

fn count(db: &mut Db, sql: &str, p: &[P]) -> Result<u64> {
    let rows = db.query(sql, p)?;
    Ok(rows[0].try_get::<_, i64>(0)? as u64)
}

fn period_counts(db: &mut Db, w: Window) -> Result<PeriodCounts> {
    let (from, to) = (w.from.timestamp(), w.to.timestamp());
    let org = w.org.map(str::to_string);
    // The tickets are joined only for an org: PostgreSQL keeps an inner join even
    // when the org's condition is always true, and the join visits a ticket row for
    // each event or time-log entry of the month.
    let reopened = if org.is_some() {
        count(
            db,
            &format!(
                "SELECT count(*) FROM events e JOIN tickets t ON t.id = e.ticket_id
                 WHERE e.action = 'reopen' AND e.at >= $1 AND e.at < $2 AND {}",
                org_filter("t.org", "$3")
            ),
            &[(&from, T::INT8), (&to, T::INT8), (&org, T::TEXT)],
        )?
    } else {
        count(
            db,
            "SELECT count(*) FROM events WHERE action = 'reopen' AND at >= $1 AND at < $2",
            &[(&from, T::INT8), (&to, T::INT8)],
        )?
    };
    let backlog_start = backlog_at(db, w.from, &w)?;
    let backlog_end = backlog_at(db, w.to, &w)?;
    let rows = if org.is_some() {
        db.query(
            &format!(
                "SELECT wl.actor, sum(wl.minutes)::bigint FROM worklog wl JOIN tickets t ON t.id = wl.ticket_id
                 WHERE wl.at >= $1 AND wl.at < $2 AND {}
                 GROUP BY wl.actor ORDER BY wl.actor",
                org_filter("t.org", "$3")
            ),
            &[(&from, T::INT8), (&to, T::INT8), (&org, T::TEXT)],
        )?
    } else {
        // `worklog_at` (at, actor, minutes) alone: an index-only scan.
        db.query(
            "SELECT actor, sum(minutes)::bigint FROM worklog WHERE at >= $1 AND at < $2
             GROUP BY actor ORDER BY actor",
            &[(&from, T::INT8), (&to, T::INT8)],
        )?
    };
    let work = rows
        .iter()
        .map(|r| {
            Ok(WorkTotal {
                actor: r.try_get(0)?,
                minutes: r.try_get(1)?,
            })
        })
        .collect::<Result<Vec<_>>>()?;
    let articles_created = count(
        db,
        "SELECT count(*) FROM articles WHERE created_at >= $1 AND created_at < $2",
        &[(&from, T::INT8), (&to, T::INT8)],
    )?;
    Ok(PeriodCounts {
        reopened,
        backlog_start,
        backlog_end,
        work,
        articles_created,
    })
}

fn backlog_at(db: &mut Db, at: DateTime<Utc>, w: &Window) -> Result<u64> {
    let org = w.org.map(str::to_string);
    if at > w.now {
        return count(
            db,
            &format!(
                "SELECT count(*) FROM tickets WHERE status IN ('new', 'open', 'waiting') AND {}",
                org_filter("org", "$1")
            ),
            &[(&org, T::TEXT)],
        );
    }
    let at = at.timestamp();
    count(
        db,
        &format!(
            "SELECT (SELECT count(*) FROM tickets
                     WHERE status IN ('new', 'open', 'waiting')
                       AND created_at < $1 AND (status_at IS NULL OR status_at < $1) AND {})
                  + (SELECT count(*) FROM tickets t
                     WHERE t.status_at >= $1 AND t.created_at < $1 AND {}
                       AND coalesce((SELECT e.status FROM events e
                                     WHERE e.ticket_id = t.id AND e.at < $1 AND e.status IS NOT NULL
                                     ORDER BY e.at DESC, e.id DESC LIMIT 1), 'new')
                           IN ('new', 'open', 'waiting'))",
            org_filter("org", "$2"),
            org_filter("t.org", "$2")
        ),
        &[(&at, T::INT8), (&org, T::TEXT)],
    )
}

// ---------------------------------------------------------------------------------

// ---------------------------------------------------------------------------------
// Organisations

fn orgs(db: &mut Db, counts: bool) -> Result<Vec<Org>> {
    use crate::domain::settings::org_key;
    let rows = db.query(
        "SELECT o.id, o.name,
            ARRAY(SELECT d.domain FROM org_domains d WHERE d.org_id = o.id ORDER BY d.domain),
            ARRAY(SELECT s.key FROM org_settings s WHERE s.org_id = o.id ORDER BY s.key),
            ARRAY(SELECT s.value FROM org_settings s WHERE s.org_id = o.id ORDER BY s.key)
         FROM orgs o ORDER BY o.name_key",
        &[],
    )?;
    let mut out = Vec::new();
    for r in &rows {
        let keys: Vec<String> = r.try_get(3)?;
        let values: Vec<String> = r.try_get(4)?;
        let mut settings: Vec<(String, String)> = keys.into_iter().zip(values).collect();
        let order = crate::domain::settings::org_keys();
        settings.sort_by_key(|(k, _)| order.iter().position(|o| o == k).unwrap_or(usize::MAX));
        out.push(Org {
            name: r.try_get(1)?,
            domains: r.try_get(2)?,
            settings,
            tickets: 0,
        });
    }
    if counts && !out.is_empty() {
        let mut by_key: HashMap<String, i64> = HashMap::new();
        for r in db.query(
            "SELECT org, count(*) FROM tickets WHERE org IS NOT NULL GROUP BY org",
            &[],
        )? {
            let name: String = r.try_get(0)?;
            *by_key.entry(org_key(&name)).or_default() += r.try_get::<_, i64>(1)?;
        }
        for o in &mut out {
            o.tickets = by_key.get(&org_key(&o.name)).copied().unwrap_or(0);
        }
    }
    Ok(out)
}

fn org_id(db: &mut Db, name: &str) -> Result<i64> {
    let key = crate::domain::settings::org_key(name);
    let rows = db.query(
        "SELECT id FROM orgs WHERE name_key = $1",
        &[(&key, T::TEXT)],
    )?;
    match rows.first() {
        Some(r) => Ok(r.try_get(0)?),
        None => anyhow::bail!("no organisation {name:?} is registered"),
    }
}

fn insert_org(db: &mut Db, org: &Org) -> Result<()> {
    let key = crate::domain::settings::org_key(&org.name);
    let keys: Vec<String> = org.settings.iter().map(|(k, _)| k.clone()).collect();
    let values: Vec<String> = org.settings.iter().map(|(_, v)| v.clone()).collect();
    db.execute(
        "WITH o AS (INSERT INTO orgs (id, name, name_key)
                    VALUES ((SELECT coalesce(max(id), 0) + 1 FROM orgs), $1, $2) RETURNING id),
              d AS (INSERT INTO org_domains (domain, org_id) SELECT x, o.id FROM o, unnest($3::text[]) x)
         INSERT INTO org_settings (org_id, key, value)
         SELECT o.id, k, v FROM o, unnest($4::text[], $5::text[]) AS s(k, v)",
        &[
            (&org.name, T::TEXT),
            (&key, T::TEXT),
            (&org.domains, T::TEXT_ARRAY),
            (&keys, T::TEXT_ARRAY),
            (&values, T::TEXT_ARRAY),
        ],
    )?;
    Ok(())
}

fn update_org(db: &mut Db, name: &str, org: &Org) -> Result<()> {
    let id = org_id(db, name)?;
    let key = crate::domain::settings::org_key(&org.name);
    db.execute(
        "WITH u AS (UPDATE orgs SET name = $2, name_key = $3 WHERE id = $1),
              d AS (DELETE FROM org_domains WHERE org_id = $1)
         SELECT 1",
        &[(&id, T::INT8), (&org.name, T::TEXT), (&key, T::TEXT)],
    )?;
    db.execute(
        "INSERT INTO org_domains (domain, org_id) SELECT x, $1 FROM unnest($2::text[]) x",
        &[(&id, T::INT8), (&org.domains, T::TEXT_ARRAY)],
    )?;
    Ok(())
}

fn change_org_setting(db: &mut Db, org: &str, key: &str, value: Option<&str>) -> Result<()> {
    let id = org_id(db, org)?;
    match value {
        Some(v) => db.execute(
            "INSERT INTO org_settings (org_id, key, value) VALUES ($1, $2, $3)
             ON CONFLICT (org_id, key) DO UPDATE SET value = excluded.value",
            &[(&id, T::INT8), (&key, T::TEXT), (&v, T::TEXT)],
        )?,
        None => db.execute(
            "DELETE FROM org_settings WHERE org_id = $1 AND key = $2",
            &[(&id, T::INT8), (&key, T::TEXT)],
        )?,
    };
    db.execute(
        "INSERT INTO settings (key, value) VALUES ($1, '1')
         ON CONFLICT (key) DO UPDATE SET value = (settings.value::bigint + 1)::text",
        &[(&SLA_GENERATION, T::TEXT)],
    )?;
    Ok(())
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
        Ok(settings_from(v))
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

    fn queue(
        &mut self,
        q: &Query,
        generation: Option<i64>,
        each: &mut dyn FnMut(Ticket, Option<Vec<Event>>) -> Result<()>,
    ) -> Result<()> {
        ours(queue(self.db, q, generation, each))
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

    fn article_candidates(&mut self, q: &TextQuery) -> Result<(CorpusStats, Vec<SearchDoc>)> {
        ours(article_candidates(self.db, q))
    }

    fn articles_by_id(&mut self, ids: &[i64]) -> Result<Vec<Article>> {
        ours(articles_by_id(self.db, ids))
    }

    fn report_last_resolves(&mut self, w: Window) -> Result<Vec<(i64, LastResolve)>> {
        ours(last_resolves(self.db, w.from.timestamp(), w.to.timestamp()))
    }

    fn report_created(
        &mut self,
        w: Window,
        each: &mut dyn FnMut(TicketRow) -> Result<()>,
    ) -> Result<()> {
        let (from, to) = (w.from.timestamp(), w.to.timestamp());
        let org = w.org.map(str::to_string);
        ours(report_each(
            self.db,
            &mut self.titles,
            &format!(
                "WHERE created_at >= $1 AND created_at < $2 AND {}",
                org_filter("org", "$3")
            ),
            &[(&from, T::INT8), (&to, T::INT8), (&org, T::TEXT)],
            each,
        ))
    }

    fn report_answered_elsewhen(
        &mut self,
        w: Window,
        each: &mut dyn FnMut(TicketRow) -> Result<()>,
    ) -> Result<()> {
        let (from, to) = (w.from.timestamp(), w.to.timestamp());
        let org = w.org.map(str::to_string);
        ours(report_each(
            self.db,
            &mut self.titles,
            // Two ranges of `tickets_first_response` (first_response_at, created_at),
            // so the creation time is checked in the index: as one OR it would be
            // checked on each row of the month's answers, fetched from the table.
            &format!(
                "WHERE id IN (SELECT id FROM tickets
                              WHERE first_response_at >= $1 AND first_response_at < $2
                                AND created_at < $1
                              UNION ALL
                              SELECT id FROM tickets
                              WHERE first_response_at >= $1 AND first_response_at < $2
                                AND created_at >= $2)
                   AND {}",
                org_filter("org", "$3")
            ),
            &[(&from, T::INT8), (&to, T::INT8), (&org, T::TEXT)],
            each,
        ))
    }

    fn report_tickets(
        &mut self,
        ids: &[i64],
        w: Window,
        each: &mut dyn FnMut(TicketRow) -> Result<()>,
    ) -> Result<()> {
        let ids = ids.to_vec();
        let org = w.org.map(str::to_string);
        ours(report_each(
            self.db,
            &mut self.titles,
            &format!(
                "WHERE id = ANY($1) AND {} ORDER BY id",
                org_filter("org", "$2")
            ),
            &[(&ids, T::INT8_ARRAY), (&org, T::TEXT)],
            each,
        ))
    }

    fn report_histories(&mut self, ids: &[i64]) -> Result<Vec<(i64, Vec<HistoryEvent>)>> {
        ours((|| {
            let ids = ids.to_vec();
            let rows = self.db.query(
                &format!(
                    "SELECT ticket_id, at, action, status,
                            CASE WHEN action = 'resolve' THEN actor ELSE '' END
                     FROM events
                     WHERE ticket_id = ANY($1)
                       AND (status IS NOT NULL OR action IN {RESPONSE_ACTIONS})
                       AND action <> 'close'
                     ORDER BY ticket_id, at, id"
                ),
                &[(&ids, T::INT8_ARRAY)],
            )?;
            let mut out: Vec<(i64, Vec<HistoryEvent>)> = Vec::new();
            for r in &rows {
                let id: i64 = r.try_get(0)?;
                if out.last().is_none_or(|(last, _)| *last != id) {
                    out.push((id, Vec::new()));
                }
                if let Some((_, events)) = out.last_mut() {
                    events.push(HistoryEvent {
                        at: from_unix(r.try_get(1)?),
                        action: r.try_get(2)?,
                        status: r.try_get::<_, Option<&str>>(3)?.and_then(Status::parse),
                        actor: r.try_get(4)?,
                    });
                }
            }
            Ok(out)
        })())
    }

    fn report_counts(&mut self, w: Window) -> Result<PeriodCounts> {
        ours(period_counts(self.db, w))
    }

    fn report_titles(&mut self, ids: &[i64]) -> Result<Vec<(i64, String)>> {
        ours((|| {
            // Those the report's rows did not bring, looked up (the titles are
            // read in this snapshot either way).
            let v: Vec<i64> = ids
                .iter()
                .copied()
                .filter(|id| !self.titles.contains_key(id))
                .collect();
            if !v.is_empty() {
                let rows = self.db.query(
                    "SELECT id, title FROM tickets WHERE id = ANY($1)",
                    &[(&v, T::INT8_ARRAY)],
                )?;
                for r in rows {
                    self.titles.insert(r.try_get(0)?, r.try_get(1)?);
                }
            }
            Ok(ids
                .iter()
                .filter_map(|id| self.titles.get(id).map(|t| (*id, t.clone())))
                .collect())
        })())
    }
}

impl WriteTxn for PgTxn<'_> {
    fn insert_ticket(&mut self, r: Recording) -> Result<i64> {
        ours(insert_ticket(self.db, r))
    }

    fn record(&mut self, r: Recording) -> Result<()> {
        ours(record(self.db, r))
    }

    fn insert_comment(
        &mut self,
        ticket: i64,
        c: &Comment,
        recorded_at: DateTime<Utc>,
        from_mail: bool,
    ) -> Result<()> {
        ours(insert_comment(self.db, ticket, c, recorded_at, from_mail))
    }

    fn insert_work(
        &mut self,
        ticket: i64,
        w: &WorkEntry,
        recorded_at: DateTime<Utc>,
    ) -> Result<()> {
        ours(insert_work(self.db, ticket, w, recorded_at))
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

    fn claim_deliveries(
        &mut self,
        wall_now: i64,
        until: i64,
        failed: bool,
        kinds: &[&str],
    ) -> Result<Vec<(Delivery, Vec<u8>)>> {
        ours((|| {
            let kinds: Vec<String> = kinds.iter().map(|k| k.to_string()).collect();
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
                    (&failed, T::BOOL),
                    (&wall_now, T::INT8),
                    (&until, T::INT8),
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

    fn record_failure(
        &mut self,
        id: i64,
        now: DateTime<Utc>,
        error: &str,
        permanent: bool,
    ) -> Result<()> {
        ours((|| {
            let now = now.timestamp();
            let state = if permanent { "failed" } else { "queued" };
            self.db.execute(
                "UPDATE outbox SET state = $3, last_error = $4, last_attempt_at = $2,
                     attempts = attempts + 1, claimed_until = NULL
                 WHERE id = $1",
                &[
                    (&id, T::INT8),
                    (&now, T::INT8),
                    (&state, T::TEXT),
                    (&error, T::TEXT),
                ],
            )?;
            Ok(())
        })())
    }

    fn insert_mail(&mut self, ticket: i64, m: &MailRecord, outbox: Option<i64>) -> Result<()> {
        ours(insert_mail(self.db, ticket, m, outbox))
    }

    fn insert_attachment(
        &mut self,
        id: Option<i64>,
        ticket: i64,
        a: &NewAttachment,
    ) -> Result<i64> {
        ours(insert_attachment(self.db, id, ticket, a))
    }

    fn insert_article(&mut self, a: &Article) -> Result<i64> {
        ours(insert_article(self.db, (a.id != 0).then_some(a.id), a))
    }

    fn update_article(&mut self, a: &Article) -> Result<()> {
        ours((|| {
            let tags = tags_json(&a.tags);
            let u = a.updated_at.timestamp();
            let st = search_lexemes(&[Some(&a.title), Some(&a.body)]);
            let sb = (crate::domain::search::token_count(&a.title)
                + crate::domain::search::token_count(&a.body)) as i64;
            let n = self.db.execute(
                "UPDATE articles SET title = $2, body = $3, tags = $4, category = $5,
                    source_ticket = $6, updated_at = $7, search = array_to_tsvector($8::text[]),
                    search_len = $9
                 WHERE id = $1",
                &[
                    (&a.id, T::INT8),
                    (&a.title, T::TEXT),
                    (&a.body, T::TEXT),
                    (&tags, T::TEXT),
                    (&a.category, T::TEXT),
                    (&a.source_ticket, T::INT8),
                    (&u, T::INT8),
                    (&st, T::TEXT_ARRAY),
                    (&sb, T::INT8),
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

    fn change_setting(
        &mut self,
        key: &str,
        value: Option<&str>,
        shapes_sla: bool,
    ) -> Result<StoredSettings> {
        ours((|| {
            self.db.execute(
                "WITH s AS (INSERT INTO settings (key, value) SELECT $1, $2 WHERE $2::text IS NOT NULL
                            ON CONFLICT (key) DO UPDATE SET value = excluded.value),
                      d AS (DELETE FROM settings WHERE key = $1 AND $2::text IS NULL)
                 INSERT INTO settings (key, value) SELECT $3, '1' WHERE $4
                 ON CONFLICT (key) DO UPDATE SET value = (settings.value::bigint + 1)::text",
                &[
                    (&key, T::TEXT),
                    (&value, T::TEXT),
                    (&SLA_GENERATION, T::TEXT),
                    (&shapes_sla, T::BOOL),
                ],
            )?;
            Ok(())
        })())?;
        self.settings = None;
        self.settings()
    }

    fn refresh_caches(
        &mut self,
        statuses: &[Status],
        compute: &mut dyn FnMut(&Ticket, &[Event]) -> SlaCache,
    ) -> Result<()> {
        ours(refresh_caches(self.db, statuses, compute))
    }

    fn insert_org(&mut self, org: &Org) -> Result<()> {
        ours(insert_org(self.db, org))
    }

    fn update_org(&mut self, name: &str, org: &Org) -> Result<()> {
        ours(update_org(self.db, name, org))
    }

    fn change_org_setting(
        &mut self,
        org: &str,
        key: &str,
        value: Option<&str>,
    ) -> Result<StoredSettings> {
        ours(change_org_setting(self.db, org, key, value))?;
        self.settings = None;
        self.settings()
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

fn insert_comment(
    db: &mut Db,
    ticket: i64,
    c: &Comment,
    recorded_at: DateTime<Utc>,
    from_mail: bool,
) -> Result<()> {
    let (at, rec) = (c.at.timestamp(), recorded_at.timestamp());
    let source = if from_mail { "mail" } else { "desk" };
    let search = lexemes(&c.text);
    db.execute(
        "INSERT INTO comments (id, ticket_id, at, recorded_at, actor, text, internal, source, search)
         VALUES (desk_next_id('comments'), $1, $2, $3, $4, $5, $6, $7,
                 array_to_tsvector($8::text[]))",
        &[
            (&ticket, T::INT8),
            (&at, T::INT8),
            (&rec, T::INT8),
            (&c.actor, T::TEXT),
            (&c.text, T::TEXT),
            (&c.internal, T::BOOL),
            (&source, T::TEXT),
            (&search, T::TEXT_ARRAY),
        ],
    )?;
    Ok(())
}

fn insert_work(db: &mut Db, ticket: i64, w: &WorkEntry, recorded_at: DateTime<Utc>) -> Result<()> {
    let (at, rec) = (w.at.timestamp(), recorded_at.timestamp());
    db.execute(
        "INSERT INTO worklog (id, ticket_id, at, recorded_at, actor, minutes, note)
         VALUES (desk_next_id('worklog'), $1, $2, $3, $4, $5, $6)",
        &[
            (&ticket, T::INT8),
            (&at, T::INT8),
            (&rec, T::INT8),
            (&w.actor, T::TEXT),
            (&w.minutes, T::INT8),
            (&w.note, T::TEXT),
        ],
    )?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn report_ncols_counts_the_report_columns() {
        assert_eq!(REPORT_COLUMNS.split(", ").count(), REPORT_NCOLS);
    }

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
