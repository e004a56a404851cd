using BitGridAI.Silo;

// The standalone BitGridAI silo: grains, SQLite storage, the embedded MQTT broker and a simulated site.
// Exit codes: 0 clean stop, 2 bad configuration or unusable data directory (one message, no stack trace).
try
{
    using var silo = SiloHost.Build(args, Console.Out);
    await silo.RunAsync();
    return 0;
}
catch (StartupException e)
{
    Console.Error.WriteLine($"bitgrid-silo: {e.Message}");
    return 2;
}
