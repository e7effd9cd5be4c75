using Microsoft.Data.Sqlite;
using Sift.Analysis.Offline;
using Sift.Storage;
using Sift.Tests.Infrastructure;

namespace Sift.Tests.Search;

/// <summary>
/// The SQLite adapter's in-memory copy of the entries against the file: two indexes on one file
/// stand for two processes on one data directory, each with its own writer and its own cache.
/// </summary>
public sealed class SqliteSearchFreshnessTests : IDisposable
{
    private readonly TempDirectory directory = new();

    private string File => Path.Combine(directory.Path, SearchIndexes.File);

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        directory.Dispose();
    }

    [Fact]
    public async Task AnotherProcessesWritesAreSeenByTheNextSearch()
    {
        await using var reader = SqliteSearchIndex.Open(File);
        await using var writer = SqliteSearchIndex.Open(File);
        await writer.IndexAsync(SearchCorpus.Entry(1, 1, 0, "invoice overdue for the hosting provider"), default);
        Assert.Single(await SearchAsync(reader, "invoice"));

        await writer.IndexAsync(SearchCorpus.Entry(1, 2, 1, "kafka consumer lag keeps growing"), default);
        await writer.IndexAsync(SearchCorpus.Entry(1, 1, 2, "grafana dashboard shows nothing"), default);

        // No word in common, only n-grams: found by the vector side alone, so from the cache.
        var added = Assert.Single(await SearchAsync(reader, "consumers lagging"), h => h.MessageId == 2);
        Assert.Null(added.TextScore);
        Assert.Empty(await SearchAsync(reader, "invoice overdue"));
        var replaced = Assert.Single(await SearchAsync(reader, "grafana dashboard"), h => h.MessageId == 1);
        Assert.Equal(SearchCorpus.Start.AddHours(2), replaced.Date);
    }

    [Fact]
    public async Task ReplacedEntryIsFilteredByItsNewChatAndDate()
    {
        await using var reader = SqliteSearchIndex.Open(File);
        await using var writer = SqliteSearchIndex.Open(File);
        await writer.IndexAsync(SearchCorpus.Entry(1, 1, 0, "terraform plan shows drift"), default);
        Assert.Single(await SearchAsync(reader, "terraform drift"));

        await writer.IndexAsync(SearchCorpus.Entry(1, 1, 48, "terraform plan shows drift again"), default);

        var firstDay = await reader.SearchAsync(Request("terraform drift") with { Until = SearchCorpus.Start.AddHours(24) }, default);
        var thirdDay = await reader.SearchAsync(Request("terraform drift") with { Since = SearchCorpus.Start.AddHours(24) }, default);
        Assert.Empty(firstDay);
        Assert.Equal(1L, Assert.Single(thirdDay).MessageId);
    }

    [Fact]
    public async Task NothingIsLoadedUntilTheFirstSearch()
    {
        await using (var index = SqliteSearchIndex.Open(File))
        {
            await SearchCorpus.IndexAsync(index);
        }

        await using var reopened = SqliteSearchIndex.Open(File);
        Assert.Equal(0, reopened.CachedEntries);

        Assert.NotEmpty(await SearchAsync(reopened, "deployment"));
        Assert.Equal(SearchCorpus.Entries.Length, reopened.CachedEntries);
    }

    [Fact]
    public async Task IndexMadeBeforeTheSequenceColumnOpensAndKeepsUp()
    {
        CreateIndexWithoutSequence(SearchCorpus.Entries[0], SearchCorpus.Entries[6]);

        await using var index = SqliteSearchIndex.Open(File);
        var before = await SearchAsync(index, "deployment");
        await index.IndexAsync(SearchCorpus.Entries[3], default);
        await index.IndexAsync(SearchCorpus.Entries[0] with { Text = "lunch moved to Friday", Embedding = HashingEmbedder.Embed("lunch moved to Friday") }, default);

        Assert.Equal([1L, 7L], before.Select(h => h.MessageId).Order());
        Assert.Equal(7L, Assert.Single(await SearchAsync(index, "deployment staging")).MessageId);
        Assert.Contains(await SearchAsync(index, "Деплой продакшен"), h => h.MessageId == 4);
        Assert.Contains(await SearchAsync(index, "lunch Friday"), h => h.MessageId == 1);
    }

    private static Task<IReadOnlyList<SearchHit>> SearchAsync(SqliteSearchIndex index, string text) => index.SearchAsync(Request(text), default);

    private static SearchRequest Request(string text) => new(text, HashingEmbedder.Embed(text), SearchCorpus.Version, null, null, null, 20);

    /// <summary>The schema and rows as the adapter wrote them before entries had a sequence number.</summary>
    private void CreateIndexWithoutSequence(params SearchEntry[] entries)
    {
        Directory.CreateDirectory(directory.Path);
        using var connection = new SqliteConnection($"Data Source={File}");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = """
            CREATE TABLE search_entries (id INTEGER PRIMARY KEY, chat_id INTEGER NOT NULL, message_id INTEGER NOT NULL, date INTEGER NOT NULL,
                version TEXT NOT NULL, vector BLOB NOT NULL, UNIQUE (chat_id, message_id));
            CREATE VIRTUAL TABLE search_text USING fts5 (text, tokenize = 'unicode61 remove_diacritics 2');
            """;
        command.ExecuteNonQuery();
        foreach (var entry in entries)
        {
            using var insert = connection.CreateCommand();
            insert.CommandText = """
                INSERT INTO search_entries (chat_id, message_id, date, version, vector) VALUES ($chat, $message, $date, $version, $vector);
                INSERT INTO search_text (rowid, text) VALUES (last_insert_rowid(), $text);
                """;
            insert.Parameters.AddWithValue("$chat", entry.Chat);
            insert.Parameters.AddWithValue("$message", entry.MessageId);
            insert.Parameters.AddWithValue("$date", entry.Date.ToUnixTimeMilliseconds());
            insert.Parameters.AddWithValue("$version", entry.EmbeddingVersion);
            insert.Parameters.AddWithValue("$vector", Quantize(entry.Embedding));
            insert.Parameters.AddWithValue("$text", entry.Text);
            insert.ExecuteNonQuery();
        }
    }

    private static byte[] Quantize(float[] vector)
    {
        var scale = 127f / vector.Max(Math.Abs);
        return vector.Select(v => unchecked((byte)(sbyte)Math.Round(v * scale))).ToArray();
    }
}
