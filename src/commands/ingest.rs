//! `desk ingest mail`: one RFC 5322 message from stdin (a mail server's pipe) becomes a
//! ticket, or a comment on the ticket it answers. The same Message-ID is filed once.

use super::Tx;
use super::tx::Working;
use crate::cli::{IngestCommand, IngestMailArgs};
use crate::context::Context;
use crate::domain::moves::{self, Change};
use crate::domain::ticket::{Channel, Comment, Move, Status, Ticket, action};
use crate::error::DeskError;
use crate::intake::mail::{Mail, clean_subject, parse_mail, strip_quoted_reply, ticket_ref};
use crate::store::NewComment;
use anyhow::{Context as _, Result};
use std::io::Read;

/// Mail larger than this is refused rather than read into memory whole.
const MAX_MAIL_BYTES: u64 = 64 * 1024 * 1024;

pub fn run(ctx: &mut Context, c: IngestCommand) -> Result<()> {
    match c {
        IngestCommand::Mail(a) => mail(ctx, a),
    }
}

/// What filing a message did.
enum Filed {
    New(i64),
    Reply(i64, Option<Status>),
    Duplicate(i64),
}

fn mail(ctx: &mut Context, a: IngestMailArgs) -> Result<()> {
    let mut raw = Vec::new();
    std::io::stdin()
        .take(MAX_MAIL_BYTES + 1)
        .read_to_end(&mut raw)
        .context("reading the message from stdin")?;
    if raw.len() as u64 > MAX_MAIL_BYTES {
        return Err(
            DeskError::usage("the message is larger than 64 MiB; nothing was filed").into(),
        );
    }
    let m = parse_mail(&raw).map_err(|e| DeskError::usage(format!("{e}; nothing was filed")))?;
    let org = super::clean(a.org);
    // No notice answers a machine (RFC 3834): an out-of-office reply never loops.
    if crate::notify::loops::is_automatic(&raw) {
        ctx.telling.notices = false;
    }
    // The id is written after the commit, as `new` writes its id: if stdout fails, the
    // error names the ticket, and the mail server's next try finds the Message-ID
    // filed and files nothing twice.
    let files = crate::intake::attachments::mail_files(&raw);
    let mut not_kept = Vec::new();
    let mut max = String::new();
    let filed = super::write_and_print(
        ctx,
        |tx| {
            // Without --org, a sender from a registered domain (or a subdomain of
            // one) is filed under that organisation.
            let org = match &org {
                Some(o) => Some(o.clone()),
                None => {
                    let orgs = tx.store().orgs(false)?;
                    m.from_email
                        .as_deref()
                        .and_then(|e| crate::domain::org::org_for_address(&orgs, e))
                        .map(|o| o.name.clone())
                }
            };
            let filed = file(tx, &m, org.as_deref())?;
            if let Filed::New(id) | Filed::Reply(id, _) = filed {
                let actor = m.from_email.as_deref().unwrap_or("mail");
                not_kept = super::attach::keep_mail_files(tx, id, &files, actor)?;
                max = tx
                    .settings
                    .get("attachments.max_size")
                    .unwrap_or("")
                    .to_string();
            }
            Ok(filed)
        },
        |_, filed, w| {
            let (Filed::New(id) | Filed::Reply(id, _) | Filed::Duplicate(id)) = *filed;
            writeln!(w, "{id}")?;
            Ok(())
        },
        |filed| {
            let (Filed::New(id) | Filed::Reply(id, _) | Filed::Duplicate(id)) = *filed;
            format!("ticket #{id}")
        },
    )?;
    for (name, size) in &not_kept {
        ctx.out.warn(&format!(
            "the attachment {name} ({}) is larger than attachments.max_size ({max}): only its name and size were recorded",
            super::show::human_size(*size as i64)
        ));
    }
    match filed {
        Filed::New(id) => {
            ctx.out
                .info(&format!("Filed a new ticket #{id} from {}", sender(&m)));
        }
        Filed::Reply(id, moved) => {
            let how = match moved {
                Some(Status::New | Status::Open) => " (reopened)",
                _ => "",
            };
            ctx.out.info(&format!("Filed as a reply on #{id}{how}"));
        }
        Filed::Duplicate(id) => {
            ctx.out
                .info(&format!("Already filed on #{id}; nothing changed"));
        }
    }
    Ok(())
}

