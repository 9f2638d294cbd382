//! The errors users can expect, and the one function that maps any error to an exit
//! code. Commands return `anyhow::Result`; whatever they raise is classified here by
//! walking the error chain, so a broken pipe or a locked database is recognised however
//! deep it was wrapped. What the store failed at comes as its own kinds (`StoreError`,
//! `store::error_kind`): no engine's error codes are known here.

use crate::store::{StoreError, StoreErrorKind};
use std::fmt;

/// An error with a meaning for the user (and an exit code). Everything else is a
/// runtime failure (exit 1).
#[derive(Debug)]
pub enum DeskError {
    /// Bad usage or an invalid value (exit 2).
    Usage { msg: String, hint: Option<String> },
    /// No such ticket (exit 3).
    TicketNotFound(i64),
    /// No such article (exit 3).
    ArticleNotFound(i64),
    /// No such attachment (exit 3).
    AttachmentNotFound(i64),
    /// No organisation registered under that name (exit 3).
    OrgNotFound(String),
    /// The move is not allowed in the ticket's state (exit 4).
    NotAllowed(String),
    /// Another writer held the database past the busy timeout (exit 75).
    Locked,
    /// A runtime failure with a hint (exit 1): a damaged or too-new database.
    Runtime { msg: String, hint: Option<String> },
}

impl DeskError {
    pub fn usage(msg: impl Into<String>) -> Self {
        DeskError::Usage {
            msg: msg.into(),
            hint: None,
        }
    }

    pub fn usage_hint(msg: impl Into<String>, hint: impl Into<String>) -> Self {
        DeskError::Usage {
            msg: msg.into(),
            hint: Some(hint.into()),
        }
    }

    pub fn runtime_hint(msg: impl Into<String>, hint: impl Into<String>) -> Self {
        DeskError::Runtime {
            msg: msg.into(),
            hint: Some(hint.into()),
        }
    }

    pub fn not_allowed(msg: impl Into<String>) -> Self {
        DeskError::NotAllowed(msg.into())
    }

    pub fn exit_code(&self) -> i32 {
        match self {
            DeskError::Usage { .. } => 2,
            DeskError::TicketNotFound(_)
            | DeskError::ArticleNotFound(_)
            | DeskError::AttachmentNotFound(_)
            | DeskError::OrgNotFound(_) => 3,
            DeskError::NotAllowed(_) => 4,
            DeskError::Locked => 75,
            DeskError::Runtime { .. } => 1,
        }
    }

    pub fn hint(&self) -> Option<&str> {
        match self {
            DeskError::Usage { hint, .. } | DeskError::Runtime { hint, .. } => hint.as_deref(),
            DeskError::TicketNotFound(_) => Some("`desk list --status all` shows every ticket"),
            DeskError::ArticleNotFound(_) => Some("`desk kb list` shows every article"),
            DeskError::AttachmentNotFound(_) => {
                Some("`desk show ID` lists a ticket's attachments with their ids")
            }
            DeskError::OrgNotFound(_) => {
                Some("`desk org list` shows them; `desk org new NAME` registers one")
            }
            DeskError::Locked => Some("another desk is writing; try again in a moment"),
            DeskError::NotAllowed(_) => None,
        }
    }
}

impl fmt::Display for DeskError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DeskError::Usage { msg, .. } | DeskError::Runtime { msg, .. } => f.write_str(msg),
            DeskError::TicketNotFound(id) => write!(f, "no ticket #{id}"),
            DeskError::ArticleNotFound(id) => write!(f, "no article {id}"),
            DeskError::AttachmentNotFound(id) => write!(f, "no attachment {id}"),
            DeskError::OrgNotFound(name) => write!(
                f,
                "no organisation {:?} is registered",
                crate::domain::text::one_line(name)
            ),
            DeskError::NotAllowed(msg) => f.write_str(msg),
            DeskError::Locked => f.write_str("the database is locked by another writer"),
        }
    }
}

