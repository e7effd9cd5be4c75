using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Sift.Llm;
using Sift.Storage;
using Sift.Tests.Api;
using Sift.Tests.Infrastructure;

namespace Sift.Tests.Llm;

public sealed class ProviderApiTests : IAsyncLifetime
{
    private readonly FakeCircuits circuits = new();
    private readonly SiftApp app;

    public ProviderApiTests() => app = LlmApps.Create(circuits);

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await app.DisposeAsync();

    [Fact]
    public async Task ProviderIsCreatedReadUpdatedAndDeleted()
    {
        using var created = await app.Api().PostAsJsonAsync("/api/providers",
            new { id = "azure", name = "Azure (West Europe)", type = "azure-openai", endpoint = "https://sift.openai.azure.com", chatDeployment = "chat", embeddingDeployment = "embedding" });
        var provider = await created.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal("/api/providers/azure", created.Headers.Location?.OriginalString);
        Assert.Equal("azure-openai", provider.GetProperty("type").GetString());
        Assert.Equal("managedIdentity", provider.GetProperty("authentication").GetString());
        Assert.Equal(60, provider.GetProperty("timeoutSeconds").GetInt32());
        Assert.Equal(4, provider.GetProperty("maxConcurrency").GetInt32());
        Assert.Equal("closed", provider.GetProperty("circuit").GetString());

        using var patched = await app.Api().PatchAsJsonAsync("/api/providers/azure", new { timeoutSeconds = 120, clientId = "8c0c3b8e-6a55-4d51-9a5c-1f2e3d4c5b6a" });
        var updated = await patched.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(HttpStatusCode.OK, patched.StatusCode);
        Assert.Equal(120, updated.GetProperty("timeoutSeconds").GetInt32());
        Assert.Equal("chat", updated.GetProperty("chatDeployment").GetString());

        var listed = await app.Api().GetFromJsonAsync<JsonElement>("/api/providers");
        Assert.Equal(["azure"], listed.GetProperty("items").EnumerateArray().Select(p => p.GetProperty("id").GetString()));

        using var deleted = await app.Api().DeleteAsync("/api/providers/azure");
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        await Problems.AssertAsync(await app.Api().GetAsync("/api/providers/azure"), 404);
        await Problems.AssertAsync(await app.Api().DeleteAsync("/api/providers/azure"), 404);
    }

    [Fact]
    public async Task TheKeyIsWriteOnlyStoredEncryptedAndShownMasked()
    {
        using var created = await app.Api().PostAsJsonAsync("/api/providers",
            new { id = "azure", type = "azure-openai", endpoint = "https://sift.openai.azure.com", chatDeployment = "chat", authentication = "apiKey", apiKey = LlmApps.AzureKey });
        var body = await created.Content.ReadAsStringAsync();
        var listed = await app.Api().GetStringAsync("/api/providers");
        var read = await app.Api().GetStringAsync("/api/providers/azure");
        using var patched = await app.Api().PatchAsJsonAsync("/api/providers/azure", new { name = "Renamed" });
        var stored = await app.Get<IDocumentStore>().GetAsync<JsonElement>(ProviderCatalog.Collection, ProviderCatalog.Partition, "azure", CancellationToken.None);

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.All([body, listed, read, await patched.Content.ReadAsStringAsync()], text => Assert.DoesNotContain(LlmApps.AzureKey, text, StringComparison.Ordinal));
        Assert.DoesNotContain(LlmApps.AzureKey, stored!.Value.GetRawText(), StringComparison.Ordinal);
        Assert.StartsWith("v2:", stored.Value.GetProperty("protectedApiKey").GetString());
        Assert.Equal($"{LlmApps.AzureKey[..4]}…{LlmApps.AzureKey[^4..]}", JsonDocument.Parse(read).RootElement.GetProperty("apiKeyMasked").GetString());
        Assert.DoesNotContain(app.Logs, line => line.Contains(LlmApps.AzureKey, StringComparison.Ordinal));
    }

    [Fact]
    public async Task APatchReplacesTheKeyAndAnEmptyStringRemovesIt()
    {
        await app.CreateOpenAiProviderAsync();
        const string newKey = "sk-replaced-abcdefghijklmnopqrstuvwxyz0123";

        var replaced = await (await app.Api().PatchAsJsonAsync("/api/providers/openai", new { apiKey = newKey })).Content.ReadFromJsonAsync<JsonElement>();
        var removed = await (await app.Api().PatchAsJsonAsync("/api/providers/openai", new { apiKey = "" })).Content.ReadFromJsonAsync<JsonElement>();
        var stored = await app.Get<IDocumentStore>().GetAsync<ProviderDocument>(ProviderCatalog.Collection, ProviderCatalog.Partition, "openai", CancellationToken.None);

        Assert.Equal($"{newKey[..4]}…{newKey[^4..]}", replaced.GetProperty("apiKeyMasked").GetString());
        Assert.Equal(JsonValueKind.Null, removed.GetProperty("apiKeyMasked").ValueKind);
        Assert.Null(stored!.Value.ProtectedApiKey);
    }

