-- 0002: telling people: the outbox, the mail a ticket sent and received, attachments.
-- Why: desk now mails requesters and runs hooks. Both go through an outbox row written
-- in the transaction of the change they tell about, so the change and its notices
-- commit together, and a transport that fails loses nothing: the row stays queued until
-- a later run delivers it. A mail's row keeps the whole message, so a retry sends the
-- same bytes and the same Message-ID. `mail` lists each message in and out of a ticket
-- for `show`; `attachments` keeps files, or only their name and size when they were
-- larger than attachments.max_size (content NULL, stored = 0).

CREATE TABLE outbox (
    id              INTEGER PRIMARY KEY,
    kind            TEXT NOT NULL CHECK (kind IN ('mail', 'hook')),
    ticket_id       INTEGER REFERENCES tickets(id),
    created_at      INTEGER NOT NULL,
    state           TEXT NOT NULL DEFAULT 'queued' CHECK (state IN ('queued', 'failed', 'sent')),
    attempts        INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    last_attempt_at INTEGER,
    last_error      TEXT,
    sent_at         INTEGER,
    -- A run delivering the row holds it until then (wall clock), so two runs never
    -- deliver it twice; one that died lets it go when the time passes.
    claimed_until   INTEGER,
    -- Mail: the envelope sender and recipient, subject and Message-ID. Hook: the
    -- command in recipient, the event's action in subject.
    sender          TEXT,
    recipient       TEXT NOT NULL,
    subject         TEXT,
    message_id      TEXT,
    -- The formatted message, or the hook's JSON.
    payload         BLOB NOT NULL
) STRICT;
CREATE INDEX outbox_pending ON outbox(id) WHERE state <> 'sent';

CREATE TABLE mail (
    id         INTEGER PRIMARY KEY,
    ticket_id  INTEGER NOT NULL REFERENCES tickets(id),
    at         INTEGER NOT NULL,
    direction  TEXT NOT NULL CHECK (direction IN ('in', 'out')),
    message_id TEXT,
    recipient  TEXT,
    subject    TEXT,
    outbox_id  INTEGER REFERENCES outbox(id),
    -- The state of mail out that came from an imported file (no outbox row here).
    state      TEXT CHECK (state IN ('queued', 'failed', 'sent'))
) STRICT;
CREATE INDEX mail_ticket ON mail(ticket_id, at, id);

CREATE TABLE attachments (
    id        INTEGER PRIMARY KEY,
    ticket_id INTEGER NOT NULL REFERENCES tickets(id),
    name      TEXT NOT NULL CHECK (length(name) > 0),
    type      TEXT NOT NULL,
    size      INTEGER NOT NULL CHECK (size >= 0),
    sha256    TEXT,
    stored    INTEGER NOT NULL CHECK (stored IN (0, 1)),
    content   BLOB,
    at        INTEGER NOT NULL,
    actor     TEXT NOT NULL,
    CHECK ((stored = 1) = (content IS NOT NULL))
) STRICT;
CREATE INDEX attachments_ticket ON attachments(ticket_id, id);
