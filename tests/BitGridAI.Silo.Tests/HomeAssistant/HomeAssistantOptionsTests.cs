using BitGridAI.Domain.Config;
using BitGridAI.Domain.Decisions;
using BitGridAI.Grains.Abstractions.Site;
using BitGridAI.Silo.Configuration;
using BitGridAI.Silo.HomeAssistant;

namespace BitGridAI.Silo.Tests.HomeAssistant;

/// <summary>A bad <c>HomeAssistant</c> section stops the start with the key and what it may be.</summary>
public sealed class HomeAssistantOptionsTests
{
    private static readonly SiteDefinition Site = new("home", [new DeviceDefinition("miner-1", DeviceKind.Miner)], EngineConfig.Default, Autonomy.Full, Strategy.Surplus);
    private static readonly MqttBrokerOptions OpenBroker = new();
    private static readonly MqttBrokerOptions LockedBroker = new() { Username = "bitgrid", Password = "a-long-silo-secret" };

    [Fact]
    public void TheDefaultsFollowTheBrokerAndTheSite()
    {
        var options = HomeAssistantOptions.For(new MqttBrokerOptions { Host = "0.0.0.0", Port = 1884, Username = "bitgrid", Password = "secret" }, "Garden Shed");

        Assert.Equal(("bitgrid_garden_shed", "bitgrid/Garden Shed/ha", "127.0.0.1", 1884, "bitgrid"), (options.NodeId, options.StatePrefix, options.Host, options.Port, options.Username));
        Assert.True(options.Enabled);
        Assert.False(HomeAssistantOptions.For(new MqttBrokerOptions { Enabled = false }, "home").Enabled);
        Assert.Empty(HomeAssistantOptionsValidator.Check(HomeAssistantOptions.For(OpenBroker, "home"), OpenBroker, Site));
    }

    [Theory]
    [InlineData("DiscoveryPrefix", "homeassistant/#", "HomeAssistant:DiscoveryPrefix: must be a topic without wildcards")]
    [InlineData("StatePrefix", "bitgrid/home/", "HomeAssistant:StatePrefix: must be a topic without wildcards")]
    [InlineData("StatePrefix", "bitgrid/home", "HomeAssistant:StatePrefix: 'bitgrid/home' would take in BitGridAI's telemetry topics")]
    [InlineData("StatePrefix", "homeassistant/bitgrid", "HomeAssistant:StatePrefix: must lie outside HomeAssistant:DiscoveryPrefix")]
    [InlineData("NodeId", "bitgrid home", "HomeAssistant:NodeId: 1 to 64 letters, digits, _ or -")]
    [InlineData("OverrideMinutes", "500", "HomeAssistant:OverrideMinutes: must be from 1 to max_override_min = 120 (got 500)")]
    [InlineData("StateInterval", "00:00:00.100", "HomeAssistant:StateInterval: must be 00:00:01 to 01:00:00")]
    [InlineData("CommandsPerMinute", "0", "HomeAssistant:CommandsPerMinute: must be from 1 to 600")]
    public void ABadSettingIsNamed(string key, string value, string expected)
    {
        var options = HomeAssistantOptions.For(OpenBroker, "home");
        typeof(HomeAssistantOptions).GetProperty(key)!.SetValue(options, key switch
        {
            "OverrideMinutes" or "CommandsPerMinute" => int.Parse(value, System.Globalization.CultureInfo.InvariantCulture),
            "StateInterval" => TimeSpan.Parse(value, System.Globalization.CultureInfo.InvariantCulture),
            _ => value,
        });

        Assert.Contains(HomeAssistantOptionsValidator.Check(options, OpenBroker, Site), e => e.StartsWith(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void AnAccountForHomeAssistantNeedsALockedBroker()
    {
        var options = HomeAssistantOptions.For(OpenBroker, "home");
        options.Account = new HomeAssistantAccount { Username = "homeassistant", Password = "ha-secret-long-enough" };

        Assert.Contains(HomeAssistantOptionsValidator.Check(options, OpenBroker, Site), e => e.StartsWith("HomeAssistant:Account: needs Mqtt:Username", StringComparison.Ordinal));
        Assert.Empty(HomeAssistantOptionsValidator.Check(options, LockedBroker, Site));
        options.Account.Username = "bitgrid";
        Assert.Contains(HomeAssistantOptionsValidator.Check(options, LockedBroker, Site), e => e.StartsWith("HomeAssistant:Account:Username: 'bitgrid' is used", StringComparison.Ordinal));
    }
}
