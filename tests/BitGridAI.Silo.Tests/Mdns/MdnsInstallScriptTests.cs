using System.Diagnostics;
using System.Xml;
using System.Xml.Linq;

namespace BitGridAI.Silo.Tests.Mdns;

/// <summary>
/// scripts/install-mdns.sh in its dry run: the avahi service file it would install is valid XML announcing
/// _http._tcp (or _https._tcp) on the API's port, and it changes nothing on this machine.
/// </summary>
public sealed class MdnsInstallScriptTests
{
    private const string Target = "/etc/avahi/services/bitgrid.service";

    [Fact]
    public void TheDryRunShowsAServiceFileAnnouncingHttpOnTheApisPort()
    {
        var before = File.Exists(Target);

        var (code, output) = Run("--dry-run", "--port", "8081");

        Assert.Equal(0, code);
        var service = ServiceFile(output);
        Assert.Equal("service-group", service.Root!.Name.LocalName);
        Assert.Equal("BitGridAI on %h", service.Root.Element("name")!.Value);
        Assert.Equal("yes", service.Root.Element("name")!.Attribute("replace-wildcards")!.Value);
        var announced = Assert.Single(service.Root.Elements("service"));
        Assert.Equal("_http._tcp", announced.Element("type")!.Value);
        Assert.Equal("8081", announced.Element("port")!.Value);
        Assert.Contains(announced.Elements("txt-record"), t => t.Value == "path=/");
        Assert.Equal(before, File.Exists(Target));
    }

    [Fact]
    public void AnHttpsApiUrlGivesItsPortAndHttpsAndTheAliasIsBitgridLocal()
    {
        var (code, output) = Run("--dry-run", "--url", "https://0.0.0.0:8443", "--hostname-alias", "--name", "Solar & Miners <Shed>");

        Assert.Equal(0, code);
        var announced = ServiceFile(output).Root!;
        Assert.Equal(("_https._tcp", "8443"), (announced.Element("service")!.Element("type")!.Value, announced.Element("service")!.Element("port")!.Value));
        Assert.Equal("Solar & Miners <Shed>", announced.Element("name")!.Value);
        Assert.Contains("host-name=bitgrid", output, StringComparison.Ordinal);
        Assert.Contains("bitgrid.local", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--port", "0")]
    [InlineData("--port", "http")]
    [InlineData("--url", "ftp://host:21")]
    [InlineData("--bogus", "1")]
    public void ABadArgumentStopsTheScriptBeforeItDoesAnything(string option, string value)
    {
        var (code, output) = Run("--dry-run", option, value);

        Assert.Equal(2, code);
        Assert.DoesNotContain("would", output, StringComparison.Ordinal);
    }

    private static XDocument ServiceFile(string output)
    {
        var lines = output.Split('\n');
        var start = Array.IndexOf(lines, $"--- {Target} ---");
        var end = Array.IndexOf(lines, "--- end ---");
        Assert.True(start >= 0 && end > start, $"no service file in the output:\n{output}");
        // The file names avahi's DTD (as every avahi service file does); it is not fetched, only the XML is checked.
        using var reader = XmlReader.Create(new StringReader(string.Join('\n', lines[(start + 1)..end])), new XmlReaderSettings { DtdProcessing = DtdProcessing.Ignore });
        return XDocument.Load(reader);
    }

    private static (int Code, string Output) Run(params string[] args)
    {
        var script = Path.Combine(RepositoryRoot(), "scripts", "install-mdns.sh");
        var info = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(script);
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        Assert.True(process.WaitForExit(30_000), "the script did not finish within 30 s");
        return (process.ExitCode, stdout.Result + stderr.Result);
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "scripts", "install-mdns.sh")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("scripts/install-mdns.sh not found above " + AppContext.BaseDirectory);
    }
}
