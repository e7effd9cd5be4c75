using Microsoft.Extensions.Options;
using Sift.Messages;

namespace Sift.Ingestion.TelegramExport;

/// <summary>
/// Imports an uploaded Telegram Desktop export a page of messages at a time, through the
/// webhook's mapping and save path: importing the same export again changes nothing, and a
/// message that also came by webhook is stored once. The first page counts the messages, so
/// progress has a total.
/// </summary>
internal sealed class ExportIngester(UploadStore uploads, SourceRegistry sources, MessageStore messages, TimeProvider clock, IOptions<IngestionOptions> options)
    : ISourceIngester
{
    public const string MessageSource = "telegram-export";

    public SourceType Type => SourceType.TelegramExport;

    public async Task<PageOutcome> ReadPageAsync(Source source, IngestionState state, CancellationToken cancellationToken)
    {
        if (source.UploadId is not { } uploadId)
        {
            return PageOutcome.Failed(state, $"Nothing to import: upload a Telegram Desktop export (result.json) with POST /api/sources/{source.Id}/upload first.");
        }

        try
        {
            var total = state.Total ?? await CountAsync(uploadId, cancellationToken);
            var pageSize = options.Value.ExportPageSize;
            var counts = RunCounts.Zero;
            var skipped = new List<SkippedItem>();
            var read = 0;
            long? firstChat = null;
            await using var stream = uploads.OpenRead(uploadId);
            await foreach (var exported in TelegramExportReader.ReadAsync(stream, state.Position, cancellationToken))
            {
                counts = counts with { Fetched = counts.Fetched + 1 };
                try
                {
                    if (TelegramExportMapping.Map(exported, MessageSource, clock.GetUtcNow()) is { } message)
                    {
                        counts = counts.Saved(await messages.SaveAsync(message, cancellationToken));
                        firstChat ??= message.ChatId;
                    }
                    else
                    {
                        counts = counts with { Ignored = counts.Ignored + 1 };
                    }
                }
                catch (TelegramExportException e)
                {
                    // One unreadable entry is reported, not allowed to stop the rest of the backfill.
                    counts = counts with { Failed = counts.Failed + 1 };
                    skipped.Add(new SkippedItem($"message #{exported.Index}", e.Message));
                }

                if (++read == pageSize)
                {
                    break;
                }
            }

            if (source.ChatId is null && firstChat is { } chatId)
            {
                await sources.SetChatAsync(source.Id, chatId, cancellationToken);
            }

            var position = state.Position + read;
            return new PageOutcome(new PageResult(counts, skipped), state with { Position = position, Total = total }, More: read == pageSize && position < total,
                $"{position} of {total} message(s) imported.");
        }
        catch (TelegramExportException e)
        {
            return PageOutcome.Failed(state, $"The upload is not a Telegram Desktop JSON export: {e.Message}");
        }
    }

    private async Task<long> CountAsync(string uploadId, CancellationToken cancellationToken)
    {
        long count = 0;
        await using var stream = uploads.OpenRead(uploadId);
        await foreach (var _ in TelegramExportReader.ReadAsync(stream, 0, cancellationToken))
        {
            count++;
        }

        return count;
    }
}
