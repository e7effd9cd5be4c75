using System.Collections.Concurrent;
using System.Globalization;

namespace Sift.Storage;

/// <summary>
/// The embedded queue: one table, written only through the group-committing <see cref="SqliteWriter"/>,
/// so a burst of webhook requests costs one fsync and each send returns once it is durable.
/// Ids are the rowid, so inserts append to the table and its index instead of scattering.
/// A received message is stamped with the receiving process (<c>owner</c>), so a process that
/// starts after a crash can release what the dead one held.
/// </summary>
internal sealed class SqliteQueueClient : IQueueClient, IAsyncDisposable
{
    private const string Insert = "INSERT INTO messages (queue, body, inserted_at, visible_at) VALUES ($queue, $body, $now, $visible)";
    private const string Remove = "DELETE FROM messages WHERE id = $id AND pop_receipt = $receipt";
    private readonly SqliteDatabase database;
    private readonly SqliteWriter writer;
    private readonly TimeProvider clock;
    private readonly ConcurrentDictionary<string, TaskCompletionSource> arrivals = new();
    private readonly string owner;

    public SqliteQueueClient(SqliteDatabase database, TimeProvider clock, string owner)
    {
        this.database = database;
        this.clock = clock;
        this.owner = owner;
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
                    pop_receipt TEXT,
                    owner TEXT);
                CREATE INDEX IF NOT EXISTS ix_messages_visible ON messages (queue, visible_at, id);
                """);
            AddOwnerColumn(connection);
        }

        writer = new SqliteWriter(database);
    }

    public async Task SendAsync(string queue, string body, TimeSpan? delay, CancellationToken cancellationToken)
    {
        QueueLimits.EnsureFits(queue, body);
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
                UPDATE messages SET visible_at = $until, dequeue_count = dequeue_count + 1, pop_receipt = $receipt, owner = $owner
                WHERE id IN (SELECT id FROM messages WHERE queue = $queue AND visible_at <= $now ORDER BY visible_at, id LIMIT $max)
                RETURNING id, body, inserted_at, dequeue_count
                """,
                ("$until", now + Milliseconds(visibilityTimeout)), ("$receipt", receipt), ("$queue", queue), ("$now", now), ("$max", maxMessages), ("$owner", owner)).ExecuteReader();
            var messages = new List<QueueMessage>();
            while (reader.Read())
            {
                messages.Add(new QueueMessage(queue, reader.GetInt64(0).ToString(CultureInfo.InvariantCulture), receipt, reader.GetString(1),
                    reader.GetInt64(3), DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(2))));
            }

            return messages;
        }, cancellationToken);
    }

    public Task<QueueMessage?> RenewAsync(QueueMessage message, TimeSpan visibilityTimeout, CancellationToken cancellationToken)
    {
        var until = Now() + Milliseconds(visibilityTimeout);
        var receipt = Guid.NewGuid().ToString("N");
        return writer.WriteAsync(statements => statements.Bind("UPDATE messages SET visible_at = $until, pop_receipt = $new WHERE id = $id AND pop_receipt = $receipt",
            [("$until", until), ("$new", receipt), .. Held(message)]).ExecuteNonQuery() == 1 ? message with { PopReceipt = receipt } : null, cancellationToken);
    }

    public Task<bool> CompleteAsync(QueueMessage message, CancellationToken cancellationToken) =>
        writer.WriteAsync(statements => statements.Bind(Remove, Held(message)).ExecuteNonQuery() == 1, cancellationToken);

    public Task AbandonAsync(QueueMessage message, TimeSpan delay, CancellationToken cancellationToken)
    {
        var visible = Now() + Milliseconds(delay);
        return writer.WriteAsync(statements => statements.Bind("UPDATE messages SET visible_at = $visible WHERE id = $id AND pop_receipt = $receipt",
            [("$visible", visible), .. Held(message)]).ExecuteNonQuery(), cancellationToken);
    }

    /// <summary>The poison copy keeps the dequeue count, so whoever reads the poison queue sees how often it was tried.</summary>
    public Task DeadLetterAsync(QueueMessage message, CancellationToken cancellationToken)
    {
        var now = Now();
        return writer.WriteAsync(statements => statements.Bind(Remove, Held(message)).ExecuteNonQuery() == 1
            && statements.Bind("INSERT INTO messages (queue, body, inserted_at, visible_at, dequeue_count) VALUES ($queue, $body, $now, $now, $count)",
                ("$queue", QueueNames.Poison(message.Queue)), ("$body", message.Body), ("$now", now), ("$count", message.DequeueCount)).ExecuteNonQuery() == 1,
            cancellationToken);
    }

    public async Task<long> CountAsync(string queue, CancellationToken cancellationToken) => (await MeasureAsync(queue, cancellationToken)).Count;

    public Task<QueueDepth> MeasureAsync(string queue, CancellationToken cancellationToken)
    {
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*), MIN(inserted_at) FROM messages WHERE queue = $queue";
        command.Parameters.AddWithValue("$queue", queue);
        using var reader = command.ExecuteReader();
        reader.Read();
        return Task.FromResult(new QueueDepth(reader.GetInt64(0), reader.IsDBNull(1) ? null : DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(1))));
    }

    public Task<IReadOnlyList<QueueMessage>> PeekAsync(string queue, string? afterId, int maxMessages, CancellationToken cancellationToken)
    {
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT id, body, inserted_at, dequeue_count FROM messages WHERE queue = $queue AND id > $after ORDER BY id LIMIT $max";
        command.Parameters.AddWithValue("$queue", queue);
        command.Parameters.AddWithValue("$after", afterId is null ? 0 : ParseId(afterId));
        command.Parameters.AddWithValue("$max", maxMessages);
        using var reader = command.ExecuteReader();
        var messages = new List<QueueMessage>();
        while (reader.Read())
        {
            messages.Add(new QueueMessage(queue, reader.GetInt64(0).ToString(CultureInfo.InvariantCulture), "", reader.GetString(1),
                reader.GetInt64(3), DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(2))));
        }

        return Task.FromResult<IReadOnlyList<QueueMessage>>(messages);
    }

    public async Task<bool> MoveAsync(string fromQueue, string id, string toQueue, CancellationToken cancellationToken)
    {
        var now = Now();
        var moved = await writer.WriteAsync(statements => statements.Bind("""
            UPDATE messages SET queue = $to, visible_at = $now, dequeue_count = 0, pop_receipt = NULL, owner = NULL
            WHERE id = $id AND queue = $from
            """, ("$to", toQueue), ("$now", now), ("$id", ParseId(id)), ("$from", fromQueue)).ExecuteNonQuery() == 1, cancellationToken);
        if (moved)
        {
            Signal(toQueue);
        }

        return moved;
    }

    public Task<bool> DeleteAsync(string queue, string id, CancellationToken cancellationToken) =>
        writer.WriteAsync(statements => statements.Bind("DELETE FROM messages WHERE id = $id AND queue = $queue", ("$id", ParseId(id)), ("$queue", queue)).ExecuteNonQuery() == 1,
            cancellationToken);

    public async Task<int> ReleaseLeasesAsync(IReadOnlyCollection<string> owners, CancellationToken cancellationToken)
    {
        var now = Now();
        var released = 0;
        foreach (var gone in owners)
        {
            released += await writer.WriteAsync(statements => statements.Bind(
                "UPDATE messages SET visible_at = $now, pop_receipt = NULL, owner = NULL WHERE owner = $owner AND visible_at > $now",
                ("$now", now), ("$owner", gone)).ExecuteNonQuery(), cancellationToken);
        }

        foreach (var queue in arrivals.Keys)
        {
            Signal(queue);
        }

        return released;
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

    private static (string, object)[] Held(QueueMessage message) => [("$id", ParseId(message.Id)), ("$receipt", message.PopReceipt)];

    /// <summary>An id this adapter did not issue matches no message.</summary>
    private static long ParseId(string id) => long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) ? parsed : -1;

    /// <summary>Queue files from before leases had owners gain the column.</summary>
    private static void AddOwnerColumn(Microsoft.Data.Sqlite.SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM pragma_table_info('messages') WHERE name = 'owner'";
        if ((long)command.ExecuteScalar()! == 0)
        {
            SqliteDatabase.Execute(connection, "ALTER TABLE messages ADD COLUMN owner TEXT");
        }
    }
}