impl std::error::Error for DeskError {}

/// Shorthand for a usage error.
pub fn usage<T>(msg: impl Into<String>) -> anyhow::Result<T> {
    Err(DeskError::usage(msg).into())
}

/// What the process should do with an error: its exit code, the message and a hint.
pub struct Verdict {
    pub code: i32,
    pub message: Option<String>,
    pub hint: Option<String>,
}

/// clap's rendering of a usage error (`error: MSG`, indented detail lines, a tip, a
/// usage line, "For more information...") as desk's two lines: the message with its
/// detail (`[possible values: ...]`) on one line, and a hint: clap's tip, else where
/// the help is.
pub fn usage_lines(rendered: &str) -> (String, String) {
    let mut lines = rendered.lines();
    let mut message = lines
        .next()
        .unwrap_or_default()
        .trim_start_matches("error: ")
        .to_string();
    let mut tip = None;
    let mut usage = None;
    let mut in_message = true;
    for line in lines {
        let t = line.trim();
        if t.is_empty() {
            in_message = false;
        } else if let Some(rest) = t.strip_prefix("tip: ") {
            tip.get_or_insert_with(|| rest.to_string());
        } else if let Some(rest) = t.strip_prefix("Usage: ") {
            usage = Some(rest.to_string());
        } else if in_message {
            message.push(' ');
            message.push_str(t);
        }
    }
    // "desk list [OPTIONS]" → "desk list --help".
    let help = usage
        .map(|u| {
            let words: Vec<&str> = u
                .split_whitespace()
                .take_while(|w| !w.starts_with(['[', '<', '-']))
                .collect();
            format!("see `{} --help`", words.join(" "))
        })
        .unwrap_or_else(|| "add --help to the command for its options".into());
    let hint = match tip {
        Some(tip) => format!("{tip}; {help}"),
        None => help,
    };
    (message, hint)
}

/// A write to a pipe whose reader has gone (`desk export | head`), however the writer
/// wrapped it: serde_json and csv keep the I/O error inside their own, and an
/// `io::Error` made from theirs keeps theirs, where the error chain does not show it.
fn closed_pipe(cause: &(dyn std::error::Error + 'static)) -> bool {
    use std::io::ErrorKind::BrokenPipe;
    if let Some(e) = cause.downcast_ref::<std::io::Error>() {
        // `io::Error::from(csv::Error)` and the like hide the real one inside.
        return e.kind() == BrokenPipe || e.get_ref().is_some_and(|inner| closed_pipe(inner));
    }
    if let Some(e) = cause.downcast_ref::<serde_json::Error>() {
        return e.io_error_kind() == Some(BrokenPipe);
    }
    if let Some(e) = cause.downcast_ref::<csv::Error>() {
        return matches!(e.kind(), csv::ErrorKind::Io(io) if io.kind() == BrokenPipe);
    }
    false
}

/// Whether the error is a write to a pipe whose reader has gone.
pub fn is_closed_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(closed_pipe)
}

/// The exit code of a store failure: a writer that held the lock too long is
/// "temporarily unavailable" (75, try again); the rest are runtime failures.
fn store_exit_code(kind: StoreErrorKind) -> i32 {
    match kind {
        StoreErrorKind::Locked => 75,
        StoreErrorKind::Unavailable
        | StoreErrorKind::NotADesk
        | StoreErrorKind::TooNew
        | StoreErrorKind::ReadOnly
        | StoreErrorKind::Corrupt
        | StoreErrorKind::Conflict => 1,
    }
}

