//! `desk report`: the monthly report. Works out the period, reads the rows in one
//! snapshot (`store::report`), replays the histories through the SLA clocks to classify
//! each ticket the way the spec defines it, hands the result to the pure maths of
//! `domain::report` and writes it in the chosen format.

use crate::cli::{ReportArgs, ReportFormat};
use crate::context::Context;
use crate::domain::report::{
    ClockSample, CreatedTicket, ReportInput, ResolutionSample, WorkEntry, compute,
};
use crate::domain::settings::Settings;
use crate::domain::sla::{self as slad, SlaEvent, Targets};
use crate::domain::ticket::{Priority, action};
use crate::domain::time::{MemoZone, local_midnight};
use crate::error::DeskError;
use crate::output::report_render as render;
use crate::store::report::{History, ReportRows, Window, read_report};
use anyhow::Result;
use chrono::{DateTime, Datelike, Months, NaiveDate, TimeZone, Utc};

pub fn run(ctx: &mut Context, a: ReportArgs) -> Result<()> {
    let (from, to) = period(&a, ctx.now, &ctx.tz)?;
    let settings = ctx.settings()?.clone();
    let org = a.org.as_deref().map(str::trim).filter(|o| !o.is_empty());
    let window = Window {
        from: local_midnight(&ctx.tz, from),
        to: local_midnight(&ctx.tz, to),
        now: ctx.now,
        org,
    };
    let rows = read_report(ctx.store.conn(), window)?;
    // The calendar asks the zone about the same local times for every ticket.
    let zone = MemoZone::new(ctx.tz);
    let input = classify(rows, &settings, &zone, from, to, window);
    let report = compute(&input);

    let (color, width) = (ctx.out.color, ctx.out.width);
    let w = ctx.out.data();
    match a.format {
        ReportFormat::Table => render::render_table(&report, w, color, width),
        ReportFormat::Markdown => render::render_markdown(&report, w),
        ReportFormat::Json => render::render_json(&report, w),
        ReportFormat::Csv => render::render_csv(&report, w),
        ReportFormat::Html => render::render_html(&report, w),
    }?;
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
    let start = start.ok_or_else(|| DeskError::usage("the month is out of range"))?;
    let end = start
        .checked_add_months(Months::new(1))
        .ok_or_else(|| DeskError::usage(format!("--month {month} is out of range")))?;
    Ok((start, end))
}

fn parse_day(s: &str, flag: &str) -> Result<NaiveDate> {
    NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d")
        .map_err(|_| DeskError::usage(format!("{flag} {s:?} is not a date: use YYYY-MM-DD")).into())
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

/// Turns the rows into the report's input: every ticket classified as the spec's
/// definitions say, with its clocks read at the moment that matters.
fn classify<Tz: TimeZone>(
    rows: ReportRows,
    settings: &Settings,
    tz: &Tz,
    from: NaiveDate,
    to: NaiveDate,
    w: Window,
) -> ReportInput {
    let in_period = |at: DateTime<Utc>| at >= w.from && at < w.to;
    let fcr_window = settings.fcr_window();
    // Once per priority, not once per ticket.
    let targets: Vec<Targets> = Priority::ALL.iter().map(|&p| settings.targets(p)).collect();
    let mut responses = Vec::new();
    let mut resolutions = Vec::new();
    for h in &rows.histories {
        let first_response = h
            .events
            .iter()
            .find(|e| action::is_response(&e.action))
            .filter(|e| in_period(e.at));
        let last_resolve = h
            .events
            .iter()
            .rev()
            .find(|e| e.action == action::RESOLVE && in_period(e.at));
        // One reading serves both: the response clock stood still from the first
        // response on, and a resolve is a response, so it comes no earlier.
        let Some(moment) = last_resolve.or(first_response).map(|e| e.at) else {
            continue;
        };
        let c = slad::clocks(
            settings.calendar(h.priority),
            tz,
            h.created_at,
            &sla_events(h),
            moment,
        );
        let target = targets[h.priority as usize];
        // Response: tickets whose first response fell in the period.
        if first_response.is_some() && c.first_response_at.is_some_and(in_period) {
            responses.push(ClockSample {
                id: h.id,
                minutes: c.response_elapsed as f64 / 60.0,
                met: c.response_elapsed <= target.response,
            });
        }
        // Resolution: tickets resolved in the period, read at their last resolve in it.
        if let Some(last) = last_resolve {
            resolutions.push(ResolutionSample {
                id: h.id,
                minutes: c.resolve_elapsed as f64 / 60.0,
                met: c.resolve_elapsed <= target.resolve,
                agent: last.actor.clone(),
                has_article: h.has_article,
            });
        }
    }

    let created = rows
        .created
        .into_iter()
        .map(|t| {
            let history = rows
                .histories
                .binary_search_by_key(&t.id, |h| h.id)
                .ok()
                .map(|i| &rows.histories[i]);
            let did =
                |what: &str| history.is_some_and(|h| h.events.iter().any(|e| e.action == what));
            let escalated = did(action::ESCALATE);
            // First contact: the first resolve within the window (wall clock) of
            // creation, and never escalated nor reopened.
            let first_resolve = history
                .and_then(|h| h.events.iter().find(|e| e.action == action::RESOLVE))
                .map(|e| e.at);
            let first_contact = first_resolve
                .is_some_and(|at| (at - t.created_at).num_seconds() <= fcr_window)
                && !escalated
                && !did(action::REOPEN);
            CreatedTicket {
                id: t.id,
                created_local: t.created_at.with_timezone(tz).naive_local(),
                kind: t.kind,
                category: t.category,
                channel: t.channel,
                priority: t.priority,
                org: t.org,
                ci: t.ci,
                requester: t.requester,
                max_tier: t.max_tier,
                cancelled: t.cancelled,
                first_contact,
                escalated,
            }
        })
        .collect();

    ReportInput {
        from,
        to,
        created,
        reopened: rows.reopened,
        backlog_start: rows.backlog_start,
        backlog_end: rows.backlog_end,
        responses,
        resolutions,
        work: rows
            .work
            .into_iter()
            .map(|(actor, minutes)| WorkEntry { actor, minutes })
            .collect(),
        articles_created: rows.articles_created,
    }
}

fn sla_events(h: &History) -> Vec<SlaEvent> {
    h.events
        .iter()
        .map(|e| SlaEvent {
            at: e.at,
            response: action::is_response(&e.action),
            phase: e.status.map(super::phase),
        })
        .collect()
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
