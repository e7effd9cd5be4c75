using Microsoft.Data.Sqlite;
using Sift.Storage;
using Sift.Tests.Infrastructure;

namespace Sift.Tests.Storage;

/// <summary>The contract on the embedded store (a temporary file), and what only a file-backed store has.</summary>
public sealed class SqliteDocumentStoreTests : DocumentStoreContract
{
    private readonly TempDirectory data = new();
    private readonly List<SqliteDocumentStore> others = [];

    private string File => Path.Combine(data.Path, "store.db");

    protected override Task<IDocumentStore> OpenAsync(ContinuationProtection continuations) =>
        Task.FromResult<IDocumentStore>(new SqliteDocumentStore(new SqliteDatabase(File), [Notes], continuations));

    protected override Task<IDocumentStore> OpenOtherKeyAsync()
    {
        var other = new SqliteDocumentStore(new SqliteDatabase(File), [Notes], ContinuationProtection.Ephemeral());
        others.Add(other);
        return Task.FromResult<IDocumentStore>(other);
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        foreach (var other in others)
        {
            await other.DisposeAsync();
        }

        data.Dispose();
    }

    [Fact]
    public async Task DocumentsSurviveReopeningTheFile()
    {
        await Store.CreateAsync("notes", "p", "1", new Note("1", "kept", "2026-01-01"), default);
        // Close everything the first store holds (its writer, then the pooled connections), so the
        // second one reads what reached the file, not what an open connection still has.
        await ((SqliteDocumentStore)Store).DisposeAsync();
        SqliteConnection.ClearAllPools();

        await using var reopened = new SqliteDocumentStore(new SqliteDatabase(File), [Notes], ContinuationProtection.Ephemeral());

        Assert.Equal("kept", (await reopened.GetAsync<Note>("notes", "p", "1", default))!.Value.Tag);
    }
}
