//! Mail loops (RFC 3834): desk answers no message that a machine sent. A message marked
//! `Auto-Submitted` (other than `no`) or `Precedence: bulk|junk|list` gets no notice,
//! so an out-of-office reply to desk's acknowledgement never starts a ping-pong.

/// Whether the raw message says it was sent by a machine.
pub fn is_automatic(raw: &[u8]) -> bool {
    header_fields(raw).iter().any(|(name, value)| {
        let value = value.trim().to_ascii_lowercase();
        // The keyword may carry parameters: `auto-replied; owner-email=...`.
        let keyword = value.split(';').next().unwrap_or("").trim();
        (name.eq_ignore_ascii_case("auto-submitted") && !keyword.is_empty() && keyword != "no")
            || (name.eq_ignore_ascii_case("precedence")
                && matches!(keyword, "bulk" | "junk" | "list"))
    })
}

/// The header section's fields, unfolded, up to the first empty line.
fn header_fields(raw: &[u8]) -> Vec<(String, String)> {
    let text = String::from_utf8_lossy(raw);
    let mut fields: Vec<(String, String)> = Vec::new();
    for line in text.split('\n') {
        let line = line.strip_suffix('\r').unwrap_or(line);
        if line.is_empty() {
            break;
        }
        if line.starts_with([' ', '\t']) {
            if let Some(last) = fields.last_mut() {
                last.1.push(' ');
                last.1.push_str(line.trim());
            }
            continue;
        }
        if let Some((name, value)) = line.split_once(':') {
            fields.push((name.trim().to_string(), value.trim().to_string()));
        }
    }
    fields
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn machines_are_not_answered() {
        assert!(is_automatic(
            b"From: a@b\r\nAuto-Submitted: auto-replied\r\n\r\nHi"
        ));
        assert!(is_automatic(
            b"From: a@b\nauto-submitted:\n  auto-generated; x=y\n\nHi"
        ));
        assert!(is_automatic(b"Precedence: bulk\n\nHi"));
        assert!(is_automatic(b"Precedence: List\n\nHi"));
        assert!(!is_automatic(b"Auto-Submitted: no\n\nHi"));
        assert!(!is_automatic(b"Precedence: first-class\n\nHi"));
        assert!(!is_automatic(
            b"From: a@b\n\nAuto-Submitted: auto-replied\n"
        ));
    }
}
