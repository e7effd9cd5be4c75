using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Sift.Tests.Infrastructure;

namespace Sift.Tests.Api;

/// <summary>The OpenAPI document passes Redocly's recommended rules (`redocly lint --extends recommended`) without an error.</summary>
public sealed class OpenApiLintTests
{
    [Fact]
    public async Task TheDocumentHasNoLintErrors()
    {
        await using var app = new SiftApp(settings: new Dictionary<string, string?> { ["Triggers:Enabled"] = "false" });
        var document = (await app.CreateClient().GetFromJsonAsync<JsonObject>("/api/openapi.json"))!;

        using var folder = new TempDirectory();
        Directory.CreateDirectory(folder.Path);
        var file = Path.Combine(folder.Path, "openapi.json");
        await File.WriteAllTextAsync(file, document.ToJsonString());

        var (exitCode, output) = await LintAsync(file);

        var errors = JsonDocument.Parse(output).RootElement.GetProperty("problems").EnumerateArray()
            .Where(p => p.GetProperty("severity").GetString() == "error")
            .Select(p => $"{p.GetProperty("ruleId").GetString()}: {p.GetProperty("message").GetString()} at {p.GetProperty("location")[0].GetProperty("pointer").GetString()}")
            .ToList();
        Assert.Empty(errors);
        Assert.Equal(0, exitCode);
    }

    private static async Task<(int ExitCode, string Output)> LintAsync(string file)
    {
        var start = new ProcessStartInfo("node") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { RepositoryFiles.PathOf("Functions.Tests", "Emulators", "node_modules", "@redocly", "cli", "bin", "cli.js"), "lint", file, "--extends", "recommended", "--format", "json" })
        {
            start.ArgumentList.Add(argument);
        }

        // No usage data sent, no update check.
        start.Environment["REDOCLY_TELEMETRY"] = "off";
        start.Environment["REDOCLY_SUPPRESS_UPDATE_NOTICE"] = "true";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        await error;
        return (process.ExitCode, await output);
    }
}
