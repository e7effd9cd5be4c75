using System.Globalization;
using Microsoft.Data.Sqlite;
using Sift.Api;
using Sift.Storage;
using Sift.Tests.Infrastructure;

namespace Sift.Tests.Storage;

public sealed class SqliteDocumentStoreTests : IDisposable
{
    private readonly TempDirectory data = new();
    private readonly ContinuationProtection continuations = ContinuationProtection.Ephemeral();
    private readonly SqliteDocumentStore store;

    public SqliteDocumentStoreTests() =>
        store = new SqliteDocumentStore(new SqliteDatabase(Path.Combine(data.Path, "store.db")), [new CollectionDefinition("notes", ["at"], ["tag"])], continuations);

    public void Dispose() => data.Dispose();

    [Fact]
    public async Task CreateFailsWhenTheIdExists()
    {
        await store.CreateAsync("notes", "p", "1", new Note("1", "a", "2026-01-01"), default);

        await Assert.ThrowsAsync<DocumentConflictException>(() => store.CreateAsync("notes", "p", "1", new Note("1", "b", "2026-01-02"), default));
        Assert.Equal("a", (await store.GetAsync<Note>("notes", "p", "1", default))!.Value.Tag);
    }

    [Fact]
    public async Task SameIdInAnotherPartitionIsAnotherDocument()
    {
        await store.CreateAsync("notes", "p", "1", new Note("1", "a", "2026-01-01"), default);
        await store.CreateAsync("notes", "q", "1", new Note("1", "b", "2026-01-01"), default);

        Assert.Equal("b", (await store.GetAsync<Note>("notes", "q", "1", default))!.Value.Tag);
    }

    [Fact]
    public async Task ReplaceWithAStaleETagFails()
    {
        var created = await store.CreateAsync("notes", "p", "1", new Note("1", "a", "2026-01-01"), default);
        var replaced = await store.ReplaceAsync("notes", "p", "1", new Note("1", "b", "2026-01-01"), created.ETag, default);

        await Assert.ThrowsAsync<DocumentPreconditionException>(() => store.ReplaceAsync("notes", "p", "1", new Note("1", "c", "2026-01-01"), created.ETag, default));
        Assert.NotEqual(created.ETag, replaced.ETag);
        Assert.Equal("b", (await store.GetAsync<Note>("notes", "p", "1", default))!.Value.Tag);
    }

