-- 0003: who was really connected, and the desk's own time zone (SPEC "A desk for a team").
-- Why: `actor` is whoever `--user` or DESK_USER names; once several admins share a desk,
-- the history must also say who was really at the keyboard: `recorded_by`, the OS
-- account of the process that wrote the event (on PostgreSQL, the login). Events written
-- before this migration keep NULL: nobody knows who wrote them, and a guess would be a lie.
-- The `timezone` setting (an IANA name) is filled in beside this script by the desk that
-- runs it, with its own zone: service hours, holidays and report periods were counted in
-- that process's zone until now, so the desk keeps counting as it did, and from now on
-- every admin counts in the same zone whatever their `TZ`.

ALTER TABLE events ADD COLUMN recorded_by TEXT;
