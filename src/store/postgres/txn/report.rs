//! The report's reads: its ticket rows, histories, last resolves and period counts.

use super::*;
use crate::store::columns::{REPORT_COLUMNS, REPORT_NCOLS, report_row};

// The report

/// The report's rows `filter` selects, each with its title kept in `titles`: the
/// report then names its breached tickets (`report_titles`, thousands at 1M tickets)
/// from rows already read, where a lookup by id would descend the primary key once
/// for each (20-30 ms).
pub(super) fn report_each(
    db: &mut Db,
    titles: &mut HashMap<i64, String>,
    filter: &str,
    p: &[P],
    each: &mut EachRow,
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
pub(super) fn last_resolves(db: &mut Db, from: i64, to: i64) -> Result<Vec<(i64, LastResolve)>> {
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
    titles: &mut HashMap<i64, String>,
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
    titles: &mut HashMap<i64, String>,
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
    titles: &mut HashMap<i64, String>,
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
