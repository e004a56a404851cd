namespace BitGridAI.Silo.Hosting;

/// <summary>Writes a file whole or not at all: a temp file beside it, then a rename, so a crash mid-write leaves the previous content.</summary>
internal static class AtomicFile
{
    public static void WriteAllText(string path, string text)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temp = path + ".tmp";
        File.WriteAllText(temp, text);
        File.Move(temp, path, overwrite: true);
    }
}
