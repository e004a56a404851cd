-- BitGridAI: the decision log written by the recorder grain. Idempotent: run at every start.
PRAGMA journal_mode = WAL;

CREATE TABLE IF NOT EXISTS decision_log
(
    position    INTEGER PRIMARY KEY AUTOINCREMENT,
    site_id     TEXT    NOT NULL,
    miner_id    TEXT    NOT NULL,
    block_id    TEXT    NOT NULL,
    sequence    INTEGER NOT NULL,
    code        TEXT    NOT NULL,
    decided_at  TEXT    NOT NULL,
    recorded_at TEXT    NOT NULL,
    record_json TEXT    NOT NULL,
    trigger     TEXT    NOT NULL,
    -- A decision published again after a crash is the same decision: recorded once. A block holds one
    -- tick decision per miner, and the safety path may add its own stops to it.
    UNIQUE (site_id, miner_id, block_id, trigger, code)
);
