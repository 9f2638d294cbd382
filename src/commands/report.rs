//! `desk report`: the monthly report. Works out the period, reads the rows in one
//! snapshot (`store::report`), classifies each ticket the way the spec defines it (its
//! clocks from the report cache on its row, or by replaying its history when the cache
//! cannot serve), folds the result into the pure maths of `domain::report` and writes
//! it in the chosen format.

use crate::cli::{ReportArgs, ReportFormat};
use crate::context::Context;
use crate::domain::report::{
    ClockSample, CreatedTally, CreatedTicket, Report, ReportInput, ResolutionSample, WorkEntry,
    previous_period,
};
use crate::domain::settings::Settings;
use crate::domain::sla::{self as slad, SlaEvent, Targets};
use crate::domain::ticket::{Priority, action};
use crate::domain::time::{MemoZone, local_midnight};
use crate::error::DeskError;
use crate::output::report as render;
use crate::store::report::{self as sr, HistoryEvent, LastResolve, TicketRow, Window};
use anyhow::Result;
use chrono::{DateTime, Datelike, Months, NaiveDate, TimeZone, Utc};
use rusqlite::Connection;

pub fn run(ctx: &mut Context, a: ReportArgs) -> Result<()> {
    let (from, to) = period(&a, ctx.now, &ctx.tz)?;
    let month = a.from.is_none();
    let (prev_from, prev_to) = previous_period(from, to, month);
    // The people's formats show the previous period's headline figures; JSON and CSV
    // carry its whole report when asked.
    let with_previous = a.compare || !matches!(a.format, ReportFormat::Json | ReportFormat::Csv);
    let settings = ctx.settings()?.clone();
    let org = a.org.as_deref().map(str::trim).filter(|o| !o.is_empty());
    let window = |from: NaiveDate, to: NaiveDate| Window {
        from: local_midnight(&ctx.tz, from),
        to: local_midnight(&ctx.tz, to),
        now: ctx.now,
        org,
    };
    // The calendar asks the zone about the same local times for every ticket.
    let zone = MemoZone::new(ctx.tz);
    let mut report = sr::snapshot(ctx.store.conn(), |conn| {
        let generation = crate::store::settings::sla_generation(conn)?;
        let mut report = gather(
            conn,
            &settings,
            generation,
            &zone,
            from,
            to,
            window(from, to),
        )?;
        report.breached_titles = sr::titles(conn, &report.sla.breached)?
            .into_iter()
            .collect();
        if with_previous {
            let (f, t) = (prev_from, prev_to);
            let previous = gather(conn, &settings, generation, &zone, f, t, window(f, t))?;
            report.previous = Some(Box::new(previous));
        }
        Ok(report)
    })?;
    report.org = org.map(str::to_string);
    report.generated = Some(ctx.now.with_timezone(&ctx.tz).naive_local());

    let width = ctx.out.width;
    let Some(path) = a.output else {
        let color = ctx.out.color;
        render::render(&report, a.format, ctx.out.data(), color, width)?;
        return Ok(());
    };
    // A file gets what a pipe would (no colour), and replaces the old one only when
    // complete: written beside it, then renamed over it.
    let mut page = Vec::new();
    render::render(&report, a.format, &mut page, false, width)?;
    crate::output::write_whole(&path, &page)
        .map_err(|e| anyhow::anyhow!("cannot write the report to {}: {e}", path.display()))?;
    Ok(())
}

