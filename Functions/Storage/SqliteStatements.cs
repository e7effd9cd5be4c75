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
        if (!SameNames(command.Parameters, parameters))
        {
            command.Parameters.Clear();
            foreach (var (name, _) in parameters)
            {
                command.Parameters.Add(new SqliteParameter { ParameterName = name });
            }
        }

        // Parameters are created once per statement; a later execution only changes their values.
        for (var i = 0; i < parameters.Length; i++)
        {
            command.Parameters[i].Value = parameters[i].Value;
        }

        return command;
    }

    private static bool SameNames(SqliteParameterCollection bound, ReadOnlySpan<(string Name, object Value)> parameters)
    {
        if (bound.Count != parameters.Length)
        {
            return false;
        }

        for (var i = 0; i < parameters.Length; i++)
        {
            if (bound[i].ParameterName != parameters[i].Name)
            {
                return false;
            }
        }

        return true;
    }

    public void Dispose()
    {
        foreach (var command in commands.Values)
        {
            command.Dispose();
        }
    }
}
