using Microsoft.Extensions.Options;
using Sift.Messages;
using Sift.Security;
using Sift.Telegram;
using Sift.Telegram.Mapping;

namespace Sift.Ingestion;

/// <summary>
/// Reads a bot's updates with getUpdates, a batch per page, through the webhook's mapping and save
/// path. The offset moves on only after a batch is stored, so a crash re-reads it (and saving it
/// again changes nothing) instead of losing it.
/// </summary>
internal sealed class PollingIngester(
    BotRegistry bots, TelegramBotApi telegram, SecretProtector secrets, SourceRegistry sources, MessageStore messages,
    TimeProvider clock, IOptions<IngestionOptions> options) : ISourceIngester
{
    public const string MessageSource = "telegram-polling";

    public SourceType Type => SourceType.TelegramPolling;

    public async Task<PageOutcome> ReadPageAsync(Source source, IngestionState state, CancellationToken cancellationToken)
    {
        var bot = await bots.FindAsync(source.BotId!.Value, cancellationToken);
        if (bot is null)
        {
            return PageOutcome.Failed(state, $"Bot {source.BotId} is no longer registered.");
        }

        if (bot.WebhookUrl is { } webhook)
        {
            return PageOutcome.Failed(state, $"Bot {bot.Id} has a webhook ({webhook}), and Telegram refuses getUpdates while one is set. " +
                "Call deleteWebhook for the bot (or register it without Telegram:PublicBaseUrl) to poll it, or let the webhook deliver its updates.");
        }

        var cursor = await sources.GetCursorAsync(source.Id, cancellationToken);
        var from = state.Offset;
        IReadOnlyList<System.Text.Json.JsonElement> updates;
        try
        {
            updates = await telegram.GetUpdatesAsync(secrets.Unprotect(bot.ProtectedToken, BotRegistry.TokenBinding(bot.Id)), from, options.Value.PollingBatchSize, options.Value.PollingTimeout, cancellationToken);
        }
        catch (TelegramApiException e) when (e.ErrorCode == 409 && e.Message.Contains("webhook", StringComparison.OrdinalIgnoreCase))
        {
            // Telegram's other 409 ("terminated by other getUpdates request") is a concurrent poll: it propagates and the step is retried.
            return PageOutcome.Failed(state, $"Telegram refused getUpdates: {e.Message}. A webhook is set for bot {bot.Id}; call deleteWebhook to poll it instead.");
        }
        catch (TelegramApiException e) when (e.ErrorCode is 401 or 404)
        {
            return PageOutcome.Failed(state, $"Telegram rejected bot {bot.Id}'s token: {e.Message}. Register the bot again with a valid token.");
        }

        var (result, lastUpdateId) = await SaveAsync(updates, Delivery.Bot(MessageSource, bot.Id), cancellationToken);
        var offset = lastUpdateId is { } last ? last + 1 : from;
        await sources.SaveCursorAsync(cursor with { Offset = offset, LastRequestAt = clock.GetUtcNow() }, cancellationToken);
        var position = state.Position + updates.Count;
        return new PageOutcome(result, state with { Position = position, Offset = offset }, More: updates.Count == options.Value.PollingBatchSize,
            $"{position} update(s) read; next offset {offset?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none"}.");
    }

    private async Task<(PageResult Result, long? LastUpdateId)> SaveAsync(IReadOnlyList<System.Text.Json.JsonElement> updates, Delivery delivery, CancellationToken cancellationToken)
    {
        var counts = RunCounts.Zero with { Fetched = updates.Count };
        var skipped = new List<SkippedItem>();
        long? lastUpdateId = null;
        foreach (var update in updates)
        {
            if (update.TryGetProperty("update_id", out var id) && id.TryGetInt64(out var updateId))
            {
                lastUpdateId = Math.Max(lastUpdateId ?? updateId, updateId);
            }

            try
            {
                var mapping = UpdateMapper.Map(update, delivery, clock.GetUtcNow());
                counts = mapping.Message is null
                    ? counts with { Ignored = counts.Ignored + 1 }
                    : counts.Saved(await messages.SaveAsync(mapping.Message, cancellationToken));
            }
            catch (MalformedUpdateException e)
            {
                counts = counts with { Failed = counts.Failed + 1 };
                skipped.Add(new SkippedItem($"update {lastUpdateId}", e.Message));
            }
        }

        return (new PageResult(counts, skipped), lastUpdateId);
    }

}
