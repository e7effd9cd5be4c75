using System.Net;
using Sift.Llm;

namespace Sift.Tests.Llm;

public sealed class LlmHealthTests
{
    [Fact]
    public async Task AnOpenCircuitOfAConfiguredAgentsProviderMakesReady503NamingIt()
    {
        var circuits = new FakeCircuits();
        await using var app = LlmApps.Create(circuits, new Dictionary<string, string?> { ["Llm:Agents:Extract"] = "extractor" });
        await app.CreateOpenAiProviderAsync();
        await app.CreateAgentAsync("extractor", "openai", "extract");
        Assert.Equal(HttpStatusCode.OK, (await app.CreateClient().GetAsync("/api/health/ready")).StatusCode);

        circuits.Set("openai", CircuitState.Open);
        using var ready = await app.Api().GetAsync("/api/health/ready");
        var body = await DescriptionAsync(ready);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        Assert.Contains("provider 'openai' has an open circuit", body);
        Assert.Contains("extractor (extract)", body);
        Assert.Equal(HttpStatusCode.OK, (await app.CreateClient().GetAsync("/api/health")).StatusCode);
    }

    [Fact]
    public async Task AnOpenCircuitOfAProviderNoConfiguredAgentUsesKeepsReady200()
    {
        var circuits = new FakeCircuits();
        await using var app = LlmApps.Create(circuits);
        await app.CreateOpenAiProviderAsync();
        await app.CreateAgentAsync("extractor", "openai", "extract");

        circuits.Set("openai", CircuitState.Open);

        Assert.Equal(HttpStatusCode.OK, (await app.CreateClient().GetAsync("/api/health/ready")).StatusCode);
    }

    [Fact]
    public async Task ASettingNamingAMissingAgentMakesReady503NamingIt()
    {
        await using var app = LlmApps.Create(new FakeCircuits(), new Dictionary<string, string?> { ["Llm:Agents:Classify"] = "ghost" });

        using var ready = await app.Api().GetAsync("/api/health/ready");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        Assert.Contains("Llm:Agents:Classify names agent 'ghost'", await DescriptionAsync(ready));
    }

    private static async Task<string> DescriptionAsync(HttpResponseMessage ready) =>
        System.Text.Json.JsonDocument.Parse(await ready.Content.ReadAsStringAsync()).RootElement
            .GetProperty("checks").GetProperty("llm-providers").GetProperty("description").GetString()!;
}
