//! `desk report`: the monthly report. Works out the period, reads the rows in one
//! snapshot, has `domain::classify` classify each ticket the way the spec defines it,
//! and writes the report in the chosen format.

use crate::cli::{ReportArgs, ReportFormat};
use crate::context::Context;
use crate::domain::classify::{Gather, Window};
use crate::domain::report::{Report, previous_period};
use crate::domain::time::{MemoZone, local_midnight};
use crate::error::DeskError;
use crate::output::report as render;
use crate::store::{InWindow, ReadTxn};
use anyhow::Result;
use chrono::{DateTime, Datelike, Months, NaiveDate, TimeZone, Utc};

pub fn run(ctx: &mut Context, a: ReportArgs) -> Result<()> {
    let (from, to) = period(&a, ctx.now, &ctx.tz)?;
    let month = a.from.is_none();
    let (prev_from, prev_to) = previous_period(from, to, month);
    // The people's formats show the previous period's headline figures; JSON and CSV
    // carry its whole report when asked.
    let with_previous = a.compare || !matches!(a.format, ReportFormat::Json | ReportFormat::Csv);
    let org = a.org.as_deref().map(str::trim).filter(|o| !o.is_empty());
    let (tz, now) = (ctx.tz, ctx.now);
    let window = |from: NaiveDate, to: NaiveDate| Window {
        from: local_midnight(&tz, from),
        to: local_midnight(&tz, to),
        now,
        org,
    };
    // The calendar asks the zone about the same local times for every ticket.
    let zone = MemoZone::new(ctx.tz);
    let mut report = {
        let mut rd = ctx.store.read()?;
        let mut report = gather(&mut *rd, &zone, from, to, window(from, to))?;
        report.breached_titles = rd
            .report_titles(&report.sla.breached)?
            .into_iter()
            .collect();
        if with_previous {
            let (f, t) = (prev_from, prev_to);
            report.previous = Some(Box::new(gather(&mut *rd, &zone, f, t, window(f, t))?));
        }
        report
    };
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

/// Reads the period's tickets and has them classified (`domain::classify`): their
/// clocks from the report cache on the ticket row where it serves, else by replaying
/// the ticket's history.
fn gather<Tz: TimeZone>(
    rd: &mut dyn ReadTxn,
    tz: &Tz,
    from: NaiveDate,
    to: NaiveDate,
    w: Window,
) -> Result<Report> {
    let stored = rd.settings()?;
    let settings = stored.in_force();
    rd.report_counts_ahead(w)?;
    let resolves = rd.report_last_resolves(w)?;
    let mut g = Gather::new(&settings, tz, stored.generation, w, from, to, resolves);
    for which in [InWindow::Created, InWindow::AnsweredElsewhen] {
        rd.report_in_window(w, which, &mut |t| {
            g.take(t);
            Ok(())
        })?;
    }
    // Resolved in the period, but neither created nor first answered in it.
    let rest = g.unseen_resolved();
    rd.report_tickets(&rest, w, &mut |t| {
        g.take(t);
        Ok(())
    })?;
    let replay = g.take_replays();
    let ids: Vec<i64> = replay.iter().map(|t| t.id).collect();
    let mut histories = rd.report_histories(&ids)?.into_iter().peekable();
    for t in replay {
        let events = match histories.peek() {
            Some((id, _)) if *id == t.id => histories.next().map(|(_, e)| e).unwrap_or_default(),
            _ => Vec::new(),
        };
        g.replay(t, &events);
    }
    let counts = rd.report_counts(w)?;
    Ok(g.finish(counts))
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
