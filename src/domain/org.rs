//! Customer organisations: a registered name, the mail domains that are its own, and
//! its terms (`config set --org`). A ticket's `org` stays a free name; where it names
//! a registered organisation (letter case aside) the ticket is held to that
//! organisation's terms, and mail from its domains is filed under it.

use super::settings::org_key;

/// A registered organisation.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Org {
    pub name: String,
    /// Lower case, sorted.
    pub domains: Vec<String>,
    /// Its own settings (`config set --org`), in the order `config list` shows them.
    pub settings: Vec<(String, String)>,
    /// Its tickets (those whose `org` is its name, letter case aside), where counted.
    pub tickets: i64,
}

/// A name as registered: trimmed, not empty, one line.
pub fn check_name(name: &str) -> Result<String, String> {
    let n = name.trim();
    if n.is_empty() {
        return Err("an organisation needs a name".into());
    }
    if n.chars().any(char::is_control) {
        return Err(format!("{:?} has a control character", n));
    }
    Ok(n.to_string())
}

/// A mail domain as kept: lower case, without a leading `@` or a trailing dot, labels
/// of letters, digits and inner hyphens, at least two of them (`example.fi`).
pub fn check_domain(domain: &str) -> Result<String, String> {
    let d: String = domain
        .trim()
        .trim_start_matches('@')
        .trim_end_matches('.')
        .chars()
        .flat_map(char::to_lowercase)
        .collect();
    let bad = || format!("{:?} is not a mail domain (e.g. example.fi)", domain.trim());
    let labels: Vec<&str> = d.split('.').collect();
    if labels.len() < 2 || d.len() > 253 {
        return Err(bad());
    }
    for l in labels {
        let ok = !l.is_empty()
            && l.len() <= 63
            && !l.starts_with('-')
            && !l.ends_with('-')
            && l.chars().all(|c| c.is_alphanumeric() || c == '-');
        if !ok {
            return Err(bad());
        }
    }
    Ok(d)
}

/// The organisation a mail address belongs to: the one holding its domain or the
/// nearest parent of it (`it.kaupunki.fi` is `kaupunki.fi`'s), letter case aside.
pub fn org_for_address<'a>(orgs: &'a [Org], address: &str) -> Option<&'a Org> {
    let (_, domain) = address.trim().rsplit_once('@')?;
    let domain: String = domain
        .trim_end_matches(['>', '.'])
        .chars()
        .flat_map(char::to_lowercase)
        .collect();
    // The longest registered domain that is the address's or a parent of it.
    orgs.iter()
        .flat_map(|o| o.domains.iter().map(move |d| (d, o)))
        .filter(|(d, _)| {
            domain == **d
                || domain
                    .strip_suffix(d.as_str())
                    .is_some_and(|rest| rest.ends_with('.'))
        })
        .max_by_key(|(d, _)| d.len())
        .map(|(_, o)| o)
}

/// The registered organisation of that name, letter case aside.
pub fn find<'a>(orgs: &'a [Org], name: &str) -> Option<&'a Org> {
    let key = org_key(name);
    orgs.iter().find(|o| org_key(&o.name) == key)
}

/// The organisation (other than `except`) that holds a domain already.
pub fn holder<'a>(orgs: &'a [Org], domain: &str, except: Option<&str>) -> Option<&'a Org> {
    let except = except.map(org_key);
    orgs.iter()
        .filter(|o| Some(org_key(&o.name)) != except)
        .find(|o| o.domains.iter().any(|d| d == domain))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn org(name: &str, domains: &[&str]) -> Org {
        Org {
            name: name.into(),
            domains: domains.iter().map(|d| d.to_string()).collect(),
            ..Org::default()
        }
    }

    #[test]
    fn domains_are_kept_in_lower_case_and_checked() {
        assert_eq!(check_domain(" @Kaupunki.FI. ").unwrap(), "kaupunki.fi");
        assert_eq!(check_domain("põhja-haigla.ee").unwrap(), "põhja-haigla.ee");
        for bad in ["kaupunki", "", "a..fi", "-a.fi", "a b.fi", "x@y.fi"] {
            assert!(check_domain(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn mail_is_filed_under_the_nearest_registered_domain() {
        let orgs = [
            org("Kaupunki Oy", &["kaupunki.fi"]),
            org("Kaupunki IT", &["it.kaupunki.fi"]),
            org("Haigla", &["haigla.ee"]),
        ];
        let name = |a: &str| org_for_address(&orgs, a).map(|o| o.name.as_str());
        assert_eq!(name("Liisa@KAUPUNKI.fi"), Some("Kaupunki Oy"));
        assert_eq!(name("liisa@posti.kaupunki.fi"), Some("Kaupunki Oy"));
        assert_eq!(name("pekka@IT.Kaupunki.fi"), Some("Kaupunki IT"));
        assert_eq!(name("pekka@x.it.kaupunki.fi"), Some("Kaupunki IT"));
        // A domain that only ends in the same letters is another's.
        assert_eq!(name("mari@notkaupunki.fi"), None);
        assert_eq!(name("mari@haigla.ee"), Some("Haigla"));
        assert_eq!(name("no address"), None);
    }

    #[test]
    fn names_are_found_letter_case_aside() {
        let orgs = [org("Põhja-Eesti Haigla", &[])];
        assert!(find(&orgs, "PÕHJA-EESTI haigla").is_some());
        assert!(find(&orgs, "Haigla").is_none());
        assert!(check_name("  ").is_err());
        assert_eq!(check_name(" Kaupunki Oy ").unwrap(), "Kaupunki Oy");
    }
}
