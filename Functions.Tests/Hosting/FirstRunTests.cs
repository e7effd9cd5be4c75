using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Sift.Tests.Infrastructure;

namespace Sift.Tests.Hosting;

/// <summary>The real executable as a newcomer starts it: where Sift is, and a demo chat that shows something.</summary>
public sealed partial class FirstRunTests
{
    private const string DemoChat = "-1009000000001";

    [Fact]
    public async Task FirstStartPrintsWhereSiftIsWithTheGeneratedAdminKeyAndLaterStartsWithout()
    {
        using var data = new TempDirectory();
        string key;
        await using (var first = await SiftProcess.StartAsync($"--Storage:Path={data.Path}"))
        {
            var line = await StartupLineAsync(first);
            key = AdminKey().Match(line).Groups[1].Value;
            Assert.StartsWith($"Sift is at {first.BaseUrl.GetLeftPart(UriPartial.Authority)}/ (web app); API at {first.BaseUrl.GetLeftPart(UriPartial.Authority)}/api; admin key: sk_", line);
            Assert.Equal(System.Net.HttpStatusCode.OK, (await first.Api(key).GetAsync("/api/chats")).StatusCode);
        }

        await using var second = await SiftProcess.StartAsync($"--Storage:Path={data.Path}");

        Assert.Equal($"Sift is at {second.BaseUrl.GetLeftPart(UriPartial.Authority)}/ (web app); API at {second.BaseUrl.GetLeftPart(UriPartial.Authority)}/api", await StartupLineAsync(second));
        Assert.DoesNotContain("sk_", second.Output);
    }

    [Fact]
    public async Task DemoLoadsAnAnalysedChatWithProposalsAndADigestAndASecondStartAddsNothing()
    {
        using var data = new TempDirectory();
        string[] arguments = ["--demo", $"--Storage:Path={data.Path}", $"--Auth:BootstrapAdminKey={SiftApp.AdminKey}"];
        int proposals;
        await using (var first = await SiftProcess.StartAsync(arguments))
        {
            var api = first.Api(SiftApp.AdminKey);
            await Eventually.ReturnsAsync(() => ItemsAsync(api, $"/api/analysis-runs?chatId={DemoChat}"),
                runs => runs.Any(r => r.GetProperty("status").GetString() == "Completed"), "the demo's knowledge run to complete", TimeSpan.FromMinutes(3));
            var pending = await ItemsAsync(api, $"/api/proposals?chatId={DemoChat}&status=pending&limit=200");
            var chat = Assert.Single(await ItemsAsync(api, "/api/chats"));
            var found = await ItemsAsync(api, "/api/search?q=rollback%20plan");
            var digest = await api.GetFromJsonAsync<JsonElement>($"/api/chats/{DemoChat}/digest");
            var messages = await ItemsAsync(api, $"/api/messages?chatId={DemoChat}&limit=200");

            Assert.Equal(34, chat.GetProperty("messageCount").GetInt64());
            Assert.NotEmpty(found);
            Assert.Contains(pending, p => p.GetProperty("kind").GetString() == "action_item" && p.GetProperty("owner").GetString() == "@ivan");
            Assert.Contains(pending, p => p.GetProperty("kind").GetString() == "decision");
            Assert.Equal(34, digest.GetProperty("messages").GetInt64());
            Assert.NotEqual(0, digest.GetProperty("atoms").GetArrayLength());
            Assert.NotEqual(0, digest.GetProperty("openProposals").GetArrayLength());
            Assert.Equal(["high_quality", "low_quality", "noise", "signal", "spam"], messages.Select(m => m.GetProperty("analysis").GetProperty("class").GetString()).Distinct().Order());
            Assert.Contains(messages, m => m.GetProperty("editCount").GetInt32() == 1);
            proposals = (await ItemsAsync(api, $"/api/proposals?chatId={DemoChat}&limit=200")).Count;
        }

        await using var second = await SiftProcess.StartAsync(arguments);
        await Eventually.ReturnsAsync(() => Task.FromResult(second.Output), output => output.Contains("has had its knowledge run", StringComparison.Ordinal),
            "the second start's demo loader to end");
        var again = second.Api(SiftApp.AdminKey);

        Assert.Equal(34, Assert.Single(await ItemsAsync(again, "/api/chats")).GetProperty("messageCount").GetInt64());
        Assert.Equal(34, (await ItemsAsync(again, $"/api/messages?chatId={DemoChat}&limit=200")).Count);
        Assert.Single(await ItemsAsync(again, $"/api/analysis-runs?chatId={DemoChat}"));
        Assert.Equal(proposals, (await ItemsAsync(again, $"/api/proposals?chatId={DemoChat}&limit=200")).Count);
        Assert.Equal(4, (await ItemsAsync(again, "/api/topics")).Count);
    }

    [Fact]
    public async Task DemoWithoutTriggersStopsStartupNamingTheSetting()
    {
        using var data = new TempDirectory();

        var (exitCode, _, error) = await SiftProcess.RunToExitAsync(["--demo", "--Triggers:Enabled=false", $"--Storage:Path={data.Path}", $"--Auth:BootstrapAdminKey={SiftApp.AdminKey}"]);

        Assert.Equal(1, exitCode);
        Assert.Contains("Demo:Load (--demo) needs Triggers:Enabled", error, StringComparison.Ordinal);
    }

    private static Task<string> StartupLineAsync(SiftProcess sift) =>
        Eventually.ReturnsAsync(() => Task.FromResult(sift.Output.Split('\n').Select(l => l.TrimEnd()).FirstOrDefault(l => l.StartsWith("Sift is at ", StringComparison.Ordinal)) ?? ""),
            line => line.Length > 0, "the start-up line");

    private static async Task<List<JsonElement>> ItemsAsync(HttpClient api, string url) =>
        [.. (await api.GetFromJsonAsync<JsonElement>(url)).GetProperty("items").EnumerateArray()];

    [GeneratedRegex("admin key: (sk_[A-Za-z0-9_-]+)")]
    private static partial Regex AdminKey();
}
