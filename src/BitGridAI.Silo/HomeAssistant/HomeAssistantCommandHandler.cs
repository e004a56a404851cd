using System.Globalization;
using BitGridAI.Grains.Abstractions.Recording;
using BitGridAI.Grains.Abstractions.Site;
using BitGridAI.Silo.Api;
using BitGridAI.Storage.Access;

namespace BitGridAI.Silo.HomeAssistant;

/// <summary>
/// Carries out the commands Home Assistant sends, as the operator <c>home-assistant</c>, and writes each one —
/// done or refused — to the event log as a control request (method <c>MQTT</c>, the topic as path, an HTTP-like
/// status). A bad payload is refused with a log line and an audit record; nothing a message holds can throw out of
/// <see cref="HandleAsync"/>. At most <see cref="HomeAssistantOptions.CommandsPerMinute"/> messages a minute are
/// looked at; the first one over is audited, the rest only counted. One caller at a time (the bridge's command loop).
/// </summary>
internal sealed class HomeAssistantCommandHandler(
    IHomeAssistantControl control, HomeAssistantTopics topics, HomeAssistantOptions options, TimeProvider time, ILogger logger)
{
    public const string Reason = "Home Assistant button";

    /// <summary>Who Home Assistant is to the site: an operator (overrides, autonomy, emergency stop), never an admin.</summary>
    public static readonly Caller Caller = new("home-assistant", ApiRole.Operator);

    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);
    private DateTimeOffset _windowStart = DateTimeOffset.MinValue;
    private int _inWindow;
    private long _dropped;

    /// <summary>Refuses or carries out one message and audits it; returns the audit record, or null for a message the rate limit dropped silently.</summary>
    /// <param name="topic">The command topic it came on.</param>
    /// <param name="payload">The payload, or its first bytes when it was too long to keep.</param>
    /// <param name="length">The payload's full length in bytes.</param>
    public async Task<ControlBody?> HandleAsync(string topic, ReadOnlyMemory<byte> payload, long length)
    {
        var now = time.GetUtcNow();
        if (now - _windowStart >= Window || now < _windowStart)
        {
            if (_dropped > 0)
            {
                HomeAssistantLog.CommandsDropped(logger, _dropped, options.CommandsPerMinute);
            }
            (_windowStart, _inWindow, _dropped) = (now, 0, 0);
        }
        // The emergency stop is never held back by the limit: stopping is always allowed.
        if (topic != topics.EmergencyStopCommand && ++_inWindow > options.CommandsPerMinute)
        {
            if (++_dropped > 1)
            {
                return null;
            }
            HomeAssistantLog.CommandsThrottled(logger, options.CommandsPerMinute);
            return await AuditAsync(topic, StatusCodes.Status429TooManyRequests, false,
                $"more than {options.CommandsPerMinute} commands this minute: the rest of the minute's are dropped");
        }

        var (command, refusal) = HomeAssistantCommand.Parse(topics, topic, payload.Span, length);
        var (status, accepted, detail) = command is null ? (StatusCodes.Status400BadRequest, false, refusal!) : await ExecuteAsync(command);
        if (accepted)
        {
            HomeAssistantLog.CommandDone(logger, topic, detail);
        }
        else
        {
            HomeAssistantLog.CommandRefused(logger, topic, status, detail);
        }
        return await AuditAsync(topic, status, accepted, detail);
    }

    private async Task<(int Status, bool Accepted, string Detail)> ExecuteAsync(HomeAssistantCommand command)
    {
        try
        {
            switch (command.Kind)
            {
                case HomeAssistantCommandKind.Autonomy:
                    return (StatusCodes.Status200OK, true, $"autonomy {await control.SetAutonomyAsync(Caller, command.Value)}");
                case HomeAssistantCommandKind.Override when command.Value == HomeAssistantCommand.Clear:
                    await control.ClearOverrideAsync(Caller);
                    return (StatusCodes.Status204NoContent, true, "cleared");
                case HomeAssistantCommandKind.Override:
                    var result = await control.SetOverrideAsync(Caller, command.Value, options.OverrideMinutes, Reason);
                    return result switch
                    {
                        { Accepted: true, Active: { } active } => (StatusCodes.Status201Created, true,
                            $"{active.Action} until {active.ExpiresAt.ToString("O", CultureInfo.InvariantCulture)}: {Reason}"),
                        { Refusal: OverrideResult.Lockout } => (StatusCodes.Status409Conflict, false, result.Error ?? "a safety lockout holds"),
                        _ => (StatusCodes.Status400BadRequest, false, result.Error ?? "refused"),
                    };
                case HomeAssistantCommandKind.EmergencyStop:
                    await control.EmergencyStopAsync(Caller);
                    return (StatusCodes.Status202Accepted, true, $"emergency stop: {Reason}");
                case HomeAssistantCommandKind.Acknowledge:
                    return await control.AcknowledgeEmergencyStopAsync(Caller)
                        ? (StatusCodes.Status200OK, true, "emergency stop acknowledged")
                        : (StatusCodes.Status409Conflict, false, "no miner is held by an emergency stop");
                default:
                    return (StatusCodes.Status400BadRequest, false, "not a command");
            }
        }
        catch (ArgumentException e)
        {
            return (StatusCodes.Status400BadRequest, false, e.Message);
        }
#pragma warning disable CA1031 // a silo that cannot carry the command out (shutting down, storage busy) refuses it; the bridge goes on
        catch (Exception e)
#pragma warning restore CA1031
        {
            return (StatusCodes.Status500InternalServerError, false, $"failed: {e.Message}");
        }
    }

    private async Task<ControlBody> AuditAsync(string topic, int status, bool accepted, string detail)
    {
        var body = new ControlBody("MQTT", topic, Caller.Name, ApiRoles.Name(Caller.Role), status, accepted, detail);
        try
        {
            await control.AuditAsync(body);
        }
#pragma warning disable CA1031 // a log that cannot be written never holds up control (as for the API's audit)
        catch (Exception e)
#pragma warning restore CA1031
        {
            HomeAssistantLog.AuditFailed(logger, e.Message);
        }
        return body;
    }
}
