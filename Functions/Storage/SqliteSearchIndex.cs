using Microsoft.Data.Sqlite;

namespace Sift.Storage;

/// <summary>
/// The standalone search index, in its own file (<c>search.db</c>) written through the
/// group-committing <see cref="SqliteWriter"/>: one row per (chat, message) with its date,
/// embedder and int8 embedding (<see cref="SearchVectors"/>), and its text in an FTS5 table
/// whose rowid is that row's id. unicode61 with remove_diacritics 2 folds case in every script
/// and strips accents, so Cyrillic, Greek and accented Latin match as typed.
/// </summary>
public sealed class SqliteSearchIndex : ISearchIndex, IAsyncDisposable
{
    private const string Find = """
        SELECT e.id, e.date, e.version, e.vector, t.text FROM search_entries e JOIN search_text t ON t.rowid = e.id
        WHERE e.chat_id = $chat AND e.message_id = $message
        """;

    private readonly SqliteDatabase database;
    private readonly SqliteWriter writer;

    internal SqliteSearchIndex(SqliteDatabase database)
    {
        this.database = database;
        using (var connection = database.Open())
        {
            SqliteDatabase.Execute(connection, """
                CREATE TABLE IF NOT EXISTS search_entries (
                    id INTEGER PRIMARY KEY,
                    chat_id INTEGER NOT NULL,
                    message_id INTEGER NOT NULL,
                    date INTEGER NOT NULL,
                    version TEXT NOT NULL,
                    vector BLOB NOT NULL,
                    UNIQUE (chat_id, message_id));
                CREATE INDEX IF NOT EXISTS ix_search_entries_chat_date ON search_entries (chat_id, date);
                CREATE INDEX IF NOT EXISTS ix_search_entries_date ON search_entries (date);
                CREATE VIRTUAL TABLE IF NOT EXISTS search_text USING fts5 (text, tokenize = 'unicode61 remove_diacritics 2');
                """);
        }

        writer = new SqliteWriter(database);
    }

    /// <summary>Opens (creating when missing) the index in the file at <paramref name="path"/>.</summary>
    public static SqliteSearchIndex Open(string path) => new(new SqliteDatabase(path));

    public Task IndexAsync(SearchEntry entry, CancellationToken cancellationToken)
    {
        var date = entry.Date.ToUnixTimeMilliseconds();
        var vector = SearchVectors.Quantize(entry.Embedding);
        return writer.WriteAsync(statements =>
        {
            long? id = null;
            using (var found = statements.Bind(Find, ("$chat", entry.ChatId), ("$message", entry.MessageId)).ExecuteReader())
            {
                if (found.Read())
                {
                    if (found.GetInt64(1) == date && found.GetString(2) == entry.EmbeddingVersion
                        && ((byte[])found.GetValue(3)).AsSpan().SequenceEqual(vector) && found.GetString(4) == entry.Text)
                    {
                        return false;
                    }

                    id = found.GetInt64(0);
                }
            }

            if (id is { } existing)
            {
                statements.Bind("UPDATE search_entries SET date = $date, version = $version, vector = $vector WHERE id = $id",
                    ("$date", date), ("$version", entry.EmbeddingVersion), ("$vector", vector), ("$id", existing)).ExecuteNonQuery();
                statements.Bind("UPDATE search_text SET text = $text WHERE rowid = $id", ("$text", entry.Text), ("$id", existing)).ExecuteNonQuery();
                return true;
            }

            var inserted = (long)statements.Bind(
                "INSERT INTO search_entries (chat_id, message_id, date, version, vector) VALUES ($chat, $message, $date, $version, $vector) RETURNING id",
                ("$chat", entry.ChatId), ("$message", entry.MessageId), ("$date", date), ("$version", entry.EmbeddingVersion), ("$vector", vector)).ExecuteScalar()!;
            statements.Bind("INSERT INTO search_text (rowid, text) VALUES ($id, $text)", ("$id", inserted), ("$text", entry.Text)).ExecuteNonQuery();
            return true;
        }, cancellationToken);
    }

    public Task<IReadOnlyList<SearchHit>> SearchAsync(SearchRequest request, CancellationToken cancellationToken)
    {
        using var connection = database.Open();
        return Task.FromResult(new SqliteSearchQuery(connection, request).Run(cancellationToken));
    }

    public ValueTask DisposeAsync() => writer.DisposeAsync();
}
