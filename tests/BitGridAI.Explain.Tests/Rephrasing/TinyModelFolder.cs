using System.Diagnostics;

namespace BitGridAI.Explain.Tests.Rephrasing;

/// <summary>
/// Builds the tiny GenAI model folder once per test class with make_tiny_model.py (Debian's python3-onnx),
/// and hands out copies that a test may break without touching the others.
/// </summary>
public sealed class TinyModelFolder : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("bitgridai-tiny-model-").FullName;

    public TinyModelFolder()
    {
        Original = Path.Combine(_root, "original");
        var script = Path.Combine(AppContext.BaseDirectory, "Rephrasing", "make_tiny_model.py");
        using var python = Process.Start(new ProcessStartInfo("/usr/bin/python3", [script, Original])
        {
            RedirectStandardError = true,
            UseShellExecute = false,
        })!;
        var errors = python.StandardError.ReadToEnd();
        python.WaitForExit();
        if (python.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"make_tiny_model.py failed ({python.ExitCode}); scripts/setup-test-peers.sh installs python3-onnx.\n{errors}");
        }
    }

    /// <summary>The folder as the script wrote it: complete and loadable.</summary>
    public string Original { get; }

    /// <summary>A fresh copy of the complete folder.</summary>
    public string Copy()
    {
        var copy = Path.Combine(_root, Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(copy);
        foreach (var file in Directory.GetFiles(Original))
        {
            File.Copy(file, Path.Combine(copy, Path.GetFileName(file)));
        }

        return copy;
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);
}
