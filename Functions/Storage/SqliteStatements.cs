using Microsoft.Data.Sqlite;

namespace Sift.Storage;

/// <summary>
/// Prepared statements of one long-lived connection, reused across executions: SQLite parses
/// each statement once instead of once per operation. Not thread-safe; owned by one writer.
/// </summary>
internal sealed class SqliteStatements(SqliteConnection connection) : IDisposable
{
    private readonly Dictionary<string, SqliteCommand> commands = [];

    public SqliteTransaction? Transaction { get; set; }

    /// <summary>The statement for <paramref name="sql"/>, bound to <paramref name="parameters"/>; do not dispose it.</summary>
    public SqliteCommand Bind(string sql, params ReadOnlySpan<(string Name, object Value)> parameters)
    {
        if (!commands.TryGetValue(sql, out var command))
        {
            command = connection.CreateCommand();
            command.CommandText = sql;
            commands[sql] = command;
        }

        command.Transaction = Transaction;
        command.Parameters.Clear();
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return command;
    }

    public void Dispose()
    {
        foreach (var command in commands.Values)
        {
            command.Dispose();
        }
    }
}