    [Fact]
    public async Task APatchThatChangesNothingKeepsUpdatedAt()
    {
        await app.CreateOpenAiProviderAsync();
        var before = await app.Api().GetFromJsonAsync<JsonElement>("/api/providers/openai");

        var same = await (await app.Api().PatchAsJsonAsync("/api/providers/openai", new { model = "gpt-4o-mini", apiKey = LlmApps.OpenAiKey })).Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(before.GetProperty("updatedAt").GetString(), same.GetProperty("updatedAt").GetString());
    }

    [Fact]
    public async Task AProviderIdIsTakenOnce()
    {
        await app.CreateOpenAiProviderAsync();

        var problem = await Problems.AssertAsync(await app.Api().PostAsJsonAsync("/api/providers", new { id = "openai", type = "offline" }), 409);

        Assert.Contains("'openai'", problem.Detail());
    }

    [Fact]
    public async Task TheProviderShowsItsCircuitState()
    {
        await app.CreateOpenAiProviderAsync();
        circuits.Set("openai", CircuitState.Open);

        var provider = await app.Api().GetFromJsonAsync<JsonElement>("/api/providers/openai");

        Assert.Equal("open", provider.GetProperty("circuit").GetString());
    }

    [Fact]
    public async Task AProviderAnAgentUsesCannotBeDeleted()
    {
        await app.CreateOpenAiProviderAsync();
        await app.CreateAgentAsync("extractor", "openai", "extract");
        await app.CreateAgentAsync("classifier", "openai", "classify");

        var problem = await Problems.AssertAsync(await app.Api().DeleteAsync("/api/providers/openai"), 409);

        Assert.Contains("'extractor'", problem.Detail());
        Assert.Contains("'classifier'", problem.Detail());
        Assert.Equal(HttpStatusCode.OK, (await app.Api().GetAsync("/api/providers/openai")).StatusCode);
    }

