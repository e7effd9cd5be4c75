using Azure;
using Azure.Storage;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;

namespace Sift.Storage;

/// <summary>
/// The upload port on Blob storage, one block blob per upload in <see cref="Container"/>. Saving
/// streams the content in blocks (the SDK holds at most <see cref="BlockSize"/> per block in flight);
/// reading downloads ranges from the position on.
/// </summary>
internal sealed class BlobUploadStore(BlobServiceClient service) : IUploadStore
{
    public const string Container = "sift-uploads";

    /// <summary>Block and read buffer size: the SDK buffers a non-seekable stream a block at a time.</summary>
    public const int BlockSize = 1024 * 1024;

    /// <summary>
    /// One block staged at a time. With more, the SDK starts a block and reads the next one without
    /// waiting, and when that read fails (the limit) it throws with the earlier block still being
    /// staged: the block lands after the discard and the refused upload is kept after all.
    /// </summary>
    private static readonly StorageTransferOptions Transfer = new() { InitialTransferSize = BlockSize, MaximumTransferSize = BlockSize, MaximumConcurrency = 1 };

    private readonly CreatedOnce<BlobContainerClient> containers = new(async name =>
    {
        var client = service.GetBlobContainerClient(name);
        await client.CreateIfNotExistsAsync();
        return client;
    });

    public async Task<StoredUpload> SaveAsync(Stream content, long maxBytes, CancellationToken cancellationToken)
    {
        var uploads = await ContainerAsync(cancellationToken);
        var blob = uploads.GetBlobClient(Guid.NewGuid().ToString("N"));
        var limited = new LimitedStream(content, maxBytes);
        try
        {
            await blob.UploadAsync(limited, new BlobUploadOptions { TransferOptions = Transfer }, cancellationToken);
        }
        catch (Exception e)
        {
            await DiscardAsync(uploads.GetBlockBlobClient(blob.Name));
            // The SDK may wrap what the content stream threw; the caller is owed the limit itself.
            if (limited.Exceeded is { } tooLarge && e != tooLarge)
            {
                throw tooLarge;
            }

            throw;
        }

        return new StoredUpload(blob.Name, limited.Consumed);
    }

    public async Task<Stream> OpenReadAsync(string uploadId, long position, CancellationToken cancellationToken)
    {
        var blob = (await ContainerAsync(cancellationToken)).GetBlobClient(uploadId);
        try
        {
            return await blob.OpenReadAsync(new BlobOpenReadOptions(allowModifications: false) { Position = position, BufferSize = BlockSize }, cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            throw new FileNotFoundException($"Upload {uploadId} no longer exists.", e);
        }
    }

    public async Task DeleteAsync(string uploadId, CancellationToken cancellationToken) =>
        await (await ContainerAsync(cancellationToken)).GetBlobClient(uploadId).DeleteIfExistsAsync(cancellationToken: cancellationToken);

    /// <summary>
    /// A failed upload may have staged blocks but no blob, and Azure has no call that deletes staged
    /// blocks: committing an empty block list drops them, then the empty blob goes. (Azurite deletes
    /// a blob of staged blocks directly, so the contract tests cannot tell the two apart.)
    /// </summary>
    /// <remarks>When storage cannot be reached now, Azure drops uncommitted blocks after a week anyway; the save's own failure is what the caller needs to see.</remarks>
    private static async Task DiscardAsync(BlockBlobClient blob)
    {
        try
        {
            await blob.CommitBlockListAsync([], cancellationToken: CancellationToken.None);
            await blob.DeleteIfExistsAsync(cancellationToken: CancellationToken.None);
        }
        catch (RequestFailedException)
        {
        }
    }

    private Task<BlobContainerClient> ContainerAsync(CancellationToken cancellationToken) => containers.GetAsync(Container, cancellationToken);

    /// <summary>Passes the content through, counting, and fails the read that goes past the limit.</summary>
    private sealed class LimitedStream(Stream inner, long maxBytes) : ForwardOnlyStream
    {
        public long Consumed { get; private set; }
        public UploadTooLargeException? Exceeded { get; private set; }

        public override long Position { get => Consumed; set => throw new NotSupportedException(); }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            var read = await inner.ReadAsync(buffer, cancellationToken);
            Consumed += read;
            if (Consumed > maxBytes)
            {
                Exceeded = new UploadTooLargeException(maxBytes);
                throw Exceeded;
            }

            return read;
        }
    }
}
