using System.Net.Http.Json;
using System.Text.Json;
using Sift.Analysis.Scoring;
using Sift.Messages;
using Sift.Orchestration;
using Sift.Tests.Infrastructure;
using Sift.Tests.Knowledge;

namespace Sift.Tests.Llm;

/// <summary>
/// Sift with agents for every purpose on an OpenAI-compatible endpoint (the fake): messages are
/// analysed and knowledge extracted by the model through the real client, only signal messages
/// reach it, personal data never leaves and comes back in the atoms, and every call is accounted.
/// The endpoint answers embeddings as float arrays, as Ollama and LM Studio do.
/// </summary>
public sealed class ModelPipelineTests : IAsyncLifetime
{
    private const string Email = "anna.k@example.com";
    private const string Phone = "+44 20 7946 0958";
    private const long PrivateId = 30;
    private FakeOpenAi model = null!;
    private SiftApp app = null!;

    public async Task InitializeAsync()
    {
        model = await FakeOpenAi.StartAsync();
        model.Respond = FakeModelAnswers.Respond;
        // As Ollama and LM Studio answer, whatever encoding_format says.
        model.FloatArraysAlways = true;
        app = new SiftApp(settings: Conversation.Settings(new()
        {
            ["Llm:Agents:Classify"] = "classifier",
            ["Llm:Agents:Extract"] = "extractor",
            ["Llm:Agents:Embed"] = "embedder",
            ["Analysis:ConcurrentBatches"] = "2",
        }));
        (await app.Api().PostAsJsonAsync("/api/providers", new { id = "fake", type = "openai-compatible", baseUrl = model.V1Url, model = "gpt-test", apiKey = LlmApps.OpenAiKey })).EnsureSuccessStatusCode();
        await app.CreateAgentAsync("classifier", "fake", "classify");
        await app.CreateAgentAsync("extractor", "fake", "extract");
        await app.CreateAgentAsync("embedder", "fake", "embed", model: "text-embedding-test");
        await Conversation.SaveAsync(app);
        await app.Get<MessageStore>().SaveAsync(Conversation.Message(Conversation.ChatId, PrivateId, "carol", null,
            $"We decided that the vendor invoices go to {Email}, questions to {Phone}."), default);
        await Eventually.ReturnsAsync(() => app.Get<MessageStore>().FindAsync(new ChatKey(Conversation.ChatId, null), PrivateId, default), m => m?.Analysis is not null, "the private message analysed");
    }

    public async Task DisposeAsync()
    {
        await app.DisposeAsync();
        await model.DisposeAsync();
    }

    [Fact]
    public async Task OnlySignalMessagesReachTheModelAndTheRestStayOffline()
    {
        var messages = await Conversation.AllAsync(app.Api(), $"/api/messages?chatId={Conversation.ChatId}&limit=200");
        var signal = messages.Where(m => m.GetProperty("analysis").GetProperty("class").GetString() is "signal" or "high_quality").ToList();

        // A message analysed twice at once (its own request and a reply's) may be classified twice; what matters is which texts reach the model.
        var signalTexts = signal.Select(m => m.GetProperty("text").GetString()!).ToHashSet();
        var classified = model.Requests.Where(r => r.Path.EndsWith("/chat/completions", StringComparison.Ordinal) && FakeModelAnswers.SchemaOf(r.Body) == "topics")
            .Select(r => FakeModelAnswers.UserPrompt(r.Body).Split("Message:\n")[1]).ToHashSet();
        var embedded = model.Requests.Where(r => r.Path.EndsWith("/embeddings", StringComparison.Ordinal)).Select(r => r.Body.GetProperty("input")[0].GetString()!).ToHashSet();
        Assert.Equal(signalTexts.Order(StringComparer.Ordinal), classified.Select(Unscrubbed).Order(StringComparer.Ordinal));
        Assert.Equal(signalTexts.Order(StringComparer.Ordinal), embedded.Select(Unscrubbed).Order(StringComparer.Ordinal));
        Assert.True(messages.Count - signal.Count >= 5);
        Assert.All(signal, m => Assert.StartsWith($"{SignalScorer.Version}+classifier:", m.GetProperty("analysis").GetProperty("analyzerVersion").GetString(), StringComparison.Ordinal));
        Assert.All(messages.Except(signal), m => Assert.EndsWith("+offline-topics-1", m.GetProperty("analysis").GetProperty("analyzerVersion").GetString(), StringComparison.Ordinal));
        var rotation = messages.Single(m => m.GetProperty("messageId").GetInt64() == 5);
        Assert.Equal("security", rotation.GetProperty("analysis").GetProperty("topics")[0].GetProperty("id").GetString());
    }

