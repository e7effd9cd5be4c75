using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using IOrchestrationService = DurableTask.Core.IOrchestrationService;
using Microsoft.DurableTask.Testing.Sidecar;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Sift.Messages;
using Sift.Orchestration;
using Sift.Tests.Infrastructure;
using Sift.Tests.Ingestion.Feeds;

namespace Sift.Tests.Orchestration;

/// <summary>
/// Sift's orchestrations on the Durable Task SDK through the API, on each backend the sidecar can stand on: the
/// embedded SQLite one (standalone's default), the in-memory one DurableTaskTestHost wraps, and Azure Storage on
/// Azurite (Durable Functions' provider in Azure).
/// </summary>
public abstract class OrchestrationTests
{
    private readonly Faults faults = new();

    [Fact]
    public async Task FiftyConcurrentRunsOfOneSourceStartOneRunAndTheRestAre409WithTheStatusUrl()
    {
        await using var feed = await FakeFeedServer.StartAsync();
        feed.Content = FeedSamples.Rss20;
        feed.TrickleEvery = TimeSpan.FromMilliseconds(2);
        await using var app = App();
        var sourceId = await CreateFeedAsync(app, feed);

        var answers = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => Task.Run(async () =>
        {
            using var response = await app.Api().PostAsync(new Uri($"/api/sources/{sourceId}/run", UriKind.Relative), null);
            return (response.StatusCode, Body: await response.Content.ReadFromJsonAsync<JsonElement>());
        })));

        Assert.Single(answers, a => a.StatusCode == HttpStatusCode.Accepted);
        var refused = answers.Where(a => a.StatusCode != HttpStatusCode.Accepted).ToList();
        Assert.Equal(49, refused.Count(a => a.StatusCode == HttpStatusCode.Conflict));
        Assert.All(refused, a => Assert.Equal($"/api/orchestrations/ingest-{sourceId}", a.Body.GetProperty("statusUrl").GetString()));
        var done = await WaitForAsync(app, $"ingest-{sourceId}", OrchestrationStatus.Completed);
        Assert.Single(feed.Requests);
        var counts = done.GetProperty("output").GetProperty("counts");
        Assert.Equal((3, 3), (counts.GetProperty("fetched").GetInt64(), counts.GetProperty("new").GetInt64()));
        Assert.StartsWith("Done: 3 fetched, 3 new", done.GetProperty("progress").GetProperty("note").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnActivityThatFailsOnceIsRetriedAndTheRunCompletes()
    {
        faults.CrashOnQuery = collection => collection == MessageStore.Messages;
        await using var app = App();

        var done = await ReanalyzeAsync(app, OrchestrationStatus.Completed);

        Assert.True(faults.Fired);
        Assert.Equal(0, done.GetProperty("output").GetProperty("examined").GetInt64());
    }

    [Fact]
    public async Task AnActivityThatFailsEveryAttemptFailsTheRunWithASentence()
    {
        faults.CrashOnQuery = collection => collection == MessageStore.Messages;
        faults.Always = true;
        faults.Failure = () => new IOException("disk gone");
        await using var app = App();

        var failed = await ReanalyzeAsync(app, OrchestrationStatus.Failed);

        Assert.Equal("Reanalysing a page of messages failed 2 times; the last attempt: reading or writing data failed.", failed.GetProperty("error").GetString());
    }

    [Fact]
    public async Task TerminateStopsARunningInstanceAndPurgeRemovesIt()
    {
        await using var feed = await FakeFeedServer.StartAsync();
        feed.Content = FeedSamples.Rss20;
        feed.TrickleEvery = TimeSpan.FromMilliseconds(50);
        await using var app = App();
        var sourceId = await CreateFeedAsync(app, feed);
        var api = app.Api();
        (await api.PostAsync(new Uri($"/api/sources/{sourceId}/run", UriKind.Relative), null)).EnsureSuccessStatusCode();
        var url = $"/api/orchestrations/ingest-{sourceId}";
        await WaitForAsync(app, $"ingest-{sourceId}", OrchestrationStatus.Running);
        Assert.Equal(HttpStatusCode.Conflict, (await api.DeleteAsync(new Uri(url, UriKind.Relative))).StatusCode);

        using var terminated = await api.PostAsJsonAsync($"{url}/terminate", new { reason = "Enough." });

        Assert.True(terminated.IsSuccessStatusCode);
        var instance = await WaitForAsync(app, $"ingest-{sourceId}", OrchestrationStatus.Terminated);
        Assert.Equal("Enough.", instance.GetProperty("error").GetString());
        Assert.Equal(HttpStatusCode.Conflict, (await api.PostAsJsonAsync($"{url}/terminate", new { reason = "Again." })).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await api.DeleteAsync(new Uri(url, UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await api.GetAsync(new Uri(url, UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task ListFiltersByNameAndStatusAndPagesWithSealedContinuations()
    {
        await using var app = App();
        var api = app.Api();
        await ReanalyzeAsync(app, OrchestrationStatus.Completed);
        (await api.PostAsJsonAsync("/api/messages/reanalyze", new { chatId = "-1001" })).EnsureSuccessStatusCode();
        await WaitForAsync(app, "reanalyze--1001", OrchestrationStatus.Completed);

        var first = await api.GetFromJsonAsync<JsonElement>("/api/orchestrations?name=reanalyze&status=completed&limit=1");
        var continuation = first.GetProperty("continuation").GetString()!;
        var second = await api.GetFromJsonAsync<JsonElement>($"/api/orchestrations?name=reanalyze&status=completed&limit=1&continuation={Uri.EscapeDataString(continuation)}");

        var ids = first.GetProperty("items").EnumerateArray().Concat(second.GetProperty("items").EnumerateArray()).Select(i => i.GetProperty("instanceId").GetString()).Order();
        Assert.Equal(["reanalyze--1001", "reanalyze-all"], ids);
        Assert.Empty((await api.GetFromJsonAsync<JsonElement>("/api/orchestrations?name=ingest")).GetProperty("items").EnumerateArray());
        Assert.Empty((await api.GetFromJsonAsync<JsonElement>("/api/orchestrations?status=running")).GetProperty("items").EnumerateArray());
        Assert.Equal(HttpStatusCode.BadRequest,
            (await api.GetAsync(new Uri($"/api/orchestrations?name=ingest&limit=1&continuation={Uri.EscapeDataString(continuation)}", UriKind.Relative))).StatusCode);
    }

    /// <summary>Waits until the instance exists and has <paramref name="status"/>.</summary>
    internal static Task<JsonElement> WaitForAsync(SiftApp app, string instanceId, OrchestrationStatus status) =>
        Eventually.ReturnsAsync(
            async () =>
            {
                // The body even of an error, so a timeout shows what the API last said.
                using var response = await app.Api().GetAsync($"/api/orchestrations/{instanceId}");
                return await response.Content.ReadFromJsonAsync<JsonElement>();
            },
            s => s.TryGetProperty("instanceId", out _) && s.GetProperty("status").GetString() == status.ToString(),
            $"{instanceId} to be {status}");

    /// <summary>The backend's settings and services, on top of a test's own.</summary>
    protected abstract void UseBackend(Dictionary<string, string?> settings, IServiceCollection services);

    private SiftApp App()
    {
        var settings = new Dictionary<string, string?>
        {
            ["Orchestration:MaxAttempts"] = "2",
            ["Orchestration:RetryDelay"] = "00:00:00.050",
            // No scheduled run joins the test's own starts.
            ["Ingestion:Schedule"] = "0 0 0 1 1 *",
        };
        UseBackend(settings, new ServiceCollection());
        return new SiftApp(settings: settings)
        {
            ExtraServices = services =>
            {
                UseBackend([], services);
                faults.Install(services);
            },
        };
    }

    private static async Task<string> CreateFeedAsync(SiftApp app, FakeFeedServer feed)
    {
        using var created = await app.Api().PostAsJsonAsync("/api/sources", new { type = "feed", name = "Blog", url = feed.FeedUrl, enabled = true });
        created.EnsureSuccessStatusCode();
        return (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
    }

    private static async Task<JsonElement> ReanalyzeAsync(SiftApp app, OrchestrationStatus status)
    {
        (await app.Api().PostAsJsonAsync("/api/messages/reanalyze", new { })).EnsureSuccessStatusCode();
        return await WaitForAsync(app, "reanalyze-all", status);
    }
}

public sealed class OrchestrationTestsOnSqlite : OrchestrationTests
{
    protected override void UseBackend(Dictionary<string, string?> settings, IServiceCollection services)
    {
    }
}

/// <summary>The in-memory backend DurableTaskTestHost runs, under the same sidecar.</summary>
public sealed class OrchestrationTestsOnInMemory : OrchestrationTests
{
    protected override void UseBackend(Dictionary<string, string?> settings, IServiceCollection services) =>
        services.Replace(ServiceDescriptor.Singleton<IOrchestrationService>(_ => new InMemoryOrchestrationService()));
}

public sealed class OrchestrationTestsOnAzureStorage(AzuriteEmulator azurite) : OrchestrationTests, IClassFixture<AzuriteEmulator>
{
    private readonly string taskHub = $"t{Guid.NewGuid():N}"[..16];

    protected override void UseBackend(Dictionary<string, string?> settings, IServiceCollection services)
    {
        settings["AzureWebJobsStorage"] = azurite.ConnectionString;
        settings["Orchestration:TaskHub"] = taskHub;
    }
}
