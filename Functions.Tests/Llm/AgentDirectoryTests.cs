using System.Net.Http.Json;
using Sift.Llm;
using Sift.Tests.Infrastructure;

namespace Sift.Tests.Llm;

public sealed class AgentDirectoryTests
{
    private readonly ManualClock clock = new(DateTimeOffset.Parse("2026-03-02T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture));

    [Fact]
    public async Task EveryPurposeIsOfflineByDefault()
    {
        await using var app = LlmApps.Create(new FakeCircuits());
        var directory = app.Get<IAgentDirectory>();

        foreach (var purpose in Enum.GetValues<AgentPurpose>())
        {
            Assert.Null(await directory.ResolveAsync(purpose, CancellationToken.None));
        }
    }

    [Fact]
    public async Task AConfiguredAgentResolvesToItsProviderWithTheKeyDecryptedAndAVersion()
    {
        await using var app = LlmApps.Create(new FakeCircuits(), new Dictionary<string, string?> { ["Llm:Agents:Extract"] = "extractor" }, clock);
        await app.CreateOpenAiProviderAsync();
        (await app.Api().PostAsJsonAsync("/api/agents", new { id = "extractor", providerId = "openai", purpose = "extract", temperature = 0.1, maxOutputTokens = 1500 })).EnsureSuccessStatusCode();

        var target = await app.Get<IAgentDirectory>().ResolveAsync(AgentPurpose.Extract, CancellationToken.None);

        Assert.NotNull(target);
        Assert.Equal(("openai", ProviderType.OpenAiCompatible, "https://api.openai.example/v1", "gpt-4o-mini"), (target.ProviderId, target.Type, target.Endpoint.OriginalString, target.Model));
        Assert.Equal(LlmApps.OpenAiKey, target.ApiKey);
        Assert.Equal(("extractor", 0.1, 1500), (target.AgentId, target.Temperature, target.MaxOutputTokens));
        Assert.Equal((TimeSpan.FromSeconds(60), 4), (target.Timeout, target.MaxConcurrency));
        Assert.Equal($"extractor:gpt-4o-mini:{clock.GetUtcNow().UtcTicks}", target.Version);
        Assert.Null(await app.Get<IAgentDirectory>().ResolveAsync(AgentPurpose.Classify, CancellationToken.None));
    }

    [Fact]
    public async Task AnAzureAgentDefaultsToTheDeploymentOfItsPurposeAndSignsInWithTheIdentity()
    {
        await using var app = LlmApps.Create(new FakeCircuits(), new Dictionary<string, string?> { ["Llm:Agents:Embed"] = "embedder" });
        (await app.Api().PostAsJsonAsync("/api/providers", new
        {
            id = "azure", type = "azure-openai", endpoint = "https://sift.openai.azure.com", chatDeployment = "chat", embeddingDeployment = "embedding",
            clientId = "8c0c3b8e-6a55-4d51-9a5c-1f2e3d4c5b6a", timeoutSeconds = 30, maxConcurrency = 8,
        })).EnsureSuccessStatusCode();
        await app.CreateAgentAsync("embedder", "azure", "embed");

        var target = await app.Get<IAgentDirectory>().ResolveAsync(AgentPurpose.Embed, CancellationToken.None);

        Assert.Equal(("embedding", "https://sift.openai.azure.com/"), (target!.Model, target.Endpoint.ToString()));
        Assert.Null(target.ApiKey);
        Assert.Equal("8c0c3b8e-6a55-4d51-9a5c-1f2e3d4c5b6a", target.ClientId);
        Assert.Equal((TimeSpan.FromSeconds(30), 8), (target.Timeout, target.MaxConcurrency));
    }

    [Fact]
    public async Task EditingTheAgentChangesTheVersionAtOnce()
    {
        await using var app = LlmApps.Create(new FakeCircuits(), new Dictionary<string, string?> { ["Llm:Agents:Classify"] = "classifier" }, clock);
        await app.CreateOpenAiProviderAsync();
        await app.CreateAgentAsync("classifier", "openai", "classify");
        var directory = app.Get<IAgentDirectory>();
        var before = await directory.ResolveAsync(AgentPurpose.Classify, CancellationToken.None);

        clock.Advance(TimeSpan.FromMinutes(1));
        (await app.Api().PatchAsJsonAsync("/api/agents/classifier", new { model = "gpt-4.1-mini" })).EnsureSuccessStatusCode();
        var after = await directory.ResolveAsync(AgentPurpose.Classify, CancellationToken.None);

        Assert.NotEqual(before!.Version, after!.Version);
        Assert.StartsWith("classifier:gpt-4.1-mini:", after.Version);
    }

    [Fact]
    public async Task ASettingNamingAMissingAgentThrowsModelUnavailable()
    {
        await using var app = LlmApps.Create(new FakeCircuits(), new Dictionary<string, string?> { ["Llm:Agents:Extract"] = "ghost" });

        var error = await Assert.ThrowsAsync<ModelUnavailableException>(() => app.Get<IAgentDirectory>().ResolveAsync(AgentPurpose.Extract, CancellationToken.None));

        Assert.Contains("Llm:Agents:Extract names agent 'ghost', which does not exist", error.Message);
    }

    [Fact]
    public async Task ASettingNamingAnAgentOfAnotherPurposeThrowsModelUnavailable()
    {
        await using var app = LlmApps.Create(new FakeCircuits(), new Dictionary<string, string?> { ["Llm:Agents:Embed"] = "extractor" });
        await app.CreateOpenAiProviderAsync();
        await app.CreateAgentAsync("extractor", "openai", "extract");

        var error = await Assert.ThrowsAsync<ModelUnavailableException>(() => app.Get<IAgentDirectory>().ResolveAsync(AgentPurpose.Embed, CancellationToken.None));

        Assert.Contains("for extract, not embed", error.Message);
    }

    [Fact]
    public async Task AnAgentOfAnOfflineProviderResolvesToTheOfflineAnalyzer()
    {
        await using var app = LlmApps.Create(new FakeCircuits(), new Dictionary<string, string?> { ["Llm:Agents:Classify"] = "local" });
        (await app.Api().PostAsJsonAsync("/api/providers", new { id = "offline", type = "offline" })).EnsureSuccessStatusCode();
        await app.CreateAgentAsync("local", "offline", "classify");

        Assert.Null(await app.Get<IAgentDirectory>().ResolveAsync(AgentPurpose.Classify, CancellationToken.None));
    }

    /// <summary>Runs the real executable, as SettingsValidationTests does: exit code 1 and one line naming the setting.</summary>
    [Theory]
    [InlineData("Llm:Agents:Extract", "Not An Id")]
    [InlineData("Llm:Agents:Embed", "agent/1")]
    public async Task AnAgentSettingThatIsNoIdStopsStartUpNamingIt(string setting, string value)
    {
        using var data = new TempDirectory();

        var (exitCode, _, error) = await SiftProcess.RunToExitAsync([$"--Storage:Path={data.Path}", $"--{setting}={value}"]);

        Assert.Equal(1, exitCode);
        Assert.Contains(setting, Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)), StringComparison.Ordinal);
    }
}
