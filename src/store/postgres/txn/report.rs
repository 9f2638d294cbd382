//! The report's reads: its ticket rows, histories, last resolves and period counts.

use super::*;
use crate::store::columns::{REPORT_COLUMNS, REPORT_NCOLS, report_row};

// The report

/// The titles of the tickets the report's rows came with (a month's, 34,000 at 1M
/// tickets), by id: foldhash, as the ids are the desk's own.
pub(super) type Titles = HashMap<i64, String, foldhash::fast::FixedState>;

/// The report's rows `filter` selects, each with its title kept in `titles`: the
/// report then names its breached tickets (`report_titles`, thousands at 1M tickets)
/// from rows already read, where a lookup by id would descend the primary key once
/// for each (20-30 ms).
pub(super) fn report_each(
    db: &mut Db,
    titles: &mut Titles,
    filter: &str,
    p: &[P],
    each: &mut EachRow,
) -> Result<()> {
    db.each(
        &format!("SELECT {REPORT_COLUMNS}, title FROM tickets {filter}"),
        p,
        |r| {
            let row = report_row(r)?;
            titles.insert(row.id, r.try_get(REPORT_NCOLS)?);
            each(row)
        },
    )
}

/// The last resolve event of each ticket resolved in [from, to), ascending by ticket.
/// Read from `events_action_at` alone (an index-only scan: action, at, ticket_id and
/// the actor are in it; the event's id is not, and fetching it would visit a heap page
/// per event, 70 ms of the report at 1M tickets): the latest per ticket is picked here,
/// and only a ticket resolved twice in its latest second asks the table which of
/// those came last (the highest id, as on SQLite).
pub(super) fn last_resolves(db: &mut Db, from: i64, to: i64) -> Result<Vec<(i64, LastResolve)>> {
    let mut out: Vec<(i64, LastResolve)> = Vec::new();
    let mut tied: Vec<i64> = Vec::new();
    db.each(
        "SELECT ticket_id, at, actor FROM events
         WHERE action = 'resolve' AND at >= $1 AND at < $2
         ORDER BY ticket_id, at DESC",
        &[(&from, T::INT8), (&to, T::INT8)],
        |r| {
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
            Ok(())
        },
    )?;
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

pub(super) fn org_filter(col: &str, param: &str) -> String {
    format!("({param}::text IS NULL OR {})", nocase(col, param))
}

pub(super) const RESPONSE_ACTIONS: &str = "('assign', 'escalate', 'wait', 'resolve', 'comment')";

pub(super) fn count(db: &mut Db, sql: &str, p: &[P]) -> Result<u64> {
    let rows = db.query(sql, p)?;
    Ok(rows[0].try_get::<_, i64>(0)? as u64)
}

pub(super) fn period_counts(db: &mut Db, w: Window) -> Result<PeriodCounts> {
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

/// From this many tickets (PostgreSQL's estimate) a report counts on a second
/// connection: at 1M tickets the counts are ~55 ms of the server's time (the two
/// backlogs above all), while opening a connection costs a few; a smaller desk's
/// whole report is quicker than that.
const COUNTS_AHEAD_FROM: u64 = 250_000;

/// [`COUNTS_AHEAD_FROM`], or for tests (whose desks are small) `DESK_REPORT_AHEAD_FROM`.
/// Not part of the interface.
fn counts_ahead_from() -> u64 {
    std::env::var("DESK_REPORT_AHEAD_FROM")
        .ok()
        .and_then(|v| v.trim().parse().ok())
        .unwrap_or(COUNTS_AHEAD_FROM)
}

/// A report's period counts being worked out on a second connection, in the report's
/// own snapshot (exported by this transaction, imported by that one), while this one
/// reads the period's tickets.
pub(in crate::store::postgres) struct CountsAhead {
    window: WindowKey,
    thread: std::thread::JoinHandle<Result<(PeriodCounts, u64)>>,
}

/// What tells one report window from another: its ends and its organisation.
type WindowKey = (i64, i64, Option<String>);

fn window_key(w: &Window) -> WindowKey {
    (
        w.from.timestamp(),
        w.to.timestamp(),
        w.org.map(str::to_string),
    )
}

impl CountsAhead {
    /// The counts and the round trips they took, when they are `w`'s and the second
    /// connection gave them; else None, and the caller counts on its own connection
    /// (in the same snapshot, so with the same result).
    pub(super) fn counts(self, w: Window) -> Option<(PeriodCounts, u64)> {
        if window_key(&w) != self.window {
            return None;
        }
        self.thread.join().ok()?.ok()
    }
}

/// Starts the counts of `w` on a second connection, on a large desk.
pub(super) fn counts_ahead(db: &mut Db, w: Window) -> Result<Option<CountsAhead>> {
    let Some((config, tls)) = db.again.clone() else {
        return Ok(None);
    };
    let rows = db.query(
        &format!(
            "SELECT CASE WHEN greatest(reltuples, 0) >= {} THEN pg_export_snapshot() END
             FROM pg_class WHERE oid = 'tickets'::regclass",
            counts_ahead_from()
        ),
        &[],
    )?;
    let snapshot: Option<String> = match rows.first() {
        Some(r) => r.try_get(0)?,
        None => None,
    };
    // The server's own name for the snapshot (hex digits and dashes): quoted as is.
    let Some(snapshot) = snapshot.filter(|s| s.chars().all(|c| c.is_ascii_hexdigit() || c == '-'))
    else {
        return Ok(None);
    };
    let window = window_key(&w);
    let (from, to, now, org) = (w.from, w.to, w.now, window.2.clone());
    let thread = std::thread::spawn(move || -> Result<(PeriodCounts, u64)> {
        let mut side = Db::new(config.connect(tls)?);
        side.batch(&format!(
            "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY; \
             SET TRANSACTION SNAPSHOT '{snapshot}'; {NO_JIT}"
        ))?;
        let w = Window {
            from,
            to,
            now,
            org: org.as_deref(),
        };
        let counts = period_counts(&mut side, w)?;
        Ok((counts, side.trips))
    });
    Ok(Some(CountsAhead { window, thread }))
}

pub(super) fn backlog_at(db: &mut Db, at: DateTime<Utc>, w: &Window) -> Result<u64> {
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

/// The period's tickets `which` names (of the window's organisation only, when it
/// has one).
pub(super) fn report_in_window(
    db: &mut Db,
    titles: &mut Titles,
    w: Window,
    which: InWindow,
    each: &mut EachRow,
) -> Result<()> {
    // $1 and $2: the window's ends (Unix seconds); $3: its organisation.
    let filter = match which {
        InWindow::Created => "WHERE created_at >= $1 AND created_at < $2",
        // Two ranges of `tickets_first_response` (first_response_at, created_at),
        // so the creation time is checked in the index: as one OR it would be
        // checked on each row of the month's answers, fetched from the table.
        InWindow::AnsweredElsewhen => {
            "WHERE id IN (SELECT id FROM tickets
                          WHERE first_response_at >= $1 AND first_response_at < $2
                            AND created_at < $1
                          UNION ALL
                          SELECT id FROM tickets
                          WHERE first_response_at >= $1 AND first_response_at < $2
                            AND created_at >= $2)"
        }
    };
    let (from, to) = (w.from.timestamp(), w.to.timestamp());
    let org = w.org.map(str::to_string);
    report_each(
        db,
        titles,
        &format!("{filter} AND {}", org_filter("org", "$3")),
        &[(&from, T::INT8), (&to, T::INT8), (&org, T::TEXT)],
        each,
    )
}

pub(super) fn report_tickets(
    db: &mut Db,
    titles: &mut Titles,
    ids: &[i64],
    w: Window,
    each: &mut EachRow,
) -> Result<()> {
    let ids = ids.to_vec();
    let org = w.org.map(str::to_string);
    report_each(
        db,
        titles,
        &format!(
            "WHERE id = ANY($1) AND {} ORDER BY id",
            org_filter("org", "$2")
        ),
        &[(&ids, T::INT8_ARRAY), (&org, T::TEXT)],
        each,
    )
}

pub(super) fn report_histories(db: &mut Db, ids: &[i64]) -> Result<Vec<(i64, Vec<HistoryEvent>)>> {
    let ids = ids.to_vec();
    let rows = db.query(
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
}

pub(super) fn report_titles(
    db: &mut Db,
    titles: &mut Titles,
    ids: &[i64],
) -> Result<Vec<(i64, String)>> {
    // Those the report's rows did not bring, looked up (the titles are
    // read in this snapshot either way).
    let v: Vec<i64> = ids
        .iter()
        .copied()
        .filter(|id| !titles.contains_key(id))
        .collect();
    if !v.is_empty() {
        let rows = db.query(
            "SELECT id, title FROM tickets WHERE id = ANY($1)",
            &[(&v, T::INT8_ARRAY)],
        )?;
        for r in rows {
            titles.insert(r.try_get(0)?, r.try_get(1)?);
        }
    }
    Ok(ids
        .iter()
        .filter_map(|id| titles.get(id).map(|t| (*id, t.clone())))
        .collect())
}
