using System.Globalization;
using System.Text.Json;
using Sift.Storage;

namespace Sift.Tests.Storage;

/// <summary>
/// What every document-store adapter must do, run against each of them (SQLite, Cosmos DB): the
/// port's single-document atomicity, its query model and its signed continuation tokens.
/// </summary>
public abstract class DocumentStoreContract : IAsyncLifetime
{
    protected static readonly CollectionDefinition Notes = new("notes", ["at"], ["tag", "rank", "pinned", "score"]) { ArrayFields = ["labels"], TextFields = ["body"] };
    private IDocumentStore? store;

    protected IDocumentStore Store => store ?? throw new InvalidOperationException("The store is not open yet.");

    /// <summary>A store over the test's own empty data, sealing tokens with <paramref name="continuations"/>.</summary>
    protected abstract Task<IDocumentStore> OpenAsync(ContinuationProtection continuations);

    /// <summary>A second store over the same data, with a key of its own.</summary>
    protected abstract Task<IDocumentStore> OpenOtherKeyAsync();

    public virtual async Task InitializeAsync() => store = await OpenAsync(ContinuationProtection.Ephemeral());

    public virtual async Task DisposeAsync()
    {
        switch (store)
        {
            case IAsyncDisposable disposable:
                await disposable.DisposeAsync();
                break;
            case IDisposable disposable:
                disposable.Dispose();
                break;
        }
    }

    [Fact]
    public async Task CreateFailsWhenTheIdExists()
    {
        await Store.CreateAsync("notes", "p", "1", new Note("1", "a", "2026-01-01"), default);

        await Assert.ThrowsAsync<DocumentConflictException>(() => Store.CreateAsync("notes", "p", "1", new Note("1", "b", "2026-01-02"), default));
        Assert.Equal("a", (await Store.GetAsync<Note>("notes", "p", "1", default))!.Value.Tag);
    }

    [Fact]
    public async Task SameIdInAnotherPartitionIsAnotherDocument()
    {
        await Store.CreateAsync("notes", "p", "1", new Note("1", "a", "2026-01-01"), default);
        await Store.CreateAsync("notes", "q", "1", new Note("1", "b", "2026-01-01"), default);

        Assert.Equal("b", (await Store.GetAsync<Note>("notes", "q", "1", default))!.Value.Tag);
        Assert.Equal("a", (await Store.GetAsync<Note>("notes", "p", "1", default))!.Value.Tag);
    }

    [Fact]
    public async Task MissingDocumentReadsAsNull() =>
        Assert.Null(await Store.GetAsync<Note>("notes", "p", "absent", default));

    [Fact]
    public async Task ReplaceWithAStaleETagFails()
    {
        var created = await Store.CreateAsync("notes", "p", "1", new Note("1", "a", "2026-01-01"), default);
        var replaced = await Store.ReplaceAsync("notes", "p", "1", new Note("1", "b", "2026-01-01"), created.ETag, default);

        await Assert.ThrowsAsync<DocumentPreconditionException>(() => Store.ReplaceAsync("notes", "p", "1", new Note("1", "c", "2026-01-01"), created.ETag, default));
        Assert.NotEqual(created.ETag, replaced.ETag);
        var stored = await Store.GetAsync<Note>("notes", "p", "1", default);
        Assert.Equal(("b", replaced.ETag), (stored!.Value.Tag, stored.ETag));
    }

    [Fact]
    public async Task ReplaceOfADeletedDocumentFails()
    {
        var created = await Store.CreateAsync("notes", "p", "1", new Note("1", "a", "2026-01-01"), default);
        await Store.DeleteAsync("notes", "p", "1", default);

        await Assert.ThrowsAsync<DocumentPreconditionException>(() => Store.ReplaceAsync("notes", "p", "1", new Note("1", "b", "2026-01-01"), created.ETag, default));
        Assert.Null(await Store.GetAsync<Note>("notes", "p", "1", default));
    }

