namespace BitGridAI.Cli.Tests.Support;

/// <summary>A fresh directory for files a test writes; removed afterwards.</summary>
internal sealed class TempDirectory : IDisposable
{
    public TempDirectory() => Directory.CreateDirectory(Path);

    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "bitgrid-cli-tests-" + Guid.NewGuid().ToString("N"));

    /// <summary>Writes <paramref name="text"/> to a file in this directory and returns its path.</summary>
    public string File(string name, string text)
    {
        var path = Combine(name);
        System.IO.File.WriteAllText(path, text);
        return path;
    }

    public string Combine(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
