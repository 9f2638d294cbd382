//! The settings of `desk config`: which keys exist, their defaults, how a value is
//! validated, and the calendars and SLA targets they make.

use super::calendar::Calendar;
use super::duration::Span;
use super::sla::Targets;
use super::ticket::Priority;

/// Every key with its default, in the order `config list` shows them.
pub fn defaults() -> Vec<(String, String)> {
    let mut v = vec![
        ("hours".to_string(), "mon-fri 07:30-16:00".to_string()),
        ("holidays".to_string(), String::new()),
    ];
    for (p, resp, res) in [
        ("P1", "30m", "4h"),
        ("P2", "1h", "8h"),
        ("P3", "4h", "24h"),
        ("P4", "8h", "80h"),
    ] {
        v.push((format!("sla.{p}.response"), resp.to_string()));
        v.push((format!("sla.{p}.resolve"), res.to_string()));
        v.push((format!("sla.{p}.hours"), String::new()));
    }
    v.push(("verify_window".to_string(), "24h".to_string()));
    v.push(("fcr_window".to_string(), "30m".to_string()));
    // The desk's zone: stored in every desk (see `zone`); empty only in a desk from
    // before the setting, which is read in the process's zone.
    v.push(("timezone".to_string(), String::new()));
    // Telling people (SPEC "Telling people"): mail out, hooks, attachments.
    v.push(("mail.from".to_string(), String::new()));
    v.push(("mail.transport".to_string(), "sendmail".to_string()));
    v.push((
        "mail.sendmail".to_string(),
        crate::notify::transport::DEFAULT_SENDMAIL.to_string(),
    ));
    v.push(("notify".to_string(), "new,reply,wait,resolve".to_string()));
    for n in crate::notify::template::NOTICES {
        v.push((
            format!("template.{n}"),
            crate::notify::template::default_template(n).to_string(),
        ));
    }
    v.push(("hooks.command".to_string(), String::new()));
    v.push(("attachments.max_size".to_string(), "25MiB".to_string()));
    v
}

/// A size in bytes: `25MiB`, `10MB`, `512KiB`, `1GiB`, or a plain number of bytes.
pub fn parse_size(value: &str) -> Result<u64, String> {
    let v = value.trim();
    let split = v
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(v.len());
    let (number, unit) = v.split_at(split);
    let scale: u64 = match unit.trim().to_ascii_lowercase().as_str() {
        "" | "b" => 1,
        "k" | "kb" => 1000,
        "kib" => 1 << 10,
        "m" | "mb" => 1_000_000,
        "mib" => 1 << 20,
        "g" | "gb" => 1_000_000_000,
        "gib" => 1 << 30,
        _ => return Err(format!("{v:?} is not a size (e.g. 25MiB, 10MB, 512KiB)")),
    };
    let n: f64 = number
        .parse()
        .map_err(|_| format!("{v:?} is not a size (e.g. 25MiB, 10MB, 512KiB)"))?;
    let bytes = n * scale as f64;
    if !bytes.is_finite() || !(0.0..=1e15).contains(&bytes) {
        return Err(format!("{v:?} is out of range"));
    }
    Ok(bytes.round() as u64)
}

/// Whether changing this key can change any ticket's SLA.
pub fn affects_sla(key: &str) -> bool {
    key == "hours" || key == "holidays" || key == "timezone" || key.starts_with("sla.")
}

