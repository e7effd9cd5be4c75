using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Sift.Tests.Infrastructure;

namespace Sift.Tests.Telegram;

public sealed class BotRegistrationTests : IAsyncLifetime
{
    private FakeTelegram telegram = null!;

    public async Task InitializeAsync() => telegram = await FakeTelegram.StartAsync();

    public async Task DisposeAsync() => await telegram.DisposeAsync();

    [Fact]
    public async Task RegisteringABotSetsItsWebhookAndMasksTheToken()
    {
        await using var app = new SiftApp(telegram, settings: new Dictionary<string, string?> { ["Telegram:PublicBaseUrl"] = "https://sift.example.com/" });
        var token = telegram.AddBot(5550001, "news_bot");

        using var response = await app.Api().PostAsJsonAsync("/api/bots", new { token });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("/api/bots/5550001", response.Headers.Location?.OriginalString);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(5550001, body.GetProperty("id").GetInt64());
        Assert.Equal("news_bot", body.GetProperty("username").GetString());
        Assert.Equal("https://sift.example.com/api/telegram/webhook/5550001", body.GetProperty("webhookUrl").GetString());
        Assert.DoesNotContain(token, body.GetRawText());
        Assert.EndsWith(token[^4..], body.GetProperty("tokenMasked").GetString());

        var setWebhook = Assert.Single(telegram.CallsOf("setWebhook")).Body!.Value;
        Assert.Equal("https://sift.example.com/api/telegram/webhook/5550001", setWebhook.GetProperty("url").GetString());
        Assert.Equal(app.WebhookSecret(5550001), setWebhook.GetProperty("secret_token").GetString());
        Assert.Equal(app.WebhookSecret(5550001), body.GetProperty("webhookSecret").GetString());
        Assert.Equal(JsonValueKind.Null, (await app.Api().GetFromJsonAsync<JsonElement>("/api/bots/5550001")).GetProperty("webhookSecret").ValueKind);
        Assert.Equal(["message", "edited_message", "channel_post", "edited_channel_post"],
            setWebhook.GetProperty("allowed_updates").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public async Task RegisteringTheSameBotAgainUpdatesIt()
    {
        await using var app = new SiftApp(telegram);
        var token = telegram.AddBot(5550002, "twice_bot");
        using var first = await app.Api().PostAsJsonAsync("/api/bots", new { token });
        var created = await first.Content.ReadFromJsonAsync<JsonElement>();

        using var second = await app.Api().PostAsJsonAsync("/api/bots", new { token });

        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        var updated = await second.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(created.GetProperty("createdAt").GetString(), updated.GetProperty("createdAt").GetString());
        var list = await app.Api().GetFromJsonAsync<JsonElement>("/api/bots");
        Assert.Single(list.GetProperty("items").EnumerateArray());
        Assert.Empty(telegram.CallsOf("setWebhook")); // no PublicBaseUrl: nothing to set
    }

    [Theory]
    [InlineData("not-a-token")]
    [InlineData("12345:short")]
    [InlineData(":AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw")]
    [InlineData("")]
    public async Task MalformedTokenIsRejectedWithoutCallingTelegram(string token)
    {
        await using var app = new SiftApp(telegram);

        using var response = await app.Api().PostAsJsonAsync("/api/bots", new { token });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("token", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetRawText());
        Assert.Empty(telegram.Calls);
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("{\"token\": 42}")]
    [InlineData("[1,2]")]
    [InlineData("{\"token\": ")]
    public async Task BodyThatIsNotARegistrationIsA400(string json)
    {
        await using var app = new SiftApp(telegram);

        using var response = await app.Api().PostAsync("/api/bots", new StringContent(json, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task TokenTelegramRejectsIsA400QuotingTelegramAndStoresNothing()
    {
        await using var app = new SiftApp(telegram);
        const string revoked = "5550003:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsawQ";

        using var response = await app.Api().PostAsJsonAsync("/api/bots", new { token = revoked });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadAsStringAsync();
        Assert.Contains("Telegram answered 401: Unauthorized", problem);
        Assert.DoesNotContain(revoked, problem);
        Assert.Equal(HttpStatusCode.NotFound, (await app.Api().GetAsync("/api/bots/5550003")).StatusCode);
        Assert.DoesNotContain(app.Logs, line => line.Contains(revoked[8..]));
    }

    [Fact]
    public async Task WebhookTelegramRefusesIsA400AndNothingIsStored()
    {
        await using var app = new SiftApp(telegram, settings: new Dictionary<string, string?> { ["Telegram:PublicBaseUrl"] = "https://sift.example.com" });
        var token = telegram.AddBot(5550004, "refused_bot");
        telegram.Fail("setWebhook", 400, "Bad Request: bad webhook: An HTTPS URL must be provided for webhook");

        using var response = await app.Api().PostAsJsonAsync("/api/bots", new { token });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("An HTTPS URL must be provided for webhook", await response.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await app.Api().GetAsync("/api/bots/5550004")).StatusCode);
    }

    [Fact]
    public async Task UnreachableTelegramIsA502WithoutTheToken()
    {
        await using var app = new SiftApp(settings: new Dictionary<string, string?> { ["Telegram:ApiBaseUrl"] = "http://127.0.0.1:9" });
        const string token = "5550005:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsawQ";

        using var response = await app.Api().PostAsJsonAsync("/api/bots", new { token });

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.DoesNotContain(token[8..], await response.Content.ReadAsStringAsync());
        Assert.DoesNotContain(app.Logs, line => line.Contains(token[8..]));
    }

    [Fact]
    public async Task TelegramRateLimitIsA503WithRetryAfter()
    {
        await using var app = new SiftApp(telegram);
        var token = telegram.AddBot(5550006, "busy_bot");
        telegram.Fail("getMe", 429, "Too Many Requests: retry after 7");

        using var response = await app.Api().PostAsJsonAsync("/api/bots", new { token });

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.NotNull(response.Headers.RetryAfter);
    }

    [Fact]
    public async Task DeletingABotRemovesItsWebhookAndKeepsItsMessages()
    {
        await using var app = new SiftApp(telegram);
        var botId = await app.RegisterBotAsync(telegram, 5550007);
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Add("X-Telegram-Bot-Api-Secret-Token", app.WebhookSecret(botId));
        (await client.PostAsync($"/api/telegram/webhook/{botId}", new StringContent(UpdateSamples.Update("message", UpdateSamples.Message(""" "text": "keep me" """))))).EnsureSuccessStatusCode();
        await Eventually.ReturnsAsync(() => app.Api().GetAsync("/api/messages/111111111@bot5550007/42"), r => r.IsSuccessStatusCode, "the message");

        using var deleted = await app.Api().DeleteAsync($"/api/bots/{botId}");

        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Single(telegram.CallsOf("deleteWebhook"));
        Assert.Equal(HttpStatusCode.NotFound, (await app.Api().GetAsync($"/api/bots/{botId}")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.PostAsync($"/api/telegram/webhook/{botId}", new StringContent("{\"update_id\": 1}"))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await app.Api().GetAsync("/api/messages/111111111@bot5550007/42")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await app.Api().DeleteAsync($"/api/bots/{botId}")).StatusCode);
    }

    [Fact]
    public async Task StoredTokenIsEncrypted()
    {
        using var data = new TempDirectory();
        var token = telegram.AddBot(5550008, "secret_bot");
        await using (var app = new SiftApp(telegram, data.Path))
        {
            (await app.Api().PostAsJsonAsync("/api/bots", new { token })).EnsureSuccessStatusCode();
        }

        var database = await File.ReadAllBytesAsync(Path.Combine(data.Path, "sift.db"));
        var wal = Path.Combine(data.Path, "sift.db-wal");
        var text = System.Text.Encoding.UTF8.GetString(database) + (File.Exists(wal) ? System.Text.Encoding.UTF8.GetString(await File.ReadAllBytesAsync(wal)) : "");
        Assert.Contains("secret_bot", text);
        Assert.DoesNotContain(token[8..], text);
    }
}
