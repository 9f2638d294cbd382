-- 0005: organisations with their own terms (issue 18), as SQLite's migration 0005.
-- Why: customers get their own service hours and SLA targets (`desk org`, `config set
-- --org`). Organisations are registered by name (unique letter case aside, through
-- name_key, which desk folds), with the mail domains that file tickets under them and
-- their own settings. Not compatible with schema 4: a desk that does not know the
-- organisations' terms would compute the wrong deadlines for their tickets.

CREATE TABLE orgs (
    id       bigint PRIMARY KEY,
    name     text COLLATE "C" NOT NULL CHECK (name <> ''),
    name_key text COLLATE "C" NOT NULL UNIQUE
);

CREATE TABLE org_domains (
    domain text COLLATE "C" PRIMARY KEY CHECK (domain = lower(domain) AND domain <> ''),
    org_id bigint NOT NULL REFERENCES orgs(id) ON DELETE CASCADE
);
CREATE INDEX org_domains_by_org ON org_domains (org_id);

CREATE TABLE org_settings (
    org_id bigint NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
    key    text COLLATE "C" NOT NULL,
    value  text COLLATE "C" NOT NULL,
    PRIMARY KEY (org_id, key)
);
