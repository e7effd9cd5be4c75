using System.Runtime.InteropServices;
using Microsoft.Data.Sqlite;

namespace Sift.Storage;

/// <summary>
/// The cached entries of one embedder (and size): what each is filtered by (<see cref="SearchEntryFields"/>),
/// row id, norm and int8 vector per slot, in fixed chunks of <see cref="ChunkSize"/> entries, so the
/// index grows without copying or a large-object-heap array twice its size, and a scan walks each
/// chunk's vectors in order.
/// </summary>
internal sealed class SearchVectorSegment(string version, int dimensions)
{
    /// <summary>A megabyte of 256-dimension vectors.</summary>
    private const int ChunkSize = 4096;

    private readonly List<Chunk> chunks = [];
    private int count;

    public string Version { get; } = version;

    public int Dimensions { get; } = dimensions;

    public int Add(long id, in SearchEntryFields fields, SqliteDataReader reader, int vectorColumn)
    {
        if (count == chunks.Count * ChunkSize)
        {
            chunks.Add(new Chunk(Dimensions));
        }

        var slot = count++;
        chunks[slot / ChunkSize].Ids[slot % ChunkSize] = id;
        Set(slot, fields, reader, vectorColumn);
        return slot;
    }

    public void Set(int slot, in SearchEntryFields fields, SqliteDataReader reader, int vectorColumn)
    {
        var (chunk, at) = (chunks[slot / ChunkSize], slot % ChunkSize);
        chunk.Fields[at] = fields;
        reader.GetBytes(vectorColumn, 0, chunk.Vectors, at * Dimensions, Dimensions);
        chunk.Norms[at] = SearchVectors.SquaredNorm(chunk.Vector(at, Dimensions));
    }

    /// <summary>A zero norm scores 0, below any similarity floor: the slot is never ranked again.</summary>
    public void Retire(int slot) => chunks[slot / ChunkSize].Norms[slot % ChunkSize] = 0;

    public SearchEntryFields Fields(int slot) => chunks[slot / ChunkSize].Fields[slot % ChunkSize];

    /// <summary>Retired slots count too: their id now lives in another segment, and a wider range only costs time.</summary>
    public (long Min, long Max)? IdRange(SearchFilter filter)
    {
        var (min, max) = (long.MaxValue, long.MinValue);
        for (var slot = 0; slot < count; slot++)
        {
            var (chunk, i) = (chunks[slot / ChunkSize], slot % ChunkSize);
            if (filter.Passes(chunk.Fields[i]))
            {
                (min, max) = (Math.Min(min, chunk.Ids[i]), Math.Max(max, chunk.Ids[i]));
            }
        }

        return min <= max ? (min, max) : null;
    }

    public void Rank(float[] query, SearchFilter filter, double minimumSimilarity, SearchTopK best, CancellationToken cancellationToken)
    {
        var queryNorm = SearchVectors.SquaredNorm(query);
        var filtered = filter.Any;
        for (var c = 0; c < chunks.Count; c++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var chunk = chunks[c];
            var filled = Math.Min(ChunkSize, count - c * ChunkSize);
            for (var i = 0; i < filled; i++)
            {
                if (chunk.Norms[i] == 0 || filtered && !filter.Passes(chunk.Fields[i]))
                {
                    continue;
                }

                var similarity = SearchVectors.Cosine(SearchVectors.Dot(query, chunk.Vector(i, Dimensions)), queryNorm, chunk.Norms[i]);
                if (similarity >= minimumSimilarity)
                {
                    best.Offer(chunk.Ids[i], similarity);
                }
            }
        }
    }

    private sealed class Chunk(int dimensions)
    {
        public long[] Ids { get; } = new long[ChunkSize];

        public SearchEntryFields[] Fields { get; } = new SearchEntryFields[ChunkSize];

        public int[] Norms { get; } = new int[ChunkSize];

        public byte[] Vectors { get; } = new byte[ChunkSize * dimensions];

        public ReadOnlySpan<sbyte> Vector(int at, int dimensions) => MemoryMarshal.Cast<byte, sbyte>(Vectors.AsSpan(at * dimensions, dimensions));
    }
}
