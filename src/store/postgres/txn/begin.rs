//! The transaction itself: `PgTxn`, and its first batch, which begins it, sets it up
//! and reads the settings (and, for a write, the resolved tickets auto-close looks at).

use super::*;

pub(super) struct PgTxn<'s> {
    pub(super) db: &'s mut Db,
    pub(super) settings: Option<StoredSettings>,
    /// Still open (rolled back when dropped).
    pub(super) open: bool,
    pub(super) login: Option<String>,
    /// The oldest resolved tickets (id, resolved_at), read as the write began.
    pub(super) resolved: Option<Vec<(i64, i64)>>,
    /// The titles of the tickets the report's rows came with, for `report_titles`.
    pub(super) titles: Titles,
    /// The report's counts, being worked out on a second connection.
    pub(super) counts_ahead: Option<CountsAhead>,
}

impl<'s> PgTxn<'s> {
    pub(super) fn new(db: &'s mut Db, b: Begun) -> PgTxn<'s> {
        PgTxn {
            db,
            settings: Some(StoredSettings::from_rows(b.settings)),
            open: true,
            login: b.login,
            resolved: b.resolved,
            titles: Titles::default(),
            counts_ahead: None,
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
pub(super) const NO_JIT: &str = "SET LOCAL jit = off";

/// What a transaction's first batch read: the meta rows (when asked) and settings.
pub(super) struct Begun {
    pub(super) meta: Option<(bool, i64, i64)>,
    pub(super) settings: Vec<SettingRow>,
    pub(super) login: Option<String>,
    pub(super) resolved: Option<Vec<(i64, i64)>>,
}

/// How many resolved tickets, oldest first, a write transaction reads as it begins:
/// auto-close, which every write runs first, finds its few there without a round trip
/// of its own (see `WriteTxn::resolved_before`).
pub(super) const RESOLVED_AHEAD: usize = 500;

/// Runs `begin`, then (`meta`) a look at the schema, then `then`, then reads the
/// settings, as one batch.
pub(super) fn begin_batch(
    db: &mut Db,
    begin: &str,
    meta: bool,
    then: &str,
) -> Result<Begun, postgres::Error> {
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
    pub(super) fn begin(&mut self, begin: &str, then: &str) -> Result<PgTxn<'_>> {
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
