using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace BitGridAI.Simulator.Tests;

/// <summary>mbpoll (installed by scripts/setup-test-peers.sh) as an independent Modbus reader: one poll, values by reference.</summary>
internal static partial class Mbpoll
{
    /// <summary>
    /// Polls once and returns the values mbpoll printed, by the 0-based reference it printed them at (<c>-0</c>).
    /// <paramref name="type"/> is mbpoll's <c>-t</c>: 4 for int16-as-printed, 4:hex, 4:int with <c>-B</c> for high word first.
    /// </summary>
    public static async Task<Dictionary<int, long>> ReadAsync(int port, int unit, int reference, int count, string type = "4")
    {
        var info = new ProcessStartInfo("mbpoll")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var arg in new[] { "-m", "tcp", "-a", $"{unit}", "-0", "-r", $"{reference}", "-c", $"{count}", "-t", type, "-B", "-1", "-o", "3", "-p", $"{port}", "127.0.0.1" })
        {
            info.ArgumentList.Add(arg);
        }
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        await process.WaitForExitAsync(deadline.Token);
        var text = await output;
        var values = new Dictionary<int, long>();
        foreach (Match m in Value().Matches(text))
        {
            // mbpoll prints a 16-bit register as "65535 (-1)": the signed reading is the one in brackets.
            var raw = m.Groups["signed"].Success ? m.Groups["signed"].Value : m.Groups["value"].Value;
            values[int.Parse(m.Groups["ref"].Value, CultureInfo.InvariantCulture)] = raw.StartsWith("0x", StringComparison.Ordinal)
                ? long.Parse(raw[2..], NumberStyles.HexNumber, CultureInfo.InvariantCulture)
                : long.Parse(raw, CultureInfo.InvariantCulture);
        }
        return values.Count == count ? values : throw new InvalidOperationException($"mbpoll printed {values.Count} of {count} values:\n{text}\n{await error}");
    }

    [GeneratedRegex(@"^\[(?<ref>\d+)\]:\s+(?<value>0x[0-9A-Fa-f]+|-?\d+)(?: \((?<signed>-?\d+)\))?", RegexOptions.Multiline)]
    private static partial Regex Value();
}
