using System.Buffers;

namespace Sift.Api;

/// <summary>Reads a request body into pooled memory, refusing (413) anything over the limit without reading it all.</summary>
public static class RequestBody
{
    public static async Task<IMemoryOwner<byte>> ReadAsync(HttpRequest request, long limit, CancellationToken cancellationToken)
    {
        if (request.ContentLength > limit)
        {
            throw new PayloadTooLargeException(limit);
        }

        var owner = new PooledBuffer((int)Math.Min(request.ContentLength ?? 4096, limit) + 1);
        try
        {
            var length = 0;
            int read;
            while ((read = await request.Body.ReadAsync(owner.Grow(length), cancellationToken)) > 0)
            {
                length += read;
                if (length > limit)
                {
                    throw new PayloadTooLargeException(limit);
                }
            }

            owner.Length = length;
            return owner;
        }
        catch
        {
            owner.Dispose();
            throw;
        }
    }

    private sealed class PooledBuffer(int initialSize) : IMemoryOwner<byte>
    {
        private byte[] buffer = ArrayPool<byte>.Shared.Rent(initialSize);

        public int Length { get; set; }

        public Memory<byte> Memory => buffer.AsMemory(0, Length);

        /// <summary>Free space after <paramref name="used"/> bytes, doubling the buffer when it is full.</summary>
        public Memory<byte> Grow(int used)
        {
            if (used == buffer.Length)
            {
                var larger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
                buffer.AsSpan(0, used).CopyTo(larger);
                ArrayPool<byte>.Shared.Return(buffer);
                buffer = larger;
            }

            return buffer.AsMemory(used);
        }

        public void Dispose() => ArrayPool<byte>.Shared.Return(buffer);
    }
}
