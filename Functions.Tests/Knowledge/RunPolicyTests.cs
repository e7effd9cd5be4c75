using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Sift.Analysis;
using Sift.Analysis.Offline;
using Sift.Llm;
using Sift.Orchestration;
using Sift.Tests.Infrastructure;

namespace Sift.Tests.Knowledge;

/// <summary>What a run does when the model refuses a batch (its error policy) and when its tokens run out (its budget).</summary>
public sealed class RunPolicyTests
{
    [Fact]
    public async Task UnderCollectABatchTheModelCannotAnswerIsListedAndTheRunCompletes()
    {
        var refusing = new CostlyExtractor(refuse: 1);
        await using var app = await AppAsync(refusing);

        var run = await Conversation.RunAsync(app);

        var output = run.GetProperty("output");
        var failed = Assert.Single(output.GetProperty("failedBatches").EnumerateArray());
        Assert.Equal(1, failed.GetProperty("index").GetInt32());
        Assert.Contains("does not fit the schema", failed.GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.Equal(output.GetProperty("batches").GetInt32(), output.GetProperty("batchesExtracted").GetInt32());
        Assert.True(output.GetProperty("atoms").GetInt32() > 0);
        Assert.Contains("1 could not be extracted", output.GetProperty("note").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnderFailFastABatchTheModelCannotAnswerFailsTheRunNamingIt()
    {
        await using var app = await AppAsync(new CostlyExtractor(refuse: 1));

        using var start = await app.Api().PostAsJsonAsync("/api/analysis-runs", new { chatId = Conversation.ChatId, since = Conversation.Day, until = Conversation.Day.AddDays(1), errorPolicy = "failFast" });
        var run = await Conversation.WaitAsync(app, Conversation.InstanceId(), OrchestrationStatus.Failed);

        Assert.Equal("Failed", run.GetProperty("status").GetString());
        Assert.StartsWith("Batch 1 could not be extracted", run.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Empty(await Conversation.AllAsync(app.Api(), $"/api/atoms?chatId={Conversation.ChatId}"));
    }

    [Fact]
    public async Task TheTokenBudgetStopsExtractionCleanlyAndTheOutputSaysSo()
    {
        var costly = new CostlyExtractor(refuse: -1);
        await using var app = await AppAsync(costly);

        using var start = await app.Api().PostAsJsonAsync("/api/analysis-runs", new { chatId = Conversation.ChatId, since = Conversation.Day, until = Conversation.Day.AddDays(1), tokenBudget = 150 });
        var run = await Conversation.WaitAsync(app, Conversation.InstanceId(), OrchestrationStatus.Completed);

        var output = run.GetProperty("output");
        Assert.Equal("Completed", run.GetProperty("status").GetString());
        Assert.True(output.GetProperty("budgetExhausted").GetBoolean());
        Assert.Equal(2, output.GetProperty("batchesExtracted").GetInt32()); // 100, then 100 more started below 150; none after
        Assert.True(output.GetProperty("batches").GetInt32() >= 3);
        Assert.Equal(200, output.GetProperty("tokensUsed").GetInt64());
        Assert.Equal(2, costly.Calls);
        Assert.Contains("token budget of 150 was spent", output.GetProperty("note").GetString(), StringComparison.Ordinal);
        Assert.True(output.GetProperty("atoms").GetInt32() > 0);
    }

    [Theory]
    [InlineData("""{"chatId": -100500, "errorPolicy": "sometimes"}""", "errorPolicy")]
    [InlineData("""{"chatId": -100500, "tokenBudget": 0}""", "tokenBudget")]
    [InlineData("""{"chatId": -100500, "tokenBudget": "lots"}""", "tokenBudget")]
    public async Task ABadPolicyOrBudgetIs400(string body, string field)
    {
        await using var app = await AppAsync(new CostlyExtractor(refuse: -1));

        var problem = await Sift.Tests.Api.Problems.AssertAsync(await app.Api().PostAsync("/api/analysis-runs", Sift.Tests.Api.Problems.Json(body)), 400);

        Assert.Contains(field, problem.GetRawText(), StringComparison.Ordinal);
    }

    private static async Task<SiftApp> AppAsync(CostlyExtractor extractor)
    {
        var app = new SiftApp(settings: Conversation.Settings(new() { ["Analysis:ConcurrentBatches"] = "1" }))
        {
            ExtraServices = services => services.Replace(ServiceDescriptor.Singleton<IKnowledgeExtractor>(extractor)),
        };
        await Conversation.SaveAsync(app);
        return app;
    }

    /// <summary>The offline extractor at 100 tokens a batch, refusing the batch with index <c>refuse</c> as a model whose output never fits would.</summary>
    private sealed class CostlyExtractor(int refuse) : IKnowledgeExtractor
    {
        private readonly OfflineKnowledgeExtractor inner = new();
        private int calls;

        public int Calls => calls;

        public string Version => "costly";

        public async Task<Extraction> ExtractAsync(ExtractionBatch batch, CancellationToken cancellationToken)
        {
            if (Interlocked.Increment(ref calls) - 1 == refuse)
            {
                throw new ModelOutputException("test", "atoms[0]: kind must be one of decision, problem.", new TokenUsage(80, 20));
            }

            return (await inner.ExtractAsync(batch, cancellationToken)) with { Tokens = 100 };
        }
    }
}
