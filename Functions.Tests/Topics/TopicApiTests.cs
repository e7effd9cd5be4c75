using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Sift.Tests.Api;
using Sift.Tests.Infrastructure;

namespace Sift.Tests.Topics;

public sealed class TopicApiTests : IAsyncLifetime
{
    private static readonly string[] Keywords = ["deploy", " деплой ", "DEPLOY", ""];
    private static readonly string[] RolledBack = ["rolled back"];
    private static readonly string[] Phrases = ["rolled back", "hotfix"];
    private static readonly string[] Invoice = ["invoice"];
    private readonly SiftApp app = new(settings: new Dictionary<string, string?> { ["Triggers:Enabled"] = "false" });

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await app.DisposeAsync();

    [Fact]
    public async Task TopicIsCreatedReadUpdatedAndDeleted()
    {
        using var created = await app.Api().PostAsJsonAsync("/api/topics",
            new { name = "Deploy & Infra", description = "Releases", keywords = Keywords, phrases = RolledBack });
        var topic = await created.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal("/api/topics/deploy-infra", created.Headers.Location?.OriginalString);
        Assert.Equal("deploy-infra", topic.GetProperty("id").GetString());
        Assert.Equal(["deploy", "деплой"], topic.GetProperty("keywords").EnumerateArray().Select(k => k.GetString()));

        using var patched = await app.Api().PatchAsJsonAsync("/api/topics/deploy-infra", new { phrases = Phrases });
        var updated = await patched.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(HttpStatusCode.OK, patched.StatusCode);
        Assert.Equal(["rolled back", "hotfix"], updated.GetProperty("phrases").EnumerateArray().Select(k => k.GetString()));
        Assert.Equal("Releases", updated.GetProperty("description").GetString());

        var listed = await app.Api().GetFromJsonAsync<JsonElement>("/api/topics");
        Assert.Equal(["deploy-infra"], listed.GetProperty("items").EnumerateArray().Select(t => t.GetProperty("id").GetString()));

        using var deleted = await app.Api().DeleteAsync("/api/topics/deploy-infra");
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        await Problems.AssertAsync(await app.Api().GetAsync("/api/topics/deploy-infra"), 404);
        await Problems.AssertAsync(await app.Api().DeleteAsync("/api/topics/deploy-infra"), 404);
    }

    [Fact]
    public async Task PatchThatChangesNothingKeepsUpdatedAt()
    {
        var topic = await (await app.Api().PostAsJsonAsync("/api/topics", new { id = "billing", name = "Billing", keywords = Invoice })).Content.ReadFromJsonAsync<JsonElement>();

        var same = await (await app.Api().PatchAsJsonAsync("/api/topics/billing", new { name = "Billing", keywords = Invoice })).Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(topic.GetProperty("updatedAt").GetString(), same.GetProperty("updatedAt").GetString());
    }

    [Fact]
    public async Task ATopicIdIsTakenOnce()
    {
        (await app.Api().PostAsJsonAsync("/api/topics", new { name = "Hiring" })).EnsureSuccessStatusCode();

        var problem = await Problems.AssertAsync(await app.Api().PostAsJsonAsync("/api/topics", new { name = "hiring!" }), 409);

        Assert.Contains("'hiring'", problem.Detail());
    }

    [Fact]
    public async Task ANameWithoutLatinLettersGetsAGeneratedId()
    {
        var topic = await (await app.Api().PostAsJsonAsync("/api/topics", new { name = "Найм" })).Content.ReadFromJsonAsync<JsonElement>();

        Assert.Matches("^[0-9a-f]{8}$", topic.GetProperty("id").GetString());
        Assert.Equal("Найм", topic.GetProperty("name").GetString());
    }

    [Theory]
    [InlineData("""{"keywords":["x"]}""", "name")]
    [InlineData("""{"name":" "}""", "name")]
    [InlineData("""{"name":"x","id":"Not A Slug"}""", "id")]
    [InlineData("""{"name":"x","id":"uncategorized"}""", "id")]
    [InlineData("""{"name":"x","keywords":[1]}""", "keywords")]
    [InlineData("""{"name":"x","colour":"red"}""", "colour")]
    public async Task InvalidTopicIs400NamingTheFieldAndStoresNothing(string body, string field)
    {
        var problem = await Problems.AssertAsync(await app.Api().PostAsync("/api/topics", Problems.Json(body)), 400);

        Assert.Contains(field, problem.GetRawText());
        Assert.Empty((await app.Api().GetFromJsonAsync<JsonElement>("/api/topics")).GetProperty("items").EnumerateArray());
    }

    [Fact]
    public async Task TooManyTermsIs400()
    {
        var keywords = Enumerable.Range(0, 51).Select(i => $"k{i}").ToArray();

        var problem = await Problems.AssertAsync(await app.Api().PostAsJsonAsync("/api/topics", new { name = "x", keywords }), 400);

        Assert.Contains("at most 50", problem.Detail());
    }

    [Fact]
    public async Task TheIdOfATopicCannotBePatched()
    {
        (await app.Api().PostAsJsonAsync("/api/topics", new { id = "ops", name = "Ops" })).EnsureSuccessStatusCode();

        await Problems.AssertAsync(await app.Api().PatchAsync("/api/topics/ops", Problems.Json("""{"id":"other"}""")), 400);
    }
}
