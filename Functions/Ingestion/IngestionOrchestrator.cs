using Sift.Orchestration;

namespace Sift.Ingestion;

/// <summary>
/// Where a run is: the page it reads next, how many items it has read, and the source position
/// the page reads from. A redone page reads from the same committed position, so it sees the same data.
/// </summary>
public sealed record IngestionState(int Page, long Position, long? Total, long? Offset = null);

/// <summary>What reading one page did.</summary>
public sealed record PageOutcome(PageResult Result, IngestionState Next, bool More, string? Note, string? Failure = null)
{
    /// <summary>The run cannot go on; <paramref name="reason"/> says why, in words a user can act on.</summary>
    public static PageOutcome Failed(IngestionState state, string reason) => new(new PageResult(RunCounts.Zero, []), state, More: false, reason, reason);
}

/// <summary>Reads one kind of source a page at a time. A page's side effects must be safe to repeat.</summary>
public interface ISourceIngester
{
    SourceType Type { get; }

    Task<PageOutcome> ReadPageAsync(Source source, IngestionState state, CancellationToken cancellationToken);
}

/// <summary>
/// The <c>ingest</c> orchestration: <c>Begin</c> records where the source's cursor stands, then
/// <c>ReadPage</c> until the source has no more, then <c>Finish</c>.
/// Each page stores its messages through the one save path and writes its own result document;
/// Finish adds the results up, so a retried page never counts twice.
/// </summary>
internal sealed class IngestionOrchestrator(SourceRegistry sources, IEnumerable<ISourceIngester> ingesters) : IOrchestrator
{
    public const string Begin = "begin";
    private const string ReadPage = "read-page";
    private const string Finish = "finish";

    public async Task<StepResult> RunStepAsync(StepContext context, CancellationToken cancellationToken)
    {
        var sourceId = context.Input<IngestionInput>().SourceId;
        var source = await sources.FindAsync(sourceId, cancellationToken);
        if (source is null)
        {
            return StepResult.Fail($"Source '{sourceId}' no longer exists.", context.Instance.Progress);
        }

        if (context.Step == Begin)
        {
            // Committed before any page runs: a redone page starts where this says, not where a crashed attempt left the cursor.
            var cursor = await sources.GetCursorAsync(source.Id, cancellationToken);
            return StepResult.Next(ReadPage, new IngestionState(0, 0, null, cursor.Offset), new OrchestrationProgress(0, null, "Starting."));
        }

        var state = context.State<IngestionState>() ?? new IngestionState(0, 0, null);
        if (context.Step == Finish)
        {
            // The last page's note says how the source ended (e.g. "not modified"); keep it.
            var lastNote = context.Instance.Progress.Note;
            var output = await SummarizeAsync(context, source, lastNote, cancellationToken);
            return StepResult.Complete(output, context.Instance.Progress with { Note = $"Done: {Describe(output.Counts)}. {lastNote}".TrimEnd() });
        }

        var ingester = ingesters.Single(i => i.Type == source.Type);
        var page = await ingester.ReadPageAsync(source, state, cancellationToken);
        await context.Results.AddOnceAsync(OrchestrationResults.Key(state.Page), page.Result, cancellationToken);
        var progress = new OrchestrationProgress(page.Next.Position, page.Next.Total, page.Note);
        if (page.Failure is { } failure)
        {
            return StepResult.Fail(failure, progress, await SummarizeAsync(context, source, failure, cancellationToken));
        }

        return StepResult.Next(page.More ? ReadPage : Finish, page.Next with { Page = state.Page + 1 }, progress);
    }

    private async Task<RunOutput> SummarizeAsync(StepContext context, Source source, string? note, CancellationToken cancellationToken)
    {
        var pages = await context.Results.ListAsync<PageResult>(cancellationToken);
        var counts = pages.Aggregate(RunCounts.Zero, (sum, page) => sum.Add(page.Counts));
        var skipped = pages.SelectMany(p => p.Skipped).Take(100).ToList();
        return new RunOutput(source.Id, source.Type, counts, skipped, await sources.GetCursorAsync(source.Id, cancellationToken), note);
    }

    private static string Describe(RunCounts c) =>
        $"{c.Fetched} fetched, {c.New} new, {c.Updated} updated, {c.Unchanged} unchanged, {c.Ignored} ignored, {c.Failed} failed";
}
