//! Reading and writing moments as users and the spec write them: `DESK_NOW`, `--at WHEN`,
//! dates for filters and reports, and RFC 3339 UTC for JSON. Local time is whatever
//! zone the caller passes (the desk's `timezone` in practice).

use super::duration::Span;
use chrono::{
    DateTime, Duration, FixedOffset, LocalResult, NaiveDate, NaiveDateTime, NaiveTime, Offset,
    SecondsFormat, TimeZone, Utc,
};
use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

/// The moments desk stores: from 1970 (nothing in a service desk is older) to the end
/// of 8999, so that every deadline counted on from them, and every time written back
/// out, stays a four-digit-year RFC 3339 time that `desk import` reads again.
pub fn storable(t: DateTime<Utc>) -> bool {
    (0..STORABLE_END).contains(&t.timestamp())
}

/// 9000-01-01T00:00:00Z, the first moment [`storable`] refuses.
const STORABLE_END: i64 = 221_845_392_000;

/// What to tell a user whose time [`storable`] refused.
pub const STORABLE_RANGE: &str = "times go from 1970 to 8999";

/// `2026-11-22T09:10:00Z`: how every stored time is shown in JSON.
pub fn rfc3339(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::Secs, true)
}

/// A local wall-clock time as an instant. A time that does not exist (the hour skipped
/// when clocks go forward) moves to the first valid instant after it; an ambiguous one
/// (the repeated hour) takes the earlier.
pub fn local_to_utc<Tz: TimeZone>(tz: &Tz, ndt: NaiveDateTime) -> DateTime<Utc> {
    match tz.from_local_datetime(&ndt) {
        LocalResult::Single(t) => t.with_timezone(&Utc),
        LocalResult::Ambiguous(a, b) => a.min(b).with_timezone(&Utc),
        LocalResult::None => {
            // Walk forward minute by minute through the gap (at most a few hours).
            let mut probe = ndt;
            for _ in 0..(24 * 60) {
                probe += Duration::minutes(1);
                if let Some(t) = tz.from_local_datetime(&probe).earliest() {
                    return t.with_timezone(&Utc);
                }
            }
            Utc.from_utc_datetime(&ndt)
        }
    }
}

/// Local midnight at the start of `date`.
pub fn local_midnight<Tz: TimeZone>(tz: &Tz, date: NaiveDate) -> DateTime<Utc> {
    local_to_utc(tz, date.and_time(NaiveTime::MIN))
}

fn parse_hhmm(s: &str) -> Option<NaiveTime> {
    NaiveTime::parse_from_str(s.trim(), "%H:%M").ok()
}

fn parse_local_datetime(s: &str) -> Option<NaiveDateTime> {
    let s = s.trim();
    [
        "%Y-%m-%d %H:%M",
        "%Y-%m-%dT%H:%M",
        "%Y-%m-%d %H:%M:%S",
        "%Y-%m-%dT%H:%M:%S",
    ]
    .iter()
    .find_map(|f| NaiveDateTime::parse_from_str(s, f).ok())
}

/// RFC 3339, or `YYYY-MM-DD HH:MM` local; not checked against [`storable`].
fn parse_instant<Tz: TimeZone>(s: &str, tz: &Tz) -> Option<DateTime<Utc>> {
    if let Ok(t) = DateTime::parse_from_rfc3339(s) {
        return Some(t.with_timezone(&Utc));
    }
    parse_local_datetime(s).map(|ndt| local_to_utc(tz, ndt))
}

/// `t` if [`storable`], else an error naming `what`.
fn in_range(t: DateTime<Utc>, what: &str) -> Result<DateTime<Utc>, String> {
    if storable(t) {
        Ok(t)
    } else {
        Err(format!("{what} is out of range: {STORABLE_RANGE}"))
    }
}

/// `$DESK_NOW`: RFC 3339, or `YYYY-MM-DD HH:MM` local.
pub fn parse_now<Tz: TimeZone>(s: &str, tz: &Tz) -> Result<DateTime<Utc>, String> {
    let s = s.trim();
    let t = parse_instant(s, tz).ok_or_else(|| {
        format!(
            "invalid DESK_NOW {s:?}: use RFC 3339 (2026-11-22T09:10:00Z) or \"YYYY-MM-DD HH:MM\""
        )
    })?;
    in_range(t, &format!("DESK_NOW {s:?}"))
}