    /// <summary>The one signal text with personal data went out scrubbed.</summary>
    private static string Unscrubbed(string sent) => sent.Replace("[EMAIL_1]", Email, StringComparison.Ordinal).Replace("[PHONE_1]", Phone, StringComparison.Ordinal);

    [Fact]
    public async Task ARunExtractsWithTheModelAndPersonalDataNeverLeavesButComesBackInTheAtoms()
    {
        var run = await Conversation.RunAsync(app);

        var output = run.GetProperty("output");
        Assert.True(output.GetProperty("tokensUsed").GetInt64() > 0);
        Assert.Equal(output.GetProperty("batches").GetInt32(), output.GetProperty("batchesExtracted").GetInt32());
        var atoms = await Conversation.AllAsync(app.Api(), $"/api/atoms?chatId={Conversation.ChatId}");
        var vendor = Assert.Single(atoms, a => a.GetProperty("sourceMessageIds")[0].GetInt64() == PrivateId);
        Assert.Equal("decision", vendor.GetProperty("kind").GetString());
        Assert.Contains(Email, vendor.GetProperty("content").GetString(), StringComparison.Ordinal);
        Assert.Contains(Phone, vendor.GetProperty("content").GetString(), StringComparison.Ordinal);
        var sent = string.Join('\n', model.Requests.Select(r => r.Body.GetRawText()));
        Assert.DoesNotContain(Email, sent, StringComparison.Ordinal);
        Assert.DoesNotContain("7946", sent, StringComparison.Ordinal);
        Assert.Contains("[EMAIL_1]", sent, StringComparison.Ordinal);
        Assert.DoesNotContain(app.Logs, line => line.Contains(Email, StringComparison.Ordinal) || line.Contains(LlmApps.OpenAiKey, StringComparison.Ordinal));
    }

    [Fact]
    public async Task EveryCallIsAccountedPerRunAgentAndDay()
    {
        var run = await Conversation.RunAsync(app);
        var extractions = model.Requests.Count(r => r.Path.EndsWith("/chat/completions", StringComparison.Ordinal) && FakeModelAnswers.SchemaOf(r.Body) == "knowledge");

        var perRun = await app.Api().GetFromJsonAsync<JsonElement>($"/api/usage?runId={Conversation.InstanceId()}");
        var today = await app.Api().GetFromJsonAsync<JsonElement>("/api/usage");

        Assert.Equal(extractions, perRun.GetProperty("total").GetProperty("calls").GetInt32());
        Assert.Equal(run.GetProperty("output").GetProperty("tokensUsed").GetInt64(), perRun.GetProperty("total").GetProperty("totalTokens").GetInt64());
        Assert.Equal(model.InputTokensSent + model.OutputTokensSent, today.GetProperty("total").GetProperty("totalTokens").GetInt64());
        Assert.Equal(["classifier", "embedder", "extractor"], today.GetProperty("agents").EnumerateArray().Select(a => a.GetProperty("agentId").GetString()).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task ABudgetSpentMidRunStopsTheFanOutAndTheOutputSaysSo()
    {
        using var start = await app.Api().PostAsJsonAsync("/api/analysis-runs", new { chatId = Conversation.ChatId, since = Conversation.Day, until = Conversation.Day.AddDays(1), tokenBudget = 1 });
        var run = await Conversation.WaitAsync(app, Conversation.InstanceId(), OrchestrationStatus.Completed);

        var output = run.GetProperty("output");
        Assert.True(output.GetProperty("budgetExhausted").GetBoolean());
        Assert.Equal(2, output.GetProperty("batchesExtracted").GetInt32()); // the first wave of two, then nothing more
        Assert.True(output.GetProperty("batches").GetInt32() > 2);
        Assert.Equal(2, model.Requests.Count(r => r.Path.EndsWith("/chat/completions", StringComparison.Ordinal) && FakeModelAnswers.SchemaOf(r.Body) == "knowledge"));
    }
}
