//! Service hours: the calendar that SLA clocks run in.
//!
//! A [`Calendar`] is either `24x7` or a set of weekly rules in local wall-clock time
//! (`mon-fri 07:30-16:00`, `mon-thu 08:00-16:00; fri 08:00-14:00`), less a list of
//! holiday dates on which there is no service at all. It answers how much service time
//! lies between two instants, when a given amount of service time has passed, and how a
//! span of time splits into in-service, outside-hours and holiday stretches. Rules are
//! applied per local date, so daylight-saving changes never stretch or shrink a working
//! day: a local time that does not exist (spring forward) moves to the first valid
//! instant, an ambiguous one (fall back) takes the earlier instant. Pure logic: no I/O,
//! no clock reads.

use std::collections::BTreeSet;
use std::fmt;

use chrono::{
    DateTime, Datelike, LocalResult, NaiveDate, NaiveDateTime, NaiveTime, Offset, TimeDelta,
    TimeZone, Utc,
};

const DAY_NAMES: [&str; 7] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];
const FULL_DAY_NAMES: [&str; 7] = [
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];
const MINUTES_PER_DAY: u16 = 24 * 60;
/// How far `add_service` looks ahead before giving up (about 50 years).
const ADD_SERVICE_LIMIT_DAYS: i64 = 50 * 366;
/// The longest span counted or laid out (about 200 years): time beyond it, which only
/// damaged data can ask about, is left out rather than walked day by day.
const MAX_SPAN_DAYS: i64 = 200 * 366;
const HOURS_EXAMPLE: &str =
    "use e.g. \"mon-fri 07:30-16:00\", \"mon-thu 08:00-16:00; fri 08:00-14:00\" or \"24x7\"";

/// Service hours: weekly rules in local time, or 24x7, less holidays.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Calendar {
    /// Service around the clock (holidays still have none).
    always: bool,
    /// Per weekday, Monday first: sorted, non-overlapping, non-adjacent
    /// `[start, end)` ranges in minutes after local midnight (end may be 1440).
    week: [Vec<(u16, u16)>; 7],
    /// Local dates without any service.
    holidays: BTreeSet<NaiveDate>,
}

/// What a [`Stretch`] of time is, as far as the calendar is concerned.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StretchKind {
    /// Inside service hours.
    InService,
    /// Outside service hours (nights, weekends, gaps between ranges).
    Outside,
    /// A whole local holiday date.
    Holiday,
}

/// One piece of `[from, to)` of a single [`StretchKind`].
#[derive(Debug, Clone, PartialEq)]
pub struct Stretch {
    pub from: DateTime<Utc>,
    pub to: DateTime<Utc>,
    pub kind: StretchKind,
}

impl Calendar {
    /// Parses the `hours` and `holidays` settings.
    ///
    /// `hours` is `24x7` or rules separated by `;`, each a day list and one or more
    /// time ranges: `mon-fri 07:30-16:00`, `mon,wed,fri 08:00-12:00`,
    /// `fri-mon 10:00-14:00` (day ranges may wrap), `mon-fri 08:00-12:00, 13:00-17:00`.
    /// `24:00` is allowed as an end; ranges must not cross midnight; overlapping
    /// ranges are merged. `holidays` is a comma- (or space-) separated list of
    /// `YYYY-MM-DD` dates; empty means none.
    pub fn parse(hours: &str, holidays: &str) -> Result<Calendar, String> {
        let mut cal = parse_hours(hours)?;
        cal.holidays = parse_holidays(holidays)?;
        Ok(cal)
    }

    /// Service around the clock, no holidays.
    pub fn always() -> Calendar {
        Calendar {
            always: true,
            week: Default::default(),
            holidays: BTreeSet::new(),
        }
    }

    /// True for a `24x7` calendar.
    pub fn is_24x7(&self) -> bool {
        self.always
    }

    /// The holiday dates.
    pub fn holidays(&self) -> &BTreeSet<NaiveDate> {
        &self.holidays
    }

    /// The holidays in their canonical setting form: `YYYY-MM-DD,YYYY-MM-DD`.
    pub fn holidays_text(&self) -> String {
        self.holidays
            .iter()
            .map(|d| d.format("%Y-%m-%d").to_string())
            .collect::<Vec<_>>()
            .join(",")
    }

    /// The length of one service day in seconds: the most common daily length among
    /// the weekdays that have service (on a tie, the longer one); 86400 for 24x7;
    /// 0 for a calendar without service.
    pub fn day_seconds(&self) -> i64 {
        if self.always {
            return 86_400;
        }
        let mut counts: Vec<(i64, usize)> = Vec::new();
        for ranges in &self.week {
            let len: i64 = ranges.iter().map(|&(s, e)| i64::from(e - s) * 60).sum();
            if len == 0 {
                continue;
            }
            match counts.iter_mut().find(|(l, _)| *l == len) {
                Some((_, n)) => *n += 1,
                None => counts.push((len, 1)),
            }
        }
        counts
            .into_iter()
            .max_by_key(|&(len, n)| (n, len))
            .map_or(0, |(len, _)| len)
    }

    /// Service seconds in `[from, to)`; 0 if `to <= from`. (A span longer than about
    /// 200 years counts only its first 200 years.)
    pub fn service_seconds<Tz: TimeZone>(
        &self,
        tz: &Tz,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
    ) -> i64 {
        self.service_time(tz, from, to).num_seconds()
    }

