using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Sift.Orchestration;
using Sift.Tests.Infrastructure;

namespace Sift.Tests.Telegram;

/// <summary>Maintenance records each bot's getWebhookInfo; <c>/api/health/ready</c> degrades when updates wait too long at Telegram.</summary>
public sealed class WebhookHealthTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Start = DateTimeOffset.Parse("2026-11-23T12:00:00Z", CultureInfo.InvariantCulture);
    private readonly ManualClock clock = new(Start);
    private FakeTelegram telegram = null!;

    public async Task InitializeAsync() => telegram = await FakeTelegram.StartAsync();

    public async Task DisposeAsync() => await telegram.DisposeAsync();

    [Fact]
    public async Task UpdatesWaitingLongerThanTheThresholdMakeReadyAnswer503NamingTheBot()
    {
        await using var app = App();
        var bot = await app.RegisterBotAsync(telegram, 6660001);
        telegram.SetWebhookInfo(bot, 3, Start, "Connection timed out");

        await MaintenanceAsync(app);
        clock.Advance(TimeSpan.FromMinutes(59));
        await MaintenanceAsync(app);
        using var early = await app.CreateClient().GetAsync("/api/health/ready");
        clock.Advance(TimeSpan.FromMinutes(2));
        await MaintenanceAsync(app);
        using var late = await app.Api().GetAsync("/api/health/ready");

        Assert.Equal(HttpStatusCode.OK, early.StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, late.StatusCode);
        var body = await late.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("degraded", body.GetProperty("status").GetString());
        var reason = body.GetProperty("checks").GetProperty("telegram-webhooks").GetProperty("description").GetString();
        Assert.Contains("bot 6660001 (@bot6660001): 3 update(s) waiting at Telegram since 2026-11-23T12:00:00", reason, StringComparison.Ordinal);
        Assert.Contains("Connection timed out", reason, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await app.CreateClient().GetAsync("/api/health")).StatusCode);
    }

    [Fact]
    public async Task TheBotShowsItsWebhookHealth()
    {
        await using var app = App();
        var bot = await app.RegisterBotAsync(telegram, 6660002);
        telegram.SetWebhookInfo(bot, 2, Start.AddMinutes(-5), "Wrong response from the webhook: 502 Bad Gateway");

        await MaintenanceAsync(app);
        var webhook = (await app.Api().GetFromJsonAsync<JsonElement>($"/api/bots/{bot}")).GetProperty("webhook");

        Assert.Equal(2, webhook.GetProperty("pendingUpdateCount").GetInt32());
        Assert.Equal(Start.AddMinutes(-5), webhook.GetProperty("lastErrorDate").GetDateTimeOffset());
        Assert.Equal("Wrong response from the webhook: 502 Bad Gateway", webhook.GetProperty("lastErrorMessage").GetString());
        Assert.Equal(Start, webhook.GetProperty("pendingSince").GetDateTimeOffset());
        Assert.Equal(Start, webhook.GetProperty("checkedAt").GetDateTimeOffset());
    }

    [Fact]
    public async Task DeliveredUpdatesMakeTheBotReadyAgain()
    {
        await using var app = App();
        var bot = await app.RegisterBotAsync(telegram, 6660003);
        telegram.SetWebhookInfo(bot, 1);
        await MaintenanceAsync(app);
        clock.Advance(TimeSpan.FromHours(2));
        await MaintenanceAsync(app);
        var stale = (await app.CreateClient().GetAsync("/api/health/ready")).StatusCode;

        telegram.SetWebhookInfo(bot, 0);
        await MaintenanceAsync(app);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, stale);
        Assert.Equal(HttpStatusCode.OK, (await app.CreateClient().GetAsync("/api/health/ready")).StatusCode);
        var webhook = (await app.Api().GetFromJsonAsync<JsonElement>($"/api/bots/{bot}")).GetProperty("webhook");
        Assert.Equal(JsonValueKind.Null, webhook.GetProperty("pendingSince").ValueKind);
    }

    [Fact]
    public async Task OneBotsFailedCheckDoesNotStopTheOthers()
    {
        await using var app = App();
        var revoked = await app.RegisterBotAsync(telegram, 6660004);
        var healthy = await app.RegisterBotAsync(telegram, 6660005);
        telegram.Revoke(revoked);
        telegram.SetWebhookInfo(healthy, 4);

        await MaintenanceAsync(app);

        var checkedBot = (await app.Api().GetFromJsonAsync<JsonElement>($"/api/bots/{healthy}")).GetProperty("webhook");
        Assert.Equal(4, checkedBot.GetProperty("pendingUpdateCount").GetInt32());
        var failedBot = await app.Api().GetFromJsonAsync<JsonElement>($"/api/bots/{revoked}");
        Assert.Equal(JsonValueKind.Null, failedBot.GetProperty("webhook").ValueKind);
        var logged = Assert.Single(app.Logs, line => line.Contains("Webhook check of bot 6660004 failed", StringComparison.Ordinal));
        Assert.Contains("Telegram answered 401", logged, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", logged, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TelegramsErrorIsLoggedWithItsControlCharactersEscaped()
    {
        await using var app = App();
        await app.RegisterBotAsync(telegram, 6660006);
        telegram.Fail("getWebhookInfo", 400, "Bad Request\u001b[2J\r\nCritical forged line\u0000");

        await MaintenanceAsync(app);

        var logged = Assert.Single(app.Logs, line => line.Contains("Webhook check of bot 6660006 failed", StringComparison.Ordinal));
        Assert.Contains("Bad Request\\u001b[2J\\r\\nCritical forged line\\u0000", logged, StringComparison.Ordinal);
        Assert.DoesNotContain(app.Logs, line => line.Contains("forged", StringComparison.Ordinal) && line.Any(c => char.IsControl(c) && c != '\n'));
    }

    private SiftApp App() => new(telegram, settings: new Dictionary<string, string?>
    {
        ["Telegram:PublicBaseUrl"] = "https://sift.example.com",
        ["Telegram:WebhookStaleAfter"] = "01:00:00",
        // The test runs Maintenance itself, at the manual clock's times.
        ["Maintenance:Schedule"] = "0 0 0 1 1 *",
    })
    {
        ExtraServices = services => services.AddSingleton<TimeProvider>(clock),
    };

    private static Task MaintenanceAsync(SiftApp app) => app.RunTimerAsync(nameof(Maintenance));
}