/// Checks a value for a key and returns its canonical form, or a one-line reason.
pub fn validate(key: &str, value: &str) -> Result<String, String> {
    let v = value.trim();
    if !defaults().iter().any(|(k, _)| k == key) {
        return Err(format!("unknown setting {key:?}"));
    }
    match key {
        "mail.from" => {
            if v.is_empty() {
                return Ok(String::new());
            }
            crate::notify::message::mailbox(v).map(|_| v.to_string())
        }
        "mail.transport" => crate::notify::transport::check_transport(v),
        "mail.sendmail" => crate::notify::transport::check_sendmail(v),
        "notify" => crate::notify::template::check_notify(v),
        "hooks.command" => Ok(v.to_string()),
        "timezone" => super::zone::validate(v),
        "attachments.max_size" => parse_size(v).map(|_| v.to_string()),
        // A template keeps its text as written: its line breaks and spacing are the mail's.
        k if k.starts_with("template.") => {
            crate::notify::template::check(value)?;
            if value.trim().is_empty() {
                return Err(format!(
                    "{key} is empty; `desk config unset {key}` restores the built-in text"
                ));
            }
            Ok(value.to_string())
        }
        "hours" => Calendar::parse(v, "").map(|c| c.to_string()),
        "holidays" => {
            Calendar::parse("24x7", v)?;
            let mut days: Vec<&str> = v
                .split(',')
                .map(str::trim)
                .filter(|d| !d.is_empty())
                .collect();
            days.sort_unstable();
            days.dedup();
            Ok(days.join(","))
        }
        k if k.ends_with(".hours") => {
            if v.is_empty() {
                Ok(String::new())
            } else {
                Calendar::parse(v, "").map(|c| c.to_string())
            }
        }
        _ => {
            let span = Span::parse(v)?;
            if span.seconds == 0 && span.days == 0.0 {
                return Err(format!("{key} must be longer than zero"));
            }
            Ok(v.to_string())
        }
    }
}

/// The settings in force: defaults overlaid with what `config set` stored.
#[derive(Debug, Clone)]
pub struct Settings {
    values: Vec<(String, String)>,
    calendars: [Calendar; 4],
    /// Per priority, worked out once (a list asks for them on every row).
    targets: [Targets; 4],
}

impl Settings {
    /// Builds from stored overrides. A stored value that no longer parses (written by
    /// hand, say) falls back to the default rather than making every command fail.
    pub fn new(overrides: &[(String, String)]) -> Settings {
        let mut values = defaults();
        for (k, v) in overrides {
            if let Some(slot) = values.iter_mut().find(|(key, _)| key == k)
                && let Ok(canon) = validate(k, v)
            {
                slot.1 = canon;
            }
        }
        let get = |k: &str| {
            values
                .iter()
                .find(|(key, _)| key == k)
                .map(|(_, v)| v.clone())
                .unwrap_or_default()
        };
        let hours = get("hours");
        let holidays = get("holidays");
        let cal = |p: &str| {
            let own = get(&format!("sla.{p}.hours"));
            let h = if own.is_empty() { &hours } else { &own };
            Calendar::parse(h, &holidays)
                .or_else(|_| Calendar::parse("mon-fri 07:30-16:00", &holidays))
                .unwrap_or_else(|_| Calendar::always())
        };
        let calendars = [cal("P1"), cal("P2"), cal("P3"), cal("P4")];
        let mut settings = Settings {
            values,
            calendars,
            targets: [Targets {
                response: 0,
                resolve: 0,
            }; 4],
        };
        for &p in Priority::ALL {
            settings.targets[p as usize] = settings.compute_targets(p);
        }
        settings
    }

    pub fn get(&self, key: &str) -> Option<&str> {
        self.values
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }

    pub fn calendar(&self, p: Priority) -> &Calendar {
        &self.calendars[p as usize]
    }

    fn span(&self, key: &str, fallback: &str) -> Span {
        self.get(key)
            .and_then(|v| Span::parse(v).ok())
            .or_else(|| Span::parse(fallback).ok())
            .unwrap_or(Span {
                seconds: 0,
                days: 0.0,
            })
    }

    /// The priority's targets in service seconds of its own calendar.
    pub fn targets(&self, p: Priority) -> Targets {
        self.targets[p as usize]
    }

    fn compute_targets(&self, p: Priority) -> Targets {
        let cal = self.calendar(p);
        Targets {
            response: self
                .span(&format!("sla.{p}.response"), "4h")
                .service_seconds(cal),
            resolve: self
                .span(&format!("sla.{p}.resolve"), "24h")
                .service_seconds(cal),
        }
    }

