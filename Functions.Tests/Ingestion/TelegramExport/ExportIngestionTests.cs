using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Sift.Orchestration;
using Sift.Tests.Infrastructure;
using Sift.Tests.Orchestration;

namespace Sift.Tests.Ingestion.TelegramExport;

/// <summary>Telegram Desktop exports uploaded through the API and imported in pages.</summary>
public sealed class ExportIngestionTests : IAsyncLifetime
{
    private const long ChatId = -1001234567890;
    private readonly SiftApp app = new(settings: new Dictionary<string, string?> { ["Ingestion:ExportPageSize"] = "5", ["Ingestion:MaxUploadBytes"] = "65536" });

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await app.DisposeAsync();

    [Fact]
    public async Task ARealisticExportIsImportedInPagesAndImportingItAgainChangesNothing()
    {
        var id = await CreateAsync();

        var first = await UploadAsync(id, TelegramExportSamples.SingleChat);

        Assert.Equal((18, 17, 1, 0), (Count(first, "fetched"), Count(first, "new"), Count(first, "ignored"), Count(first, "failed")));
        Assert.Equal((18, 18), (first.GetProperty("progress").GetProperty("done").GetInt64(), first.GetProperty("progress").GetProperty("total").GetInt64()));
        var source = await app.Api().GetFromJsonAsync<JsonElement>($"/api/sources/{id}");
        Assert.Equal($"{ChatId}", source.GetProperty("chatId").GetString());
        var messages = (await app.Api().GetFromJsonAsync<JsonElement>($"/api/messages?chatId={ChatId}&limit=200")).GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(17, messages.Count);
        Assert.Contains(messages, m => m.GetProperty("kind").GetString() == "service" && m.GetProperty("serviceAction").GetString() == "new_chat_members");
        Assert.Contains(messages, m => m.GetProperty("editCount").GetInt32() == 1 && m.GetProperty("editDate").GetString() == "2025-01-02T03:06:00.000Z");
        Assert.Contains(messages, m => m.GetProperty("kind").GetString() == "photo");
        Assert.Contains(messages, m => m.GetProperty("forward").ValueKind == JsonValueKind.Object);
        Assert.Contains(messages, m => m.GetProperty("replyToMessageId").ValueKind == JsonValueKind.Number);

        using var again = await app.Api().PostAsync($"/api/sources/{id}/run", null);
        var second = await OrchestrationTests.WaitForAsync(app, $"ingest-{id}", OrchestrationStatus.Completed);

        Assert.Equal((18, 0, 0, 17), (Count(second, "fetched"), Count(second, "new"), Count(second, "updated"), Count(second, "unchanged")));
        Assert.Equal(17, (await app.Api().GetFromJsonAsync<JsonElement>("/api/chats")).GetProperty("items")[0].GetProperty("messageCount").GetInt64());
    }

    [Fact]
    public async Task AFullDataExportImportsEveryChat()
    {
        var id = await CreateAsync();

        var run = await UploadAsync(id, TelegramExportSamples.FullExport);

        Assert.True(Count(run, "new") > 0);
        var chats = (await app.Api().GetFromJsonAsync<JsonElement>("/api/chats")).GetProperty("items").GetArrayLength();
        Assert.True(chats > 1, $"{chats} chat(s) imported");
    }

