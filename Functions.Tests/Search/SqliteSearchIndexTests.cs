using Microsoft.Data.Sqlite;
using Sift.Analysis.Offline;
using Sift.Storage;
using Sift.Tests.Infrastructure;

namespace Sift.Tests.Search;

/// <summary>The SQLite adapter on a temporary file: what it stores, and what a query compares.</summary>
public sealed class SqliteSearchIndexTests : IAsyncLifetime
{
    private readonly TempDirectory directory = new();
    private SqliteSearchIndex index = null!;

    private string File => Path.Combine(directory.Path, SearchIndexes.File);

    public Task InitializeAsync()
    {
        index = SqliteSearchIndex.Open(File);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await index.DisposeAsync();
        SqliteConnection.ClearAllPools();
        directory.Dispose();
    }

    [Fact]
    public async Task AReclassifiedEntryIsFilteredByItsNewClassInTheSameProcessAndAnother()
    {
        await index.IndexAsync(SearchCorpus.Entries[0] with { Class = "signal" }, default);
        var request = new SearchRequest("deployment production", HashingEmbedder.Embed("deployment production"), SearchCorpus.Version, null, null, null, 10, ["signal"]);
        Assert.Single(await index.SearchAsync(request, default));

        await index.ReclassifyAsync("1", 1, "spam", default);

        Assert.Empty(await index.SearchAsync(request, default));
        await using var other = SqliteSearchIndex.Open(File);
        Assert.Empty(await other.SearchAsync(request, default));
        Assert.Equal("spam", Assert.Single(await other.SearchAsync(request with { Classes = ["spam"] }, default)).Class);
    }

    [Fact]
    public async Task ReindexingTheSameEntryChangesNothing()
    {
        var entry = SearchCorpus.Entries[0];
        await index.IndexAsync(entry, default);
        var before = Snapshot();

        await index.IndexAsync(entry with { Embedding = (float[])entry.Embedding.Clone() }, default);

        Assert.Equal(before, Snapshot());
        Assert.Equal("1 1", before.Split('|')[0]);
    }

    [Fact]
    public async Task NewVersionOfAMessageReplacesItsEntry()
    {
        await index.IndexAsync(SearchCorpus.Entry(1, 1, 0, "first words"), default);

        await index.IndexAsync(SearchCorpus.Entry(1, 1, 5, "second words"), default);

        Assert.Empty(await SearchAsync("first"));
        var hit = Assert.Single(await SearchAsync("second"));
        Assert.Equal(("1", 1L, SearchCorpus.Start.AddHours(5)), (hit.Chat, hit.MessageId, hit.Date));
    }

    [Fact]
    public async Task EntriesOfAnotherEmbedderMatchByWordsOnly()
    {
        await index.IndexAsync(SearchCorpus.Entries[0] with { EmbeddingVersion = "another-embedder" }, default);

        var hit = Assert.Single(await SearchAsync("deployment"));

        Assert.Null(hit.VectorScore);
        Assert.NotNull(hit.TextScore);
    }

    [Fact]
    public async Task VectorsAreStoredAsOneByteADimensionAndScoreLikeTheFloats()
    {
        await SearchCorpus.IndexAsync(index);

        var hit = (await SearchAsync("deployment to production")).First(h => h.MessageId == 1);

        Assert.Equal(HashingEmbedder.Size, Scalar<long>("SELECT length(vector) FROM search_entries LIMIT 1"));
        var exact = HashingEmbedder.Embed("deployment to production").Zip(SearchCorpus.Entries[0].Embedding, (a, b) => (double)a * b).Sum();
        Assert.InRange(hit.VectorScore!.Value, exact - 0.02, exact + 0.02);
    }

    [Fact]
    public async Task UnrelatedMessagesBelowTheSimilarityFloorAreLeftOut()
    {
        await SearchCorpus.IndexAsync(index);

        var hits = await SearchAsync("zzzqqq");

        Assert.Empty(hits);
    }

    private Task<IReadOnlyList<SearchHit>> SearchAsync(string text) =>
        index.SearchAsync(new SearchRequest(text, HashingEmbedder.Embed(text), SearchCorpus.Version, null, null, null, 20), default);

    /// <summary>Counts of both tables and every stored column, so any change shows.</summary>
    private string Snapshot() =>
        $"{Scalar<long>("SELECT count(*) FROM search_entries")} {Scalar<long>("SELECT count(*) FROM search_text")}|"
        + Scalar<string>("SELECT group_concat(id || ',' || chat_id || ',' || message_id || ',' || date || ',' || version || ',' || hex(vector)) FROM search_entries")
        + Scalar<string>("SELECT group_concat(rowid || ':' || text) FROM search_text");

    private T Scalar<T>(string sql)
    {
        using var connection = new SqliteConnection($"Data Source={File}");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (T)command.ExecuteScalar()!;
    }
}
