using System.Globalization;
using Sift.Storage;

namespace Sift.Llm;

/// <summary>One model call's tokens, stored once per call id in the day's partition and, for a run's calls, in the run's.</summary>
public sealed record UsageDocument(
    string CallId, string Day, string AgentId, string ProviderId, AgentPurpose Purpose, string? RunId,
    long InputTokens, long OutputTokens, int Calls, DateTimeOffset At);

/// <summary>
/// Records each call once: a document per call id, created if absent, in <see cref="Collection"/>
/// (partition = the UTC day, <c>yyyy-MM-dd</c>) and, when the call served a run, also in
/// <see cref="RunCollection"/> (partition = the run id), so a run's totals are one partition read
/// whatever days it spanned. Both writes are create-if-absent, so a redone step records nothing
/// twice, and a crash between them is mended by the redo; a redo after midnight keeps the day the
/// run's copy recorded first.
/// </summary>
public sealed class UsageLedger(IDocumentStore store) : IUsageLedger
{
    public const string Collection = "usage";
    public const string RunCollection = "usage-runs";
    public const int MaxCallIdLength = 200;

    public static CollectionDefinition Definition { get; } = new(Collection, [], ["agentId", "runId"]);

    public static CollectionDefinition RunDefinition { get; } = new(RunCollection, [], ["agentId"]);

    public async Task RecordAsync(string callId, UsageRecord record, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(callId);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(callId.Length, MaxCallIdLength, nameof(callId));
        var document = new UsageDocument(callId, Day(record.At), record.AgentId, record.ProviderId, record.Purpose, record.RunId,
            record.Usage.InputTokens, record.Usage.OutputTokens, record.Calls, record.At);
        if (record.RunId is { } runId)
        {
            document = await CreateOnceAsync(RunCollection, runId, document, cancellationToken);
        }

        await CreateOnceAsync(Collection, document.Day, document, cancellationToken);
    }

    public static string Day(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <returns>What is stored under the call id now: this document, or the one recorded before.</returns>
    private async Task<UsageDocument> CreateOnceAsync(string collection, string partition, UsageDocument document, CancellationToken cancellationToken)
    {
        try
        {
            return (await store.CreateAsync(collection, partition, document.CallId, document, cancellationToken)).Value;
        }
        catch (DocumentConflictException)
        {
            return (await store.GetAsync<UsageDocument>(collection, partition, document.CallId, cancellationToken))?.Value ?? document;
        }
    }
}
