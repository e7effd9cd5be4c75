using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Sift.Ingestion.Feeds;
using Sift.Orchestration;
using Sift.Tests.Infrastructure;
using Sift.Tests.Orchestration;

namespace Sift.Tests.Ingestion.Feeds;

public sealed class FeedIngestionTests : IAsyncLifetime
{
    // The feed ingester's waits (rate limit, Retry-After) step this clock instead of taking time; the server records times from it.
    private readonly SteppingClock clock = new(DateTimeOffset.Parse("2026-11-21T12:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
    private FakeFeedServer feed = null!;

    public async Task InitializeAsync()
    {
        feed = await FakeFeedServer.StartAsync(clock);
        feed.Content = Rss(("a", "First post", "Hello"), ("b", "Second post", "World"), ("c", "Third post", "Again"));
    }

    public async Task DisposeAsync() => await feed.DisposeAsync();

    [Fact]
    public async Task FeedItemsBecomeMessagesOfTheFeedsChat()
    {
        await using var app = App();
        var (id, chatId) = await CreateAsync(app);

        var run = await PollingIngestionTests.RunAsync(app, id);

        Assert.Equal((3, 3), (Count(run, "fetched"), Count(run, "new")));
        var messages = await app.Api().GetFromJsonAsync<JsonElement>($"/api/messages?chatId={chatId}");
        var texts = messages.GetProperty("items").EnumerateArray().Select(m => m.GetProperty("text").GetString()!).ToList();
        Assert.Equal(3, texts.Count);
        Assert.Contains(texts, t => t.StartsWith("Second post\n\nWorld", StringComparison.Ordinal));
        var source = await app.Api().GetFromJsonAsync<JsonElement>($"/api/sources/{id}");
        Assert.Equal("Completed", source.GetProperty("lastRun").GetProperty("status").GetString());
        Assert.Equal(3, source.GetProperty("lastRun").GetProperty("output").GetProperty("counts").GetProperty("new").GetInt32());
    }

    [Fact]
    public async Task ASecondRunSendsTheValidatorsAndA304ChangesNothing()
    {
        await using var app = App();
        var (id, _) = await CreateAsync(app);
        await PollingIngestionTests.RunAsync(app, id);

        var second = await PollingIngestionTests.RunAsync(app, id);

        Assert.Equal(0, Count(second, "fetched"));
        Assert.Contains("304", second.GetProperty("progress").GetProperty("note").GetString());
        var request = feed.Requests.Last();
        Assert.NotEmpty(request.IfNoneMatch);
        Assert.Equal("Sat, 21 Nov 2026 10:00:00 GMT", request.IfModifiedSince);
    }

    [Fact]
    public async Task AChangedItemUpdatesItsMessageLikeAnEdit()
    {
        await using var app = App();
        var (id, chatId) = await CreateAsync(app);
        await PollingIngestionTests.RunAsync(app, id);
        feed.Content = Rss(("a", "First post", "Hello"), ("b", "Second post", "World, corrected"), ("c", "Third post", "Again"));

        var run = await PollingIngestionTests.RunAsync(app, id);

        Assert.Equal((3, 0, 1, 2), (Count(run, "fetched"), Count(run, "new"), Count(run, "updated"), Count(run, "unchanged")));
        var edited = (await app.Api().GetFromJsonAsync<JsonElement>($"/api/messages?chatId={chatId}")).GetProperty("items").EnumerateArray()
            .Single(m => m.GetProperty("editCount").GetInt32() == 1);
        Assert.StartsWith("Second post\n\nWorld, corrected", edited.GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.StartsWith("Second post\n\nWorld\n", edited.GetProperty("history")[0].GetProperty("text").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RateLimitedRequestIsRetriedAfterRetryAfter()
    {
        await using var app = App();
        var (id, _) = await CreateAsync(app);
        feed.Then(429, retryAfter: "1");

        var run = await PollingIngestionTests.RunAsync(app, id);

        Assert.Equal(3, Count(run, "new"));
        var requests = feed.Requests.ToList();
        Assert.Equal(2, requests.Count);
        Assert.True(requests[1].At - requests[0].At >= TimeSpan.FromSeconds(1), "the retry waited for Retry-After");
    }

    [Fact]
    public async Task ServerErrorsFailTheRunWithTheReason()
    {
        await using var app = App();
        var (id, _) = await CreateAsync(app);
        for (var i = 0; i < 3; i++)
        {
            feed.Then(500, "boom");
        }

        var run = await PollingIngestionTests.RunAsync(app, id, OrchestrationStatus.Failed);

        Assert.Contains("500", run.GetProperty("error").GetString());
        Assert.Equal(3, feed.Requests.Count);
    }

    [Theory]
    [InlineData("<rss version=\"2.0\"><channel><item><title>cut off")]
    [InlineData("<html><body>Not a feed</body></html>")]
    public async Task AnUnreadableFeedFailsTheRunWithTheReason(string content)
    {
        await using var app = App();
        var (id, _) = await CreateAsync(app);
        feed.Content = content;

        var run = await PollingIngestionTests.RunAsync(app, id, OrchestrationStatus.Failed);

        Assert.Contains("could not be read", run.GetProperty("error").GetString());
        Assert.Contains("0 new", run.GetProperty("error").GetString(), StringComparison.Ordinal);
    }

    /// <summary>The feed that took minutes of CPU and then the process (a stack overflow), again after every restart: now the run fails saying why.</summary>
    [Fact]
    public async Task AFeedNestedDeeperThanTheLimitFailsTheRunWithTheReason()
    {
        await using var app = App();
        var (id, _) = await CreateAsync(app);
        feed.Content = Rss(("deep", "Deep", string.Concat(Enumerable.Repeat("<b>", 200_000)) + "x" + string.Concat(Enumerable.Repeat("</b>", 200_000))));

        var run = await PollingIngestionTests.RunAsync(app, id, OrchestrationStatus.Failed);

        Assert.Contains($"more than {FeedParser.MaxDepth} deep", run.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Contains("0 new", run.GetProperty("error").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AFeedOfMoreItemsThanTheCapStoresTheNewestAndCountsTheRestIgnored()
    {
        await using var app = App(new() { ["Ingestion:FeedMaxItems"] = "2" });
        var (id, chatId) = await CreateAsync(app);
        feed.Content = RssWith(
            Item("old", "Oldest post", "Sat, 19 Nov 2026 09:00:00 GMT"), Item("new", "Newest post", "Sat, 21 Nov 2026 09:00:00 GMT"), Item("mid", "Middle post", "Fri, 20 Nov 2026 09:00:00 GMT"));

        var run = await PollingIngestionTests.RunAsync(app, id);

        Assert.Equal((3, 2, 1), (Count(run, "fetched"), Count(run, "new"), Count(run, "ignored")));
        Assert.Contains("1 older one(s) past Ingestion:FeedMaxItems (2)", run.GetProperty("progress").GetProperty("note").GetString(), StringComparison.Ordinal);
        var messages = await app.Api().GetFromJsonAsync<JsonElement>($"/api/messages?chatId={chatId}");
        Assert.Equal(["Middle post", "Newest post"], messages.GetProperty("items").EnumerateArray().Select(m => m.GetProperty("text").GetString()!.Split('\n')[0]).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task RequestsToOneSourceAreSpacedByTheRateLimit()
    {
        await using var app = App(new() { ["Ingestion:FeedMinRequestInterval"] = "00:00:01" });
        var (id, _) = await CreateAsync(app);

        await PollingIngestionTests.RunAsync(app, id);
        await PollingIngestionTests.RunAsync(app, id);

        var requests = feed.Requests.ToList();
        Assert.True(requests[1].At - requests[0].At >= TimeSpan.FromSeconds(1), "the second request waited for the source's rate limit");
    }

    [Fact]
    public async Task AnEnabledFeedIsIngestedOnScheduleWithNoOtherSetup()
    {
        await using var app = App(new() { ["Ingestion:Schedule"] = "* * * * * *" });

        using var created = await app.Api().PostAsJsonAsync("/api/sources", new { type = "feed", name = "Scheduled", url = feed.FeedUrl.ToString() });
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();

        var run = await OrchestrationTests.WaitForAsync(app, $"ingest-{id}", OrchestrationStatus.Completed);
        Assert.Equal(3, Count(run, "new"));
        Assert.Equal(3, run.GetProperty("progress").GetProperty("done").GetInt64());
        var listed = await app.Api().GetFromJsonAsync<JsonElement>("/api/orchestrations?name=ingest");
        Assert.Contains(listed.GetProperty("items").EnumerateArray(), i => i.GetProperty("instanceId").GetString() == $"ingest-{id}");
    }

    [Fact]
    public async Task ChangingTheUrlDropsTheOldValidators()
    {
        await using var app = App();
        var (id, _) = await CreateAsync(app);
        await PollingIngestionTests.RunAsync(app, id);
        await using var moved = await FakeFeedServer.StartAsync(clock);
        moved.Content = feed.Content;

        using var patched = await app.Api().PatchAsJsonAsync($"/api/sources/{id}", new { url = moved.FeedUrl.ToString() });
        var run = await PollingIngestionTests.RunAsync(app, id);

        Assert.Equal(JsonValueKind.Null, (await patched.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("cursor").GetProperty("eTag").ValueKind);
        Assert.Equal("", Assert.Single(moved.Requests).IfNoneMatch);
        Assert.Equal(3, Count(run, "unchanged"));
    }

    [Fact]
    public async Task ARedonePageSendsTheValidatorsOfItsBeginNotThoseACrashedAttemptSaved()
    {
        await using var app = App();
        var (id, _) = await CreateAsync(app);
        await PollingIngestionTests.RunAsync(app, id); // the cursor now holds the validators a crashed attempt would have saved

        await using var scope = app.Services.CreateAsyncScope();
        var source = await scope.ServiceProvider.GetRequiredService<Sift.Ingestion.SourceRegistry>().GetAsync(id, default);
        var redone = await scope.ServiceProvider.GetRequiredService<FeedIngester>().ReadPageAsync(source, new Sift.Ingestion.IngestionState(0, 0, null), default);

        Assert.Equal("", feed.Requests.Last().IfNoneMatch);
        Assert.Equal(3, redone.Result.Counts.Fetched);
    }

    [Fact]
    public async Task ABodyThatTricklesFailsTheRunAtTheRequestTimeout()
    {
        await using var app = App(new() { ["Ingestion:FeedRequestTimeout"] = "00:00:01", ["Ingestion:FeedRetries"] = "0" });
        var (id, _) = await CreateAsync(app);
        feed.TrickleEvery = TimeSpan.FromMilliseconds(100);

        var run = await PollingIngestionTests.RunAsync(app, id, OrchestrationStatus.Failed);

        Assert.Contains("no complete answer within 1 s (Ingestion:FeedRequestTimeout)", run.GetProperty("error").GetString());
    }

    [Fact]
    public async Task ALoopbackFeedIsRefusedWithoutSayingWhatItsNameResolvesTo()
    {
        await using var app = App(new() { ["Ingestion:AllowPrivateAddresses"] = "false" });
        var url = new UriBuilder(feed.FeedUrl) { Host = "localhost" }.Uri;
        using var created = await app.Api().PostAsJsonAsync("/api/sources", new { type = "feed", name = "Local", url = url.ToString(), enabled = false });
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;

        var run = await PollingIngestionTests.RunAsync(app, id, OrchestrationStatus.Failed);

        var error = run.GetProperty("error").GetString()!;
        Assert.Contains("localhost: refused: not a public address (Ingestion:AllowPrivateAddresses is false)", error);
        Assert.DoesNotContain("127.0.0.1", error);
        Assert.DoesNotContain("::1", error);
        Assert.Empty(feed.Requests);
    }

    [Fact]
    public async Task AnUnresolvableHostFailsTheRunWithOneWarningAndNoStackTrace()
    {
        await using var app = App();
        using var created = await app.Api().PostAsJsonAsync("/api/sources", new { type = "feed", name = "Gone", url = "http://nosuch.invalid/feed", enabled = false });
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;

        var run = await PollingIngestionTests.RunAsync(app, id, OrchestrationStatus.Failed);

        Assert.Contains("could not be fetched", run.GetProperty("error").GetString());
        var lines = app.Logs.Where(l => l.Contains("nosuch.invalid", StringComparison.Ordinal)).ToList();
        Assert.StartsWith($"Warning Sift.Ingestion.Feeds.FeedIngester: Feed source {id} could not be fetched", Assert.Single(lines), StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", lines[0], StringComparison.Ordinal);
    }

    private SiftApp App(Dictionary<string, string?>? settings = null)
    {
        var all = new Dictionary<string, string?>
        {
            ["Ingestion:FeedMinRequestInterval"] = "00:00:00",
            ["Ingestion:FeedRetries"] = "2",
            ["Ingestion:FeedRetryDelay"] = "00:00:00.020",
            ["Ingestion:Schedule"] = "0 0 0 1 1 *",
        };
        foreach (var (key, value) in settings ?? [])
        {
            all[key] = value;
        }

        return new SiftApp(settings: all)
        {
            ExtraServices = services => services.AddTransient(provider => ActivatorUtilities.CreateInstance<FeedIngester>(
                provider, provider.GetRequiredService<IHttpClientFactory>().CreateClient(nameof(FeedIngester)), (TimeProvider)clock)),
        };
    }

    private async Task<(string Id, string ChatId)> CreateAsync(SiftApp app)
    {
        using var response = await app.Api().PostAsJsonAsync("/api/sources", new { type = "feed", name = "Test feed", url = feed.FeedUrl.ToString(), enabled = false });
        var source = await response.Content.ReadFromJsonAsync<JsonElement>();
        return (source.GetProperty("id").GetString()!, source.GetProperty("chatId").GetString()!);
    }

    private static int Count(JsonElement run, string name) => run.GetProperty("output").GetProperty("counts").GetProperty(name).GetInt32();

    private static string Item(string guid, string title, string published) =>
        $"<item><guid isPermaLink=\"false\">{guid}</guid><title>{title}</title><description>Text</description><pubDate>{published}</pubDate></item>";

    private static string RssWith(params string[] items) =>
        $"<rss version=\"2.0\"><channel><title>Test blog</title><link>https://example.com/</link>{string.Concat(items)}</channel></rss>";

    private static string Rss(params (string Guid, string Title, string Text)[] items) => $"""
        <?xml version="1.0" encoding="UTF-8"?>
        <rss version="2.0"><channel><title>Test blog</title><link>https://example.com/</link>
        {string.Concat(items.Select(i => $"<item><guid isPermaLink=\"false\">{i.Guid}</guid><title>{i.Title}</title><link>https://example.com/{i.Guid}</link><description>{i.Text}</description><pubDate>Sat, 21 Nov 2026 09:00:00 GMT</pubDate></item>"))}
        </channel></rss>
        """;
}