    /// The desk's zone (`timezone`), when it has one.
    pub fn zone(&self) -> Option<super::zone::Zone> {
        self.get("timezone").and_then(super::zone::parse)
    }

    /// Resolved tickets close after this many wall-clock seconds.
    pub fn verify_window(&self) -> i64 {
        self.span("verify_window", "24h").wall_seconds()
    }

    /// The largest attachment kept, in bytes.
    pub fn max_attachment(&self) -> u64 {
        self.get("attachments.max_size")
            .and_then(|v| parse_size(v).ok())
            .unwrap_or(25 << 20)
    }

    /// Resolved within this many wall-clock seconds of creation counts as first contact.
    pub fn fcr_window(&self) -> i64 {
        self.span("fcr_window", "30m").wall_seconds()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn validates_and_canonicalises() {
        assert!(validate("hours", "mon-fri 16:00-07:30").is_err());
        assert!(validate("nope", "1").is_err());
        assert!(validate("sla.P1.response", "soon").is_err());
        assert!(validate("sla.P1.response", "0m").is_err());
        assert!(validate("holidays", "2026-02-30").is_err());
        assert_eq!(
            validate("holidays", "2026-12-25, 2026-12-24,2026-12-25").unwrap(),
            "2026-12-24,2026-12-25"
        );
        assert_eq!(validate("sla.P1.hours", "").unwrap(), "");
        assert_eq!(
            validate("timezone", " :Europe/Tallinn ").unwrap(),
            "Europe/Tallinn"
        );
        assert!(validate("timezone", "Europe/Atlantis").is_err());
        assert!(affects_sla("timezone"));
    }

    #[test]
    fn the_zone_is_the_stored_one() {
        use chrono_tz::Tz;
        assert_eq!(Settings::new(&[]).zone(), None);
        let s = Settings::new(&[("timezone".into(), "America/New_York".into())]);
        assert_eq!(s.zone(), Some(Tz::America__New_York));
        // A value written by hand that names no zone: as if unset.
        let s = Settings::new(&[("timezone".into(), "Mars/Base".into())]);
        assert_eq!(s.zone(), None);
    }

    #[test]
    fn mail_settings_are_checked() {
        assert!(validate("template.new", "Hei {nimi}").is_err());
        assert_eq!(
            validate("template.resolve", "Valmis: {solution}\n").unwrap(),
            "Valmis: {solution}\n"
        );
        assert!(validate("mail.transport", "smtp//x").is_err());
        assert!(validate("mail.from", "not an address").is_err());
        assert_eq!(
            validate("mail.from", "Service Desk <desk@example.fi>").unwrap(),
            "Service Desk <desk@example.fi>"
        );
        assert!(validate("notify", "new,shout").is_err());
        assert_eq!(parse_size("25MiB").unwrap(), 25 << 20);
        assert_eq!(parse_size("1.5kb").unwrap(), 1500);
        assert_eq!(parse_size("100").unwrap(), 100);
        assert!(parse_size("lots").is_err());
        assert_eq!(Settings::new(&[]).max_attachment(), 25 << 20);
    }

    #[test]
    fn targets_use_the_priority_calendar() {
        let s = Settings::new(&[]);
        assert_eq!(s.targets(Priority::P3).response, 4 * 3600);
        assert_eq!(s.targets(Priority::P4).resolve, 80 * 3600);
        let s = Settings::new(&[("sla.P2.resolve".into(), "2d".into())]);
        // One service day of mon-fri 07:30-16:00 is 8h30m.
        assert_eq!(s.targets(Priority::P2).resolve, 2 * 8 * 3600 + 3600);
        assert_eq!(s.verify_window(), 24 * 3600);
        assert_eq!(s.fcr_window(), 30 * 60);
    }
}
