using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Sift.Tests.Api;
using Sift.Tests.Infrastructure;

namespace Sift.Tests.Llm;

public sealed class AgentApiTests : IAsyncLifetime
{
    private readonly ManualClock clock = new(DateTimeOffset.Parse("2026-03-02T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
    private readonly SiftApp app;

    public AgentApiTests() => app = LlmApps.Create(new FakeCircuits(), clock: clock);

    public async Task InitializeAsync() => await app.CreateOpenAiProviderAsync();

    public async Task DisposeAsync() => await app.DisposeAsync();

    [Fact]
    public async Task AgentIsCreatedReadUpdatedAndDeleted()
    {
        using var created = await app.Api().PostAsJsonAsync("/api/agents",
            new { id = "extractor", name = "Knowledge extractor", providerId = "openai", purpose = "extract", temperature = 0.2, maxOutputTokens = 2000 });
        var agent = await created.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal("/api/agents/extractor", created.Headers.Location?.OriginalString);
        Assert.Equal("extract", agent.GetProperty("purpose").GetString());
        Assert.Equal(JsonValueKind.Null, agent.GetProperty("model").ValueKind);

        clock.Advance(TimeSpan.FromMinutes(1));
        using var patched = await app.Api().PatchAsJsonAsync("/api/agents/extractor", new { model = "gpt-4.1", temperature = 0.0 });
        var updated = await patched.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(HttpStatusCode.OK, patched.StatusCode);
        Assert.Equal("gpt-4.1", updated.GetProperty("model").GetString());
        Assert.Equal(0.0, updated.GetProperty("temperature").GetDouble());
        Assert.Equal(2000, updated.GetProperty("maxOutputTokens").GetInt32());
        Assert.Equal("2026-03-02T10:01:00.000Z", updated.GetProperty("updatedAt").GetString());

        var listed = await app.Api().GetFromJsonAsync<JsonElement>("/api/agents");
        Assert.Equal(["extractor"], listed.GetProperty("items").EnumerateArray().Select(a => a.GetProperty("id").GetString()));

        using var deleted = await app.Api().DeleteAsync("/api/agents/extractor");
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        await Problems.AssertAsync(await app.Api().GetAsync("/api/agents/extractor"), 404);
        Assert.Equal(HttpStatusCode.NoContent, (await app.Api().DeleteAsync("/api/providers/openai")).StatusCode);
    }

    [Fact]
    public async Task AnAgentIdIsTakenOnce()
    {
        await app.CreateAgentAsync("embedder", "openai", "embed", "text-embedding-3-small");

        var problem = await Problems.AssertAsync(await app.Api().PostAsJsonAsync("/api/agents", new { id = "embedder", providerId = "openai", purpose = "classify" }), 409);

        Assert.Contains("'embedder'", problem.Detail());
    }

    [Theory]
    [InlineData("""{"providerId":"openai","purpose":"extract"}""", "id")]
    [InlineData("""{"id":"offline","providerId":"openai","purpose":"extract"}""", "id")]
    [InlineData("""{"id":"a","purpose":"extract"}""", "providerId")]
    [InlineData("""{"id":"a","providerId":"missing","purpose":"extract"}""", "providerId")]
    [InlineData("""{"id":"a","providerId":"openai"}""", "purpose")]
    [InlineData("""{"id":"a","providerId":"openai","purpose":"summarize"}""", "purpose")]
    [InlineData("""{"id":"a","providerId":"openai","purpose":"extract","temperature":2.5}""", "temperature")]
    [InlineData("""{"id":"a","providerId":"openai","purpose":"extract","temperature":-0.1}""", "temperature")]
    [InlineData("""{"id":"a","providerId":"openai","purpose":"extract","maxOutputTokens":0}""", "maxOutputTokens")]
    [InlineData("""{"id":"a","providerId":"openai","purpose":"extract","maxOutputTokens":32769}""", "maxOutputTokens")]
    [InlineData("""{"id":"a","providerId":"openai","purpose":"embed","temperature":0.5}""", "temperature")]
    [InlineData("""{"id":"a","providerId":"openai","purpose":"extract","topP":1}""", "topP")]
    public async Task InvalidAgentIs400NamingTheFieldAndStoresNothing(string body, string field)
    {
        var problem = await Problems.AssertAsync(await app.Api().PostAsync("/api/agents", Problems.Json(body)), 400);

        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.GetRawText());
        Assert.Empty((await app.Api().GetFromJsonAsync<JsonElement>("/api/agents")).GetProperty("items").EnumerateArray());
    }

    [Fact]
    public async Task AnAzureAgentWithoutAModelNeedsTheProvidersDeploymentForItsPurpose()
    {
        (await app.Api().PostAsJsonAsync("/api/providers", new { id = "azure", type = "azure-openai", endpoint = "https://sift.openai.azure.com", chatDeployment = "chat" })).EnsureSuccessStatusCode();

        using var chat = await app.Api().PostAsJsonAsync("/api/agents", new { id = "classifier", providerId = "azure", purpose = "classify" });
        var problem = await Problems.AssertAsync(await app.Api().PostAsJsonAsync("/api/agents", new { id = "embedder", providerId = "azure", purpose = "embed" }), 400);

        Assert.Equal(HttpStatusCode.Created, chat.StatusCode);
        Assert.Contains("embeddingDeployment", problem.GetProperty("errors").GetProperty("model")[0].GetString());
    }

    [Theory]
    [InlineData("""{"id":"other"}""")]
    [InlineData("""{"purpose":"embed"}""")]
    public async Task TheIdAndPurposeOfAnAgentCannotBePatched(string body)
    {
        await app.CreateAgentAsync("extractor", "openai", "extract");

        var problem = await Problems.AssertAsync(await app.Api().PatchAsync("/api/agents/extractor", Problems.Json(body)), 400);

        Assert.Contains("cannot be changed", problem.Detail());
    }

    [Fact]
    public async Task AnAgentCannotMoveToAProviderThatDoesNotExist()
    {
        await app.CreateAgentAsync("extractor", "openai", "extract");

        var problem = await Problems.AssertAsync(await app.Api().PatchAsJsonAsync("/api/agents/extractor", new { providerId = "missing" }), 400);

        Assert.True(problem.GetProperty("errors").TryGetProperty("providerId", out _));
    }
}
