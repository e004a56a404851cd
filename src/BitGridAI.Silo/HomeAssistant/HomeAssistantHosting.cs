using BitGridAI.Grains.Abstractions.Ports;
using BitGridAI.Grains.Abstractions.Site;
using BitGridAI.Silo.Configuration;
using BitGridAI.Silo.Control;
using BitGridAI.Silo.Mqtt;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace BitGridAI.Silo.HomeAssistant;

/// <summary>Puts the Home Assistant bridge into the silo: options checked at start, Home Assistant's broker account, the bridge.</summary>
internal static class HomeAssistantHosting
{
    /// <summary>
    /// Reads <c>HomeAssistant</c> (defaults from <c>Mqtt</c> and the site) and, when enabled, runs the bridge. A
    /// configured <c>HomeAssistant:Account</c> is added to the embedded broker's accounts. Call after the API (the bridge
    /// uses its <see cref="SiteControl"/>) and after the broker's accounts are registered.
    /// </summary>
    /// <param name="builder">The silo's web host.</param>
    /// <param name="configuration">The silo's configuration.</param>
    /// <param name="mqtt">The checked broker options.</param>
    /// <param name="site">The site Home Assistant sees.</param>
    public static void AddBitGridHomeAssistant(this WebApplicationBuilder builder, IConfiguration configuration, MqttBrokerOptions mqtt, SiteDefinition site)
    {
        var options = HomeAssistantOptions.For(mqtt, site.Id);
        configuration.GetSection(HomeAssistantOptions.Section).Bind(options);
        if (HomeAssistantOptionsValidator.Check(options, mqtt, site) is { Count: > 0 } errors)
        {
            throw new StartupException("invalid configuration: " + string.Join("; ", errors));
        }
        if (mqtt.Enabled && options.Account is { Username.Length: > 0 } account)
        {
            var registered = builder.Services.LastOrDefault(d => d.ServiceType == typeof(MqttBrokerAccess))?.ImplementationInstance as MqttBrokerAccess;
            var topics = new[] { $"{options.DiscoveryPrefix}/#", $"{options.StatePrefix}/#" };
            builder.Services.Replace(ServiceDescriptor.Singleton(HomeAssistantBrokerAccount.Add(registered ?? new MqttBrokerAccess(mqtt, _ => []), mqtt, account, topics)));
        }
        if (!options.Enabled)
        {
            return;
        }
        var haTopics = new HomeAssistantTopics(options);
        builder.Services.AddSingleton(sp => new HomeAssistantBridge(
            options,
            new HomeAssistantDiscovery(options, haTopics, site),
            haTopics,
            sp.GetRequiredService<SiteControl>(),
            new HomeAssistantCommandHandler(
                new SiteControlCommands(sp.GetRequiredService<SiteControl>(), sp.GetRequiredService<IGrainFactory>(), sp.GetRequiredService<SiteClock>()),
                haTopics, options, TimeProvider.System, sp.GetRequiredService<ILogger<HomeAssistantCommandHandler>>()),
            sp.GetRequiredService<ILogger<HomeAssistantBridge>>()));
        builder.Services.AddSingleton<IDecisionObserver>(sp => sp.GetRequiredService<HomeAssistantBridge>());
        builder.Services.AddHostedService(sp => sp.GetRequiredService<HomeAssistantBridge>());
    }
}
