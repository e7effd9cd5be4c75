using Microsoft.Data.Sqlite;

namespace Sift.Storage;

/// <summary>One SQLite file in WAL mode: readers use pooled connections and never block the one <see cref="SqliteWriter"/>.</summary>
internal sealed class SqliteDatabase
{
    private readonly string connectionString;

    public SqliteDatabase(string path)
    {
        PrivateFiles.PrepareDatabase(path);
        connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();
        using var connection = Open();
        Execute(connection, "PRAGMA journal_mode=WAL;");
    }

    /// <summary>The invariant lower case of a text, for case-insensitive matching in every script.</summary>
    public const string FoldFunction = "sift_fold";

    public SqliteConnection Open()
    {
        var connection = new SqliteConnection(connectionString);
        connection.Open();
        connection.CreateFunction(FoldFunction, (string? text) => text?.ToLowerInvariant(), isDeterministic: true);
        return connection;
    }

    public static void Execute(SqliteConnection connection, string sql, SqliteTransaction? transaction = null)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        command.ExecuteNonQuery();
    }
}
