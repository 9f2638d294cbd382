//! The outbox, the mail of a ticket, and attachments on SQLite: rows written in the
//! transaction of the change they belong to, and the short transactions that claim a
//! delivery and record how it went.

use crate::domain::outbox::{
    Attachment, Delivery, MailRecord, NewAttachment, NewDelivery, SendError,
};
use crate::domain::ticket::{Event, Status};
use crate::domain::time::from_unix;
use crate::store::Claim;
use anyhow::Result;
use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension, Row, params};

const COLUMNS: &str = "id, kind, ticket_id, created_at, state, attempts, last_attempt_at, \
    last_error, sent_at, sender, recipient, subject, message_id";

fn delivery_from_row(r: &Row) -> rusqlite::Result<Delivery> {
    Ok(Delivery {
        id: r.get("id")?,
        kind: r.get("kind")?,
        ticket: r.get("ticket_id")?,
        created_at: from_unix(r.get("created_at")?),
        state: r.get("state")?,
        attempts: r.get("attempts")?,
        last_attempt_at: r.get::<_, Option<i64>>("last_attempt_at")?.map(from_unix),
        last_error: r.get("last_error")?,
        sent_at: r.get::<_, Option<i64>>("sent_at")?.map(from_unix),
        sender: r.get("sender")?,
        recipient: r.get("recipient")?,
        subject: r.get("subject")?,
        message_id: r.get("message_id")?,
    })
}

pub fn insert_delivery(conn: &Connection, d: &NewDelivery, now: DateTime<Utc>) -> Result<i64> {
    conn.prepare_cached(
        "INSERT INTO outbox (kind, ticket_id, created_at, sender, recipient, subject, message_id, payload)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )?
    .execute(params![
        d.kind,
        d.ticket,
        now.timestamp(),
        d.sender,
        d.recipient,
        d.subject,
        d.message_id,
        d.payload
    ])?;
    Ok(conn.last_insert_rowid())
}

/// Whether anything waits for delivery (a cheap look before taking the write lock).
pub fn has_pending(conn: &Connection, failed: bool) -> Result<bool> {
    Ok(conn
        .prepare_cached(
            "SELECT EXISTS (SELECT 1 FROM outbox WHERE state <> 'sent' AND (state = 'queued' OR ?1))",
        )?
        .query_row([failed], |r| r.get(0))?)
}

/// Takes the deliveries due now for this run, as `c` says.
pub fn claim_pending(conn: &Connection, c: &Claim) -> Result<Vec<(Delivery, Vec<u8>)>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {COLUMNS}, payload FROM outbox
         WHERE state <> 'sent' AND (state = 'queued' OR ?1)
           AND (claimed_until IS NULL OR claimed_until < ?2)
         ORDER BY id"
    ))?;
    let rows = stmt
        .query_map(params![c.failed, c.wall_now], |r| {
            Ok((delivery_from_row(r)?, r.get::<_, Vec<u8>>("payload")?))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let rows: Vec<_> = rows
        .into_iter()
        .filter(|(d, _)| c.kinds.contains(&d.kind.as_str()))
        .collect();
    let mut claim = conn.prepare_cached("UPDATE outbox SET claimed_until = ?2 WHERE id = ?1")?;
    for (d, _) in &rows {
        claim.execute(params![d.id, c.until])?;
    }
    Ok(rows)
}

pub fn record_sent(conn: &Connection, id: i64, now: DateTime<Utc>) -> Result<()> {
    conn.prepare_cached(
        "UPDATE outbox SET state = 'sent', sent_at = ?2, last_attempt_at = ?2,
             attempts = attempts + 1, last_error = NULL, claimed_until = NULL
         WHERE id = ?1",
    )?
    .execute(params![id, now.timestamp()])?;
    Ok(())
}

/// A failed attempt: `queued` again for the next run, or `failed` when retrying cannot
/// help (then only `desk outbox send` tries again).
pub fn record_failure(conn: &Connection, id: i64, now: DateTime<Utc>, e: &SendError) -> Result<()> {
    conn.prepare_cached(
        "UPDATE outbox SET state = ?3, last_error = ?4, last_attempt_at = ?2,
             attempts = attempts + 1, claimed_until = NULL
         WHERE id = ?1",
    )?
    .execute(params![
        id,
        now.timestamp(),
        if e.permanent { "failed" } else { "queued" },
        e.message
    ])?;
    Ok(())
}

pub fn list_deliveries(conn: &Connection, state: Option<&str>) -> Result<Vec<Delivery>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM outbox WHERE ?1 IS NULL OR state = ?1 ORDER BY id"
    ))?;
    let rows = stmt.query_map([state], delivery_from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// A message in or out of a ticket. Mail out from this desk has its outbox row, whose
/// state it shows; mail from an imported file keeps the state it had.
pub fn insert_mail(
    conn: &Connection,
    ticket: i64,
    m: &MailRecord,
    outbox: Option<i64>,
) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO mail (ticket_id, at, direction, message_id, recipient, subject, outbox_id, state)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )?
    .execute(params![
        ticket,
        m.at.timestamp(),
        m.direction,
        m.message_id,
        m.to,
        m.subject,
        outbox,
        if outbox.is_some() { None } else { m.state.as_deref() }
    ])?;
    Ok(())
}

