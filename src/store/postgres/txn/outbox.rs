//! Outbox deliveries, mail, inbound message ids, attachments and links.

use super::*;

// Outbox, mail, attachments

pub(super) const DELIVERY_COLUMNS: &str = "id, kind, ticket_id, created_at, state, attempts, last_attempt_at, \
    last_error, sent_at, sender, recipient, subject, message_id";

pub(super) fn delivery_from_row(r: &Row) -> Result<Delivery> {
    Ok(Delivery {
        id: r.try_get(0)?,
        kind: r.try_get(1)?,
        ticket: r.try_get(2)?,
        created_at: from_unix(r.try_get(3)?),
        state: r.try_get(4)?,
        attempts: r.try_get(5)?,
        last_attempt_at: ts(r.try_get(6)?),
        last_error: r.try_get(7)?,
        sent_at: ts(r.try_get(8)?),
        sender: r.try_get(9)?,
        recipient: r.try_get(10)?,
        subject: r.try_get(11)?,
        message_id: r.try_get(12)?,
    })
}

pub(super) const ATTACHMENT_COLUMNS: &str =
    "id, ticket_id, name, type, size, sha256, stored, at, actor";

pub(super) fn attachment_from_row(r: &Row) -> Result<Attachment> {
    Ok(Attachment {
        id: r.try_get(0)?,
        ticket: r.try_get(1)?,
        name: r.try_get(2)?,
        mime: r.try_get(3)?,
        size: r.try_get(4)?,
        sha256: r.try_get(5)?,
        stored: r.try_get(6)?,
        at: from_unix(r.try_get(7)?),
        actor: r.try_get(8)?,
    })
}

pub(in crate::store::postgres) fn insert_attachment(db: &mut Db, a: &NewAttachment) -> Result<i64> {
    let stored = a.content.is_some();
    let at = a.at.timestamp();
    let rows = db.query(
        "INSERT INTO attachments (id, ticket_id, name, type, size, sha256, stored, content, at, actor)
         VALUES (CASE WHEN $1::bigint IS NOT NULL AND NOT EXISTS (SELECT 1 FROM attachments WHERE id = $1)
                      THEN $1 ELSE desk_next_id('attachments') END,
                 $2, $3, $4, $5, $6, $7, $8, $9, $10)
         RETURNING id",
        &[
            (&a.id, T::INT8),
            (&a.ticket, T::INT8),
            (&a.name, T::TEXT),
            (&a.mime, T::TEXT),
            (&a.size, T::INT8),
            (&a.sha256, T::TEXT),
            (&stored, T::BOOL),
            (&a.content, T::BYTEA),
            (&at, T::INT8),
            (&a.actor, T::TEXT),
        ],
    )?;
    Ok(rows[0].try_get(0)?)
}

pub(in crate::store::postgres) fn insert_mail(
    db: &mut Db,
    ticket: i64,
    m: &MailRecord,
    outbox: Option<i64>,
) -> Result<()> {
    let at = m.at.timestamp();
    let state = if outbox.is_some() {
        None
    } else {
        m.state.clone()
    };
    db.execute(
        "INSERT INTO mail (id, ticket_id, at, direction, message_id, recipient, subject, outbox_id, state)
         VALUES (desk_next_id('mail'), $1, $2, $3, $4, $5, $6, $7, $8)",
        &[
            (&ticket, T::INT8),
            (&at, T::INT8),
            (&m.direction, T::TEXT),
            (&m.message_id, T::TEXT),
            (&m.to, T::TEXT),
            (&m.subject, T::TEXT),
            (&outbox, T::INT8),
            (&state, T::TEXT),
        ],
    )?;
    Ok(())
}

pub(in crate::store::postgres) fn insert_message(
    db: &mut Db,
    message_id: &str,
    ticket: i64,
) -> Result<()> {
    db.execute(
        "INSERT INTO messages (message_id, ticket_id) VALUES ($1, $2) ON CONFLICT DO NOTHING",
        &[(&message_id, T::TEXT), (&ticket, T::INT8)],
    )?;
    Ok(())
}

pub(super) fn insert_link(db: &mut Db, ticket: i64, other: i64, kind: LinkKind) -> Result<()> {
    db.execute(
        "WITH d AS (DELETE FROM links WHERE ticket_id = $2 AND other_id = $1)
         INSERT INTO links (ticket_id, other_id, kind) VALUES ($1, $2, $3)
         ON CONFLICT (ticket_id, other_id) DO UPDATE SET kind = excluded.kind",
        &[
            (&ticket, T::INT8),
            (&other, T::INT8),
            (&kind.as_str(), T::TEXT),
        ],
    )?;
    Ok(())
}
