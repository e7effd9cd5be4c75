using Microsoft.Data.Sqlite;

namespace Sift.Storage;

/// <summary>
/// The standalone search index, in its own file (<c>search.db</c>) written through the
/// group-committing <see cref="SqliteWriter"/>: one row per (chat key, message) with its date,
/// embedder and int8 embedding (<see cref="SearchVectors"/>), and its text in an FTS5 table
/// whose rowid is that row's id. Every write gives the row the next <c>seq</c> in the same
/// statement, so <see cref="SearchVectorCache"/> can follow what any process wrote. unicode61 with remove_diacritics 2 folds case in every script
/// and strips accents, so Cyrillic, Greek and accented Latin match as typed.
/// </summary>
public sealed class SqliteSearchIndex : ISearchIndex, IAsyncDisposable
{
    private const string Find = """
        SELECT e.id, e.date, e.version, e.vector, t.text, e.class, e.sender_id, e.sender, e.topics FROM search_entries e JOIN search_text t ON t.rowid = e.id
        WHERE e.chat_id = $chat AND e.message_id = $message
        """;

    /// <summary>Above every seq committed so far: evaluated inside the writing statement, under the file's write lock.</summary>
    private const string NextSeq = "(SELECT coalesce(max(seq), 0) + 1 FROM search_entries)";

    private readonly SqliteDatabase database;
    private readonly SqliteWriter writer;
    private readonly SearchVectorCache cache = new();

    internal SqliteSearchIndex(SqliteDatabase database)
    {
        this.database = database;
        using (var connection = database.Open())
        {
            SqliteDatabase.Execute(connection, """
                CREATE TABLE IF NOT EXISTS search_entries (
                    id INTEGER PRIMARY KEY,
                    chat_id TEXT NOT NULL,
                    message_id INTEGER NOT NULL,
                    date INTEGER NOT NULL,
                    version TEXT NOT NULL,
                    vector BLOB NOT NULL,
                    seq INTEGER NOT NULL DEFAULT 0,
                    UNIQUE (chat_id, message_id));
                CREATE INDEX IF NOT EXISTS ix_search_entries_chat_date ON search_entries (chat_id, date);
                CREATE INDEX IF NOT EXISTS ix_search_entries_date ON search_entries (date);
                CREATE VIRTUAL TABLE IF NOT EXISTS search_text USING fts5 (text, tokenize = 'unicode61 remove_diacritics 2');
                """);
            AddSequence(connection);
            AddFilterColumns(connection);
        }

        writer = new SqliteWriter(database);
    }

    /// <summary>Opens (creating when missing) the index in the file at <paramref name="path"/>.</summary>
    public static SqliteSearchIndex Open(string path) => new(new SqliteDatabase(path));

    public Task IndexAsync(SearchEntry entry, CancellationToken cancellationToken)
    {
        var date = entry.Date.ToUnixTimeMilliseconds();
        var vector = SearchVectors.Quantize(entry.Embedding);
        var topics = SearchVectorCache.JoinTopics(entry.Topics);
        (string, object)[] details =
            [("$class", entry.Class), ("$senderId", entry.SenderId is { } sender ? sender : DBNull.Value), ("$sender", (object?)entry.Sender ?? DBNull.Value), ("$topics", topics)];
        return writer.WriteAsync(statements =>
        {
            long? id = null;
            using (var found = statements.Bind(Find, ("$chat", entry.Chat), ("$message", entry.MessageId)).ExecuteReader())
            {
                if (found.Read())
                {
                    if (found.GetInt64(1) == date && found.GetString(2) == entry.EmbeddingVersion
                        && ((byte[])found.GetValue(3)).AsSpan().SequenceEqual(vector) && found.GetString(4) == entry.Text && found.GetString(5) == entry.Class
                        && (found.IsDBNull(6) ? null : found.GetInt64(6)) == entry.SenderId && (found.IsDBNull(7) ? null : found.GetString(7)) == entry.Sender
                        && found.GetString(8) == topics)
                    {
                        return false;
                    }

                    id = found.GetInt64(0);
                }
            }

            if (id is { } existing)
            {
                statements.Bind(
                    $"UPDATE search_entries SET date = $date, version = $version, vector = $vector, class = $class, sender_id = $senderId, sender = $sender, topics = $topics, seq = {NextSeq} WHERE id = $id",
                    [("$date", date), ("$version", entry.EmbeddingVersion), ("$vector", vector), ("$id", existing), .. details]).ExecuteNonQuery();
                statements.Bind("UPDATE search_text SET text = $text WHERE rowid = $id", ("$text", entry.Text), ("$id", existing)).ExecuteNonQuery();
                return true;
            }

            var inserted = (long)statements.Bind(
                $"""
                INSERT INTO search_entries (chat_id, message_id, date, version, vector, class, sender_id, sender, topics, seq)
                VALUES ($chat, $message, $date, $version, $vector, $class, $senderId, $sender, $topics, {NextSeq}) RETURNING id
                """,
                [("$chat", entry.Chat), ("$message", entry.MessageId), ("$date", date), ("$version", entry.EmbeddingVersion), ("$vector", vector), .. details]).ExecuteScalar()!;
            statements.Bind("INSERT INTO search_text (rowid, text) VALUES ($id, $text)", ("$id", inserted), ("$text", entry.Text)).ExecuteNonQuery();
            return true;
        }, cancellationToken);
    }

