using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Sift.Orchestration;
using Sift.Tests.Infrastructure;
using Sift.Tests.Orchestration;
using Sift.Tests.Telegram;

namespace Sift.Tests.Ingestion.TelegramExport;

/// <summary>An export source writes only into its own chats and never replaces a message another source stored.</summary>
public sealed class ExportLaneTests : IAsyncLifetime
{
    private const long BotId = 7000000001;
    private FakeTelegram telegram = null!;
    private SiftApp app = null!;

    public async Task InitializeAsync()
    {
        telegram = await FakeTelegram.StartAsync();
        app = new SiftApp(telegram);
        await app.RegisterBotAsync(telegram, BotId);
    }

    public async Task DisposeAsync()
    {
        await app.DisposeAsync();
        await telegram.DisposeAsync();
    }

    [Fact]
    public async Task AnExportAimedAtWebhookChatsChangesNothingThere()
    {
        await PostAsync(UpdateSamples.Message(""" "text": "webhook private" """, UpdateSamples.PrivateChat, messageId: 5));
        await PostAsync(UpdateSamples.Message(""" "text": "webhook basic group" """, UpdateSamples.GroupChat, messageId: 6));
        await PostAsync(UpdateSamples.Message(""" "text": "webhook supergroup" """, UpdateSamples.SupergroupChat, messageId: 7));
        string[] webhookMessages = [$"111111111@bot{BotId}/5", $"-4012345678@bot{BotId}/6", "-1001234567890/7"];
        var before = new List<JsonElement>();
        foreach (var message in webhookMessages)
        {
            before.Add(await AnalysedAsync(message));
        }

        var (source, run) = await ImportAsync(Export(
            Chat("personal_chat", 111111111, Edited(5, "export private")),
            Chat("private_group", 4012345678, Edited(6, "export basic group")),
            Chat("public_supergroup", 1234567890, Edited(7, "export supergroup"))));

        Assert.Equal((3, 2, 0, 1), (Count(run, "fetched"), Count(run, "new"), Count(run, "updated"), Count(run, "refused")));
        for (var i = 0; i < webhookMessages.Length; i++)
        {
            var after = await app.Api().GetFromJsonAsync<JsonElement>($"/api/messages/{webhookMessages[i]}");
            foreach (var field in new[] { "text", "source", "editCount", "editDate", "history", "updatedAt" })
            {
                Assert.Equal(before[i].GetProperty(field).GetRawText(), after.GetProperty(field).GetRawText());
            }
        }

        var chats = (await app.Api().GetFromJsonAsync<JsonElement>("/api/chats")).GetProperty("items").EnumerateArray()
            .ToDictionary(c => c.GetProperty("id").GetString()!, c => c.GetProperty("messageCount").GetInt64());
        Assert.Equal(new Dictionary<string, long>
        {
            [$"111111111@bot{BotId}"] = 1, [$"-4012345678@bot{BotId}"] = 1, ["-1001234567890"] = 1,
            [$"111111111@export{source}"] = 1, [$"-4012345678@export{source}"] = 1,
        }, chats);
    }

    [Fact]
    public async Task AnotherExportsCopyOfASupergroupMessageIsRefusedAndTheFirstStays()
    {
        var (_, first) = await ImportAsync(Export(Chat("public_supergroup", 1234567890, Edited(7, "first export"))));

        var (_, second) = await ImportAsync(Export(Chat("public_supergroup", 1234567890, Edited(7, "second export", minute: 9), Edited(8, "only in the second"))));

        Assert.Equal((1, 0), (Count(first, "new"), Count(first, "refused")));
        Assert.Equal((1, 0, 1), (Count(second, "new"), Count(second, "updated"), Count(second, "refused")));
        var stored = await app.Api().GetFromJsonAsync<JsonElement>("/api/messages/-1001234567890/7");
        Assert.Equal(("first export", 0), (stored.GetProperty("text").GetString(), stored.GetProperty("history").GetArrayLength()));
    }

    [Fact]
    public async Task AnExportAimedAtAFeedsChatIsRefusedWithTheReason()
    {
        using var feed = await app.Api().PostAsJsonAsync("/api/sources", new { type = "feed", name = "News", url = "https://feeds.example/rss", enabled = false });
        var feedChat = (await feed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("chatId").GetString()!;

        var (_, run) = await ImportAsync(Export(Chat("personal_chat", long.Parse(feedChat, System.Globalization.CultureInfo.InvariantCulture), Edited(1, "into the feed"))));

        Assert.Equal((1, 0, 1), (Count(run, "fetched"), Count(run, "new"), Count(run, "failed")));
        Assert.Contains("outside Telegram's ranges", run.GetProperty("output").GetProperty("skipped")[0].GetProperty("reason").GetString());
        Assert.Equal(0, (await app.Api().GetFromJsonAsync<JsonElement>("/api/messages")).GetProperty("items").GetArrayLength());
    }

    private static string Export(params string[] chats) => $$$"""{"about": "Here is the data you requested.", "chats": {"about": "", "list": [{{{string.Join(", ", chats)}}}]}}""";

    private static string Chat(string type, long id, params string[] messages) =>
        $$"""{"name": "Somebody", "type": "{{type}}", "id": {{id}}, "messages": [{{string.Join(", ", messages)}}]}""";

    /// <summary>The message as an export shows it after an edit the webhook never saw.</summary>
    private static string Edited(long id, string text, int minute = 8) =>
        $$"""{"id": {{id}}, "type": "message", "date": "2025-01-02T04:04:05", "date_unixtime": "1735787045", "edited": "2025-01-02T04:0{{minute}}:00", "edited_unixtime": "{{1735787045 + minute * 60}}", "from": "Alice Liddell", "from_id": "user111111111", "text": "{{text}}"}""";

    private async Task PostAsync(string message)
    {
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Add(Sift.Telegram.TelegramWebhook.SecretHeader, app.WebhookSecret(BotId));
        using var response = await client.PostAsync($"/api/telegram/webhook/{BotId}", new StringContent(UpdateSamples.Update("message", message), Encoding.UTF8, "application/json"));
        response.EnsureSuccessStatusCode();
    }

    private Task<JsonElement> AnalysedAsync(string path) =>
        Eventually.ReturnsAsync(async () =>
        {
            using var response = await app.Api().GetAsync($"/api/messages/{path}");
            return response.IsSuccessStatusCode ? await response.Content.ReadFromJsonAsync<JsonElement>() : default;
        }, m => m.ValueKind == JsonValueKind.Object && m.GetProperty("analysis").ValueKind == JsonValueKind.Object, $"message {path} analysed");

    private async Task<(string Source, JsonElement Run)> ImportAsync(string export)
    {
        using var created = await app.Api().PostAsJsonAsync("/api/sources", new { type = "telegram-export", name = "Backfill" });
        var source = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        using var upload = await app.Api().PostAsync($"/api/sources/{source}/upload", new StringContent(export, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Accepted, upload.StatusCode);
        return (source, await OrchestrationTests.WaitForAsync(app, $"ingest-{source}", OrchestrationStatus.Completed));
    }

    private static int Count(JsonElement run, string name) => run.GetProperty("output").GetProperty("counts").GetProperty(name).GetInt32();
}
