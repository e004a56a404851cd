using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace BitGridAI.Silo.Tests.Api;

/// <summary>Where the API listens: loopback by default, a LAN address only with TLS (or said otherwise), https from a certificate file.</summary>
public sealed class ApiAddressTests : IDisposable
{
    private readonly string _dataDir = Directory.CreateTempSubdirectory("bitgrid-api-address-").FullName;

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_dataDir, recursive: true);
    }

    [Theory]
    [InlineData("http://192.168.1.20:8080", "Api:AllowPlainHttp")]
    [InlineData("http://0.0.0.0:8080", "Api:AllowPlainHttp")]
    [InlineData("https://127.0.0.1:8443", "Api:CertificatePath")]
    [InlineData("ftp://127.0.0.1:21", "Api:Url")]
    [InlineData("http://127.0.0.1:8080/api", "Api:Url")]
    public void AnAddressThatWouldExposeTokensOrCannotServeStopsTheStart(string url, string named)
    {
        var error = Assert.Throws<StartupException>(() => SiloHost.Build(["--data-dir", _dataDir, $"--Api:Url={url}"], TextWriter.Null));

        Assert.Contains(named, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void APlainLanAddressIsTakenWhenAskedFor()
    {
        using var silo = SiloHost.Build(["--data-dir", _dataDir, "--Api:Url=http://0.0.0.0:8080", "--Api:AllowPlainHttp=true"], TextWriter.Null);

        Assert.NotNull(silo);
    }

    [Fact]
    public async Task HttpsServesWithTheConfiguredCertificate()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=bitgrid.local", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
        var pfx = Path.Combine(_dataDir, "api.pfx");
        await File.WriteAllBytesAsync(pfx, certificate.Export(X509ContentType.Pfx, "s3cret"));
        var port = SiloProcess.FreePort();
        await using var silo = SiloProcess.Start(Path.Combine(_dataDir, "data"),
            $"--Api:Url=https://127.0.0.1:{port}", $"--Api:CertificatePath={pfx}", "--Api:CertificatePassword=s3cret");
        await silo.WaitForAsync(s => s.Lines.Any(l => l.StartsWith("API and dashboard on https://", StringComparison.Ordinal)), TimeSpan.FromSeconds(60), "the API line");
        string? presented = null;
        using var client = new HttpClient(new HttpClientHandler
        {
            ServerCertificateCustomValidationCallback = (_, cert, _, _) => (presented = cert?.Thumbprint) == certificate.Thumbprint,
        });

        var response = await RetryAsync(() => client.GetAsync($"https://127.0.0.1:{port}/health"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(certificate.Thumbprint, presented);
    }

    /// <summary>The line is printed before Kestrel listens: retry a refused connection for a few seconds.</summary>
    private static async Task<HttpResponseMessage> RetryAsync(Func<Task<HttpResponseMessage>> send)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return await send();
            }
            catch (HttpRequestException) when (attempt < 100)
            {
                await Task.Delay(200);
            }
        }
    }
}
