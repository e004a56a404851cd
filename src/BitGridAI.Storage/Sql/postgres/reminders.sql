-- BitGridAI: the PostgreSQL schema behind Orleans' ADO.NET reminder table, invariant "Npgsql".
-- Orleans reads its statements by name from orleansquery. Parameter names (@ServiceId, @GrainId,
-- @ReminderName, @StartTime, @Period in ms, @GrainHash, @BeginHash, @EndHash, @Version) and result
-- columns are the provider's contract. Idempotent: applied at every start and by `bitgrid db init`.

CREATE TABLE IF NOT EXISTS orleansquery
(
    querykey  varchar(64) NOT NULL PRIMARY KEY,
    querytext text        NOT NULL
);

-- grainhash is the grain's uniform hash as a signed 32-bit integer; a silo reads its share of the ring by it.
CREATE TABLE IF NOT EXISTS bitgrid_reminders
(
    serviceid    varchar(150) NOT NULL,
    grainid      varchar(250) NOT NULL,
    remindername varchar(150) NOT NULL,
    starttime    timestamptz  NOT NULL,
    period       bigint       NOT NULL,
    grainhash    integer      NOT NULL,
    version      integer      NOT NULL,
    PRIMARY KEY (serviceid, grainid, remindername)
);
CREATE INDEX IF NOT EXISTS bitgrid_reminders_by_hash ON bitgrid_reminders (serviceid, grainhash);

INSERT INTO orleansquery (querykey, querytext) VALUES ('ReadReminderRowsKey', $q$
SELECT grainid AS grainid, remindername AS remindername, starttime AS starttime, period AS period, version AS version
FROM bitgrid_reminders
WHERE serviceid = @ServiceId AND grainid = @GrainId;
$q$) ON CONFLICT (querykey) DO UPDATE SET querytext = excluded.querytext;

INSERT INTO orleansquery (querykey, querytext) VALUES ('ReadReminderRowKey', $q$
SELECT grainid AS grainid, remindername AS remindername, starttime AS starttime, period AS period, version AS version
FROM bitgrid_reminders
WHERE serviceid = @ServiceId AND grainid = @GrainId AND remindername = @ReminderName;
$q$) ON CONFLICT (querykey) DO UPDATE SET querytext = excluded.querytext;

-- The ring range (begin, end] when it does not wrap ...
INSERT INTO orleansquery (querykey, querytext) VALUES ('ReadRangeRows1Key', $q$
SELECT grainid AS grainid, remindername AS remindername, starttime AS starttime, period AS period, version AS version
FROM bitgrid_reminders
WHERE serviceid = @ServiceId AND grainhash > @BeginHash AND grainhash <= @EndHash;
$q$) ON CONFLICT (querykey) DO UPDATE SET querytext = excluded.querytext;

-- ... and when it wraps around the end of the ring.
INSERT INTO orleansquery (querykey, querytext) VALUES ('ReadRangeRows2Key', $q$
SELECT grainid AS grainid, remindername AS remindername, starttime AS starttime, period AS period, version AS version
FROM bitgrid_reminders
WHERE serviceid = @ServiceId AND (grainhash > @BeginHash OR grainhash <= @EndHash);
$q$) ON CONFLICT (querykey) DO UPDATE SET querytext = excluded.querytext;

-- Insert or replace; the version that comes back is the reminder's ETag.
INSERT INTO orleansquery (querykey, querytext) VALUES ('UpsertReminderRowKey', $q$
INSERT INTO bitgrid_reminders AS r (serviceid, grainid, remindername, starttime, period, grainhash, version)
VALUES (@ServiceId, @GrainId, @ReminderName, @StartTime, @Period, @GrainHash, 0)
ON CONFLICT (serviceid, grainid, remindername) DO UPDATE
SET starttime = excluded.starttime, period = excluded.period, grainhash = excluded.grainhash,
    version = r.version + 1
RETURNING r.version AS version;
$q$) ON CONFLICT (querykey) DO UPDATE SET querytext = excluded.querytext;

-- Delete only the version the caller read; one boolean column: did a row go.
INSERT INTO orleansquery (querykey, querytext) VALUES ('DeleteReminderRowKey', $q$
WITH removed AS (
    DELETE FROM bitgrid_reminders
    WHERE serviceid = @ServiceId AND grainid = @GrainId AND remindername = @ReminderName AND version = @Version
    RETURNING 1
)
SELECT EXISTS (SELECT 1 FROM removed);
$q$) ON CONFLICT (querykey) DO UPDATE SET querytext = excluded.querytext;

INSERT INTO orleansquery (querykey, querytext) VALUES ('DeleteReminderRowsKey', $q$
DELETE FROM bitgrid_reminders WHERE serviceid = @ServiceId;
$q$) ON CONFLICT (querykey) DO UPDATE SET querytext = excluded.querytext;
