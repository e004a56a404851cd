-- BitGridAI: the hash-chained event log written by the recorder grain. Idempotent: run at every start.
PRAGMA journal_mode = WAL;

-- One row per record, positions 1, 2, 3 … without gaps. hash = SHA-256(prev_hash ‖ the record's canonical
-- bytes) (docs/event-log.md), prev_hash = the hash of the record before (32 zero bytes before the first).
CREATE TABLE IF NOT EXISTS event_log
(
    position  INTEGER PRIMARY KEY,
    kind      TEXT    NOT NULL,
    site_id   TEXT    NOT NULL,
    at        TEXT    NOT NULL,
    dedup_key TEXT    UNIQUE,
    body      TEXT    NOT NULL,
    prev_hash BLOB    NOT NULL,
    hash      BLOB    NOT NULL
);
-- (no index on time: readers go in position order, and an index would slow every append)

-- Segments moved out of this file by retention: the chain continues from each segment's head.
CREATE TABLE IF NOT EXISTS archived_segment
(
    segment        INTEGER PRIMARY KEY,
    first_position INTEGER NOT NULL,
    last_position  INTEGER NOT NULL,
    head_hash      BLOB    NOT NULL,
    file           TEXT    NOT NULL,
    archived_at    TEXT    NOT NULL
);

-- The next record continues the chain: no gap, no second record at a position.
CREATE TRIGGER IF NOT EXISTS event_log_appends_only_at_the_end BEFORE INSERT ON event_log
WHEN NEW.position <> COALESCE((SELECT MAX(position) FROM event_log), (SELECT MAX(last_position) FROM archived_segment), 0) + 1
BEGIN
    SELECT RAISE(ABORT, 'event log: a record must continue the chain at the next position');
END;

CREATE TRIGGER IF NOT EXISTS event_log_no_update BEFORE UPDATE ON event_log
BEGIN
    SELECT RAISE(ABORT, 'event log: records are append-only and cannot be changed');
END;

-- Only records already archived (their segment's file written, its head kept above) may leave the file.
CREATE TRIGGER IF NOT EXISTS event_log_no_delete BEFORE DELETE ON event_log
WHEN OLD.position > COALESCE((SELECT MAX(last_position) FROM archived_segment), 0)
BEGIN
    SELECT RAISE(ABORT, 'event log: records are append-only; only archived segments leave the file');
END;

CREATE TRIGGER IF NOT EXISTS archived_segment_no_update BEFORE UPDATE ON archived_segment
BEGIN
    SELECT RAISE(ABORT, 'event log: an archived segment''s head cannot be changed');
END;

CREATE TRIGGER IF NOT EXISTS archived_segment_no_delete BEFORE DELETE ON archived_segment
BEGIN
    SELECT RAISE(ABORT, 'event log: an archived segment''s head cannot be removed');
END;
