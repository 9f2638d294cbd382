-- 0001: the first schema of desk.
-- Why: tickets with an append-only history (events keep when something happened and
-- when it was typed), comments, a work log, links, knowledge-base articles, mail
-- message ids for threading, and settings. SLA deadlines are cached on the ticket
-- (recomputed from the history on every write) so the queue is ordered by an index.
-- Full-text indexes are external-content FTS5 tables kept in step by triggers; the
-- text is folded by desk_fold() (registered by desk on every connection) so letters
-- the unicode61 tokenizer keeps (ł, ё, ø...) match their plain forms.

CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) STRICT;

CREATE TABLE articles (
    id            INTEGER PRIMARY KEY,
    title         TEXT NOT NULL CHECK (length(title) > 0),
    body          TEXT NOT NULL DEFAULT '',
    tags          TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(tags)),
    category      TEXT,
    author        TEXT NOT NULL,
    source_ticket INTEGER,
    created_at    INTEGER NOT NULL,
    updated_at    INTEGER NOT NULL
) STRICT;
CREATE INDEX articles_created ON articles(created_at);

CREATE TABLE tickets (
    id                INTEGER PRIMARY KEY,
    kind              TEXT NOT NULL DEFAULT 'incident' CHECK (kind IN ('incident', 'request', 'problem')),
    title             TEXT NOT NULL CHECK (length(title) > 0),
    description       TEXT,
    status            TEXT NOT NULL DEFAULT 'new'
                      CHECK (status IN ('new', 'open', 'waiting', 'resolved', 'closed', 'cancelled')),
    priority          TEXT NOT NULL DEFAULT 'P3' CHECK (priority IN ('P1', 'P2', 'P3', 'P4')),
    impact            TEXT CHECK (impact IN ('high', 'medium', 'low')),
    urgency           TEXT CHECK (urgency IN ('high', 'medium', 'low')),
    tier              INTEGER NOT NULL DEFAULT 1 CHECK (tier BETWEEN 1 AND 3),
    max_tier          INTEGER NOT NULL DEFAULT 1 CHECK (max_tier BETWEEN 1 AND 3),
    assignee          TEXT,
    requester         TEXT,
    email             TEXT,
    phone             TEXT,
    org               TEXT,
    location          TEXT,
    category          TEXT,
    ci                TEXT,
    channel           TEXT CHECK (channel IN ('phone', 'email', 'walk-in', 'portal', 'chat', 'monitoring')),
    tags              TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(tags)),
    created_at        INTEGER NOT NULL,
    updated_at        INTEGER NOT NULL,
    first_response_at INTEGER,
    resolved_at       INTEGER,
    closed_at         INTEGER,
    -- When the status last changed (the latest event that set one): lets the report
    -- find the tickets that could have been active at a past moment without reading
    -- every ticket's history.
    status_at         INTEGER,
    -- SLA cache, derived from the events and the settings (see sla_gen).
    response_due      INTEGER,
    resolve_due       INTEGER,
    next_due          INTEGER,
    sla_breached      INTEGER NOT NULL DEFAULT 0 CHECK (sla_breached IN (0, 1)),
    sla_gen           INTEGER NOT NULL DEFAULT 0,
    -- Report cache, kept with the SLA cache from the events: what `desk report` needs of
    -- a ticket without replaying its history. The clocks in service seconds (under the
    -- settings of sla_gen): the response clock once it stopped, the resolution clock
    -- while the ticket is resolved or closed; NULL otherwise.
    response_secs     INTEGER,
    resolve_secs      INTEGER,
    -- The first and the last resolve event, and whether any escalate or reopen event
    -- exists (the escalations and reopens counters may come from an imported file).
    first_resolved_at INTEGER,
    last_resolved_at  INTEGER,
    ever_escalated    INTEGER NOT NULL DEFAULT 0 CHECK (ever_escalated IN (0, 1)),
    ever_reopened     INTEGER NOT NULL DEFAULT 0 CHECK (ever_reopened IN (0, 1)),
    resolution        TEXT,
    kb_article        INTEGER REFERENCES articles(id),
    time_spent        INTEGER NOT NULL DEFAULT 0 CHECK (time_spent >= 0),
    dedup_key         TEXT,
    occurrences       INTEGER NOT NULL DEFAULT 1 CHECK (occurrences >= 1),
    escalations       INTEGER NOT NULL DEFAULT 0 CHECK (escalations >= 0),
    reopens           INTEGER NOT NULL DEFAULT 0 CHECK (reopens >= 0)
) STRICT;
-- The queue: active tickets in SLA order.
CREATE INDEX tickets_queue ON tickets(sla_breached DESC, next_due, priority)
    WHERE status IN ('new', 'open', 'waiting');
