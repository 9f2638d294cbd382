//! The texts of the notices (`template.new` … `template.cancel`): built-in English
//! defaults, the placeholders a template may use, and filling them in. A template is
//! plain UTF-8 in any language; `{name}` with a known name is replaced, and any other
//! brace is kept as written, so `{` in a text needs no escaping. An unknown `{name}`
//! is refused when the setting is stored, so a typo never reaches a customer.

/// The moves that can mail the requester, in the order `notify` lists them.
pub const NOTICES: &[&str] = &[
    "new", "reply", "wait", "resolve", "close", "reopen", "cancel",
];

/// The placeholders a template may use.
pub const PLACEHOLDERS: &[&str] = &[
    "id",
    "title",
    "status",
    "solution",
    "reason",
    "verify_window",
    "requester",
    "actor",
];

/// What the placeholders stand for in one notice.
#[derive(Debug, Clone, Default)]
pub struct Fields {
    pub id: i64,
    pub title: String,
    pub status: String,
    pub solution: String,
    pub reason: String,
    pub verify_window: String,
    pub requester: String,
    pub actor: String,
}

impl Fields {
    fn get(&self, name: &str) -> Option<String> {
        Some(match name {
            "id" => self.id.to_string(),
            "title" => self.title.clone(),
            "status" => self.status.clone(),
            "solution" => self.solution.clone(),
            "reason" => self.reason.clone(),
            "verify_window" => self.verify_window.clone(),
            "requester" => self.requester.clone(),
            "actor" => self.actor.clone(),
            _ => return None,
        })
    }
}

/// The built-in text of a notice. `reply` is the footer under the person's answer.
pub fn default_template(notice: &str) -> &'static str {
    match notice {
        "new" => {
            "Hello {requester},\n\nwe have received your request and filed it as ticket #{id}:\n\n    {title}\n\nTo add to it, reply to this message and keep [#{id}] in the subject.\n\nThe service desk\n"
        }
        "reply" => {
            "-- \nTicket #{id}: {title} (status: {status})\nReply to this message to answer.\n"
        }
        "wait" => {
            "Hello {requester},\n\nticket #{id} ({title}) is waiting for you:\n\n{reason}\n\nPlease reply to this message; the ticket goes on as soon as you answer.\n\nThe service desk\n"
        }
        "resolve" => {
            "Hello {requester},\n\nticket #{id} ({title}) has been resolved:\n\n{solution}\n\nPlease check that it works for you. If it does not, reply to this message within {verify_window} and the ticket is reopened; otherwise it is closed then.\n\nThe service desk\n"
        }
        "close" => {
            "Hello {requester},\n\nticket #{id} ({title}) is now closed.\n\nThe service desk\n"
        }
        "reopen" => {
            "Hello {requester},\n\nticket #{id} ({title}) has been reopened.\n{reason}\n\nThe service desk\n"
        }
        "cancel" => {
            "Hello {requester},\n\nticket #{id} ({title}) has been cancelled.\n{reason}\n\nThe service desk\n"
        }
        _ => "",
    }
}

/// The `{name}` references in a text, in order, with their byte ranges.
fn references(text: &str) -> Vec<(usize, usize, &str)> {
    let mut found = Vec::new();
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'{' {
            let start = i + 1;
            let mut j = start;
            while j < bytes.len() && (bytes[j].is_ascii_alphanumeric() || bytes[j] == b'_') {
                j += 1;
            }
            if j > start && j < bytes.len() && bytes[j] == b'}' {
                found.push((i, j + 1, &text[start..j]));
                i = j + 1;
                continue;
            }
        }
        i += 1;
    }
    found
}

/// Refuses a template that names a placeholder desk does not know.
pub fn check(text: &str) -> Result<(), String> {
    let unknown: Vec<&str> = references(text)
        .into_iter()
        .map(|(_, _, name)| name)
        .filter(|name| !PLACEHOLDERS.contains(name))
        .collect();
    match unknown.first() {
        None => Ok(()),
        Some(name) => Err(format!(
            "unknown placeholder {{{name}}}; the valid ones are {}",
            PLACEHOLDERS
                .iter()
                .map(|p| format!("{{{p}}}"))
                .collect::<Vec<_>>()
                .join(", ")
        )),
    }
}

/// The template with its placeholders filled in.
pub fn fill(text: &str, fields: &Fields) -> String {
    let mut out = String::with_capacity(text.len() + 64);
    let mut last = 0;
    for (start, end, name) in references(text) {
        if let Some(value) = fields.get(name) {
            out.push_str(&text[last..start]);
            out.push_str(&value);
            last = end;
        }
    }
    out.push_str(&text[last..]);
    out
}

/// Checks a `notify` list and returns it canonical: known names, each once, in the
/// order of [`NOTICES`]. Empty means no notices (only `desk reply` mails).
pub fn check_notify(value: &str) -> Result<String, String> {
    let mut wanted = Vec::new();
    for name in value.split(',').map(str::trim).filter(|n| !n.is_empty()) {
        if !NOTICES.contains(&name) {
            return Err(format!(
                "unknown notice {name:?}; the moves that can notify are {}",
                NOTICES.join(", ")
            ));
        }
        wanted.push(name);
    }
    Ok(NOTICES
        .iter()
        .filter(|n| wanted.contains(n))
        .copied()
        .collect::<Vec<_>>()
        .join(","))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fills_known_placeholders_and_keeps_other_braces() {
        let f = Fields {
            id: 42,
            title: "Tulostin jumissa".into(),
            requester: "Мария".into(),
            ..Fields::default()
        };
        assert_eq!(
            fill("{requester}: #{id} {title} {x y} {} {", &f),
            "Мария: #42 Tulostin jumissa {x y} {} {"
        );
    }

    #[test]
    fn refuses_an_unknown_placeholder_naming_the_valid_ones() {
        let e = check("Hei {nimi}, tiketti #{id}").unwrap_err();
        assert!(e.starts_with("unknown placeholder {nimi}; the valid ones are {id}, {title}"));
        assert!(check("{id} {verify_window} { spaced }").is_ok());
        for n in NOTICES {
            check(default_template(n)).unwrap();
        }
    }

    #[test]
    fn notify_lists_are_canonical() {
        assert_eq!(check_notify("resolve, new,new").unwrap(), "new,resolve");
        assert_eq!(check_notify("").unwrap(), "");
        assert!(check_notify("new,bogus").is_err());
    }
}