/// `--at WHEN`: `HH:MM` (today), `YYYY-MM-DD HH:MM`, RFC 3339, `yesterday HH:MM`,
/// `N{m,h,d} ago`. Not checked against `now` here; the caller says what is allowed.
pub fn parse_when<Tz: TimeZone>(
    s: &str,
    now: DateTime<Utc>,
    tz: &Tz,
) -> Result<DateTime<Utc>, String> {
    let t = s.trim();
    let bad = || {
        format!(
            "invalid time {t:?}: use HH:MM, \"YYYY-MM-DD HH:MM\", RFC 3339, \"yesterday HH:MM\" or \"2h ago\""
        )
    };
    in_range(
        parse_when_any(t, now, tz).ok_or_else(bad)?,
        &format!("{t:?}"),
    )
}

/// [`parse_when`] before the range check; None when `t` is none of its forms.
fn parse_when_any<Tz: TimeZone>(t: &str, now: DateTime<Utc>, tz: &Tz) -> Option<DateTime<Utc>> {
    if t.is_empty() {
        return None;
    }
    let today = now.with_timezone(tz).date_naive();
    if t.eq_ignore_ascii_case("now") {
        return Some(now);
    }
    if let Some(time) = parse_hhmm(t) {
        return Some(local_to_utc(tz, today.and_time(time)));
    }
    let lower = t.to_lowercase();
    if let Some(rest) = lower.strip_prefix("yesterday") {
        let time = parse_hhmm(rest)?;
        return Some(local_to_utc(tz, today.pred_opt()?.and_time(time)));
    }
    if let Some(rest) = lower.strip_suffix("ago") {
        let span = Span::parse(rest.trim()).ok()?;
        return now.checked_sub_signed(Duration::seconds(span.wall_seconds()));
    }
    parse_instant(t, tz)
}

/// A date for filters and periods: `YYYY-MM-DD` (local midnight), `today`,
/// `yesterday`, or anything `--at` takes.
pub fn parse_date<Tz: TimeZone>(
    s: &str,
    now: DateTime<Utc>,
    tz: &Tz,
) -> Result<DateTime<Utc>, String> {
    let t = s.trim();
    let today = now.with_timezone(tz).date_naive();
    let day = if let Ok(d) = NaiveDate::parse_from_str(t, "%Y-%m-%d") {
        Some(local_midnight(tz, d))
    } else {
        match t.to_lowercase().as_str() {
            "today" => Some(local_midnight(tz, today)),
            "yesterday" => today.pred_opt().map(|d| local_midnight(tz, d)),
            _ => parse_when_any(t, now, tz),
        }
    };
    let day = day.ok_or_else(|| {
        format!("invalid date {t:?}: use YYYY-MM-DD, today, yesterday, or a time like \"2d ago\"")
    })?;
    in_range(day, &format!("{t:?}"))
}

/// The answers a [`MemoZone`] remembers, hashed with foldhash (SipHash cost more than
/// the answers it saved).
type Memo = HashMap<NaiveDateTime, LocalResult<FixedOffset>, foldhash::fast::FixedState>;

/// A time zone that remembers what it answered for local times. The service-hour
/// calendar turns the same local midnights and opening times into instants again and
/// again; each answer costs a search of the zone's rules, which is most of a report's
/// work over thousands of tickets. Answers are the wrapped zone's, as fixed offsets.
#[derive(Debug, Clone)]
pub struct MemoZone<Tz: TimeZone> {
    /// The zone, or a bare offset when chrono rebuilt the zone from one.
    inner: Result<Tz, FixedOffset>,
    local: Rc<RefCell<Memo>>,
}

impl<Tz: TimeZone> MemoZone<Tz> {
    pub fn new(tz: Tz) -> Self {
        MemoZone {
            inner: Ok(tz),
            local: Rc::default(),
        }
    }
}

impl<Tz: TimeZone> TimeZone for MemoZone<Tz> {
    type Offset = FixedOffset;

    fn from_offset(offset: &FixedOffset) -> Self {
        MemoZone {
            inner: Err(*offset),
            local: Rc::default(),
        }
    }

    fn offset_from_local_date(&self, local: &NaiveDate) -> LocalResult<FixedOffset> {
        self.offset_from_local_datetime(&local.and_time(NaiveTime::MIN))
    }

    fn offset_from_local_datetime(&self, local: &NaiveDateTime) -> LocalResult<FixedOffset> {
        let tz = match &self.inner {
            Ok(tz) => tz,
            Err(fixed) => return LocalResult::Single(*fixed),
        };
        if let Some(known) = self.local.borrow().get(local) {
            return *known;
        }
        let answer = tz.offset_from_local_datetime(local).map(|o| o.fix());
        self.local.borrow_mut().insert(*local, answer);
        answer
    }

    fn offset_from_utc_date(&self, utc: &NaiveDate) -> FixedOffset {
        self.offset_from_utc_datetime(&utc.and_time(NaiveTime::MIN))
    }