    /// The earliest instant `t >= from` with `service_seconds(from, t) == secs`.
    /// `secs <= 0` gives `from`. `None` if the calendar has no service at all or the
    /// answer lies more than about 50 years ahead.
    pub fn add_service<Tz: TimeZone>(
        &self,
        tz: &Tz,
        from: DateTime<Utc>,
        secs: i64,
    ) -> Option<DateTime<Utc>> {
        if secs <= 0 {
            return Some(from);
        }
        self.add_service_time(tz, from, TimeDelta::try_seconds(secs)?)
    }

    /// The latest instant `t >= from` with `service_seconds(from, t) <= secs`: where
    /// [`Calendar::add_service`] lands, carried over the time outside service that
    /// follows it. From 15:30 on a Friday (mon-fri 07:30-16:00), 2 h of service reach
    /// 09:00 on Monday, and a deadline at noon on Saturday is as near. `None` when
    /// every later moment is that near (no service ahead).
    pub fn service_horizon<Tz: TimeZone>(
        &self,
        tz: &Tz,
        from: DateTime<Utc>,
        secs: i64,
    ) -> Option<DateTime<Utc>> {
        let reached = self.add_service(tz, from, secs)?;
        let mut next = None;
        self.walk(tz, reached, ADD_SERVICE_LIMIT_DAYS, |a, _, kind| {
            if kind == StretchKind::InService {
                next = Some(a);
                return false;
            }
            true
        });
        next
    }

    /// [`Calendar::add_service`] with sub-second precision.
    pub(crate) fn add_service_time<Tz: TimeZone>(
        &self,
        tz: &Tz,
        from: DateTime<Utc>,
        amount: TimeDelta,
    ) -> Option<DateTime<Utc>> {
        if amount <= TimeDelta::zero() {
            return Some(from);
        }
        if !self.has_service() {
            return None;
        }
        let mut remaining = amount;
        let mut found = None;
        self.walk(tz, from, ADD_SERVICE_LIMIT_DAYS, |a, b, kind| {
            if kind != StretchKind::InService {
                return true;
            }
            let len = b - a;
            if remaining <= len {
                found = a.checked_add_signed(remaining);
                return false;
            }
            remaining -= len;
            true
        });
        found
    }

    /// Consecutive stretches covering `[from, to)`, adjacent ones of the same kind
    /// merged; empty if `to <= from`. (Past about 200 years the rest is one `Outside`
    /// stretch.)
    pub fn stretches<Tz: TimeZone>(
        &self,
        tz: &Tz,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
    ) -> Vec<Stretch> {
        let mut out: Vec<Stretch> = Vec::new();
        if to <= from {
            return out;
        }
        self.walk(tz, from, span_days(from, to), |a, b, kind| {
            if a >= to {
                return false;
            }
            let b = b.min(to);
            match out.last_mut() {
                Some(last) if last.kind == kind && last.to == a => last.to = b,
                _ => out.push(Stretch {
                    from: a,
                    to: b,
                    kind,
                }),
            }
            b < to
        });
        // The walk covers time contiguously; should a zone's rules ever leave a hole
        // (or the walk stop at the end of representable time), close it as Outside.
        let mut fixed: Vec<Stretch> = Vec::with_capacity(out.len());
        let mut cursor = from;
        for s in out {
            if s.from > cursor {
                fixed.push(Stretch {
                    from: cursor,
                    to: s.from,
                    kind: StretchKind::Outside,
                });
            }
            cursor = s.to;
            fixed.push(s);
        }
        if cursor < to {
            fixed.push(Stretch {
                from: cursor,
                to,
                kind: StretchKind::Outside,
            });
        }
        fixed
    }

    /// Service time in `[from, to)` with sub-second precision.
    pub(crate) fn service_time<Tz: TimeZone>(
        &self,
        tz: &Tz,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
    ) -> TimeDelta {
        let mut total = TimeDelta::zero();
        if to <= from || !self.has_service() {
            return total;
        }
        self.walk(tz, from, span_days(from, to), |a, b, kind| {
            if a >= to {
                return false;
            }
            if kind == StretchKind::InService {
                total += b.min(to) - a;
            }
            b < to
        });
        total
    }

    fn has_service(&self) -> bool {
        self.always || self.week.iter().any(|d| !d.is_empty())
    }

    /// Calls `f(a, b, kind)` for consecutive pieces of time starting at `from`
    /// (the first one clipped to start there), local date by local date, until `f`
    /// returns false or `max_days` dates have been visited.
    fn walk<Tz, F>(&self, tz: &Tz, from: DateTime<Utc>, max_days: i64, mut f: F)
    where
        Tz: TimeZone,
        F: FnMut(DateTime<Utc>, DateTime<Utc>, StretchKind) -> bool,
    {
        let start_date = local_date(tz, from);
        // One day early, in case the local date's midnight resolves after `from`.
        let mut date = start_date.pred_opt().unwrap_or(start_date);
        let mut pieces = Vec::with_capacity(8);
        for _ in 0..max_days.saturating_add(2) {
            pieces.clear();
            self.day_pieces(tz, date, &mut pieces);
            for &(a, b, kind) in &pieces {
                if b <= from {
                    continue;
                }
                if !f(a.max(from), b, kind) {
                    return;
                }
            }
            match date.succ_opt() {
                Some(next) => date = next,
                None => return,
            }
        }
    }

