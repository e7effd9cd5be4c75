using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Sift.Analysis;
using Sift.Analysis.Labels;
using Sift.Messages;
using Sift.Storage;
using Sift.Tests.Infrastructure;
using Sift.Tests.Messages;

namespace Sift.Tests.Analysis;

/// <summary>Labels and the label memory on Cosmos DB (cosmosdb-server), whose only atomicity is a document's ETag.</summary>
public sealed class LabelCosmosTests(CosmosEmulator emulator) : IClassFixture<CosmosEmulator>, IAsyncLifetime
{
    private const long Chat = -700;
    private SiftApp app = null!;

    public Task InitializeAsync()
    {
        app = new SiftApp(settings: new Dictionary<string, string?>
        {
            ["CosmosDb"] = emulator.ConnectionString,
            ["CosmosDb:database"] = $"labels{Guid.NewGuid():N}",
            ["Secrets:Key"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
        });
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await app.DisposeAsync();

    [Fact]
    public async Task ConcurrentLabelsRepeatsAndARelabelLeaveOneEntryPerMessageInItsClass()
    {
        var ids = Enumerable.Range(1, 8).Select(i => (long)i).ToList();
        foreach (var id in ids)
        {
            await app.Get<MessageStore>().SaveAsync(SampleMessages.Text(Chat, id, new DateTimeOffset(2026, 6, 1, 9, (int)id, 0, TimeSpan.Zero)) with
            {
                Text = $"Earn from home with our partner program, offer {id}, two hours a day, write to me in private messages",
            }, default);
        }

        var labelled = await Task.WhenAll(ids.Select(id => app.Api().PutAsJsonAsync($"/api/messages/{Chat}/{id}/label", new { @class = "spam" })));
        var repeated = await app.Api().PutAsJsonAsync($"/api/messages/{Chat}/1/label", new { @class = "spam" });
        var relabelled = await app.Api().PutAsJsonAsync($"/api/messages/{Chat}/2/label", new { @class = "signal" });

        Assert.All(labelled.Append(repeated).Append(relabelled), r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        var shards = await app.Get<IDocumentStore>().QueryAsync<LabelMemoryShard>(LabelMemory.Collection,
            new DocumentQuery { Partition = LabelMemory.Partition, Limit = LabelMemory.Shards }, default);
        var remembered = shards.Items.SelectMany(s => s.Texts).ToList();
        Assert.Equal(ids.Select(id => $"{Chat}:{id}").Order(StringComparer.Ordinal), remembered.Select(t => t.MessageId).Order(StringComparer.Ordinal));
        Assert.Equal(MessageClass.Signal, remembered.Single(t => t.MessageId == $"{Chat}:2").Class);
        Assert.Equal(8, (await app.Get<LabelMemory>().CurrentAsync(default)).Count);
        var spam = await app.Api().GetFromJsonAsync<JsonElement>($"/api/labels?chatId={Chat}&class=spam");
        Assert.Equal(7, spam.GetProperty("items").GetArrayLength());
    }
}
