//! `Storage` on PostgreSQL: opening a transaction, the database's zone, status and
//! check, and `desk db grant`.

use super::*;

/// The desk's settings and every organisation's, in one statement (organisations by
/// their folded names, keys in order within each).
pub(super) const SETTINGS: &str =
    "SELECT NULL::text AS org_key, NULL::text AS org_name, key, value FROM settings
    UNION ALL
    SELECT o.name_key, o.name, s.key, s.value FROM org_settings s JOIN orgs o ON o.id = s.org_id
    ORDER BY 1 NULLS FIRST, 3";

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
            desk_schema_version: super::super::SCHEMA_VERSION,
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
pub(super) const LIMITED_TABLES: [&str; 9] = [
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
pub(super) fn no_role(role: &str) -> anyhow::Error {
    StoreError::new(
        StoreErrorKind::Unavailable,
        format!("there is no PostgreSQL role {role:?}"),
        "create it first: createuser --pwprompt NAME (or CREATE ROLE NAME LOGIN PASSWORD ...)",
    )
    .into()
}
