//! The outbox: notices and hook runs are queued inside the transaction of the change
//! they tell about, and delivered after its commit by [`deliver`]. A delivery that fails
//! stays queued (or `failed` when the receiver refused for good) and never undoes the
//! change; the next command that writes, or `desk outbox send`, tries again with the
//! very same bytes, so a retry after an unknown outcome repeats the same Message-ID.

use super::message::{self, Outgoing, OutgoingFile};
use super::template::{self, Fields};
use super::transport::{self, SendError};
use crate::domain::outbox::{Delivery, MailRecord, NewDelivery};
use crate::domain::settings::Settings;
use crate::domain::ticket::{Event, Ticket, action};
use crate::domain::zone::Zone;
use crate::store::{Claim, Storage, WriteMode, WriteTxn};
use anyhow::Result;
use chrono::{DateTime, Utc};
use serde_json::Value;
use std::collections::HashMap;
use std::io::Write;
use std::process::{Command, Stdio};

/// What a command lets the outbox do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Telling {
    /// Mail the requester for the moves in `notify` (`--no-notify` turns it off; so
    /// does a message from a machine, see `loops`).
    pub notices: bool,
    /// Queue `hooks.command` for each event (off inside a hook: `DESK_HOOK=1`).
    pub hooks: bool,
}

impl Telling {
    /// From the environment and `--no-notify`.
    pub fn new(no_notify: bool) -> Telling {
        Telling {
            notices: !no_notify,
            hooks: !in_hook(),
        }
    }

    pub fn none() -> Telling {
        Telling {
            notices: false,
            hooks: false,
        }
    }
}

/// Whether this desk runs inside a hook (`DESK_HOOK=1`): it records its changes but runs
/// no hooks, so a hook never triggers itself.
pub fn in_hook() -> bool {
    std::env::var_os("DESK_HOOK").is_some_and(|v| v == "1")
}

/// How long a run holds the deliveries it took (wall clock) before another may take them.
const CLAIM_SECONDS: i64 = 300;

/// The notice an event's action sends, if any.
fn notice_for(act: &str) -> Option<&'static str> {
    Some(match act {
        action::CREATE => "new",
        action::WAIT => "wait",
        action::RESOLVE => "resolve",
        action::CLOSE => "close",
        action::REOPEN => "reopen",
        action::CANCEL => "cancel",
        _ => return None,
    })
}

/// The notices wanted (`notify`), when mail is on (`mail.from` set).
fn wanted(settings: &Settings, notice: &str) -> bool {
    let from = settings.get("mail.from").unwrap_or("");
    !from.trim().is_empty()
        && settings
            .get("notify")
            .unwrap_or("")
            .split(',')
            .any(|n| n == notice)
}

/// Queues what the events a command saved tell: a notice per move named in `notify`,
/// and a hook run per event. Runs inside the command's transaction. Returns whether
/// mail or hooks are on, so that the outbox is delivered after the commit.
pub fn queue_for_events(
    txn: &mut dyn WriteTxn,
    settings: &Settings,
    now: DateTime<Utc>,
    tz: &Zone,
    recorded: &[(i64, Event)],
    telling: Telling,
) -> Result<bool> {
    let hook = settings
        .get("hooks.command")
        .map(str::trim)
        .filter(|c| !c.is_empty() && telling.hooks)
        .map(str::to_string);
    // Mail is off while mail.from is unset.
    let mail_on = !settings.get("mail.from").unwrap_or("").trim().is_empty();
    let notices = telling.notices && mail_on;
    if hook.is_none() && !notices {
        return Ok(mail_on || hook.is_some());
    }
    let mut documents: HashMap<i64, Value> = HashMap::new();
    for (ticket_id, e) in recorded {
        if notices
            && let Some(notice) = notice_for(&e.action)
            && wanted(settings, notice)
        {
            let t = txn.ticket(*ticket_id)?;
            let body = template::fill(&template_text(settings, notice), &fields(settings, &t, e));
            // A ticket without a (valid) address simply gets no notice.
            let _ = queue_mail(txn, settings, now, &t, &body, true, &[])?;
        }
        if let Some(command) = &hook {
            if !documents.contains_key(ticket_id) {
                let doc = crate::output::document::ticket_document(
                    &txn.ticket_in_full(*ticket_id)?,
                    settings,
                    tz,
                    now,
                );
                documents.insert(*ticket_id, doc);
            }
            let doc = &documents[ticket_id];
            let payload = serde_json::json!({
                "event": event_as_shown(doc, e),
                "ticket": doc,
            });
            txn.insert_delivery(
                &NewDelivery {
                    kind: "hook",
                    ticket: Some(*ticket_id),
                    sender: None,
                    recipient: command,
                    subject: Some(&e.action),
                    message_id: None,
                    payload: serde_json::to_string(&payload)?.as_bytes(),
                },
                now,
            )?;
        }
    }
    Ok(true)
}

