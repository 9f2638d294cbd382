//! One raw message into a [`Mail`]: the shape checked first, headers decoded, the
//! readable body picked and tidied.

use chrono::{DateTime, Utc};
use mail_parser::{Addr, HeaderValue, Message, MessageParser, MessagePart, MimeHeaders, PartType};

use super::html::html_to_text;

/// One parsed inbound message, reduced to what the service desk files.
#[derive(Debug, Clone, PartialEq)]
pub struct Mail {
    /// `Message-ID`, without the angle brackets.
    pub message_id: Option<String>,
    /// `In-Reply-To` ids, without the angle brackets.
    pub in_reply_to: Vec<String>,
    /// `References` ids, without the angle brackets, oldest first.
    pub references: Vec<String>,
    /// Display name of the sender, decoded.
    pub from_name: Option<String>,
    /// Sender address, lower-cased.
    pub from_email: Option<String>,
    /// Decoded, whitespace-folded subject; "" if missing.
    pub subject: String,
    /// The readable text of the message (LF line ends, trailing whitespace trimmed).
    pub body: String,
    /// `Date` header, if present and valid.
    pub date: Option<DateTime<Utc>>,
}

const NOT_A_MAIL: &str = "not an RFC 5322 message";

fn reject(reason: &str) -> String {
    format!("{NOT_A_MAIL}: {reason}")
}

/// Parses one raw message. Fails with a one-line reason when the input is not a
/// mail message: empty input, binary data, text without a header section, or a
/// header section with neither a From address nor a Subject.
pub fn parse_mail(raw: &[u8]) -> Result<Mail, String> {
    let raw = skip_envelope(raw);
    check_structure(raw)?;
    let message = MessageParser::default()
        .parse(raw)
        .ok_or_else(|| reject("no header fields"))?;

    let from = message.from().and_then(|list| {
        list.iter()
            .find(|addr| addr.address().and_then(normalize_address).is_some())
            .or_else(|| list.first())
    });
    let from_email = from.and_then(Addr::address).and_then(normalize_address);
    let from_name = from
        .and_then(Addr::name)
        .map(fold_whitespace)
        .map(|name| name.trim_matches('"').trim().to_string())
        .filter(|name| !name.is_empty())
        .filter(|name| {
            from_email
                .as_deref()
                .is_none_or(|email| !name.eq_ignore_ascii_case(email))
        });
    let subject = message.subject().map(fold_whitespace).unwrap_or_default();

    if from_email.is_none() && subject.is_empty() {
        let reason = if message.from().is_some() {
            "the From header has no address and there is no Subject"
        } else {
            "no From header and no Subject"
        };
        return Err(reject(reason));
    }

    let date = message
        .date()
        .filter(|d| d.is_valid())
        .and_then(|d| DateTime::from_timestamp(d.to_timestamp(), 0));

    Ok(Mail {
        message_id: message.message_id().and_then(clean_id).map(str::to_string),
        in_reply_to: ids(message.in_reply_to()),
        references: ids(message.references()),
        from_name,
        from_email,
        subject,
        body: body_text(&message),
        date,
    })
}

/// Skips leading blank lines and an mbox envelope line (`From sender date`), which
/// some delivery agents put before the header section.
fn skip_envelope(mut raw: &[u8]) -> &[u8] {
    while let Some(rest) = raw
        .strip_prefix(b"\r\n")
        .or_else(|| raw.strip_prefix(b"\n"))
    {
        raw = rest;
    }
    // "From sender date", not the obsolete-syntax header "From : address"
    let envelope = raw.strip_prefix(b"From ").is_some_and(|rest| {
        rest.iter()
            .find(|b| !b.is_ascii_whitespace())
            .is_some_and(|&b| b != b':')
    });
    if envelope && let Some(pos) = raw.iter().position(|&b| b == b'\n') {
        return raw.get(pos + 1..).unwrap_or_default();
    }
    raw
}

/// The lenient parser accepts nearly anything (binary garbage becomes a header with
/// a strange name), so the shape is checked first: text header lines at the top.
fn check_structure(raw: &[u8]) -> Result<(), String> {
    if raw.iter().all(u8::is_ascii_whitespace) {
        return Err(reject("empty input"));
    }
    let header_end = header_section_len(raw);
    let header = raw.get(..header_end).unwrap_or(raw);
    let binary = header
        .iter()
        .any(|&b| b == 0x7f || (b < 0x20 && !matches!(b, b'\t' | b'\r' | b'\n' | 0x1b)));
    if binary {
        return Err(reject("binary data where the header section should be"));
    }
    let first_line = header.split(|&b| b == b'\n').next().unwrap_or_default();
    if !is_header_field(first_line) {
        return Err(reject("it does not start with a header field"));
    }
    Ok(())
}

/// Length of the header section: up to (not including) the first empty line.
fn header_section_len(raw: &[u8]) -> usize {
    let mut start = 0;
    for line in raw.split_inclusive(|&b| b == b'\n') {
        if line == b"\n" || line == b"\r\n" {
            return start;
        }
        start += line.len();
    }
    raw.len()
}

