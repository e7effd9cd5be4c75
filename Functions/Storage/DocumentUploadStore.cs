namespace Sift.Storage;

/// <summary>
/// The standalone upload adapter: files streamed into the document store in chunks (no document grows past a chunk,
/// which also keeps them under Cosmos's item size) and streamed back out the same way: an upload
/// is never held in memory whole.
/// </summary>
internal sealed class DocumentUploadStore(IDocumentStore store) : IUploadStore
{
    public const string Collection = "upload-chunks";
    public const int ChunkSize = 1024 * 1024;

    public async Task<StoredUpload> SaveAsync(Stream content, long maxBytes, CancellationToken cancellationToken)
    {
        var uploadId = Guid.NewGuid().ToString("N");
        var buffer = new byte[ChunkSize];
        long length = 0;
        var index = 0;
        try
        {
            int filled;
            while ((filled = await content.ReadAtLeastAsync(buffer, ChunkSize, throwOnEndOfStream: false, cancellationToken)) > 0)
            {
                length += filled;
                if (length > maxBytes)
                {
                    throw new UploadTooLargeException(maxBytes);
                }

                await store.CreateAsync(Collection, uploadId, Key(index), new UploadChunk(index, buffer[..filled]), cancellationToken);
                index++;
            }
        }
        catch
        {
            await DeleteAsync(uploadId, CancellationToken.None);
            throw;
        }

        return new StoredUpload(uploadId, length);
    }

    /// <summary>
    /// Chunks are all <see cref="ChunkSize"/> but the last, so the stream starts at the chunk holding
    /// byte <paramref name="position"/> and reads nothing before it.
    /// </summary>
    public Task<Stream> OpenReadAsync(string uploadId, long position, CancellationToken cancellationToken) =>
        Task.FromResult<Stream>(new ChunkStream(store, uploadId, position));

    public async Task DeleteAsync(string uploadId, CancellationToken cancellationToken)
    {
        for (var index = 0; await store.DeleteAsync(Collection, uploadId, Key(index), cancellationToken); index++)
        {
        }
    }

    private static string Key(int index) => index.ToString("D8", System.Globalization.CultureInfo.InvariantCulture);

    private sealed record UploadChunk(int Index, byte[] Data);

    /// <summary>Reads an upload chunk after chunk; only the current chunk is in memory.</summary>
    private sealed class ChunkStream(IDocumentStore store, string uploadId, long position) : ForwardOnlyStream
    {
        private byte[] current = [];
        private int offset;
        private int next = checked((int)(position / ChunkSize));
        private int skip = (int)(position % ChunkSize);
        private bool started;
        private bool ended;


        public override async ValueTask<int> ReadAsync(Memory<byte> destination, CancellationToken cancellationToken = default)
        {
            while (offset == current.Length)
            {
                if (ended || await store.GetAsync<UploadChunk>(Collection, uploadId, Key(next), cancellationToken) is not { } chunk)
                {
                    // A position inside the upload always has a chunk: none at all means the upload is gone.
                    ended = started ? true : throw new FileNotFoundException($"Upload {uploadId} no longer exists.");
                    return 0;
                }

                (current, offset, next, skip, started) = (chunk.Value.Data, skip, next + 1, 0, true);
            }

            var count = Math.Min(destination.Length, current.Length - offset);
            current.AsMemory(offset, count).CopyTo(destination);
            offset += count;
            return count;
        }
    }
}
