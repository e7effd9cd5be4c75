using System.Globalization;
using Sift.Api;
using Sift.Orchestration;
using Sift.Storage;

namespace Sift.Llm;

public sealed record UsageTotals(long InputTokens, long OutputTokens, long TotalTokens, long Calls);

public sealed record AgentUsage(string AgentId, long InputTokens, long OutputTokens, long TotalTokens, long Calls);

public sealed record RunUsage(string RunId, long InputTokens, long OutputTokens, long TotalTokens, long Calls);

public sealed record PurposeUsage(AgentPurpose Purpose, long InputTokens, long OutputTokens, long TotalTokens, long Calls);

/// <summary>Tokens and calls of a day (or of a run, when asked for one without a day), in total and broken down.</summary>
/// <param name="Day">The UTC day read; null when a run was read across its days.</param>
public sealed record UsageResponse(
    string? Day, string? AgentId, string? RunId, UsageTotals Total,
    IReadOnlyList<AgentUsage> Agents, IReadOnlyList<RunUsage> Runs, IReadOnlyList<PurposeUsage> Purposes);

public sealed record UsageQuery
{
    /// <summary>UTC day, YYYY-MM-DD; default today (or, with runId, every day of the run).</summary>
    public string? Day { get; init; }

    public string? AgentId { get; init; }

    public string? RunId { get; init; }
}

/// <summary>Adds up the ledger: always one partition (a day's or a run's), read page by page.</summary>
public sealed class UsageReports(IDocumentStore store, OrchestrationClient orchestrations, TimeProvider clock)
{
    private const int PageSize = 500;

    public async Task<UsageResponse> ReadAsync(UsageQuery query, CancellationToken cancellationToken)
    {
        var (day, agentId, runId) = Validate(query);
        var fromRun = runId is not null && day is null;
        var documentQuery = fromRun
            ? new DocumentQuery { Partition = runId, Equal = DocumentQuery.Present(("agentId", agentId)), Limit = PageSize }
            : new DocumentQuery { Partition = day ??= UsageLedger.Day(clock.GetUtcNow()), Equal = DocumentQuery.Present(("agentId", agentId), ("runId", runId)), Limit = PageSize };
        var calls = new List<UsageDocument>();
        do
        {
            var page = await store.QueryAsync<UsageDocument>(fromRun ? UsageLedger.RunCollection : UsageLedger.Collection, documentQuery, cancellationToken);
            calls.AddRange(page.Items);
            documentQuery = documentQuery with { Continuation = page.Continuation };
        }
        while (documentQuery.Continuation is not null);

        // A run with no calls is still a run; a name that is neither is a mistake, not an empty report.
        if (runId is not null && calls.Count == 0 && await orchestrations.FindAsync(runId, cancellationToken) is null)
        {
            throw new NotFoundException($"There is no run '{ProblemTitles.Echo(runId)}'.");
        }

        return new UsageResponse(day, agentId, runId, Sum(calls),
            By(calls, c => c.AgentId, StringComparer.Ordinal, (agent, t) => new AgentUsage(agent, t.InputTokens, t.OutputTokens, t.TotalTokens, t.Calls)),
            By(calls.Where(c => c.RunId is not null), c => c.RunId!, StringComparer.Ordinal, (run, t) => new RunUsage(run, t.InputTokens, t.OutputTokens, t.TotalTokens, t.Calls)),
            By(calls, c => c.Purpose, Comparer<AgentPurpose>.Default, (purpose, t) => new PurposeUsage(purpose, t.InputTokens, t.OutputTokens, t.TotalTokens, t.Calls)));
    }

    private static List<T> By<TKey, T>(IEnumerable<UsageDocument> calls, Func<UsageDocument, TKey> key, IComparer<TKey> order, Func<TKey, UsageTotals, T> row) =>
        calls.GroupBy(key).OrderBy(g => g.Key, order).Select(g => row(g.Key, Sum(g))).ToList();

    private static UsageTotals Sum(IEnumerable<UsageDocument> calls)
    {
        long input = 0, output = 0, count = 0;
        foreach (var call in calls)
        {
            input += call.InputTokens;
            output += call.OutputTokens;
            count += call.Calls;
        }

        return new UsageTotals(input, output, input + output, count);
    }

    private static (string? Day, string? AgentId, string? RunId) Validate(UsageQuery query)
    {
        var errors = new Dictionary<string, string[]>();
        if (query.Day is not null && !DateOnly.TryParseExact(query.Day, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
        {
            errors["day"] = [$"day must be a date, YYYY-MM-DD (got '{ProblemTitles.Echo(query.Day)}')."];
        }

        if (query.AgentId is not null && !LlmIds.IsValid(query.AgentId))
        {
            errors["agentId"] = [$"agentId is {LlmIds.Rule}."];
        }

        if (query.RunId is not null && (string.IsNullOrWhiteSpace(query.RunId) || query.RunId.Length > UsageLedger.MaxCallIdLength))
        {
            errors["runId"] = [$"runId is 1-{UsageLedger.MaxCallIdLength} characters."];
        }

        return errors.Count > 0 ? throw new ValidationException(errors) : (query.Day, query.AgentId, query.RunId);
    }
}
