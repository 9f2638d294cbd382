-- 0006: roles limited to some organisations' tickets (issue 18, `desk db grant ROLE
-- --org NAME`), by row-level security.
-- Why: a desk serving many customers lets each person see only the tickets their work
-- needs, and the database itself must hold that limit, so that it holds for psql too.
-- `desk_role_orgs` says which registered organisations a role is limited to (by the
-- role's oid, so renaming the role keeps its limit; by the organisation's id, so `desk
-- org edit --rename` keeps it too). A role with no row there (the owner, roles granted
-- without --org) sees everything; a role that is, or is a member of, a limited role
-- sees the tickets whose `org` matches one of those organisations (letter case aside,
-- as `list --org` matches: lower() in ICU's root locale against name_key), and only
-- their history, comments, work log, links (both ends), mail records, attachments and
-- outbox rows. The checks are WITH CHECK too, so such a role cannot write a ticket
-- outside its organisations either. Each table has a permissive policy letting
-- everyone through and a restrictive one, `desk_orgs`, that applies only to the roles
-- it names: `desk db grant` keeps that list to the limited roles (and the owner, whom
-- row-level security passes by, so that the list is never empty). So a role that is
-- not limited pays nothing, and its plans stay as they were. Everyone may read
-- desk_role_orgs, which shows each role only its own rows (and those of the roles it
-- is a member of): the policies read it as the role that asks.
-- Articles, settings and the organisations stay shared (desk db grant gives limited
-- roles no writes on settings and organisations). New ids come from desk_next_id, as
-- the owner, because a limited role's max(id) would only see its own rows. Additive:
-- a desk of schema 5 keeps working on it (compatible with 5).

CREATE TABLE desk_role_orgs (
    role   oid NOT NULL,
    org_id bigint NOT NULL REFERENCES orgs(id),
    PRIMARY KEY (role, org_id)
);
ALTER TABLE desk_role_orgs ENABLE ROW LEVEL SECURITY;
-- A dropped role's rows are left behind harmlessly (pg_has_role is not asked about it).
CREATE POLICY desk_own_rows ON desk_role_orgs USING (
    CASE WHEN EXISTS (SELECT 1 FROM pg_catalog.pg_roles a WHERE a.oid = role)
         THEN pg_catalog.pg_has_role(current_user, role, 'MEMBER') ELSE false END
);
GRANT SELECT ON desk_role_orgs TO PUBLIC;

-- The next id of a table whose rows a limited role sees only some of. Run as the
-- owner (who sees all), with the search path fixed below, so no temporary table of
-- the caller's can stand in for the desk's.
CREATE FUNCTION desk_next_id(tbl text) RETURNS bigint LANGUAGE plpgsql SECURITY DEFINER AS $$
BEGIN
    CASE tbl
        WHEN 'tickets' THEN RETURN (SELECT coalesce(max(id), 0) + 1 FROM tickets);
        WHEN 'events' THEN RETURN (SELECT coalesce(max(id), 0) + 1 FROM events);
        WHEN 'comments' THEN RETURN (SELECT coalesce(max(id), 0) + 1 FROM comments);
        WHEN 'worklog' THEN RETURN (SELECT coalesce(max(id), 0) + 1 FROM worklog);
        WHEN 'mail' THEN RETURN (SELECT coalesce(max(id), 0) + 1 FROM mail);
        WHEN 'attachments' THEN RETURN (SELECT coalesce(max(id), 0) + 1 FROM attachments);
        WHEN 'outbox' THEN RETURN (SELECT coalesce(max(id), 0) + 1 FROM outbox);
        ELSE RAISE EXCEPTION 'desk_next_id: no table %', tbl;
    END CASE;
END
$$;
-- Whether a ticket exists at all, whoever may see it (as the owner). A limited role
-- writes a ticket's history, comments and the like only where it sees the ticket, or
-- where the ticket is being made by the same statement (not in the statement's
-- snapshot yet; its own row was checked against the tickets' policy, and the foreign
-- key makes sure it is there when the statement ends).
CREATE FUNCTION desk_ticket_exists(ticket bigint) RETURNS boolean LANGUAGE sql STABLE
    SECURITY DEFINER AS $$
SELECT EXISTS (SELECT 1 FROM tickets WHERE id = ticket)
$$;
DO $$
BEGIN
    EXECUTE format('ALTER FUNCTION desk_next_id(text) SET search_path = %I, pg_temp', current_schema());
    EXECUTE format('ALTER FUNCTION desk_ticket_exists(bigint) SET search_path = %I, pg_temp', current_schema());
END
$$;

ALTER TABLE tickets ENABLE ROW LEVEL SECURITY;
CREATE POLICY desk_all ON tickets USING (true);
CREATE POLICY desk_orgs ON tickets AS RESTRICTIVE TO CURRENT_USER USING (
    lower(org COLLATE "und-x-icu") IN
       (SELECT o.name_key FROM desk_role_orgs r JOIN orgs o ON o.id = r.org_id)
);

ALTER TABLE events ENABLE ROW LEVEL SECURITY;
CREATE POLICY desk_all ON events USING (true);
CREATE POLICY desk_orgs ON events AS RESTRICTIVE TO CURRENT_USER USING (
    EXISTS (SELECT 1 FROM tickets t WHERE t.id = events.ticket_id)
) WITH CHECK (
    EXISTS (SELECT 1 FROM tickets t WHERE t.id = events.ticket_id)
    OR NOT desk_ticket_exists(events.ticket_id)
);

ALTER TABLE comments ENABLE ROW LEVEL SECURITY;
CREATE POLICY desk_all ON comments USING (true);
CREATE POLICY desk_orgs ON comments AS RESTRICTIVE TO CURRENT_USER USING (
    EXISTS (SELECT 1 FROM tickets t WHERE t.id = comments.ticket_id)
) WITH CHECK (
    EXISTS (SELECT 1 FROM tickets t WHERE t.id = comments.ticket_id)
    OR NOT desk_ticket_exists(comments.ticket_id)
);

ALTER TABLE worklog ENABLE ROW LEVEL SECURITY;
CREATE POLICY desk_all ON worklog USING (true);
CREATE POLICY desk_orgs ON worklog AS RESTRICTIVE TO CURRENT_USER USING (
    EXISTS (SELECT 1 FROM tickets t WHERE t.id = worklog.ticket_id)
) WITH CHECK (
    EXISTS (SELECT 1 FROM tickets t WHERE t.id = worklog.ticket_id)
    OR NOT desk_ticket_exists(worklog.ticket_id)
);

ALTER TABLE links ENABLE ROW LEVEL SECURITY;
CREATE POLICY desk_all ON links USING (true);
CREATE POLICY desk_orgs ON links AS RESTRICTIVE TO CURRENT_USER USING (
    EXISTS (SELECT 1 FROM tickets t WHERE t.id = links.ticket_id)
    AND EXISTS (SELECT 1 FROM tickets t WHERE t.id = links.other_id)
);

ALTER TABLE messages ENABLE ROW LEVEL SECURITY;
CREATE POLICY desk_all ON messages USING (true);
CREATE POLICY desk_orgs ON messages AS RESTRICTIVE TO CURRENT_USER USING (
    EXISTS (SELECT 1 FROM tickets t WHERE t.id = messages.ticket_id)
) WITH CHECK (
    EXISTS (SELECT 1 FROM tickets t WHERE t.id = messages.ticket_id)
    OR NOT desk_ticket_exists(messages.ticket_id)
);

ALTER TABLE mail ENABLE ROW LEVEL SECURITY;
CREATE POLICY desk_all ON mail USING (true);
CREATE POLICY desk_orgs ON mail AS RESTRICTIVE TO CURRENT_USER USING (
    EXISTS (SELECT 1 FROM tickets t WHERE t.id = mail.ticket_id)
) WITH CHECK (
    EXISTS (SELECT 1 FROM tickets t WHERE t.id = mail.ticket_id)
    OR NOT desk_ticket_exists(mail.ticket_id)
);

ALTER TABLE attachments ENABLE ROW LEVEL SECURITY;
CREATE POLICY desk_all ON attachments USING (true);
CREATE POLICY desk_orgs ON attachments AS RESTRICTIVE TO CURRENT_USER USING (
    EXISTS (SELECT 1 FROM tickets t WHERE t.id = attachments.ticket_id)
) WITH CHECK (
    EXISTS (SELECT 1 FROM tickets t WHERE t.id = attachments.ticket_id)
    OR NOT desk_ticket_exists(attachments.ticket_id)
);

ALTER TABLE outbox ENABLE ROW LEVEL SECURITY;
CREATE POLICY desk_all ON outbox USING (true);
CREATE POLICY desk_orgs ON outbox AS RESTRICTIVE TO CURRENT_USER USING (
    EXISTS (SELECT 1 FROM tickets t WHERE t.id = outbox.ticket_id)
) WITH CHECK (
    EXISTS (SELECT 1 FROM tickets t WHERE t.id = outbox.ticket_id)
    OR NOT desk_ticket_exists(outbox.ticket_id)
);
