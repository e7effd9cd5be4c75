using System.Diagnostics;
using Sift.Tests.Infrastructure;

namespace Sift.Tests.Hosting;

/// <summary>Runs the real executable, as a user would, with one bad setting: it must stop at start-up and name the setting.</summary>
public sealed class SettingsValidationTests
{
    [Theory]
    [InlineData("Secrets:Key", "too-short")]
    [InlineData("Secrets:Key", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=AAAA")]
    [InlineData("Telegram:ApiBaseUrl", "ftp://api.telegram.org")]
    [InlineData("Telegram:PublicBaseUrl", "not a url")]
    [InlineData("Telegram:RequestTimeout", "-00:00:01")]
    [InlineData("Triggers:MessageLease", "00:00:00")]
    [InlineData("Triggers:MessageLease", "soon")]
    [InlineData("Triggers:DrainTimeout", "-00:00:01")]
    [InlineData("Storage:Path", " ")]
    [InlineData("Ingestion:Schedule", "61 * * * * *")]
    [InlineData("Maintenance:Schedule", "every minute")]
    [InlineData("Orchestration:MaxAttempts", "0")]
    [InlineData("Orchestration:StepTimeout", "00:00:00")]
    [InlineData("Orchestration:StepTimeout", "00:07:00")]
    [InlineData("Orchestration:StepTimeout", "00:05:30")]
    [InlineData("Ingestion:PollingTimeout", "00:05:00")]
    public async Task BadSettingStopsStartupNamingIt(string setting, string value)
    {
        using var data = new TempDirectory();
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { Path.Combine(AppContext.BaseDirectory, "Functions.dll"), "--urls", "http://127.0.0.1:0", $"--Storage:Path={data.Path}", $"--{setting}={value}" },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"Sift started with {setting}={value}.");
        }

        Assert.NotEqual(0, process.ExitCode);
        Assert.Contains(setting, await output + await error);
    }
}
