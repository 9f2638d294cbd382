//! A ticket's JSON document, as `desk show --format json` prints it: the ticket with its
//! history, comments, time log, links, attachments and mail. `show`, `export` and the
//! hooks' payload all use this one builder.

use crate::domain::outbox::{Attachment, MailRecord};
use crate::domain::settings::Settings;
use crate::domain::ticket_sla::evaluate_sla;
use crate::domain::time::rfc3339;
use crate::domain::zone::Zone;
use crate::output::tickets::{ShowView, show_json};
use crate::store::TicketInFull;
use chrono::{DateTime, Utc};
use serde_json::{Value, json};

/// The ticket as `show --format json` prints it; hooks get the same document.
pub fn ticket_document(
    full: &TicketInFull,
    settings: &Settings,
    tz: &Zone,
    now: DateTime<Utc>,
) -> Value {
    let mut v = show_json(&show_view(full, settings, tz, now, false));
    if let Value::Object(m) = &mut v {
        add_attachments_and_mail(m, &full.attachments, &full.mail);
    }
    v
}

/// What `show` prints of a ticket, its SLA worked out under `settings` at `now`.
pub fn show_view<'a>(
    full: &'a TicketInFull,
    settings: &Settings,
    tz: &'a Zone,
    now: DateTime<Utc>,
    color: bool,
) -> ShowView<'a> {
    let t = &full.ticket;
    ShowView {
        ticket: t,
        sla: evaluate_sla(settings, tz, t, &full.events, now).status,
        events: &full.events,
        comments: &full.comments,
        worklog: &full.worklog,
        links: &full.links,
        now,
        tz,
        color,
    }
}

/// Adds the `attachments` and `mail` arrays to a ticket's JSON; an attachment that
/// comes with its bytes (an export) carries them as base64 `content`.
pub fn add_attachments_and_mail(
    m: &mut serde_json::Map<String, Value>,
    attachments: &[(Attachment, Option<Vec<u8>>)],
    mail: &[MailRecord],
) {
    use base64::Engine as _;
    let attachments: Vec<Value> = attachments
        .iter()
        .map(|(a, content)| {
            let mut v = json!({
                "id": a.id,
                "name": a.name,
                "type": a.mime,
                "size": a.size,
                "sha256": a.sha256,
                "stored": a.stored,
                "at": rfc3339(a.at),
                "actor": a.actor,
            });
            if let (Some(bytes), Value::Object(o)) = (content, &mut v) {
                o.insert(
                    "content".into(),
                    Value::String(base64::engine::general_purpose::STANDARD.encode(bytes)),
                );
            }
            v
        })
        .collect();
    m.insert("attachments".into(), Value::Array(attachments));
    let mail: Vec<Value> = mail
        .iter()
        .map(|r| {
            json!({
                "at": rfc3339(r.at),
                "direction": r.direction,
                "message_id": r.message_id,
                "to": r.to,
                "subject": r.subject,
                "state": r.state,
            })
        })
        .collect();
    m.insert("mail".into(), Value::Array(mail));
}
