//! What a command reads besides its flags: ticket ids (also from stdin), text from an
//! argument or stdin, text typed in $EDITOR (kept should the command fail), and the
//! tidying of free text and tags.

use crate::domain::ticket::parse_id;
use crate::error::DeskError;
use anyhow::{Context as _, Result};
use std::io::{BufRead, Read};

/// Ticket ids from arguments; `-` reads them from stdin, one per line (the first field
/// of each line, so `desk list` TSV without its header works too). Duplicates are
/// dropped, order kept.
pub fn read_ids(args: &[String]) -> Result<Vec<i64>> {
    let mut ids: Vec<i64> = Vec::new();
    let mut push = |id: i64| {
        if !ids.contains(&id) {
            ids.push(id);
        }
    };
    for a in args {
        if a == "-" {
            let stdin = std::io::stdin();
            for (n, line) in stdin.lock().lines().enumerate() {
                let line = match line {
                    Ok(line) => line,
                    Err(e) if e.kind() == std::io::ErrorKind::InvalidData => {
                        return Err(DeskError::usage(format!(
                            "stdin line {}: not UTF-8 text",
                            n + 1
                        ))
                        .into());
                    }
                    Err(e) => return Err(anyhow::Error::new(e).context("reading ids from stdin")),
                };
                let Some(first) = line.split_whitespace().next() else {
                    continue;
                };
                let id = parse_id(first).ok_or_else(|| {
                    DeskError::usage(format!(
                        "stdin line {}: {first:?} is not a ticket id",
                        n + 1
                    ))
                })?;
                push(id);
            }
        } else {
            push(parse_id(a).ok_or_else(|| {
                DeskError::usage_hint(
                    format!("{a:?} is not a ticket id"),
                    "ids look like 42 or #42",
                )
            })?);
        }
    }
    // An empty stdin is an empty batch: `desk list -q ... | desk assign -` with nothing
    // to assign does nothing and succeeds, like xargs -r.
    Ok(ids)
}

/// One id argument.
pub fn one_id(s: &str) -> Result<i64> {
    parse_id(s).ok_or_else(|| {
        DeskError::usage_hint(
            format!("{s:?} is not a ticket id"),
            "ids look like 42 or #42",
        )
        .into()
    })
}

/// Text from an argument; `-` reads all of stdin.
pub fn text_arg(s: &str) -> Result<String> {
    if s != "-" {
        return Ok(s.to_string());
    }
    let mut raw = Vec::new();
    std::io::stdin()
        .read_to_end(&mut raw)
        .context("reading stdin")?;
    // Bytes that are not UTF-8 are an invalid value, as they are in an argument.
    let buf = String::from_utf8(raw).map_err(|e| {
        DeskError::usage(format!(
            "stdin is not UTF-8 text (byte {} of it is not); nothing changed",
            e.utf8_error().valid_up_to() + 1
        ))
    })?;
    Ok(buf.trim_end_matches(['\n', '\r']).to_string())
}

/// Opens $EDITOR (then $VISUAL, then vi) on `initial`, returns what was saved.
/// No transaction is open while the editor runs.
pub fn edit_text(initial: &str, suffix: &str) -> Result<String> {
    let editor = std::env::var("VISUAL")
        .ok()
        .filter(|v| !v.trim().is_empty())
        .or_else(|| {
            std::env::var("EDITOR")
                .ok()
                .filter(|v| !v.trim().is_empty())
        })
        .unwrap_or_else(|| "vi".into());
    // A new file with a name nobody can guess, readable by this user only (what a
    // ticket says may be private).
    let file = tempfile::Builder::new()
        .prefix("desk-")
        .suffix(suffix)
        .tempfile()
        .context("making the file for the editor")?;
    std::fs::write(file.path(), initial).context("writing the file for the editor")?;
    let status = std::process::Command::new("sh")
        .arg("-c")
        .arg(format!("{editor} \"$1\""))
        .arg("sh")
        .arg(file.path())
        .status()
        .with_context(|| format!("starting the editor {editor:?}"))?;
    if !status.success() {
        return Err(DeskError::runtime_hint(
            format!("the editor {editor:?} failed ({status}); nothing changed"),
            "set $VISUAL or $EDITOR to an editor that exits 0 when it saves, or give the text with flags",
        )
        .into());
    }
    // From here on what was written is kept until the command succeeds: should it fail
    // (text that is not UTF-8, an empty title, a lock held too long), `main` names the
    // file instead of losing the typing.
    let (_, path) = file.keep().context("keeping the edited file")?;
    let text = std::fs::read(&path).context("reading the edited file");
    keep_edit(path);
    String::from_utf8(text?).map_err(|e| {
        DeskError::usage(format!(
            "what the editor saved is not UTF-8 text (byte {} is not); nothing changed",
            e.utf8_error().valid_up_to() + 1
        ))
        .into()
    })
}

/// The file of the last edit, while the command that asked for it has not succeeded.
static KEPT_EDIT: std::sync::Mutex<Option<std::path::PathBuf>> = std::sync::Mutex::new(None);

fn keep_edit(path: std::path::PathBuf) {
    if let Ok(mut kept) = KEPT_EDIT.lock()
        && let Some(older) = kept.replace(path)
    {
        let _ = std::fs::remove_file(older);
    }
}

/// When the command ended: on success the edited file goes; on failure its path, so
/// the user can take the text from it.
pub fn settle_edit(succeeded: bool) -> Option<std::path::PathBuf> {
    let path = KEPT_EDIT.lock().ok()?.take()?;
    if succeeded {
        let _ = std::fs::remove_file(&path);
        None
    } else {
        Some(path)
    }
}

/// An optional text: trimmed, empty as None.
pub fn clean(v: Option<String>) -> Option<String> {
    v.map(|s| s.trim().to_string()).filter(|s| !s.is_empty())
}

/// Tags as given: trimmed, no empties, no commas (CSV joins them with commas), each once.
pub fn clean_tags(tags: Vec<String>) -> Result<Vec<String>> {
    let mut out: Vec<String> = Vec::new();
    for t in tags {
        let t = t.trim().to_string();
        if t.is_empty() {
            continue;
        }
        if t.contains(',') {
            return Err(DeskError::usage_hint(
                format!("tag {t:?} contains a comma"),
                "repeat --tag for several tags",
            )
            .into());
        }
        if !out.contains(&t) {
            out.push(t);
        }
    }
    Ok(out)
}
