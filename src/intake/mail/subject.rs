//! Subjects: the `[#42]` tag that threads a mail to a ticket, and the title a new
//! ticket takes from a subject.

use super::parse::fold_whitespace;

/// A ticket tag in a subject: `[#42]`, or with a word before the number
/// (`[desk #42]`, `[Ticket #42]`). Returns the byte range and the id.
fn ticket_tags(subject: &str) -> Vec<(std::ops::Range<usize>, i64)> {
    let mut tags = Vec::new();
    let mut open = None;
    for (pos, c) in subject.char_indices() {
        match c {
            '[' => open = Some(pos),
            ']' => {
                if let Some(start) = open.take()
                    && let Some(id) = subject.get(start + 1..pos).and_then(tag_id)
                {
                    tags.push((start..pos + 1, id));
                }
            }
            _ => {}
        }
    }
    tags
}

/// The id in the inside of a ticket tag (`#42`, `desk #42`).
fn tag_id(inner: &str) -> Option<i64> {
    let (label, digits) = inner.rsplit_once('#')?;
    let label_ok = label.chars().count() <= 40
        && label
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, ' ' | '-' | '_' | '.'));
    let digits_ok = !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit());
    if !label_ok || !digits_ok {
        return None;
    }
    digits.parse::<i64>().ok().filter(|&id| id > 0)
}

/// The ticket a subject refers to: the first `[#42]` (or `[desk #42]`) tag in it.
/// A bare `#42` is not a reference.
pub fn ticket_ref(subject: &str) -> Option<i64> {
    ticket_tags(subject).first().map(|(_, id)| *id)
}

/// Reply and forward prefixes, lower-case, as mail clients in the desk's languages
/// write them: English, Finnish (Vs, VL), Swedish/Norwegian/Danish (Sv, VB),
/// German (AW, WG), Polish (Odp, PD), Dutch, Spanish, Portuguese, French, Turkish,
/// Russian and Chinese.
const REPLY_PREFIXES: &[&str] = &[
    "re",
    "fw",
    "fwd",
    "vs",
    "vl",
    "sv",
    "vb",
    "aw",
    "wg",
    "odp",
    "pd",
    "antw",
    "doorst",
    "rv",
    "res",
    "enc",
    "tr",
    "ynt",
    "отв",
    "ответ",
    "пересл",
    "回复",
    "答复",
    "转发",
];

/// Strips one leading reply/forward prefix (`Re:`, `RE :`, `Re[2]:`, `Fwd:` …).
fn strip_reply_prefix(subject: &str) -> Option<&str> {
    let word_len = subject
        .find(|c: char| !c.is_alphabetic())
        .unwrap_or(subject.len());
    let word = subject.get(..word_len)?;
    if !REPLY_PREFIXES.contains(&word.to_lowercase().as_str()) {
        return None;
    }
    let mut rest = subject.get(word_len..)?;
    for (open, close) in [('[', ']'), ('(', ')')] {
        if let Some(counter) = rest.strip_prefix(open) {
            let digits = counter.find(close)?;
            if digits == 0 || !counter.get(..digits)?.bytes().all(|b| b.is_ascii_digit()) {
                return None;
            }
            rest = counter.get(digits + close.len_utf8()..)?;
        }
    }
    let rest = rest.trim_start();
    rest.strip_prefix(':')
        .or_else(|| rest.strip_prefix('：'))
        .map(str::trim_start)
}

/// A subject made into a ticket title: reply/forward prefixes (Re:, Fwd:, Vs:, Sv:,
/// AW:, Odp:, Re[2]: …) and `[#N]` tags removed, whitespace folded.
pub fn clean_subject(subject: &str) -> String {
    let mut without_tags = String::with_capacity(subject.len());
    let mut last = 0;
    for (range, _) in ticket_tags(subject) {
        without_tags.push_str(subject.get(last..range.start).unwrap_or_default());
        without_tags.push(' ');
        last = range.end;
    }
    without_tags.push_str(subject.get(last..).unwrap_or_default());
    let folded = fold_whitespace(&without_tags);
    let mut rest = folded.as_str();
    while let Some(stripped) = strip_reply_prefix(rest) {
        rest = stripped;
    }
    rest.to_string()
}
