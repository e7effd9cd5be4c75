using Sift.Storage;
using Sift.Tests.Infrastructure;

namespace Sift.Tests.Storage;

/// <summary>The upload contract on document chunks in a temporary SQLite store (the standalone adapter).</summary>
public sealed class DocumentUploadStoreTests : UploadStoreContract, IAsyncLifetime
{
    private readonly TempDirectory data = new();
    private SqliteDocumentStore store = null!;

    protected override IUploadStore Uploads => new DocumentUploadStore(store);

    public Task InitializeAsync()
    {
        store = new SqliteDocumentStore(new SqliteDatabase(Path.Combine(data.Path, "store.db")),
            [new CollectionDefinition(DocumentUploadStore.Collection)], ContinuationProtection.Ephemeral());
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await store.DisposeAsync();
        data.Dispose();
    }

    protected override async Task<int> PiecesStoredAsync() => (int)await store.CountAsync(DocumentUploadStore.Collection, new DocumentQuery(), default);
}
