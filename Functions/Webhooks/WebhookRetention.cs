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
    private const int Batch = 200;

    /// <returns>How many documents were deleted. Not a hot path: it queries across partitions.</returns>
    public async Task<int> PurgeAsync(CancellationToken cancellationToken)
    {
        var before = clock.GetUtcNow() - options.Value.Retention;
        var attempts = await PurgeAsync<WebhookAttemptDocument>(WebhookAttemptDocument.Collection, "at", before, a => (a.WebhookId, a.Id), cancellationToken);
        var events = await PurgeAsync<WebhookEventDocument>(WebhookEvents.Collection, "time", before, e => (e.Id, e.Id), cancellationToken);
        if (attempts + events > 0)
        {
            LogPurged(logger, events, attempts);
        }

        return attempts + events;
    }

    private async Task<int> PurgeAsync<T>(
        string collection, string timeField, DateTimeOffset before, Func<T, (string Partition, string Id)> address, CancellationToken cancellationToken)
    {
        var deleted = 0;
        Page<T> page;
        do
        {
            // Always the first page: what the last one held is gone.
            page = await store.QueryAsync<T>(collection, new DocumentQuery { SortField = timeField, Descending = false, Limit = Batch }.Within(null, before), cancellationToken);
            foreach (var (partition, id) in page.Items.Select(address))
            {
                deleted += await store.DeleteAsync(collection, partition, id, cancellationToken) ? 1 : 0;
            }
        }
        while (page.Items.Count == Batch);

        return deleted;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Maintenance deleted {Events} webhook event(s) and {Attempts} delivery-log entries past their retention")]
    private static partial void LogPurged(ILogger logger, int events, int attempts);
}
