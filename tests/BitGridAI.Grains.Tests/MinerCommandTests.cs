using BitGridAI.Domain.Decisions;
using BitGridAI.Grains.Abstractions.Devices;

namespace BitGridAI.Grains.Tests;

[Collection(ClusterDefinition.Name)]
public sealed class MinerCommandTests(ClusterFixture fixture)
{
    [Fact]
    public async Task ARepeatedDecisionSendsNoSecondCommand()
    {
        var driver = new SiteDriver(fixture.Grains, "site-10");
        var sunny = new BlockReadings(5200, 500, 0, 1000, 80, -1500, 50, 1670);
        for (var i = 0; i < 4; i++)
        {
            Assert.Equal("START_R1_SURPLUS_OK", (await driver.RunBlockAsync(sunny)).Decisions.Single().DecisionCode);
        }
        await driver.RunBlockAsync(sunny with { PvW = 100 });

        var sent = RecordingMinerPort.For("site-10-miner");
        Assert.Equal([ActuatorState.Start, ActuatorState.Stop], sent.Select(c => c.Action));
        Assert.Equal(MinerMode.Standard, sent[0].Mode);
        Assert.NotEqual(sent[0].CommandId, sent[1].CommandId);
        var state = await fixture.Grains.GetGrain<IMinerGrain>("site-10-miner").GetMinerStateAsync();
        Assert.Equal("STOP", state.CommandedAction);
        Assert.Equal(2, state.CommandsSent);
    }
}
