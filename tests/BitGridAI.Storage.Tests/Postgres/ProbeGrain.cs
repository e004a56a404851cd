namespace BitGridAI.Storage.Tests.Postgres;

/// <summary>A grain with persistent state and a reminder, for the silo-on-PostgreSQL tests.</summary>
public interface IProbeGrain : IGrainWithStringKey
{
    Task Set(string value);

    Task<string?> Get();

    Task Remind(string name);
}

[GenerateSerializer, Alias("BitGridAI.Storage.Tests.Postgres.ProbeState")]
public sealed class ProbeState
{
    [Id(0)]
    public string? Value { get; set; }
}

public sealed class ProbeGrain([PersistentState("probe", PostgresSiloTests.Storage)] IPersistentState<ProbeState> state) : Grain, IProbeGrain, IRemindable
{
    public async Task Set(string value)
    {
        state.State.Value = value;
        await state.WriteStateAsync();
    }

    public Task<string?> Get() => Task.FromResult(state.State.Value);

    public Task Remind(string name) => this.RegisterOrUpdateReminder(name, TimeSpan.FromHours(1), TimeSpan.FromHours(1));

    public Task ReceiveReminder(string reminderName, TickStatus status) => Task.CompletedTask;
}
