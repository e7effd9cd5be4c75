namespace Sift.Storage;

/// <summary>
/// The queue port, with Azure Storage queue semantics: a received message is invisible for the
/// visibility timeout and comes back unless completed; its dequeue count says how often it was
/// handed out. Every call that changes a held message needs its latest pop receipt.
/// </summary>
public interface IQueueClient
{
    Task SendAsync(string queue, string body, TimeSpan? delay, CancellationToken cancellationToken);

    Task<IReadOnlyList<QueueMessage>> ReceiveAsync(string queue, int maxMessages, TimeSpan visibilityTimeout, CancellationToken cancellationToken);

    /// <summary>
    /// Keeps a held message invisible for <paramref name="visibilityTimeout"/> from now, for a handler that outlasts its lease.
    /// Azure: UpdateMessage with the visibility timeout; it answers a new pop receipt, which the returned message carries.
    /// </summary>
    /// <returns>The message with its new receipt, or null when it was no longer held with this receipt.</returns>
    Task<QueueMessage?> RenewAsync(QueueMessage message, TimeSpan visibilityTimeout, CancellationToken cancellationToken);

    /// <returns>False when the message was no longer held with this receipt (it timed out and was handed out again).</returns>
    Task<bool> CompleteAsync(QueueMessage message, CancellationToken cancellationToken);

    /// <summary>Makes a received message visible again after <paramref name="delay"/>.</summary>
    Task AbandonAsync(QueueMessage message, TimeSpan delay, CancellationToken cancellationToken);

    /// <summary>Moves a received message to <c>{queue}-poison</c>.</summary>
    Task DeadLetterAsync(QueueMessage message, CancellationToken cancellationToken);

    /// <summary>Messages in the queue, visible or not.</summary>
    Task<long> CountAsync(string queue, CancellationToken cancellationToken);

    /// <summary>
    /// Depth and age of a queue. Azure: ApproximateMessagesCount from the queue's properties, and the
    /// insertion time of the first message PeekMessages returns (it sees visible messages only).
    /// </summary>
    Task<QueueDepth> MeasureAsync(string queue, CancellationToken cancellationToken);

    /// <summary>
    /// Up to <paramref name="maxMessages"/> messages in arrival order after the message <paramref name="afterId"/>,
    /// without receiving them (dequeue counts do not change). Azure: PeekMessages sees at most the first
    /// 32 visible messages; the adapter filters those by id and cannot page past them.
    /// </summary>
    Task<IReadOnlyList<QueueMessage>> PeekAsync(string queue, string? afterId, int maxMessages, CancellationToken cancellationToken);

    /// <summary>
    /// Moves the message <paramref name="id"/> of <paramref name="fromQueue"/> to the end of <paramref name="toQueue"/>
    /// with its dequeue count reset. Azure: deleting needs a pop receipt, so the adapter receives from
    /// <paramref name="fromQueue"/> (32 at a time, short visibility) until it holds the id, sends its body
    /// to <paramref name="toQueue"/>, then deletes it.
    /// </summary>
    /// <returns>False when <paramref name="fromQueue"/> holds no such message.</returns>
    Task<bool> MoveAsync(string fromQueue, string id, string toQueue, CancellationToken cancellationToken);

    /// <summary>Deletes the message <paramref name="id"/> whoever holds it. Azure: receive it as for <see cref="MoveAsync"/>, then delete.</summary>
    /// <returns>False when the queue holds no such message.</returns>
    Task<bool> DeleteAsync(string queue, string id, CancellationToken cancellationToken);

    /// <summary>
    /// Makes the messages that <paramref name="owners"/> (processes that are gone) had received visible at once,
    /// instead of after their lease. Azure: leases carry no owner and only the host receives, so the
    /// adapter returns 0 and the messages return when their visibility timeout ends.
    /// </summary>
    /// <returns>How many messages were released.</returns>
    Task<int> ReleaseLeasesAsync(IReadOnlyCollection<string> owners, CancellationToken cancellationToken);

    /// <summary>Returns when messages may have arrived, or after <paramref name="maxWait"/> at the latest.</summary>
    Task WaitForMessagesAsync(string queue, TimeSpan maxWait, CancellationToken cancellationToken);
}

public sealed record QueueMessage(string Queue, string Id, string PopReceipt, string Body, long DequeueCount, DateTimeOffset InsertedAt);

/// <summary>How many messages a queue holds (visible or not) and when the oldest arrived.</summary>
public sealed record QueueDepth(long Count, DateTimeOffset? OldestInsertedAt);

public static class QueueNames
{
    public static string Poison(string queue) => $"{queue}-poison";
}

/// <summary>
/// What one message may hold, on every adapter alike, so a flow that works standalone does not meet
/// an opaque 413 in Azure: Azure keeps 64 KiB of message text, and base64 (host.json's
/// <c>messageEncoding</c>) turns every 3 bytes into 4, which leaves 48 KiB of UTF-8.
/// </summary>
public static class QueueLimits
{
    public const int MaxBodyBytes = 48 * 1024;

    public static bool Fits(string body) => System.Text.Encoding.UTF8.GetByteCount(body) <= MaxBodyBytes;

    /// <exception cref="ArgumentException">The body is over <see cref="MaxBodyBytes"/>: a sender stores such a payload first and sends its id.</exception>
    public static void EnsureFits(string queue, string body)
    {
        if (!Fits(body))
        {
            throw new ArgumentException(
                $"A message for queue '{queue}' is {System.Text.Encoding.UTF8.GetByteCount(body)} bytes of UTF-8; a queue message holds at most {MaxBodyBytes} "
                + "(64 KiB once base64-encoded). Store the payload first and send its id.", nameof(body));
        }
    }
}