/// `Name: value`, the name being printable ASCII without `:` (RFC 5322 3.6.8;
/// whitespace before the colon is the obsolete syntax of 4.5).
fn is_header_field(line: &[u8]) -> bool {
    let Some(colon) = line.iter().position(|&b| b == b':') else {
        return false;
    };
    let name = line.get(..colon).unwrap_or_default().trim_ascii_end();
    !name.is_empty() && name.iter().all(|&b| (33..=126).contains(&b))
}

/// Lower-cased address if it looks like `local@domain`.
fn normalize_address(address: &str) -> Option<String> {
    let address = address.trim().trim_start_matches('<').trim_end_matches('>');
    let (local, domain) = address.rsplit_once('@')?;
    let valid = !local.is_empty()
        && !domain.is_empty()
        && !address.chars().any(|c| c.is_whitespace() || c.is_control());
    valid.then(|| address.to_lowercase())
}

fn clean_id(id: &str) -> Option<&str> {
    let id = id
        .trim()
        .trim_start_matches('<')
        .trim_end_matches('>')
        .trim();
    (!id.is_empty() && !id.chars().any(|c| c.is_whitespace() || c.is_control())).then_some(id)
}

fn ids(value: &HeaderValue<'_>) -> Vec<String> {
    let list: Vec<&str> = match value {
        HeaderValue::Text(id) => vec![id.as_ref()],
        HeaderValue::TextList(ids) => ids.iter().map(|id| id.as_ref()).collect(),
        _ => Vec::new(),
    };
    list.into_iter()
        .filter_map(clean_id)
        .map(str::to_string)
        .collect()
}

/// Collapses all whitespace runs to one space, drops control characters, trims.
pub(super) fn fold_whitespace(text: &str) -> String {
    text.split_whitespace()
        .map(|word| word.chars().filter(|c| !c.is_control()).collect::<String>())
        .filter(|word| !word.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// The readable text: the text bodies (text/plain preferred by mail-parser's own
/// selection; an HTML part stands in where there is no plain one), falling back to
/// the HTML bodies when the plain ones are empty.
fn body_text(message: &Message<'_>) -> String {
    let collect = |ids: &[u32]| -> Vec<String> {
        ids.iter()
            .filter_map(|&id| message.parts.get(usize::try_from(id).ok()?))
            .filter_map(part_text)
            .map(|text| tidy_body(&text))
            .filter(|text| !text.is_empty())
            .collect()
    };
    let mut pieces = collect(&message.text_body);
    if pieces.is_empty() {
        pieces = collect(&message.html_body);
    }
    pieces.join("\n\n")
}

fn part_text(part: &MessagePart<'_>) -> Option<String> {
    match &part.body {
        PartType::Text(text) => {
            let param = |name: &str| {
                part.content_type()
                    .and_then(|ct| ct.attributes())
                    .and_then(|attrs| attrs.iter().find(|a| a.name.eq_ignore_ascii_case(name)))
                    .map(|a| a.value.trim().to_ascii_lowercase())
            };
            if param("format").as_deref() == Some("flowed") {
                Some(unflow(text, param("delsp").as_deref() == Some("yes")))
            } else {
                Some(text.to_string())
            }
        }
        PartType::Html(html) => Some(html_to_text(html)),
        _ => None,
    }
}

/// Re-joins RFC 3676 format=flowed paragraphs (soft line breaks end in a space).
pub(super) fn unflow(text: &str, delsp: bool) -> String {
    fn flush(out: &mut String, current: &mut Option<(usize, String)>) {
        if let Some((depth, line)) = current.take() {
            if depth > 0 {
                out.push_str(&">".repeat(depth));
                out.push(' ');
            }
            out.push_str(&line);
            out.push('\n');
        }
    }
    let mut out = String::with_capacity(text.len());
    let mut current: Option<(usize, String)> = None;
    for line in text.split('\n') {
        let line = line.strip_suffix('\r').unwrap_or(line);
        let depth = line.bytes().take_while(|&b| b == b'>').count();
        let content = line.get(depth..).unwrap_or_default();
        let content = content.strip_prefix(' ').unwrap_or(content);
        let soft = content != "-- " && content.ends_with(' ');
        if current.as_ref().is_some_and(|(d, _)| *d != depth) {
            flush(&mut out, &mut current);
        }
        let piece = if soft && delsp {
            content.strip_suffix(' ').unwrap_or(content)
        } else {
            content
        };
        current
            .get_or_insert_with(|| (depth, String::new()))
            .1
            .push_str(piece);
        if !soft {
            flush(&mut out, &mut current);
        }
    }
    flush(&mut out, &mut current);
    out
}

/// LF line ends, no control characters, no trailing whitespace on lines (except the
/// `-- ` signature separator), no leading blank lines, no trailing whitespace.
fn tidy_body(text: &str) -> String {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    let lines: Vec<String> = text
        .split('\n')
        .map(|line| {
            let line: String = line
                .chars()
                .filter(|&c| c == '\t' || !c.is_control())
                .collect();
            if line == "-- " {
                line
            } else {
                line.trim_end().to_string()
            }
        })
        .collect();
    let first = lines
        .iter()
        .position(|line| !line.trim().is_empty())
        .unwrap_or(lines.len());
    lines
        .get(first..)
        .unwrap_or_default()
        .join("\n")
        .trim_end()
        .to_string()
}