    [Theory]
    [InlineData("""{"hello": "world"}""")]
    [InlineData("not json at all")]
    [InlineData("""{"name": "Sift devs", "type": "public_supergroup", "id": 1, "messages": [{"id": 1},""")]
    public async Task AnUploadThatIsNotAnExportIs400AndTheExportBeforeStays(string garbage)
    {
        var id = await CreateAsync();
        await UploadAsync(id, TelegramExportSamples.SingleChat);
        var chunks = await UploadChunksAsync();

        using var response = await app.Api().PostAsync($"/api/sources/{id}/upload", new StringContent(garbage, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("not a Telegram Desktop JSON export", await response.Content.ReadAsStringAsync());
        Assert.Equal(chunks, await UploadChunksAsync());
        using var again = await app.Api().PostAsync($"/api/sources/{id}/run", null);
        var run = await OrchestrationTests.WaitForAsync(app, $"ingest-{id}", OrchestrationStatus.Completed);
        Assert.Equal(18, Count(run, "unchanged") + Count(run, "ignored"));
    }

    /// <summary>The export reader reads JSON token by token to a depth of 64 (Utf8JsonReader's default), so nesting costs nothing to refuse.</summary>
    [Fact]
    public async Task AnExportNestedDeeperThanTheReaderAllowsIs400WithTheReason()
    {
        var id = await CreateAsync();
        var deep = $$"""{"name": "Sift devs", "type": "public_supergroup", "id": 1, "messages": [{"id": 1, "type": "message", "date": "2025-01-01T10:00:00", "text": {{new string('[', 10_000)}}{{new string(']', 10_000)}}}]}""";

        using var response = await app.Api().PostAsync($"/api/sources/{id}/upload", new StringContent(deep, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("depth", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ANewUploadReplacesTheOldOneWhichIsDeleted()
    {
        var id = await CreateAsync();
        await UploadAsync(id, TelegramExportSamples.FullExport);

        var run = await UploadAsync(id, TelegramExportSamples.SingleChat);

        Assert.Equal(18, run.GetProperty("progress").GetProperty("total").GetInt64());
        var store = app.Get<Sift.Storage.IDocumentStore>();
        var source = (await store.GetAsync<Sift.Ingestion.Source>(Sift.Ingestion.Source.Collection, Sift.Ingestion.Source.Partition, id, default))!.Value;
        Assert.Equal((source.UploadId, 18L), (run.GetProperty("input").GetProperty("uploadId").GetString(), source.UploadMessages));
        Assert.Equal(1, await UploadChunksAsync());
    }

    [Fact]
    public async Task RunningWithoutAnUploadFailsSayingWhatToDo()
    {
        var id = await CreateAsync();

        var run = await PollingIngestionTests.RunAsync(app, id, OrchestrationStatus.Failed);

        Assert.Contains($"/api/sources/{id}/upload", run.GetProperty("error").GetString());
    }

    [Fact]
    public async Task DeletingTheSourceDeletesItsUploadAndKeepsItsMessages()
    {
        var id = await CreateAsync();
        await UploadAsync(id, TelegramExportSamples.SingleChat);
        var store = app.Get<Sift.Storage.IDocumentStore>();
        Assert.True(await store.CountAsync(Sift.Storage.DocumentUploadStore.Collection, new Sift.Storage.DocumentQuery(), default) > 0);

        using var deleted = await app.Api().DeleteAsync($"/api/sources/{id}");

        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal(0, await store.CountAsync(Sift.Storage.DocumentUploadStore.Collection, new Sift.Storage.DocumentQuery(), default));
        Assert.Equal(17, (await app.Api().GetFromJsonAsync<JsonElement>($"/api/messages?chatId={ChatId}&limit=200")).GetProperty("items").GetArrayLength());
    }

    [Fact]
    public async Task AnUploadOverTheLimitIs413AndKeepsNothing()
    {
        var id = await CreateAsync();

        using var response = await app.Api().PostAsync($"/api/sources/{id}/upload", new StringContent(new string(' ', 70_000) + "{}", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        var source = await app.Api().GetFromJsonAsync<JsonElement>($"/api/sources/{id}");
        Assert.False(source.GetProperty("hasUpload").GetBoolean());
        Assert.Equal(JsonValueKind.Null, source.GetProperty("lastRun").ValueKind);
    }

    [Fact]
    public async Task AMultipartUploadAsCurlFormSendsItIsImported()
    {
        var id = await CreateAsync();
        using var form = new MultipartFormDataContent { { new StringContent(TelegramExportSamples.SingleChat, Encoding.UTF8, "application/octet-stream"), "file", "result.json" } };

        using var response = await app.Api().PostAsync($"/api/sources/{id}/upload", form);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var run = await OrchestrationTests.WaitForAsync(app, $"ingest-{id}", OrchestrationStatus.Completed);
        Assert.Equal(17, Count(run, "new"));
        Assert.Equal(17, (await app.Api().GetFromJsonAsync<JsonElement>($"/api/messages?chatId={ChatId}&limit=200")).GetProperty("items").GetArrayLength());
    }

    [Fact]
    public async Task AMultipartUploadWithoutAFileIs400SayingHowToSendTheFile()
    {
        var id = await CreateAsync();
        using var form = new MultipartFormDataContent { { new StringContent(TelegramExportSamples.SingleChat), "file" } };

        using var response = await app.Api().PostAsync($"/api/sources/{id}/upload", form);

        var problem = await Sift.Tests.Api.Problems.AssertAsync(response, 400);
        Assert.Contains("--data-binary @result.json", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.False((await app.Api().GetFromJsonAsync<JsonElement>($"/api/sources/{id}")).GetProperty("hasUpload").GetBoolean());
    }

    [Fact]
    public async Task AMultipartUploadOverTheLimitIs413AndKeepsNothing()
    {
        var id = await CreateAsync();
        using var form = new MultipartFormDataContent { { new StringContent(new string(' ', 70_000) + "{}"), "file", "result.json" } };

        using var response = await app.Api().PostAsync($"/api/sources/{id}/upload", form);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.False((await app.Api().GetFromJsonAsync<JsonElement>($"/api/sources/{id}")).GetProperty("hasUpload").GetBoolean());
    }

    private async Task<string> CreateAsync()
    {
        using var response = await app.Api().PostAsJsonAsync("/api/sources", new { type = "telegram-export", name = "Backfill" });
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
    }

    private async Task<JsonElement> UploadAsync(string id, string export, OrchestrationStatus until = OrchestrationStatus.Completed)
    {
        using var response = await app.Api().PostAsync($"/api/sources/{id}/upload", new StringContent(export, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal($"/api/orchestrations/ingest-{id}", response.Headers.Location?.OriginalString);
        return await OrchestrationTests.WaitForAsync(app, $"ingest-{id}", until);
    }

    private Task<long> UploadChunksAsync() =>
        app.Get<Sift.Storage.IDocumentStore>().CountAsync(Sift.Storage.DocumentUploadStore.Collection, new Sift.Storage.DocumentQuery(), default);

    private static int Count(JsonElement run, string name) => run.GetProperty("output").GetProperty("counts").GetProperty(name).GetInt32();
}
