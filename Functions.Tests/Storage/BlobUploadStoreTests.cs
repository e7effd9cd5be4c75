using Azure.Storage.Blobs.Models;
using Sift.Storage;
using Sift.Tests.Infrastructure;

namespace Sift.Tests.Storage;

/// <summary>The upload contract on Blob storage, against Azurite (one emulator for the class).</summary>
public sealed class BlobUploadStoreTests(AzuriteEmulator azurite) : UploadStoreContract, IClassFixture<AzuriteEmulator>
{
    private readonly BlobUploadStore uploads = new(new AzureStorageOptions { ConnectionString = azurite.ConnectionString }.BlobService());

    protected override IUploadStore Uploads => uploads;

    /// <summary>Blobs, committed or with staged blocks only: a half-written upload counts too.</summary>
    protected override async Task<int> PiecesStoredAsync()
    {
        var container = new AzureStorageOptions { ConnectionString = azurite.ConnectionString }.BlobService().GetBlobContainerClient(BlobUploadStore.Container);
        if (!await container.ExistsAsync())
        {
            return 0;
        }

        var count = 0;
        await foreach (var _ in container.GetBlobsAsync(new GetBlobsOptions { States = BlobStates.Uncommitted }))
        {
            count++;
        }

        return count;
    }
}
