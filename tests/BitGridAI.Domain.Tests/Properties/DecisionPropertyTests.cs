using BitGridAI.Domain.Decisions;
using BitGridAI.Domain.Engine;
using BitGridAI.Domain.Signals;
using CsCheck;

namespace BitGridAI.Domain.Tests.Properties;

/// <summary>What holds for every evaluation, whatever the readings, context and config (RULES.md §1–4).</summary>
public sealed class DecisionPropertyTests
{
    private const int Iterations = 20_000;

    private static void ForEverySite(Action<Site> assert) =>
        Generators.Site.Sample(assert, iter: Iterations, print: Generators.Describe);

    [Fact]
    public void TheSameInputAlwaysGivesTheSameDecision()
    {
        ForEverySite(site => Assert.Equal(site.Decide(), site.Decide()));
    }

    [Fact]
    public void TheMarketPricesNeverChangeTheEnginesDecision() =>
        // They are signals so they travel like readings, but the energy-path policy reads them, not the engine's rules.
        Gen.Select(Generators.Site, Gen.Double[-10, 2e6].Nullable(), Gen.Double[-10, 2e9].Nullable()).Sample((site, hashprice, btc) =>
        {
            var priced = site with { State = site.State.With(Signal.HashpriceSatsPerThDay, hashprice).With(Signal.BtcPriceEur, btc) };
            var bare = site with { State = site.State.Without(Signal.HashpriceSatsPerThDay).Without(Signal.BtcPriceEur) };
            Assert.Equal(bare.Decide().Code, priced.Decide().Code);
        }, iter: 5000);

    [Fact]
    public void OvertemperatureAlwaysStopsWhateverElseIsSet()
    {
        ForEverySite(site =>
        {
            var configured = site.Config.MaxChipTempC;
            var limit = configured <= DecisionEngine.ChipTempCeilingC ? configured : DecisionEngine.ChipTempCeilingC;
            if (site.State.MinerTempC is { } temp && temp > limit)
            {
                Assert.Equal(DecisionCode.STOP_R3_OVERTEMP, site.Decide().Code);
            }
        });
    }

    [Fact]
    public void EveryDecisionIsARegisteredCodeTheRulesStillProduce()
    {
        var registered = DecisionCodes.All.Where(i => !i.Retired).Select(i => i.Code).ToHashSet();
        ForEverySite(site => Assert.Contains(site.Decide().Code, registered));
    }

    [Fact]
    public void NeverStartsOrThrottlesOnMissingData()
    {
        ForEverySite(site =>
        {
            var action = site.Decide().Action;
            if (action is DecisionAction.Start or DecisionAction.Throttle)
            {
                Assert.False(SiteSignalMissing(site), "a site signal is missing");
                Assert.False(MinerSignalMissing(site), "miner telemetry is missing");
            }
        });
    }

    [Fact]
    public void StabilityOnlyEverTurnsAProposalIntoAHold()
    {
        ForEverySite(site =>
        {
            var withR5 = site.Decide();
            var withoutR5 = (site with { Config = site.Config with { MinRuntimeBlocks = 0, MinPauseBlocks = 0, DeadbandHoldBlocks = 0 } }).Decide();
            if (withR5.Code != withoutR5.Code)
            {
                Assert.Equal(RuleId.R5, withR5.Rule);
                Assert.Equal(DecisionAction.Noop, withR5.Action);
                Assert.NotEqual(DecisionAction.Noop, DecisionCodes.Info(withR5.HeldBackProposal).Action);
            }
        });
    }

    [Fact]
    public void ManualModeNeverStartsOnItsOwn()
    {
        ForEverySite(site =>
        {
            var decision = (site with { Context = site.Context with { Autonomy = Autonomy.Manual } }).Decide();
            if (decision.Action is DecisionAction.Start or DecisionAction.Throttle)
            {
                Assert.Equal(RuleId.OVR, decision.Rule);
            }
        });
    }

    [Fact]
    public void AnActiveOverrideIsFollowedOrReportedAsOverruled()
    {
        ForEverySite(site =>
        {
            var ovr = site.Context.Override;
            var decision = site.Decide();
            if (!ovr.IsActiveAt(site.Context.Now) || decision.Rule == RuleId.R3)
            {
                Assert.False(decision.OverrideWasOverruled);
                return;
            }
            if (decision.Rule == RuleId.OVR)
            {
                Assert.Equal((int)ovr.Action, (int)decision.Action);
                Assert.False(decision.OverrideWasOverruled);
            }
            else
            {
                Assert.Equal(ovr.Action, decision.OverruledOverride);
            }
        });
    }

    [Fact]
    public void TheDecisionReportsExactlyTheRejectedReadings()
    {
        ForEverySite(site => Assert.Equal(site.State.Rejected, site.Decide().Rejected));
    }

    /// <summary>RULES.md §1 and §2 step 4, written out independently of the engine.</summary>
    private static bool SiteSignalMissing(Site site)
    {
        var s = site.State;
        var minerDrawKnownOrIrrelevant = site.Context.Actuator is ActuatorState.Stop or ActuatorState.Unknown || s.Has(Signal.MinerPowerW);
        var houseLoadKnown = s.Has(Signal.HouseLoadW)
            || (s.Has(Signal.PvPowerW) && s.Has(Signal.GridImportW) && s.Has(Signal.GridExportW) && s.Has(Signal.BatteryPowerW) && minerDrawKnownOrIrrelevant);
        return !s.Has(Signal.PvPowerW) || !houseLoadKnown || !s.Has(Signal.GridImportW) || !s.Has(Signal.BatterySocPct);
    }

    /// <summary>RULES.md §2 step 1: a confirmed powered-off miner needs no telemetry.</summary>
    private static bool MinerSignalMissing(Site site) =>
        !site.Context.MinerPoweredOff && (!site.State.Has(Signal.MinerTempC) || !site.State.Has(Signal.MinerHeartbeatAgeSec));
}
