using Azure;
using Azure.Storage.Queues;
using AzureMessage = Azure.Storage.Queues.Models.QueueMessage;

namespace Sift.Storage;

/// <summary>
/// The queue port on Azure Storage queues, the queues the Functions host's queue triggers read.
/// Where Azure differs from the SQLite queue: visibility is whole seconds (shorter times round up),
/// counts are approximate, peeking sees only the first 32 visible messages, a poison copy starts
/// with a dequeue count of 0, and nothing pushes arrivals (waiting polls).
/// </summary>
internal sealed class AzureQueueClient(QueueServiceClient service, TimeProvider clock, TimeSpan pollingInterval) : IQueueClient
{
    /// <summary>Azure's cap on a receive or a peek.</summary>
    private const int MaxBatch = 32;

    /// <summary>Messages never expire (Azure's default is 7 days): a backlog must not silently vanish.</summary>
    private static readonly TimeSpan NeverExpires = TimeSpan.FromSeconds(-1);

    /// <summary>How long messages stay hidden while <see cref="FindAsync"/> looks through a queue for one id.</summary>
    private static readonly TimeSpan ScanLease = TimeSpan.FromSeconds(30);

    private readonly CreatedOnce<QueueClient> queues = new(async name =>
    {
        var client = service.GetQueueClient(name);
        await client.CreateIfNotExistsAsync();
        return client;
    });

    public async Task SendAsync(string queue, string body, TimeSpan? delay, CancellationToken cancellationToken)
    {
        QueueLimits.EnsureFits(queue, body);
        var visibility = delay is { } later && later > TimeSpan.Zero ? WholeSeconds(later) : (TimeSpan?)null;
        await (await QueueAsync(queue, cancellationToken)).SendMessageAsync(body, visibility, NeverExpires, cancellationToken);
    }

    public async Task<IReadOnlyList<QueueMessage>> ReceiveAsync(string queue, int maxMessages, TimeSpan visibilityTimeout, CancellationToken cancellationToken)
    {
        var client = await QueueAsync(queue, cancellationToken);
        AzureMessage[] received = await client.ReceiveMessagesAsync(Math.Clamp(maxMessages, 1, MaxBatch), WholeSeconds(visibilityTimeout), cancellationToken);
        return [.. received.Select(m => Map(queue, m))];
    }

    public async Task<QueueMessage?> RenewAsync(QueueMessage message, TimeSpan visibilityTimeout, CancellationToken cancellationToken)
    {
        var receipt = await HeldAsync(() => UpdateVisibilityAsync(message, WholeSeconds(visibilityTimeout), cancellationToken));
        return receipt is null ? null : message with { PopReceipt = receipt };
    }

    public async Task<bool> CompleteAsync(QueueMessage message, CancellationToken cancellationToken) =>
        await HeldAsync(async () =>
        {
            await (await QueueAsync(message.Queue, cancellationToken)).DeleteMessageAsync(message.Id, message.PopReceipt, cancellationToken);
            return "deleted";
        }) is not null;

    public Task AbandonAsync(QueueMessage message, TimeSpan delay, CancellationToken cancellationToken) =>
        HeldAsync(() => UpdateVisibilityAsync(message, delay > TimeSpan.Zero ? WholeSeconds(delay) : TimeSpan.Zero, cancellationToken));

    /// <summary>Copy first, then delete: a crash in between leaves a duplicate in the poison queue, never a lost message.</summary>
    public async Task DeadLetterAsync(QueueMessage message, CancellationToken cancellationToken)
    {
        await SendAsync(QueueNames.Poison(message.Queue), message.Body, null, cancellationToken);
        await CompleteAsync(message, cancellationToken);
    }

    public async Task<long> CountAsync(string queue, CancellationToken cancellationToken) =>
        (await (await QueueAsync(queue, cancellationToken)).GetPropertiesAsync(cancellationToken)).Value.ApproximateMessagesCountLong;

    public async Task<QueueDepth> MeasureAsync(string queue, CancellationToken cancellationToken)
    {
        var count = await CountAsync(queue, cancellationToken);
        var first = (await (await QueueAsync(queue, cancellationToken)).PeekMessagesAsync(1, cancellationToken)).Value.FirstOrDefault();
        return new QueueDepth(count, first?.InsertedOn);
    }

