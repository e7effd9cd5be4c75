using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Sift.Analysis;
using Sift.Messages;
using Sift.Orchestration;
using Sift.Storage;
using Sift.Tests.Api;
using Sift.Tests.Infrastructure;
using Sift.Tests.Messages;
using Sift.Tests.Orchestration;

namespace Sift.Tests.Analysis;

/// <summary>The AnalyzeMessage queue function and reanalysis, through the one save path and the real trigger runner.</summary>
public sealed class AnalyzeMessageTests : IAsyncLifetime
{
    private const long Chat = -500;
    private static readonly DateTimeOffset Start = new(2026, 6, 1, 9, 0, 0, TimeSpan.Zero);
    private static readonly string[] DeployKeywords = ["deploy", "rollback", "деплой"];
    private static readonly string[] BillingKeywords = ["invoice", "vat"];
    private static readonly string[] SignalClasses = ["signal", "high_quality"];
    private readonly SiftApp app = new();

    public async Task InitializeAsync() =>
        (await app.Api().PostAsJsonAsync("/api/topics", new { id = "deploy", name = "Deploy", keywords = DeployKeywords })).EnsureSuccessStatusCode();

    public async Task DisposeAsync() => await app.DisposeAsync();

    [Fact]
    public async Task ASavedMessageIsAnalysedWithImportanceClassFactorsAndTopics()
    {
        await SaveAsync(1, "The deploy to production failed with error 502 after the 14:00 release; I am starting a rollback now.");

        var analysis = (await WaitForAnalysisAsync(1)).GetProperty("analysis");

        Assert.InRange(analysis.GetProperty("importance").GetDouble(), 0, 1);
        Assert.Contains(analysis.GetProperty("class").GetString(), SignalClasses);
        Assert.NotEmpty(analysis.GetProperty("factors").EnumerateArray());
        Assert.Equal("deploy", analysis.GetProperty("topics")[0].GetProperty("id").GetString());
    }

    [Fact]
    public async Task AnAcknowledgementIsNoiseAndUncategorized()
    {
        await SaveAsync(1, "ok 👍");

        var analysis = (await WaitForAnalysisAsync(1)).GetProperty("analysis");

        Assert.Equal("noise", analysis.GetProperty("class").GetString());
        Assert.Equal("uncategorized", Assert.Single(analysis.GetProperty("topics").EnumerateArray()).GetProperty("id").GetString());
    }

