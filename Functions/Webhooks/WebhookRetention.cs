using Microsoft.Extensions.Options;
using Sift.Storage;

namespace Sift.Webhooks;

/// <summary>
/// Maintenance's part for outgoing webhooks: deletes stored events and delivery-log entries older than
/// <see cref="WebhookOptions.Retention"/>, a page at a time from the oldest, so the two collections stop growing. Safe to run
/// again or beside itself: a document already gone is skipped. A decision repeated after its event is deleted is
/// published again, with the same delivery id (receivers deduplicate on it).
/// </summary>
public sealed partial class WebhookRetention(IDocumentStore store, TimeProvider clock, IOptions<WebhookOptions> options, ILogger<WebhookRetention> logger)
{
    /// <returns>How many documents were deleted.</returns>
    public async Task<int> PurgeAsync(CancellationToken cancellationToken)
    {
        var before = UtcTimestampConverter.ToText(clock.GetUtcNow() - options.Value.Retention);
        var attempts = await store.DeleteBeforeAsync<WebhookAttemptDocument>(WebhookAttemptDocument.Collection, "at", before, a => (a.WebhookId, a.Id), cancellationToken);
        var events = await store.DeleteBeforeAsync<WebhookEventDocument>(WebhookEvents.Collection, "time", before, e => (e.Id, e.Id), cancellationToken);
        if (attempts + events > 0)
        {
            LogPurged(logger, events, attempts);
        }

        return attempts + events;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Maintenance deleted {Events} webhook event(s) and {Attempts} delivery-log entries past their retention")]
    private static partial void LogPurged(ILogger logger, int events, int attempts);
}