/// The one place that decides exit codes. A closed pipe is success (`desk list | head`).
pub fn classify(err: &anyhow::Error) -> Verdict {
    for cause in err.chain() {
        if let Some(e) = cause.downcast_ref::<DeskError>() {
            return Verdict {
                code: e.exit_code(),
                message: Some(err_text(err)),
                hint: e.hint().map(str::to_string),
            };
        }
        if closed_pipe(cause) {
            return Verdict {
                code: 0,
                message: None,
                hint: None,
            };
        }
        if let Some(e) = cause.downcast_ref::<StoreError>()
            && e.is_refusal()
        {
            return Verdict {
                code: store_exit_code(e.kind),
                message: Some(err_text(err)),
                hint: e.hint.clone(),
            };
        }
        if let Some(kind) = crate::store::error_kind(cause) {
            let (message, hint) = match kind {
                StoreErrorKind::Locked => {
                    let locked = DeskError::Locked;
                    (locked.to_string(), locked.hint().map(str::to_string))
                }
                StoreErrorKind::NotADesk | StoreErrorKind::TooNew => (
                    format!("{}: the file is not a desk database", err_text(err)),
                    Some("point --db or DESK_DB at a desk database, or at a new path to create one".into()),
                ),
                StoreErrorKind::Unavailable => (
                    err_text(err),
                    Some("--db and DESK_DB name a database file, not a folder, in a folder this user may write to".into()),
                ),
                StoreErrorKind::ReadOnly => (
                    err_text(err),
                    Some("desk writes the file and, next to it, its journal: check the permissions of both the file and its folder".into()),
                ),
                StoreErrorKind::Corrupt => (
                    format!("{}: the database is damaged", err_text(err)),
                    Some("`desk db check` names what is damaged; restore the latest copy from `desk db backup` (or a desk.db.before-vN beside it)".into()),
                ),
                // A write refused by what is stored: the caller says which record.
                StoreErrorKind::Conflict => continue,
            };
            return Verdict {
                code: store_exit_code(kind),
                message: Some(message),
                hint,
            };
        }
    }
    Verdict {
        code: 1,
        message: Some(err_text(err)),
        hint: None,
    }
}

/// The error and its causes on one line: "opening /x/desk.db: permission denied".
pub fn chain_text(err: &anyhow::Error) -> String {
    err_text(err)
}

fn err_text(err: &anyhow::Error) -> String {
    let mut parts: Vec<String> = Vec::new();
    for cause in err.chain() {
        let s = cause.to_string();
        // SQLite's numbered restatement of the message before it ("Error code 14:
        // unable to open database file") says nothing new to a person.
        if !parts.is_empty() && s.starts_with("Error code ") {
            continue;
        }
        if parts.last().is_none_or(|last| !last.contains(&s)) {
            parts.push(s);
        }
    }
    parts.join(": ").replace('\n', " ")
}

#[cfg(test)]
mod tests {
    use super::usage_lines;

    #[test]
    fn clap_usage_errors_become_one_line_and_a_hint() {
        let unknown = "error: unexpected argument '--foo' found\n\n  tip: to pass '--foo' as a value, use '-- --foo'\n\nUsage: desk list [OPTIONS]\n\nFor more information, try '--help'.\n";
        assert_eq!(
            usage_lines(unknown),
            (
                "unexpected argument '--foo' found".into(),
                "to pass '--foo' as a value, use '-- --foo'; see `desk list --help`".into()
            )
        );
        let value = "error: invalid value 'P9' for '--priority <PRIORITY>'\n  [possible values: P1, P2, P3, P4]\n\nFor more information, try '--help'.\n";
        assert_eq!(
            usage_lines(value),
            (
                "invalid value 'P9' for '--priority <PRIORITY>' [possible values: P1, P2, P3, P4]"
                    .into(),
                "add --help to the command for its options".into()
            )
        );
        let verb = "error: unrecognized subcommand 'lst'\n\n  tip: a similar subcommand exists: 'list'\n\nUsage: desk [OPTIONS] <COMMAND>\n\nFor more information, try '--help'.\n";
        assert_eq!(
            usage_lines(verb),
            (
                "unrecognized subcommand 'lst'".into(),
                "a similar subcommand exists: 'list'; see `desk --help`".into()
            )
        );
    }
}