    [Fact]
    public async Task SpamInLookAlikeLettersIsSpamAndTheModelSaysWhy()
    {
        await SaveAsync(1, "Зapaбoтoк oт 7000 в дeнь бeз oпытa, всё рaсскaжу, пишитe в личку");

        var analysis = (await WaitForAnalysisAsync(1)).GetProperty("analysis");

        Assert.Equal("spam", analysis.GetProperty("class").GetString());
        Assert.Contains("spam-model-v2", analysis.GetProperty("analyzerVersion").GetString(), StringComparison.Ordinal);
        var factor = analysis.GetProperty("factors").EnumerateArray().Single(f => f.GetProperty("name").GetString() == "model_spam");
        Assert.True(factor.GetProperty("weight").GetDouble() < 0);
        Assert.Contains("mixed scripts", factor.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    /// <summary>The chat's recent messages are read from the store, as the few fields near-duplicates are found by.</summary>
    [Fact]
    public async Task ARepeatOfAnEarlierMessageOfTheChatIsANearDuplicateOfIt()
    {
        const string Report = "The deploy to production failed with error 502 after the 14:00 release; I am starting a rollback now.";
        await SaveAsync(1, Report);
        await WaitForAnalysisAsync(1);
        await SaveAsync(2, Report.Replace("14:00", "15:00", StringComparison.Ordinal));

        var factors = (await WaitForAnalysisAsync(2)).GetProperty("analysis").GetProperty("factors").EnumerateArray();

        var duplicate = Assert.Single(factors, f => f.GetProperty("name").GetString() == "near_duplicate");
        Assert.StartsWith("of message 1, similarity", duplicate.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain((await WaitForAnalysisAsync(1)).GetProperty("analysis").GetProperty("factors").EnumerateArray(),
            f => f.GetProperty("name").GetString() == "near_duplicate");
    }

    /// <summary>A feed item or an export entry can be longer than any Telegram message: the analysis reads a bounded prefix, search the whole text.</summary>
    [Fact]
    public async Task ALongTextIsStoredWholeAnalysedToItsBoundAndSearchedWhole()
    {
        var text = string.Concat(Enumerable.Repeat("The deploy went fine today. ", 400)) + "zanzibar";
        await SaveAsync(1, text);

        var message = await WaitForAnalysisAsync(1);

        Assert.Equal(text, message.GetProperty("text").GetString());
        var cut = Assert.Single(message.GetProperty("analysis").GetProperty("factors").EnumerateArray(), f => f.GetProperty("name").GetString() == "text_cut");
        Assert.Equal($"the first 4096 of {text.Length} characters were analysed", cut.GetProperty("detail").GetString());
        var hits = await app.Api().GetFromJsonAsync<JsonElement>("/api/search?q=zanzibar");
        Assert.Contains("<mark>zanzibar</mark>", Assert.Single(hits.GetProperty("items").EnumerateArray()).GetProperty("snippet").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnalysingACurrentMessageAgainChangesNothing()
    {
        await SaveAsync(1, "Can someone review the rollback plan for the deploy tomorrow?");
        await WaitForAnalysisAsync(1);
        var before = await StoredAsync(1);

        var again = await AnalyzeAsync(before.Value);

        Assert.False(again.Changed);
        Assert.Equal(before.ETag, (await StoredAsync(1)).ETag);
    }

    [Fact]
    public async Task ConcurrentAnalysesOfOneVersionWriteItOnce()
    {
        await using var quiet = new SiftApp(settings: new Dictionary<string, string?> { ["Triggers:Enabled"] = "false" });
        await quiet.Get<MessageStore>().SaveAsync(SampleMessages.Text(Chat, 1, Start) with { Text = "We decided to ship the deploy on Monday." }, default);
        var message = (await quiet.Get<IDocumentStore>().GetAsync<MessageDocument>(MessageStore.Messages, $"{Chat}", $"{Chat}:1", default))!.Value;

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(async () =>
        {
            using var scope = quiet.Services.CreateScope();
            return await scope.ServiceProvider.GetRequiredService<MessageAnalyzer>().AnalyzeAsync(message, default);
        })));

        Assert.Single(results, r => r.Changed);
        Assert.Single(results.Select(r => r.Analysis.TextHash).Distinct());
    }

    [Fact]
    public async Task AnEditIsAnalysedAgainAndAnOlderVersionArrivingLateKeepsTheAnalysis()
    {
        await SaveAsync(1, "ok");
        var first = (await WaitForAnalysisAsync(1)).GetProperty("analysis");

        await SaveAsync(1, "Correction: the deploy failed because the database migration timed out after 30 s.", edited: Start.AddMinutes(5));
        var edited = await WaitForAnalysisAsync(1, m => m.GetProperty("text").GetString()!.StartsWith("Correction", StringComparison.Ordinal));
        await SaveAsync(1, "ok");

        Assert.NotEqual(first.GetProperty("class").GetString(), edited.GetProperty("analysis").GetProperty("class").GetString());
        var stored = (await StoredAsync(1)).Value;
        Assert.StartsWith("Correction", stored.Text, StringComparison.Ordinal);
        Assert.Equal(MessageAnalyzer.TextHash(stored.Text), stored.Analysis!.TextHash);
    }

    [Fact]
    public async Task RepliesAreCountedIntoTheRepliedMessagesAnalysis()
    {
        await SaveAsync(1, "Is the deploy pipeline green again?");
        await WaitForAnalysisAsync(1);

        await SaveAsync(2, "Yes, fixed it an hour ago.", replyTo: 1);
        await SaveAsync(3, "Confirmed, the last deploy passed.", replyTo: 1);

        await Eventually.ReturnsAsync(async () => (await StoredAsync(1)).Value.Analysis?.Replies, replies => replies == 2, "two replies in the analysis");
    }

    [Fact]
    public async Task ReanalysisAppliesANewTopicToEarlierMessagesAndThenFindsThemCurrent()
    {
        await SaveAsync(1, "The invoice export to the accounting system is missing VAT numbers.");
        await SaveAsync(2, "Invoices for March were sent twice to three customers.");
        await WaitForAnalysisAsync(1);
        await WaitForAnalysisAsync(2);
        (await app.Api().PostAsJsonAsync("/api/topics", new { id = "billing", name = "Billing", keywords = BillingKeywords })).EnsureSuccessStatusCode();

        using var started = await app.Api().PostAsJsonAsync("/api/messages/reanalyze", new { chatId = Chat });
        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        Assert.Equal($"/api/orchestrations/reanalyze-{Chat}", started.Headers.Location?.OriginalString);
        var done = await OrchestrationTests.WaitForAsync(app, $"reanalyze-{Chat}", OrchestrationStatus.Completed);

        Assert.Equal(2, done.GetProperty("output").GetProperty("reanalysed").GetInt32());
        Assert.Equal(2, done.GetProperty("progress").GetProperty("done").GetInt64());
        Assert.Equal("billing", (await StoredAsync(2)).Value.Analysis!.TopicIds[0]);

        (await app.Api().PostAsJsonAsync("/api/messages/reanalyze", new { chatId = Chat })).EnsureSuccessStatusCode();
        var again = await Eventually.ReturnsAsync(() => app.Orchestrations().GetAsync($"reanalyze-{Chat}", default),
            i => i.Status == OrchestrationStatus.Completed && i.Output!.Value.GetProperty("reanalysed").GetInt32() == 0, "the second reanalysis");
        Assert.Equal(0, again.Output!.Value.GetProperty("reanalysed").GetInt32());
        Assert.Equal(2, again.Output!.Value.GetProperty("unchanged").GetInt32());
    }

    [Fact]
    public async Task ASecondReanalysisOfTheSameChatWhileOneRunsIs409WithItsStatusUrl()
    {
        // The first reanalysis reads its first page only when the test lets it.
        var faults = new Faults { HoldOnQuery = collection => collection == MessageStore.Messages };
        await using var quiet = new SiftApp(settings: new Dictionary<string, string?> { ["Triggers:Enabled"] = "false" }) { ExtraServices = faults.Install };
        (await quiet.Api().PostAsJsonAsync("/api/messages/reanalyze", new { chatId = 9 })).EnsureSuccessStatusCode();

        var problem = await Problems.AssertAsync(await quiet.Api().PostAsJsonAsync("/api/messages/reanalyze", new { chatId = 9, since = Start }), 409);

        Assert.Equal("/api/orchestrations/reanalyze-9", problem.GetProperty("statusUrl").GetString());
        (await quiet.Api().PostAsJsonAsync("/api/messages/reanalyze", new { })).EnsureSuccessStatusCode();
        faults.Release();
        await OrchestrationTests.WaitForAsync(quiet, "reanalyze-9", OrchestrationStatus.Completed);
    }

    [Theory]
    [InlineData("""{"since":"2026-06-02T00:00:00Z","until":"2026-06-01T00:00:00Z"}""")]
    [InlineData("""{"chatId":"abc"}""")]
    [InlineData("""{"chat":1}""")]
    public async Task BadReanalysisRequestIs400AndStartsNothing(string body)
    {
        await Problems.AssertAsync(await app.Api().PostAsync("/api/messages/reanalyze", Problems.Json(body)), 400);

        Assert.Empty((await app.Orchestrations().ListAsync("reanalyze", null, 10, null, default)).Items);
    }

    private Task<SaveOutcome> SaveAsync(long id, string text, long? replyTo = null, DateTimeOffset? edited = null) =>
        app.Get<MessageStore>().SaveAsync(SampleMessages.Text(Chat, id, Start.AddMinutes(id)) with { Text = text, ReplyToMessageId = replyTo, EditDate = edited }, default);

    private async Task<Stored<MessageDocument>> StoredAsync(long id) =>
        (await app.Get<IDocumentStore>().GetAsync<MessageDocument>(MessageStore.Messages, $"{Chat}", $"{Chat}:{id}", default))!;

    private async Task<AnalysisResult> AnalyzeAsync(MessageDocument message)
    {
        using var scope = app.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<MessageAnalyzer>().AnalyzeAsync(message, default);
    }

    private Task<JsonElement> WaitForAnalysisAsync(long id, Func<JsonElement, bool>? until = null) =>
        Eventually.ReturnsAsync(async () =>
        {
            using var response = await app.Api().GetAsync($"/api/messages/{Chat}/{id}");
            return response.IsSuccessStatusCode ? await response.Content.ReadFromJsonAsync<JsonElement>() : default;
        }, m => m.ValueKind == JsonValueKind.Object && m.GetProperty("analysis").ValueKind == JsonValueKind.Object && (until?.Invoke(m) ?? true),
            $"message {Chat}:{id} to be analysed");
}
