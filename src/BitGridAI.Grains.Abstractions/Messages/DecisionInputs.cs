using System.Collections.Immutable;
using BitGridAI.Domain.Decisions;
using BitGridAI.Domain.Engine;
using BitGridAI.Domain.Fleet;
using BitGridAI.Domain.Overrides;
using BitGridAI.Domain.Signals;

namespace BitGridAI.Grains.Abstractions.Messages;

/// <summary>
/// Everything one evaluation of the engine rested on — the readings and the context — in a storable form, so a
/// recorded decision can be run through the engine again (history replay) and must come out the same.
/// </summary>
[GenerateSerializer, Immutable, Alias("bitgrid.DecisionInputs")]
public sealed record DecisionInputs(
    [property: Id(0)] ImmutableDictionary<string, double> Signals,
    [property: Id(1)] ImmutableArray<string> Rejected,
    [property: Id(2)] DateTimeOffset Now,
    [property: Id(3)] string? Actuator,
    [property: Id(4)] long BlocksSinceChange,
    [property: Id(5)] string Autonomy,
    [property: Id(6)] string Strategy,
    [property: Id(7)] string? OverrideAction,
    [property: Id(8)] DateTimeOffset? OverrideExpiresAt,
    [property: Id(9)] bool EmergencyStop,
    [property: Id(10)] bool MinerPoweredOff,
    [property: Id(11)] double ReservedW,
    [property: Id(12)] DateTimeOffset? LockoutStartedAt,
    [property: Id(13)] bool LastTelemetryFresh,
    [property: Id(14)] string Trigger)
{
    /// <summary>What the site's other miners drew (the derived house load leaves it out), W.</summary>
    [Id(15)] public double OtherMinersW { get; init; }

    /// <summary>The miner's fleet share, when the site allocated (docs/fleet.md).</summary>
    [Id(16)] public FleetShareInputs? Fleet { get; init; }

    public static DecisionInputs From(in EnergyState state, in DecisionContext context)
    {
        var signals = ImmutableDictionary.CreateBuilder<string, double>(StringComparer.Ordinal);
        foreach (var signal in state.Known.Members())
        {
            signals[SignalInfo.Name(signal)] = state.ValueOrNaN(signal);
        }
        return new DecisionInputs(
            signals.ToImmutable(),
            [.. state.Rejected.Members().Select(SignalInfo.Name)],
            context.Now,
            DecisionText.Of(context.Actuator),
            context.BlocksSinceChange,
            DecisionText.Of(context.Autonomy),
            DecisionText.Of(context.Strategy),
            DecisionText.Of(context.Override.Action),
            context.Override.ExpiresAt,
            context.EmergencyStop,
            context.MinerPoweredOff,
            context.ReservedW,
            context.Safety.LockoutStartedAt,
            context.Safety.LastTelemetryFresh,
            DecisionText.Of(context.Trigger))
        {
            OtherMinersW = context.OtherMinersW,
            Fleet = context.Fleet is { } share ? FleetShareInputs.From(share) : null,
        };
    }

    /// <summary>The readings as the engine saw them: a rejected signal is missing and listed as rejected again.</summary>
    public EnergyState ToState()
    {
        var state = EnergyState.Empty;
        foreach (var (name, value) in Signals)
        {
            if (SignalInfo.TryParse(name, out var signal))
            {
                state = state.With(signal, value);
            }
        }
        foreach (var name in Rejected)
        {
            if (SignalInfo.TryParse(name, out var signal))
            {
                state = state.With(signal, double.NaN);
            }
        }
        return state;
    }

    public DecisionContext ToContext() => new()
    {
        Now = Now,
        Actuator = DecisionText.ParseActuator(Actuator),
        BlocksSinceChange = BlocksSinceChange,
        Autonomy = DecisionText.ParseAutonomy(Autonomy),
        Strategy = DecisionText.ParseStrategy(Strategy),
        Override = OverrideAction is null ? ManualOverride.None : new ManualOverride(DecisionText.ParseActuator(OverrideAction), OverrideExpiresAt),
        EmergencyStop = EmergencyStop,
        MinerPoweredOff = MinerPoweredOff,
        ReservedW = ReservedW,
        Safety = new SafetyMemory(LockoutStartedAt, LastTelemetryFresh),
        Trigger = DecisionText.ParseTrigger(Trigger),
        OtherMinersW = OtherMinersW,
        Fleet = Fleet?.ToShare(),
    };
}

/// <summary>A fleet share in a storable form (text for the enums), so a fleet decision replays alone.</summary>
[GenerateSerializer, Immutable, Alias("bitgrid.FleetShareInputs")]
public sealed record FleetShareInputs(
    [property: Id(0)] string MinerId,
    [property: Id(1)] double TargetW,
    [property: Id(2)] string Reason,
    [property: Id(3)] double CurrentW,
    [property: Id(4)] double LeftW,
    [property: Id(5)] string Mode,
    [property: Id(6)] double? SurplusW,
    [property: Id(7)] double ReserveW,
    [property: Id(8)] double? ExportCt,
    [property: Id(9)] double? MiningSats,
    [property: Id(10)] double? MiningCt,
    [property: Id(11)] double? HeatCt)
{
    public static FleetShareInputs From(FleetShare share) => new(
        share.MinerId, share.TargetW, share.Reason.ToString(), share.CurrentW, share.LeftW, DecisionText.Of(share.Mode) ?? "none",
        double.IsNaN(share.SurplusW) ? null : share.SurplusW, share.ReserveW, share.ExportCt, share.MiningSats, share.MiningCt, share.HeatCt);

    /// <summary>The share as the engine saw it; an unreadable reason reads as no budget (0 W), the safe side.</summary>
    public FleetShare ToShare() => new(MinerId, TargetW, Enum.TryParse<FleetReason>(Reason, out var reason) ? reason : FleetReason.NoBudget)
    {
        CurrentW = CurrentW,
        LeftW = LeftW,
        Mode = DecisionText.ParseMode(Mode),
        SurplusW = SurplusW ?? double.NaN,
        ReserveW = ReserveW,
        ExportCt = ExportCt,
        MiningSats = MiningSats,
        MiningCt = MiningCt,
        HeatCt = HeatCt,
    };
}
