//! Replies filed as comments keep only their new text: the quoted original and its
//! attribution line go.

/// Words that end a reply's attribution line (`On … wrote:`), lower-case.
const INTRO_MARKERS: &[&str] = &[
    "wrote",
    "writes",
    "kirjoitti",
    "napisał",
    "napisała",
    "написал",
    "написала",
    "пишет",
    "pisze",
    "schrieb",
    "a écrit",
    "escribió",
    "escreveu",
    "skrev",
    "schreef",
    "ha scritto",
];

/// How an attribution line split over two lines starts.
const INTRO_OPENERS: &[&str] = &[
    "on ", "am ", "le ", "el ", "em ", "il ", "op ", "den ", "dnia ", "w dniu ", "в ",
];

/// Lines that start the original message in Outlook-style replies (no `>` quoting).
const ORIGINAL_MESSAGE_MARKERS: &[&str] = &[
    "original message",
    "alkuperäinen viesti",
    "ursprüngliche nachricht",
    "oryginalna wiadomość",
    "wiadomość oryginalna",
    "исходное сообщение",
    "ursprungligt meddelande",
    "opprinnelig melding",
];

const HEADER_FROM_LABELS: &[&str] = &["from:", "lähettäjä:", "von:", "od:", "от:", "från:", "fra:"];
const HEADER_SENT_LABELS: &[&str] = &[
    "sent:",
    "date:",
    "lähetetty:",
    "gesendet:",
    "wysłano:",
    "data:",
    "отправлено:",
    "skickat:",
    "sendt:",
];

fn is_blank(line: &str) -> bool {
    line.trim().is_empty()
}

fn is_quoted(line: &str) -> bool {
    line.trim_start().starts_with('>')
}

fn is_intro(line: &str) -> bool {
    let line = line.trim();
    let lower = line.to_lowercase();
    line.chars().count() <= 300
        && line.ends_with(':')
        && INTRO_MARKERS.iter().any(|marker| lower.contains(marker))
}

fn opens_intro(line: &str) -> bool {
    let lower = line.trim_start().to_lowercase();
    INTRO_OPENERS.iter().any(|opener| lower.starts_with(opener))
}

fn starts_with_label(line: &str, labels: &[&str]) -> bool {
    let lower = line.trim_start().to_lowercase();
    labels.iter().any(|label| lower.starts_with(label))
}

/// Where an Outlook-style quoted original starts ("-----Original Message-----", or
/// a `From:`/`Sent:` header block, with the underscore rule before it).
fn original_message_start(lines: &[&str]) -> Option<usize> {
    for (i, line) in lines.iter().enumerate() {
        let trimmed = line.trim();
        let lower = trimmed.to_lowercase();
        if trimmed.starts_with("--")
            && trimmed.ends_with("--")
            && ORIGINAL_MESSAGE_MARKERS.iter().any(|m| lower.contains(m))
        {
            return Some(i);
        }
        let next = lines.get(i + 1).copied().unwrap_or_default();
        if starts_with_label(line, HEADER_FROM_LABELS)
            && starts_with_label(next, HEADER_SENT_LABELS)
        {
            let mut start = i;
            while start > 0 && lines.get(start - 1).is_some_and(|l| is_blank(l)) {
                start -= 1;
            }
            let rule = start
                .checked_sub(1)
                .and_then(|p| lines.get(p))
                .is_some_and(|l| {
                    let l = l.trim();
                    l.len() >= 8 && l.chars().all(|c| c == '_' || c == '-')
                });
            return Some(if rule { start - 1 } else { i });
        }
    }
    None
}

/// The new text of a reply: drops the quoted original at the end — trailing `>`
/// lines with the attribution line before them (`On … wrote:`, `… kirjoitti:`,
/// `… napisał(a):`, `… написал(а):`), or an Outlook-style original message.
/// Quotes interleaved with new text are kept. If nothing would be left, the body is
/// returned as it was (LF line ends, trailing whitespace trimmed).
pub fn strip_quoted_reply(body: &str) -> String {
    let text = body.replace("\r\n", "\n");
    let lines: Vec<&str> = text.split('\n').collect();
    let mut end = lines.len();

    if let Some(start) = original_message_start(&lines)
        && lines
            .get(..start)
            .is_some_and(|kept| kept.iter().any(|l| !is_blank(l)))
    {
        end = start;
    }

    while end > 0 && lines.get(end - 1).is_some_and(|l| is_blank(l)) {
        end -= 1;
    }
    let quote_end = end;
    while end > 0
        && lines
            .get(end - 1)
            .is_some_and(|l| is_quoted(l) || is_blank(l))
    {
        end -= 1;
    }
    if end < quote_end {
        let mut k = end;
        while k > 0 && lines.get(k - 1).is_some_and(|l| is_blank(l)) {
            k -= 1;
        }
        if let Some(intro) = k.checked_sub(1).and_then(|p| lines.get(p))
            && is_intro(intro)
        {
            end = k - 1;
            // An attribution wrapped over two lines: "On …, Name <" / "addr> wrote:".
            if let Some(first) = end.checked_sub(1).and_then(|p| lines.get(p))
                && !opens_intro(intro)
                && opens_intro(first)
                && !first.trim_end().ends_with(['.', '!', '?', ':'])
            {
                end -= 1;
            }
        }
    }

    let kept = lines.get(..end).unwrap_or_default().join("\n");
    let kept = kept.trim_end();
    if kept.trim().is_empty() {
        text.trim_end().to_string()
    } else {
        kept.to_string()
    }
}
