-- BitGridAI: API tokens. Only a token's SHA-256 is stored; the token itself is shown once when it is made.
PRAGMA journal_mode = WAL;

CREATE TABLE IF NOT EXISTS api_token
(
    name       TEXT PRIMARY KEY,
    role       TEXT NOT NULL CHECK (role IN ('viewer', 'operator', 'admin')),
    token_hash BLOB NOT NULL UNIQUE,
    created_at TEXT NOT NULL,
    revoked_at TEXT
);
