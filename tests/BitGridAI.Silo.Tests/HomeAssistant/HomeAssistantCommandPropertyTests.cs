using System.Text;
using BitGridAI.Silo.HomeAssistant;
using CsCheck;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace BitGridAI.Silo.Tests.HomeAssistant;

/// <summary>
/// Whatever arrives on a command topic — random bytes, valid options bent a little, huge payloads, a site or event
/// log that fails — the handler never throws, audits every message once, and acts only on an exact option.
/// </summary>
public sealed class HomeAssistantCommandPropertyTests
{
    private static readonly HomeAssistantOptions Options = new() { StatePrefix = "bitgrid/home/ha", CommandsPerMinute = 600 };
    private static readonly HomeAssistantTopics Topics = new(Options);

    private static readonly Dictionary<string, string[]> Valid = new()
    {
        [Topics.AutonomyCommand] = ["FULL", "SEMI", "MANUAL"],
        [Topics.OverrideCommand] = ["START", "THROTTLE", "STOP", "CLEAR"],
        [Topics.EmergencyStopCommand] = ["PRESS"],
        [Topics.AcknowledgeCommand] = ["PRESS"],
    };

    private static readonly Gen<string> Topic = Gen.Frequency(
        (8, Gen.OneOf([.. Valid.Keys])),
        (1, Gen.OneOf("bitgrid/home/ha/site", "bitgrid/home/devices/pv-1/telemetry", "bitgrid/home/ha/autonomy/set/x", "")));

    private static readonly Gen<string> Option = Gen.OneOf([.. Valid.Values.SelectMany(v => v).Distinct()]);

    /// <summary>A valid option with one small change: a byte flipped, added or dropped, another case, padding.</summary>
    private static readonly Gen<byte[]> Mutated = Gen.Select(Option, Gen.Int[0, 5], Gen.Int[0, 1000], Gen.Byte, (option, how, at, b) =>
    {
        var bytes = Encoding.UTF8.GetBytes(option).ToList();
        var i = at % bytes.Count;
        switch (how)
        {
            case 0: bytes[i] ^= (byte)(b | 1); break;
            case 1: bytes.Insert(i, b); break;
            case 2: bytes.RemoveAt(i); break;
            case 3: return Encoding.UTF8.GetBytes(option.ToLowerInvariant());
            case 4: return Encoding.UTF8.GetBytes($" {option}\n");
            default: return Encoding.UTF8.GetBytes($"\"{option}\"");
        }
        return [.. bytes];
    });

    private static readonly Gen<byte[]> Payload = Gen.Frequency(
        (3, Option.Select(o => Encoding.UTF8.GetBytes(o))),
        (4, Mutated),
        (3, Gen.Byte.Array[0, 80]),
        (1, Gen.String.Select(s => Encoding.UTF8.GetBytes(s))),
        (1, Gen.Byte.Array[65, 70_000]));

    [Fact]
    public void NoPayloadCrashesTheHandlerAndOnlyAnExactOptionActs()
    {
        Gen.Select(Topic, Payload, Gen.Bool, Gen.Bool).Sample((topic, payload, failing, auditFails) =>
        {
            var control = new RecordingControl(failing, auditFails);
            var handler = new HomeAssistantCommandHandler(control, Topics, Options, TimeProvider.System, NullLogger.Instance);

            var audit = handler.HandleAsync(topic, payload, payload.Length).GetAwaiter().GetResult();

            var valid = Valid.TryGetValue(topic, out var options) && options.Any(o => Encoding.UTF8.GetBytes(o).AsSpan().SequenceEqual(payload));
            Assert.NotNull(audit);
            Assert.Equal(audit, Assert.Single(control.Audits));
            Assert.Equal(valid ? 1 : 0, control.Actions.Count);
            Assert.Equal(valid && !failing, audit.Accepted);
            Assert.Equal(("MQTT", topic, "home-assistant", "operator"), (audit.Method, audit.Path, audit.TokenName, audit.Role));
            Assert.InRange(audit.Status, valid && !failing ? 200 : 400, valid && !failing ? 299 : 599);
            Assert.DoesNotContain(audit.Detail!, c => char.IsControl(c));
        }, iter: 3000);
    }

