using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Sift.Orchestration;
using Sift.Tests.Infrastructure;
using Sift.Tests.Orchestration;
using Sift.Tests.Telegram;

namespace Sift.Tests.Ingestion;

public sealed class PollingIngestionTests : IAsyncLifetime
{
    private const long BotId = 7100000001;
    private FakeTelegram telegram = null!;

    public async Task InitializeAsync() => telegram = await FakeTelegram.StartAsync();

    public async Task DisposeAsync() => await telegram.DisposeAsync();

    [Fact]
    public async Task PollingReadsEveryUpdateInPagesAndConfirmsThemOnlyOnceStored()
    {
        await using var app = App();
        var token = await RegisterAsync(app);
        telegram.AddUpdates(token, Enumerable.Range(1, 230).Select(i => i % 10 == 0
            ? UpdateSamples.Update("callback_query", """{"id": "q", "from": {"id": 1, "is_bot": false, "first_name": "A"}, "chat_instance": "1"}""", updateId: 5000 + i)
            : UpdateSamples.Update("message", UpdateSamples.Message($$""" "text": "poll {{i}}" """, messageId: i), updateId: 5000 + i)));
        var source = await CreateAsync(app);

        var run = await RunAsync(app, source);

        Assert.Equal("Completed", run.GetProperty("status").GetString());
        var counts = run.GetProperty("output").GetProperty("counts");
        Assert.Equal((230, 207, 23, 0), (counts.GetProperty("fetched").GetInt32(), counts.GetProperty("new").GetInt32(), counts.GetProperty("ignored").GetInt32(), counts.GetProperty("failed").GetInt32()));
        Assert.Equal(5231, run.GetProperty("output").GetProperty("cursor").GetProperty("offset").GetInt64());
        Assert.Equal([0, 5101, 5201], Offsets());
        var chats = await app.Api().GetFromJsonAsync<JsonElement>("/api/chats");
        Assert.Equal(207, chats.GetProperty("items")[0].GetProperty("messageCount").GetInt64());

        // The next run starts from the stored offset, which confirms the last batch.
        var again = await RunAsync(app, source);
        Assert.Equal(0, again.GetProperty("output").GetProperty("counts").GetProperty("fetched").GetInt32());
        Assert.Equal([0, 5101, 5201, 5231], Offsets());
    }

    private List<long> Offsets() =>
        telegram.CallsOf("getUpdates").Select(c => c.Body!.Value.TryGetProperty("offset", out var o) ? o.GetInt64() : 0).ToList();

    [Fact]
    public async Task APageThatCrashesAfterStoringItsMessagesIsReadAgainAndStoresEachMessageOnce()
    {
        // The second page has stored its 100 messages; saving its cursor "crashes", so the activity runs again from the same offset.
        var faults = new Faults
        {
            CrashOnUpsert = (collection, document) => collection == Sift.Ingestion.SourceCursor.Collection && Interlocked.Increment(ref cursorSaves) == 2,
        };
        await using var app = new SiftApp(telegram, settings: new Dictionary<string, string?>
        {
            ["Ingestion:PollingTimeout"] = "00:00:00",
            ["Orchestration:RetryDelay"] = "00:00:00.050",
        })
        { ExtraServices = faults.Install };
        var token = await RegisterAsync(app);
        telegram.AddUpdates(token, Enumerable.Range(1, 250).Select(i => UpdateSamples.Update("message", UpdateSamples.Message($$""" "text": "m{{i}}" """, messageId: i), updateId: i)));

        var run = await RunAsync(app, await CreateAsync(app));

        Assert.True(faults.Fired);
        var counts = run.GetProperty("output").GetProperty("counts");
        // The page run again finds its 100 messages stored: they count as unchanged, and none is stored twice.
        Assert.Equal((250, 150, 100), (counts.GetProperty("fetched").GetInt32(), counts.GetProperty("new").GetInt32(), counts.GetProperty("unchanged").GetInt32()));
        var chats = await app.Api().GetFromJsonAsync<JsonElement>("/api/chats");
        Assert.Equal(250, chats.GetProperty("items")[0].GetProperty("messageCount").GetInt64());
        Assert.Equal(251, run.GetProperty("output").GetProperty("cursor").GetProperty("offset").GetInt64());
    }

    private int cursorSaves;

