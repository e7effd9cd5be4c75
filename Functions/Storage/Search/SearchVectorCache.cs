using Microsoft.Data.Sqlite;

namespace Sift.Storage;

/// <summary>
/// What a search filters and compares, in memory: each entry's chat (as an ordinal this cache gives each chat key it loads), date and int8 embedding,
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
    /// <summary>In any order: a row appears once per snapshot, and <c>seen</c> becomes the largest seq read.</summary>
    private const string Changed = "SELECT id, seq, chat_id, date, version, length(vector), vector FROM search_entries WHERE seq > $seen";

    /// <summary>The first load walks the table in row order instead of the seq index (a lookup per row).</summary>
    private const string All = "SELECT id, seq, chat_id, date, version, length(vector), vector FROM search_entries";

    private const int VectorColumn = 6;

    private readonly ReaderWriterLockSlim gate = new();
    private readonly Dictionary<long, (SearchVectorSegment Segment, int Slot)> entries = [];
    private readonly List<SearchVectorSegment> segments = [];
    private readonly Dictionary<string, long> chats = new(StringComparer.Ordinal);
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
        gate.EnterWriteLock();
        try
        {
            if (seen == 0)
            {
                // Ids are dense (never deleted), so the largest is about the count: one dictionary allocation, not twenty.
                command.CommandText = "SELECT coalesce(max(id), 0) FROM search_entries";
                entries.EnsureCapacity((int)Math.Min((long)command.ExecuteScalar()!, 1 << 24));
            }

            command.CommandText = seen == 0 ? All : Changed;
            command.Parameters.AddWithValue("$seen", seen);
            using var reader = command.ExecuteReader();
            var last = seen;
            while (reader.Read())
            {
                Load(reader);
                last = Math.Max(last, reader.GetInt64(1));
            }

            seen = last;
        }
        finally
        {
            gate.ExitWriteLock();
        }
    }

    /// <summary>The ordinal a filter compares entries' chats with: null without a chat, -1 for a chat no loaded entry has.</summary>
    public long? ChatOrdinal(string? chat)
    {
        if (chat is null)
        {
            return null;
        }

        gate.EnterReadLock();
        try
        {
            return chats.GetValueOrDefault(chat, -1);
        }
        finally
        {
            gate.ExitReadLock();
        }
    }

    /// <summary>The entry's chat ordinal and date, or false when the cache has not loaded it.</summary>
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

    /// <summary>
    /// The smallest and largest row id of the entries within the filters (null when none is),
    /// for FTS5 to rank only that stretch of rows: ids grow with indexing, which mostly follows time.
    /// </summary>
    public (long Min, long Max)? IdRange(SearchRequest request)
    {
        gate.EnterReadLock();
        try
        {
            (long Min, long Max)? range = null;
            foreach (var segment in segments)
            {
                if (segment.IdRange(ChatOrdinalLocked(request.Chat), request) is { } found)
                {
                    range = range is { } r ? (Math.Min(r.Min, found.Min), Math.Max(r.Max, found.Max)) : found;
                }
            }

            return range;
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
                    segment.Rank(ChatOrdinalLocked(request.Chat), request, minimumSimilarity, best, cancellationToken);
                }
            }
        }
        finally
        {
            gate.ExitReadLock();
        }
    }

    public void Dispose() => gate.Dispose();

    private long? ChatOrdinalLocked(string? chat) => chat is null ? null : chats.GetValueOrDefault(chat, -1);

    private void Load(SqliteDataReader reader)
    {
        var id = reader.GetInt64(0);
        var key = reader.GetString(2);
        if (!chats.TryGetValue(key, out var chatId))
        {
            chatId = chats.Count;
            chats[key] = chatId;
        }

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

        var segment = Segment(version, dimensions);
        entries[id] = (segment, segment.Add(id, chatId, date, reader, VectorColumn));
    }

    private SearchVectorSegment Segment(string version, int dimensions)
    {
        foreach (var segment in segments)
        {
            if (segment.Version == version && segment.Dimensions == dimensions)
            {
                return segment;
            }
        }

        segments.Add(new SearchVectorSegment(version, dimensions));
        return segments[^1];
    }
}
