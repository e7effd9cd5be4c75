using System.Diagnostics.Metrics;
using Sift.Hosting;
using Sift.Messages;
using Sift.Storage;
using Sift.Telegram.Mapping;

namespace Sift.Telegram;

/// <summary>
/// Queue function on <c>telegram-updates</c>: stores the message an update carries through the one
/// idempotent save path. Update types Sift does not store are counted as ignored, not failed; a
/// malformed update can never be stored, so it goes to the poison queue at once with the reason.
/// </summary>
internal sealed partial class ProcessTelegramUpdate(
    MessageStore messages, IDocumentStore store, TimeProvider clock, TelegramMetrics metrics, ILogger<ProcessTelegramUpdate> logger)
    : IQueueHandler<TelegramUpdateMessage>
{
    public async Task HandleAsync(TelegramUpdateMessage message, CancellationToken cancellationToken)
    {
        using var scope = logger.BeginScope(new Dictionary<string, object> { ["CorrelationId"] = message.CorrelationId, ["BotId"] = message.BotId });
        try
        {
            await ProcessAsync(message, cancellationToken);
        }
        catch (MalformedUpdateException e)
        {
            // Its payload, if any, stays for whoever reads the poison queue.
            throw new PermanentMessageException($"Update from bot {message.BotId} is malformed: {e.Message}", e);
        }
    }

    private async Task ProcessAsync(TelegramUpdateMessage message, CancellationToken cancellationToken)
    {
        var update = message.Update ?? await LoadPayloadAsync(message.PayloadId, cancellationToken);
        if (update is null)
        {
            // The payload is deleted only after its message was saved: this is a redelivery of finished work.
            metrics.Count("unchanged", "payload-gone");
            return;
        }

        var mapping = UpdateMapper.Map(update.Value, Delivery.Bot(message.Source, message.BotId), clock.GetUtcNow());
        if (mapping.Message is null)
        {
            LogIgnored(logger, mapping.UpdateId, mapping.UpdateType);
            metrics.Count("ignored", mapping.UpdateType);
        }
        else
        {
            var outcome = await messages.SaveAsync(mapping.Message with { CorrelationId = message.CorrelationId }, cancellationToken);
            metrics.Count(outcome.ToString().ToLowerInvariant(), mapping.UpdateType);
        }

        // Only once the update is handled.
        if (message.PayloadId is { } payloadId)
        {
            await store.DeleteAsync(UpdatePayload.Collection, payloadId, payloadId, cancellationToken);
        }
    }

    private async Task<System.Text.Json.JsonElement?> LoadPayloadAsync(string? payloadId, CancellationToken cancellationToken) =>
        payloadId is null
            ? throw new MalformedUpdateException("The queue message carries neither an update nor a payload id.")
            : (await store.GetAsync<UpdatePayload>(UpdatePayload.Collection, payloadId, payloadId, cancellationToken))?.Value.Update;

    [LoggerMessage(Level = LogLevel.Debug, Message = "Update {UpdateId} of type {UpdateType} ignored")]
    private static partial void LogIgnored(ILogger logger, long updateId, string updateType);
}

/// <summary>Counts processed updates by outcome (created, updated, unchanged, ignored) and update type.</summary>
public sealed class TelegramMetrics
{
    public const string MeterName = "Sift.Telegram";
    private readonly Counter<long> updates;

    public TelegramMetrics(IMeterFactory meters) =>
        updates = meters.Create(MeterName).CreateCounter<long>("sift.telegram.updates", description: "Telegram updates processed, by outcome and type");

    public void Count(string outcome, string updateType) =>
        updates.Add(1, new KeyValuePair<string, object?>("outcome", outcome), new KeyValuePair<string, object?>("update_type", updateType));
}
