using System.Collections.Concurrent;
using System.Globalization;

namespace Sift.Storage;

/// <summary>
/// The embedded queue: one table, written only through the group-committing <see cref="SqliteWriter"/>,
/// so a burst of webhook requests costs one fsync and each send returns once it is durable.
/// Ids are the rowid, so inserts append to the table and its index instead of scattering.
/// </summary>
internal sealed class SqliteQueueClient : IQueueClient, IAsyncDisposable
{
    private const string Insert = "INSERT INTO messages (queue, body, inserted_at, visible_at) VALUES ($queue, $body, $now, $visible)";
    private const string Remove = "DELETE FROM messages WHERE id = $id AND pop_receipt = $receipt";
    private readonly SqliteDatabase database;
    private readonly SqliteWriter writer;
    private readonly TimeProvider clock;
    private readonly ConcurrentDictionary<string, TaskCompletionSource> arrivals = new();

    public SqliteQueueClient(SqliteDatabase database, TimeProvider clock)
    {
        this.database = database;
        this.clock = clock;
        using (var connection = database.Open())
        {
            SqliteDatabase.Execute(connection, """
                CREATE TABLE IF NOT EXISTS messages (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    queue TEXT NOT NULL,
                    body TEXT NOT NULL,
                    inserted_at INTEGER NOT NULL,
                    visible_at INTEGER NOT NULL,
                    dequeue_count INTEGER NOT NULL DEFAULT 0,
                    pop_receipt TEXT);
                CREATE INDEX IF NOT EXISTS ix_messages_visible ON messages (queue, visible_at, id);
                """);
        }

        writer = new SqliteWriter(database);
    }

    public async Task SendAsync(string queue, string body, TimeSpan? delay, CancellationToken cancellationToken)
    {
        var now = Now();
        await writer.WriteAsync(statements => statements.Bind(Insert,
            ("$queue", queue), ("$body", body), ("$now", now), ("$visible", now + Milliseconds(delay ?? TimeSpan.Zero))).ExecuteNonQuery(), cancellationToken);
        if (delay is null || delay <= TimeSpan.Zero)
        {
            Signal(queue);
        }
    }

    public Task<IReadOnlyList<QueueMessage>> ReceiveAsync(string queue, int maxMessages, TimeSpan visibilityTimeout, CancellationToken cancellationToken)
    {
        var now = Now();
        var receipt = Guid.NewGuid().ToString("N");
        return writer.WriteAsync<IReadOnlyList<QueueMessage>>(statements =>
        {
            using var reader = statements.Bind("""
                UPDATE messages SET visible_at = $until, dequeue_count = dequeue_count + 1, pop_receipt = $receipt
                WHERE id IN (SELECT id FROM messages WHERE queue = $queue AND visible_at <= $now ORDER BY visible_at, id LIMIT $max)
                RETURNING id, body, inserted_at, dequeue_count
                """,
                ("$until", now + Milliseconds(visibilityTimeout)), ("$receipt", receipt), ("$queue", queue), ("$now", now), ("$max", maxMessages)).ExecuteReader();
            var messages = new List<QueueMessage>();
            while (reader.Read())
            {
                messages.Add(new QueueMessage(queue, reader.GetInt64(0).ToString(CultureInfo.InvariantCulture), receipt, reader.GetString(1),
                    reader.GetInt64(3), DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(2))));
            }

            return messages;
        }, cancellationToken);
    }

    public Task<bool> CompleteAsync(QueueMessage message, CancellationToken cancellationToken) =>
        writer.WriteAsync(statements => statements.Bind(Remove, Held(message)).ExecuteNonQuery() == 1, cancellationToken);

    public Task AbandonAsync(QueueMessage message, TimeSpan delay, CancellationToken cancellationToken)
    {
        var visible = Now() + Milliseconds(delay);
        return writer.WriteAsync(statements => statements.Bind("UPDATE messages SET visible_at = $visible WHERE id = $id AND pop_receipt = $receipt",
            [("$visible", visible), .. Held(message)]).ExecuteNonQuery(), cancellationToken);
    }

    public Task DeadLetterAsync(QueueMessage message, CancellationToken cancellationToken)
    {
        var now = Now();
        return writer.WriteAsync(statements => statements.Bind(Remove, Held(message)).ExecuteNonQuery() == 1
            && statements.Bind(Insert, ("$queue", QueueNames.Poison(message.Queue)), ("$body", message.Body), ("$now", now), ("$visible", now)).ExecuteNonQuery() == 1,
            cancellationToken);
    }

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

    public ValueTask DisposeAsync() => writer.DisposeAsync();

    private void Signal(string queue)
    {
        if (arrivals.TryRemove(queue, out var arrival))
        {
            arrival.TrySetResult();
        }
    }

    private long Now() => clock.GetUtcNow().ToUnixTimeMilliseconds();

    private static long Milliseconds(TimeSpan span) => (long)span.TotalMilliseconds;

    private static (string, object)[] Held(QueueMessage message) =>
        [("$id", long.Parse(message.Id, CultureInfo.InvariantCulture)), ("$receipt", message.PopReceipt)];
}
