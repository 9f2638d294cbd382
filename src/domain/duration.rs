//! Durations as users type them, and the compact form they are shown in.
//!
//! [`Span::parse`] reads `45m`, `4h`, `1h30m`, `1.5h`, `3d`, `90s`, `2d4h` (case and
//! whitespace don't matter, `1h 30m` is fine; units go from days down to seconds, each
//! at most once). Days are kept apart from the rest because in SLA targets a day is one
//! *service* day of the calendar (e.g. 8 h 30 min for 07:30–16:00), while elsewhere
//! (the verification window, `--due-within`) it is 24 hours. [`format_minutes`] renders
//! seconds as `0m`, `45m`, `1h20m`, `3h`, `2d4h` for "in 1h20m" and "3h overdue".
//! Pure logic: no I/O, no clock reads.

use super::calendar::Calendar;

/// The longest duration accepted: 100 years of wall-clock time.
const MAX_SECONDS: f64 = 100.0 * 365.25 * 86_400.0;

/// A parsed duration: `days` (the `d` part, possibly fractional) kept apart from
/// `seconds` (the `h`, `m` and `s` parts).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Span {
    pub seconds: i64,
    pub days: f64,
}

impl Span {
    /// Parses a duration such as `45m`, `4h`, `1h30m`, `1.5h`, `3d`, `90s`, `2d4h`.
    /// Units: `d`, `h`, `m`, `s` (also `day(s)`, `hr(s)`, `hour(s)`, `min(s)`,
    /// `minute(s)`, `sec(s)`, `second(s)`). Zero (`0m`) is accepted; negative,
    /// empty, unit-less and absurdly long (over 100 years) input is not.
    pub fn parse(s: &str) -> Result<Span, String> {
        let bad = || format!("invalid duration \"{s}\": use e.g. 45m, 4h, 1h30m, 1.5h, 3d");
        let text: String = s
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect::<String>()
            .to_ascii_lowercase();
        if text.is_empty() {
            return Err(bad());
        }
        if text.starts_with('-') {
            return Err(format!(
                "invalid duration \"{s}\": it can't be negative; use e.g. 45m, 4h, 1h30m"
            ));
        }
        let bytes = text.as_bytes();
        let mut i = 0;
        let mut last_rank: Option<usize> = None;
        let mut days = 0.0_f64;
        let mut secs = 0.0_f64;
        while i < bytes.len() {
            let start = i;
            while i < bytes.len() && (bytes[i].is_ascii_digit() || bytes[i] == b'.') {
                i += 1;
            }
            let number = &text[start..i];
            if !number.bytes().any(|c| c.is_ascii_digit()) {
                return Err(bad());
            }
            let value: f64 = number.parse().map_err(|_| bad())?;
            let unit_start = i;
            while i < bytes.len() && bytes[i].is_ascii_alphabetic() {
                i += 1;
            }
            let (rank, factor) = match &text[unit_start..i] {
                "d" | "day" | "days" => (0, 0.0),
                "h" | "hr" | "hrs" | "hour" | "hours" => (1, 3600.0),
                "m" | "min" | "mins" | "minute" | "minutes" => (2, 60.0),
                "s" | "sec" | "secs" | "second" | "seconds" => (3, 1.0),
                "" => {
                    return Err(format!(
                        "invalid duration \"{s}\": a number needs a unit (d, h, m or s), e.g. 45m"
                    ));
                }
                _ => return Err(bad()),
            };
            if last_rank.is_some_and(|last| rank <= last) {
                return Err(format!(
                    "invalid duration \"{s}\": give each unit once, largest first, e.g. 1d2h30m"
                ));
            }
            last_rank = Some(rank);
            if rank == 0 {
                days = value;
            } else {
                secs += value * factor;
            }
        }
        let total = days * 86_400.0 + secs;
        if !total.is_finite() || total > MAX_SECONDS {
            return Err(format!(
                "invalid duration \"{s}\": too long (at most 100 years)"
            ));
        }
        Ok(Span {
            seconds: secs.round() as i64,
            days,
        })
    }

    /// Wall-clock seconds: a day is 24 hours.
    pub fn wall_seconds(&self) -> i64 {
        self.seconds
            .saturating_add((self.days * 86_400.0).round() as i64)
    }

    /// Service seconds: a day is one service day of `cal` ([`Calendar::day_seconds`]).
    pub fn service_seconds(&self, cal: &Calendar) -> i64 {
        self.seconds
            .saturating_add((self.days * cal.day_seconds() as f64).round() as i64)
    }
}

/// Compact human form of a number of seconds, whole minutes (rounded toward zero),
/// days of 24 hours: `0m`, `45m`, `1h20m`, `3h`, `2d4h`, `1d0h5m` is written `1d5m`.
/// Negative input gets a leading `-`.
pub fn format_minutes(secs: i64) -> String {
    let minutes = secs.unsigned_abs() / 60;
    let (d, h, m) = (minutes / 1440, minutes % 1440 / 60, minutes % 60);
    let mut out = String::new();
    if secs < 0 && minutes > 0 {
        out.push('-');
    }
    if d > 0 {
        out.push_str(&format!("{d}d"));
    }
    if h > 0 {
        out.push_str(&format!("{h}h"));
    }
    if m > 0 || (d == 0 && h == 0) {
        out.push_str(&format!("{m}m"));
    }
    out
}
