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

/// Whether a key travels with the desk in `desk export`: everything but what names one
/// machine's commands and servers (`hooks.command`, `mail.sendmail`, `mail.transport`,
/// which may hold a password), so importing a file never installs a command to run.
pub fn travels(key: &str) -> bool {
    !matches!(key, "hooks.command" | "mail.sendmail" | "mail.transport")
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

/// The settings in force: defaults overlaid with what `config set` stored, and the
/// terms of the organisations that have their own (`config set --org`).
#[derive(Debug, Clone)]
pub struct Settings {
    values: Vec<(String, String)>,
    /// The desk's own terms (index 0).
    desk: Terms,
    /// The organisations with terms of their own, by [`org_key`] (sorted).
    orgs: Vec<(String, Terms)>,
}

/// Whose value a term is: the desk's or the ticket's organisation's.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Whose {
    Desk,
    /// The organisation, as it is registered.
    Org(String),
}

/// The terms one ticket is held to: per priority its calendar and targets, and whose
/// setting each came from (for `desk sla`).
#[derive(Debug, Clone)]
pub struct Terms {
    /// 0 for the desk's, then one per organisation with terms (for per-terms caches).
    pub index: usize,
    calendars: [Calendar; 4],
    /// Per priority, worked out once (a list asks for them on every row).
    targets: [Targets; 4],
    /// Per priority: the keys the calendar, holidays and targets came from, and whose.
    sources: [Vec<(Whose, String)>; 4],
}

impl Terms {
    pub fn calendar(&self, p: Priority) -> &Calendar {
        &self.calendars[p as usize]
    }

    /// The priority's targets in service seconds of its own calendar.
    pub fn targets(&self, p: Priority) -> Targets {
        self.targets[p as usize]
    }

    /// Whose settings made the terms of priority `p`: each party once (the ticket's
    /// organisation first, then the desk), with the keys taken from it.
    pub fn sources(&self, p: Priority) -> Vec<(Whose, Vec<String>)> {
        let mut out: Vec<(Whose, Vec<String>)> = Vec::new();
        for (whose, key) in &self.sources[p as usize] {
            match out.iter_mut().find(|(w, _)| w == whose) {
                Some((_, keys)) => keys.push(key.clone()),
                None => out.push((whose.clone(), vec![key.clone()])),
            }
        }
        out.sort_by_key(|(w, _)| *w == Whose::Desk);
        out
    }

    /// `Kaupunki Oy (hours, sla.P2.resolve), desk (holidays, sla.P2.response)`.
    pub fn describe(&self, p: Priority) -> String {
        self.sources(p)
            .into_iter()
            .map(|(w, keys)| {
                let who = match w {
                    Whose::Desk => "desk".to_string(),
                    Whose::Org(name) => name,
                };
                format!("{who} ({})", keys.join(", "))
            })
            .collect::<Vec<_>>()
            .join(", ")
    }
}

/// The organisations' own settings: each organisation's name with its values.
pub type OrgValues = Vec<(String, Vec<(String, String)>)>;

/// How an organisation's name is matched (the tickets' `org`, `--org`): letter case
/// aside, in any alphabet, as `list --org` matches it.
pub fn org_key(name: &str) -> String {
    name.trim().chars().flat_map(char::to_lowercase).collect()
}

/// The keys an organisation may set for itself (`config set --org`), in `config
/// list`'s order.
pub fn org_keys() -> Vec<String> {
    defaults()
        .into_iter()
        .map(|(k, _)| k)
        // The zone is the desk's: every admin counts in one.
        .filter(|k| affects_sla(k) && k != "timezone")
        .collect()
}

/// Puts an organisation's settings in [`org_keys`]' order (any other key last).
pub fn sort_org_settings(vals: &mut [(String, String)]) {
    let order = org_keys();
    vals.sort_by_key(|(k, _)| order.iter().position(|o| o == k).unwrap_or(usize::MAX));
}

/// Checks a value of an organisation's key and returns its canonical form. An empty
/// `holidays` is a value (no holidays at all, replacing the desk's list); an empty
/// priority calendar is not (unset it to follow the organisation's `hours`).
pub fn validate_org(key: &str, value: &str) -> Result<String, String> {
    if !org_keys().iter().any(|k| k == key) {
        return Err(format!(
            "{key:?} is not an organisation's setting (hours, holidays, sla.Pn.response, sla.Pn.resolve, sla.Pn.hours)"
        ));
    }
    let canon = validate(key, value)?;
    if canon.is_empty() && key != "holidays" {
        return Err(format!(
            "{key} is empty; `desk config unset --org NAME {key}` follows the desk's again"
        ));
    }
    Ok(canon)
}

