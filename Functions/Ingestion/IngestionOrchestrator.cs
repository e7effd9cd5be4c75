using Sift.Ingestion.TelegramExport;
using Sift.Orchestration;

namespace Sift.Ingestion;

/// <summary>
/// Where a run is: the page it reads next, how many items it has read, and the source position
/// the page reads from. A redone page reads from the same committed position, so it sees the same data.
/// </summary>
/// <param name="Export">Where in its upload an export run resumes.</param>
/// <param name="Validators">The feed validators read at Begin: a redone page sends these, not what a crashed attempt saved.</param>
public sealed record IngestionState(int Page, long Position, long? Total, long? Offset = null, ExportResume? Export = null, FeedValidators? Validators = null);

/// <summary>A conditional GET's validators, and the URL they were answered for.</summary>
public sealed record FeedValidators(string Url, string? ETag, string? LastModified);

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
        var input = context.Input<IngestionInput>();
        var sourceId = input.SourceId;
        var source = await sources.FindAsync(sourceId, cancellationToken);
        if (source is null)
        {
            await sources.ReleaseAfterRunAsync(input, cancellationToken);
            return StepResult.Fail($"Source '{sourceId}' no longer exists.", context.Instance.Progress);
        }

        if (context.Step == Begin)
        {
            // Committed before any page runs: a redone page starts where this says, not where a crashed attempt left the cursor.
            var cursor = await sources.GetCursorAsync(source.Id, cancellationToken);
            var validators = cursor.Url is { } url ? new FeedValidators(url, cursor.ETag, cursor.LastModified) : null;
            var export = input.UploadId is { } uploadId ? new ExportResume(uploadId) : null;
            return StepResult.Next(ReadPage, new IngestionState(0, 0, input.UploadMessages, cursor.Offset, export, validators),
                new OrchestrationProgress(0, input.UploadMessages, "Starting."));
        }

        var state = context.State<IngestionState>() ?? new IngestionState(0, 0, null);
        if (context.Step == Finish)
        {
            // The last page's note says how the source ended (e.g. "not modified"); keep it.
            var lastNote = context.Instance.Progress.Note;
            var output = await SummarizeAsync(context, source, lastNote, cancellationToken);
            await sources.ReleaseAfterRunAsync(input, cancellationToken);
            return StepResult.Complete(output, context.Instance.Progress with { Note = $"Done: {Describe(output.Counts)}. {lastNote}".TrimEnd() });
        }

        var ingester = ingesters.Single(i => i.Type == source.Type);
        var page = await ingester.ReadPageAsync(source, state, cancellationToken);
        await context.Results.AddOnceAsync(OrchestrationResults.Key(state.Page), page.Result, cancellationToken);
        var progress = new OrchestrationProgress(page.Next.Position, page.Next.Total, page.Note);
        if (page.Failure is { } failure)
        {
            await sources.ReleaseAfterRunAsync(input, cancellationToken);
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
