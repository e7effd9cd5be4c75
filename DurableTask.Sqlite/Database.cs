using System.Diagnostics.CodeAnalysis;
using Microsoft.Data.Sqlite;

namespace Sift.DurableTask.Sqlite;

/// <summary>
/// The SQLite file in WAL mode with synchronous=FULL: a committed transaction survives a crash or power loss.
/// Writes are serialised in this process (one writer at a time, each in a BEGIN IMMEDIATE transaction, so a
/// read-then-write never races another process either); reads use pooled connections beside the writer. Nothing
/// to dispose: the sidecar may stop the service on its own after its host disposed it, so the gate outlives it.
/// </summary>
[SuppressMessage("Design", "CA1001", Justification = "A SemaphoreSlim whose wait handle is never asked for holds nothing to dispose.")]
internal sealed class Database
{
    private readonly string connectionString;
    private readonly SemaphoreSlim writer = new(1, 1);

    public Database(string path)
    {
        OwnerOnly.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        // An empty file is an empty database to SQLite; created here, it is private, and so are its -wal and -shm.
        OwnerOnly.TryOpen(path, FileMode.OpenOrCreate, FileShare.ReadWrite)?.Dispose();
        connectionString = new SqliteConnectionStringBuilder { DataSource = path, Pooling = true, DefaultTimeout = 30 }.ToString();
        using var connection = Open();
        Execute(connection, null, "PRAGMA journal_mode=WAL");
        using var transaction = connection.BeginTransaction();
        Execute(connection, transaction, Schema.Script);
        transaction.Commit();
    }

    public async Task<T> WriteAsync<T>(Func<SqliteConnection, SqliteTransaction, T> work, CancellationToken cancellationToken = default)
    {
        await writer.WaitAsync(cancellationToken);
        try
        {
            using var connection = Open();
            using var transaction = connection.BeginTransaction(deferred: false);
            var result = work(connection, transaction);
            transaction.Commit();
            return result;
        }
        finally
        {
            writer.Release();
        }
    }

    public Task WriteAsync(Action<SqliteConnection, SqliteTransaction> work, CancellationToken cancellationToken = default) =>
        WriteAsync((connection, transaction) =>
        {
            work(connection, transaction);
            return true;
        }, cancellationToken);

    public T Read<T>(Func<SqliteConnection, T> work)
    {
        using var connection = Open();
        return work(connection);
    }

    public static int Execute(SqliteConnection connection, SqliteTransaction? transaction, string sql, params (string Name, object? Value)[] parameters)
    {
        using var command = Command(connection, transaction, sql, parameters);
        return command.ExecuteNonQuery();
    }

    public static object? Scalar(SqliteConnection connection, SqliteTransaction? transaction, string sql, params (string Name, object? Value)[] parameters)
    {
        using var command = Command(connection, transaction, sql, parameters);
        var value = command.ExecuteScalar();
        return value is DBNull ? null : value;
    }

    public static List<T> Query<T>(SqliteConnection connection, SqliteTransaction? transaction, string sql, Func<SqliteDataReader, T> map, params (string Name, object? Value)[] parameters)
    {
        using var command = Command(connection, transaction, sql, parameters);
        using var reader = command.ExecuteReader();
        var rows = new List<T>();
        while (reader.Read())
        {
            rows.Add(map(reader));
        }

        return rows;
    }

    private static SqliteCommand Command(SqliteConnection connection, SqliteTransaction? transaction, string sql, (string Name, object? Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        return command;
    }

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection(connectionString);
        connection.Open();
        Execute(connection, null, "PRAGMA synchronous=FULL; PRAGMA busy_timeout=30000");
        return connection;
    }
}