CREATE INDEX tickets_created ON tickets(created_at);
CREATE INDEX tickets_assignee ON tickets(assignee) WHERE assignee IS NOT NULL;
-- Auto-close finds resolved tickets past their verification window.
CREATE INDEX tickets_resolved ON tickets(resolved_at) WHERE status = 'resolved';
-- One active ticket per monitoring key.
CREATE UNIQUE INDEX tickets_dedup ON tickets(dedup_key)
    WHERE dedup_key IS NOT NULL AND status IN ('new', 'open', 'waiting');
-- The report: tickets whose status changed after a moment (created before it), the
-- active ones as they stood then, and those first answered in a period.
CREATE INDEX tickets_status_at ON tickets(status_at, created_at);
CREATE INDEX tickets_active ON tickets(created_at, status_at)
    WHERE status IN ('new', 'open', 'waiting');
CREATE INDEX tickets_first_response ON tickets(first_response_at, created_at);
CREATE INDEX tickets_kb ON tickets(kb_article) WHERE kb_article IS NOT NULL;

CREATE TABLE events (
    id          INTEGER PRIMARY KEY,
    ticket_id   INTEGER NOT NULL REFERENCES tickets(id),
    at          INTEGER NOT NULL,
    recorded_at INTEGER NOT NULL,
    actor       TEXT NOT NULL,
    action      TEXT NOT NULL CHECK (action IN ('create', 'assign', 'unassign', 'escalate', 'wait',
                    'resume', 'resolve', 'close', 'reopen', 'cancel', 'comment', 'note', 'reply',
                    'log', 'link', 'edit', 'occurrence')),
    detail      TEXT,
    status      TEXT CHECK (status IN ('new', 'open', 'waiting', 'resolved', 'closed', 'cancelled'))
) STRICT;
-- A ticket's history in order; action and status ride along so the report reads the
-- histories of a month's tickets from the index alone.
CREATE INDEX events_ticket ON events(ticket_id, at, id, action, status);
-- Events of one kind in a period (the report's resolutions, reopens and responses),
-- with the ticket and the actor, so that they come from the index alone.
CREATE INDEX events_action_at ON events(action, at, ticket_id, actor);
CREATE TRIGGER events_append_only BEFORE UPDATE ON events
BEGIN
    SELECT RAISE(ABORT, 'history is append-only');
END;
CREATE TRIGGER events_no_delete BEFORE DELETE ON events
BEGIN
    SELECT RAISE(ABORT, 'history is append-only');
END;

CREATE TABLE comments (
    id          INTEGER PRIMARY KEY,
    ticket_id   INTEGER NOT NULL REFERENCES tickets(id),
    at          INTEGER NOT NULL,
    recorded_at INTEGER NOT NULL,
    actor       TEXT NOT NULL,
    text        TEXT NOT NULL,
    internal    INTEGER NOT NULL DEFAULT 0 CHECK (internal IN (0, 1)),
    source      TEXT NOT NULL DEFAULT 'desk' CHECK (source IN ('desk', 'mail'))
) STRICT;
CREATE INDEX comments_ticket ON comments(ticket_id, at);

CREATE TABLE worklog (
    id          INTEGER PRIMARY KEY,
    ticket_id   INTEGER NOT NULL REFERENCES tickets(id),
    at          INTEGER NOT NULL,
    recorded_at INTEGER NOT NULL,
    actor       TEXT NOT NULL,
    minutes     INTEGER NOT NULL CHECK (minutes > 0),
    note        TEXT
) STRICT;
CREATE INDEX worklog_ticket ON worklog(ticket_id, at);
-- Time logged in a period per person (the report), from the index alone.
CREATE INDEX worklog_at ON worklog(at, actor, minutes);

CREATE TABLE links (
    ticket_id INTEGER NOT NULL REFERENCES tickets(id),
    other_id  INTEGER NOT NULL REFERENCES tickets(id),
    kind      TEXT NOT NULL CHECK (kind IN ('related', 'duplicate', 'parent')),
    PRIMARY KEY (ticket_id, other_id),
    CHECK (ticket_id <> other_id)
) STRICT;
CREATE INDEX links_other ON links(other_id);

CREATE TABLE messages (
    message_id TEXT PRIMARY KEY,
    ticket_id  INTEGER NOT NULL REFERENCES tickets(id)
) STRICT;

CREATE VIRTUAL TABLE tickets_fts USING fts5(
    title, description, content = 'tickets', content_rowid = 'id',
    tokenize = 'unicode61 remove_diacritics 2'
);
CREATE TRIGGER tickets_fts_insert AFTER INSERT ON tickets BEGIN
    INSERT INTO tickets_fts(rowid, title, description)
    VALUES (new.id, desk_fold(new.title), desk_fold(new.description));
END;
CREATE TRIGGER tickets_fts_delete AFTER DELETE ON tickets BEGIN
    INSERT INTO tickets_fts(tickets_fts, rowid, title, description)
    VALUES ('delete', old.id, desk_fold(old.title), desk_fold(old.description));
END;
CREATE TRIGGER tickets_fts_update AFTER UPDATE OF title, description ON tickets BEGIN
    INSERT INTO tickets_fts(tickets_fts, rowid, title, description)
    VALUES ('delete', old.id, desk_fold(old.title), desk_fold(old.description));
    INSERT INTO tickets_fts(rowid, title, description)
    VALUES (new.id, desk_fold(new.title), desk_fold(new.description));
END;

CREATE VIRTUAL TABLE comments_fts USING fts5(
    text, content = 'comments', content_rowid = 'id',
    tokenize = 'unicode61 remove_diacritics 2'
);
CREATE TRIGGER comments_fts_insert AFTER INSERT ON comments BEGIN
    INSERT INTO comments_fts(rowid, text) VALUES (new.id, desk_fold(new.text));
END;
CREATE TRIGGER comments_fts_delete AFTER DELETE ON comments BEGIN
    INSERT INTO comments_fts(comments_fts, rowid, text) VALUES ('delete', old.id, desk_fold(old.text));
END;

CREATE VIRTUAL TABLE articles_fts USING fts5(
    title, body, content = 'articles', content_rowid = 'id',
    tokenize = 'unicode61 remove_diacritics 2'
);
CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN
    INSERT INTO articles_fts(rowid, title, body)
    VALUES (new.id, desk_fold(new.title), desk_fold(new.body));
END;
CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
    INSERT INTO articles_fts(articles_fts, rowid, title, body)
    VALUES ('delete', old.id, desk_fold(old.title), desk_fold(old.body));
END;
CREATE TRIGGER articles_fts_update AFTER UPDATE OF title, body ON articles BEGIN
    INSERT INTO articles_fts(articles_fts, rowid, title, body)
    VALUES ('delete', old.id, desk_fold(old.title), desk_fold(old.body));
    INSERT INTO articles_fts(rowid, title, body)
    VALUES (new.id, desk_fold(new.title), desk_fold(new.body));
END;