    /// The pieces of one local date, covering its local midnight to the next one.
    fn day_pieces<Tz: TimeZone>(
        &self,
        tz: &Tz,
        date: NaiveDate,
        out: &mut Vec<(DateTime<Utc>, DateTime<Utc>, StretchKind)>,
    ) {
        let Some(next_date) = date.succ_opt() else {
            return;
        };
        let midnight = date.and_time(NaiveTime::MIN);
        let (Some(start), Some(end)) = (
            local_to_utc(tz, midnight),
            local_to_utc(tz, next_date.and_time(NaiveTime::MIN)),
        ) else {
            return;
        };
        if end <= start {
            return;
        }
        if self.holidays.contains(&date) {
            out.push((start, end, StretchKind::Holiday));
            return;
        }
        if self.always {
            out.push((start, end, StretchKind::InService));
            return;
        }
        // A day of 24 hours has no change of offset in it (a zone's changes move its
        // clocks by up to an hour or two, once): its local minutes are minutes after
        // its start, without asking the zone again.
        let regular = end - start == TimeDelta::days(1);
        let at = |minute: u16| -> Option<DateTime<Utc>> {
            if minute >= MINUTES_PER_DAY {
                return Some(end);
            }
            let after = TimeDelta::minutes(i64::from(minute));
            if regular {
                return Some(start + after);
            }
            let t = midnight.checked_add_signed(after)?;
            local_to_utc(tz, t).map(|u| u.clamp(start, end))
        };
        let mut cursor = start;
        let weekday = date.weekday().num_days_from_monday() as usize;
        for &(s, e) in &self.week[weekday] {
            let (Some(a), Some(b)) = (at(s), at(e)) else {
                continue;
            };
            let a = a.max(cursor);
            if b <= a {
                continue;
            }
            if a > cursor {
                out.push((cursor, a, StretchKind::Outside));
            }
            out.push((a, b, StretchKind::InService));
            cursor = b;
        }
        if cursor < end {
            out.push((cursor, end, StretchKind::Outside));
        }
    }
}

impl fmt::Display for Calendar {
    /// The canonical `hours` text: `24x7`, or rules like
    /// `mon-thu 08:00-16:00; fri 08:00-14:00`, one rule per day group and range.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.always {
            return f.write_str("24x7");
        }
        let mut rules: Vec<String> = Vec::new();
        let mut done = [false; 7];
        for d in 0..7 {
            if done[d] || self.week[d].is_empty() {
                continue;
            }
            let mut set = [false; 7];
            for (o, slot) in set.iter_mut().enumerate().skip(d) {
                if self.week[o] == self.week[d] {
                    *slot = true;
                    done[o] = true;
                }
            }
            let days = days_text(&set);
            for &(s, e) in &self.week[d] {
                rules.push(format!("{days} {}-{}", hhmm(s), hhmm(e)));
            }
        }
        f.write_str(&rules.join("; "))
    }
}

/// Days in Monday..Sunday order, consecutive runs joined: `mon-fri`, `mon,wed,fri`.
fn days_text(set: &[bool; 7]) -> String {
    let mut parts: Vec<String> = Vec::new();
    let mut d = 0;
    while d < 7 {
        if !set[d] {
            d += 1;
            continue;
        }
        let start = d;
        while d + 1 < 7 && set[d + 1] {
            d += 1;
        }
        if start == d {
            parts.push(DAY_NAMES[d].to_string());
        } else {
            parts.push(format!("{}-{}", DAY_NAMES[start], DAY_NAMES[d]));
        }
        d += 1;
    }
    parts.join(",")
}

fn hhmm(minute: u16) -> String {
    format!("{:02}:{:02}", minute / 60, minute % 60)
}

/// How many local dates a walk over `[from, to)` may need to visit, at most
/// [`MAX_SPAN_DAYS`].
fn span_days(from: DateTime<Utc>, to: DateTime<Utc>) -> i64 {
    (to - from).num_days().saturating_add(3).min(MAX_SPAN_DAYS)
}

fn parse_hours(hours: &str) -> Result<Calendar, String> {
    let bad = |reason: &str| format!("invalid hours \"{hours}\": {reason}; {HOURS_EXAMPLE}");
    let text = hours.trim().to_ascii_lowercase();
    let compact: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    if compact == "24x7" || compact == "24/7" {
        return Ok(Calendar::always());
    }
    let mut week: [Vec<(u16, u16)>; 7] = Default::default();
    let mut any_rule = false;
    for rule in text.split(';') {
        let rule = rule.trim();
        if rule.is_empty() {
            continue;
        }
        any_rule = true;
        let Some(split) = rule.find(|c: char| c.is_ascii_digit()) else {
            return Err(bad(&format!("rule \"{rule}\" has no time range")));
        };
        let (days_part, times_part) = rule.split_at(split);
        let days = parse_days(days_part).map_err(|r| bad(&r))?;
        let ranges = parse_ranges(times_part).map_err(|r| bad(&r))?;
        for (d, on) in days.iter().enumerate() {
            if *on {
                week[d].extend_from_slice(&ranges);
            }
        }
    }
    if !any_rule {
        return Err(bad("no rules"));
    }
    for ranges in &mut week {
        *ranges = merge(std::mem::take(ranges));
    }
    Ok(Calendar {
        always: false,
        week,
        holidays: BTreeSet::new(),
    })
}

fn day_index(name: &str) -> Option<usize> {
    DAY_NAMES
        .iter()
        .position(|d| *d == name)
        .or_else(|| FULL_DAY_NAMES.iter().position(|d| *d == name))
}

