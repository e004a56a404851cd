namespace BitGridAI.Explain;

/// <summary>The languages explanations are written in. Numbers follow the language's format (German: decimal comma).</summary>
public enum Language
{
    English = 0,
    German = 1,
}
