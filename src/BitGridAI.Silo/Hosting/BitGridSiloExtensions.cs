using BitGridAI.Grains.Abstractions;
using BitGridAI.Grains.Abstractions.Ports;
using BitGridAI.Grains.Hosting;
using BitGridAI.Storage;
using Microsoft.Extensions.DependencyInjection;
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

    /// <summary>Grain state in <c>{dataDir}/state.db</c> (our own schema script), the decision log in <c>{dataDir}/events.db</c>.</summary>
    public static ISiloBuilder AddBitGridStorage(this ISiloBuilder silo, string dataDir)
    {
        var state = new SqliteDatabase(Path.Combine(dataDir, "state.db"));
        state.Apply("grain-state.sql");
        state.WarmPool(16);
        silo.AddAdoNetGrainStorage("bitgrid", options =>
        {
            options.Invariant = SqliteInvariant;
            options.ConnectionString = state.ConnectionString;
        });
        // Orleans' own serializer, not the JSON default: state types are [GenerateSerializer] records with
        // stable ids and aliases, so a rename or a new field never breaks loading what is stored.
        silo.Services.AddOptions<AdoNetGrainStorageOptions>("bitgrid")
            .Configure<Serializer>((options, serializer) => options.GrainStorageSerializer = new OrleansGrainStorageSerializer(serializer));
        var events = new SqliteEventLog(new SqliteDatabase(Path.Combine(dataDir, "events.db")));
        silo.Services.AddSingleton<IEventLog>(events);
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
        silo.Services.AddOptions<GrainTimingOptions>().Configure(o => timing?.Invoke(o));
        silo.Services.AddOptions<ActuationOptions>().ValidateOnStart();
        silo.Services.AddSingleton<IValidateOptions<ActuationOptions>, ActuationOptionsValidator>();
        return silo;
    }
}
