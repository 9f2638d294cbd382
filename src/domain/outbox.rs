//! What goes out and what is kept beside a ticket, as the store hands it over: the
//! outbox's deliveries (mail and hook runs), the mail a ticket sent and received, and
//! its attachments.

use chrono::{DateTime, Utc};

/// Why a delivery did not happen (the outbox keeps the message, and queues it again
/// unless it is permanent).
#[derive(Debug, Clone, PartialEq)]
pub struct SendError {
    pub message: String,
    /// The receiver refused for good (SMTP 5xx); trying again will not help.
    pub permanent: bool,
}

impl std::fmt::Display for SendError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

/// One delivery as `desk outbox` lists it.
#[derive(Debug, Clone, PartialEq)]
pub struct Delivery {
    pub id: i64,
    /// `mail` or `hook`.
    pub kind: String,
    pub ticket: Option<i64>,
    pub created_at: DateTime<Utc>,
    /// `queued`, `failed` or `sent`.
    pub state: String,
    pub attempts: i64,
    pub last_attempt_at: Option<DateTime<Utc>>,
    pub last_error: Option<String>,
    pub sent_at: Option<DateTime<Utc>>,
    pub sender: Option<String>,
    pub recipient: String,
    pub subject: Option<String>,
    pub message_id: Option<String>,
}

/// A delivery to queue.
pub struct NewDelivery<'a> {
    pub kind: &'a str,
    pub ticket: Option<i64>,
    pub sender: Option<&'a str>,
    pub recipient: &'a str,
    pub subject: Option<&'a str>,
    pub message_id: Option<&'a str>,
    pub payload: &'a [u8],
}

/// One message in or out of a ticket, as `show` lists it.
#[derive(Debug, Clone, PartialEq)]
pub struct MailRecord {
    pub at: DateTime<Utc>,
    /// `in` or `out`.
    pub direction: String,
    pub message_id: Option<String>,
    pub to: Option<String>,
    pub subject: Option<String>,
    /// The delivery's state for mail out; None for mail in.
    pub state: Option<String>,
}

/// A file kept on a ticket.
#[derive(Debug, Clone, PartialEq)]
pub struct Attachment {
    pub id: i64,
    pub ticket: i64,
    pub name: String,
    pub mime: String,
    pub size: i64,
    pub sha256: Option<String>,
    pub stored: bool,
    pub at: DateTime<Utc>,
    pub actor: String,
}

/// An attachment to keep on ticket `ticket`; `content` None records only its name and
/// size.
pub struct NewAttachment<'a> {
    /// The id an imported file gave it, kept where it is free (else the next one).
    pub id: Option<i64>,
    pub ticket: i64,
    pub name: &'a str,
    pub mime: &'a str,
    pub size: i64,
    pub sha256: Option<&'a str>,
    pub content: Option<&'a [u8]>,
    pub at: DateTime<Utc>,
    pub actor: &'a str,
}