/// `[from, to)` as local dates: `--month YYYY-MM | this | last` (the default), or
/// `--from DATE --to DATE` with `to` exclusive.
pub fn period<Tz: TimeZone>(
    a: &ReportArgs,
    now: DateTime<Utc>,
    tz: &Tz,
) -> Result<(NaiveDate, NaiveDate)> {
    if let (Some(from), Some(to)) = (&a.from, &a.to) {
        let from = parse_day(from, "--from")?;
        let to = parse_day(to, "--to")?;
        if to <= from {
            return Err(DeskError::usage_hint(
                format!("--to {to} is not after --from {from}"),
                "--to is the day after the period, e.g. --from 2026-10-01 --to 2026-11-01",
            )
            .into());
        }
        return Ok((from, to));
    }
    let today = now.with_timezone(tz).date_naive();
    let this = today.with_day(1).expect("every month has a first day");
    let month = a.month.as_deref().map(str::trim).unwrap_or("last");
    let start = if month.eq_ignore_ascii_case("last") {
        this.checked_sub_months(Months::new(1))
    } else if month.eq_ignore_ascii_case("this") {
        Some(this)
    } else {
        Some(parse_month(month)?)
    };
    let start = start
        .filter(|d| (1970..9000).contains(&d.year()))
        .ok_or_else(|| {
            DeskError::usage(format!(
                "--month {month} is out of range: {}",
                crate::domain::time::STORABLE_RANGE
            ))
        })?;
    let end = start
        .checked_add_months(Months::new(1))
        .ok_or_else(|| DeskError::usage(format!("--month {month} is out of range")))?;
    Ok((start, end))
}

fn parse_day(s: &str, flag: &str) -> Result<NaiveDate> {
    let d = NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d")
        .map_err(|_| DeskError::usage(format!("{flag} {s:?} is not a date: use YYYY-MM-DD")))?;
    if !(1970..9000).contains(&d.year()) {
        return Err(DeskError::usage(format!(
            "{flag} {s:?} is out of range: {}",
            crate::domain::time::STORABLE_RANGE
        ))
        .into());
    }
    Ok(d)
}

fn parse_month(s: &str) -> Result<NaiveDate> {
    let bad = || DeskError::usage(format!("--month {s:?}: use YYYY-MM, this or last"));
    let (y, m) = s.split_once('-').ok_or_else(bad)?;
    if y.len() != 4 || m.len() != 2 {
        return Err(bad().into());
    }
    let (y, m) = (
        y.parse::<i32>().map_err(|_| bad())?,
        m.parse::<u32>().map_err(|_| bad())?,
    );
    Ok(NaiveDate::from_ymd_opt(y, m, 1).ok_or_else(bad)?)
}

/// Reads the period's tickets and classifies each as the spec's definitions say, with
/// its clocks read at the moment that matters: from the report cache on the ticket row
/// where it serves, else by replaying the ticket's history.
fn gather<Tz: TimeZone>(
    conn: &Connection,
    settings: &Settings,
    generation: i64,
    tz: &Tz,
    from: NaiveDate,
    to: NaiveDate,
    w: Window,
) -> Result<Report> {
    let mut g = Gather {
        settings,
        tz,
        w,
        generation,
        fcr_window: settings.fcr_window(),
        // Once per priority, not once per ticket.
        targets: Priority::ALL.iter().map(|&p| settings.targets(p)).collect(),
        resolves: sr::last_resolves(conn, w)?
            .into_iter()
            .map(|(id, lr)| (id, Some(lr)))
            .collect(),
        created: CreatedTally::new(from, to),
        responses: Vec::new(),
        resolutions: Vec::new(),
        replay: Vec::new(),
    };
    sr::for_each_created(conn, w, |t| {
        g.take(t);
        Ok(())
    })?;
    sr::for_each_answered_elsewhen(conn, w, |t| {
        g.take(t);
        Ok(())
    })?;
    // Resolved in the period, but neither created nor first answered in it.
    let rest: Vec<i64> = g
        .resolves
        .iter()
        .filter(|(_, lr)| lr.is_some())
        .map(|(id, _)| *id)
        .collect();
    sr::for_each_ticket(conn, &rest, w, |t| {
        g.take(t);
        Ok(())
    })?;
    let mut replay = std::mem::take(&mut g.replay);
    replay.sort_by_key(|(t, _)| t.id);
    let ids: Vec<i64> = replay.iter().map(|(t, _)| t.id).collect();
    let mut histories = sr::histories(conn, &ids)?.into_iter().peekable();
    for (t, _) in replay {
        let events = match histories.peek() {
            Some((id, _)) if *id == t.id => histories.next().map(|(_, e)| e).unwrap_or_default(),
            _ => Vec::new(),
        };
        g.replay(t, &events);
    }
    let input = ReportInput {
        from,
        to,
        created: Vec::new(),
        reopened: sr::reopened(conn, w)?,
        backlog_start: sr::backlog_at(conn, w.from, w)?,
        backlog_end: sr::backlog_at(conn, w.to, w)?,
        responses: g.responses,
        resolutions: g.resolutions,
        work: sr::work(conn, w)?
            .into_iter()
            .map(|(actor, minutes)| WorkEntry { actor, minutes })
            .collect(),
        articles_created: sr::articles_created(conn, w)?,
    };
    Ok(g.created.finish(&input))
}

