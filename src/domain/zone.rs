//! The desk's time zone: an IANA name (`Europe/Helsinki`) kept in the `timezone`
//! setting, so every admin of one desk counts service hours, holidays and report
//! periods in the same zone whatever their laptop's `TZ`. The zone a new desk takes is
//! the creating process's: [`detect`] decides it from what the system says (the I/O is
//! the caller's), pure so it is tested with plain values.

use chrono_tz::Tz;

/// A desk's zone: the IANA database compiled in (chrono-tz), no tz files needed.
pub type Zone = Tz;

/// The zone an IANA name names, canonically spelt (`europe/helsinki` is refused:
/// names are case-sensitive, as `TZ` is). A leading `:` (POSIX: "a file name") is
/// allowed, as glibc reads `TZ=:Europe/Helsinki` the same.
pub fn parse(name: &str) -> Option<Zone> {
    let name = name.trim();
    let name = name.strip_prefix(':').unwrap_or(name);
    if name.is_empty() {
        return None;
    }
    name.parse::<Tz>().ok()
}

/// The zone named by where `/etc/localtime` points (`/usr/share/zoneinfo/Europe/Helsinki`,
/// `../usr/share/zoneinfo/Europe/Helsinki`, `/etc/zoneinfo/...` on NixOS): the part
/// after the last `zoneinfo/` (`posix/` and `right/` variants are the same zones).
pub fn from_zoneinfo_path(target: &str) -> Option<Zone> {
    let (_, rest) = target.rsplit_once("zoneinfo/")?;
    let rest = rest
        .strip_prefix("posix/")
        .or_else(|| rest.strip_prefix("right/"))
        .unwrap_or(rest);
    parse(rest)
}

/// The creating process's zone: `TZ` when it names an IANA zone (as a name or as a
/// path into a zoneinfo folder), else the system's zone (`system`: what the system
/// says, e.g. `/etc/localtime`'s target or `/etc/timezone`), else UTC. A `TZ` that is
/// set but names no IANA zone (`EST+5`, a POSIX rule) falls through to the system's.
pub fn detect(tz_env: Option<&str>, system: Option<&str>) -> Zone {
    let from_env = tz_env.and_then(|v| parse(v).or_else(|| from_zoneinfo_path(v)));
    from_env
        .or_else(|| system.and_then(|s| parse(s).or_else(|| from_zoneinfo_path(s))))
        .unwrap_or(Tz::UTC)
}

/// Checks a `timezone` value and returns its canonical name, or a one-line reason.
pub fn validate(value: &str) -> Result<String, String> {
    match parse(value) {
        Some(z) => Ok(z.name().to_string()),
        None if value.trim().is_empty() => Err("the time zone is empty".into()),
        None => Err(format!("{:?} is not a time zone", value.trim())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_iana_names() {
        assert_eq!(parse("Europe/Helsinki"), Some(Tz::Europe__Helsinki));
        assert_eq!(parse(" :Europe/Tallinn "), Some(Tz::Europe__Tallinn));
        assert_eq!(parse("UTC"), Some(Tz::UTC));
        assert_eq!(parse("Mars/Olympus"), None);
        assert_eq!(parse("EST+5"), None);
        assert_eq!(parse(""), None);
        assert_eq!(parse(":"), None);
        assert_eq!(validate("America/New_York").unwrap(), "America/New_York");
        assert!(
            validate("Europe/Atlantis")
                .unwrap_err()
                .contains("Europe/Atlantis")
        );
        assert!(validate("  ").is_err());
    }

    #[test]
    fn a_localtime_link_names_its_zone() {
        let z = |p: &str| from_zoneinfo_path(p);
        assert_eq!(
            z("/usr/share/zoneinfo/Europe/Helsinki"),
            Some(Tz::Europe__Helsinki)
        );
        assert_eq!(
            z("../usr/share/zoneinfo/America/New_York"),
            Some(Tz::America__New_York)
        );
        assert_eq!(z("/etc/zoneinfo/Asia/Tokyo"), Some(Tz::Asia__Tokyo));
        assert_eq!(
            z("/usr/share/zoneinfo/posix/Europe/Berlin"),
            Some(Tz::Europe__Berlin)
        );
        assert_eq!(z("/usr/share/zoneinfo/Etc/UTC"), Some(Tz::Etc__UTC));
        assert_eq!(z("/etc/localtime.bak"), None);
        assert_eq!(z("/usr/share/zoneinfo/Nowhere"), None);
    }

    #[test]
    fn tz_wins_then_the_system_then_utc() {
        let sys = Some("Europe/Helsinki");
        assert_eq!(detect(Some("Asia/Tokyo"), sys), Tz::Asia__Tokyo);
        assert_eq!(
            detect(Some(":/usr/share/zoneinfo/Asia/Tokyo"), sys),
            Tz::Asia__Tokyo
        );
        // Not an IANA name: the system's zone.
        assert_eq!(detect(Some("EST+5"), sys), Tz::Europe__Helsinki);
        assert_eq!(detect(Some(""), sys), Tz::Europe__Helsinki);
        assert_eq!(detect(None, sys), Tz::Europe__Helsinki);
        assert_eq!(
            detect(None, Some("/usr/share/zoneinfo/America/New_York")),
            Tz::America__New_York
        );
        // Nothing known: UTC.
        assert_eq!(detect(None, Some("garbage")), Tz::UTC);
        assert_eq!(detect(Some("EST+5"), None), Tz::UTC);
        assert_eq!(detect(None, None), Tz::UTC);
    }
}
