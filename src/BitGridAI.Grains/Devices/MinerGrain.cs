using BitGridAI.Domain.Decisions;
using BitGridAI.Grains.Abstractions.Devices;
using BitGridAI.Grains.Abstractions.Messages;
using BitGridAI.Grains.Hosting;
using BitGridAI.Grains.Ports;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace BitGridAI.Grains.Devices;

/// <summary>
/// A miner: its telemetry like any device, plus carrying out decisions. A command goes out only when
/// the decision changes what the miner was told to do, so a repeated decision sends nothing.
/// </summary>
internal sealed class MinerGrain(
    [PersistentState("device", "bitgrid")] IPersistentState<DeviceGrainState> state,
    [PersistentState("miner", "bitgrid")] IPersistentState<MinerGrainState> command,
    IDevicePort port,
    IMinerPort miners,
    SiteClock clock,
    ISiteCatalog catalog,
    IOptions<GrainTimingOptions> timing,
    ILogger<MinerGrain> logger) : DeviceGrain(state, port, clock, catalog, timing, logger), IMinerGrain
{
    public async Task ApplyAsync(DecisionRecord decision)
    {
        command.State.LastDecisionCode = decision.DecisionCode;
        if (decision.Action == "NOOP"
            || (decision.Action == command.State.CommandedAction && decision.Mode == command.State.CommandedMode))
        {
            await command.WriteStateAsync();
            return;
        }

        var action = Enum.Parse<ActuatorState>(decision.Action, ignoreCase: true);
        var mode = decision.Mode is null ? MinerMode.None : Enum.Parse<MinerMode>(decision.Mode, ignoreCase: true);
        var commandId = $"{decision.SiteId}/{decision.BlockId}/{decision.Sequence}";
        try
        {
            await miners.SendAsync(this.GetPrimaryKeyString(), new MinerCommand(commandId, action, mode), CancellationToken.None);
            command.State.CommandedAction = decision.Action;
            command.State.CommandedMode = decision.Mode;
            command.State.LastCommandId = commandId;
            command.State.LastCommandAt = Clock.Now;
            command.State.CommandsSent++;
        }
        catch (DeviceUnreachableException e)
        {
            Log.CommandFailed(logger, this.GetPrimaryKeyString(), commandId, decision.Action, e.Message);
        }
        await command.WriteStateAsync();
    }

    public Task<MinerState> GetMinerStateAsync() => Task.FromResult(new MinerState(
        this.GetPrimaryKeyString(),
        command.State.CommandedAction,
        command.State.CommandedMode,
        command.State.LastCommandId,
        command.State.LastDecisionCode,
        command.State.LastCommandAt,
        command.State.CommandsSent));
}