    public Task ReclassifyAsync(string chat, long messageId, string messageClass, CancellationToken cancellationToken) =>
        writer.WriteAsync(statements => statements.Bind(
            $"UPDATE search_entries SET class = $class, seq = {NextSeq} WHERE chat_id = $chat AND message_id = $message AND class <> $class",
            ("$class", messageClass), ("$chat", chat), ("$message", messageId)).ExecuteNonQuery() > 0, cancellationToken);

    public Task<IReadOnlyList<SearchHit>> SearchAsync(SearchRequest request, CancellationToken cancellationToken)
    {
        using var connection = database.Open();
        // One read transaction: the cache catches up to the snapshot the full-text queries then read.
        using var transaction = connection.BeginTransaction(deferred: true);
        cache.Refresh(connection, transaction);
        return Task.FromResult(new SqliteSearchQuery(connection, transaction, cache, request).Run(cancellationToken));
    }

    /// <summary>Entries the in-memory cache holds (loaded by the first search, not at open).</summary>
    internal int CachedEntries => cache.Count;

    /// <summary>
    /// Files made before <c>seq</c> existed get the column, each row numbered by its id; inside
    /// an immediate transaction, so two processes opening the same old file migrate it once.
    /// </summary>
    private static void AddSequence(SqliteConnection connection)
    {
        using var transaction = connection.BeginTransaction();
        using var check = connection.CreateCommand();
        check.Transaction = transaction;
        check.CommandText = "SELECT count(*) FROM pragma_table_info('search_entries') WHERE name = 'seq'";
        if ((long)check.ExecuteScalar()! == 0)
        {
            SqliteDatabase.Execute(connection, """
                ALTER TABLE search_entries ADD COLUMN seq INTEGER NOT NULL DEFAULT 0;
                UPDATE search_entries SET seq = id;
                """, transaction);
        }

        SqliteDatabase.Execute(connection, "CREATE INDEX IF NOT EXISTS ix_search_entries_seq ON search_entries (seq);", transaction);
        transaction.Commit();
    }

    /// <summary>
    /// Files made before the filters existed get their columns (class, sender, topics): their
    /// entries have no class until their messages are analysed again, and pass the default filter.
    /// </summary>
    private static void AddFilterColumns(SqliteConnection connection)
    {
        using var transaction = connection.BeginTransaction();
        using var check = connection.CreateCommand();
        check.Transaction = transaction;
        check.CommandText = "SELECT count(*) FROM pragma_table_info('search_entries') WHERE name = 'class'";
        if ((long)check.ExecuteScalar()! == 0)
        {
            SqliteDatabase.Execute(connection, """
                ALTER TABLE search_entries ADD COLUMN class TEXT NOT NULL DEFAULT '';
                ALTER TABLE search_entries ADD COLUMN sender_id INTEGER;
                ALTER TABLE search_entries ADD COLUMN sender TEXT;
                ALTER TABLE search_entries ADD COLUMN topics TEXT NOT NULL DEFAULT '';
                """, transaction);
        }

        transaction.Commit();
    }

    public async ValueTask DisposeAsync()
    {
        await writer.DisposeAsync();
        cache.Dispose();
    }
}