    fn offset_from_utc_datetime(&self, utc: &NaiveDateTime) -> FixedOffset {
        match &self.inner {
            Ok(tz) => tz.offset_from_utc_datetime(utc).fix(),
            Err(fixed) => *fixed,
        }
    }
}

/// Unix seconds to an instant (stored times are UTC seconds).
pub fn from_unix(secs: i64) -> DateTime<Utc> {
    DateTime::from_timestamp(secs, 0).unwrap_or(DateTime::<Utc>::MIN_UTC)
}

/// Local time for people: `2026-11-22 09:10`.
pub fn local_short<Tz: TimeZone>(t: DateTime<Utc>, tz: &Tz) -> String
where
    Tz::Offset: std::fmt::Display,
{
    t.with_timezone(tz).format("%Y-%m-%d %H:%M").to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono_tz::Europe::Helsinki;

    fn now() -> DateTime<Utc> {
        // Sunday 2026-11-22 12:00 in Helsinki (UTC+2).
        Utc.with_ymd_and_hms(2026, 11, 22, 10, 0, 0).unwrap()
    }

    #[test]
    fn when_forms() {
        let tz = Helsinki;
        let at = |s| parse_when(s, now(), &tz).unwrap();
        assert_eq!(rfc3339(at("09:10")), "2026-11-22T07:10:00Z");
        assert_eq!(rfc3339(at("yesterday 16:00")), "2026-11-21T14:00:00Z");
        assert_eq!(rfc3339(at("2026-11-20 08:00")), "2026-11-20T06:00:00Z");
        assert_eq!(rfc3339(at("2026-11-20T08:00:00Z")), "2026-11-20T08:00:00Z");
        assert_eq!(rfc3339(at("30m ago")), "2026-11-22T09:30:00Z");
        assert_eq!(rfc3339(at("2h ago")), "2026-11-22T08:00:00Z");
        assert_eq!(rfc3339(at("1d ago")), "2026-11-21T10:00:00Z");
        for bad in [
            "",
            "25:00",
            "yesterday",
            "soon",
            "x ago",
            "2026-13-01 10:00",
        ] {
            assert!(parse_when(bad, now(), &tz).is_err(), "{bad}");
        }
    }

    #[test]
    fn now_forms_and_dates() {
        let tz = Helsinki;
        assert_eq!(
            rfc3339(parse_now("2026-11-02 08:30", &tz).unwrap()),
            "2026-11-02T06:30:00Z"
        );
        assert!(parse_now("tomorrow", &tz).is_err());
        assert_eq!(
            rfc3339(parse_date("2026-11-01", now(), &tz).unwrap()),
            "2026-10-31T22:00:00Z"
        );
        assert_eq!(
            rfc3339(parse_date("today", now(), &tz).unwrap()),
            "2026-11-21T22:00:00Z"
        );
    }

    #[test]
    fn memo_zone_answers_as_the_zone_does() {
        let memo = MemoZone::new(Helsinki);
        let day = |d: u32| NaiveDate::from_ymd_opt(2026, 10, d).unwrap();
        for _ in 0..2 {
            for (date, h, m) in [(24, 7, 30), (25, 3, 30), (25, 4, 0), (26, 0, 0)] {
                let ndt = day(date).and_hms_opt(h, m, 0).unwrap();
                assert_eq!(
                    local_to_utc(&memo, ndt),
                    local_to_utc(&Helsinki, ndt),
                    "{ndt}"
                );
            }
        }
        // The repeated hour of 25 Oct and the skipped one of 29 Mar.
        let repeated = day(25).and_hms_opt(3, 30, 0).unwrap();
        assert!(matches!(
            memo.from_local_datetime(&repeated),
            LocalResult::Ambiguous(..)
        ));
        let skipped = NaiveDate::from_ymd_opt(2026, 3, 29)
            .unwrap()
            .and_hms_opt(3, 30, 0)
            .unwrap();
        assert_eq!(
            local_to_utc(&memo, skipped),
            local_to_utc(&Helsinki, skipped)
        );
        let t = now();
        assert_eq!(
            t.with_timezone(&memo).naive_local(),
            t.with_timezone(&Helsinki).naive_local()
        );
    }

    #[test]
    fn skipped_local_time_moves_forward() {
        // Helsinki springs forward 2026-03-29 03:00 -> 04:00.
        let ndt = NaiveDate::from_ymd_opt(2026, 3, 29)
            .unwrap()
            .and_hms_opt(3, 30, 0)
            .unwrap();
        assert_eq!(
            rfc3339(local_to_utc(&Helsinki, ndt)),
            "2026-03-29T01:00:00Z"
        );
    }
}
