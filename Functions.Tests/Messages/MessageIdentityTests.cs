using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Sift.Tests.Infrastructure;
using Sift.Tests.Telegram;

namespace Sift.Tests.Messages;

/// <summary>
/// A message is identified by who numbered it: in private chats and basic groups every account
/// (each bot, each exporting account) numbers messages on its own, in supergroups and channels the
/// chat does. Checked through the webhook, getUpdates polling and export paths, and the API.
/// </summary>
public sealed class MessageIdentityTests : IAsyncLifetime
{
    private const long BotA = 7000000001;
    private const long BotB = 7000000002;
    private FakeTelegram telegram = null!;
    private SiftApp app = null!;

    public async Task InitializeAsync()
    {
        telegram = await FakeTelegram.StartAsync();
        app = new SiftApp(telegram, settings: new Dictionary<string, string?> { ["Ingestion:PollingTimeout"] = "00:00:00" });
        await app.RegisterBotAsync(telegram, BotA);
    }

    public async Task DisposeAsync()
    {
        await app.DisposeAsync();
        await telegram.DisposeAsync();
    }

    [Fact]
    public async Task TwoBotsEachGivenMessageOneByOneUserListBothMessages()
    {
        await app.RegisterBotAsync(telegram, BotB);

        await PostAsync(BotA, UpdateSamples.Message(""" "text": "hello bot alpha" """, messageId: 1));
        await PostAsync(BotB, UpdateSamples.Message(""" "text": "hello bot beta" """, messageId: 1));

        var items = await ListedAsync(2);
        Assert.Equal(["111111111@bot7000000001", "111111111@bot7000000002"], items.Select(m => m.GetProperty("chatId").GetString()).Order());
        Assert.All(items, m => Assert.Equal(0, m.GetProperty("history").GetArrayLength()));
        var chats = (await app.Api().GetFromJsonAsync<JsonElement>("/api/chats")).GetProperty("items").EnumerateArray().ToList();
        Assert.Equal([(111111111L, 1L), (111111111L, 1L)], chats.Select(c => (c.GetProperty("chatId").GetInt64(), c.GetProperty("messageCount").GetInt64())));
        var alpha = await app.Api().GetFromJsonAsync<JsonElement>("/api/messages/111111111@bot7000000001/1");
        var beta = await app.Api().GetFromJsonAsync<JsonElement>("/api/messages/111111111@bot7000000002/1");
        Assert.Equal(("hello bot alpha", "hello bot beta"), (alpha.GetProperty("text").GetString(), beta.GetProperty("text").GetString()));
        var found = await Eventually.ReturnsAsync(() => app.Api().GetFromJsonAsync<JsonElement>("/api/search?q=beta&chatId=111111111@bot7000000002"),
            s => s.GetProperty("items").GetArrayLength() > 0, "the second bot's message indexed");
        Assert.Equal("111111111@bot7000000002", found.GetProperty("items")[0].GetProperty("chatId").GetString());
    }

    [Theory]
    [InlineData("message", UpdateSamples.PrivateChat, new[] { "111111111@bot7000000001", "111111111@bot7000000002" })]
    [InlineData("message", UpdateSamples.GroupChat, new[] { "-4012345678@bot7000000001", "-4012345678@bot7000000002" })]
    [InlineData("message", UpdateSamples.SupergroupChat, new[] { "-1001234567890" })]
    [InlineData("channel_post", UpdateSamples.ChannelChat, new[] { "-1009876543210" })]
    public async Task TwoBotsShareAChatOnlyWhereTheChatNumbersItsMessages(string field, string chat, string[] keys)
    {
        await app.RegisterBotAsync(telegram, BotB);

        await PostAsync(BotA, UpdateSamples.Message(""" "text": "same number" """, chat, messageId: 5), field);
        await PostAsync(BotB, UpdateSamples.Message(""" "text": "same number" """, chat, messageId: 5), field);

        var items = await ListedAsync(keys.Length);
        Assert.Equal(keys, items.Select(m => m.GetProperty("chatId").GetString()).Order());
        var chats = (await app.Api().GetFromJsonAsync<JsonElement>("/api/chats")).GetProperty("items");
        Assert.Equal(keys, chats.EnumerateArray().Select(c => c.GetProperty("id").GetString()).Order());
    }

