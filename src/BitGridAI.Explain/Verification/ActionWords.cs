using BitGridAI.Explain.Templates;

namespace BitGridAI.Explain.Verification;

/// <summary>
/// The phrases that say what the miner does, per language: a text must use one that fits the miner's state after the
/// decision and none that contradicts it. Whole words only, so "stop threshold" never reads as "stops" and
/// "würde … laufen" never as "läuft".
/// </summary>
internal static class ActionWords
{
    private static readonly string[] EnglishFull = ["runs at full power", "keeps running at full power"];
    private static readonly string[] EnglishThrottled = ["runs throttled", "keeps running throttled"];
    private static readonly string[] EnglishStopped = ["stops", "stays stopped"];
    private static readonly string[] EnglishUnknown = ["left as it is"];
    private static readonly string[] EnglishRunning = ["starts", "keeps running", "is running", "runs"];
    private static readonly string[] EnglishHalted = ["stops", "stays stopped", "is stopped", "stays off"];

    private static readonly string[] GermanFull = ["läuft mit voller Leistung", "läuft ab jetzt mit voller Leistung"];
    private static readonly string[] GermanThrottled = ["läuft gedrosselt", "läuft ab jetzt gedrosselt"];
    private static readonly string[] GermanStopped = ["stoppt", "bleibt aus"];
    private static readonly string[] GermanUnknown = ["bleibt, wie er ist"];
    private static readonly string[] GermanRunning = ["startet", "läuft"];
    private static readonly string[] GermanHalted = ["stoppt", "bleibt aus", "wird angehalten", "ist angehalten", "abgeschaltet"];

    /// <summary>A text about a miner in <paramref name="state"/> must contain one of these.</summary>
    public static IReadOnlyList<string> Required(EffectiveState state, Language language) => (state, language) switch
    {
        (EffectiveState.FullPower, Language.German) => GermanFull,
        (EffectiveState.Throttled, Language.German) => GermanThrottled,
        (EffectiveState.Stopped, Language.German) => GermanStopped,
        (_, Language.German) => GermanUnknown,
        (EffectiveState.FullPower, _) => EnglishFull,
        (EffectiveState.Throttled, _) => EnglishThrottled,
        (EffectiveState.Stopped, _) => EnglishStopped,
        _ => EnglishUnknown,
    };

    /// <summary>A text about a miner in <paramref name="state"/> must contain none of these.</summary>
    public static IEnumerable<string> Forbidden(EffectiveState state, Language language)
    {
        var german = language == Language.German;
        var running = german ? GermanRunning : EnglishRunning;
        var halted = german ? GermanHalted : EnglishHalted;
        return state switch
        {
            // Running at full power must not read as throttled, and the other way round.
            EffectiveState.FullPower => halted.Concat(german ? GermanThrottled : EnglishThrottled),
            EffectiveState.Throttled => halted.Concat(german ? GermanFull : EnglishFull),
            EffectiveState.Stopped => running,
            _ => running.Concat(halted),
        };
    }
}
