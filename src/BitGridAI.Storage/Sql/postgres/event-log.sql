-- BitGridAI: the hash-chained event log in PostgreSQL (cluster mode), one chain per site. Idempotent: applied at
-- every silo start and by `bitgrid db init`. The hash is the one of docs/event-log.md, over the record's position
-- in its site's chain: hash = SHA-256(prev_hash ‖ position ‖ kind, site_id, at, dedup_key, body), prev_hash of a
-- site's first record = 32 zero bytes. Writers serialize per site with an advisory lock (PostgresEventLog).

CREATE TABLE IF NOT EXISTS bitgrid_event_log
(
    site_id   text   NOT NULL,
    position  bigint NOT NULL,
    kind      text   NOT NULL,
    -- Site time as UTC ISO 8601 text with 7 fraction digits; byte order (collation "C") is time order.
    at        text COLLATE "C" NOT NULL,
    dedup_key text   NULL,
    body      text   NOT NULL,
    prev_hash bytea  NOT NULL,
    hash      bytea  NOT NULL,
    PRIMARY KEY (site_id, position),
    -- A key is held once per site (keys that must not repeat across sites carry their site); no key: never a conflict.
    CONSTRAINT bitgrid_event_log_dedup UNIQUE (site_id, dedup_key)
);

-- Reads by kind and time range (history, KPIs) and the decision count; by position the primary key serves.
CREATE INDEX IF NOT EXISTS bitgrid_event_log_site_kind_at ON bitgrid_event_log (site_id, kind, at);

-- The next record of a site continues that site's chain: no gap, no second record at a position.
CREATE OR REPLACE FUNCTION bitgrid_event_log_appends_only_at_the_end() RETURNS trigger LANGUAGE plpgsql AS $f$
BEGIN
    IF NEW.position IS DISTINCT FROM
       COALESCE((SELECT MAX(position) FROM bitgrid_event_log WHERE site_id = NEW.site_id), 0) + 1 THEN
        RAISE EXCEPTION 'event log: a record must continue the chain at the next position';
    END IF;
    RETURN NEW;
END;
$f$;

CREATE OR REPLACE FUNCTION bitgrid_event_log_no_update() RETURNS trigger LANGUAGE plpgsql AS $f$
BEGIN
    RAISE EXCEPTION 'event log: records are append-only and cannot be changed';
END;
$f$;

-- Nothing is archived out of this table (yet): no record leaves it, one by one or by TRUNCATE.
CREATE OR REPLACE FUNCTION bitgrid_event_log_no_delete() RETURNS trigger LANGUAGE plpgsql AS $f$
BEGIN
    RAISE EXCEPTION 'event log: records are append-only and cannot be deleted';
END;
$f$;

-- Created only when missing: re-applying takes no lock on a table the recorders are writing.
DO $d$
DECLARE
    t record;
BEGIN
    FOR t IN SELECT * FROM (VALUES
        ('bitgrid_event_log_appends_only_at_the_end', 'BEFORE INSERT', 'ROW', 'bitgrid_event_log_appends_only_at_the_end'),
        ('bitgrid_event_log_no_update', 'BEFORE UPDATE', 'ROW', 'bitgrid_event_log_no_update'),
        ('bitgrid_event_log_no_delete', 'BEFORE DELETE', 'ROW', 'bitgrid_event_log_no_delete'),
        ('bitgrid_event_log_no_truncate', 'BEFORE TRUNCATE', 'STATEMENT', 'bitgrid_event_log_no_delete')) AS v (name, timing, level, fn)
    LOOP
        IF NOT EXISTS (SELECT 1 FROM pg_trigger WHERE tgrelid = 'bitgrid_event_log'::regclass AND tgname = t.name) THEN
            EXECUTE format('CREATE TRIGGER %I %s ON bitgrid_event_log FOR EACH %s EXECUTE FUNCTION %I()', t.name, t.timing, t.level, t.fn);
        END IF;
    END LOOP;
END;
$d$;
