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

/// Compact human form of a number of seconds: whole minutes (rounded toward zero),
/// days of 24 hours, zero parts left out: `0m`, `45m`, `1h20m`, `3h`, `2d4h`, `1d5m`,
/// `2d4h30m`. Negative input gets a leading `-`.
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

#[cfg(test)]
mod tests {
    use super::*;

    fn span(s: &str) -> Span {
        Span::parse(s).unwrap_or_else(|e| panic!("{s}: {e}"))
    }

    #[test]
    fn parses_the_documented_forms() {
        let cases: [(&str, i64, f64); 17] = [
            ("45m", 45 * 60, 0.0),
            ("4h", 4 * 3600, 0.0),
            ("1h30m", 5400, 0.0),
            ("1.5h", 5400, 0.0),
            ("3d", 0, 3.0),
            ("90s", 90, 0.0),
            ("2d4h", 4 * 3600, 2.0),
            ("1h 30m", 5400, 0.0),
            ("  1H30M ", 5400, 0.0),
            ("1 h 30 m", 5400, 0.0),
            ("0.5d", 0, 0.5),
            ("1d2h3m4s", 2 * 3600 + 3 * 60 + 4, 1.0),
            ("30 min", 1800, 0.0),
            ("2 hours", 7200, 0.0),
            ("1day", 0, 1.0),
            ("0m", 0, 0.0),
            (".5h", 1800, 0.0),
        ];
        for (input, seconds, days) in cases {
            assert_eq!(span(input), Span { seconds, days }, "{input}");
        }
    }

    #[test]
    fn rejects_bad_input_with_a_clear_message() {
        for bad in [
            "", "   ", "abc", "45", "1h30", "-5m", "-1h", "5x", "1.2.3h", "h", "m30", "30m1h",
            "1h1h", "1e3h", "nan", "inf", "4h!", "4ч", "１h", "+5m", ".h",
        ] {
            let err = Span::parse(bad).expect_err(bad);
            assert!(
                err.starts_with(&format!("invalid duration \"{bad}\"")),
                "{err}"
            );
            assert!(!err.contains('\n'));
        }
        assert_eq!(
            Span::parse("abc").unwrap_err(),
            "invalid duration \"abc\": use e.g. 45m, 4h, 1h30m, 1.5h, 3d"
        );
        assert!(Span::parse("-5m").unwrap_err().contains("negative"));
        assert!(Span::parse("45").unwrap_err().contains("unit"));
        // overflow: more than 100 years
        assert!(
            Span::parse("99999999999999999999d")
                .unwrap_err()
                .contains("too long")
        );
        assert!(Span::parse("40000d").unwrap_err().contains("too long"));
        assert!(Span::parse("36500d").is_ok());
    }

    #[test]
    fn wall_and_service_seconds() {
        let workday = Calendar::parse("mon-fri 07:30-16:00", "").unwrap();
        let short_friday = Calendar::parse("mon-thu 08:00-16:00; fri 08:00-14:00", "").unwrap();
        // 3d = 3 × 24h on the wall clock
        assert_eq!(span("3d").wall_seconds(), 3 * 86_400);
        // 3d = 3 service days of 8h30 = 25h30
        assert_eq!(span("3d").service_seconds(&workday), 3 * (8 * 3600 + 1800));
        // 2d4h = 2 × 8h + 4h = 20h where a service day is 8h
        assert_eq!(span("2d4h").service_seconds(&short_friday), 20 * 3600);
        // 24x7: a service day is 24h
        assert_eq!(span("1.5d").service_seconds(&Calendar::always()), 36 * 3600);
        // no days: both agree
        assert_eq!(span("1h30m").wall_seconds(), 5400);
        assert_eq!(span("1h30m").service_seconds(&workday), 5400);
        // hand-built nonsense saturates instead of panicking
        let odd = Span {
            seconds: i64::MAX,
            days: f64::INFINITY,
        };
        assert_eq!(odd.wall_seconds(), i64::MAX);
        let nan = Span {
            seconds: 0,
            days: f64::NAN,
        };
        assert_eq!(nan.service_seconds(&workday), 0);
    }

    #[test]
    fn formats_minutes_compactly() {
        let cases = [
            (0, "0m"),
            (59, "0m"),
            (45 * 60, "45m"),
            (80 * 60, "1h20m"),
            (3 * 3600, "3h"),
            (3 * 3600 + 59, "3h"),
            (52 * 3600, "2d4h"),
            (86_400 + 5 * 60, "1d5m"),
            (2 * 86_400 + 4 * 3600 + 30 * 60, "2d4h30m"),
            (86_400, "1d"),
            (-80 * 60, "-1h20m"),
            (-30, "0m"),
        ];
        for (secs, want) in cases {
            assert_eq!(format_minutes(secs), want, "{secs}");
        }
        // extremes don't overflow
        assert!(format_minutes(i64::MIN).starts_with('-'));
        assert!(format_minutes(i64::MAX).ends_with('m'));
    }
}