/// The event as `show --format json` prints it (with its `data`): found in the
/// ticket's document, the last of its events that is this one.
fn event_as_shown(doc: &Value, e: &Event) -> Value {
    let at = crate::domain::time::rfc3339(e.at);
    let recorded_at = crate::domain::time::rfc3339(e.recorded_at);
    let fallback = || {
        serde_json::json!({
            "at": at,
            "recorded_at": recorded_at,
            "actor": e.actor,
            "action": e.action,
            "detail": e.detail,
            "status": e.status.map(|s| s.as_str()),
        })
    };
    doc["events"]
        .as_array()
        .and_then(|events| {
            events.iter().rev().find(|x| {
                x["action"] == e.action.as_str()
                    && x["at"] == at.as_str()
                    && x["recorded_at"] == recorded_at.as_str()
                    && x["actor"] == e.actor.as_str()
                    && x["detail"] == serde_json::json!(e.detail)
            })
        })
        .cloned()
        .unwrap_or_else(fallback)
}

/// A notice's text: the `template.NOTICE` setting, else the built-in one.
pub fn template_text(settings: &Settings, notice: &str) -> String {
    settings
        .get(&format!("template.{notice}"))
        .map(str::to_string)
        .unwrap_or_else(|| template::default_template(notice).to_string())
}

/// The placeholders' values for a ticket and the event that moved it.
pub fn fields(settings: &Settings, t: &Ticket, e: &Event) -> Fields {
    let reason = match e.action.as_str() {
        action::WAIT | action::REOPEN | action::CANCEL => e.detail.clone().unwrap_or_default(),
        _ => String::new(),
    };
    Fields {
        id: t.id,
        title: t.title.clone(),
        status: t.status.as_str().to_string(),
        solution: t.resolution.clone().unwrap_or_default(),
        reason,
        verify_window: settings.get("verify_window").unwrap_or("24h").to_string(),
        requester: t
            .requester
            .clone()
            .or_else(|| t.email.clone())
            .unwrap_or_default(),
        actor: e.actor.clone(),
    }
}

/// Why a mail could not be queued.
#[derive(Debug, Clone, PartialEq)]
pub enum NotQueued {
    /// `mail.from` is unset: mail is off.
    MailOff,
    /// The ticket has no `email`.
    NoAddress,
    /// `mail.from` or the ticket's `email` is not an address.
    BadAddress(String),
}

