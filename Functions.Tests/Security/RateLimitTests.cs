using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Sift.Security;
using Sift.Storage;
using Sift.Tests.Infrastructure;

namespace Sift.Tests.Security;

public sealed class RateLimitTests
{
    private readonly ManualClock clock = new(DateTimeOffset.Parse("2026-11-23T12:00:10Z", System.Globalization.CultureInfo.InvariantCulture));

    [Fact]
    public async Task RequestOverTheLimitIs429WithRetryAfterToTheWindowsEnd()
    {
        await using var app = App(requests: 3, work: 3);
        var client = app.Api();
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/messages")).StatusCode);
        }

        using var refused = await client.GetAsync("/api/messages");

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.Equal(TimeSpan.FromSeconds(50), refused.Headers.RetryAfter?.Delta);
        var problem = JsonDocument.Parse(await refused.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(429, problem.GetProperty("status").GetInt32());
        Assert.Equal("https://www.rfc-editor.org/rfc/rfc6585#section-4", problem.GetProperty("type").GetString());
    }

    [Fact]
    public async Task ConcurrentBurstFromOneKeyIsCountedExactlyWithoutBusyErrors()
    {
        await using var app = App(requests: 100, work: 100);
        var client = app.Api();

        var statuses = await Task.WhenAll(Enumerable.Range(0, 256).Select(async _ => (await client.GetAsync("/api/messages")).StatusCode));

        Assert.Equal(100, statuses.Count(status => status == HttpStatusCode.OK));
        Assert.Equal(156, statuses.Count(status => status == HttpStatusCode.TooManyRequests));
    }

    [Fact]
    public async Task NextWindowRestoresTheBudget()
    {
        await using var app = App(requests: 1, work: 1);
        var client = app.Api();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/messages")).StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await client.GetAsync("/api/messages")).StatusCode);

        clock.Advance(TimeSpan.FromSeconds(50));

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/messages")).StatusCode);
    }

    [Fact]
    public async Task ChangingRequestsHaveAStricterBudgetOfTheirOwn()
    {
        await using var app = App(requests: 10, work: 2);
        var client = app.Api();
        for (var i = 0; i < 2; i++)
        {
            Assert.Equal(HttpStatusCode.Created, (await client.PostAsJsonAsync("/api/keys", new { name = $"k{i}", role = "reader" })).StatusCode);
        }

        using var refused = await client.PostAsJsonAsync("/api/keys", new { name = "k2", role = "reader" });

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/keys")).StatusCode);
        Assert.Equal(2, JsonDocument.Parse(await client.GetStringAsync("/api/keys")).RootElement.GetProperty("items").GetArrayLength() - 1);
    }

    [Fact]
    public async Task RefusedWritesDoNotSpendTheReadBudget()
    {
        await using var app = App(requests: 4, work: 1);
        var client = app.Api();
        Assert.Equal(HttpStatusCode.Created, (await client.PostAsJsonAsync("/api/keys", new { name = "k0", role = "reader" })).StatusCode);

        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(HttpStatusCode.TooManyRequests, (await client.PostAsJsonAsync("/api/keys", new { name = $"retry{i}", role = "reader" })).StatusCode);
        }

        // One write counted, so three reads remain of four.
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/messages")).StatusCode);
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, (await client.GetAsync("/api/messages")).StatusCode);
    }

    [Fact]
    public async Task EachKeyHasItsOwnBudget()
    {
        await using var app = App(requests: 2, work: 2);
        var admin = app.Api();
        using var created = await admin.PostAsJsonAsync("/api/keys", new { name = "other", role = "reader" });
        var other = app.CreateClient();
        other.DefaultRequestHeaders.Add("X-Api-Key", JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement.GetProperty("key").GetString());
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/api/messages")).StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await admin.GetAsync("/api/messages")).StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await other.GetAsync("/api/messages")).StatusCode);
    }

    [Fact]
    public async Task UnknownKeyGets401NotACountedRequest()
    {
        await using var app = App(requests: 1, work: 1);
        var stranger = app.CreateClient();
        stranger.DefaultRequestHeaders.Add("X-Api-Key", "not-a-key");

        Assert.Equal(HttpStatusCode.Unauthorized, (await stranger.GetAsync("/api/messages")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await stranger.GetAsync("/api/messages")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await app.Api().GetAsync("/api/messages")).StatusCode);
    }

    [Fact]
    public async Task WebhookAndHealthAreNeverLimited()
    {
        await using var telegram = await FakeTelegram.StartAsync();
        await using var app = App(requests: 5, work: 5, telegram);
        var botId = await app.RegisterBotAsync(telegram);
        var webhook = app.CreateClient();
        webhook.DefaultRequestHeaders.Add("X-Telegram-Bot-Api-Secret-Token", app.WebhookSecret(botId));
        // Even with an API key on it, a webhook call is Telegram's and must never be refused.
        webhook.DefaultRequestHeaders.Add("X-Api-Key", SiftApp.AdminKey);

        for (var i = 0; i < 20; i++)
        {
            using var update = await webhook.PostAsync($"/api/telegram/webhook/{botId}", new StringContent($$"""{"update_id": {{i + 1}}}""", Encoding.UTF8, "application/json"));
            Assert.Equal(HttpStatusCode.OK, update.StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await webhook.GetAsync("/api/health")).StatusCode);
        }
    }

    [Fact]
    public async Task MaintenanceDeletesEndedWindows()
    {
        await using var app = App(requests: 5, work: 5);
        (await app.Api().GetAsync("/api/messages")).EnsureSuccessStatusCode();
        var store = app.Get<IDocumentStore>();
        Assert.Equal(1, await store.CountAsync(RateLimiter.Collection, new DocumentQuery(), default));

        Assert.Equal(0, await app.Get<RateLimiter>().PurgeExpiredAsync(default));
        clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(1, await app.Get<RateLimiter>().PurgeExpiredAsync(default));

        Assert.Equal(0, await store.CountAsync(RateLimiter.Collection, new DocumentQuery(), default));
    }

    private SiftApp App(int requests, int work, FakeTelegram? telegram = null) => new(telegram, settings: new Dictionary<string, string?>
    {
        ["RateLimits:RequestsPerMinute"] = requests.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["RateLimits:WorkRequestsPerMinute"] = work.ToString(System.Globalization.CultureInfo.InvariantCulture),
    })
    {
        ExtraServices = services => services.AddSingleton<TimeProvider>(clock),
    };
}
