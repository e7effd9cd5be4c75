using System.Net;
using System.Text;
using System.Text.Json;
using Sift.Storage;
using Sift.Telegram;
using Sift.Tests.Infrastructure;

namespace Sift.Tests.Telegram;

public sealed class WebhookTests : IAsyncLifetime
{
    private const long BotId = 7000000001;
    private FakeTelegram telegram = null!;
    private SiftApp app = null!;

    public async Task InitializeAsync()
    {
        telegram = await FakeTelegram.StartAsync();
        // The runner is off so the queue shows exactly what the webhook accepted.
        app = new SiftApp(telegram, settings: new Dictionary<string, string?> { ["Triggers:Enabled"] = "false" });
        await app.RegisterBotAsync(telegram, BotId);
    }

    public async Task DisposeAsync()
    {
        await app.DisposeAsync();
        await telegram.DisposeAsync();
    }

    [Fact]
    public async Task ValidUpdateIsQueuedAndAnsweredWithAnEmpty200()
    {
        using var response = await PostAsync(UpdateSamples.Update("message", UpdateSamples.Message(""" "text": "hi" """)));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
        var queued = Assert.Single(await app.Get<IQueueClient>().ReceiveAsync(TelegramUpdateMessage.Queue, 10, TimeSpan.FromMinutes(1), default));
        using var message = JsonDocument.Parse(queued.Body);
        Assert.Equal(BotId, message.RootElement.GetProperty("botId").GetInt64());
        Assert.Equal(900000001, message.RootElement.GetProperty("update").GetProperty("update_id").GetInt64());
        Assert.False(string.IsNullOrEmpty(message.RootElement.GetProperty("correlationId").GetString()));
    }

    [Fact]
    public async Task AnUnknownBotAndAWrongSecretGetTheSameAnswer()
    {
        const long unknown = 123456;

        using var unknownBot = await PostAsync("""{"update_id": 1}""", botId: unknown, secret: app.WebhookSecret(BotId));
        using var unknownBotWrongSecret = await PostAsync("""{"update_id": 1}""", botId: unknown, secret: "wrong-secret");
        using var wrongSecret = await PostAsync("""{"update_id": 1}""", secret: "wrong-secret");

        Assert.All([unknownBot, unknownBotWrongSecret, wrongSecret], response => Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode));
        var bodies = new[] { unknownBot, unknownBotWrongSecret, wrongSecret }.Select(r => WithoutTraceId(r.Content.ReadAsStringAsync().Result)).ToList();
        Assert.Single(bodies.Distinct());
        await AssertNothingQueuedAsync();
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("wrong-secret")]
    public async Task MissingOrWrongSecretIs401(string? secret)
    {
        using var response = await PostAsync("""{"update_id": 1}""", secret: secret ?? "");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        await AssertNothingQueuedAsync();
    }

    [Fact]
    public async Task AWrongSecretIs401AlsoAfterTheBotsRightSecretWasAccepted()
    {
        var secret = app.WebhookSecret(BotId);
        using var accepted = await PostAsync("""{"update_id": 1}""");
        using var rejected = await PostAsync("""{"update_id": 2}""", secret: secret[..^1] + (secret[^1] == 'x' ? 'y' : 'x'));
        using var acceptedAgain = await PostAsync("""{"update_id": 3}""");

        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, rejected.StatusCode);
        Assert.Equal(HttpStatusCode.OK, acceptedAgain.StatusCode);
    }

    [Fact]
    public async Task SecretOfAnotherBotIs401()
    {
        await app.RegisterBotAsync(telegram, BotId + 1);

        using var response = await PostAsync("""{"update_id": 1}""", secret: app.WebhookSecret(BotId + 1));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        await AssertNothingQueuedAsync();
    }

    [Fact]
    public async Task BodyOver1MiBIs413()
    {
        var text = new string('a', 1024 * 1024);
        using var response = await PostAsync(UpdateSamples.Update("message", UpdateSamples.Message($$""" "text": "{{text}}" """)));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        await AssertNothingQueuedAsync();
    }

    [Fact]
    public async Task ChunkedBodyOver1MiBIs413()
    {
        var client = WebhookClient(app.WebhookSecret(BotId));
        var content = new StreamContent(new MemoryStream(new byte[(1024 * 1024) + 10]));
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/telegram/webhook/{BotId}") { Content = content };
        request.Headers.TransferEncodingChunked = true;

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("")]
    [InlineData("[]")]
    [InlineData("{}")]
    [InlineData("""{"update_id": "12"}""")]
    [InlineData("""{"update_id": 1.5}""")]
    [InlineData("""{"update_id": 1""")]
    public async Task BodyThatIsNotAnUpdateIs400(string body)
    {
        using var response = await PostAsync(body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        await AssertNothingQueuedAsync();
    }

    [Fact]
    public async Task WebhookNeedsNoApiKey()
    {
        using var response = await PostAsync("""{"update_id": 5, "callback_query": {"id": "1"}}""");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task UpdateTooLargeForAQueueMessageIsQueuedByReference()
    {
        var text = new string('b', 100 * 1024);
        using var response = await PostAsync(UpdateSamples.Update("message", UpdateSamples.Message($$""" "text": "{{text}}" """)));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var queued = Assert.Single(await app.Get<IQueueClient>().ReceiveAsync(TelegramUpdateMessage.Queue, 10, TimeSpan.FromMinutes(1), default));
        Assert.True(queued.Body.Length < 1024);
        using var message = JsonDocument.Parse(queued.Body);
        Assert.False(string.IsNullOrEmpty(message.RootElement.GetProperty("payloadId").GetString()));
    }

    [Fact]
    public async Task UpdateThatGrowsPastAQueueMessageWhenEscapedIsQueuedByReference()
    {
        // 30 KiB of Cyrillic is under the inline size as sent, but escaped (\uXXXX) it is three times that.
        var text = new string('ж', 15 * 1024);
        using var response = await PostAsync(UpdateSamples.Update("message", UpdateSamples.Message($$""" "text": "{{text}}" """)));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var queued = Assert.Single(await app.Get<IQueueClient>().ReceiveAsync(TelegramUpdateMessage.Queue, 10, TimeSpan.FromMinutes(1), default));
        Assert.True(QueueLimits.Fits(queued.Body));
        using var message = JsonDocument.Parse(queued.Body);
        Assert.False(string.IsNullOrEmpty(message.RootElement.GetProperty("payloadId").GetString()));
    }

    private static string WithoutTraceId(string problem)
    {
        var fields = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(problem)!;
        fields.Remove("traceId");
        return JsonSerializer.Serialize(fields);
    }

    private Task<HttpResponseMessage> PostAsync(string body, long botId = BotId, string? secret = null) =>
        WebhookClient(secret ?? app.WebhookSecret(botId))
            .PostAsync($"/api/telegram/webhook/{botId}", new StringContent(body, Encoding.UTF8, "application/json"));

    private HttpClient WebhookClient(string secret)
    {
        var client = app.CreateClient();
        if (secret.Length > 0)
        {
            client.DefaultRequestHeaders.Add(TelegramWebhook.SecretHeader, secret);
        }

        return client;
    }

    private async Task AssertNothingQueuedAsync() =>
        Assert.Equal(0, await app.Get<IQueueClient>().CountAsync(TelegramUpdateMessage.Queue, default));
}
