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

        await using var sift = await SiftProcess.StartAsync(
            $"--Storage:Path={data.Path}", "--Auth:BootstrapAdminKey=console-log-test-key-of-at-least-32-characters", "--Logging:Console:FormatterName=json");

        var lines = await Eventually.ReturnsAsync(() => Task.FromResult(sift.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries)),
            written => written.Any(line => line.Contains("Now listening on", StringComparison.Ordinal)), "the start-up logs");
        Assert.All(lines, line =>
        {
            using var entry = JsonDocument.Parse(line);
            Assert.True(entry.RootElement.TryGetProperty("LogLevel", out _));
            Assert.True(entry.RootElement.TryGetProperty("Category", out _));
        });
    }
}