    [Fact]
    public async Task ConcurrentReplacesWithOneETagLetExactlyOneWin()
    {
        var created = await store.CreateAsync("notes", "p", "1", new Note("1", "start", "2026-01-01"), default);

        var results = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => Task.Run(async () =>
        {
            try
            {
                await store.ReplaceAsync("notes", "p", "1", new Note("1", $"w{i}", "2026-01-01"), created.ETag, default);
                return true;
            }
            catch (DocumentPreconditionException)
            {
                return false;
            }
        })));

        Assert.Single(results, won => won);
    }

    [Fact]
    public async Task UpsertAndDelete()
    {
        await store.UpsertAsync("notes", "p", "1", new Note("1", "a", "2026-01-01"), default);
        await store.UpsertAsync("notes", "p", "1", new Note("1", "b", "2026-01-01"), default);

        Assert.Equal("b", (await store.GetAsync<Note>("notes", "p", "1", default))!.Value.Tag);
        Assert.True(await store.DeleteAsync("notes", "p", "1", default));
        Assert.False(await store.DeleteAsync("notes", "p", "1", default));
        Assert.Null(await store.GetAsync<Note>("notes", "p", "1", default));
    }

    [Fact]
    public async Task QueryPagesThroughEveryDocumentOnceInSortOrder()
    {
        // Equal sort values across partitions: the keyset must still not skip or repeat any.
        for (var i = 0; i < 25; i++)
        {
            await store.CreateAsync("notes", $"p{i % 3}", $"n{i}", new Note($"n{i}", i % 2 == 0 ? "even" : "odd", $"2026-01-{1 + (i / 4):00}"), default);
        }

        var seen = new List<Note>();
        string? continuation = null;
        do
        {
            var page = await store.QueryAsync<Note>("notes", new DocumentQuery { SortField = "at", Limit = 4, Continuation = continuation }, default);
            Assert.True(page.Items.Count <= 4);
            seen.AddRange(page.Items);
            continuation = page.Continuation;
        }
        while (continuation is not null);

        Assert.Equal(25, seen.Select(n => n.Id).Distinct().Count());
        Assert.Equal(seen.Select(n => n.At).OrderDescending(), seen.Select(n => n.At));
    }

    [Fact]
    public async Task QueryFiltersByPartitionEqualityAndRange()
    {
        for (var i = 1; i <= 9; i++)
        {
            await store.CreateAsync("notes", i <= 6 ? "p" : "q", $"n{i}", new Note($"n{i}", i % 2 == 0 ? "even" : "odd", $"2026-01-0{i}"), default);
        }

        var query = new DocumentQuery { Partition = "p", SortField = "at", Descending = false, From = "2026-01-02", Until = "2026-01-06", Equal = new Dictionary<string, object> { ["tag"] = "even" } };
        var page = await store.QueryAsync<Note>("notes", query, default);

        Assert.Equal(["n2", "n4"], page.Items.Select(n => n.Id));
        Assert.Equal(2, await store.CountAsync("notes", query, default));
        Assert.Equal(3, await store.CountAsync("notes", new DocumentQuery { Partition = "q" }, default));
    }

    [Theory]
    [InlineData("not-a-token")]
    [InlineData("eyJ9")]
    [InlineData("eyJzb3J0IjpudWxsLCJwYXJ0aXRpb24iOiJwIiwiaWQiOiIxIn0.AAAAAAAAAAAAAAAAAAAAAA")]
    public async Task MalformedOrForgedContinuationIsRefused(string token)
    {
        await Assert.ThrowsAsync<InvalidContinuationException>(() => store.QueryAsync<Note>("notes", new DocumentQuery { SortField = "at", Continuation = token }, default));
    }

    [Fact]
    public async Task AlteredContinuationIsRefused()
    {
        var token = await FirstPageTokenAsync(new DocumentQuery { SortField = "at", Limit = 1 });
        var altered = (token[0] == 'A' ? 'B' : 'A') + token[1..];

        await Assert.ThrowsAsync<InvalidContinuationException>(() => store.QueryAsync<Note>("notes", new DocumentQuery { SortField = "at", Limit = 1, Continuation = altered }, default));
    }

    [Fact]
    public async Task ContinuationIsBoundToTheFiltersThatIssuedIt()
    {
        var token = await FirstPageTokenAsync(new DocumentQuery { SortField = "at", Limit = 1, Equal = new Dictionary<string, object> { ["tag"] = "a" } });

        await Assert.ThrowsAsync<InvalidContinuationException>(() => store.QueryAsync<Note>("notes",
            new DocumentQuery { SortField = "at", Limit = 1, Equal = new Dictionary<string, object> { ["tag"] = "b" }, Continuation = token }, default));
        await Assert.ThrowsAsync<InvalidContinuationException>(() => store.QueryAsync<Note>("notes",
            new DocumentQuery { SortField = "at", Limit = 1, Partition = "p", Continuation = token }, default));
        var next = await store.QueryAsync<Note>("notes",
            new DocumentQuery { SortField = "at", Limit = 5, Equal = new Dictionary<string, object> { ["tag"] = "a" }, Continuation = token }, default);
        Assert.Equal(["2"], next.Items.Select(n => n.Id));
    }

    [Fact]
    public async Task ContinuationFromAnotherStoreKeyIsRefused()
    {
        var token = await FirstPageTokenAsync(new DocumentQuery { SortField = "at", Limit = 1 });
        var other = new SqliteDocumentStore(new SqliteDatabase(Path.Combine(data.Path, "store.db")), [new CollectionDefinition("notes", ["at"], ["tag"])], ContinuationProtection.Ephemeral());

        await Assert.ThrowsAsync<InvalidContinuationException>(() => other.QueryAsync<Note>("notes", new DocumentQuery { SortField = "at", Limit = 1, Continuation = token }, default));
    }

    [Fact]
    public async Task ConcurrentModificationsAllApplyOnce()
    {
        await Task.WhenAll(Enumerable.Range(0, 20).Select(i => Task.Run(() => store.ModifyAsync<Note>("notes", "p", "counter",
            note => note is null ? new Note("counter", "1", "") : note with { Tag = (int.Parse(note.Tag, CultureInfo.InvariantCulture) + 1).ToString(CultureInfo.InvariantCulture) }, default))));

        Assert.Equal("20", (await store.GetAsync<Note>("notes", "p", "counter", default))!.Value.Tag);
    }

    [Fact]
    public async Task ModificationThatChangesNothingWritesNothing()
    {
        var created = await store.CreateAsync("notes", "p", "1", new Note("1", "a", "2026-01-01"), default);

        var same = await store.ModifyAsync<Note>("notes", "p", "1", note => note! with { Tag = "a" }, default);
        var none = await store.ModifyAsync<Note>("notes", "p", "1", _ => null, default);

        Assert.Equal((ModifyOutcome.Unchanged, ModifyOutcome.Unchanged), (same.Outcome, none.Outcome));
        Assert.Equal(created.ETag, (await store.GetAsync<Note>("notes", "p", "1", default))!.ETag);
    }

    private async Task<string> FirstPageTokenAsync(DocumentQuery query)
    {
        await store.CreateAsync("notes", "p", "1", new Note("1", "a", "2026-01-02"), default);
        await store.CreateAsync("notes", "p", "2", new Note("2", "a", "2026-01-01"), default);
        await store.CreateAsync("notes", "q", "3", new Note("3", "b", "2026-01-03"), default);
        var page = await store.QueryAsync<Note>("notes", query, default);
        return page.Continuation ?? throw new InvalidOperationException("The first page has no continuation.");
    }

    [Fact]
    public async Task DocumentsSurviveReopeningTheFile()
    {
        await store.CreateAsync("notes", "p", "1", new Note("1", "kept", "2026-01-01"), default);
        // Close everything the first store holds (its writer, then the pooled connections), so the
        // second one reads what reached the file, not what an open connection still has.
        await store.DisposeAsync();
        SqliteConnection.ClearAllPools();

        await using var reopened = new SqliteDocumentStore(new SqliteDatabase(Path.Combine(data.Path, "store.db")), [new CollectionDefinition("notes", ["at"], ["tag"])], continuations);

        Assert.Equal("kept", (await reopened.GetAsync<Note>("notes", "p", "1", default))!.Value.Tag);
    }

    private sealed record Note(string Id, string Tag, string At);
}