    public async Task<IReadOnlyList<QueueMessage>> PeekAsync(string queue, string? afterId, int maxMessages, CancellationToken cancellationToken)
    {
        var peeked = (await (await QueueAsync(queue, cancellationToken)).PeekMessagesAsync(MaxBatch, cancellationToken)).Value
            .Select(m => new QueueMessage(queue, m.MessageId, "", m.Body.ToString(), m.DequeueCount, m.InsertedOn ?? clock.GetUtcNow()));
        // Ids are not ordered in Azure: "after" means after that message among the peeked ones.
        var after = afterId is null ? peeked : peeked.SkipWhile(m => m.Id != afterId).Skip(1);
        return [.. after.Take(maxMessages)];
    }

    public async Task<bool> MoveAsync(string fromQueue, string id, string toQueue, CancellationToken cancellationToken)
    {
        if (await FindAsync(fromQueue, id, cancellationToken) is not { } found)
        {
            return false;
        }

        await SendAsync(toQueue, found.Body, null, cancellationToken);
        await CompleteAsync(found, cancellationToken);
        return true;
    }

    public async Task<bool> DeleteAsync(string queue, string id, CancellationToken cancellationToken) =>
        await FindAsync(queue, id, cancellationToken) is { } found && await CompleteAsync(found, cancellationToken);

    /// <summary>Leases carry no owner in Azure, and there the host receives: a lease ends with its visibility timeout.</summary>
    public Task<int> ReleaseLeasesAsync(IReadOnlyCollection<string> owners, CancellationToken cancellationToken) => Task.FromResult(0);

    /// <summary>Azure pushes nothing: peek every <c>pollingInterval</c> until a message is visible or the wait ends.</summary>
    public async Task WaitForMessagesAsync(string queue, TimeSpan maxWait, CancellationToken cancellationToken)
    {
        var client = await QueueAsync(queue, cancellationToken);
        var deadline = clock.GetUtcNow() + maxWait;
        while ((await client.PeekMessagesAsync(1, cancellationToken)).Value.Length == 0 && deadline - clock.GetUtcNow() is { Ticks: > 0 } left)
        {
            await Task.Delay(left < pollingInterval ? left : pollingInterval, clock, cancellationToken);
        }
    }

    /// <summary>
    /// Deleting needs a pop receipt, so receive (briefly) until the message turns up; the others received
    /// on the way are made visible again at once. The scan ends at an empty batch, or when messages
    /// passed earlier come round again (a queue too long to scan within the lease).
    /// </summary>
    private async Task<QueueMessage?> FindAsync(string queue, string id, CancellationToken cancellationToken)
    {
        var passed = new Dictionary<string, QueueMessage>();
        try
        {
            while (true)
            {
                var batch = await ReceiveAsync(queue, MaxBatch, ScanLease, cancellationToken);
                var found = batch.FirstOrDefault(m => m.Id == id);
                var seenBefore = batch.Any(m => passed.ContainsKey(m.Id));
                foreach (var other in batch.Where(m => m != found))
                {
                    passed[other.Id] = other;
                }

                if (found is not null || batch.Count == 0 || seenBefore)
                {
                    return found;
                }
            }
        }
        finally
        {
            await Task.WhenAll(passed.Values.Select(m => AbandonAsync(m, TimeSpan.Zero, CancellationToken.None)));
        }
    }

    private async Task<string> UpdateVisibilityAsync(QueueMessage message, TimeSpan visibility, CancellationToken cancellationToken)
    {
        var client = await QueueAsync(message.Queue, cancellationToken);
        return (await client.UpdateMessageAsync(message.Id, message.PopReceipt, (BinaryData?)null, visibility, cancellationToken)).Value.PopReceipt;
    }

    /// <summary>
    /// Runs a call that needs the message to be held with its receipt: null when it is not (404: gone;
    /// 400: its receipt is stale because the message timed out and was handed out again).
    /// </summary>
    private static async Task<string?> HeldAsync(Func<Task<string>> call)
    {
        try
        {
            return await call();
        }
        catch (RequestFailedException e) when (e.Status is 404 or 400 && e.ErrorCode is "MessageNotFound" or "PopReceiptMismatch")
        {
            return null;
        }
    }

    private Task<QueueClient> QueueAsync(string queue, CancellationToken cancellationToken) => queues.GetAsync(queue, cancellationToken);

    private QueueMessage Map(string queue, AzureMessage message) =>
        new(queue, message.MessageId, message.PopReceipt, message.Body.ToString(), message.DequeueCount, message.InsertedOn ?? clock.GetUtcNow());

    /// <summary>Azure counts visibility in whole seconds, at least one for a lease.</summary>
    private static TimeSpan WholeSeconds(TimeSpan span) => TimeSpan.FromSeconds(Math.Max(1, Math.Ceiling(span.TotalSeconds)));
}
