//! One field of a record read from the JSON tree, checked and converted to its
//! domain value, or a [`FieldError`] naming the field.

use chrono::{DateTime, NaiveDate, Utc};
use std::borrow::Cow;

use super::*;

pub(super) fn invalid(field: &str, v: &Json) -> FieldError {
    FieldError::new(field, format!("invalid value {}", v.shown()))
}

pub(super) fn expected(field: &str, what: &str, v: &Json) -> FieldError {
    FieldError::new(field, format!("expected {what}, got {}", v.shown()))
}

pub(super) fn text(field: &str, v: &Json) -> Res<String> {
    match v {
        Json::Str(s) => Ok(s.to_string()),
        _ => Err(expected(field, "a string", v)),
    }
}

pub(super) fn opt_text(field: &str, v: &Json) -> Res<Option<String>> {
    match v {
        Json::Null => Ok(None),
        _ => text(field, v).map(Some),
    }
}

/// The largest id a file may carry: 2^53 - 1, the largest integer every JSON reader
/// (JavaScript, jq) keeps exact. SQLite gives random ids once the largest is taken, so
/// a huge one would also scatter every id after it.
pub(super) const MAX_ID: i64 = (1 << 53) - 1;
/// Minutes of work, on an entry or a ticket: a billion (1,900 years) is plenty, and
/// keeps sums far from overflowing.
pub(super) const MAX_MINUTES: i64 = 1_000_000_000;
/// Occurrences, escalations, reopens.
pub(super) const MAX_COUNT: i64 = 1_000_000_000;

pub(super) fn int(field: &str, v: &Json, min: i64, max: i64) -> Res<i64> {
    match v {
        Json::Int(n) if (min..=max).contains(n) => Ok(*n),
        Json::Int(_) => Err(FieldError::new(
            field,
            format!("invalid value {}: use {min} to {max}", v.shown()),
        )),
        _ => Err(expected(field, "an integer", v)),
    }
}

pub(super) fn opt_int(field: &str, v: &Json, min: i64, max: i64) -> Res<Option<i64>> {
    match v {
        Json::Null => Ok(None),
        _ => int(field, v, min, max).map(Some),
    }
}

pub(super) fn enumeration<T>(field: &str, v: &Json, parse: fn(&str) -> Option<T>) -> Res<T> {
    match v {
        Json::Str(s) => parse(s).ok_or_else(|| invalid(field, v)),
        _ => Err(expected(field, "a string", v)),
    }
}

pub(super) fn opt_enumeration<T>(
    field: &str,
    v: &Json,
    parse: fn(&str) -> Option<T>,
) -> Res<Option<T>> {
    match v {
        Json::Null => Ok(None),
        _ => enumeration(field, v, parse).map(Some),
    }
}

/// RFC 3339, kept to the second (stored times are whole seconds).
pub fn parse_rfc3339(s: &str) -> Option<DateTime<Utc>> {
    if let Some(t) = utc_seconds(s) {
        return Some(t);
    }
    let t = DateTime::parse_from_rfc3339(s.trim()).ok()?;
    DateTime::from_timestamp(t.timestamp(), 0)
}

/// `YYYY-MM-DDTHH:MM:SSZ`, the form desk writes (a million tickets carry twenty
/// million of them), without chrono's general parser. None for anything else, which
/// chrono then reads: other offsets, fractions, leap seconds, lower case.
pub(super) fn utc_seconds(s: &str) -> Option<DateTime<Utc>> {
    let b = s.as_bytes();
    if b.len() != 20
        || b[4] != b'-'
        || b[7] != b'-'
        || b[10] != b'T'
        || b[13] != b':'
        || b[16] != b':'
        || b[19] != b'Z'
    {
        return None;
    }
    let num = |from: usize, to: usize| -> Option<u32> {
        b[from..to].iter().try_fold(0u32, |n, &c| {
            c.is_ascii_digit().then(|| n * 10 + u32::from(c - b'0'))
        })
    };
    let (hour, minute, second) = (num(11, 13)?, num(14, 16)?, num(17, 19)?);
    if hour > 23 || minute > 59 || second > 59 {
        return None;
    }
    let date = NaiveDate::from_ymd_opt(num(0, 4)? as i32, num(5, 7)?, num(8, 10)?)?;
    Some(date.and_hms_opt(hour, minute, second)?.and_utc())
}

pub(super) fn time(field: &str, v: &Json) -> Res<DateTime<Utc>> {
    match v {
        Json::Str(s) => match parse_rfc3339(s) {
            Some(t) if crate::domain::time::storable(t) => Ok(t),
            Some(_) => Err(FieldError::new(
                field,
                format!(
                    "time {s:?} is out of range: {}",
                    crate::domain::time::STORABLE_RANGE
                ),
            )),
            None => Err(FieldError::new(
                field,
                format!("invalid time {s:?}: use RFC 3339 (2026-11-22T09:10:00Z)"),
            )),
        },
        _ => Err(expected(field, "an RFC 3339 time", v)),
    }
}

pub(super) fn opt_time(field: &str, v: &Json) -> Res<Option<DateTime<Utc>>> {
    match v {
        Json::Null => Ok(None),
        _ => time(field, v).map(Some),
    }
}

pub(super) fn boolean(field: &str, v: &Json) -> Res<bool> {
    match v {
        Json::Bool(b) => Ok(*b),
        _ => Err(expected(field, "true or false", v)),
    }
}

pub(super) fn tags(field: &str, v: &Json) -> Res<Vec<String>> {
    let items = match v {
        Json::Null => return Ok(Vec::new()),
        Json::Array(a) => a,
        _ => return Err(expected(field, "an array of strings", v)),
    };
    let mut out: Vec<String> = Vec::with_capacity(items.len());
    for item in items {
        let Json::Str(s) = item else {
            return Err(expected(field, "an array of strings", item));
        };
        if s.trim().is_empty() {
            return Err(FieldError::new(field, "a tag is empty"));
        }
        if s.contains(',') {
            return Err(FieldError::new(
                field,
                format!("tag {s:?} contains a comma"),
            ));
        }
        if !out.iter().any(|t| t == s) {
            out.push(s.to_string());
        }
    }
    Ok(out)
}

pub(super) fn object<'v, 'a>(field: &str, v: &'v Json<'a>) -> Res<&'v [(Cow<'a, str>, Json<'a>)]> {
    match v {
        Json::Object(o) => Ok(o),
        _ => Err(expected(field, "an object", v)),
    }
}

pub(super) fn array<'v, 'a>(field: &str, v: &'v Json<'a>) -> Res<&'v [Json<'a>]> {
    match v {
        Json::Null => Ok(&[]),
        Json::Array(a) => Ok(a),
        _ => Err(expected(field, "an array", v)),
    }
}

pub(super) fn unknown(field: &str) -> FieldError {
    FieldError::new(field, "unknown field")
}

pub(super) fn missing(field: &str) -> FieldError {
    FieldError::new(field, "missing (it is required)")
}
