using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Sift.Tests.Infrastructure;

namespace Sift.Tests.Ingestion;

public sealed class SourceApiTests : IAsyncLifetime
{
    private readonly SiftApp app = new(settings: new Dictionary<string, string?> { ["Triggers:Enabled"] = "false" });

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await app.DisposeAsync();

    [Fact]
    public async Task AFeedSourceIsCreatedWithItsChatAndDefaults()
    {
        using var response = await app.Api().PostAsJsonAsync("/api/sources", new { type = "feed", name = "Blog", url = "https://example.com/feed.xml" });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var source = await response.Content.ReadFromJsonAsync<JsonElement>();
        var id = source.GetProperty("id").GetString();
        Assert.Equal($"/api/sources/{id}", response.Headers.Location?.OriginalString);
        Assert.Equal("feed", source.GetProperty("type").GetString());
        Assert.True(long.Parse(source.GetProperty("chatId").GetString()!, System.Globalization.CultureInfo.InvariantCulture) < -1_000_000_000_000_000);
        Assert.Equal(15, source.GetProperty("intervalMinutes").GetInt32());
        Assert.True(source.GetProperty("enabled").GetBoolean());
        Assert.Equal($"ingest-{id}", source.GetProperty("instanceId").GetString());
        Assert.Equal(JsonValueKind.Null, source.GetProperty("lastRun").ValueKind);
    }

    [Fact]
    public async Task APatchThatChangesNothingKeepsUpdatedAt()
    {
        using var created = await app.Api().PostAsJsonAsync("/api/sources", new { type = "feed", name = "Blog", url = "https://example.com/feed.xml" });
        var source = await created.Content.ReadFromJsonAsync<JsonElement>();

        using var patched = await app.Api().PatchAsJsonAsync($"/api/sources/{source.GetProperty("id").GetString()}",
            new { name = "Blog", url = "https://example.com/feed.xml", enabled = true, intervalMinutes = 15 });

        Assert.Equal(HttpStatusCode.OK, patched.StatusCode);
        Assert.Equal(source.GetProperty("updatedAt").GetString(), (await patched.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("updatedAt").GetString());
    }

    [Fact]
    public async Task SourcesCanBeListedChangedAndDeleted()
    {
        var id = await CreateAsync(new { type = "telegram-export", name = "Backfill" });

        using var patched = await app.Api().PatchAsJsonAsync($"/api/sources/{id}", new { name = "Backfill 2024", enabled = false, intervalMinutes = 30 });
        var list = await app.Api().GetFromJsonAsync<JsonElement>("/api/sources");
        using var deleted = await app.Api().DeleteAsync($"/api/sources/{id}");

        Assert.Equal(HttpStatusCode.OK, patched.StatusCode);
        var source = await patched.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(("Backfill 2024", false, 30), (source.GetProperty("name").GetString(), source.GetProperty("enabled").GetBoolean(), source.GetProperty("intervalMinutes").GetInt32()));
        Assert.Single(list.GetProperty("items").EnumerateArray());
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await app.Api().GetAsync($"/api/sources/{id}")).StatusCode);
    }

    [Theory]
    [InlineData("""{"type": "rss", "name": "x", "url": "https://example.com"}""", "type")]
    [InlineData("""{"type": "feed", "name": "x"}""", "url")]
    [InlineData("""{"type": "feed", "name": "x", "url": "ftp://example.com/feed"}""", "url")]
    [InlineData("""{"type": "feed", "name": "", "url": "https://example.com"}""", "name")]
    [InlineData("""{"type": "feed", "name": "x", "url": "https://example.com", "intervalMinutes": 0}""", "intervalMinutes")]
    [InlineData("""{"type": "telegram-polling", "name": "x"}""", "botId")]
    [InlineData("""{"type": "telegram-polling", "name": "x", "botId": 42}""", "botId")]
    [InlineData("""{"type": "telegram-export", "name": "x", "url": "https://example.com"}""", "url")]
    [InlineData("""{"type": "feed", "name": "x", "url": "https://example.com", "enabled": "yes"}""", null)]
    public async Task InvalidSourcesAreRejectedNamingTheField(string body, string? field)
    {
        using var response = await app.Api().PostAsync("/api/sources", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        if (field is not null)
        {
            Assert.True((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty(field, out _));
        }

        Assert.Empty((await app.Api().GetFromJsonAsync<JsonElement>("/api/sources")).GetProperty("items").EnumerateArray());
    }

    [Fact]
    public async Task InvalidChangeIsRejectedAndChangesNothing()
    {
        var id = await CreateAsync(new { type = "feed", name = "Blog", url = "https://example.com/feed.xml" });

        using var response = await app.Api().PatchAsJsonAsync($"/api/sources/{id}", new { url = "not a url", name = "Renamed" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("Blog", (await app.Api().GetFromJsonAsync<JsonElement>($"/api/sources/{id}")).GetProperty("name").GetString());
    }

    [Fact]
    public async Task UnknownSourceIs404Everywhere()
    {
        Assert.Equal(HttpStatusCode.NotFound, (await app.Api().GetAsync("/api/sources/nope")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await app.Api().PostAsync("/api/sources/nope/run", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await app.Api().PatchAsJsonAsync("/api/sources/nope", new { name = "x" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await app.Api().DeleteAsync("/api/sources/nope")).StatusCode);
    }

    [Fact]
    public async Task OnlyExportSourcesTakeUploads()
    {
        var id = await CreateAsync(new { type = "feed", name = "Blog", url = "https://example.com/feed.xml" });

        using var response = await app.Api().PostAsync($"/api/sources/{id}/upload", new StringContent("{}"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    private async Task<string> CreateAsync(object request)
    {
        using var response = await app.Api().PostAsJsonAsync("/api/sources", request);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
    }
}
