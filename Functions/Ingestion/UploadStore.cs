using Sift.Storage;

namespace Sift.Ingestion;

/// <summary>
/// Uploaded files, streamed into the document store in chunks (no document grows past a chunk,
/// which also keeps them under Cosmos's item size) and streamed back out the same way: an upload
/// is never held in memory whole.
/// </summary>
public sealed class UploadStore(IDocumentStore store)
{
    public const string Collection = "upload-chunks";
    public const int ChunkSize = 1024 * 1024;

    /// <returns>The upload id and its size in bytes.</returns>
    /// <exception cref="Api.PayloadTooLargeException">The stream is longer than <paramref name="maxBytes"/>; what was stored is removed.</exception>
    public async Task<(string UploadId, long Length)> SaveAsync(Stream content, long maxBytes, CancellationToken cancellationToken)
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
                    throw new Api.PayloadTooLargeException(maxBytes);
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

        return (uploadId, length);
    }

    /// <summary>
    /// Reads the upload from byte <paramref name="position"/>: chunks are all <see cref="ChunkSize"/> but
    /// the last, so it starts at the chunk holding that byte and reads nothing before it.
    /// </summary>
    /// <remarks>The stream throws <see cref="FileNotFoundException"/> when the upload has been deleted.</remarks>
    public Stream OpenRead(string uploadId, long position = 0) => new ChunkStream(store, uploadId, position);

    public async Task DeleteAsync(string uploadId, CancellationToken cancellationToken)
    {
        for (var index = 0; await store.DeleteAsync(Collection, uploadId, Key(index), cancellationToken); index++)
        {
        }
    }

    private static string Key(int index) => index.ToString("D8", System.Globalization.CultureInfo.InvariantCulture);

    private sealed record UploadChunk(int Index, byte[] Data);

    /// <summary>Reads an upload chunk after chunk; only the current chunk is in memory.</summary>
    private sealed class ChunkStream(IDocumentStore store, string uploadId, long position) : Stream
    {
        private byte[] current = [];
        private int offset;
        private int next = checked((int)(position / ChunkSize));
        private int skip = (int)(position % ChunkSize);
        private bool started;
        private bool ended;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

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

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer, offset, count).GetAwaiter().GetResult();

        public override void Flush() => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
