using System.Collections.Concurrent;
using System.Threading.Channels;
using Microsoft.Data.Sqlite;

namespace Sift.Storage;

/// <summary>
/// The embedded queue. Every operation goes through one writer that commits whatever has piled
/// up in a single transaction (group commit), so a burst of webhook requests costs one fsync
/// instead of one each, and each caller returns only once its operation is durable.
/// </summary>
internal sealed partial class SqliteQueueClient : IQueueClient, IAsyncDisposable
{
    private const int MaxBatch = 512;
    private readonly SqliteDatabase database;
    private readonly TimeProvider clock;
    private readonly Channel<QueueOperation> operations = Channel.CreateUnbounded<QueueOperation>(new() { SingleReader = true });
    private readonly ConcurrentDictionary<string, TaskCompletionSource> arrivals = new();
    private readonly Task writer;

    public SqliteQueueClient(SqliteDatabase database, TimeProvider clock)
    {
        this.database = database;
        this.clock = clock;
        using (var connection = database.Open())
        {
            SqliteDatabase.Execute(connection, """
                CREATE TABLE IF NOT EXISTS messages (
                    seq INTEGER PRIMARY KEY AUTOINCREMENT,
                    id TEXT NOT NULL UNIQUE,
                    queue TEXT NOT NULL,
                    body TEXT NOT NULL,
                    inserted_at INTEGER NOT NULL,
                    visible_at INTEGER NOT NULL,
                    dequeue_count INTEGER NOT NULL DEFAULT 0,
                    pop_receipt TEXT);
                CREATE INDEX IF NOT EXISTS ix_messages_visible ON messages (queue, visible_at, seq);
                """);
        }

        writer = Task.Run(WriteLoopAsync);
    }

    public Task SendAsync(string queue, string body, TimeSpan? delay, CancellationToken cancellationToken) =>
        Submit(new Send(queue, body, delay ?? TimeSpan.Zero), cancellationToken);

    public async Task<IReadOnlyList<QueueMessage>> ReceiveAsync(string queue, int maxMessages, TimeSpan visibilityTimeout, CancellationToken cancellationToken) =>
        (IReadOnlyList<QueueMessage>)(await Submit(new Receive(queue, maxMessages, visibilityTimeout), cancellationToken))!;

    public async Task<bool> CompleteAsync(QueueMessage message, CancellationToken cancellationToken) =>
        (bool)(await Submit(new Complete(message), cancellationToken))!;

    public Task AbandonAsync(QueueMessage message, TimeSpan delay, CancellationToken cancellationToken) =>
        Submit(new Abandon(message, delay), cancellationToken);

    public Task DeadLetterAsync(QueueMessage message, CancellationToken cancellationToken) =>
        Submit(new DeadLetter(message), cancellationToken);

    public Task<long> CountAsync(string queue, CancellationToken cancellationToken)
    {
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM messages WHERE queue = $queue";
        command.Parameters.AddWithValue("$queue", queue);
        return Task.FromResult((long)command.ExecuteScalar()!);
    }

    public async Task WaitForMessagesAsync(string queue, TimeSpan maxWait, CancellationToken cancellationToken)
    {
        var arrival = arrivals.GetOrAdd(queue, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        try
        {
            await arrival.Task.WaitAsync(maxWait, clock, cancellationToken);
        }
        catch (TimeoutException)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        operations.Writer.TryComplete();
        await writer;
    }

    private async Task<object?> Submit(QueueOperation operation, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(!operations.Writer.TryWrite(operation), this);

        // Once submitted the operation will be committed; cancellation only stops the wait.
        return await operation.Completion.Task.WaitAsync(cancellationToken);
    }

    private void Signal(string queue)
    {
        if (arrivals.TryRemove(queue, out var arrival))
        {
            arrival.TrySetResult();
        }
    }

    private async Task WriteLoopAsync()
    {
        var batch = new List<QueueOperation>(MaxBatch);
        using var connection = database.Open();
        while (await operations.Reader.WaitToReadAsync())
        {
            while (batch.Count < MaxBatch && operations.Reader.TryRead(out var operation))
            {
                batch.Add(operation);
            }

            Commit(connection, batch);
            batch.Clear();
        }
    }

    private void Commit(SqliteConnection connection, List<QueueOperation> batch)
    {
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        try
        {
            using var transaction = connection.BeginTransaction();
            var results = batch.Select(operation => operation.Execute(connection, transaction, now)).ToList();
            transaction.Commit();
            for (var i = 0; i < batch.Count; i++)
            {
                batch[i].Completion.TrySetResult(results[i]);
                if (batch[i] is Send { Delay: var delay } send && delay <= TimeSpan.Zero)
                {
                    Signal(send.Queue);
                }
            }
        }
        catch (Exception e)
        {
            foreach (var operation in batch)
            {
                operation.Completion.TrySetException(e);
            }
        }
    }
}
