using System.Threading.Channels;
using Microsoft.Data.Sqlite;

namespace Sift.Storage;

/// <summary>
/// The one writer of a SQLite file. Writes from every caller are queued and whatever has piled
/// up is committed in one transaction (group commit): a burst costs one fsync instead of one
/// each, writers never wait on each other's locks, and each caller's task completes only once
/// its write is durable. An operation reports domain outcomes (a conflict, a stale ETag) as its
/// result, so one caller's conflict never rolls back another's write. The queue is bounded:
/// when the disk falls behind, writers wait to be accepted instead of piling up in memory.
/// </summary>
internal sealed class SqliteWriter : IAsyncDisposable
{
    private const int MaxBatch = 512;

    /// <summary>Operations waiting for the writer: eight full batches, so group commits stay full while memory stays bounded.</summary>
    internal const int DefaultCapacity = 4096;

    private readonly Channel<Operation> operations;
    private readonly Task loop;

    public SqliteWriter(SqliteDatabase database, int capacity = DefaultCapacity)
    {
        operations = Channel.CreateBounded<Operation>(new BoundedChannelOptions(capacity) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });
        var connection = database.Open();
        SqliteDatabase.Execute(connection, "PRAGMA synchronous=FULL;");
        loop = Task.Run(() => WriteLoopAsync(connection));
    }

    public async Task<T> WriteAsync<T>(Func<SqliteStatements, T> write, CancellationToken cancellationToken)
    {
        var operation = new Operation(statements => write(statements));
        try
        {
            // Cancelled while waiting for room, the write is never made.
            await operations.Writer.WriteAsync(operation, cancellationToken);
        }
        catch (ChannelClosedException)
        {
            throw new ObjectDisposedException(nameof(SqliteWriter));
        }

        // Once accepted the write will be committed; cancellation only stops the wait.
        return (T)(await operation.Completion.Task.WaitAsync(cancellationToken))!;
    }

    public async ValueTask DisposeAsync()
    {
        operations.Writer.TryComplete();
        await loop;
    }

    private async Task WriteLoopAsync(SqliteConnection connection)
    {
        using var owned = connection;
        using var statements = new SqliteStatements(connection);
        var batch = new List<Operation>(MaxBatch);
        while (await operations.Reader.WaitToReadAsync())
        {
            while (batch.Count < MaxBatch && operations.Reader.TryRead(out var operation))
            {
                batch.Add(operation);
            }

            Commit(connection, statements, batch);
            batch.Clear();
        }
    }

    private static void Commit(SqliteConnection connection, SqliteStatements statements, List<Operation> batch)
    {
        try
        {
            using var transaction = connection.BeginTransaction();
            statements.Transaction = transaction;
            var results = batch.ConvertAll(operation => operation.Write(statements));
            transaction.Commit();
            for (var i = 0; i < batch.Count; i++)
            {
                batch[i].Completion.TrySetResult(results[i]);
            }
        }
        catch (Exception e)
        {
            foreach (var operation in batch)
            {
                operation.Completion.TrySetException(e);
            }
        }
        finally
        {
            statements.Transaction = null;
        }
    }

    private sealed class Operation(Func<SqliteStatements, object?> write)
    {
        public Func<SqliteStatements, object?> Write { get; } = write;

        public TaskCompletionSource<object?> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
