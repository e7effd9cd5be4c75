using Microsoft.DurableTask;
using Sift.Ingestion.TelegramExport;

namespace Sift.Ingestion;

/// <summary>The source's type and the position its first page reads from.</summary>
public sealed record IngestionStart(SourceType Type, IngestionState State);

/// <summary>Read the page at <paramref name="State"/> of source <paramref name="SourceId"/>.</summary>
public sealed record PageRequest(string SourceId, IngestionState State);

/// <summary>Records where the source's cursor stands before any page runs: a redone page starts there, not where a crashed attempt left the cursor.</summary>
internal sealed class BeginIngestion(SourceRegistry sources) : TaskActivity<IngestionInput, IngestionStart?>
{
    public override async Task<IngestionStart?> RunAsync(TaskActivityContext context, IngestionInput input)
    {
        if (await sources.FindAsync(input.SourceId, CancellationToken.None) is not { } source)
        {
            await sources.ReleaseAfterRunAsync(input, CancellationToken.None);
            return null;
        }

        var cursor = await sources.GetCursorAsync(source.Id, CancellationToken.None);
        var validators = cursor.Url is { } url ? new FeedValidators(url, cursor.ETag, cursor.LastModified) : null;
        var export = input.UploadId is { } uploadId ? new ExportResume(uploadId) : null;
        return new IngestionStart(source.Type, new IngestionState(0, 0, input.UploadMessages, cursor.Offset, export, validators));
    }
}

/// <summary>Reads one page through the source type's ingester.</summary>
internal sealed class ReadSourcePage(SourceRegistry sources, IEnumerable<ISourceIngester> ingesters) : TaskActivity<PageRequest, PageOutcome>
{
    public override async Task<PageOutcome> RunAsync(TaskActivityContext context, PageRequest request)
    {
        if (await sources.FindAsync(request.SourceId, CancellationToken.None) is not { } source)
        {
            return PageOutcome.Failed(request.State, $"Source '{request.SourceId}' no longer exists.");
        }

        return await ingesters.Single(i => i.Type == source.Type).ReadPageAsync(source, request.State, CancellationToken.None);
    }
}

/// <summary>At the end of a run: lets go of its upload (if another replaced it) and answers where the cursor stands.</summary>
internal sealed class FinishIngestion(SourceRegistry sources) : TaskActivity<IngestionInput, SourceCursor>
{
    public override async Task<SourceCursor> RunAsync(TaskActivityContext context, IngestionInput input)
    {
        await sources.ReleaseAfterRunAsync(input, CancellationToken.None);
        return await sources.GetCursorAsync(input.SourceId, CancellationToken.None);
    }
}