/// Whether any ticket has attachments or mail (an export of a desk without them asks
/// nothing more per ticket).
pub fn any_extras(conn: &Connection) -> Result<bool> {
    Ok(conn
        .prepare_cached("SELECT EXISTS (SELECT 1 FROM attachments) OR EXISTS (SELECT 1 FROM mail)")?
        .query_row([], |r| r.get(0))?)
}

pub fn ticket_mail(conn: &Connection, ticket: i64) -> Result<Vec<MailRecord>> {
    let mut stmt = conn.prepare_cached(
        "SELECT m.at, m.direction, m.message_id, m.recipient, m.subject,
                coalesce(o.state, m.state)
         FROM mail m LEFT JOIN outbox o ON o.id = m.outbox_id
         WHERE m.ticket_id = ?1 ORDER BY m.at, m.id",
    )?;
    let rows = stmt.query_map([ticket], |r| {
        Ok(MailRecord {
            at: from_unix(r.get(0)?),
            direction: r.get(1)?,
            message_id: r.get(2)?,
            to: r.get(3)?,
            subject: r.get(4)?,
            state: r.get(5)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The Message-IDs of the requester's own mail on a ticket, oldest first: what desk's
/// mail answers (`In-Reply-To`, `References`).
pub fn inbound_message_ids(conn: &Connection, ticket: i64) -> Result<Vec<String>> {
    let mut stmt = conn.prepare_cached(
        "SELECT message_id FROM mail
         WHERE ticket_id = ?1 AND direction = 'in' AND message_id IS NOT NULL
         ORDER BY at, id",
    )?;
    let rows = stmt.query_map([ticket], |r| r.get(0))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The id of the latest event: the events a command records come after it.
pub fn last_event_id(conn: &Connection) -> Result<i64> {
    Ok(conn
        .prepare_cached("SELECT coalesce(max(id), 0) FROM events")?
        .query_row([], |r| r.get(0))?)
}

/// The events recorded after `after` (by id), with their tickets, in order.
pub fn events_after(conn: &Connection, after: i64) -> Result<Vec<(i64, Event)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT ticket_id, at, recorded_at, actor, action, detail, status, recorded_by FROM events
         WHERE id > ?1 ORDER BY id",
    )?;
    let rows = stmt.query_map([after], |r| {
        Ok((
            r.get(0)?,
            Event {
                at: from_unix(r.get(1)?),
                recorded_at: from_unix(r.get(2)?),
                actor: r.get(3)?,
                action: r.get(4)?,
                detail: r.get(5)?,
                status: r
                    .get::<_, Option<String>>(6)?
                    .and_then(|s| Status::parse(&s)),
                recorded_by: r.get(7)?,
            },
        ))
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Keeps an attachment, with the id an imported file gave where it is free.
pub fn insert_attachment(conn: &Connection, a: &NewAttachment) -> Result<i64> {
    let id = match a.id {
        Some(i)
            if !conn
                .prepare_cached("SELECT 1 FROM attachments WHERE id = ?1")?
                .exists([i])? =>
        {
            Some(i)
        }
        _ => None,
    };
    conn.prepare_cached(
        "INSERT INTO attachments (id, ticket_id, name, type, size, sha256, stored, content, at, actor)
         VALUES (?10, ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
    )?
    .execute(params![
        a.ticket,
        a.name,
        a.mime,
        a.size,
        a.sha256,
        a.content.is_some(),
        a.content,
        a.at.timestamp(),
        a.actor,
        id
    ])?;
    Ok(conn.last_insert_rowid())
}

fn attachment_from_row(r: &Row) -> rusqlite::Result<Attachment> {
    Ok(Attachment {
        id: r.get("id")?,
        ticket: r.get("ticket_id")?,
        name: r.get("name")?,
        mime: r.get("type")?,
        size: r.get("size")?,
        sha256: r.get("sha256")?,
        stored: r.get("stored")?,
        at: from_unix(r.get("at")?),
        actor: r.get("actor")?,
    })
}

const ATTACHMENT_COLUMNS: &str = "id, ticket_id, name, type, size, sha256, stored, at, actor";

/// A ticket's attachments with their content (for export).
pub fn ticket_attachments_with_content(
    conn: &Connection,
    ticket: i64,
) -> Result<Vec<(Attachment, Option<Vec<u8>>)>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {ATTACHMENT_COLUMNS}, content FROM attachments WHERE ticket_id = ?1 ORDER BY id"
    ))?;
    let rows = stmt.query_map([ticket], |r| {
        Ok((
            attachment_from_row(r)?,
            r.get::<_, Option<Vec<u8>>>("content")?,
        ))
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub fn ticket_attachments(conn: &Connection, ticket: i64) -> Result<Vec<Attachment>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {ATTACHMENT_COLUMNS} FROM attachments WHERE ticket_id = ?1 ORDER BY id"
    ))?;
    let rows = stmt.query_map([ticket], attachment_from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// One attachment with its content (None when only its name and size were kept).
pub fn get_attachment(conn: &Connection, id: i64) -> Result<Option<(Attachment, Option<Vec<u8>>)>> {
    Ok(conn
        .prepare_cached(&format!(
            "SELECT {ATTACHMENT_COLUMNS}, content FROM attachments WHERE id = ?1"
        ))?
        .query_row([id], |r| {
            Ok((
                attachment_from_row(r)?,
                r.get::<_, Option<Vec<u8>>>("content")?,
            ))
        })
        .optional()?)
}