fn sender(m: &Mail) -> String {
    m.from_name
        .clone()
        .or_else(|| m.from_email.clone())
        .unwrap_or_else(|| "unknown sender".into())
}

fn file(tx: &mut Tx, m: &Mail, org: Option<&str>) -> Result<Filed> {
    if let Some(mid) = &m.message_id
        && let Some(id) = tx.store().ticket_for_message(mid)?
    {
        return Ok(Filed::Duplicate(id));
    }
    let target = match ticket_ref(&m.subject) {
        Some(id) if tx.store().ticket_exists(id)? => Some(id),
        _ => {
            let mut found = None;
            for r in m.in_reply_to.iter().chain(m.references.iter().rev()) {
                if let Some(id) = tx.store().ticket_for_message(r)? {
                    found = Some(id);
                    break;
                }
            }
            found
        }
    };
    let filed = match target {
        Some(id) => reply(tx, id, m)?,
        None => Filed::New(new_ticket(tx, m, org)?),
    };
    let id = match filed {
        Filed::New(id) | Filed::Reply(id, _) | Filed::Duplicate(id) => id,
    };
    if let Some(mid) = &m.message_id {
        tx.store().insert_message(mid, id)?;
    }
    let subject = Some(m.subject.as_str()).filter(|s| !s.is_empty());
    let now = tx.now;
    tx.store().insert_mail(
        id,
        &crate::domain::outbox::MailRecord {
            at: now,
            direction: "in".into(),
            message_id: m.message_id.clone(),
            to: None,
            subject: subject.map(str::to_string),
            state: None,
        },
        None,
    )?;
    Ok(filed)
}

fn new_ticket(tx: &mut Tx, m: &Mail, org: Option<&str>) -> Result<i64> {
    let title = clean_subject(&m.subject);
    let title = if title.trim().is_empty() {
        "(no subject)".to_string()
    } else {
        title
    };
    let t = Ticket {
        description: Some(m.body.clone()).filter(|b| !b.trim().is_empty()),
        requester: m.from_name.clone().or_else(|| m.from_email.clone()),
        email: m.from_email.clone(),
        org: org.map(str::to_string),
        channel: Some(Channel::Email),
        ..Ticket::new(title, tx.now)
    };
    let mut w = Working::new(t);
    let detail = m.message_id.as_ref().map(|id| format!("mail <{id}>"));
    let now = tx.now;
    tx.event(&mut w, now, action::CREATE, detail, Some(Status::New));
    tx.save(w)
}

/// The customer answered: a comment (not the desk's response), and a resolved ticket
/// reopens ("still broken"), a waiting one resumes.
fn reply(tx: &mut Tx, id: i64, m: &Mail) -> Result<Filed> {
    let mut w = tx.load(id)?;
    let text = strip_quoted_reply(&m.body);
    let text = if text.trim().is_empty() {
        m.subject.clone()
    } else {
        text
    };
    let author = m
        .from_email
        .clone()
        .or_else(|| m.from_name.clone())
        .unwrap_or_else(|| "unknown".into());
    let now = tx.now;
    let comment = Comment {
        at: now,
        actor: author.clone(),
        text,
        internal: false,
    };
    tx.store().insert_comment(&NewComment {
        ticket: id,
        comment: &comment,
        recorded_at: now,
        from_mail: true,
    })?;
    tx.event(
        &mut w,
        now,
        action::REPLY,
        Some(format!("mail from {author}")),
        None,
    );
    let change = match w.ticket.status {
        Status::Resolved => Some((
            Change::Reopen,
            action::REOPEN,
            "the customer replied: still broken",
        )),
        Status::Waiting => Some((Change::Resume, action::RESUME, "the customer replied")),
        _ => None,
    };
    let mut moved = None;
    let mut reopened = false;
    if let Some((change, act, detail)) = change
        && moves::check(&w.ticket, change.kind()).is_ok()
    {
        reopened = change.kind() == Move::Reopen;
        let to = tx.perform(&mut w, change)?;
        tx.event(&mut w, now, act, Some(detail.to_string()), Some(to));
        moved = Some(to);
    }
    tx.save(w)?;
    Ok(Filed::Reply(id, moved.filter(|_| reopened)))
}
