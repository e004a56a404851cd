-- BitGridAI: the PostgreSQL schema behind Orleans' ADO.NET grain storage, invariant "Npgsql".
-- Orleans reads its statements by name from orleansquery. Parameter names (@ServiceId, @GrainTypeString,
-- @GrainIdN0, @GrainIdN1, @GrainIdExtensionString, @GrainIdHash, @GrainTypeHash, @PayloadBinary,
-- @GrainStateVersion) and result columns (PayloadBinary, Version, NewGrainStateVersion) are the
-- provider's contract. Idempotent: applied at every start and by `bitgrid db init`.

CREATE TABLE IF NOT EXISTS orleansquery
(
    querykey  varchar(64) NOT NULL PRIMARY KEY,
    querytext text        NOT NULL
);

-- One row per grain state; a string key is kept whole in grainidextension ('' for a numeric key), so the
-- natural key is unique and a write is one statement.
CREATE TABLE IF NOT EXISTS bitgrid_grain_state
(
    serviceid        varchar(150) NOT NULL,
    graintype        varchar(512) NOT NULL,
    grainidn0        bigint       NOT NULL,
    grainidn1        bigint       NOT NULL,
    grainidextension varchar(512) NOT NULL,
    grainidhash      integer      NOT NULL,
    graintypehash    integer      NOT NULL,
    payload          bytea        NULL,
    modifiedon       timestamptz  NOT NULL,
    version          integer      NOT NULL,
    PRIMARY KEY (serviceid, graintype, grainidn0, grainidn1, grainidextension)
);

INSERT INTO orleansquery (querykey, querytext) VALUES ('ReadFromStorageKey', $q$
SELECT payload AS payloadbinary, version AS version
FROM bitgrid_grain_state
WHERE serviceid = @ServiceId AND graintype = @GrainTypeString
  AND grainidn0 = @GrainIdN0 AND grainidn1 = @GrainIdN1
  AND grainidextension = COALESCE(@GrainIdExtensionString, '');
$q$) ON CONFLICT (querykey) DO UPDATE SET querytext = excluded.querytext;

-- Write with optimistic concurrency: without an ETag a grain may only create its row, with one only
-- replace the version it read. The new version comes back only when a row changed; nothing coming back
-- tells Orleans another activation wrote first.
INSERT INTO orleansquery (querykey, querytext) VALUES ('WriteToStorageKey', $q$
WITH created AS (
    INSERT INTO bitgrid_grain_state (serviceid, graintype, grainidn0, grainidn1, grainidextension,
                                     grainidhash, graintypehash, payload, modifiedon, version)
    SELECT @ServiceId, @GrainTypeString, @GrainIdN0, @GrainIdN1, COALESCE(@GrainIdExtensionString, ''),
           @GrainIdHash, @GrainTypeHash, @PayloadBinary, now(), 1
    WHERE @GrainStateVersion IS NULL
    ON CONFLICT (serviceid, graintype, grainidn0, grainidn1, grainidextension) DO NOTHING
    RETURNING version
), replaced AS (
    UPDATE bitgrid_grain_state
    SET payload = @PayloadBinary, modifiedon = now(), version = version + 1
    WHERE @GrainStateVersion IS NOT NULL
      AND serviceid = @ServiceId AND graintype = @GrainTypeString
      AND grainidn0 = @GrainIdN0 AND grainidn1 = @GrainIdN1
      AND grainidextension = COALESCE(@GrainIdExtensionString, '')
      AND version = @GrainStateVersion
    RETURNING version
)
SELECT version AS newgrainstateversion FROM created
UNION ALL
SELECT version FROM replaced;
$q$) ON CONFLICT (querykey) DO UPDATE SET querytext = excluded.querytext;

-- Clear: keep the row, drop the payload, move the version on (same concurrency rule as a write).
INSERT INTO orleansquery (querykey, querytext) VALUES ('ClearStorageKey', $q$
UPDATE bitgrid_grain_state
SET payload = NULL, modifiedon = now(), version = version + 1
WHERE serviceid = @ServiceId AND graintype = @GrainTypeString
  AND grainidn0 = @GrainIdN0 AND grainidn1 = @GrainIdN1
  AND grainidextension = COALESCE(@GrainIdExtensionString, '')
  AND version = @GrainStateVersion
RETURNING version AS newgrainstateversion;
$q$) ON CONFLICT (querykey) DO UPDATE SET querytext = excluded.querytext;

-- Delete: remove the row (a provider configured to delete state on clear).
INSERT INTO orleansquery (querykey, querytext) VALUES ('DeleteStorageKey', $q$
DELETE FROM bitgrid_grain_state
WHERE serviceid = @ServiceId AND graintype = @GrainTypeString
  AND grainidn0 = @GrainIdN0 AND grainidn1 = @GrainIdN1
  AND grainidextension = COALESCE(@GrainIdExtensionString, '')
  AND version = @GrainStateVersion
RETURNING version AS newgrainstateversion;
$q$) ON CONFLICT (querykey) DO UPDATE SET querytext = excluded.querytext;
