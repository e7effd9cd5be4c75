using Microsoft.Extensions.Options;
using Sift.Messages;
using Sift.Storage;

namespace Sift.Ingestion.TelegramExport;

/// <summary>Where an export run is: the upload it imports (fixed at start) and, after its first page, where the next page resumes.</summary>
public sealed record ExportResume(string UploadId, ExportPosition? At = null);

/// <summary>
/// Imports an uploaded Telegram Desktop export a page of messages at a time, through the
/// webhook's mapping and save path: importing the same export again changes nothing. The source
/// writes only into its own chats: private chats and basic groups under its own key
/// (<see cref="Delivery.Export"/>), and in supergroups and channels, which every account numbers
/// alike, only messages no other source stored: another source's copy stays as it is and the run
/// counts this one as refused. Chat ids outside Telegram's ranges (a feed's, say) are refused. Each page resumes at the byte after the last
/// message of the page before, so a page costs what it reads; the total was counted at upload.
/// </summary>
internal sealed class ExportIngester(IUploadStore uploads, SourceRegistry sources, MessageStore messages, TimeProvider clock, IOptions<IngestionOptions> options)
    : ISourceIngester
{
    public const string MessageSource = "telegram-export";

    public SourceType Type => SourceType.TelegramExport;

    public async Task<PageOutcome> ReadPageAsync(Source source, IngestionState state, CancellationToken cancellationToken)
    {
        if (state.Export is not { } export)
        {
            return PageOutcome.Failed(state, $"Nothing to import: upload a Telegram Desktop export (result.json) with POST /api/sources/{source.Id}/upload first.");
        }

        try
        {
            var pageSize = options.Value.ExportPageSize;
            var counts = RunCounts.Zero;
            var skipped = new List<SkippedItem>();
            var at = export.At;
            ChatKey? firstChat = null;
            var delivery = Delivery.Export(MessageSource, source.Id);
            await using var stream = await uploads.OpenReadAsync(export.UploadId, at?.ByteOffset ?? 0, cancellationToken);
            await foreach (var exported in TelegramExportReader.ReadAsync(stream, at, cancellationToken))
            {
                counts = counts with { Fetched = counts.Fetched + 1 };
                try
                {
                    if (TelegramExportMapping.Map(exported, delivery, clock.GetUtcNow()) is { } message)
                    {
                        counts = counts.Saved(await messages.SaveAsync(message, cancellationToken));
                        firstChat ??= message.Key;
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

                at = exported.Next;
                if (counts.Fetched == pageSize)
                {
                    break;
                }
            }

            if (source.ChatId is null && firstChat is { } chatId)
            {
                await sources.SetChatAsync(source.Id, chatId, cancellationToken);
            }

            var position = at?.Index ?? 0;
            var total = state.Total is { } known ? $" of {known}" : "";
            return new PageOutcome(new PageResult(counts, skipped), state with { Position = position, Export = export with { At = at } },
                More: counts.Fetched == pageSize && position < (state.Total ?? long.MaxValue), $"{position}{total} message(s) imported.");
        }
        catch (TelegramExportException e)
        {
            return PageOutcome.Failed(state, $"The upload is not a Telegram Desktop JSON export: {e.Message}");
        }
        catch (FileNotFoundException)
        {
            return PageOutcome.Failed(state, $"The upload this run imports was deleted; upload the export again with POST /api/sources/{source.Id}/upload.");
        }
    }
}