    [Fact]
    public async Task ConcurrentReplacesWithOneETagLetExactlyOneWin()
    {
        var created = await Store.CreateAsync("notes", "p", "1", new Note("1", "start", "2026-01-01"), default);

        var results = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => Task.Run(async () =>
        {
            try
            {
                await Store.ReplaceAsync("notes", "p", "1", new Note("1", $"w{i}", "2026-01-01"), created.ETag, default);
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
    public async Task UpsertCreatesThenReplacesAndDeleteRemoves()
    {
        var first = await Store.UpsertAsync("notes", "p", "1", new Note("1", "a", "2026-01-01"), default);
        var second = await Store.UpsertAsync("notes", "p", "1", new Note("1", "b", "2026-01-01"), default);

        Assert.NotEqual(first.ETag, second.ETag);
        Assert.Equal("b", (await Store.GetAsync<Note>("notes", "p", "1", default))!.Value.Tag);
        Assert.True(await Store.DeleteAsync("notes", "p", "1", default));
        Assert.False(await Store.DeleteAsync("notes", "p", "1", default));
        Assert.Null(await Store.GetAsync<Note>("notes", "p", "1", default));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task QueryPagesThroughEveryDocumentOnceInSortOrder(bool descending)
    {
        // Equal sort values across partitions: the keyset must still not skip or repeat any.
        for (var i = 0; i < 25; i++)
        {
            await Store.CreateAsync("notes", $"p{i % 3}", $"n{i}", new Note($"n{i}", i % 2 == 0 ? "even" : "odd", $"2026-01-{1 + (i / 4):00}"), default);
        }

        var seen = await ReadAllAsync(new DocumentQuery { SortField = "at", Descending = descending, Limit = 4 }, pageSize => Assert.True(pageSize <= 4));

        Assert.Equal(25, seen.Select(n => n.Id).Distinct().Count());
        Assert.Equal(descending ? seen.Select(n => n.At).OrderDescending() : seen.Select(n => n.At).Order(), seen.Select(n => n.At));
    }

    [Fact]
    public async Task QueryWithoutASortFieldPagesThroughEveryDocumentOnce()
    {
        for (var i = 0; i < 10; i++)
        {
            await Store.CreateAsync("notes", $"p{i % 2}", $"n{i}", new Note($"n{i}", "t", "2026-01-01"), default);
        }

        var seen = await ReadAllAsync(new DocumentQuery { Limit = 3 });

        Assert.Equal(10, seen.Select(n => n.Id).Distinct().Count());
    }

    [Fact]
    public async Task QueryFiltersByPartitionEqualityAndRange()
    {
        for (var i = 1; i <= 9; i++)
        {
            await Store.CreateAsync("notes", i <= 6 ? "p" : "q", $"n{i}", new Note($"n{i}", i % 2 == 0 ? "even" : "odd", $"2026-01-0{i}"), default);
        }

        var query = new DocumentQuery { Partition = "p", SortField = "at", Descending = false, From = "2026-01-02", Until = "2026-01-06", Equal = new Dictionary<string, object> { ["tag"] = "even" } };
        var page = await Store.QueryAsync<Note>("notes", query, default);

        Assert.Equal(["n2", "n4"], page.Items.Select(n => n.Id));
        Assert.Equal(2, await Store.CountAsync("notes", query, default));
        Assert.Equal(3, await Store.CountAsync("notes", new DocumentQuery { Partition = "q" }, default));
    }

    [Fact]
    public async Task CrossPartitionQueryFiltersByIntegerAndBooleanFields()
    {
        for (var i = 1; i <= 8; i++)
        {
            await Store.CreateAsync("notes", $"p{i % 3}", $"n{i}", new Note($"n{i}", "t", $"2026-01-0{i}", Rank: i % 2, Pinned: i > 4), default);
        }

        var query = new DocumentQuery { SortField = "at", Equal = new Dictionary<string, object> { ["rank"] = 1, ["pinned"] = true } };
        var page = await Store.QueryAsync<Note>("notes", query, default);

        Assert.Equal(["n7", "n5"], page.Items.Select(n => n.Id));
        Assert.Equal(2, await Store.CountAsync("notes", query, default));
        Assert.Equal(8, await Store.CountAsync("notes", new DocumentQuery(), default));
    }

    [Fact]
    public async Task QueryFiltersByLeastNumberArrayElementAndTextInAnyCase()
    {
        string[] bodies = ["Деплой упал ночью", "deploy FAILED again", "all good", "деплой прошёл", "Ünïcode DEPLOY", "no text"];
        for (var i = 0; i < bodies.Length; i++)
        {
            await Store.CreateAsync("notes", $"p{i % 2}", $"n{i}", new Note($"n{i}", "t", $"2026-01-0{i + 1}", Score: i / 10.0,
                Body: i == 5 ? null : bodies[i], Labels: i % 3 == 0 ? ["ops", "urgent"] : ["ops"]), default);
        }

        async Task<string[]> IdsAsync(DocumentQuery query) => [.. (await Store.QueryAsync<Note>("notes", query with { SortField = "at", Descending = false }, default)).Items.Select(n => n.Id)];

        Assert.Equal(["n0", "n3"], await IdsAsync(new DocumentQuery { Contains = new Dictionary<string, string> { ["body"] = "ДЕПЛОЙ" } }));
        Assert.Equal(["n1", "n4"], await IdsAsync(new DocumentQuery { Contains = new Dictionary<string, string> { ["body"] = "deploy" } }));
        Assert.Equal(["n3", "n4", "n5"], await IdsAsync(new DocumentQuery { AtLeast = new Dictionary<string, double> { ["score"] = 0.3 } }));
        Assert.Equal(["n0", "n3"], await IdsAsync(new DocumentQuery { Holds = new Dictionary<string, object> { ["labels"] = "urgent" } }));
        Assert.Equal(["n3"], await IdsAsync(new DocumentQuery
        {
            Partition = "p1",
            Holds = new Dictionary<string, object> { ["labels"] = "urgent" },
            AtLeast = new Dictionary<string, double> { ["score"] = 0.1 },
            Contains = new Dictionary<string, string> { ["body"] = "деплой" },
        }));
        Assert.Equal(2, await Store.CountAsync("notes", new DocumentQuery { Holds = new Dictionary<string, object> { ["labels"] = "urgent" } }, default));
    }

    [Fact]
    public async Task ContinuationIsBoundToTheNewFiltersToo()
    {
        for (var i = 0; i < 3; i++)
        {
            await Store.CreateAsync("notes", "p", $"n{i}", new Note($"n{i}", "t", $"2026-01-0{i + 1}", Score: 1, Body: "x", Labels: ["a"]), default);
        }

        var query = new DocumentQuery { SortField = "at", Limit = 1, AtLeast = new Dictionary<string, double> { ["score"] = 0.5 } };
        var token = (await Store.QueryAsync<Note>("notes", query, default)).Continuation!;

        await Assert.ThrowsAsync<InvalidContinuationException>(() => Store.QueryAsync<Note>("notes",
            query with { AtLeast = new Dictionary<string, double> { ["score"] = 0.9 }, Continuation = token }, default));
        await Assert.ThrowsAsync<InvalidContinuationException>(() => Store.QueryAsync<Note>("notes",
            query with { Contains = new Dictionary<string, string> { ["body"] = "x" }, Continuation = token }, default));
        Assert.Single((await Store.QueryAsync<Note>("notes", query with { Continuation = token }, default)).Items);
    }

    [Theory]
    [InlineData("not-a-token")]
    [InlineData("eyJ9")]
    [InlineData("eyJzb3J0IjpudWxsLCJwYXJ0aXRpb24iOiJwIiwiaWQiOiIxIn0.AAAAAAAAAAAAAAAAAAAAAA")]
    public async Task MalformedOrForgedContinuationIsRefused(string token)
    {
        await Assert.ThrowsAsync<InvalidContinuationException>(() => Store.QueryAsync<Note>("notes", new DocumentQuery { SortField = "at", Continuation = token }, default));
    }

    [Fact]
    public async Task AlteredContinuationIsRefused()
    {
        var token = await FirstPageTokenAsync(new DocumentQuery { SortField = "at", Limit = 1 });
        var altered = (token[0] == 'A' ? 'B' : 'A') + token[1..];

        await Assert.ThrowsAsync<InvalidContinuationException>(() => Store.QueryAsync<Note>("notes", new DocumentQuery { SortField = "at", Limit = 1, Continuation = altered }, default));
    }

    [Fact]
    public async Task ContinuationIsBoundToTheFiltersThatIssuedIt()
    {
        var token = await FirstPageTokenAsync(new DocumentQuery { SortField = "at", Limit = 1, Equal = new Dictionary<string, object> { ["tag"] = "a" } });

        await Assert.ThrowsAsync<InvalidContinuationException>(() => Store.QueryAsync<Note>("notes",
            new DocumentQuery { SortField = "at", Limit = 1, Equal = new Dictionary<string, object> { ["tag"] = "b" }, Continuation = token }, default));
        await Assert.ThrowsAsync<InvalidContinuationException>(() => Store.QueryAsync<Note>("notes",
            new DocumentQuery { SortField = "at", Limit = 1, Partition = "p", Continuation = token }, default));
        var next = await Store.QueryAsync<Note>("notes",
            new DocumentQuery { SortField = "at", Limit = 5, Equal = new Dictionary<string, object> { ["tag"] = "a" }, Continuation = token }, default);
        Assert.Equal(["2"], next.Items.Select(n => n.Id));
    }

    [Fact]
    public async Task ContinuationFromAnotherStoreKeyIsRefused()
    {
        var token = await FirstPageTokenAsync(new DocumentQuery { SortField = "at", Limit = 1 });
        var other = await OpenOtherKeyAsync();

        await Assert.ThrowsAsync<InvalidContinuationException>(() => other.QueryAsync<Note>("notes", new DocumentQuery { SortField = "at", Limit = 1, Continuation = token }, default));
    }

    [Fact]
    public async Task ConcurrentModificationsAllApplyOnce()
    {
        await Task.WhenAll(Enumerable.Range(0, 20).Select(i => Task.Run(() => Store.ModifyAsync<Note>("notes", "p", "counter",
            note => note is null ? new Note("counter", "1", "") : note with { Tag = (int.Parse(note.Tag, CultureInfo.InvariantCulture) + 1).ToString(CultureInfo.InvariantCulture) }, default))));

        Assert.Equal("20", (await Store.GetAsync<Note>("notes", "p", "counter", default))!.Value.Tag);
    }

    [Fact]
    public async Task ModificationThatChangesNothingWritesNothing()
    {
        var created = await Store.CreateAsync("notes", "p", "1", new Note("1", "a", "2026-01-01"), default);

        var same = await Store.ModifyAsync<Note>("notes", "p", "1", note => note! with { Tag = "a" }, default);
        var none = await Store.ModifyAsync<Note>("notes", "p", "1", _ => null, default);

        Assert.Equal((ModifyOutcome.Unchanged, ModifyOutcome.Unchanged), (same.Outcome, none.Outcome));
        Assert.Equal(created.ETag, (await Store.GetAsync<Note>("notes", "p", "1", default))!.ETag);
    }

    public static TheoryData<string> AwkwardIds => new(
        "a/b", @"a\b", "a?b", "a#b", "a%2Fb", "a~2Fb", "a~~b", "ünïcødé 日本 🙂", "tab\there", "trailing ", new string('x', 300), new string('/', 200));

    [Theory]
    [MemberData(nameof(AwkwardIds))]
    public async Task IdsWithAnyCharactersWorkInEveryOperation(string id)
    {
        var created = await Store.CreateAsync("notes", "p/#?", id, new Note(id, "a", "2026-01-01"), default);
        await Assert.ThrowsAsync<DocumentConflictException>(() => Store.CreateAsync("notes", "p/#?", id, new Note(id, "x", "2026-01-01"), default));
        await Store.ReplaceAsync("notes", "p/#?", id, new Note(id, "b", "2026-01-01"), created.ETag, default);

        Assert.Equal(new Note(id, "b", "2026-01-01"), (await Store.GetAsync<Note>("notes", "p/#?", id, default))!.Value);
        Assert.Equal([id], (await Store.QueryAsync<Note>("notes", new DocumentQuery { Partition = "p/#?" }, default)).Items.Select(n => n.Id));
        Assert.True(await Store.DeleteAsync("notes", "p/#?", id, default));
    }

    [Fact]
    public async Task IdsThatAnEscapingCouldConfuseStayApart()
    {
        string[] ids = ["a/b", "a~2Fb", "a~2fb", "a%2Fb", new string('y', 300), new string('y', 299) + "z"];
        foreach (var id in ids)
        {
            await Store.CreateAsync("notes", "p", id, new Note(id, "a", "2026-01-01"), default);
        }

        foreach (var id in ids)
        {
            Assert.Equal(id, (await Store.GetAsync<Note>("notes", "p", id, default))!.Value.Id);
        }

        var listed = await ReadAllAsync(new DocumentQuery { Partition = "p", Limit = 2 });
        Assert.Equal(ids.Order(StringComparer.Ordinal), listed.Select(n => n.Id).Order(StringComparer.Ordinal));
    }

    /// <summary>The body is Sift's JSON as <see cref="SiftJson"/> writes it, byte for byte, whatever the adapter; its own <c>id</c> may be of any type.</summary>
    [Fact]
    public async Task DocumentJsonIsSiftJsonOnEveryAdapter()
    {
        var document = new Rich(42, DateTimeOffset.Parse("2026-03-04T05:06:07.089+02:00", CultureInfo.InvariantCulture), DayOfWeek.Friday,
            -1001234567890, 0.25, null, "quote \" and ünïcødé", [1, 2], new Dictionary<string, bool> { ["x"] = true });
        await Store.CreateAsync("notes", "p", "rich", document, default);

        var stored = (await Store.GetAsync<JsonElement>("notes", "p", "rich", default))!.Value;

        Assert.Equal(JsonSerializer.Serialize(document, SiftJson.Options), JsonSerializer.Serialize(stored, SiftJson.Options));
        Assert.Equal(document.At, stored.Deserialize<Rich>(SiftJson.Options)!.At);
    }

    private async Task<List<Note>> ReadAllAsync(DocumentQuery query, Action<int>? onPage = null)
    {
        var seen = new List<Note>();
        string? continuation = null;
        do
        {
            var page = await Store.QueryAsync<Note>("notes", query with { Continuation = continuation }, default);
            onPage?.Invoke(page.Items.Count);
            seen.AddRange(page.Items);
            continuation = page.Continuation;
        }
        while (continuation is not null);

        return seen;
    }

    private async Task<string> FirstPageTokenAsync(DocumentQuery query)
    {
        await Store.CreateAsync("notes", "p", "1", new Note("1", "a", "2026-01-02"), default);
        await Store.CreateAsync("notes", "p", "2", new Note("2", "a", "2026-01-01"), default);
        await Store.CreateAsync("notes", "q", "3", new Note("3", "b", "2026-01-03"), default);
        var page = await Store.QueryAsync<Note>("notes", query, default);
        return page.Continuation ?? throw new InvalidOperationException("The first page has no continuation.");
    }

    protected sealed record Note(string Id, string Tag, string At, int Rank = 0, bool Pinned = false, double Score = 0, string? Body = null, string[]? Labels = null);

    private sealed record Rich(int Id, DateTimeOffset At, DayOfWeek Day, long ChatId, double Score, string? Missing, string Text, int[] List, Dictionary<string, bool> Flags);
}
