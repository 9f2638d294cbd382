-- 0005: customer organisations with their own terms.
-- Why: the desk serves customer organisations whose contracts differ: service hours,
-- holidays, response and resolution targets. A ticket's `org` stays the free name it
-- was; an organisation registered here (matched letter case aside, by `name_key`, the
-- name in lower case in any alphabet, which desk works out) adds its mail domains,
-- from which `ingest mail` files senders under it, and its settings, which override
-- the desk's for its tickets. Settings hang off the id, so a rename keeps them.
-- Domains are kept in lower case and belong to one organisation only.

CREATE TABLE orgs (
    id       INTEGER PRIMARY KEY,
    name     TEXT NOT NULL CHECK (name <> ''),
    name_key TEXT NOT NULL UNIQUE
) STRICT;

CREATE TABLE org_domains (
    domain TEXT PRIMARY KEY CHECK (domain = lower(domain) AND domain <> ''),
    org_id INTEGER NOT NULL REFERENCES orgs(id) ON DELETE CASCADE
) STRICT;

CREATE INDEX org_domains_by_org ON org_domains (org_id);

CREATE TABLE org_settings (
    org_id INTEGER NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
    key    TEXT NOT NULL,
    value  TEXT NOT NULL,
    PRIMARY KEY (org_id, key)
) STRICT;
