using System.Diagnostics;
using System.Text.Json;
using Sift.Tests.Infrastructure;

namespace Sift.Tests.Hosting;

/// <summary>Runs the real executable with <c>Logging:Console:FormatterName=json</c>: every console line is one JSON log entry.</summary>
public sealed class ConsoleLogTests
{
    [Fact]
    public async Task JsonFormatterWritesOneJsonObjectPerLine()
    {
        using var data = new TempDirectory();
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList =
            {
                Path.Combine(AppContext.BaseDirectory, "Functions.dll"), "--urls", "http://127.0.0.1:0", $"--Storage:Path={data.Path}",
                "--Auth:BootstrapAdminKey=console-log-test-key-of-at-least-32-characters", "--Logging:Console:FormatterName=json",
            },
            RedirectStandardOutput = true,
        };

        using var process = Process.Start(start)!;
        var lines = new List<string>();
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            while (await process.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
            {
                lines.Add(line);
                if (line.Contains("Now listening on", StringComparison.Ordinal))
                {
                    break;
                }
            }
        }
        finally
        {
            process.Kill(entireProcessTree: true);
        }

        Assert.Contains(lines, line => line.Contains("Now listening on", StringComparison.Ordinal));
        Assert.All(lines, line =>
        {
            using var entry = JsonDocument.Parse(line);
            Assert.True(entry.RootElement.TryGetProperty("LogLevel", out _));
            Assert.True(entry.RootElement.TryGetProperty("Category", out _));
        });
    }
}
