using System.Net.Http.Json;
using System.Text.Json;
using Sift.Llm;
using Sift.Storage;
using Sift.Tests.Api;
using Sift.Tests.Infrastructure;

namespace Sift.Tests.Llm;

public sealed class UsageTests : IAsyncLifetime
{
    private static readonly DateTimeOffset March1 = DateTimeOffset.Parse("2026-03-01T09:00:00Z", System.Globalization.CultureInfo.InvariantCulture);
    private readonly ManualClock clock = new(March1.AddHours(3));
    private readonly SiftApp app;

    public UsageTests() => app = LlmApps.Create(new FakeCircuits(), clock: clock);

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await app.DisposeAsync();

    private IUsageLedger Ledger => app.Get<IUsageLedger>();

    [Fact]
    public async Task ACallRecordedTwiceCountsOnce()
    {
        var record = new UsageRecord("extractor", "openai", AgentPurpose.Extract, "run-1", new TokenUsage(1000, 200), 1, March1);

        await Ledger.RecordAsync("run-1:batch-0:1", record, CancellationToken.None);
        await Ledger.RecordAsync("run-1:batch-0:1", record, CancellationToken.None);
        var usage = await app.Api().GetFromJsonAsync<JsonElement>("/api/usage?day=2026-03-01");

        AssertTotals(usage.GetProperty("total"), 1000, 200, 1);
    }

    [Fact]
    public async Task ARedoAfterMidnightKeepsTheDayTheRunRecordedFirst()
    {
        var record = new UsageRecord("extractor", "openai", AgentPurpose.Extract, "run-1", new TokenUsage(10, 5), 1, DateTimeOffset.Parse("2026-03-01T23:59:59Z", System.Globalization.CultureInfo.InvariantCulture));

        await Ledger.RecordAsync("run-1:batch-0:1", record, CancellationToken.None);
        await Ledger.RecordAsync("run-1:batch-0:1", record with { At = record.At.AddSeconds(2) }, CancellationToken.None);

        AssertTotals((await app.Api().GetFromJsonAsync<JsonElement>("/api/usage?day=2026-03-01")).GetProperty("total"), 10, 5, 1);
        AssertTotals((await app.Api().GetFromJsonAsync<JsonElement>("/api/usage?day=2026-03-02")).GetProperty("total"), 0, 0, 0);
    }

    [Fact]
    public async Task TheDayIsAddedUpInTotalAndPerAgentRunAndPurpose()
    {
        await RecordDayAsync();

        var usage = await app.Api().GetFromJsonAsync<JsonElement>("/api/usage?day=2026-03-01");

        Assert.Equal("2026-03-01", usage.GetProperty("day").GetString());
        AssertTotals(usage.GetProperty("total"), 1700, 350, 6);
        AssertTotals(Row(usage, "agents", "agentId", "extractor"), 1500, 300, 3);
        AssertTotals(Row(usage, "agents", "agentId", "classifier"), 200, 50, 3);
        AssertTotals(Row(usage, "runs", "runId", "run-1"), 1000, 200, 2);
        AssertTotals(Row(usage, "runs", "runId", "run-2"), 500, 100, 1);
        Assert.Equal(2, usage.GetProperty("runs").GetArrayLength());
        AssertTotals(Row(usage, "purposes", "purpose", "extract"), 1500, 300, 3);
        AssertTotals(Row(usage, "purposes", "purpose", "classify"), 200, 50, 3);
    }

    [Fact]
    public async Task TheDayDefaultsToTodayAndFiltersByAgentAndRun()
    {
        await RecordDayAsync();

        var today = await app.Api().GetFromJsonAsync<JsonElement>("/api/usage");
        var agent = await app.Api().GetFromJsonAsync<JsonElement>("/api/usage?day=2026-03-01&agentId=classifier");
        var run = await app.Api().GetFromJsonAsync<JsonElement>("/api/usage?day=2026-03-01&runId=run-2");

        Assert.Equal("2026-03-01", today.GetProperty("day").GetString());
        AssertTotals(today.GetProperty("total"), 1700, 350, 6);
        AssertTotals(agent.GetProperty("total"), 200, 50, 3);
        AssertTotals(run.GetProperty("total"), 500, 100, 1);
    }

    [Fact]
    public async Task ARunWithoutADayIsAddedUpOverEveryDayItSpanned()
    {
        await RecordDayAsync();
        await Ledger.RecordAsync("run-1:batch-9:1", new UsageRecord("extractor", "openai", AgentPurpose.Extract, "run-1", new TokenUsage(40, 4), 1, March1.AddDays(1)), CancellationToken.None);

        var usage = await app.Api().GetFromJsonAsync<JsonElement>("/api/usage?runId=run-1");

        Assert.Equal(JsonValueKind.Null, usage.GetProperty("day").ValueKind);
        AssertTotals(usage.GetProperty("total"), 1040, 204, 3);
    }

    [Fact]
    public async Task ADayOfManyCallsIsReadPageByPage()
    {
        for (var i = 0; i < 520; i++)
        {
            await Ledger.RecordAsync($"call-{i}", new UsageRecord("classifier", "openai", AgentPurpose.Classify, null, new TokenUsage(2, 1), 1, March1), CancellationToken.None);
        }

        var usage = await app.Api().GetFromJsonAsync<JsonElement>("/api/usage?day=2026-03-01");

        AssertTotals(usage.GetProperty("total"), 1040, 520, 520);
        Assert.Equal(520, await app.Get<IDocumentStore>().CountAsync(UsageLedger.Collection, new DocumentQuery { Partition = "2026-03-01" }, CancellationToken.None));
    }

    [Theory]
    [InlineData("/api/usage?day=01.03.2026", "day")]
    [InlineData("/api/usage?day=2026-02-30", "day")]
    [InlineData("/api/usage?agentId=Not%20An%20Id", "agentId")]
    public async Task InvalidUsageQueryIs400NamingTheParameter(string url, string parameter)
    {
        var problem = await Problems.AssertAsync(await app.Api().GetAsync(url), 400);

        Assert.True(problem.GetProperty("errors").TryGetProperty(parameter, out _), problem.GetRawText());
    }

    private async Task RecordDayAsync()
    {
        UsageRecord Extract(string run, long input, long output) => new("extractor", "openai", AgentPurpose.Extract, run, new TokenUsage(input, output), 1, March1);
        await Ledger.RecordAsync("run-1:batch-0:1", Extract("run-1", 600, 120), CancellationToken.None);
        await Ledger.RecordAsync("run-1:batch-1:1", Extract("run-1", 400, 80), CancellationToken.None);
        await Ledger.RecordAsync("run-2:batch-0:1", Extract("run-2", 500, 100), CancellationToken.None);
        await Ledger.RecordAsync("message-42:classify", new UsageRecord("classifier", "openai", AgentPurpose.Classify, null, new TokenUsage(200, 50), 3, March1.AddHours(1)), CancellationToken.None);
    }

    private static JsonElement Row(JsonElement usage, string list, string key, string value) =>
        usage.GetProperty(list).EnumerateArray().Single(r => r.GetProperty(key).GetString() == value);

    private static void AssertTotals(JsonElement totals, long input, long output, long calls) =>
        Assert.Equal((input, output, input + output, calls),
            (totals.GetProperty("inputTokens").GetInt64(), totals.GetProperty("outputTokens").GetInt64(), totals.GetProperty("totalTokens").GetInt64(), totals.GetProperty("calls").GetInt64()));
}
