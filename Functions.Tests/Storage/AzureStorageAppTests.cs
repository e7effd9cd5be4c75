using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Sift.Orchestration;
using Sift.Storage;
using Sift.Telegram;
using Sift.Tests.Infrastructure;
using Sift.Tests.Ingestion.TelegramExport;
using Sift.Tests.Orchestration;

namespace Sift.Tests.Storage;

/// <summary>
/// Sift with <c>AzureWebJobsStorage</c> pointing at Azurite: queues and uploads go to Azure Storage
/// (the store stays SQLite), and the flows behave as on the embedded adapters.
/// </summary>
public sealed class AzureStorageAppTests(AzuriteEmulator azurite) : IClassFixture<AzuriteEmulator>
{
    private const long BotId = 7000000001;

    [Fact]
    public async Task AWebhookUpdateTravelsThroughAzureQueuesIntoTheStore()
    {
        await using var telegram = await FakeTelegram.StartAsync();
        await using var app = App(telegram);
        await app.RegisterBotAsync(telegram, BotId);
        var webhook = app.CreateClient();
        webhook.DefaultRequestHeaders.Add(TelegramWebhook.SecretHeader, app.WebhookSecret(BotId));

        using var health = await app.CreateClient().GetAsync("/api/health");
        using var accepted = await webhook.PostAsync($"/api/telegram/webhook/{BotId}",
            new StringContent(Telegram.UpdateSamples.Update("message", Telegram.UpdateSamples.Message(""" "text": "via azure" """, messageId: 5)), Encoding.UTF8, "application/json"));

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (health.StatusCode, accepted.StatusCode));
        Assert.IsType<AzureQueueClient>(app.Get<IQueueClient>());
        var stored = await Eventually.ReturnsAsync(async () =>
        {
            using var response = await app.Api().GetAsync("/api/messages/111111111@bot7000000001/5");
            return response.IsSuccessStatusCode ? await response.Content.ReadFromJsonAsync<JsonElement>() : default;
        }, m => m.ValueKind == JsonValueKind.Object, "message 111111111:5");
        Assert.Equal("via azure", stored.GetProperty("text").GetString());
    }

    [Fact]
    public async Task AnExportIsUploadedToBlobStorageAndImportedFromThere()
    {
        await using var app = App(settings: new() { ["Ingestion:MaxUploadBytes"] = "65536" });
        using var created = await app.Api().PostAsJsonAsync("/api/sources", new { type = "telegram-export", name = "Backfill" });
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();

        using var tooLarge = await app.Api().PostAsync($"/api/sources/{id}/upload", new StringContent(new string(' ', 70000) + "{}", Encoding.UTF8, "application/json"));
        using var upload = await app.Api().PostAsync($"/api/sources/{id}/upload", new StringContent(TelegramExportSamples.SingleChat, Encoding.UTF8, "application/json"));
        var run = await OrchestrationTests.WaitForAsync(app, $"ingest-{id}", OrchestrationStatus.Completed);

        Assert.Equal((HttpStatusCode.RequestEntityTooLarge, HttpStatusCode.Accepted), (tooLarge.StatusCode, upload.StatusCode));
        Assert.Equal(17, run.GetProperty("output").GetProperty("counts").GetProperty("new").GetInt32());
        Assert.IsType<BlobUploadStore>(app.Get<IUploadStore>());
        Assert.Equal(0, await app.Get<IDocumentStore>().CountAsync(DocumentUploadStore.Collection, new DocumentQuery(), default));
    }

    private SiftApp App(FakeTelegram? telegram = null, Dictionary<string, string?>? settings = null)
    {
        settings ??= [];
        settings["AzureWebJobsStorage"] = azurite.ConnectionString;
        // A task hub of its own: an app that stopped may hold the partitions of the last one for a while.
        settings["Orchestration:TaskHub"] = $"t{Guid.NewGuid():N}"[..16];
        return new SiftApp(telegram, settings: settings);
    }
}
