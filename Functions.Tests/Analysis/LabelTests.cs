using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Sift.Analysis;
using Sift.Analysis.Labels;
using Sift.Messages;
using Sift.Storage;
using Sift.Tests.Api;
using Sift.Tests.Infrastructure;
using Sift.Tests.Messages;

namespace Sift.Tests.Analysis;

/// <summary>People label messages' classes through the API: the message, search, the labels list and the label memory follow.</summary>
public sealed class LabelTests : IAsyncLifetime
{
    private const long Chat = -600;
    private const string Offer = "Hello friends, our company is looking for remote assistants, two hours a day, weekly pay, write to me in private messages for the details";
    private static readonly DateTimeOffset Start = new(2026, 6, 1, 9, 0, 0, TimeSpan.Zero);
    private readonly ManualClock clock = new(new DateTimeOffset(2026, 12, 7, 12, 0, 0, TimeSpan.Zero));
    private SiftApp app = null!;

    public Task InitializeAsync()
    {
        app = new SiftApp { ExtraServices = services => services.AddSingleton<TimeProvider>(clock) };
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await app.DisposeAsync();

    [Fact]
    public async Task ALabelGivesTheMessageThePersonsClassAndSearchFollows()
    {
        await SaveAnalysedAsync(1, Offer);

        using var labelled = await app.Api().PutAsJsonAsync($"/api/messages/{Chat}/1/label", new { @class = "spam" });

        Assert.Equal(HttpStatusCode.OK, labelled.StatusCode);
        var body = await labelled.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("spam", body.GetProperty("class").GetString());
        Assert.NotEqual("spam", body.GetProperty("previousClass").GetString());
        Assert.Equal("bootstrap-admin", body.GetProperty("labelledBy").GetProperty("name").GetString());
        var analysis = (await MessageAsync(1)).GetProperty("analysis");
        Assert.Equal("spam", analysis.GetProperty("class").GetString());
        Assert.InRange(analysis.GetProperty("importance").GetDouble(), 0, 0.05);
        var factor = analysis.GetProperty("factors")[0];
        Assert.Equal("labelled", factor.GetProperty("name").GetString());
        Assert.StartsWith("spam by bootstrap-admin", factor.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Single((await SearchAsync("remote assistants&class=spam")).EnumerateArray());
        Assert.Empty((await SearchAsync("remote assistants")).EnumerateArray());
    }

    [Fact]
    public async Task LabellingTwiceChangesNothingTheSecondTime()
    {
        await SaveAnalysedAsync(1, Offer);
        var first = await (await app.Api().PutAsJsonAsync($"/api/messages/{Chat}/1/label", new { @class = "spam" })).Content.ReadFromJsonAsync<JsonElement>();
        var message = await StoredAsync(1);
        var shards = await MemoryAsync();
        clock.Advance(TimeSpan.FromMinutes(1));

        var second = await (await app.Api().PutAsJsonAsync($"/api/messages/{Chat}/1/label", new { @class = "spam" })).Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(first.GetProperty("labelledAt").GetString(), second.GetProperty("labelledAt").GetString());
        Assert.Equal(message.ETag, (await StoredAsync(1)).ETag);
        Assert.Equal(shards.Select(s => s.ETag), (await MemoryAsync()).Select(s => s.ETag));
        Assert.Single(Remembered(await MemoryAsync()));
    }

    [Fact]
    public async Task RelabellingMovesTheMessageToItsNewClassEverywhere()
    {
        await SaveAnalysedAsync(1, Offer);
        (await app.Api().PutAsJsonAsync($"/api/messages/{Chat}/1/label", new { @class = "spam" })).EnsureSuccessStatusCode();
        clock.Advance(TimeSpan.FromMinutes(1));

        (await app.Api().PutAsJsonAsync($"/api/messages/{Chat}/1/label", new { @class = "signal" })).EnsureSuccessStatusCode();

        Assert.Equal("signal", (await MessageAsync(1)).GetProperty("analysis").GetProperty("class").GetString());
        var label = Assert.Single((await LabelsAsync("")).EnumerateArray());
        Assert.Equal(("signal", "spam"), (label.GetProperty("class").GetString(), label.GetProperty("previousClass").GetString()));
        Assert.Equal(MessageClass.Signal, Assert.Single(Remembered(await MemoryAsync())).Class);
        Assert.Single((await SearchAsync("remote assistants")).EnumerateArray());
    }

    [Fact]
    public async Task RemovingALabelGivesBackTheModelsClass()
    {
        await SaveAnalysedAsync(1, Offer);
        var model = (await MessageAsync(1)).GetProperty("analysis");
        (await app.Api().PutAsJsonAsync($"/api/messages/{Chat}/1/label", new { @class = "spam" })).EnsureSuccessStatusCode();

        using var removed = await app.Api().DeleteAsync($"/api/messages/{Chat}/1/label");
        using var again = await app.Api().DeleteAsync($"/api/messages/{Chat}/1/label");

        Assert.Equal((HttpStatusCode.NoContent, HttpStatusCode.NoContent), (removed.StatusCode, again.StatusCode));
        var analysis = (await MessageAsync(1)).GetProperty("analysis");
        Assert.Equal(model.GetProperty("class").GetString(), analysis.GetProperty("class").GetString());
        Assert.Equal(model.GetProperty("importance").GetDouble(), analysis.GetProperty("importance").GetDouble());
        Assert.DoesNotContain(analysis.GetProperty("factors").EnumerateArray(), f => f.GetProperty("name").GetString() == LabelledAnalysis.Factor);
        Assert.Empty((await LabelsAsync("")).EnumerateArray());
        Assert.Empty(Remembered(await MemoryAsync()));
    }

    /// <summary>A person beats the model: an edit is analysed again, and the new analysis still shows the label.</summary>
    [Fact]
    public async Task AnEditedLabelledMessageKeepsThePersonsClass()
    {
        await SaveAnalysedAsync(1, Offer);
        (await app.Api().PutAsJsonAsync($"/api/messages/{Chat}/1/label", new { @class = "spam" })).EnsureSuccessStatusCode();

        await app.Get<MessageStore>().SaveAsync(Message(1, "Can someone review the rollback plan for the deploy tomorrow?") with { EditDate = Start.AddMinutes(5) }, default);

        var edited = await WaitForAnalysisAsync(1, m => m.GetProperty("text").GetString()!.StartsWith("Can someone", StringComparison.Ordinal));
        Assert.Equal("spam", edited.GetProperty("analysis").GetProperty("class").GetString());
        Assert.Equal(LabelledAnalysis.Factor, edited.GetProperty("analysis").GetProperty("factors")[0].GetProperty("name").GetString());
    }

    [Fact]
    public async Task ConcurrentLabelsOfDifferentMessagesAllCount()
    {
        var ids = Enumerable.Range(1, 12).Select(i => (long)i).ToList();
        foreach (var id in ids)
        {
            await SaveAnalysedAsync(id, $"{Offer}, offer number {id}");
        }

        var responses = await Task.WhenAll(ids.Select(id => app.Api().PutAsJsonAsync($"/api/messages/{Chat}/{id}/label", new { @class = id % 2 == 0 ? "spam" : "noise" })));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        var remembered = Remembered(await MemoryAsync());
        Assert.Equal(ids.Select(id => $"{Chat}:{id}").Order(StringComparer.Ordinal), remembered.Select(t => t.MessageId).Order(StringComparer.Ordinal));
        Assert.Equal(6, remembered.Count(t => t.Class == MessageClass.Spam));
        Assert.Equal(12, (await LabelsAsync("")).GetArrayLength());
    }

    [Fact]
    public async Task TheLabelsListIsNewestFirstPagedAndFiltered()
    {
        foreach (var (id, label) in new[] { (1L, "spam"), (2L, "noise"), (3L, "spam") })
        {
            await SaveAnalysedAsync(id, $"{Offer} ({id})");
            (await app.Api().PutAsJsonAsync($"/api/messages/{Chat}/{id}/label", new { @class = label })).EnsureSuccessStatusCode();
            clock.Advance(TimeSpan.FromMinutes(1));
        }

        var first = await app.Api().GetFromJsonAsync<JsonElement>("/api/labels?limit=2");
        var rest = await app.Api().GetFromJsonAsync<JsonElement>($"/api/labels?limit=2&continuation={Uri.EscapeDataString(first.GetProperty("continuation").GetString()!)}");

        Assert.Equal([3L, 2L], first.GetProperty("items").EnumerateArray().Select(l => l.GetProperty("messageId").GetInt64()));
        Assert.Equal(1, Assert.Single(rest.GetProperty("items").EnumerateArray()).GetProperty("messageId").GetInt64());
        Assert.Equal([3L, 1L], (await LabelsAsync($"&class=spam&chatId={Chat}")).EnumerateArray().Select(l => l.GetProperty("messageId").GetInt64()));
        Assert.Empty((await LabelsAsync("&chatId=-601")).EnumerateArray());
    }

    [Theory]
    [InlineData("""{"class":"spammy"}""", "class")]
    [InlineData("""{"class":null}""", "class")]
    [InlineData("""{}""", "class")]
    [InlineData("""{"class":"spam","reason":"x"}""", "reason")]
    [InlineData("""{"class":4}""", "class")]
    public async Task ABadLabelIs400AndChangesNothing(string body, string field)
    {
        await SaveAnalysedAsync(1, Offer);
        var before = await StoredAsync(1);

        var problem = await Problems.AssertAsync(await app.Api().PutAsync($"/api/messages/{Chat}/1/label", Problems.Json(body)), 400);

        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
        Assert.Equal(before.ETag, (await StoredAsync(1)).ETag);
        Assert.Empty((await LabelsAsync("")).EnumerateArray());
        Assert.Empty(Remembered(await MemoryAsync()));
    }

    [Fact]
    public async Task LabellingAnUnknownMessageIs404AndListingWithBadFiltersIs400()
    {
        await Problems.AssertAsync(await app.Api().PutAsJsonAsync($"/api/messages/{Chat}/99/label", new { @class = "spam" }), 404);
        await Problems.AssertAsync(await app.Api().DeleteAsync($"/api/messages/{Chat}/99/label"), 404);
        await Problems.AssertAsync(await app.Api().GetAsync("/api/labels?class=spammy"), 400);
        await Problems.AssertAsync(await app.Api().GetAsync("/api/labels?limit=0"), 400);
        await Problems.AssertAsync(await app.Api().GetAsync("/api/labels?clas=spam"), 400);
        Assert.Empty((await LabelsAsync("")).EnumerateArray());
    }

    private static MessageDocument Message(long id, string text, long sender = 1) =>
        SampleMessages.Text(Chat, id, Start.AddMinutes(id)) with { Text = text, Sender = new SenderInfo("user", sender, $"User {sender}", null, false) };

    private async Task SaveAnalysedAsync(long id, string text)
    {
        await app.Get<MessageStore>().SaveAsync(Message(id, text), default);
        await WaitForAnalysisAsync(id);
    }

    private async Task<JsonElement> MessageAsync(long id) => await app.Api().GetFromJsonAsync<JsonElement>($"/api/messages/{Chat}/{id}");

    private async Task<Stored<MessageDocument>> StoredAsync(long id) =>
        (await app.Get<IDocumentStore>().GetAsync<MessageDocument>(MessageStore.Messages, $"{Chat}", $"{Chat}:{id}", default))!;

    private async Task<List<Stored<LabelMemoryShard>>> MemoryAsync()
    {
        var shards = new List<Stored<LabelMemoryShard>>();
        for (var shard = 0; shard < LabelMemory.Shards; shard++)
        {
            if (await app.Get<IDocumentStore>().GetAsync<LabelMemoryShard>(LabelMemory.Collection, LabelMemory.Partition, $"{shard}", default) is { } stored)
            {
                shards.Add(stored);
            }
        }

        return shards;
    }

    private static List<LabelledText> Remembered(List<Stored<LabelMemoryShard>> shards) => [.. shards.SelectMany(s => s.Value.Texts)];

    private async Task<JsonElement> SearchAsync(string query) =>
        (await app.Api().GetFromJsonAsync<JsonElement>($"/api/search?q={query}&chatId={Chat}")).GetProperty("items");

    private async Task<JsonElement> LabelsAsync(string query) =>
        (await app.Api().GetFromJsonAsync<JsonElement>($"/api/labels?limit=50{query}")).GetProperty("items");

    private Task<JsonElement> WaitForAnalysisAsync(long id, Func<JsonElement, bool>? until = null) =>
        Eventually.ReturnsAsync(async () =>
        {
            using var response = await app.Api().GetAsync($"/api/messages/{Chat}/{id}");
            return response.IsSuccessStatusCode ? await response.Content.ReadFromJsonAsync<JsonElement>() : default;
        }, m => m.ValueKind == JsonValueKind.Object && m.GetProperty("analysis").ValueKind == JsonValueKind.Object && (until?.Invoke(m) ?? true),
            $"message {Chat}:{id} to be analysed");
}
