namespace BitGridAI.Storage;

/// <summary>Writes a file so that a crash leaves the old content or the new, never half: a temporary file, flushed to disk, then renamed.</summary>
public static class AtomicFile
{
    public static void WriteAllText(string path, string text) => Write(path, System.Text.Encoding.UTF8.GetBytes(text));

    public static void Write(string path, ReadOnlySpan<byte> content)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var temporary = path + ".tmp";
        using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            stream.Write(content);
            stream.Flush(flushToDisk: true);
        }
        File.Move(temporary, path, overwrite: true);
    }
}
