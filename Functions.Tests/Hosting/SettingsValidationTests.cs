using Sift.Tests.Infrastructure;

namespace Sift.Tests.Hosting;

/// <summary>
/// Runs the real executable, as a user would, with one bad setting: it must stop at start-up with
/// exit code 1 and one line on stderr naming the setting, and no stack trace.
/// </summary>
public sealed class SettingsValidationTests
{
    [Theory]
    [InlineData("Secrets:Key", "too-short")]
    [InlineData("Secrets:Key", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=AAAA")]
    [InlineData("Telegram:ApiBaseUrl", "ftp://api.telegram.org")]
    [InlineData("Telegram:PublicBaseUrl", "not a url")]
    [InlineData("Telegram:PublicBaseUrl", "http://sift.example.com")]
    [InlineData("Telegram:RequestTimeout", "-00:00:01")]
    [InlineData("Telegram:WebhookStaleAfter", "1.00:00:00")]
    [InlineData("Triggers:MessageLease", "00:00:00")]
    [InlineData("Triggers:MessageLease", "soon")]
    [InlineData("Triggers:DrainTimeout", "-00:00:01")]
    [InlineData("Storage:Path", " ")]
    [InlineData("Ingestion:Schedule", "61 * * * * *")]
    [InlineData("Maintenance:Schedule", "every minute")]
    [InlineData("Orchestration:MaxAttempts", "0")]
    [InlineData("Orchestration:RetryDelay", "00:00:00")]
    [InlineData("Orchestration:TaskHub", "sift-hub")]
    [InlineData("Orchestration:KeepEndedFor", "00:10:00")]
    [InlineData("Ingestion:PollingTimeout", "00:05:00")]
    [InlineData("Ingestion:FeedMaxItems", "0")]
    [InlineData("AzureWebJobsStorage", "AccountName=;nonsense")]
    [InlineData("AzureWebJobsStorage:queueServiceUri", "not a uri")]
    [InlineData("AzureWebJobsStorage", "DefaultEndpointsProtocol=http;AccountName=sift;AccountKey=not base64!;QueueEndpoint=http://127.0.0.1:9/sift")]
    [InlineData("Llm:Clients:AllowPrivateAddresses", "yes")]
    [InlineData("Webhooks:Retention", "12:00:00")]
    public async Task BadSettingStopsStartupNamingIt(string setting, string value)
    {
        using var data = new TempDirectory();

        var (exitCode, output, error) = await SiftProcess.RunToExitAsync([$"--Storage:Path={data.Path}", $"--{setting}={value}"]);

        AssertStoppedNaming(setting, exitCode, output, error);
    }

    [Fact]
    public async Task ACosmosKeyThatIsNotBase64StopsStartupNamingIt()
    {
        using var data = new TempDirectory();

        var (exitCode, output, error) = await SiftProcess.RunToExitAsync([$"--Storage:Path={data.Path}",
            "--CosmosDb=AccountEndpoint=https://localhost:8081/;AccountKey=not base64!;", $"--Secrets:Key={Convert.ToBase64String(new byte[32])}"]);

        AssertStoppedNaming("CosmosDb's AccountKey", exitCode, output, error);
    }

    [Fact]
    public async Task StoragePathThatIsAFileStopsStartupNamingIt()
    {
        using var data = new TempDirectory();
        Directory.CreateDirectory(data.Path);
        var file = Path.Combine(data.Path, "not-a-directory");
        await File.WriteAllTextAsync(file, "");

        var (exitCode, output, error) = await SiftProcess.RunToExitAsync([$"--Storage:Path={file}"]);

        AssertStoppedNaming("Storage:Path", exitCode, output, error);
    }

    private static void AssertStoppedNaming(string setting, int exitCode, string output, string error)
    {
        Assert.Equal(1, exitCode);
        var line = Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        Assert.Contains(setting, line, StringComparison.Ordinal);
        Assert.DoesNotContain("Unhandled exception", output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", output, StringComparison.Ordinal);
    }
}
