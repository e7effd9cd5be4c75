using System.Net.Http.Json;
using System.Text.Json;
using Sift.Analysis.Offline;
using Sift.Messages;
using Sift.Tests.Infrastructure;
using Sift.Tests.Knowledge;

namespace Sift.Tests.Llm;

/// <summary>
/// An embedding model that fails on every call (the fake answers 500): analysis falls back to the
/// offline embedder and says so, and a knowledge run, which needs no embedding, still completes
/// and counts the fallbacks in its output.
/// </summary>
public sealed class EmbeddingFallbackTests : IAsyncLifetime
{
    private FakeOpenAi model = null!;
    private SiftApp app = null!;

    public async Task InitializeAsync()
    {
        model = await FakeOpenAi.StartAsync();
        for (var i = 0; i < 400; i++)
        {
            model.ThenFail(500);
        }

        app = new SiftApp(settings: Conversation.Settings(new() { ["Llm:Agents:Embed"] = "embedder", ["Llm:Clients:MaxRetries"] = "0" }));
        (await app.Api().PostAsJsonAsync("/api/providers", new { id = "fake", type = "openai-compatible", baseUrl = model.V1Url, model = "emb-test", apiKey = LlmApps.OpenAiKey })).EnsureSuccessStatusCode();
        await app.CreateAgentAsync("embedder", "fake", "embed");
        await Conversation.SaveAsync(app);
    }

    public async Task DisposeAsync()
    {
        await app.DisposeAsync();
        await model.DisposeAsync();
    }

    [Fact]
    public async Task AFailingEmbeddingModelLeavesSignalEmbeddedOfflineAndTheAnalysisSaysSo()
    {
        var decision = await Eventually.ReturnsAsync(() => app.Get<MessageStore>().FindAsync(new ChatKey(Conversation.ChatId, null), 3, default), m => m?.Analysis is not null, "the decision analysed");

        using var response = await app.Api().GetFromJsonAsync<JsonDocument>($"/api/messages/{Conversation.ChatId}/3");
        var analysis = response!.RootElement.GetProperty("analysis");
        Assert.Equal(new HashingEmbedder().Version, analysis.GetProperty("embeddingVersion").GetString());
        Assert.Contains("offline embedder stood in", analysis.GetProperty("embeddingFallback").GetString(), StringComparison.Ordinal);
        Assert.True(decision!.Analysis!.IsSignal);
        Assert.Contains(model.Requests, r => r.Path.EndsWith("/embeddings", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AKnowledgeRunCompletesWhileTheEmbeddingModelFailsAndItsOutputSaysHowManyWereEmbeddedOffline()
    {
        var run = await Conversation.RunAsync(app);

        var output = run.GetProperty("output");
        Assert.True(output.GetProperty("atoms").GetInt32() > 0);
        Assert.True(output.GetProperty("embeddedOffline").GetInt64() > 0);
        Assert.Contains("offline embedder stood in", output.GetProperty("embeddingFallback").GetString(), StringComparison.Ordinal);
    }
}