/// The classification under way.
struct Gather<'a, Tz: TimeZone> {
    settings: &'a Settings,
    tz: &'a Tz,
    w: Window<'a>,
    generation: i64,
    fcr_window: i64,
    targets: Vec<Targets>,
    /// Tickets resolved in the period, ascending, with their last resolve in it until
    /// the ticket is seen.
    resolves: Vec<(i64, Option<LastResolve>)>,
    created: CreatedTally,
    responses: Vec<ClockSample>,
    resolutions: Vec<ResolutionSample>,
    /// Tickets whose cache cannot serve, to replay.
    replay: Vec<(TicketRow, Option<LastResolve>)>,
}

impl<Tz: TimeZone> Gather<'_, Tz> {
    fn in_period(&self, at: DateTime<Utc>) -> bool {
        at >= self.w.from && at < self.w.to
    }

    /// Classifies a ticket from its report cache, or keeps it for replay when the cache
    /// was made under other settings or does not hold the clock the report reads (a
    /// ticket resolved in the period and again after it).
    fn take(&mut self, t: TicketRow) {
        let last = self
            .resolves
            .binary_search_by_key(&t.id, |(id, _)| *id)
            .ok()
            .and_then(|i| self.resolves[i].1.take());
        let serves = t.generation == self.generation
            && (t.first_response_at.is_none() || t.response_secs.is_some())
            && last
                .as_ref()
                .is_none_or(|lr| t.resolve_secs.is_some() && t.last_resolved_at == Some(lr.at));
        if !serves {
            self.replay.push((t, last));
            return;
        }
        let target = self.targets[t.priority as usize];
        if let (Some(at), Some(secs)) = (t.first_response_at, t.response_secs)
            && self.in_period(at)
        {
            self.responses.push(ClockSample {
                id: t.id,
                minutes: secs as f64 / 60.0,
                met: secs <= target.response,
            });
        }
        if let (Some(lr), Some(secs)) = (last, t.resolve_secs) {
            self.resolutions.push(ResolutionSample {
                id: t.id,
                minutes: secs as f64 / 60.0,
                met: secs <= target.resolve,
                agent: lr.actor,
                has_article: t.has_article,
            });
        }
        let (escalated, reopened, first_resolve) =
            (t.ever_escalated, t.ever_reopened, t.first_resolved_at);
        self.push_created(t, escalated, reopened, first_resolve);
    }

    /// Classifies a ticket by replaying its history.
    fn replay(&mut self, t: TicketRow, events: &[HistoryEvent]) {
        let first_response = events
            .iter()
            .find(|e| action::is_response(&e.action))
            .filter(|e| self.in_period(e.at));
        let last_resolve = events
            .iter()
            .rev()
            .find(|e| e.action == action::RESOLVE && self.in_period(e.at));
        // One reading serves both: the response clock stood still from the first
        // response on, and a resolve is a response, so it comes no earlier.
        if let Some(moment) = last_resolve.or(first_response).map(|e| e.at) {
            let sla: Vec<SlaEvent> = events
                .iter()
                .map(|e| SlaEvent {
                    at: e.at,
                    response: action::is_response(&e.action),
                    phase: e.status.map(super::phase),
                })
                .collect();
            let c = slad::clocks(
                self.settings.calendar(t.priority),
                self.tz,
                t.created_at,
                &sla,
                moment,
            );
            let target = self.targets[t.priority as usize];
            // Response: tickets whose first response fell in the period.
            if first_response.is_some() && c.first_response_at.is_some_and(|at| self.in_period(at))
            {
                self.responses.push(ClockSample {
                    id: t.id,
                    minutes: c.response_elapsed as f64 / 60.0,
                    met: c.response_elapsed <= target.response,
                });
            }
            // Resolution: tickets resolved in the period, read at their last resolve in it.
            if let Some(last) = last_resolve {
                self.resolutions.push(ResolutionSample {
                    id: t.id,
                    minutes: c.resolve_elapsed as f64 / 60.0,
                    met: c.resolve_elapsed <= target.resolve,
                    agent: last.actor.clone(),
                    has_article: t.has_article,
                });
            }
        }
        let did = |what: &str| events.iter().any(|e| e.action == what);
        let first_resolve = events
            .iter()
            .find(|e| e.action == action::RESOLVE)
            .map(|e| e.at);
        let (escalated, reopened) = (did(action::ESCALATE), did(action::REOPEN));
        self.push_created(t, escalated, reopened, first_resolve);
    }

    /// Counts a ticket created in the period. First contact: the first resolve within
    /// the window (wall clock) of creation, and never escalated nor reopened.
    fn push_created(
        &mut self,
        t: TicketRow,
        escalated: bool,
        reopened: bool,
        first_resolve: Option<DateTime<Utc>>,
    ) {
        if !self.in_period(t.created_at) {
            return;
        }
        let first_contact = first_resolve
            .is_some_and(|at| (at - t.created_at).num_seconds() <= self.fcr_window)
            && !escalated
            && !reopened;
        self.created.add(&CreatedTicket {
            id: t.id,
            created_local: t.created_at.with_timezone(self.tz).naive_local(),
            kind: t.kind,
            category: t.category,
            channel: t.channel,
            priority: t.priority.as_str().to_string(),
            org: t.org,
            ci: t.ci,
            requester: t.requester,
            max_tier: t.max_tier,
            cancelled: t.cancelled,
            first_contact,
            escalated,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono_tz::Europe::Helsinki;

    fn args(month: Option<&str>, from: Option<&str>, to: Option<&str>) -> ReportArgs {
        ReportArgs {
            month: month.map(String::from),
            from: from.map(String::from),
            to: to.map(String::from),
            org: None,
            format: ReportFormat::Json,
            compare: false,
            output: None,
        }
    }

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn periods() {
        // 2027-01-01 00:30 in Helsinki is still 2026-12-31 in UTC: local time decides.
        let now = Utc.with_ymd_and_hms(2026, 12, 31, 22, 30, 0).unwrap();
        let p = |a: ReportArgs| period(&a, now, &Helsinki).map_err(|e| e.to_string());
        assert_eq!(
            p(args(None, None, None)),
            Ok((d("2026-12-01"), d("2027-01-01")))
        );
        assert_eq!(
            p(args(Some("this"), None, None)),
            Ok((d("2027-01-01"), d("2027-02-01")))
        );
        assert_eq!(
            p(args(Some("2024-02"), None, None)),
            Ok((d("2024-02-01"), d("2024-03-01")))
        );
        assert_eq!(
            p(args(None, Some("2026-07-01"), Some("2026-10-01"))),
            Ok((d("2026-07-01"), d("2026-10-01")))
        );
        for bad in ["2026-13", "2026-1", "26-01", "next", "2026-01-01", ""] {
            assert!(p(args(Some(bad), None, None)).is_err(), "{bad}");
        }
        assert!(p(args(None, Some("2026-10-01"), Some("2026-10-01"))).is_err());
        assert!(p(args(None, Some("2026-10-01"), Some("1.11.2026"))).is_err());
    }
}
