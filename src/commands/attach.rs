//! `desk attach` keeps files on a ticket; `desk attachment save` writes one back. Names
//! are cleaned when kept and again when saved, so a saved file never lands outside the
//! folder asked for, whatever the sender called it.

use super::{one_id, write};
use crate::cli::{AttachArgs, AttachmentCommand, AttachmentSaveArgs};
use crate::context::Context;
use crate::domain::outbox::NewAttachment;
use crate::domain::settings::Settings;
use crate::domain::ticket::action;
use crate::error::DeskError;
use crate::notify::message::OutgoingFile;
use anyhow::{Context as _, Result};
use sha2::{Digest, Sha256};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

/// A file read from disk, ready to keep.
#[derive(Debug, Clone)]
pub struct LoadedFile {
    pub name: String,
    pub mime: String,
    pub bytes: Vec<u8>,
    pub sha256: String,
}

impl LoadedFile {
    pub fn outgoing(&self) -> OutgoingFile {
        OutgoingFile {
            name: self.name.clone(),
            mime: self.mime.clone(),
            bytes: self.bytes.clone(),
        }
    }
}

pub fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Reads the files named on the command line, before any transaction: each must be a
/// readable file no larger than `max` bytes.
pub fn load_files(paths: &[PathBuf], max: u64, max_text: &str) -> Result<Vec<LoadedFile>> {
    let mut files = Vec::with_capacity(paths.len());
    for path in paths {
        let shown = crate::domain::text::one_line(&path.display().to_string());
        let meta = std::fs::metadata(path)
            .map_err(|e| DeskError::usage(format!("cannot read {shown}: {}", io_reason(&e))))?;
        if !meta.is_file() {
            return Err(DeskError::usage(format!("{shown} is not a file")).into());
        }
        if meta.len() > max {
            return Err(DeskError::usage_hint(
                format!(
                    "{shown} is {}, larger than attachments.max_size ({max_text}); nothing was attached",
                    super::show::human_size(meta.len() as i64)
                ),
                "`desk config set attachments.max_size 50MiB` raises the limit",
            )
            .into());
        }
        let mut bytes = Vec::with_capacity(meta.len() as usize);
        std::fs::File::open(path)
            .and_then(|f| f.take(max + 1).read_to_end(&mut bytes))
            .map_err(|e| DeskError::usage(format!("cannot read {shown}: {}", io_reason(&e))))?;
        if bytes.len() as u64 > max {
            return Err(DeskError::usage(format!(
                "{shown} grew larger than attachments.max_size ({max_text}) while it was read"
            ))
            .into());
        }
        let raw_name = path
            .file_name()
            .map(|n| n.to_string_lossy().to_string())
            .unwrap_or_default();
        let name = clean_name(&raw_name);
        files.push(LoadedFile {
            mime: mime_for(&name).to_string(),
            sha256: sha256_hex(&bytes),
            name,
            bytes,
        });
    }
    Ok(files)
}

fn io_reason(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file".into(),
        std::io::ErrorKind::PermissionDenied => "permission denied".into(),
        _ => e.to_string(),
    }
}

/// A file name that is safe to write into a folder: its last path component only,
/// without control characters, leading dots or characters that other systems refuse;
/// `attachment` when nothing is left.
pub fn clean_name(name: &str) -> String {
    let last = name
        .rsplit(['/', '\\'])
        .find(|part| !part.trim().is_empty())
        .unwrap_or("");
    let cleaned: String = last
        .chars()
        .map(|c| {
            if c.is_control() || matches!(c, ':' | '*' | '?' | '"' | '<' | '>' | '|') {
                '_'
            } else {
                c
            }
        })
        .collect();
    let cleaned = cleaned.trim().trim_start_matches('.').trim().to_string();
    let mut out = String::new();
    for c in cleaned.chars() {
        if out.len() + c.len_utf8() > 200 {
            break;
        }
        out.push(c);
    }
    if out.is_empty() {
        "attachment".to_string()
    } else {
        out
    }
}

/// The media type a name suggests.
pub fn mime_for(name: &str) -> &'static str {
    let ext = name
        .rsplit_once('.')
        .map(|(_, e)| e.to_ascii_lowercase())
        .unwrap_or_default();
    match ext.as_str() {
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "pdf" => "application/pdf",
        "txt" | "log" => "text/plain",
        "csv" => "text/csv",
        "html" | "htm" => "text/html",
        "json" => "application/json",
        "zip" => "application/zip",
        "docx" => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "xlsx" => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "eml" => "message/rfc822",
        _ => "application/octet-stream",
    }
}

/// Keeps the files on the ticket; returns their ids.
pub fn keep_files(tx: &mut super::Tx, ticket: i64, files: &[LoadedFile]) -> Result<Vec<i64>> {
    let (now, user) = (tx.now, tx.user.clone());
    let mut ids = Vec::new();
    for f in files {
        ids.push(tx.store().insert_attachment(&NewAttachment {
            id: None,
            ticket,
            name: &f.name,
            mime: &f.mime,
            size: f.bytes.len() as i64,
            sha256: Some(&f.sha256),
            content: Some(&f.bytes),
            at: now,
            actor: &user,
        })?);
    }
    Ok(ids)
}

