using System.Text.RegularExpressions;

namespace BitGridAI.Silo.Tests;

/// <summary>With <c>Explain:Language=de</c> the silo's decision lines carry the short explanation in German.</summary>
public sealed partial class GermanDecisionLineTests : IDisposable
{
    private readonly string _dataDir = Directory.CreateTempSubdirectory("bitgrid-german-").FullName;

    public void Dispose() => Directory.Delete(_dataDir, recursive: true);

    [GeneratedRegex(@"\b(der|die|das|bleibt|läuft|hält|ist|wird|Miner)\b")]
    private static partial Regex GermanWords();

    [GeneratedRegex(@"\b(the|stays|keeps|runs|stops|is)\b")]
    private static partial Regex EnglishWords();

    [GeneratedRegex(@"^block \S+ [A-Z0-9_]+ \[(?<miner>[^\]]+)\] (?<text>.+)$")]
    private static partial Regex DecisionLine();

    [Fact]
    public async Task TheDecisionLineIsInTheConfiguredLanguage()
    {
        await using var silo = SiloProcess.Start(_dataDir, "--Explain:Language=de", "--Explain:Persona=heat");

        await silo.WaitForAsync(s => s.BlockLines.Count > 0, TimeSpan.FromSeconds(60), "a first decision");

        // The standalone site has three miners, so each line names its miner before the text.
        var line = DecisionLine().Match(silo.BlockLines[0]);
        Assert.True(line.Success, silo.BlockLines[0]);
        Assert.Matches("^miner-[123]$", line.Groups["miner"].Value);
        var text = line.Groups["text"].Value;
        Assert.Matches(GermanWords(), text);
        Assert.DoesNotMatch(EnglishWords(), text);
    }
}
