-- BitGridAI: the PostgreSQL schema behind Orleans' ADO.NET membership (clustering), invariant "Npgsql".
-- Orleans reads its statements by name from orleansquery. Parameter names (@DeploymentId = the cluster id,
-- @Address, @Port, @Generation, @Version, ...) and result column names are the provider's contract; the
-- table and column names behind them are ours. Idempotent: applied at every start and by `bitgrid db init`.

CREATE TABLE IF NOT EXISTS orleansquery
(
    querykey  varchar(64) NOT NULL PRIMARY KEY,
    querytext text        NOT NULL
);

-- One row per cluster: the version every membership change moves on (optimistic concurrency).
CREATE TABLE IF NOT EXISTS bitgrid_membership_version
(
    deploymentid varchar(150) NOT NULL PRIMARY KEY,
    changedon    timestamptz  NOT NULL DEFAULT now(),
    version      integer      NOT NULL DEFAULT 0
);

-- One row per silo incarnation (address, port, generation). Status is Orleans' SiloStatus
-- (3 = Active, 6 = Dead); suspecttimes is the provider's own "address,time|..." text.
CREATE TABLE IF NOT EXISTS bitgrid_membership
(
    deploymentid varchar(150) NOT NULL REFERENCES bitgrid_membership_version (deploymentid),
    address      varchar(45)  NOT NULL,
    port         integer      NOT NULL,
    generation   integer      NOT NULL,
    siloname     varchar(150) NOT NULL,
    hostname     varchar(150) NOT NULL,
    status       integer      NOT NULL,
    proxyport    integer      NULL,
    suspecttimes text         NULL,
    starttime    timestamptz  NOT NULL,
    iamalivetime timestamptz  NOT NULL,
    PRIMARY KEY (deploymentid, address, port, generation)
);

-- Creates the cluster's version row once; true only for the call that created it.
INSERT INTO orleansquery (querykey, querytext) VALUES ('InsertMembershipVersionKey', $q$
WITH created AS (
    INSERT INTO bitgrid_membership_version (deploymentid) VALUES (@DeploymentId)
    ON CONFLICT (deploymentid) DO NOTHING
    RETURNING 1
)
SELECT EXISTS (SELECT 1 FROM created);
$q$) ON CONFLICT (querykey) DO UPDATE SET querytext = excluded.querytext;

-- A silo joins: only against the version it read, and only once per incarnation. The version row is
-- updated first, so a concurrent writer waits on its lock and then finds the version moved on.
INSERT INTO orleansquery (querykey, querytext) VALUES ('InsertMembershipKey', $q$
WITH bumped AS (
    UPDATE bitgrid_membership_version
    SET version = version + 1, changedon = now()
    WHERE deploymentid = @DeploymentId AND version = @Version
      AND NOT EXISTS (SELECT 1 FROM bitgrid_membership
                      WHERE deploymentid = @DeploymentId AND address = @Address
                        AND port = @Port AND generation = @Generation)
    RETURNING deploymentid
), added AS (
    INSERT INTO bitgrid_membership (deploymentid, address, port, generation, siloname, hostname, status,
                                    proxyport, starttime, iamalivetime)
    SELECT deploymentid, @Address, @Port, @Generation, @SiloName, @HostName, @Status,
           @ProxyPort, @StartTime, @IAmAliveTime
    FROM bumped
    RETURNING 1
)
SELECT EXISTS (SELECT 1 FROM added);
$q$) ON CONFLICT (querykey) DO UPDATE SET querytext = excluded.querytext;

-- A silo's status or suspicions change: same version rule as a join.
INSERT INTO orleansquery (querykey, querytext) VALUES ('UpdateMembershipKey', $q$
WITH bumped AS (
    UPDATE bitgrid_membership_version
    SET version = version + 1, changedon = now()
    WHERE deploymentid = @DeploymentId AND version = @Version
      AND EXISTS (SELECT 1 FROM bitgrid_membership
                  WHERE deploymentid = @DeploymentId AND address = @Address
                    AND port = @Port AND generation = @Generation)
    RETURNING deploymentid
), changed AS (
    UPDATE bitgrid_membership AS m
    SET status = @Status, suspecttimes = @SuspectTimes, iamalivetime = @IAmAliveTime
    FROM bumped
    WHERE m.deploymentid = bumped.deploymentid AND m.address = @Address
      AND m.port = @Port AND m.generation = @Generation
    RETURNING 1
)
SELECT EXISTS (SELECT 1 FROM changed);
$q$) ON CONFLICT (querykey) DO UPDATE SET querytext = excluded.querytext;

