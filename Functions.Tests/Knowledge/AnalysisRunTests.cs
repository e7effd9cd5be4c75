using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Sift.Analysis;
using Sift.Analysis.Offline;
using Sift.Orchestration;
using Sift.Tests.Infrastructure;

namespace Sift.Tests.Knowledge;

public sealed class AnalysisRunTests
{
    [Fact]
    public async Task ARunOverADayExtractsTheChatsKnowledgeInSeveralBatches()
    {
        await using var app = new SiftApp(settings: Conversation.Settings());
        await Conversation.SaveAsync(app);

        var run = await Conversation.RunAsync(app);

        var output = run.GetProperty("output");
        Assert.Equal(21, output.GetProperty("messagesInWindow").GetInt64());
        Assert.Equal(15, output.GetProperty("signalKept").GetInt64());
        Assert.True(output.GetProperty("batches").GetInt32() >= 3, output.ToString());
        Assert.Equal(14, output.GetProperty("atoms").GetInt32());
        Assert.Equal("""{"decision":3,"problem":2,"solution":1,"question":2,"insight":2,"action_item":4}""", output.GetProperty("atomsByKind").GetRawText());
        Assert.Equal(7, output.GetProperty("proposalsCreated").GetInt32());
        Assert.Equal(run.GetProperty("progress").GetProperty("note").GetString(), output.GetProperty("note").GetString());
        var atoms = await Conversation.AllAsync(app.Api(), $"/api/atoms?chatId={Conversation.ChatId}");
        var solution = Assert.Single(atoms, a => a.GetProperty("kind").GetString() == "solution");
        Assert.Equal([1L, 2L], solution.GetProperty("sourceMessageIds").EnumerateArray().Select(i => i.GetInt64()));
        Assert.Equal("ops", solution.GetProperty("topicId").GetString());
        var notes = Assert.Single(atoms, a => a.GetProperty("title").GetString() == "Prepare the release notes by Friday");
        Assert.Equal(("@bob", "2026-03-13"), (notes.GetProperty("owner").GetString(), notes.GetProperty("dueDate").GetString()));
        Assert.Equal(Conversation.InstanceId(), notes.GetProperty("runId").GetString());
    }

    [Fact]
    public async Task SkippedMessagesAreCountedByReason()
    {
        await using var app = new SiftApp(settings: Conversation.Settings());
        await Conversation.SaveAsync(app);

        var run = await Conversation.RunAsync(app);

        Assert.Equal("""{"noise":3,"spam":1,"low_quality":1,"no_text":1}""", run.GetProperty("output").GetProperty("skipped").GetRawText());
    }

    [Fact]
    public async Task AWindowWithTooFewSignalMessagesCompletesSayingWhyWithoutAtoms()
    {
        await using var app = new SiftApp(settings: Conversation.Settings());
        await Conversation.SaveAsync(app, only: 6);

        var run = await Conversation.RunAsync(app);

        var output = run.GetProperty("output");
        Assert.Equal(0, output.GetProperty("atoms").GetInt32());
        Assert.Equal("Only 6 of 6 messages in the window are signal; a run needs at least 10 (Analysis:MinSignalMessages), so nothing was extracted.",
            output.GetProperty("note").GetString());
        Assert.Empty(await Conversation.AllAsync(app.Api(), $"/api/atoms?chatId={Conversation.ChatId}"));
    }

    [Fact]
    public async Task ABatchThatCrashesOnceIsRetriedAndTheRunEndsWithTheAtomsOfAnUninterruptedRun()
    {
        var crashing = new CrashOnceExtractor();
        await using var interrupted = new SiftApp(settings: Conversation.Settings())
        {
            ExtraServices = services => services.Replace(ServiceDescriptor.Singleton<IKnowledgeExtractor>(crashing)),
        };
        await using var uninterrupted = new SiftApp(settings: Conversation.Settings());
        await Conversation.SaveAsync(interrupted);
        await Conversation.SaveAsync(uninterrupted);

        var crashed = await Conversation.RunAsync(interrupted);
        var clean = await Conversation.RunAsync(uninterrupted);

        Assert.Equal(1, crashing.Crashes);
        Assert.Equal(clean.GetProperty("output").GetRawText(), crashed.GetProperty("output").GetRawText());
        Assert.Equal(await AtomsAsync(uninterrupted), await AtomsAsync(interrupted));
        // Batches that had their result before the crash were not sent to the extractor again.
        Assert.Equal(clean.GetProperty("output").GetProperty("batches").GetInt32() + 1, crashing.Calls);
    }

    [Fact]
    public async Task RerunningTheWindowKeepsTheAtomIdsAndTheReviewsOfProposals()
    {
        await using var app = new SiftApp(settings: Conversation.Settings());
        await Conversation.SaveAsync(app);
        await Conversation.RunAsync(app);
        var before = await AtomsAsync(app);
        var proposal = (await Conversation.AllAsync(app.Api(), $"/api/proposals?chatId={Conversation.ChatId}&kind=decision"))[0];
        var approve = $"/api/proposals/{Conversation.ChatId}/{proposal.GetProperty("id").GetString()}/approve";
        var approved = await (await app.Api().PostAsync(approve, null)).Content.ReadFromJsonAsync<JsonElement>();

        var rerun = await Conversation.RunAsync(app);

        Assert.Equal(before, await AtomsAsync(app));
        Assert.Equal(0, rerun.GetProperty("output").GetProperty("proposalsCreated").GetInt32());
        var after = await app.Api().GetFromJsonAsync<JsonElement>($"/api/proposals/{Conversation.ChatId}/{proposal.GetProperty("id").GetString()}");
        Assert.Equal(approved.GetRawText(), after.GetRawText());
    }