/// The terms from the desk's values and an organisation's (`org`: its name and its
/// checked values; none for the desk's own). A ticket's calendar is the first of: the
/// organisation's `sla.Pn.hours`, its `hours`, the desk's `sla.Pn.hours`, the desk's
/// `hours`; its holidays the organisation's list where set, else the desk's; each
/// target the organisation's where set, else the desk's.
fn make_terms(
    desk: &[(String, String)],
    org: Option<(&str, &[(String, String)])>,
    index: usize,
) -> Terms {
    let find = |values: &[(String, String)], k: &str| {
        values
            .iter()
            .find(|(key, _)| key == k)
            .map(|(_, v)| v.clone())
    };
    let desk_get = |k: &str| find(desk, k).unwrap_or_default();
    // The organisation's value of a key, if it set one, and whose it is.
    let org_get = |k: &str| -> Option<(Whose, String)> {
        let (name, values) = org?;
        find(values, k).map(|v| (Whose::Org(name.to_string()), v))
    };
    let mut calendars = Vec::with_capacity(4);
    let mut targets = Vec::with_capacity(4);
    let mut sources: Vec<Vec<(Whose, String)>> = Vec::with_capacity(4);
    for &p in Priority::ALL {
        let own = format!("sla.{p}.hours");
        let (hours_from, hours) = org_get(&own)
            .map(|(w, v)| ((w, own.clone()), v))
            .or_else(|| org_get("hours").map(|(w, v)| ((w, "hours".to_string()), v)))
            .unwrap_or_else(|| {
                let v = desk_get(&own);
                if v.is_empty() {
                    ((Whose::Desk, "hours".to_string()), desk_get("hours"))
                } else {
                    ((Whose::Desk, own.clone()), v)
                }
            });
        let (holidays_from, holidays) = org_get("holidays")
            .map(|(w, v)| ((w, "holidays".to_string()), v))
            .unwrap_or_else(|| ((Whose::Desk, "holidays".to_string()), desk_get("holidays")));
        let cal = Calendar::parse(&hours, &holidays)
            .or_else(|_| Calendar::parse("mon-fri 07:30-16:00", &holidays))
            .unwrap_or_else(|_| Calendar::always());
        let mut from = vec![hours_from, holidays_from];
        let mut target = |clock: &str, fallback: &str| {
            let key = format!("sla.{p}.{clock}");
            let (w, v) = org_get(&key).unwrap_or_else(|| (Whose::Desk, desk_get(&key)));
            from.push((w, key));
            Span::parse(&v)
                .or_else(|_| Span::parse(fallback))
                .map(|s| s.service_seconds(&cal))
                .unwrap_or(0)
        };
        let t = Targets {
            response: target("response", "4h"),
            resolve: target("resolve", "24h"),
        };
        calendars.push(cal);
        targets.push(t);
        sources.push(from);
    }
    let mut cals = calendars.into_iter();
    let mut next_cal = || cals.next().unwrap_or_else(Calendar::always);
    let mut src = sources.into_iter();
    let mut next_src = || src.next().unwrap_or_default();
    Terms {
        index,
        calendars: [next_cal(), next_cal(), next_cal(), next_cal()],
        targets: [targets[0], targets[1], targets[2], targets[3]],
        sources: [next_src(), next_src(), next_src(), next_src()],
    }
}

impl Settings {
    /// Builds from stored overrides. A stored value that no longer parses (written by
    /// hand, say) falls back to the default rather than making every command fail.
    pub fn new(overrides: &[(String, String)]) -> Settings {
        Settings::with_orgs(overrides, &[])
    }

    /// [`Settings::new`] with the organisations' own terms: each its name and its
    /// stored values (an invalid one is left out, as the desk's fall back).
    pub fn with_orgs(
        overrides: &[(String, String)],
        orgs: &[(String, Vec<(String, String)>)],
    ) -> Settings {
        let mut values = defaults();
        for (k, v) in overrides {
            if let Some(slot) = values.iter_mut().find(|(key, _)| key == k)
                && let Ok(canon) = validate(k, v)
            {
                slot.1 = canon;
            }
        }
        let desk = make_terms(&values, None, 0);
        let mut with_terms: Vec<(&String, Vec<(String, String)>)> = orgs
            .iter()
            .map(|(name, vals)| {
                let ok = vals
                    .iter()
                    .filter_map(|(k, v)| validate_org(k, v).ok().map(|c| (k.clone(), c)))
                    .collect::<Vec<_>>();
                (name, ok)
            })
            .filter(|(_, vals)| !vals.is_empty())
            .collect();
        with_terms.sort_by_key(|(name, _)| org_key(name));
        let orgs = with_terms
            .into_iter()
            .enumerate()
            .map(|(i, (name, vals))| {
                let terms = make_terms(&values, Some((name.trim(), &vals)), i + 1);
                (org_key(name), terms)
            })
            .collect();
        Settings { values, desk, orgs }
    }