/// The settings in force, read before a command's transaction (to check files first).
pub fn settings_now(ctx: &mut Context) -> Result<Settings> {
    let mut rd = ctx.store.read()?;
    Ok(rd.settings()?.in_force())
}

pub fn run(ctx: &mut Context, a: AttachArgs) -> Result<()> {
    let id = one_id(&a.id)?;
    let settings = settings_now(ctx)?;
    let max_text = settings
        .get("attachments.max_size")
        .unwrap_or("25MiB")
        .to_string();
    let files = load_files(&a.files, settings.max_attachment(), &max_text)?;
    let ids = write(ctx, |tx| {
        let mut w = tx.load(id)?;
        let ids = keep_files(tx, id, &files)?;
        let names: Vec<&str> = files.iter().map(|f| f.name.as_str()).collect();
        let now = tx.now;
        tx.event(
            &mut w,
            now,
            action::EDIT,
            Some(crate::domain::text::truncate(
                &format!("attached {}", names.join(", ")),
                80,
            )),
            None,
        );
        tx.save(w)?;
        Ok(ids)
    })?;
    {
        let w = ctx.out.data();
        for aid in &ids {
            writeln!(w, "{aid}")?;
        }
    }
    let n = ids.len();
    ctx.out.info(&format!(
        "Attached {n} file{} to #{id}",
        if n == 1 { "" } else { "s" }
    ));
    Ok(())
}

pub fn attachment(ctx: &mut Context, c: AttachmentCommand) -> Result<()> {
    match c {
        AttachmentCommand::Save(a) => save(ctx, a),
    }
}

fn attachment_id(s: &str) -> Result<i64> {
    s.trim()
        .parse::<i64>()
        .ok()
        .filter(|n| *n > 0)
        .ok_or_else(|| {
            DeskError::usage_hint(
                format!("{s:?} is not an attachment id"),
                "`desk show ID` lists a ticket's attachments with their ids",
            )
            .into()
        })
}

fn save(ctx: &mut Context, a: AttachmentSaveArgs) -> Result<()> {
    let id = attachment_id(&a.id)?;
    let (att, content) = ctx
        .store
        .read()?
        .attachment(id)?
        .ok_or(DeskError::AttachmentNotFound(id))?;
    let Some(content) = content else {
        return Err(DeskError::not_allowed(format!(
            "attachment {id} ({}, {}) was too large to keep: only its name and size were recorded",
            crate::domain::text::one_line(&att.name),
            super::show::human_size(att.size)
        ))
        .into());
    };
    let name = clean_name(&att.name);
    let target: PathBuf = match a.output.as_deref() {
        Some(p) if p == Path::new("-") => {
            let w = ctx.out.data();
            w.write_all(&content)?;
            return Ok(());
        }
        Some(p) if p.is_dir() => p.join(&name),
        Some(p) => p.to_path_buf(),
        None => PathBuf::from(&name),
    };
    let shown = crate::domain::text::one_line(&target.display().to_string());
    if a.output.as_deref().is_none_or(Path::is_dir) && target.exists() {
        return Err(DeskError::usage_hint(
            format!("{shown} exists already; nothing was written"),
            "-o FILE names another file",
        )
        .into());
    }
    // Written beside the target and moved into place whole.
    let dir = target
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let mut tmp =
        tempfile::NamedTempFile::new_in(dir).with_context(|| format!("writing {shown}"))?;
    tmp.write_all(&content)
        .with_context(|| format!("writing {shown}"))?;
    tmp.persist(&target)
        .map_err(|e| e.error)
        .with_context(|| format!("writing {shown}"))?;
    ctx.out.info(&format!("Saved attachment {id} as {shown}"));
    Ok(())
}