    [Fact]
    public async Task ASecondStartWhileTheWindowRunsIsRefusedWithTheStatusUrl()
    {
        var gate = new GatedExtractor();
        await using var app = new SiftApp(settings: Conversation.Settings())
        {
            ExtraServices = services => services.Replace(ServiceDescriptor.Singleton<IKnowledgeExtractor>(gate)),
        };
        await Conversation.SaveAsync(app);
        using var first = await app.Api().PostAsJsonAsync("/api/analysis-runs", Conversation.Window());
        await gate.Started.Task.WaitAsync(TimeSpan.FromSeconds(30));

        using var second = await app.Api().PostAsJsonAsync("/api/analysis-runs", Conversation.Window());
        gate.Release.TrySetResult();

        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        Assert.Equal($"/api/orchestrations/{Conversation.InstanceId()}", first.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        var problem = await second.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal($"/api/orchestrations/{Conversation.InstanceId()}", problem.GetProperty("statusUrl").GetString());
        await Conversation.WaitAsync(app, Conversation.InstanceId(), OrchestrationStatus.Completed);
    }

    [Fact]
    public async Task RunsListByChat()
    {
        await using var app = new SiftApp(settings: Conversation.Settings());
        await Conversation.SaveAsync(app);
        await Conversation.SaveAsync(app, chatId: -100600, only: 3);
        await Conversation.RunAsync(app);
        await Conversation.RunAsync(app, -100600);

        var mine = await Conversation.AllAsync(app.Api(), $"/api/analysis-runs?chatId={Conversation.ChatId}&limit=1");
        var all = await Conversation.AllAsync(app.Api(), "/api/analysis-runs");

        Assert.Equal([Conversation.InstanceId()], mine.Select(r => r.GetProperty("instanceId").GetString()));
        Assert.Equal(2, all.Count);
        // The chat's runs are filtered by the store, so a page is full and ends the list when nothing else matches.
        var page = await app.Api().GetFromJsonAsync<JsonElement>("/api/analysis-runs?chatId=-100600&limit=1");
        Assert.Single(page.GetProperty("items").EnumerateArray());
        Assert.Equal(JsonValueKind.Null, page.GetProperty("continuation").ValueKind);
        Assert.Equal(HttpStatusCode.NotFound, (await app.Api().GetAsync("/api/analysis-runs/nope")).StatusCode);
    }

    [Theory]
    [InlineData("""{"chatId": -100500, "since": "2026-01-01T00:00:00Z", "until": "2026-03-01T00:00:00Z"}""", HttpStatusCode.BadRequest, "at most 31 days")]
    [InlineData("""{"chatId": -100500, "since": "2026-03-02T00:00:00Z", "until": "2026-03-01T00:00:00Z"}""", HttpStatusCode.BadRequest, "since must be before until")]
    [InlineData("""{"since": "2026-03-01T00:00:00Z"}""", HttpStatusCode.BadRequest, "chatId")]
    [InlineData("""{"chatId": 42}""", HttpStatusCode.NotFound, "No messages of chat 42")]
    [InlineData("""{"chatId": -100500, "window": 3}""", HttpStatusCode.BadRequest, "window")]
    public async Task BadStartsAreRefusedAndStartNothing(string body, HttpStatusCode status, string detail)
    {
        await using var app = new SiftApp(settings: Conversation.Settings());
        await Conversation.SaveAsync(app, only: 3);

        using var response = await app.Api().PostAsync("/api/analysis-runs", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(status, response.StatusCode);
        Assert.Contains(detail, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Empty(await Conversation.AllAsync(app.Api(), "/api/analysis-runs"));
    }

    private static async Task<List<string>> AtomsAsync(SiftApp app) =>
        (await Conversation.AllAsync(app.Api(), $"/api/atoms?chatId={Conversation.ChatId}"))
        .Select(a => $"{a.GetProperty("id").GetString()} {a.GetProperty("kind").GetString()} {a.GetProperty("title").GetString()} {a.GetProperty("sourceMessageIds").GetRawText()}")
        .Order(StringComparer.Ordinal).ToList();

    /// <summary>The offline extractor, except that its second call fails once, as a crashed worker would.</summary>
    private sealed class CrashOnceExtractor : IKnowledgeExtractor
    {
        private readonly OfflineKnowledgeExtractor inner = new();
        private int calls;

        public int Calls => calls;

        public int Crashes { get; private set; }

        public string Version => inner.Version;

        public Task<Extraction> ExtractAsync(ExtractionBatch batch, CancellationToken cancellationToken)
        {
            if (Interlocked.Increment(ref calls) == 2)
            {
                Crashes++;
                throw new InjectedCrashException();
            }

            return inner.ExtractAsync(batch, cancellationToken);
        }
    }

    /// <summary>Holds the first extraction until released, so a run stays Running.</summary>
    private sealed class GatedExtractor : IKnowledgeExtractor
    {
        private readonly OfflineKnowledgeExtractor inner = new();

        public TaskCompletionSource Started { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public string Version => inner.Version;

        public async Task<Extraction> ExtractAsync(ExtractionBatch batch, CancellationToken cancellationToken)
        {
            Started.TrySetResult();
            await Release.Task.WaitAsync(cancellationToken);
            return await inner.ExtractAsync(batch, cancellationToken);
        }
    }
}
