using Microsoft.DurableTask;
using Microsoft.Extensions.Options;
using Sift.Ingestion.TelegramExport;
using Sift.Orchestration;

namespace Sift.Ingestion;

/// <summary>
/// Where a run is: the page it reads next, how many items it has read, and the source position
/// the page reads from. A redone page reads from the same committed position, so it sees the same data.
/// </summary>
/// <param name="Export">Where in its upload an export run resumes.</param>
/// <param name="Validators">The feed validators read at the start: a redone page sends these, not what a crashed attempt saved.</param>
public sealed record IngestionState(int Page, long Position, long? Total, long? Offset = null, ExportResume? Export = null, FeedValidators? Validators = null);

/// <summary>A conditional GET's validators, and the URL they were answered for.</summary>
public sealed record FeedValidators(string Url, string? ETag, string? LastModified);

/// <summary>What reading one page did.</summary>
public sealed record PageOutcome(PageResult Result, IngestionState Next, bool More, string? Note, string? Failure = null)
{
    /// <summary>The run cannot go on; <paramref name="reason"/> says why, in words a user can act on.</summary>
    public static PageOutcome Failed(IngestionState state, string reason) => new(new PageResult(RunCounts.Zero, []), state, More: false, reason, reason);
}

/// <summary>A run's position and tally, carried from one execution to the next.</summary>
public sealed record IngestionResume(SourceType Type, IngestionState State, RunCounts Counts, IReadOnlyList<SkippedItem> Skipped);

/// <summary>Reads one kind of source a page at a time. A page's side effects must be safe to repeat.</summary>
public interface ISourceIngester
{
    SourceType Type { get; }

    Task<PageOutcome> ReadPageAsync(Source source, IngestionState state, CancellationToken cancellationToken);
}

/// <summary>
/// The <c>ingest</c> orchestration: <see cref="BeginIngestion"/> records where the source's cursor stands, then
/// <see cref="ReadSourcePage"/> until the source has no more, then <see cref="FinishIngestion"/>. Each page is an
/// activity that stores its messages through the one save path (safe to run again after a crash) and returns what it
/// counted; the orchestrator adds the counts up and shows progress as its custom status. Every
/// <see cref="PagesPerExecution"/> pages it continues as new, so a run of a million messages replays a short history.
/// </summary>
internal sealed class IngestionOrchestrator(IOptions<OrchestrationOptions> options) : TaskOrchestrator<IngestionInput, RunOutput>
{
    private const int PagesPerExecution = 50;
    private const int MaxSkipped = 100;

    public override async Task<RunOutput> RunAsync(TaskOrchestrationContext context, IngestionInput input)
    {
        var retries = options.Value.Retries();
        var resume = input.Resume ?? await BeginAsync(context, input, retries);
        var (state, counts, skipped) = (resume.State, resume.Counts, resume.Skipped);
        string? note = null;
        for (var pages = 1; ; pages++)
        {
            var page = await Activity.CallAsync<PageOutcome>(context, nameof(ReadSourcePage), new PageRequest(input.SourceId, state), $"Reading page {state.Page + 1}", retries);
            counts = counts.Add(page.Result.Counts);
            skipped = [.. skipped.Concat(page.Result.Skipped).Take(MaxSkipped)];
            note = page.Note;
            context.SetCustomStatus(new OrchestrationProgress(page.Next.Position, page.Next.Total, page.Note));
            if (page.Failure is { } failure)
            {
                await Activity.CallAsync<SourceCursor>(context, nameof(FinishIngestion), input, "Finishing the run", retries);
                throw new RunFailedException($"{failure} Before it stopped: {Describe(counts)}.");
            }

            state = page.Next with { Page = state.Page + 1 };
            if (!page.More)
            {
                break;
            }

            if (pages == PagesPerExecution)
            {
                context.ContinueAsNew(input with { Resume = new IngestionResume(resume.Type, state, counts, skipped) });
                return null!;
            }
        }

        var cursor = await Activity.CallAsync<SourceCursor>(context, nameof(FinishIngestion), input, "Finishing the run", retries);
        var output = new RunOutput(input.SourceId, resume.Type, counts, skipped, cursor, note);
        context.SetCustomStatus(new OrchestrationProgress(state.Position, state.Total, $"Done: {Describe(counts)}. {note}".TrimEnd()));
        return output;
    }

    private static async Task<IngestionResume> BeginAsync(TaskOrchestrationContext context, IngestionInput input, TaskOptions retries)
    {
        context.SetCustomStatus(new OrchestrationProgress(0, input.UploadMessages, "Starting."));
        var start = await Activity.CallAsync<IngestionStart?>(context, nameof(BeginIngestion), input, "Starting the run", retries)
            ?? throw new RunFailedException($"Source '{input.SourceId}' no longer exists.");
        return new IngestionResume(start.Type, start.State, RunCounts.Zero, []);
    }

    private static string Describe(RunCounts c) =>
        $"{c.Fetched} fetched, {c.New} new, {c.Updated} updated, {c.Unchanged} unchanged, {c.Ignored} ignored, {c.Failed} failed";
}
