//! Builds one outgoing mail with lettre's builder: `[#ID]` and the title in the
//! subject, a Message-ID of its own (kept in the outbox, so a retry sends the very same
//! message), `In-Reply-To`/`References` to the requester's message so the answer
//! threads in their mail program and back into `desk ingest mail`, `Auto-Submitted:
//! auto-replied` on notices (RFC 3834), UTF-8 headers and text, and attachments.

use chrono::{DateTime, Utc};
use lettre::message::header::{ContentType, HeaderName, HeaderValue};
use lettre::message::{Attachment, Mailbox, MultiPart, SinglePart};
use lettre::{Address, Message};
use std::hash::{BuildHasher, Hasher};

/// A file that goes with a mail.
#[derive(Debug, Clone)]
pub struct OutgoingFile {
    pub name: String,
    pub mime: String,
    pub bytes: Vec<u8>,
}

/// Everything one mail says.
#[derive(Debug, Clone)]
pub struct Outgoing {
    /// `mail.from`, possibly with a display name.
    pub from: Mailbox,
    pub to: Mailbox,
    pub ticket: i64,
    pub title: String,
    pub body: String,
    /// Without angle brackets.
    pub message_id: String,
    /// The requester's message ids this one answers (without angle brackets), oldest first.
    pub thread: Vec<String>,
    /// A notice (RFC 3834 `auto-replied`) rather than a person's answer.
    pub automatic: bool,
    pub date: DateTime<Utc>,
    pub files: Vec<OutgoingFile>,
}

/// `[#42] Printer jams`: what every mail of ticket 42 is called.
pub fn subject(ticket: i64, title: &str) -> String {
    let title: String = title
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    format!("[#{ticket}] {}", title.trim())
}

/// A fresh Message-ID (without angle brackets) in the sender's domain: the ticket, the
/// moment, and 64 random bits, so two desks never make the same one.
pub fn new_message_id(ticket: i64, from: &Mailbox, now: DateTime<Utc>) -> String {
    let random = std::collections::hash_map::RandomState::new()
        .build_hasher()
        .finish();
    let mut h = std::collections::hash_map::RandomState::new().build_hasher();
    h.write_u64(random);
    h.write_u32(std::process::id());
    h.write_i64(now.timestamp_nanos_opt().unwrap_or_default());
    format!(
        "desk.{ticket}.{}.{:016x}@{}",
        now.format("%Y%m%d%H%M%S"),
        h.finish(),
        from.email.domain()
    )
}

/// Parses an address as `mail.from` or a ticket's `email` holds it.
pub fn mailbox(value: &str) -> Result<Mailbox, String> {
    value
        .trim()
        .parse::<Mailbox>()
        .map_err(|_| {
            format!(
                "{:?} is not a mail address (write desk@example.fi or \"Service Desk <desk@example.fi>\")",
                value.trim()
            )
        })
}

/// The requester's mailbox: their address, with their name where it is not the address.
pub fn recipient(email: &str, name: Option<&str>) -> Result<Mailbox, String> {
    let address: Address = email
        .trim()
        .parse()
        .map_err(|e| format!("{:?} is not a mail address ({e})", email.trim()))?;
    let name = name
        .map(|n| n.chars().filter(|c| !c.is_control()).collect::<String>())
        .map(|n| n.trim().to_string())
        .filter(|n| !n.is_empty() && !n.eq_ignore_ascii_case(email.trim()));
    Ok(Mailbox::new(name, address))
}

/// The message as bytes, ready for SMTP or sendmail (CRLF line ends).
pub fn build(o: &Outgoing) -> Result<Vec<u8>, String> {
    let mut b = Message::builder()
        .from(o.from.clone())
        .to(o.to.clone())
        .subject(subject(o.ticket, &o.title))
        .message_id(Some(format!("<{}>", o.message_id)))
        .date(std::time::SystemTime::from(o.date));
    if let Some(last) = o.thread.last() {
        b = b.in_reply_to(format!("<{last}>"));
        let refs: Vec<String> = o.thread.iter().map(|id| format!("<{id}>")).collect();
        b = b.references(refs.join(" "));
    }
    if o.automatic {
        b = b.raw_header(HeaderValue::new(
            HeaderName::new_from_ascii_str("Auto-Submitted"),
            "auto-replied".to_string(),
        ));
    }
    let text = SinglePart::builder()
        .header(ContentType::TEXT_PLAIN)
        .body(o.body.clone());
    let message = if o.files.is_empty() {
        b.singlepart(text)
    } else {
        let mut parts = MultiPart::mixed().singlepart(text);
        for f in &o.files {
            let mime = ContentType::parse(&f.mime)
                .unwrap_or_else(|_| ContentType::parse("application/octet-stream").expect("valid"));
            parts = parts.singlepart(Attachment::new(f.name.clone()).body(f.bytes.clone(), mime));
        }
        b.multipart(parts)
    };
    message.map(|m| m.formatted()).map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn outgoing() -> Outgoing {
        Outgoing {
            from: mailbox("Palvelupiste <desk@example.fi>").unwrap(),
            to: recipient("maija@example.fi", Some("Maija Meikäläinen")).unwrap(),
            ticket: 7,
            title: "Tulostin ei toimi — принтер".into(),
            body: "Hei!\n.piste rivin alussa\nПривет\n".into(),
            message_id: "desk.7.x@example.fi".into(),
            thread: vec!["a@mail".into(), "b@mail".into()],
            automatic: true,
            date: DateTime::from_timestamp(1_790_000_000, 0).unwrap(),
            files: vec![],
        }
    }

    #[test]
    fn carries_the_threading_and_loop_headers() {
        let raw = String::from_utf8(build(&outgoing()).unwrap()).unwrap();
        assert!(
            raw.contains("Message-ID: <desk.7.x@example.fi>\r\n"),
            "{raw}"
        );
        assert!(raw.contains("In-Reply-To: <b@mail>\r\n"), "{raw}");
        assert!(raw.contains("References: <a@mail> <b@mail>\r\n"), "{raw}");
        assert!(raw.contains("Auto-Submitted: auto-replied\r\n"), "{raw}");
        let parsed = mail_parser::MessageParser::default()
            .parse(raw.as_bytes())
            .unwrap();
        assert_eq!(parsed.subject(), Some("[#7] Tulostin ei toimi — принтер"));
        assert_eq!(
            parsed.body_text(0).unwrap().replace("\r\n", "\n"),
            "Hei!\n.piste rivin alussa\nПривет\n"
        );
    }

    #[test]
    fn a_persons_answer_is_not_marked_automatic() {
        let mut o = outgoing();
        o.automatic = false;
        o.thread.clear();
        let raw = String::from_utf8(build(&o).unwrap()).unwrap();
        assert!(!raw.contains("Auto-Submitted"));
        assert!(!raw.contains("In-Reply-To"));
    }

    #[test]
    fn message_ids_differ_and_sit_in_the_senders_domain() {
        let from = mailbox("desk@example.fi").unwrap();
        let now = Utc::now();
        let a = new_message_id(3, &from, now);
        let b = new_message_id(3, &from, now);
        assert_ne!(a, b);
        assert!(
            a.starts_with("desk.3.") && a.ends_with("@example.fi"),
            "{a}"
        );
    }
}
