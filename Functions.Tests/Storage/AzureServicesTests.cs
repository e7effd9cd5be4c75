using Microsoft.Extensions.DependencyInjection;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Sift.Messages;
using Sift.Orchestration;
using Sift.Storage;
using Sift.Telegram;
using Sift.Tests.Infrastructure;
using Sift.Tests.Ingestion.TelegramExport;
using Sift.Tests.Orchestration;
using Sift.Tests.Telegram;
using Xunit.Abstractions;

namespace Sift.Tests.Storage;

/// <summary>
/// Sift on its Azure adapters at once: the store on Cosmos DB (cosmosdb-server), queues and uploads
/// on Azure Storage (Azurite). The same flows as standalone, and what each stored message costs in
/// store operations on either store.
/// </summary>
public sealed class AzureServicesTests(AzuriteEmulator azurite, CosmosEmulator cosmos, ITestOutputHelper output)
    : IClassFixture<AzuriteEmulator>, IClassFixture<CosmosEmulator>
{
    private const long BotId = 7000000001;
    private const long ChatId = -1001234567890;

    [Fact]
    public async Task WebhookMessagesAndAnExportImportFlowThroughCosmosAndAzureStorage()
    {
        await using var telegram = await FakeTelegram.StartAsync();
        await using var app = App(telegram, azure: true);
        await app.RegisterBotAsync(telegram, BotId);

        using var accepted = await PostUpdateAsync(app, messageId: 5, "posted to the webhook");
        var stored = await Eventually.ReturnsAsync(async () =>
        {
            using var response = await app.Api().GetAsync($"/api/messages/{ChatId}/5");
            return response.IsSuccessStatusCode ? await response.Content.ReadFromJsonAsync<JsonElement>() : default;
        }, m => m.ValueKind == JsonValueKind.Object, "the webhook's message");

        using var created = await app.Api().PostAsJsonAsync("/api/sources", new { type = "telegram-export", name = "Backfill" });
        var source = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();
        using var upload = await app.Api().PostAsync($"/api/sources/{source}/upload", new StringContent(TelegramExportSamples.SingleChat, Encoding.UTF8, "application/json"));
        var run = await OrchestrationTests.WaitForAsync(app, $"ingest-{source}", OrchestrationStatus.Completed);
        var chats = await app.Api().GetFromJsonAsync<JsonElement>("/api/chats");

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.Accepted), (accepted.StatusCode, upload.StatusCode));
        Assert.Equal("posted to the webhook", stored.GetProperty("text").GetString());
        Assert.Equal(17, run.GetProperty("output").GetProperty("counts").GetProperty("new").GetInt32());
        Assert.Equal(1 + 17, chats.GetProperty("items").EnumerateArray().Sum(c => c.GetProperty("messageCount").GetInt64()));
        Assert.Equal((typeof(CosmosDocumentStore), typeof(AzureQueueClient), typeof(BlobUploadStore)),
            (app.Get<IDocumentStore>().GetType(), app.Get<IQueueClient>().GetType(), app.Get<IUploadStore>().GetType()));
    }

    /// <summary>
    /// A new message costs five store operations to save (read it, read and write its statistics
    /// shard, create it, read its chat) plus the odd retry, however many messages of one chat arrive
    /// at once, and three to analyse (count its replies, read it, write its analysis; besides, its
    /// recent messages are one single-partition query, and on Cosmos the search entry a read and an
    /// upsert); a redelivery costs two. The figures go to the test output for the architecture document.
    /// </summary>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task StoringAndAnalysingAMessageCostsEightStoreOperationsAndARedeliveryTwo(bool onCosmos)
    {
        const int Messages = 64;
        CountingDocumentStore? counter = null;
        await using var telegram = await FakeTelegram.StartAsync();
        await using var app = App(telegram, azure: onCosmos, CountingDocumentStore.Around(found => counter = found));
        await app.RegisterBotAsync(telegram, BotId);
        // The chat's first message creates its chat document (racing deliveries would retry on it).
        await PostUpdateAsync(app, messageId: 1000, "the first");
        await WaitForCountAsync(app, 1);
        await WaitForAnalysisAsync(app, 1);
        counter!.Reset();

        await Task.WhenAll(Enumerable.Range(1, Messages).Select(i => PostUpdateAsync(app, i, $"message {i}")));
        await WaitForCountAsync(app, 1 + Messages);
        await WaitForAnalysisAsync(app, 1 + Messages);
        // Queries and the key and rate-limit operations come from the test's own polling of /api/chats.
        var perMessage = (double)counter.PointOperations(c => c is MessageStore.Messages or MessageStore.Chats or ChatStatistics.Collection) / Messages;
        var allPerMessage = (double)counter.PointOperations(c => c is not ("apikeys" or "ratelimits")) / Messages;
        output.WriteLine(string.Join(", ", counter.Operations.OrderBy(o => o.Key).Select(o => $"{o.Key} {o.Value}")));

        counter.Reset();
        var redelivered = UpdateSamples.MapMessage(UpdateSamples.Message(""" "text": "message 1" """, UpdateSamples.SupergroupChat, messageId: 1));
        var saved = await app.Get<MessageStore>().SaveAsync(redelivered, default);

        output.WriteLine($"{(onCosmos ? "Cosmos" : "SQLite")}: {perMessage:0.00} save-path operations per new message, {allPerMessage:0.00} in all (webhook included); a redelivery {counter.Total}");
        // Five to save, plus the odd retry when two messages race for one shard; three to analyse.
        Assert.InRange(perMessage, 8.0, 9.0);
        Assert.Equal((SaveOutcome.Unchanged, 2), (saved, counter.Total));
    }

    private SiftApp App(FakeTelegram telegram, bool azure, Action<IServiceCollection>? services = null) => new(telegram, settings: new Dictionary<string, string?>
    {
        ["AzureWebJobsStorage"] = azure ? azurite.ConnectionString : null,
        ["CosmosDb"] = azure ? cosmos.ConnectionString : null,
        ["CosmosDb:database"] = $"e2e{Guid.NewGuid():N}",
        ["Secrets:Key"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
    })
    { ExtraServices = services };

    private static async Task<HttpResponseMessage> PostUpdateAsync(SiftApp app, long messageId, string text)
    {
        using var webhook = app.CreateClient();
        webhook.DefaultRequestHeaders.Add(TelegramWebhook.SecretHeader, app.WebhookSecret(BotId));
        var update = UpdateSamples.Update("message", UpdateSamples.Message($""" "text": "{text}" """, UpdateSamples.SupergroupChat, messageId: messageId), 900000000 + messageId);
        var response = await webhook.PostAsync($"/api/telegram/webhook/{BotId}", new StringContent(update, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return response;
    }

    private static Task<int> WaitForAnalysisAsync(SiftApp app, int count) => Eventually.ReturnsAsync(async () =>
    {
        var messages = await app.Api().GetFromJsonAsync<JsonElement>("/api/messages?limit=200");
        return messages.GetProperty("items").EnumerateArray().Count(m => m.GetProperty("analysis").ValueKind == JsonValueKind.Object);
    }, n => n == count, $"{count} messages analysed");

    private static Task<long> WaitForCountAsync(SiftApp app, long count) => Eventually.ReturnsAsync(async () =>
    {
        var chats = await app.Api().GetFromJsonAsync<JsonElement>("/api/chats");
        return chats.GetProperty("items").EnumerateArray().Sum(c => c.GetProperty("messageCount").GetInt64());
    }, n => n == count, $"{count} messages counted");
}