/// `mon-fri`, `mon,wed,fri`, `fri-mon` (wraps), `sat` → which weekdays.
fn parse_days(part: &str) -> Result<[bool; 7], String> {
    let compact: String = part.chars().filter(|c| !c.is_whitespace()).collect();
    if compact.is_empty() {
        return Err("missing days before the time range".to_string());
    }
    let unknown =
        |name: &str| format!("unknown day \"{name}\" (use mon, tue, wed, thu, fri, sat, sun)");
    let mut set = [false; 7];
    for item in compact.split(',') {
        if item.is_empty() {
            return Err(format!("empty day in \"{}\"", part.trim()));
        }
        match item.split_once('-') {
            Some((a, b)) => {
                let first = day_index(a).ok_or_else(|| unknown(a))?;
                let last = day_index(b).ok_or_else(|| unknown(b))?;
                let mut d = first;
                loop {
                    set[d] = true;
                    if d == last {
                        break;
                    }
                    d = (d + 1) % 7;
                }
            }
            None => set[day_index(item).ok_or_else(|| unknown(item))?] = true,
        }
    }
    Ok(set)
}

/// `07:30-16:00` or several separated by commas → minute ranges.
fn parse_ranges(part: &str) -> Result<Vec<(u16, u16)>, String> {
    let compact: String = part.chars().filter(|c| !c.is_whitespace()).collect();
    let mut out = Vec::new();
    for item in compact.split(',') {
        let Some((a, b)) = item.split_once('-') else {
            return Err(format!("\"{item}\" is not a time range like 07:30-16:00"));
        };
        let start = parse_time(a, false)?;
        let end = parse_time(b, true)?;
        if start >= end {
            return Err(format!(
                "range {item} does not end after it starts (a range can't cross midnight)"
            ));
        }
        out.push((start, end));
    }
    Ok(out)
}

/// `HH:MM` (or `H:MM`) → minutes after midnight; `24:00` only as an end.
fn parse_time(s: &str, is_end: bool) -> Result<u16, String> {
    let bad = || format!("invalid time \"{s}\" (use HH:MM, 00:00 to 24:00)");
    let (h, m) = s.split_once(':').ok_or_else(bad)?;
    let digits = |t: &str| !t.is_empty() && t.bytes().all(|c| c.is_ascii_digit());
    if !digits(h) || h.len() > 2 || !digits(m) || m.len() != 2 {
        return Err(bad());
    }
    let h: u16 = h.parse().map_err(|_| bad())?;
    let m: u16 = m.parse().map_err(|_| bad())?;
    if m > 59 || h > 24 || (h == 24 && (m != 0 || !is_end)) {
        return Err(bad());
    }
    Ok(h * 60 + m)
}

/// Sorts ranges and merges the overlapping or touching ones.
fn merge(mut ranges: Vec<(u16, u16)>) -> Vec<(u16, u16)> {
    ranges.sort_unstable();
    let mut out: Vec<(u16, u16)> = Vec::with_capacity(ranges.len());
    for (s, e) in ranges {
        match out.last_mut() {
            Some(last) if s <= last.1 => last.1 = last.1.max(e),
            _ => out.push((s, e)),
        }
    }
    out
}

fn parse_holidays(holidays: &str) -> Result<BTreeSet<NaiveDate>, String> {
    let mut out = BTreeSet::new();
    for item in holidays.split(|c: char| c == ',' || c.is_whitespace()) {
        if item.is_empty() {
            continue;
        }
        let date = NaiveDate::parse_from_str(item, "%Y-%m-%d")
            .map_err(|_| format!("invalid holiday \"{item}\": use YYYY-MM-DD, e.g. 2026-12-24"))?;
        out.insert(date);
    }
    Ok(out)
}

/// The UTC instant of a local wall-clock time: ambiguous → the earlier instant,
/// non-existent (in a spring-forward gap) → the first valid instant after the gap.
fn local_to_utc<Tz: TimeZone>(tz: &Tz, local: NaiveDateTime) -> Option<DateTime<Utc>> {
    match tz.from_local_datetime(&local) {
        LocalResult::Single(t) => Some(t.with_timezone(&Utc)),
        LocalResult::Ambiguous(a, b) => Some(a.with_timezone(&Utc).min(b.with_timezone(&Utc))),
        LocalResult::None => gap_end(tz, local),
    }
}

/// The local date of an instant (the UTC date where the local one can't be represented).
fn local_date<Tz: TimeZone>(tz: &Tz, t: DateTime<Utc>) -> NaiveDate {
    let utc = t.naive_utc();
    let offset = tz.offset_from_utc_datetime(&utc).fix().local_minus_utc();
    utc.checked_add_signed(TimeDelta::seconds(i64::from(offset)))
        .unwrap_or(utc)
        .date()
}

fn offset_at<Tz: TimeZone>(tz: &Tz, utc_ts: i64) -> Option<i64> {
    let utc = DateTime::from_timestamp(utc_ts, 0)?.naive_utc();
    Some(i64::from(
        tz.offset_from_utc_datetime(&utc).fix().local_minus_utc(),
    ))
}

/// The instant a spring-forward gap containing `local` ends: the smallest UTC
/// instant whose local time is at or after `local`, found by bisection between the
/// readings with the offsets in force a day before and a day after.
fn gap_end<Tz: TimeZone>(tz: &Tz, local: NaiveDateTime) -> Option<DateTime<Utc>> {
    let target = local.and_utc().timestamp();
    let day = 86_400;
    let before = offset_at(tz, target.checked_sub(day)?)?;
    let after = offset_at(tz, target.checked_add(day)?)?;
    let mut lo = target.checked_sub(before.max(after))?;
    let mut hi = target.checked_sub(before.min(after))?;
    let local_of = |u: i64| offset_at(tz, u).and_then(|o| u.checked_add(o));
    let ok = |u: i64| local_of(u).is_some_and(|l| l >= target);
    if lo >= hi || ok(lo) || !ok(hi) {
        // Not a plain gap between two offsets: fall back to the later reading.
        return DateTime::from_timestamp(hi, 0);
    }
    while hi - lo > 1 {
        let mid = lo + (hi - lo) / 2;
        if ok(mid) {
            hi = mid;
        } else {
            lo = mid;
        }
    }
    DateTime::from_timestamp(hi, 0)
}