    [Theory]
    [InlineData("""{"type":"offline"}""", "id")]
    [InlineData("""{"id":"Not An Id","type":"offline"}""", "id")]
    [InlineData("""{"id":"p"}""", "type")]
    [InlineData("""{"id":"p","type":"anthropic"}""", "type")]
    [InlineData("""{"id":"p","type":"azure-openai","chatDeployment":"chat"}""", "endpoint")]
    [InlineData("""{"id":"p","type":"azure-openai","endpoint":"http://sift.openai.azure.com","chatDeployment":"chat"}""", "endpoint")]
    [InlineData("""{"id":"p","type":"azure-openai","endpoint":"https://sift.openai.azure.com"}""", "chatDeployment")]
    [InlineData("""{"id":"p","type":"azure-openai","endpoint":"https://collector.example.com","chatDeployment":"chat"}""", "endpoint")]
    [InlineData("""{"id":"p","type":"azure-openai","endpoint":"https://openai.azure.com.example.com","chatDeployment":"chat"}""", "endpoint")]
    [InlineData("""{"id":"p","type":"azure-openai","endpoint":"https://.openai.azure.com","chatDeployment":"chat"}""", "endpoint")]
    [InlineData("""{"id":"p","type":"azure-openai","endpoint":"https://sift.openai.azure.com","chatDeployment":"chat","authentication":"apiKey"}""", "apiKey")]
    [InlineData("""{"id":"p","type":"azure-openai","endpoint":"https://sift.openai.azure.com","chatDeployment":"chat","authentication":"password"}""", "authentication")]
    [InlineData("""{"id":"p","type":"azure-openai","endpoint":"https://sift.openai.azure.com","chatDeployment":"chat","apiKey":"k-123456789"}""", "apiKey")]
    [InlineData("""{"id":"p","type":"azure-openai","endpoint":"https://sift.openai.azure.com","chatDeployment":"chat","clientId":"not-a-guid"}""", "clientId")]
    [InlineData("""{"id":"p","type":"openai-compatible","model":"m"}""", "baseUrl")]
    [InlineData("""{"id":"p","type":"openai-compatible","baseUrl":"ftp://models.local","model":"m"}""", "baseUrl")]
    [InlineData("""{"id":"p","type":"openai-compatible","baseUrl":"https://user:pass@models.local/v1","model":"m"}""", "baseUrl")]
    [InlineData("""{"id":"p","type":"openai-compatible","baseUrl":"http://localhost:11434/v1"}""", "model")]
    [InlineData("""{"id":"p","type":"openai-compatible","baseUrl":"http://localhost:11434/v1","model":"m","endpoint":"https://x"}""", "endpoint")]
    [InlineData("""{"id":"p","type":"offline","model":"m"}""", "model")]
    [InlineData("""{"id":"p","type":"offline","timeoutSeconds":0}""", "timeoutSeconds")]
    [InlineData("""{"id":"p","type":"offline","timeoutSeconds":601}""", "timeoutSeconds")]
    [InlineData("""{"id":"p","type":"offline","maxConcurrency":65}""", "maxConcurrency")]
    [InlineData("""{"id":"p","type":"offline","maxConcurrency":"4"}""", "maxConcurrency")]
    [InlineData("""{"id":"p","type":"offline","colour":"red"}""", "colour")]
    public async Task InvalidProviderIs400NamingTheFieldAndStoresNothing(string body, string field)
    {
        var problem = await Problems.AssertAsync(await app.Api().PostAsync("/api/providers", Problems.Json(body)), 400);

        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.GetRawText());
        Assert.Empty((await app.Api().GetFromJsonAsync<JsonElement>("/api/providers")).GetProperty("items").EnumerateArray());
    }

    [Fact]
    public async Task AnInvalidKeyIsRefusedWithoutEchoingIt()
    {
        const string badKey = "sk secret with spaces 0123456789";

        var problem = await Problems.AssertAsync(await app.Api().PostAsJsonAsync("/api/providers",
            new { id = "p", type = "openai-compatible", baseUrl = "https://api.openai.example/v1", model = "m", apiKey = badKey }), 400);

        Assert.True(problem.GetProperty("errors").TryGetProperty("apiKey", out _));
        Assert.DoesNotContain(badKey, problem.GetRawText(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"id":"other"}""")]
    [InlineData("""{"type":"offline"}""")]
    public async Task TheIdAndTypeOfAProviderCannotBePatched(string body)
    {
        await app.CreateOpenAiProviderAsync();

        var problem = await Problems.AssertAsync(await app.Api().PatchAsync("/api/providers/openai", Problems.Json(body)), 400);

        Assert.Contains("cannot be changed", problem.Detail());
    }

    [Fact]
    public async Task SwitchingToTheManagedIdentityDropsTheKey()
    {
        using var created = await app.Api().PostAsJsonAsync("/api/providers",
            new { id = "azure", type = "azure-openai", endpoint = "https://sift.openai.azure.com", chatDeployment = "chat", authentication = "apiKey", apiKey = LlmApps.AzureKey });
        created.EnsureSuccessStatusCode();

        var updated = await (await app.Api().PatchAsJsonAsync("/api/providers/azure", new { authentication = "managedIdentity" })).Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal("managedIdentity", updated.GetProperty("authentication").GetString());
        Assert.Equal(JsonValueKind.Null, updated.GetProperty("apiKeyMasked").ValueKind);
    }

    [Fact]
    public async Task ANewBaseUrlOnAnotherHostNeedsTheKeyAgain()
    {
        await app.CreateOpenAiProviderAsync();

        var problem = await Problems.AssertAsync(await app.Api().PatchAsJsonAsync("/api/providers/openai", new { baseUrl = "http://collector.example:8080/v1" }), 400);
        var stored = await app.Get<IDocumentStore>().GetAsync<ProviderDocument>(ProviderCatalog.Collection, ProviderCatalog.Partition, "openai", CancellationToken.None);

        Assert.Contains("sent again", problem.GetProperty("errors").GetProperty("apiKey")[0].GetString());
        Assert.Equal("https://api.openai.example/v1", stored!.Value.BaseUrl);
    }

    [Theory]
    [InlineData("""{"baseUrl":"https://api.openai.example/v2"}""", "sk-t…stuv")]
    [InlineData("""{"baseUrl":"http://collector.example/v1","apiKey":"sk-collector-0123456789"}""", "sk-c…6789")]
    [InlineData("""{"baseUrl":"http://localhost:11434/v1","apiKey":""}""", null)]
    public async Task AKeyStaysWithItsHostOrIsSentWithTheNewOne(string patch, string? masked)
    {
        await app.CreateOpenAiProviderAsync();

        using var response = await app.Api().PatchAsync("/api/providers/openai", Problems.Json(patch));
        var updated = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(masked, updated.GetProperty("apiKeyMasked").GetString());
    }

    [Fact]
    public async Task AnAzureProviderCannotMoveItsKeyToAnotherResourceUnsent()
    {
        using var created = await app.Api().PostAsJsonAsync("/api/providers",
            new { id = "azure", type = "azure-openai", endpoint = "https://sift.openai.azure.com", chatDeployment = "chat", authentication = "apiKey", apiKey = LlmApps.AzureKey });
        created.EnsureSuccessStatusCode();

        var problem = await Problems.AssertAsync(await app.Api().PatchAsJsonAsync("/api/providers/azure", new { endpoint = "https://other.openai.azure.com" }), 400);

        Assert.True(problem.GetProperty("errors").TryGetProperty("apiKey", out _));
    }
}