-- The heartbeat: no version change.
INSERT INTO orleansquery (querykey, querytext) VALUES ('UpdateIAmAlivetimeKey', $q$
UPDATE bitgrid_membership
SET iamalivetime = @IAmAliveTime
WHERE deploymentid = @DeploymentId AND address = @Address AND port = @Port AND generation = @Generation;
$q$) ON CONFLICT (querykey) DO UPDATE SET querytext = excluded.querytext;

-- The whole table: the version row always comes back (a cluster without members yields one row whose
-- member columns are NULL), joined with every member.
INSERT INTO orleansquery (querykey, querytext) VALUES ('MembershipReadAllKey', $q$
SELECT v.version AS version, m.address AS address, m.port AS port, m.generation AS generation,
       m.siloname AS siloname, m.hostname AS hostname, m.status AS status, m.proxyport AS proxyport,
       m.suspecttimes AS suspecttimes, m.starttime AS starttime, m.iamalivetime AS iamalivetime
FROM bitgrid_membership_version AS v
LEFT JOIN bitgrid_membership AS m ON m.deploymentid = v.deploymentid
WHERE v.deploymentid = @DeploymentId;
$q$) ON CONFLICT (querykey) DO UPDATE SET querytext = excluded.querytext;

-- One silo's row, with the version row as above.
INSERT INTO orleansquery (querykey, querytext) VALUES ('MembershipReadRowKey', $q$
SELECT v.version AS version, m.address AS address, m.port AS port, m.generation AS generation,
       m.siloname AS siloname, m.hostname AS hostname, m.status AS status, m.proxyport AS proxyport,
       m.suspecttimes AS suspecttimes, m.starttime AS starttime, m.iamalivetime AS iamalivetime
FROM bitgrid_membership_version AS v
LEFT JOIN bitgrid_membership AS m
       ON m.deploymentid = v.deploymentid AND m.address = @Address
      AND m.port = @Port AND m.generation = @Generation
WHERE v.deploymentid = @DeploymentId;
$q$) ON CONFLICT (querykey) DO UPDATE SET querytext = excluded.querytext;

-- The gateways clients may connect to (@Status is Active).
INSERT INTO orleansquery (querykey, querytext) VALUES ('GatewaysQueryKey', $q$
SELECT address AS address, proxyport AS proxyport, generation AS generation
FROM bitgrid_membership
WHERE deploymentid = @DeploymentId AND status = @Status AND proxyport > 0;
$q$) ON CONFLICT (querykey) DO UPDATE SET querytext = excluded.querytext;

-- Forget a cluster entirely (members first: they reference the version row).
INSERT INTO orleansquery (querykey, querytext) VALUES ('DeleteMembershipTableEntriesKey', $q$
DELETE FROM bitgrid_membership WHERE deploymentid = @DeploymentId;
DELETE FROM bitgrid_membership_version WHERE deploymentid = @DeploymentId;
$q$) ON CONFLICT (querykey) DO UPDATE SET querytext = excluded.querytext;

-- Dead silos whose last heartbeat is older than @IAmAliveTime.
INSERT INTO orleansquery (querykey, querytext) VALUES ('CleanupDefunctSiloEntriesKey', $q$
DELETE FROM bitgrid_membership
WHERE deploymentid = @DeploymentId AND iamalivetime < @IAmAliveTime AND status = 6;
$q$) ON CONFLICT (querykey) DO UPDATE SET querytext = excluded.querytext;

-- One dead silo, only while its row still holds the values the provider read (it decided on those).
INSERT INTO orleansquery (querykey, querytext) VALUES ('CleanupDefunctSiloEntryKey', $q$
DELETE FROM bitgrid_membership
WHERE deploymentid = @DeploymentId AND address = @Address AND port = @Port AND generation = @Generation
  AND status = 6 AND starttime = @StartTime AND iamalivetime = @IAmAliveTime
  AND suspecttimes IS NOT DISTINCT FROM @SuspectTimes;
$q$) ON CONFLICT (querykey) DO UPDATE SET querytext = excluded.querytext;