/// Queues one mail to the ticket's requester, threaded to their own messages, and
/// records it on the ticket. Returns the outbox id, or why nothing was queued.
pub fn queue_mail(
    txn: &mut dyn WriteTxn,
    settings: &Settings,
    now: DateTime<Utc>,
    t: &Ticket,
    body: &str,
    automatic: bool,
    files: &[OutgoingFile],
) -> Result<Result<i64, NotQueued>> {
    let from = settings.get("mail.from").unwrap_or("").trim();
    if from.is_empty() {
        return Ok(Err(NotQueued::MailOff));
    }
    let Some(email) = t.email.as_deref().filter(|e| !e.trim().is_empty()) else {
        return Ok(Err(NotQueued::NoAddress));
    };
    let from = match message::mailbox(from) {
        Ok(m) => m,
        Err(e) => return Ok(Err(NotQueued::BadAddress(e))),
    };
    let to = match message::recipient(email, t.requester.as_deref()) {
        Ok(m) => m,
        Err(e) => return Ok(Err(NotQueued::BadAddress(e))),
    };
    let message_id = message::new_message_id(t.id, &from, now);
    let outgoing = Outgoing {
        from: from.clone(),
        to: to.clone(),
        ticket: t.id,
        title: t.title.clone(),
        body: body.to_string(),
        message_id: message_id.clone(),
        thread: txn.inbound_message_ids(t.id)?,
        automatic,
        date: now,
        files: files.to_vec(),
    };
    let raw = message::build(&outgoing).map_err(anyhow::Error::msg)?;
    let subject = message::subject(t.id, &t.title);
    let sender = from.email.to_string();
    let recipient = to.email.to_string();
    let id = txn.insert_delivery(
        &NewDelivery {
            kind: "mail",
            ticket: Some(t.id),
            sender: Some(&sender),
            recipient: &recipient,
            subject: Some(&subject),
            message_id: Some(&message_id),
            payload: &raw,
        },
        now,
    )?;
    txn.insert_mail(
        t.id,
        &MailRecord {
            at: now,
            direction: "out".into(),
            message_id: Some(message_id.clone()),
            to: Some(recipient),
            subject: Some(subject),
            state: None,
        },
        Some(id),
    )?;
    // An answer that quotes this message threads back to the ticket.
    txn.insert_message(&message_id, t.id)?;
    Ok(Ok(id))
}

/// How a delivery run went: what was sent, and what stays in the outbox and why.
#[derive(Debug, Default)]
pub struct Delivered {
    pub sent: usize,
    pub failed: Vec<(Delivery, SendError)>,
}

/// Delivers what is due, outside any transaction (a hook may call desk). With
/// `failed`, deliveries the receiver refused for good are tried again too. Inside a
/// hook (`DESK_HOOK=1`) only mail goes out.
pub fn deliver(
    store: &mut dyn Storage,
    settings: &Settings,
    now: DateTime<Utc>,
    failed: bool,
) -> Result<Delivered> {
    if !store.read()?.has_pending(failed)? {
        return Ok(Delivered::default());
    }
    let wall = Utc::now().timestamp();
    let kinds: &[&str] = if in_hook() {
        &["mail"]
    } else {
        &["mail", "hook"]
    };
    let due = {
        let mut w = store.write(WriteMode::Command)?;
        let due = w.claim_deliveries(&Claim {
            wall_now: wall,
            until: wall + CLAIM_SECONDS,
            failed,
            kinds,
        })?;
        w.commit()?;
        due
    };
    let mut report = Delivered::default();
    if due.is_empty() {
        return Ok(report);
    }
    let password = std::env::var("DESK_SMTP_PASSWORD").ok();
    let transport = transport::parse(
        settings.get("mail.transport").unwrap_or("sendmail"),
        settings
            .get("mail.sendmail")
            .unwrap_or(transport::DEFAULT_SENDMAIL),
        password,
    );
    for (d, payload) in due {
        let outcome = match d.kind.as_str() {
            "hook" => run_hook(&d.recipient, &payload),
            _ => match &transport {
                Ok(t) => t.send(
                    d.sender.as_deref().unwrap_or(""),
                    std::slice::from_ref(&d.recipient),
                    &payload,
                ),
                Err(e) => Err(SendError {
                    message: format!("mail.transport: {e}"),
                    permanent: false,
                }),
            },
        };
        let mut w = store.write(WriteMode::Command)?;
        match outcome {
            Ok(()) => {
                w.record_sent(d.id, now)?;
                w.commit()?;
                report.sent += 1;
            }
            Err(e) => {
                w.record_failure(d.id, now, &e)?;
                w.commit()?;
                report.failed.push((d, e));
            }
        }
    }
    Ok(report)
}