    [Fact]
    public async Task UpdatesSeenByWebhookAndByPollingAreStoredOnce()
    {
        await using var app = App();
        var token = await RegisterAsync(app);
        var update = UpdateSamples.Update("message", UpdateSamples.Message(""" "text": "both ways" """, messageId: 9), updateId: 77);
        var webhook = app.CreateClient();
        webhook.DefaultRequestHeaders.Add("X-Telegram-Bot-Api-Secret-Token", app.WebhookSecret(BotId));
        (await webhook.PostAsync($"/api/telegram/webhook/{BotId}", new StringContent(update))).EnsureSuccessStatusCode();
        telegram.AddUpdates(token, [update]);

        var run = await RunAsync(app, await CreateAsync(app));

        Assert.Equal(1, run.GetProperty("output").GetProperty("counts").GetProperty("fetched").GetInt32());
        var messages = await Eventually.ReturnsAsync(() => app.Api().GetFromJsonAsync<JsonElement>("/api/messages"), m => m.GetProperty("items").GetArrayLength() == 1, "the message");
        Assert.Equal("both ways", messages.GetProperty("items")[0].GetProperty("text").GetString());
    }

    [Fact]
    public async Task ABotWithAWebhookFailsTheRunNamingDeleteWebhook()
    {
        await using var app = App(new() { ["Telegram:PublicBaseUrl"] = "https://sift.example.com" });
        await RegisterAsync(app);

        var run = await RunAsync(app, await CreateAsync(app), OrchestrationStatus.Failed);

        Assert.Contains("deleteWebhook", run.GetProperty("error").GetString());
    }

    [Fact]
    public async Task TelegramsWebhookConflictFailsTheRunNamingDeleteWebhook()
    {
        await using var app = App();
        var token = await RegisterAsync(app);
        telegram.SetWebhook(token);

        var run = await RunAsync(app, await CreateAsync(app), OrchestrationStatus.Failed);

        Assert.Contains("409", run.GetProperty("error").GetString());
        Assert.Contains("deleteWebhook", run.GetProperty("error").GetString());
    }

    [Fact]
    public async Task TwoOverlappingPollsOfOneBotAreRetriedNotFailedAsAWebhook()
    {
        // A poll holds 2 s; the one Telegram ends early is retried after at least 2.4 s (0.8 x 3 s), when the other has ended.
        telegram.GetUpdatesDelay = TimeSpan.FromSeconds(2);
        await using var app = App(new() { ["Ingestion:PollingTimeout"] = "00:00:02", ["Orchestration:RetryDelay"] = "00:00:03" });
        await RegisterAsync(app);
        var first = await CreateAsync(app);
        var second = await CreateAsync(app);

        (await app.Api().PostAsync($"/api/sources/{first}/run", null)).EnsureSuccessStatusCode();
        await Eventually.ReturnsAsync(() => Task.FromResult(telegram.CallsOf("getUpdates").Count()), n => n == 1, "the first poll to be held");
        (await app.Api().PostAsync($"/api/sources/{second}/run", null)).EnsureSuccessStatusCode();

        await OrchestrationTests.WaitForAsync(app, $"ingest-{first}", OrchestrationStatus.Completed);
        await OrchestrationTests.WaitForAsync(app, $"ingest-{second}", OrchestrationStatus.Completed);
        Assert.Equal(3, telegram.CallsOf("getUpdates").Count()); // the ended poll ran again
    }

    [Fact]
    public async Task ASecondRunWhileOneIsRunningIs409WithTheStatusUrl()
    {
        telegram.GetUpdatesDelay = TimeSpan.FromSeconds(2);
        await using var app = App(new() { ["Ingestion:PollingTimeout"] = "00:00:02" });
        await RegisterAsync(app);
        var source = await CreateAsync(app);

        using var first = await app.Api().PostAsync($"/api/sources/{source}/run", null);
        using var second = await app.Api().PostAsync($"/api/sources/{source}/run", null);

        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        Assert.Equal($"/api/orchestrations/ingest-{source}", first.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        Assert.Equal($"/api/orchestrations/ingest-{source}", (await second.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("statusUrl").GetString());
    }

    private SiftApp App(Dictionary<string, string?>? settings = null)
    {
        var all = new Dictionary<string, string?> { ["Ingestion:PollingTimeout"] = "00:00:00", ["Ingestion:PollingBatchSize"] = "100" };
        foreach (var (key, value) in settings ?? [])
        {
            all[key] = value;
        }

        return new SiftApp(telegram, settings: all);
    }

    private async Task<string> RegisterAsync(SiftApp app)
    {
        var token = telegram.AddBot(BotId, "poller");
        (await app.Api().PostAsJsonAsync("/api/bots", new { token })).EnsureSuccessStatusCode();
        return token;
    }

    private static async Task<string> CreateAsync(SiftApp app)
    {
        using var response = await app.Api().PostAsJsonAsync("/api/sources", new { type = "telegram-polling", name = "poller", botId = BotId, enabled = false });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
    }

    internal static async Task<JsonElement> RunAsync(SiftApp app, string sourceId, OrchestrationStatus until = OrchestrationStatus.Completed)
    {
        using var response = await app.Api().PostAsync($"/api/sources/{sourceId}/run", null);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return await OrchestrationTests.WaitForAsync(app, $"ingest-{sourceId}", until);
    }
}
