namespace Sift.Storage;

/// <summary>
/// The queue port, with Azure Storage queue semantics: a received message is invisible for the
/// visibility timeout and comes back unless completed; its dequeue count says how often it was
/// handed out.
/// </summary>
public interface IQueueClient
{
    Task SendAsync(string queue, string body, TimeSpan? delay, CancellationToken cancellationToken);

    Task<IReadOnlyList<QueueMessage>> ReceiveAsync(string queue, int maxMessages, TimeSpan visibilityTimeout, CancellationToken cancellationToken);

    /// <returns>False when the message was no longer held with this receipt (it timed out and was handed out again).</returns>
    Task<bool> CompleteAsync(QueueMessage message, CancellationToken cancellationToken);

    /// <summary>Makes a received message visible again after <paramref name="delay"/>.</summary>
    Task AbandonAsync(QueueMessage message, TimeSpan delay, CancellationToken cancellationToken);

    /// <summary>Moves a received message to <c>{queue}-poison</c>.</summary>
    Task DeadLetterAsync(QueueMessage message, CancellationToken cancellationToken);

    /// <summary>Messages in the queue, visible or not.</summary>
    Task<long> CountAsync(string queue, CancellationToken cancellationToken);

    /// <summary>Returns when messages may have arrived, or after <paramref name="maxWait"/> at the latest.</summary>
    Task WaitForMessagesAsync(string queue, TimeSpan maxWait, CancellationToken cancellationToken);
}

public sealed record QueueMessage(string Queue, string Id, string PopReceipt, string Body, long DequeueCount, DateTimeOffset InsertedAt);

public static class QueueNames
{
    public static string Poison(string queue) => $"{queue}-poison";
}