/// A Helsinki wall-clock time (earliest reading if ambiguous) as UTC, for the tests of
/// the calendar and of the SLA clocks.
#[cfg(test)]
pub(crate) fn hel(y: i32, mo: u32, d: u32, h: u32, mi: u32) -> DateTime<Utc> {
    chrono_tz::Europe::Helsinki
        .with_ymd_and_hms(y, mo, d, h, mi, 0)
        .earliest()
        .expect("valid local time")
        .with_timezone(&Utc)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono_tz::Europe::Helsinki;

    fn utc(y: i32, mo: u32, d: u32, h: u32, mi: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(y, mo, d, h, mi, 0).unwrap()
    }

    fn cal(hours: &str) -> Calendar {
        Calendar::parse(hours, "").unwrap()
    }

    /// `c.add_service` from `from` on Helsinki's clock.
    fn add(c: &Calendar, from: DateTime<Utc>, secs: i64) -> Option<DateTime<Utc>> {
        c.add_service(&Helsinki, from, secs)
    }

    /// `c.service_seconds` over `[from, to)` on Helsinki's clock.
    fn served(c: &Calendar, from: DateTime<Utc>, to: DateTime<Utc>) -> i64 {
        c.service_seconds(&Helsinki, from, to)
    }

    const H: i64 = 3600;
    const M: i64 = 60;

    #[test]
    fn the_service_horizon_carries_over_the_weekend() {
        let c = cal("mon-fri 07:30-16:00");
        let friday = hel(2026, 11, 20, 15, 30);
        // 30 min on Friday, 1h30 on Monday from 07:30.
        let monday = hel(2026, 11, 23, 9, 0);
        assert_eq!(c.service_horizon(&Helsinki, friday, 2 * H), Some(monday));
        // Landing on the end of Friday's service: the weekend is as near.
        assert_eq!(
            c.service_horizon(&Helsinki, friday, 30 * M),
            Some(hel(2026, 11, 23, 7, 30))
        );
        // Inside service hours it is add_service itself.
        let tuesday = hel(2026, 11, 24, 10, 0);
        assert_eq!(
            c.service_horizon(&Helsinki, tuesday, H),
            Some(hel(2026, 11, 24, 11, 0))
        );
        assert_eq!(c.service_horizon(&Helsinki, tuesday, 0), Some(tuesday));
        // Round the clock, an hour is an hour.
        let always = Calendar::always();
        assert_eq!(
            always.service_horizon(&Helsinki, friday, H),
            Some(friday + TimeDelta::hours(1))
        );
    }

    #[test]
    fn parses_and_prints_canonical_hours() {
        let cases = [
            ("mon-fri 07:30-16:00", "mon-fri 07:30-16:00"),
            ("MON-FRI 7:30-16:00", "mon-fri 07:30-16:00"),
            ("  mon - fri   07:30 - 16:00 ;", "mon-fri 07:30-16:00"),
            (
                "mon-thu 08:00-16:00; fri 08:00-14:00",
                "mon-thu 08:00-16:00; fri 08:00-14:00",
            ),
            ("mon,wed,fri 08:00-12:00", "mon,wed,fri 08:00-12:00"),
            ("sat 10:00-14:00", "sat 10:00-14:00"),
            (
                "mon-fri 08:00-12:00; mon-fri 13:00-17:00",
                "mon-fri 08:00-12:00; mon-fri 13:00-17:00",
            ),
            (
                "mon-fri 08:00-12:00, 13:00-17:00",
                "mon-fri 08:00-12:00; mon-fri 13:00-17:00",
            ),
            // wrapping day range: fri, sat, sun, mon
            ("fri-mon 10:00-14:00", "mon,fri-sun 10:00-14:00"),
            ("Monday-Friday 08:00-16:00", "mon-fri 08:00-16:00"),
            // overlapping and touching ranges merge
            ("mon 08:00-12:00; mon 11:00-13:00", "mon 08:00-13:00"),
            ("mon 08:00-12:00; mon 12:00-13:00", "mon 08:00-13:00"),
            ("sat-sun 00:00-24:00", "sat-sun 00:00-24:00"),
            ("mon-sun 00:00-24:00", "mon-sun 00:00-24:00"),
            ("24x7", "24x7"),
            (" 24X7 ", "24x7"),
            ("24/7", "24x7"),
        ];
        for (input, canonical) in cases {
            let c = cal(input);
            assert_eq!(c.to_string(), canonical, "{input}");
            // the canonical text reads back as the same calendar
            assert_eq!(cal(canonical), c, "{input}");
        }
    }

    #[test]
    fn rejects_bad_hours_with_one_line_messages() {
        let bad = [
            "mon-fri 16:00-07:30",
            "xyz",
            "mon-fri 25:00-26:00",
            "",
            "  ; ",
            "mon-fri",
            "08:00-16:00",
            "mon-fri 08:00-24:30",
            "mon-fri 24:00-24:00",
            "mon-fri 08:00-08:00",
            "funday 08:00-10:00",
            "mon-fri 8-16",
            "mon-fri 08:0-16:00",
            "mon-fri 08:00",
            "mon,,fri 08:00-16:00",
            "mon-fri 08:00-16:00; 24x7",
            "mon-fri 08:60-16:00",
            "mon-fri ０8:00-16:00",
        ];
        for input in bad {
            let err = Calendar::parse(input, "").expect_err(input);
            assert!(!err.contains('\n'), "{err}");
            assert!(err.starts_with("invalid hours"), "{err}");
        }
        let err = Calendar::parse("mon-fri 16:00-07:30", "").unwrap_err();
        assert!(err.contains("can't cross midnight"), "{err}");
        let err = Calendar::parse("mon-fri 25:00-26:00", "").unwrap_err();
        assert!(err.contains("invalid time \"25:00\""), "{err}");
        let err = Calendar::parse("xyz", "").unwrap_err();
        assert!(err.contains("24x7"), "{err}");
    }

    #[test]
    fn parses_holidays() {
        let c = Calendar::parse("24x7", " 2026-12-25 ,2026-12-24, 2026-12-24 2027-01-01 ").unwrap();
        assert_eq!(c.holidays().len(), 3);
        assert_eq!(c.holidays_text(), "2026-12-24,2026-12-25,2027-01-01");
        assert!(Calendar::parse("24x7", "").unwrap().holidays().is_empty());
        assert_eq!(Calendar::parse("24x7", "").unwrap(), Calendar::always());
        for bad in [
            "2026-13-01",
            "tomorrow",
            "2026-02-30",
            "2026-01-01;2026-01-02",
        ] {
            let err = Calendar::parse("24x7", bad).expect_err(bad);
            assert!(err.starts_with("invalid holiday"), "{err}");
        }
    }

    #[test]
    fn day_seconds_is_the_most_common_day() {
        assert_eq!(cal("mon-fri 07:30-16:00").day_seconds(), 8 * H + 30 * M);
        // four 8h days against one 6h Friday
        assert_eq!(
            cal("mon-thu 08:00-16:00; fri 08:00-14:00").day_seconds(),
            8 * H
        );
        // two 8h days, two 4h days: a tie goes to the longer
        assert_eq!(
            cal("mon-tue 08:00-16:00; wed-thu 08:00-12:00").day_seconds(),
            8 * H
        );
        // a split day counts its pieces together: 4h + 4h
        assert_eq!(
            cal("mon-fri 08:00-12:00; mon-fri 13:00-17:00").day_seconds(),
            8 * H
        );
        assert_eq!(cal("sat 10:00-14:00").day_seconds(), 4 * H);
        assert_eq!(Calendar::always().day_seconds(), 86_400);
        assert_eq!(cal("24x7").day_seconds(), 86_400);
    }

    /// Office hours, the calendar most tests read.
    const OFFICE: &str = "mon-fri 07:30-16:00";

    /// An instant written as `2026-01-16 15:00`: Helsinki's wall clock (the earlier
    /// reading when ambiguous), or UTC with a trailing `Z`.
    fn at(s: &str) -> DateTime<Utc> {
        let (local, zulu) = match s.strip_suffix('Z') {
            Some(u) => (u, true),
            None => (s, false),
        };
        let t = NaiveDateTime::parse_from_str(local, "%Y-%m-%d %H:%M").expect(s);
        if zulu {
            return t.and_utc();
        }
        Helsinki
            .from_local_datetime(&t)
            .earliest()
            .expect(s)
            .with_timezone(&Utc)
    }

    /// Checks `add_service` on Helsinki's clock for each (from, service seconds, the
    /// instant it lands on).
    fn lands(hours: &str, holidays: &str, cases: &[(&str, i64, &str)]) {
        let c = Calendar::parse(hours, holidays).unwrap();
        for &(from, secs, want) in cases {
            assert_eq!(add(&c, at(from), secs), Some(at(want)), "{c} {from} {secs}");
        }
    }

    /// Checks `service_seconds` on Helsinki's clock for each (from, to, seconds).
    fn serves(hours: &str, holidays: &str, cases: &[(&str, &str, i64)]) {
        let c = Calendar::parse(hours, holidays).unwrap();
        for &(from, to, want) in cases {
            assert_eq!(served(&c, at(from), at(to)), want, "{c} {from} {to}");
        }
    }

    #[test]
    fn add_service_counts_service_time_only() {
        lands(
            OFFICE,
            "",
            &[
                // Friday afternoon plus four hours is Monday morning: 1h on Friday
                // (15:00-16:00), 3h on Monday from 07:30.
                ("2026-01-16 15:00", 4 * H, "2026-01-19 10:30"),
                // Spring forward (Helsinki 2026-03-29: 03:00 EET jumps to 04:00 EEST):
                // 2h Friday, Mon 07:30 EEST + 2h = 09:30 EEST: the working day keeps
                // its wall-clock hours after the change.
                ("2026-03-27 14:00", 4 * H, "2026-03-30 06:30Z"),
                // Fall back (2026-10-25: 04:00 EEST falls back to 03:00 EET): 1h
                // Friday, Mon 07:30 EET + 3h = 10:30 EET.
                ("2026-10-23 15:00", 4 * H, "2026-10-26 08:30Z"),
            ],
        );
        lands(
            OFFICE,
            "2026-01-19",
            &[
                // With Monday a holiday the 3h fall on Tuesday: Tue 07:30 + 3h = 10:30.
                ("2026-01-16 15:00", 4 * H, "2026-01-20 10:30"),
                // Exactly at the end of a day's service the earliest instant is 16:00.
                ("2026-01-16 15:00", H, "2026-01-16 16:00"),
            ],
        );
        // Split days, 08-12 and 13-17: 09:00 + 3h30 is 13:30.
        let split = "mon-fri 08:00-12:00; mon-fri 13:00-17:00";
        lands(
            split,
            "",
            &[("2026-01-19 09:00", 3 * H + 30 * M, "2026-01-19 13:30")],
        );
        // A short Friday: 1h Friday (to 14:00) + 3h Monday from 08:00.
        let short_friday = "mon-thu 08:00-16:00; fri 08:00-14:00";
        lands(
            short_friday,
            "",
            &[("2026-01-16 13:00", 4 * H, "2026-01-19 11:00")],
        );
        lands(
            "fri-mon 10:00-14:00",
            "",
            &[
                // A wrapping day range: Thu 12:00 + 5h is Fri 10-14 (4h), Sat 10:00 + 1h.
                ("2026-01-15 12:00", 5 * H, "2026-01-17 11:00"),
                // Tue..Thu have no service: Mon 13:00 + 2h is 1h Mon, then Fri 11:00.
                ("2026-01-19 13:00", 2 * H, "2026-01-23 11:00"),
            ],
        );
        // Round the clock across midnight; with Sunday a holiday, 15 minutes on
        // Saturday, then Monday 00:00 + 15m.
        lands(
            "24x7",
            "",
            &[("2026-01-17 23:45", 30 * M, "2026-01-18 00:15")],
        );
        lands(
            "24x7",
            "2026-01-18",
            &[("2026-01-17 23:45", 30 * M, "2026-01-19 00:15")],
        );
        // The instants themselves: EET is UTC+2, EEST UTC+3.
        assert_eq!(at("2026-03-27 14:00"), utc(2026, 3, 27, 12, 0));
        assert_eq!(at("2026-10-23 15:00"), utc(2026, 10, 23, 12, 0));
    }

    #[test]
    fn service_seconds_counts_service_time_only() {
        serves(
            OFFICE,
            "",
            &[
                ("2026-01-16 15:00", "2026-01-19 10:30", 4 * H),
                // Mon 07:30 .. Fri 16:00 is a full week: 5 × 8h30 = 42h30
                ("2026-01-19 07:30", "2026-01-23 16:00", 42 * H + 30 * M),
                // the weekend has none
                ("2026-01-24 00:00", "2026-01-26 07:30", 0),
                // empty or reversed
                ("2026-01-19 09:00", "2026-01-19 09:00", 0),
                ("2026-01-19 09:00", "2026-01-19 08:00", 0),
                // Fri 2h + Mon 8h30 = 10h30 until Mon 16:00 EEST, though the wall
                // clock moved an hour over the weekend.
                ("2026-03-27 14:00", "2026-03-30 16:00", 10 * H + 30 * M),
            ],
        );
        // Split days: 08-12 and 13-17 → 09:00..14:00 is 3h + 1h.
        let split = "mon-fri 08:00-12:00; mon-fri 13:00-17:00";
        serves(
            split,
            "",
            &[("2026-01-19 09:00", "2026-01-19 14:00", 4 * H)],
        );
        // A short Friday: one week is 4 × 8h + 6h.
        let short_friday = "mon-thu 08:00-16:00; fri 08:00-14:00";
        serves(
            short_friday,
            "",
            &[("2026-01-19 00:00", "2026-01-26 00:00", 38 * H)],
        );
        // 24x7 with Sunday a holiday.
        serves(
            "24x7",
            "2026-01-18",
            &[("2026-01-17 00:00", "2026-01-20 00:00", 48 * H)],
        );
        serves(
            "24x7",
            "",
            &[
                // Over the short Sunday (2026-03-29): 24 real hours from Saturday
                // noon UTC, though local Sunday has only 23.
                ("2026-03-28 12:00Z", "2026-03-29 12:00Z", 24 * H),
                ("2026-03-29 00:00", "2026-03-30 00:00", 23 * H),
                // The long Sunday (2026-10-25) has 25.
                ("2026-10-25 00:00", "2026-10-26 00:00", 25 * H),
            ],
        );
        // Sunday 02:00-05:00 on the spring change day: 02:00-03:00 EET, 04:00-05:00
        // EEST = 2h; on the fall one, 02:00 EEST (23:00 UTC) .. 05:00 EET (03:00 UTC)
        // = 4 real hours.
        serves(
            "sun 02:00-05:00",
            "",
            &[
                ("2026-03-28 00:00Z", "2026-03-30 00:00Z", 2 * H),
                ("2026-10-24 00:00Z", "2026-10-26 00:00Z", 4 * H),
            ],
        );
        // An ambiguous start (03:30) takes the earlier instant, 03:30 EEST = 00:30 UTC;
        // to 05:00 EET = 03:00 UTC is 2h30.
        let ambiguous = "sun 03:30-05:00";
        serves(
            ambiguous,
            "",
            &[("2026-10-24 00:00Z", "2026-10-26 00:00Z", 2 * H + 30 * M)],
        );
        // A range wholly inside the spring gap has no service that day.
        serves(
            "sun 03:10-03:50",
            "",
            &[("2026-03-28 00:00Z", "2026-03-30 00:00Z", 0)],
        );

        // Sub-second ends are truncated to whole seconds.
        let c = cal(OFFICE);
        let t = at("2026-01-19 09:00");
        let half = TimeDelta::milliseconds(500);
        assert_eq!(served(&c, t, t + TimeDelta::seconds(10) + half), 10);
        // In another zone: split days in UTC.
        let c = cal(split);
        assert_eq!(
            c.service_seconds(&Utc, utc(2026, 1, 19, 9, 0), utc(2026, 1, 19, 14, 0)),
            4 * H
        );
    }

    #[test]
    fn a_start_in_the_spring_gap_moves_to_its_end() {
        // A start inside the gap (03:30) moves to the first valid instant, 04:00 EEST
        // (01:00 UTC); the day has 1h of service (04:00-05:00).
        let sun = cal("sun 03:30-05:00");
        let st = sun.stretches(&Helsinki, utc(2026, 3, 29, 0, 0), utc(2026, 3, 29, 3, 0));
        assert_eq!(
            st[1],
            Stretch {
                from: utc(2026, 3, 29, 1, 0),
                to: utc(2026, 3, 29, 2, 0),
                kind: StretchKind::InService
            }
        );
    }

    #[test]
    fn stretches_cover_the_span() {
        let c = Calendar::parse(OFFICE, "2026-01-19").unwrap();
        let st = c.stretches(&Helsinki, at("2026-01-16 15:00"), at("2026-01-20 09:00"));
        use StretchKind::*;
        let want = [
            ("2026-01-16 15:00", "2026-01-16 16:00", InService),
            ("2026-01-16 16:00", "2026-01-19 00:00", Outside),
            ("2026-01-19 00:00", "2026-01-20 00:00", Holiday),
            ("2026-01-20 00:00", "2026-01-20 07:30", Outside),
            ("2026-01-20 07:30", "2026-01-20 09:00", InService),
        ];
        let want: Vec<_> = want.iter().map(|&(f, t, k)| (at(f), at(t), k)).collect();
        let got: Vec<_> = st.iter().map(|s| (s.from, s.to, s.kind)).collect();
        assert_eq!(got, want);
        let t = at("2026-01-20 09:00");
        assert!(c.stretches(&Helsinki, t, t).is_empty());
        // 24x7 merges the days into one stretch
        let st =
            Calendar::always().stretches(&Helsinki, utc(2026, 1, 1, 5, 0), utc(2026, 1, 9, 5, 0));
        assert_eq!(st.len(), 1);
        assert_eq!(st[0].kind, StretchKind::InService);
    }

    #[test]
    fn add_service_edge_cases() {
        let c = cal("mon-fri 07:30-16:00");
        let sat = hel(2026, 1, 17, 12, 0);
        // zero (and negative) → from itself, even outside service hours
        assert_eq!(add(&c, sat, 0), Some(sat));
        assert_eq!(add(&c, sat, -5), Some(sat));
        // one second → the first second of Monday's service
        assert_eq!(
            add(&c, sat, 1),
            Some(hel(2026, 1, 19, 7, 30) + TimeDelta::seconds(1))
        );
        // beyond ~50 years → None
        assert_eq!(add(&c, sat, i64::MAX), None);
        assert_eq!(add(&c, sat, 60 * 365 * 86_400), None);
    }

    #[test]
    fn add_service_and_service_seconds_agree() {
        let cals = [
            Calendar::parse("mon-fri 07:30-16:00", "2026-03-30,2026-10-26").unwrap(),
            cal("mon-thu 08:00-16:00; fri 08:00-14:00"),
            cal("sun 02:00-05:00; mon-fri 08:00-12:00, 13:00-17:00"),
            Calendar::parse("24x7", "2026-10-25").unwrap(),
        ];
        let amounts = [1, 59, 30 * M, 4 * H, 8 * H + 30 * M, 24 * H, 80 * H];
        for c in &cals {
            // every 7h13m across both DST weeks
            for start in [utc(2026, 3, 25, 0, 0), utc(2026, 10, 21, 0, 0)] {
                for k in 0..30 {
                    let from = start + TimeDelta::minutes(433 * k);
                    for &secs in &amounts {
                        let t = add(c, from, secs).unwrap();
                        assert_eq!(served(c, from, t), secs, "{c} {from} {secs}");
                        let before = t - TimeDelta::seconds(1);
                        assert!(served(c, from, before) < secs, "{c} {from} {secs}");
                        // stretches tile [from, t) and their in-service part is the total
                        let st = c.stretches(&Helsinki, from, t);
                        let mut cursor = from;
                        let mut total = 0;
                        for s in &st {
                            assert_eq!(s.from, cursor);
                            assert!(s.to > s.from);
                            if s.kind == StretchKind::InService {
                                total += (s.to - s.from).num_seconds();
                            }
                            cursor = s.to;
                        }
                        assert_eq!(cursor, t);
                        assert_eq!(total, secs);
                    }
                }
            }
        }
    }

    #[test]
    fn fast_enough() {
        let c = Calendar::parse("mon-fri 07:30-16:00", "2026-12-24,2026-12-25").unwrap();
        let started = std::time::Instant::now();
        // three years
        let secs = served(&c, hel(2025, 1, 1, 0, 0), hel(2028, 1, 1, 0, 0));
        assert!(secs > 700 * 8 * H);
        let due = add(&c, hel(2026, 1, 16, 15, 0), 80 * H);
        assert!(due.is_some());
        // generous for an unoptimised build on a busy machine; typically ~1 ms
        assert!(started.elapsed() < std::time::Duration::from_millis(500));
    }

    #[test]
    fn extreme_instants_do_not_panic() {
        let cals = [
            cal("mon-fri 07:30-16:00"),
            Calendar::parse("24x7", "2026-01-01").unwrap(),
        ];
        let ends = [
            DateTime::<Utc>::MIN_UTC,
            DateTime::<Utc>::MAX_UTC,
            utc(2026, 1, 1, 0, 0),
        ];
        for c in &cals {
            for &a in &ends {
                for &b in &ends {
                    let _ = c.service_seconds(&Helsinki, a, b);
                    let _ = c.service_seconds(&Utc, a, b);
                    let _ = c.add_service(&Helsinki, a, 3600);
                    let _ = c.add_service(&Utc, b, 3 * 365 * 86_400);
                    if (b - a).num_days().abs() < 400 {
                        let _ = c.stretches(&Helsinki, a, b);
                    }
                }
            }
        }
    }
}