    [Fact]
    public void APayloadCutShortByTheBridgeIsRefusedByItsFullLength()
    {
        Gen.Select(Gen.OneOf([.. Valid.Keys]), Option, Gen.Long[65, 100_000_000]).Sample((topic, option, length) =>
        {
            var control = new RecordingControl();
            var handler = new HomeAssistantCommandHandler(control, Topics, Options, TimeProvider.System, NullLogger.Instance);

            var audit = handler.HandleAsync(topic, Encoding.UTF8.GetBytes(option), length).GetAwaiter().GetResult()!;

            Assert.Empty(control.Actions);
            Assert.Equal(400, audit.Status);
            Assert.Contains($"{length} bytes", audit.Detail, StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task AFloodIsCutAtTheRateLimitAuditedOnceAndTakenAgainNextMinute()
    {
        var time = new FakeTimeProvider(DateTimeOffset.Parse("2026-06-21T12:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        var control = new RecordingControl();
        var handler = new HomeAssistantCommandHandler(control, Topics, new HomeAssistantOptions { StatePrefix = "bitgrid/home/ha", CommandsPerMinute = 5 }, time, NullLogger.Instance);
        var stop = Encoding.UTF8.GetBytes("STOP");

        var answers = new List<BitGridAI.Grains.Abstractions.Recording.ControlBody?>();
        for (var i = 0; i < 20; i++)
        {
            answers.Add(await handler.HandleAsync(Topics.OverrideCommand, stop, stop.Length));
        }
        time.Advance(TimeSpan.FromMinutes(1));
        var later = await handler.HandleAsync(Topics.OverrideCommand, stop, stop.Length);

        Assert.Equal(6, control.Actions.Count);
        Assert.Equal(7, control.Audits.Count);
        Assert.Equal(429, answers[5]!.Status);
        Assert.All(answers.Skip(6), Assert.Null);
        Assert.True(later!.Accepted);
    }

    [Fact]
    public async Task EmergencyStopsAreNeverCutByTheRateLimit()
    {
        var control = new RecordingControl();
        var handler = new HomeAssistantCommandHandler(control, Topics, new HomeAssistantOptions { StatePrefix = "bitgrid/home/ha", CommandsPerMinute = 5 }, TimeProvider.System, NullLogger.Instance);
        var press = Encoding.UTF8.GetBytes("PRESS");

        for (var i = 0; i < 20; i++)
        {
            Assert.True((await handler.HandleAsync(Topics.EmergencyStopCommand, press, press.Length))!.Accepted);
        }

        Assert.Equal(20, control.Actions.Count);
    }

    [Fact]
    public async Task AnAcknowledgementWithoutAnEmergencyStopIsRefused()
    {
        var control = new RecordingControl(emergencyStopHeld: false);
        var handler = new HomeAssistantCommandHandler(control, Topics, Options, TimeProvider.System, NullLogger.Instance);
        var press = Encoding.UTF8.GetBytes("PRESS");

        var audit = await handler.HandleAsync(Topics.AcknowledgeCommand, press, press.Length);

        Assert.Equal((409, false), (audit!.Status, audit.Accepted));
    }

    [Fact]
    public async Task AnOverrideButtonHoldsForTheConfiguredMinutes()
    {
        var control = new RecordingControl();
        var handler = new HomeAssistantCommandHandler(control, Topics, new HomeAssistantOptions { StatePrefix = "bitgrid/home/ha", OverrideMinutes = 45 }, TimeProvider.System, NullLogger.Instance);
        var start = Encoding.UTF8.GetBytes("THROTTLE");

        var audit = await handler.HandleAsync(Topics.OverrideCommand, start, start.Length);

        Assert.Equal("override THROTTLE 45", Assert.Single(control.Actions));
        Assert.Equal(201, audit!.Status);
    }
}
