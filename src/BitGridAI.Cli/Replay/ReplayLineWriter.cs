using System.Buffers.Text;
using System.Text;
using BitGridAI.Domain.Decisions;
using BitGridAI.Domain.Engine;
using BitGridAI.Domain.Signals;
using BitGridAI.Domain.Time;

namespace BitGridAI.Cli.Replay;

/// <summary>
/// Writes replay's JSON lines straight into a byte buffer: the text of each code, action and actuator
/// is encoded once, so a line costs a few copies and number formats, not a serializer.
/// </summary>
internal sealed class ReplayLineWriter(Stream output) : IDisposable
{
    private const int FlushAt = 60 * 1024;

    private static readonly byte[][] CodeParts = Enumerable.Range(0, DecisionCodes.All.Max(i => (int)i.Code) + 1)
        .Select(n => DecisionCodes.All.FirstOrDefault(i => (int)i.Code == n))
        .Select(i => i is null ? [] : Encoding.UTF8.GetBytes(
            $"\"decision_code\":\"{i.Name}\",\"action\":\"{DecisionText.Of(i.Action)}\",\"rule\":\"{i.Rule}\",\"reason\":\"{i.Reason}\",\"mode\":{Quoted(DecisionText.Of(i.Mode))}")).ToArray();

    private static readonly byte[][] ActuatorParts = Enum.GetValues<ActuatorState>()
        .Select(a => Encoding.UTF8.GetBytes($",\"actuator\":{Quoted(DecisionText.Of(a))},\"blocks_since_change\":")).ToArray();

    private static readonly byte[][] SignalNames = Enumerable.Range(0, SignalInfo.All.Count + 1)
        .Select(i => i == 0 ? [] : Encoding.UTF8.GetBytes($"\"{SignalInfo.Name((Signal)i)}\"")).ToArray();

    private readonly byte[] _buffer = new byte[64 * 1024 + 4096];
    private int _length;

    public void Write(int line, in Decision decision, in DecisionContext context)
    {
        Append("{\"line\":"u8);
        AppendNumber(line);
        Append(",\"block_id\":\""u8);
        BlockClock.WriteId(decision.BlockIndex, _buffer.AsSpan(_length, 20));
        _length += 20;
        Append("\","u8);
        Append(CodeParts[(int)decision.Code]);
        Append(ActuatorParts[(int)context.Actuator]);
        AppendNumber(context.BlocksSinceChange);
        Append(",\"lockout_active\":"u8);
        Append(decision.Safety.LockoutActive ? "true"u8 : "false"u8);
        AppendSignals(",\"rejected\":["u8, decision.Rejected);
        AppendSignals(",\"missing\":["u8, decision.Missing);
        Append("}\n"u8);
        if (_length >= FlushAt)
        {
            Flush();
        }
    }

    public void Flush()
    {
        output.Write(_buffer, 0, _length);
        _length = 0;
    }

    public void Dispose()
    {
        Flush();
        output.Flush();
    }

    private void AppendSignals(ReadOnlySpan<byte> prefix, SignalSet signals)
    {
        Append(prefix);
        if (!signals.IsEmpty)
        {
            var first = true;
            for (var i = 1; i < SignalNames.Length; i++)
            {
                if (signals.Contains((Signal)i))
                {
                    if (!first)
                    {
                        Append(","u8);
                    }
                    Append(SignalNames[i]);
                    first = false;
                }
            }
        }
        Append("]"u8);
    }

    private void Append(ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(_buffer.AsSpan(_length));
        _length += bytes.Length;
    }

    private void AppendNumber(long value)
    {
        Utf8Formatter.TryFormat(value, _buffer.AsSpan(_length), out var written);
        _length += written;
    }

    private static string Quoted(string? text) => text is null ? "null" : $"\"{text}\"";
}
