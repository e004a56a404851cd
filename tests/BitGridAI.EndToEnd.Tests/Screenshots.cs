using Microsoft.Playwright;

namespace BitGridAI.EndToEnd.Tests;

/// <summary>Screenshots of each step, kept as test artefacts: in $BITGRID_ARTIFACTS, else in .test-results/screenshots/ of the repository.</summary>
internal static class Screenshots
{
    public static string Directory { get; } = Create();

    public static Task TakeAsync(IPage page, string test, string step) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Directory, $"{test}-{step}.png"), FullPage = true });

    private static string Create()
    {
        var root = Environment.GetEnvironmentVariable("BITGRID_ARTIFACTS") is { Length: > 0 } artifacts
            ? artifacts
            : Path.Combine(RepositoryRoot(), ".test-results");
        var directory = Path.Combine(root, "screenshots");
        System.IO.Directory.CreateDirectory(directory);
        return directory;
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "BitGridAI.sln")))
            {
                return dir.FullName;
            }
        }
        return AppContext.BaseDirectory;
    }
}
