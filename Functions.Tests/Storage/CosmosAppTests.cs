using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Sift.Storage;
using Sift.Telegram;
using Sift.Tests.Infrastructure;
using Sift.Tests.Telegram;

namespace Sift.Tests.Storage;

/// <summary>The whole app with its store on cosmosdb-server (queues stay on SQLite here; the lead's end-to-end test adds Azurite).</summary>
public sealed class CosmosAppTests(CosmosEmulator emulator) : IClassFixture<CosmosEmulator>, IAsyncLifetime
{
    private const long BotId = 7000000001;
    private FakeTelegram telegram = null!;
    private SiftApp app = null!;

    public async Task InitializeAsync()
    {
        telegram = await FakeTelegram.StartAsync();
        app = new SiftApp(telegram, settings: new Dictionary<string, string?>
        {
            ["CosmosDb"] = emulator.ConnectionString,
            ["CosmosDb:database"] = $"app{Guid.NewGuid():N}",
            ["Secrets:Key"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
        });
    }

    public async Task DisposeAsync()
    {
        await app.DisposeAsync();
        await telegram.DisposeAsync();
    }

    [Fact]
    public async Task StartsOnCosmosAndReportsTheStoreHealthy()
    {
        using var response = await app.CreateClient().GetAsync("/api/health");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.IsType<CosmosDocumentStore>(app.Get<IDocumentStore>());
        Assert.False(File.Exists(Path.Combine(app.DataPath, "sift.db")));
    }

    [Fact]
    public async Task WebhookUpdateBecomesAStoredMessage()
    {
        await app.RegisterBotAsync(telegram, BotId);
        using var webhook = app.CreateClient();
        webhook.DefaultRequestHeaders.Add(TelegramWebhook.SecretHeader, app.WebhookSecret(BotId));

        using var posted = await webhook.PostAsync($"/api/telegram/webhook/{BotId}",
            new StringContent(UpdateSamples.Update("message", UpdateSamples.Message(""" "text": "stored in cosmos" """, messageId: 5)), Encoding.UTF8, "application/json"));
        posted.EnsureSuccessStatusCode();

        var message = await Eventually.ReturnsAsync(async () =>
        {
            using var response = await app.Api().GetAsync("/api/messages/111111111@bot7000000001/5");
            return response.IsSuccessStatusCode ? await response.Content.ReadFromJsonAsync<JsonElement>() : default;
        }, m => m.ValueKind == JsonValueKind.Object, "the message");
        Assert.Equal("stored in cosmos", message.GetProperty("text").GetString());
        using var list = await app.Api().GetAsync("/api/messages?limit=10");
        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
    }
}