    /// The terms a ticket of organisation `org` is held to: its organisation's where
    /// it has terms of its own, else the desk's.
    pub fn terms(&self, org: Option<&str>) -> &Terms {
        let Some(org) = org else { return &self.desk };
        if self.orgs.is_empty() {
            return &self.desk;
        }
        let key = org_key(org);
        match self.orgs.binary_search_by(|(k, _)| k.as_str().cmp(&key)) {
            Ok(i) => &self.orgs[i].1,
            Err(_) => &self.desk,
        }
    }

    /// Every set of terms in force: the desk's, then each organisation's.
    pub fn all_terms(&self) -> impl Iterator<Item = &Terms> {
        std::iter::once(&self.desk).chain(self.orgs.iter().map(|(_, t)| t))
    }

    pub fn get(&self, key: &str) -> Option<&str> {
        self.values
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }

    /// The desk's own calendar of priority `p`.
    pub fn calendar(&self, p: Priority) -> &Calendar {
        self.desk.calendar(p)
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

    /// The desk's own targets of priority `p`, in service seconds of its calendar.
    pub fn targets(&self, p: Priority) -> Targets {
        self.desk.targets(p)
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

    fn kv(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn a_ticket_calendar_is_the_first_of_the_four_sources() {
        let desk = kv(&[("hours", "mon-fri 08:00-16:00"), ("sla.P1.hours", "24x7")]);
        let orgs = vec![
            // Its own hours beat the desk's P1 calendar; its own P2 calendar beats them.
            (
                "Kaupunki Oy".to_string(),
                kv(&[("hours", "mon-sat 06:00-18:00"), ("sla.P2.hours", "24x7")]),
            ),
            ("Haigla".to_string(), kv(&[("sla.P2.resolve", "2h")])),
        ];
        let s = Settings::with_orgs(&desk, &orgs);
        let k = s.terms(Some("KAUPUNKI OY"));
        assert_eq!(k.calendar(Priority::P1).to_string(), "mon-sat 06:00-18:00");
        assert_eq!(k.calendar(Priority::P2).to_string(), "24x7");
        assert_eq!(k.calendar(Priority::P3).to_string(), "mon-sat 06:00-18:00");
        // Without hours of its own: the desk's P1 calendar, then the desk's hours.
        let h = s.terms(Some("Haigla"));
        assert_eq!(h.calendar(Priority::P1).to_string(), "24x7");
        assert_eq!(h.calendar(Priority::P3).to_string(), "mon-fri 08:00-16:00");
        // Targets: its own where set, else the desk's.
        assert_eq!(h.targets(Priority::P2).resolve, 2 * 3600);
        assert_eq!(h.targets(Priority::P2).response, 3600);
        // A free name and no org: the desk's.
        assert_eq!(s.terms(Some("Elsewhere")).index, 0);
        assert_eq!(
            s.terms(None).calendar(Priority::P3).to_string(),
            "mon-fri 08:00-16:00"
        );
        assert_eq!(
            k.describe(Priority::P2),
            "Kaupunki Oy (sla.P2.hours), desk (holidays, sla.P2.response, sla.P2.resolve)"
        );
        assert_eq!(
            h.describe(Priority::P2),
            "Haigla (sla.P2.resolve), desk (hours, holidays, sla.P2.response)"
        );
    }

    #[test]
    fn an_organisation_holiday_list_replaces_the_desk_one() {
        let desk = kv(&[("holidays", "2026-01-06")]);
        let orgs = vec![
            ("Own".to_string(), kv(&[("holidays", "2026-01-07")])),
            ("None at all".to_string(), kv(&[("holidays", "")])),
        ];
        let s = Settings::with_orgs(&desk, &orgs);
        let days = |org: &str| {
            s.terms(Some(org))
                .calendar(Priority::P3)
                .holidays()
                .iter()
                .map(|d| d.to_string())
                .collect::<Vec<_>>()
        };
        assert_eq!(days("Own"), ["2026-01-07"]);
        assert!(days("None at all").is_empty());
        assert_eq!(days("Free name"), ["2026-01-06"]);
    }

    #[test]
    fn a_day_target_is_a_service_day_of_the_ticket_calendar() {
        let orgs = vec![(
            "Round the clock".to_string(),
            kv(&[("hours", "24x7"), ("sla.P3.resolve", "1d")]),
        )];
        let s = Settings::with_orgs(&kv(&[("sla.P3.resolve", "1d")]), &orgs);
        assert_eq!(
            s.terms(Some("round the clock"))
                .targets(Priority::P3)
                .resolve,
            86_400
        );
        assert_eq!(s.targets(Priority::P3).resolve, 8 * 3600 + 1800);
    }

    #[test]
    fn organisation_keys_are_checked() {
        assert!(validate_org("verify_window", "1h").is_err());
        assert!(validate_org("hours", "mon-fri 16:00-08:00").is_err());
        assert!(validate_org("sla.P1.resolve", "soon").is_err());
        assert!(validate_org("sla.P1.hours", "").is_err());
        assert_eq!(validate_org("holidays", "").unwrap(), "");
        assert_eq!(validate_org("hours", "24x7").unwrap(), "24x7");
    }
}