/// Runs `hooks.command` through the shell with the change on stdin and `DESK_HOOK=1`;
/// its output goes to stderr, so it never mixes into what desk prints for scripts.
fn run_hook(command: &str, payload: &[u8]) -> Result<(), SendError> {
    let fail = |message: String| SendError {
        message,
        permanent: false,
    };
    let mut child = Command::new("/bin/sh")
        .arg("-c")
        .arg(command)
        .env("DESK_HOOK", "1")
        .stdin(Stdio::piped())
        .stdout(Stdio::from(std::io::stderr()))
        .stderr(Stdio::inherit())
        .spawn()
        .map_err(|e| fail(format!("running the hook: {e}")))?;
    if let Some(mut stdin) = child.stdin.take() {
        // A hook that does not read its stdin is fine.
        let _ = stdin
            .write_all(payload)
            .and_then(|()| stdin.write_all(b"\n"));
    }
    let status = child
        .wait()
        .map_err(|e| fail(format!("running the hook: {e}")))?;
    match status.code() {
        Some(0) => Ok(()),
        Some(c) => Err(fail(format!("the hook exited with status {c}"))),
        None => Err(fail("the hook was killed by a signal".into())),
    }
}

/// The warning for a delivery that did not go out.
pub fn warning(d: &Delivery, e: &SendError) -> String {
    let what = match (d.kind.as_str(), d.ticket) {
        ("hook", Some(t)) => format!(
            "the hook for #{t} ({})",
            d.subject.as_deref().unwrap_or("change")
        ),
        ("hook", None) => "a hook".to_string(),
        (_, Some(t)) => format!("the mail to {} about #{t}", d.recipient),
        (_, None) => format!("the mail to {}", d.recipient),
    };
    let then = if e.permanent {
        "it is marked failed: `desk outbox send` tries it again"
    } else {
        "it stays queued: `desk outbox send` or the next change retries it"
    };
    format!("{what} was not delivered ({}); {then}", e.message)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::ticket::Status;

    fn event(act: &str, detail: Option<&str>) -> Event {
        let at = DateTime::from_timestamp(1_790_000_000, 0).unwrap();
        Event {
            at,
            recorded_at: at,
            actor: "ana".into(),
            action: act.into(),
            detail: detail.map(str::to_string),
            status: Some(Status::Waiting),
            recorded_by: None,
        }
    }

    #[test]
    fn only_the_moves_that_tell_have_notices() {
        assert_eq!(notice_for(action::CREATE), Some("new"));
        assert_eq!(notice_for(action::RESOLVE), Some("resolve"));
        assert_eq!(notice_for(action::COMMENT), None, "a reply mails itself");
        assert_eq!(notice_for(action::ASSIGN), None);
        let on = Settings::new(&[("mail.from".into(), "desk@example.fi".into())]);
        assert!(wanted(&on, "new") && wanted(&on, "wait") && !wanted(&on, "close"));
        assert!(
            !wanted(&Settings::new(&[]), "new"),
            "mail is off without mail.from"
        );
    }

    #[test]
    fn the_reason_is_the_events_detail_and_the_solution_the_tickets() {
        let s = Settings::new(&[("verify_window".into(), "48h".into())]);
        let mut t = Ticket::new("Näyttö".into(), Utc::now());
        t.id = 4;
        t.email = Some("a@b.fi".into());
        t.resolution = Some("Kaapeli vaihdettu".into());
        let f = fields(&s, &t, &event(action::WAIT, Some("Onko virta päällä?")));
        assert_eq!(f.reason, "Onko virta päällä?");
        assert_eq!(
            f.requester, "a@b.fi",
            "the address stands in for a missing name"
        );
        assert_eq!(f.verify_window, "48h");
        assert_eq!(f.actor, "ana");
        let f = fields(&s, &t, &event(action::RESOLVE, Some("x (kb 3)")));
        assert_eq!(f.solution, "Kaapeli vaihdettu");
        assert_eq!(f.reason, "");
    }
}
