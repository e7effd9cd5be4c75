using System.Net;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Sift.Hosting;
using Sift.Storage;
using Sift.Telegram;
using Sift.Tests.Infrastructure;

namespace Sift.Tests.Telegram;

/// <summary>Each bot's webhook secret is random, its own, stored encrypted and rotated by registering the bot again.</summary>
public sealed class WebhookSecretTests : IAsyncLifetime
{
    private const long BotA = 7000000001;
    private readonly ManualClock clock = new(DateTimeOffset.Parse("2026-12-07T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
    private FakeTelegram telegram = null!;

    public async Task InitializeAsync() => telegram = await FakeTelegram.StartAsync();

    public async Task DisposeAsync() => await telegram.DisposeAsync();

    [Fact]
    public async Task RegisteringABotAgainRotatesItsSecretAndTheOldOneIs401()
    {
        await using var app = App();
        await app.RegisterBotAsync(telegram, BotA);
        var old = app.WebhookSecret(BotA);
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(app, BotA, old)).StatusCode);

        await app.RegisterBotAsync(telegram, BotA);

        var rotated = app.WebhookSecret(BotA);
        Assert.NotEqual(old, rotated);
        Assert.Matches("^[A-Za-z0-9_-]{43}$", rotated);
        Assert.Equal(HttpStatusCode.Unauthorized, (await PostAsync(app, BotA, old)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(app, BotA, rotated)).StatusCode);
    }

    [Fact]
    public async Task ASecretRotatedOnAnotherInstanceStopsWorkingHereWithinAMinute()
    {
        using var data = new TempDirectory();
        await using var here = App(data.Path);
        await using var there = App(data.Path);
        await there.RegisterBotAsync(telegram, BotA);
        var old = there.WebhookSecret(BotA);
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(here, BotA, old)).StatusCode);

        await there.RegisterBotAsync(telegram, BotA);
        clock.Advance(BotDirectory.KnownFor);

        Assert.Equal(HttpStatusCode.Unauthorized, (await PostAsync(here, BotA, old)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(here, BotA, there.WebhookSecret(BotA))).StatusCode);
    }

    [Fact]
    public async Task TheSecretIsStoredOnlyEncrypted()
    {
        await using var app = App();
        await app.RegisterBotAsync(telegram, BotA);

        var stored = await app.Get<IDocumentStore>().GetAsync<System.Text.Json.JsonElement>(BotRegistry.Collection, BotRegistry.Partition, BotRegistry.Id(BotA), default);

        Assert.DoesNotContain(app.WebhookSecret(BotA), stored!.Value.GetRawText(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1099511627776)]
    [InlineData(-1000000000000)]
    [InlineData(-1997852516353)]
    [InlineData(-2500000000000000000)]
    public async Task AnUpdateFromAChatOutsideTelegramsRangesGoesToThePoisonQueueWithTheReason(long chatId)
    {
        await using var app = new SiftApp(telegram);
        await app.RegisterBotAsync(telegram, BotA);
        var update = UpdateSamples.Update("message", UpdateSamples.Message(""" "text": "from nowhere" """, chat: $$"""{"id": {{chatId}}, "type": "private"}"""));

        using var response = await PostAsync(app, BotA, app.WebhookSecret(BotA), update);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var queues = app.Get<IQueueClient>();
        await Eventually.ReturnsAsync(() => queues.CountAsync(QueueNames.Poison(TelegramUpdateMessage.Queue), default), n => n == 1, "the update in the poison queue");
        Assert.Contains(app.Logs, line => line.Contains($"Chat id {chatId} is outside Telegram's ranges", StringComparison.Ordinal));
        Assert.Equal(0, await app.Get<IDocumentStore>().CountAsync(Sift.Messages.MessageStore.Messages, new DocumentQuery(), default));
    }

    private SiftApp App(string? dataPath = null) => new(telegram, dataPath, new Dictionary<string, string?> { ["Triggers:Enabled"] = "false" })
    {
        ExtraServices = services => services.AddSingleton<TimeProvider>(clock),
    };

    private static Task<HttpResponseMessage> PostAsync(SiftApp app, long botId, string secret, string update = """{"update_id": 1}""")
    {
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Add(TelegramWebhook.SecretHeader, secret);
        return client.PostAsync($"/api/telegram/webhook/{botId}", new StringContent(update, Encoding.UTF8, "application/json"));
    }
}
