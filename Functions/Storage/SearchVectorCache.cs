using Microsoft.Data.Sqlite;

namespace Sift.Storage;

/// <summary>
/// What a search filters and compares, in memory: each entry's chat, date and int8 embedding,
/// grouped by embedder into <see cref="SearchVectorSegment"/>s, so the vector ranking is a scan
/// of contiguous memory instead of a read of every row through SQLite. The file stays the truth:
/// every write gives its row the next <c>seq</c> (<see cref="SqliteSearchIndex"/>), and
/// <see cref="Refresh"/> loads the rows past the last one seen, inside the query's own read
/// transaction, so a query sees what any process committed before it began, and nothing is
/// loaded before the first query. Entries are never deleted, only replaced in place (same row
/// id, a new seq), so moving forward by seq is all the cache ever needs.
/// </summary>
internal sealed class SearchVectorCache : IDisposable
{
    private const string Changed = """
        SELECT id, seq, chat_id, date, version, length(vector), vector FROM search_entries WHERE seq > $seen ORDER BY seq
        """;

    private const int VectorColumn = 6;

    private readonly ReaderWriterLockSlim gate = new();
    private readonly Dictionary<long, (SearchVectorSegment Segment, int Slot)> entries = [];
    private readonly List<SearchVectorSegment> segments = [];
    private long seen;

    /// <summary>Entries held, for tests and the benchmark.</summary>
    public int Count
    {
        get
        {
            gate.EnterReadLock();
            try
            {
                return entries.Count;
            }
            finally
            {
                gate.ExitReadLock();
            }
        }
    }

    /// <summary>Loads the rows written since the last refresh, as <paramref name="connection"/>'s transaction sees them.</summary>
    public void Refresh(SqliteConnection connection, SqliteTransaction transaction)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = Changed;
        var parameter = command.Parameters.Add("$seen", SqliteType.Integer);
        gate.EnterWriteLock();
        try
        {
            parameter.Value = seen;
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                Load(reader);
                seen = reader.GetInt64(1);
            }
        }
        finally
        {
            gate.ExitWriteLock();
        }
    }

    /// <summary>The entry's chat and date, or false when the cache has not loaded it.</summary>
    public bool TryGetFilterFields(long id, out long chatId, out long date)
    {
        gate.EnterReadLock();
        try
        {
            if (entries.TryGetValue(id, out var at))
            {
                (chatId, date) = at.Segment.FilterFields(at.Slot);
                return true;
            }

            (chatId, date) = (0, 0);
            return false;
        }
        finally
        {
            gate.ExitReadLock();
        }
    }

    /// <summary>The best <paramref name="best"/>.Capacity entries by cosine within the filters, among those of the query's embedder.</summary>
    public void Rank(SearchRequest request, double minimumSimilarity, SearchTopK best, CancellationToken cancellationToken)
    {
        gate.EnterReadLock();
        try
        {
            foreach (var segment in segments)
            {
                if (segment.Version == request.EmbeddingVersion && segment.Dimensions == request.Embedding.Length)
                {
                    segment.Rank(request, minimumSimilarity, best, cancellationToken);
                }
            }
        }
        finally
        {
            gate.ExitReadLock();
        }
    }

    public void Dispose() => gate.Dispose();

    private void Load(SqliteDataReader reader)
    {
        var id = reader.GetInt64(0);
        var chatId = reader.GetInt64(2);
        var date = reader.GetInt64(3);
        var version = reader.GetString(4);
        var dimensions = reader.GetInt32(5);
        if (entries.TryGetValue(id, out var at))
        {
            if (at.Segment.Version == version && at.Segment.Dimensions == dimensions)
            {
                at.Segment.Set(at.Slot, chatId, date, reader, VectorColumn);
                return;
            }

            // Re-embedded by another embedder: the old slot stays as a tombstone (never ranked) until the process restarts.
            at.Segment.Retire(at.Slot);
        }

        var segment = segments.Find(s => s.Version == version && s.Dimensions == dimensions);
        if (segment is null)
        {
            segment = new SearchVectorSegment(version, dimensions);
            segments.Add(segment);
        }

        entries[id] = (segment, segment.Add(id, chatId, date, reader, VectorColumn));
    }
}
