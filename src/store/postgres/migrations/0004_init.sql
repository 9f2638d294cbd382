-- 0004: the first schema of desk on PostgreSQL (numbered by the schema version it makes,
-- the same numbering as SQLite's: versions 1 to 3 exist on SQLite only).
-- Why: a team shares one desk (SPEC "A desk for a team"). The tables, constraints and
-- indexes are those of the SQLite schema (its migrations 0001 and 0002), in
-- PostgreSQL's types: times stay unix seconds (bigint), as on SQLite, so both engines
-- read and write the same instants and print the same bytes; text is COLLATE "C" so
-- comparisons and ORDER BY are by code point, as SQLite's BINARY is. Ids are given by
-- desk (the next after the highest, as SQLite's rowids are) under the writers' lock.
-- History is append-only: a trigger refuses UPDATE and DELETE on events, and
-- `desk db grant` gives agents only SELECT and INSERT on it. `recorded_by` is the
-- PostgreSQL login that wrote each event. Full-text search reads tsvectors of
-- domain::search::tokens (array_to_tsvector: no PostgreSQL parser), so both engines
-- find the same tickets and articles. The settings hold the desk's `timezone`.

CREATE TABLE desk_meta (
    key   text COLLATE "C" PRIMARY KEY,
    value text COLLATE "C" NOT NULL
);

CREATE TABLE settings (
    key   text COLLATE "C" PRIMARY KEY,
    value text COLLATE "C" NOT NULL
);

CREATE TABLE articles (
    id            bigint PRIMARY KEY,
    title         text COLLATE "C" NOT NULL CHECK (length(title) > 0),
    body          text COLLATE "C" NOT NULL DEFAULT '',
    tags          text COLLATE "C" NOT NULL DEFAULT '[]' CHECK (tags::json IS NOT NULL),
    category      text COLLATE "C",
    author        text COLLATE "C" NOT NULL,
    source_ticket bigint,
    created_at    bigint NOT NULL,
    updated_at    bigint NOT NULL,
    -- domain::search::tokens of the title and the body, and how many there are.
    search        tsvector NOT NULL DEFAULT ''::tsvector,
    search_len    bigint NOT NULL DEFAULT 0
);
CREATE INDEX articles_created ON articles(created_at);
CREATE INDEX articles_search ON articles USING gin (search);

CREATE TABLE tickets (
    id                bigint PRIMARY KEY,
    kind              text COLLATE "C" NOT NULL DEFAULT 'incident' CHECK (kind IN ('incident', 'request', 'problem')),
    title             text COLLATE "C" NOT NULL CHECK (length(title) > 0),
    description       text COLLATE "C",
    status            text COLLATE "C" NOT NULL DEFAULT 'new'
                      CHECK (status IN ('new', 'open', 'waiting', 'resolved', 'closed', 'cancelled')),
    priority          text COLLATE "C" NOT NULL DEFAULT 'P3' CHECK (priority IN ('P1', 'P2', 'P3', 'P4')),
    impact            text COLLATE "C" CHECK (impact IN ('high', 'medium', 'low')),
    urgency           text COLLATE "C" CHECK (urgency IN ('high', 'medium', 'low')),
    tier              bigint NOT NULL DEFAULT 1 CHECK (tier BETWEEN 1 AND 3),
    max_tier          bigint NOT NULL DEFAULT 1 CHECK (max_tier BETWEEN 1 AND 3),
    assignee          text COLLATE "C",
    requester         text COLLATE "C",
    email             text COLLATE "C",
    phone             text COLLATE "C",
    org               text COLLATE "C",
    location          text COLLATE "C",
    category          text COLLATE "C",
    ci                text COLLATE "C",
    channel           text COLLATE "C" CHECK (channel IN ('phone', 'email', 'walk-in', 'portal', 'chat', 'monitoring')),
    tags              text COLLATE "C" NOT NULL DEFAULT '[]' CHECK (tags::json IS NOT NULL),
    created_at        bigint NOT NULL,
    updated_at        bigint NOT NULL,
    first_response_at bigint,
    resolved_at       bigint,
    closed_at         bigint,
    status_at         bigint,
    response_due      bigint,
    resolve_due       bigint,
    next_due          bigint,
    sla_breached      boolean NOT NULL DEFAULT false,
    sla_gen           bigint NOT NULL DEFAULT 0,
    response_secs     bigint,
    resolve_secs      bigint,
    first_resolved_at bigint,
    last_resolved_at  bigint,
    ever_escalated    boolean NOT NULL DEFAULT false,
    ever_reopened     boolean NOT NULL DEFAULT false,
    resolution        text COLLATE "C",
    kb_article        bigint REFERENCES articles(id),
    time_spent        bigint NOT NULL DEFAULT 0 CHECK (time_spent >= 0),
    dedup_key         text COLLATE "C",
    occurrences       bigint NOT NULL DEFAULT 1 CHECK (occurrences >= 1),
    escalations       bigint NOT NULL DEFAULT 0 CHECK (escalations >= 0),
    reopens           bigint NOT NULL DEFAULT 0 CHECK (reopens >= 0),
    -- domain::search::tokens of the title and the description.
    search            tsvector NOT NULL DEFAULT ''::tsvector
);
CREATE INDEX tickets_queue ON tickets(sla_breached DESC, next_due, priority)
    WHERE status IN ('new', 'open', 'waiting');
CREATE INDEX tickets_created ON tickets(created_at);
CREATE INDEX tickets_assignee ON tickets(assignee) WHERE assignee IS NOT NULL;
CREATE INDEX tickets_resolved ON tickets(resolved_at) WHERE status = 'resolved';
CREATE UNIQUE INDEX tickets_dedup ON tickets(dedup_key)
    WHERE dedup_key IS NOT NULL AND status IN ('new', 'open', 'waiting');
CREATE INDEX tickets_status_at ON tickets(status_at, created_at);
CREATE INDEX tickets_active ON tickets(created_at, status_at)
    WHERE status IN ('new', 'open', 'waiting');
CREATE INDEX tickets_first_response ON tickets(first_response_at, created_at);
CREATE INDEX tickets_kb ON tickets(kb_article) WHERE kb_article IS NOT NULL;
CREATE INDEX tickets_search ON tickets USING gin (search);

CREATE TABLE events (
    id          bigint PRIMARY KEY,
    ticket_id   bigint NOT NULL REFERENCES tickets(id),
    at          bigint NOT NULL,
    recorded_at bigint NOT NULL,
    actor       text COLLATE "C" NOT NULL,
    action      text COLLATE "C" NOT NULL CHECK (action IN ('create', 'assign', 'unassign', 'escalate', 'wait',
                    'resume', 'resolve', 'close', 'reopen', 'cancel', 'comment', 'note', 'reply',
                    'log', 'link', 'edit', 'occurrence')),
    detail      text COLLATE "C",
    status      text COLLATE "C" CHECK (status IN ('new', 'open', 'waiting', 'resolved', 'closed', 'cancelled')),
    -- Who was connected: the login (NULL only for imported events whose file did
    -- not say, as on SQLite, so that a desk moves between engines without loss).
    recorded_by text COLLATE "C" DEFAULT session_user
);
CREATE INDEX events_ticket ON events(ticket_id, at, id) INCLUDE (action, status);
CREATE INDEX events_action_at ON events(action, at, ticket_id) INCLUDE (actor);
CREATE FUNCTION desk_history_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'history is append-only' USING ERRCODE = 'insufficient_privilege';
END
$$;
CREATE TRIGGER events_append_only BEFORE UPDATE OR DELETE ON events
    FOR EACH ROW EXECUTE FUNCTION desk_history_is_append_only();
CREATE TRIGGER events_no_truncate BEFORE TRUNCATE ON events
    FOR EACH STATEMENT EXECUTE FUNCTION desk_history_is_append_only();

CREATE TABLE comments (
    id          bigint PRIMARY KEY,
    ticket_id   bigint NOT NULL REFERENCES tickets(id),
    at          bigint NOT NULL,
    recorded_at bigint NOT NULL,
    actor       text COLLATE "C" NOT NULL,
    text        text COLLATE "C" NOT NULL,
    internal    boolean NOT NULL DEFAULT false,
    source      text COLLATE "C" NOT NULL DEFAULT 'desk' CHECK (source IN ('desk', 'mail')),
    search      tsvector NOT NULL DEFAULT ''::tsvector
);
CREATE INDEX comments_ticket ON comments(ticket_id, at);
CREATE INDEX comments_search ON comments USING gin (search);

CREATE TABLE worklog (
    id          bigint PRIMARY KEY,
    ticket_id   bigint NOT NULL REFERENCES tickets(id),
    at          bigint NOT NULL,
    recorded_at bigint NOT NULL,
    actor       text COLLATE "C" NOT NULL,
    minutes     bigint NOT NULL CHECK (minutes > 0),
    note        text COLLATE "C"
);
CREATE INDEX worklog_ticket ON worklog(ticket_id, at);
CREATE INDEX worklog_at ON worklog(at, actor, minutes);

CREATE TABLE links (
    ticket_id bigint NOT NULL REFERENCES tickets(id),
    other_id  bigint NOT NULL REFERENCES tickets(id),
    kind      text COLLATE "C" NOT NULL CHECK (kind IN ('related', 'duplicate', 'parent')),
    PRIMARY KEY (ticket_id, other_id),
    CHECK (ticket_id <> other_id)
);
CREATE INDEX links_other ON links(other_id);

CREATE TABLE messages (
    message_id text COLLATE "C" PRIMARY KEY,
    ticket_id  bigint NOT NULL REFERENCES tickets(id)
);

CREATE TABLE outbox (
    id              bigint PRIMARY KEY,
    kind            text COLLATE "C" NOT NULL CHECK (kind IN ('mail', 'hook')),
    ticket_id       bigint REFERENCES tickets(id),
    created_at      bigint NOT NULL,
    state           text COLLATE "C" NOT NULL DEFAULT 'queued' CHECK (state IN ('queued', 'failed', 'sent')),
    attempts        bigint NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    last_attempt_at bigint,
    last_error      text COLLATE "C",
    sent_at         bigint,
    claimed_until   bigint,
    sender          text COLLATE "C",
    recipient       text COLLATE "C" NOT NULL,
    subject         text COLLATE "C",
    message_id      text COLLATE "C",
    payload         bytea NOT NULL
);
CREATE INDEX outbox_pending ON outbox(id) WHERE state <> 'sent';

CREATE TABLE mail (
    id         bigint PRIMARY KEY,
    ticket_id  bigint NOT NULL REFERENCES tickets(id),
    at         bigint NOT NULL,
    direction  text COLLATE "C" NOT NULL CHECK (direction IN ('in', 'out')),
    message_id text COLLATE "C",
    recipient  text COLLATE "C",
    subject    text COLLATE "C",
    outbox_id  bigint REFERENCES outbox(id),
    state      text COLLATE "C" CHECK (state IN ('queued', 'failed', 'sent'))
);
CREATE INDEX mail_ticket ON mail(ticket_id, at, id);

CREATE TABLE attachments (
    id        bigint PRIMARY KEY,
    ticket_id bigint NOT NULL REFERENCES tickets(id),
    name      text COLLATE "C" NOT NULL CHECK (length(name) > 0),
    type      text COLLATE "C" NOT NULL,
    size      bigint NOT NULL CHECK (size >= 0),
    sha256    text COLLATE "C",
    stored    boolean NOT NULL,
    content   bytea,
    at        bigint NOT NULL,
    actor     text COLLATE "C" NOT NULL,
    CHECK (stored = (content IS NOT NULL))
);
CREATE INDEX attachments_ticket ON attachments(ticket_id, id);
