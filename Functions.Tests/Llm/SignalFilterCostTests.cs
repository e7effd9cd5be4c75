using System.Globalization;
using Sift.Analysis;
using Sift.Analysis.Scoring;
using Sift.Knowledge;
using Sift.Llm;
using Sift.Tests.Analysis;
using Sift.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Sift.Tests.Llm;

/// <summary>
/// What the signal filter saves: the labelled set (201 messages, five languages) classified and
/// extracted through the real model client and the model-backed analyzers against the fake,
/// once with every message that has text and once with only those the scorer keeps. The fake
/// counts tokens as characters / 4 of what is sent and answered. Figures go to the test output.
/// </summary>
public sealed class SignalFilterCostTests(ITestOutputHelper output) : IAsyncLifetime
{
    private FakeOpenAi model = null!;
    private SiftApp app = null!;

    public async Task InitializeAsync()
    {
        model = await FakeOpenAi.StartAsync();
        model.Respond = FakeModelAnswers.Respond;
        app = new SiftApp(settings: new Dictionary<string, string?> { ["Triggers:Enabled"] = "false" });
    }

    public async Task DisposeAsync()
    {
        await app.DisposeAsync();
        await model.DisposeAsync();
    }

    [Fact]
    public async Task TheSignalFilterCutsModelCallsAndTokensOnTheLabelledSet()
    {
        var withText = LabelledMessages.All.Where(c => !string.IsNullOrWhiteSpace(c.Message.Text)).ToList();
        var signal = withText.Where(c => SignalScorer.Score(c.Message, c.Context).Class is MessageClass.Signal or MessageClass.HighQuality).ToList();

        var unfiltered = await CostAsync(withText);
        var filtered = await CostAsync(signal);

        var per1000 = 1000.0 / LabelledMessages.All.Count;
        output.WriteLine($"{LabelledMessages.All.Count} messages, {withText.Count} with text, {signal.Count} kept by the signal filter");
        output.WriteLine($"without the filter: {unfiltered.Calls * per1000:0} calls and {unfiltered.Tokens * per1000:0} tokens per 1000 messages");
        output.WriteLine($"with the filter:    {filtered.Calls * per1000:0} calls and {filtered.Tokens * per1000:0} tokens per 1000 messages");
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"saving: {1 - ((double)filtered.Calls / unfiltered.Calls):P0} of calls, {1 - ((double)filtered.Tokens / unfiltered.Tokens):P0} of tokens"));
        Assert.True(filtered.Calls < unfiltered.Calls * 0.75, $"{filtered.Calls} calls of {unfiltered.Calls}");
        Assert.True(filtered.Tokens < unfiltered.Tokens * 0.75, $"{filtered.Tokens} tokens of {unfiltered.Tokens}");
    }

    /// <summary>One classification per message and one extraction per batch of each chat, as Sift sends them; returns the requests and tokens they cost.</summary>
    private async Task<(int Calls, long Tokens)> CostAsync(IReadOnlyList<LabelledCase> cases)
    {
        var (requests, tokens) = (model.Requests.Count, model.InputTokensSent + model.OutputTokensSent);
        var target = new ModelTarget("fake", ProviderType.OpenAiCompatible, model.V1Url, "gpt-test", LlmApps.OpenAiKey, null, "agent", null, null,
            TimeSpan.FromSeconds(30), 4, "agent:v1");
        var calls = new ModelCalls(target, AgentPurpose.Extract, app.Get<IUsageLedger>(), TimeProvider.System);
        var privacy = new ModelPrivacy(scrubUsernames: false);
        var classifier = new ModelTopicClassifier(app.Get<IModelClient>(), target, calls, privacy);
        var extractor = new ModelKnowledgeExtractor(app.Get<IModelClient>(), target, calls, privacy);
        foreach (var labelled in cases)
        {
            await classifier.ClassifyAsync(labelled.Message.Text!, SampleTopics.All, default);
        }

        foreach (var chat in cases.GroupBy(c => c.Message.ChatId))
        {
            var selected = chat.Select(c => new SelectedMessage(new BatchMessage(c.Message.MessageId, c.Message.Date, c.Message.Sender?.Name, c.Message.Sender?.Username,
                c.Message.ReplyToMessageId, c.Message.Text!, null), c.Message.ThreadId));
            foreach (var batch in BatchPlanner.Plan(new Sift.Messages.ChatKey(chat.Key, null), selected, new AnalysisRunOptions().BatchTokenBudget))
            {
                await extractor.ExtractAsync(batch, default);
            }
        }

        return (model.Requests.Count - requests, model.InputTokensSent + model.OutputTokensSent - tokens);
    }
}