    [Fact]
    public async Task ABotPolledWithGetUpdatesKeepsItsOwnPrivateChat()
    {
        var token = telegram.AddBot(BotB, "poller");
        (await app.Api().PostAsJsonAsync("/api/bots", new { token })).EnsureSuccessStatusCode();
        await PostAsync(BotA, UpdateSamples.Message(""" "text": "by webhook" """, messageId: 1));
        telegram.AddUpdates(token, [UpdateSamples.Update("message", UpdateSamples.Message(""" "text": "by polling" """, messageId: 1))]);
        using var created = await app.Api().PostAsJsonAsync("/api/sources", new { type = "telegram-polling", name = "poller", botId = BotB, enabled = false });
        var source = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;

        var run = await Ingestion.PollingIngestionTests.RunAsync(app, source);

        Assert.Equal(1, run.GetProperty("output").GetProperty("counts").GetProperty("new").GetInt32());
        var items = await ListedAsync(2);
        Assert.Equal([("111111111@bot7000000001", "by webhook"), ("111111111@bot7000000002", "by polling")],
            items.Select(m => (m.GetProperty("chatId").GetString(), m.GetProperty("text").GetString())).Order());
    }

    [Fact]
    public async Task AnExportOfABasicGroupKeepsItsOwnNumberingBesideABots()
    {
        await PostAsync(BotA, UpdateSamples.Message(""" "text": "bot's number one" """, UpdateSamples.GroupChat, messageId: 1));
        var export = """
            {"name": "Book club", "type": "private_group", "id": 4012345678, "messages": [
             {"id": 1, "type": "message", "date": "2025-01-02T04:04:05", "date_unixtime": "1735787045", "from": "Bob", "from_id": "user222222222", "text": "exporter's number one"}
            ]}
            """;

        var (source, run) = await ImportAsync(export);

        Assert.Equal(1, run.GetProperty("output").GetProperty("counts").GetProperty("new").GetInt32());
        var items = await ListedAsync(2);
        Assert.Equal([($"-4012345678@bot{BotA}", "bot's number one"), ($"-4012345678@export{source}", "exporter's number one")],
            items.Select(m => (m.GetProperty("chatId").GetString(), m.GetProperty("text").GetString())).Order());
        Assert.Equal($"-4012345678@export{source}", (await app.Api().GetFromJsonAsync<JsonElement>($"/api/sources/{source}")).GetProperty("chatId").GetString());
    }

    [Theory]
    [InlineData("111111111@bot")]
    [InlineData("111111111@user7")]
    [InlineData("x@bot1")]
    public async Task AChatKeyOfAnotherFormIs400NamingTheForm(string key)
    {
        using var response = await app.Api().GetAsync($"/api/messages?chatId={Uri.EscapeDataString(key)}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("chatId must be a chat key", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());
    }

    [Fact]
    public async Task AChatKeyOfAnotherFormInABodyIs400NamingTheForm()
    {
        using var response = await app.Api().PostAsJsonAsync("/api/analysis-runs", new { chatId = "7@nobody" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.StartsWith("chatId must be a chat key", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());
    }

    private async Task PostAsync(long botId, string message, string field = "message")
    {
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Add(Sift.Telegram.TelegramWebhook.SecretHeader, app.WebhookSecret(botId));
        using var response = await client.PostAsync($"/api/telegram/webhook/{botId}", new StringContent(UpdateSamples.Update(field, message), Encoding.UTF8, "application/json"));
        response.EnsureSuccessStatusCode();
    }

    private async Task<List<JsonElement>> ListedAsync(int count) =>
        (await Eventually.ReturnsAsync(() => app.Api().GetFromJsonAsync<JsonElement>("/api/messages"),
            m => m.GetProperty("items").GetArrayLength() >= count, $"{count} message(s) stored")).GetProperty("items").EnumerateArray().ToList();

    private async Task<(string Source, JsonElement Run)> ImportAsync(string export)
    {
        using var created = await app.Api().PostAsJsonAsync("/api/sources", new { type = "telegram-export", name = "Backfill" });
        var source = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        using var upload = await app.Api().PostAsync($"/api/sources/{source}/upload", new StringContent(export, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Accepted, upload.StatusCode);
        return (source, await Orchestration.OrchestrationTests.WaitForAsync(app, $"ingest-{source}", Sift.Orchestration.OrchestrationStatus.Completed));
    }
}
