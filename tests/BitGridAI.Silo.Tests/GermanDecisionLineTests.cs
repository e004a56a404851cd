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

    [Fact]
    public async Task TheDecisionLineIsInTheConfiguredLanguage()
    {
        await using var silo = SiloProcess.Start(_dataDir, "--Explain:Language=de", "--Explain:Persona=heat");

        await silo.WaitForAsync(s => s.BlockLines.Count > 0, TimeSpan.FromSeconds(60), "a first decision");

        var text = silo.BlockLines[0].Split(' ', 4)[3];
        Assert.Matches(GermanWords(), text);
        Assert.DoesNotMatch(EnglishWords(), text);
    }
}