/// Files the attachments and mail of an imported ticket, checking each: the content
/// is base64, its size and SHA-256 agree with what the file says, a kept file has its
/// content and a recorded-only one has none.
pub fn import_extras(
    db: &mut dyn crate::store::Import,
    ticket: i64,
    created_at: chrono::DateTime<chrono::Utc>,
    user: &str,
    attachments: &[crate::intake::records::AttachmentEntry],
    mail: &[crate::intake::records::MailEntry],
) -> Result<()> {
    use crate::intake::records::FieldError;
    let parse_rfc3339 = |s: &str| {
        chrono::DateTime::parse_from_rfc3339(s)
            .ok()
            .map(|t| t.with_timezone(&chrono::Utc))
    };
    use base64::Engine as _;
    let bad = |field: String, msg: &str| -> anyhow::Error {
        anyhow::anyhow!(
            "{}",
            FieldError {
                field,
                msg: msg.to_string(),
            }
        )
    };
    for (i, a) in attachments.iter().enumerate() {
        let field = |f: &str| format!("attachments[{i}].{f}");
        let name = clean_name(&a.name);
        let content = match &a.content {
            Some(b64) => Some(
                base64::engine::general_purpose::STANDARD
                    .decode(b64.as_bytes())
                    .map_err(|_| bad(field("content"), "not base64"))?,
            ),
            None => None,
        };
        let stored = a.stored.unwrap_or(content.is_some());
        if stored != content.is_some() {
            return Err(bad(
                field("stored"),
                if stored {
                    "a kept attachment needs its content"
                } else {
                    "an attachment recorded by name and size has no content"
                },
            ));
        }
        let size = match (&content, a.size) {
            (Some(c), Some(s)) if s != c.len() as i64 => {
                return Err(bad(field("size"), "does not match the content"));
            }
            (Some(c), _) => c.len() as i64,
            (None, Some(s)) if s >= 0 => s,
            (None, _) => return Err(bad(field("size"), "needs a size of 0 or more")),
        };
        let sha = match (&content, &a.sha256) {
            (Some(c), given) => {
                let real = sha256_hex(c);
                if given
                    .as_ref()
                    .is_some_and(|g| !g.eq_ignore_ascii_case(&real))
                {
                    return Err(bad(field("sha256"), "does not match the content"));
                }
                Some(real)
            }
            (None, given) => given.clone(),
        };
        let at = match &a.at {
            Some(s) => parse_rfc3339(s).ok_or_else(|| bad(field("at"), "not an RFC 3339 time"))?,
            None => created_at,
        };
        let mime = a
            .mime
            .clone()
            .unwrap_or_else(|| mime_for(&name).to_string());
        db.insert_attachment(&NewAttachment {
            id: a.id.filter(|i| *i > 0),
            ticket,
            name: &name,
            mime: &mime,
            size,
            sha256: sha.as_deref(),
            content: content.as_deref(),
            at,
            actor: a.actor.as_deref().unwrap_or(user),
        })?;
    }
    for (i, m) in mail.iter().enumerate() {
        let field = |f: &str| format!("mail[{i}].{f}");
        let at = parse_rfc3339(&m.at).ok_or_else(|| bad(field("at"), "not an RFC 3339 time"))?;
        if !matches!(m.direction.as_str(), "in" | "out") {
            return Err(bad(field("direction"), "must be in or out"));
        }
        if let Some(s) = &m.state
            && !matches!(s.as_str(), "queued" | "failed" | "sent")
        {
            return Err(bad(field("state"), "must be queued, failed or sent"));
        }
        db.insert_mail(
            ticket,
            &crate::domain::outbox::MailRecord {
                at,
                direction: m.direction.clone(),
                message_id: m.message_id.clone(),
                to: m.to.clone(),
                subject: m.subject.clone(),
                state: m.state.clone(),
            },
        )?;
        // Answers to these messages still thread back to the ticket.
        if let Some(id) = &m.message_id {
            db.insert_message(id, ticket)?;
        }
    }
    Ok(())
}

/// Keeps the files of a mail filed on a ticket: up to `attachments.max_size` each; a
/// larger one is recorded by name and size only (`stored: false`). Returns those.
pub fn keep_mail_files(
    tx: &mut super::Tx,
    ticket: i64,
    files: &[crate::intake::attachments::MailFile],
    actor: &str,
) -> Result<Vec<(String, usize)>> {
    if files.is_empty() {
        return Ok(Vec::new());
    }
    let max = tx.settings.max_attachment();
    let now = tx.now;
    let mut not_kept = Vec::new();
    let mut names = Vec::new();
    for f in files {
        let name = clean_name(&f.name);
        let keep = f.bytes.len() as u64 <= max;
        let sha = sha256_hex(&f.bytes);
        tx.store().insert_attachment(&NewAttachment {
            id: None,
            ticket,
            name: &name,
            mime: &f.mime,
            size: f.bytes.len() as i64,
            sha256: Some(&sha),
            content: keep.then_some(f.bytes.as_slice()),
            at: now,
            actor,
        })?;
        if keep {
            names.push(name);
        } else {
            names.push(format!("{name} (not kept: too large)"));
            not_kept.push((name, f.bytes.len()));
        }
    }
    let mut w = tx.load(ticket)?;
    tx.event(
        &mut w,
        now,
        action::EDIT,
        Some(crate::domain::text::truncate(
            &format!("attached from mail: {}", names.join(", ")),
            80,
        )),
        None,
    );
    tx.save(w)?;
    Ok(not_kept)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cleaned_names_never_leave_the_folder() {
        assert_eq!(clean_name("../../etc/passwd"), "passwd");
        assert_eq!(clean_name("..\\..\\win.ini"), "win.ini");
        assert_eq!(clean_name("/abs/path/"), "path");
        assert_eq!(clean_name(".."), "attachment");
        assert_eq!(clean_name(".bashrc"), "bashrc");
        assert_eq!(clean_name("a\u{1b}[2Jb:c.txt"), "a_[2Jb_c.txt");
        assert_eq!(clean_name("kuvakaappaus ä.png"), "kuvakaappaus ä.png");
        assert_eq!(clean_name(""), "attachment");
        assert!(clean_name(&"я".repeat(300)).len() <= 200);
    }

    #[test]
    fn sha256_is_hex() {
        assert_eq!(
            sha256_hex(b"abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }
}
