using BitGridAI.Grains.Abstractions;
using BitGridAI.Grains.Abstractions.Ports;
using BitGridAI.Grains.Hosting;
using BitGridAI.Storage;
using BitGridAI.Storage.EventLog;
using BitGridAI.Storage.Postgres;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Serialization;
using Orleans.Storage;
using Orleans.Streams;

namespace BitGridAI.Silo.Hosting;

/// <summary>The pieces every BitGridAI silo has, production and tests alike.</summary>
public static class BitGridSiloExtensions
{
    /// <summary>The ADO.NET invariant that reaches Microsoft.Data.Sqlite (the "Microsoft.Data.Sqlite" invariant fails in Orleans 10.4).</summary>
    public const string SqliteInvariant = "System.Data.SQLite";

    /// <summary>
    /// Grain state and reminders in <c>{dataDir}/state.db</c> (our own schema scripts), the decision log in
    /// <c>{dataDir}/events.db</c>.
    /// </summary>
    public static ISiloBuilder AddBitGridStorage(this ISiloBuilder silo, string dataDir)
    {
        var state = new SqliteDatabase(Path.Combine(dataDir, "state.db"));
        state.Apply("grain-state.sql");
        state.Apply("reminders.sql");
        silo.AddAdoNetGrainStorage("bitgrid", options =>
        {
            options.Invariant = SqliteInvariant;
            // The data source, not the bare connection string: every connection Orleans opens waits for a
            // busy file inside SQLite (busy_timeout), pooled or new.
            options.DataSource = state.DataSource;
        });
        // Orleans' own serializer, not the JSON default: state types are [GenerateSerializer] records with
        // stable ids and aliases, so a rename or a new field never breaks loading what is stored.
        silo.Services.AddOptions<AdoNetGrainStorageOptions>("bitgrid")
            .Configure<Serializer>((options, serializer) => options.GrainStorageSerializer = new OrleansGrainStorageSerializer(serializer));
        // The reminder that wakes a site grain after a deactivation or a restart lives in the same file: the
        // ADO.NET reminder table runs on SQLite with our script (verified: a reminder registered before a
        // restart fires after it and reactivates its grain).
        silo.UseAdoNetReminderService(options =>
        {
            options.Invariant = SqliteInvariant;
            // The data source, not the bare connection string: every connection Orleans opens waits for a
            // busy file inside SQLite (busy_timeout), pooled or new.
            options.DataSource = state.DataSource;
        });
        return silo.AddBitGridEventLog(dataDir);
    }

    /// <summary>
    /// Cluster mode: grain state, reminders and each site's event log in PostgreSQL (our scripts, applied
    /// beforehand), under the same storage name and serializer as standalone. A site's recorder may move to any silo,
    /// so its hash chain lives in the database; this silo's <c>{dataDir}/events.db</c> stays for what is local
    /// (retention of a file that receives no site records, the console's own records).
    /// </summary>
    public static ISiloBuilder AddBitGridClusterStorage(this ISiloBuilder silo, PostgresDatabase database, string dataDir)
    {
        silo.AddAdoNetGrainStorage("bitgrid", options =>
        {
            options.Invariant = PostgresDatabase.Invariant;
            options.ConnectionString = database.ConnectionString;
        });
        silo.Services.AddOptions<AdoNetGrainStorageOptions>("bitgrid")
            .Configure<Serializer>((options, serializer) => options.GrainStorageSerializer = new OrleansGrainStorageSerializer(serializer));
        silo.UseAdoNetReminderService(options =>
        {
            options.Invariant = PostgresDatabase.Invariant;
            options.ConnectionString = database.ConnectionString;
        });
        var store = new EventLogStore(new SqliteDatabase(EventLogStore.PathIn(dataDir)));
        silo.Services.AddSingleton(store);
        var log = new PostgresEventLog(database);
        silo.Services.AddSingleton(log);
        silo.Services.AddSingleton<IEventLog>(log);
        return silo;
    }

    private static ISiloBuilder AddBitGridEventLog(this ISiloBuilder silo, string dataDir)
    {
        var store = new EventLogStore(new SqliteDatabase(EventLogStore.PathIn(dataDir)));
        silo.Services.AddSingleton(store);
        silo.Services.AddSingleton<IEventLog>(new SqliteEventLog(store));
        return silo;
    }

    /// <summary>Decisions on memory streams; subscribers are implicit only, so no pub-sub store is needed.</summary>
    public static ISiloBuilder AddBitGridStreams(this ISiloBuilder silo) =>
        silo.AddMemoryStreams(Streams.Provider, streams => streams.ConfigureStreamPubSub(StreamPubSubType.ImplicitOnly));

    /// <summary>Site time, the configured sites and the grains' timing.</summary>
    public static ISiloBuilder AddBitGridSites(this ISiloBuilder silo, TimeProvider siteTime, ISiteCatalog catalog, Action<GrainTimingOptions>? timing = null)
    {
        silo.Services.AddSingleton(new SiteClock(siteTime));
        silo.Services.AddSingleton(catalog);
        silo.Services.AddOptions<GrainTimingOptions>().Configure(o => timing?.Invoke(o)).ValidateOnStart();
        silo.Services.AddSingleton<IValidateOptions<GrainTimingOptions>, GrainTimingOptionsValidator>();
        // Orleans refuses reminders shorter than its minimum (1 min); a shorter configured wake (tests) lowers it.
        silo.Services.AddOptions<ReminderOptions>().Configure<IOptions<GrainTimingOptions>>((reminders, grainTiming) =>
        {
            if (grainTiming.Value.WakeInterval > TimeSpan.Zero && grainTiming.Value.WakeInterval < reminders.MinimumReminderPeriod)
            {
                reminders.MinimumReminderPeriod = grainTiming.Value.WakeInterval;
            }
        });
        silo.Services.AddOptions<ExplanationOptions>().ValidateOnStart();
        silo.Services.AddSingleton<IValidateOptions<ExplanationOptions>, ExplanationOptionsValidator>();
        silo.Services.AddOptions<ActuationOptions>().ValidateOnStart();
        silo.Services.AddSingleton<IValidateOptions<ActuationOptions>, ActuationOptionsValidator>();
        return silo;
    }
}
