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
    private const string Changed = "SELECT id, seq, chat_id, date, version, length(vector), vector, class, sender_id, topics FROM search_entries WHERE seq > $seen";

    /// <summary>The first load walks the table in row order instead of the seq index (a lookup per row).</summary>
    private const string All = "SELECT id, seq, chat_id, date, version, length(vector), vector, class, sender_id, topics FROM search_entries";

    private const int VectorColumn = 6;
    private const char TopicSeparator = '\n';
    private const int MaxTopics = 3;

    private readonly ReaderWriterLockSlim gate = new();
    private readonly Dictionary<long, (SearchVectorSegment Segment, int Slot)> entries = [];
    private readonly List<SearchVectorSegment> segments = [];

    /// <summary>Chat keys, classes and topics by a small code each (class 0 is the unknown, empty one), so an entry's filter fields stay a fixed size.</summary>
    private readonly Dictionary<string, long> chats = new(StringComparer.Ordinal);
    private readonly Dictionary<string, byte> classes = new(StringComparer.Ordinal) { [""] = 0 };
    private readonly Dictionary<string, int> topics = new(StringComparer.Ordinal);
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

    /// <summary>The stored form of an entry's topics: at most three ids, one per line.</summary>
    public static string JoinTopics(IReadOnlyList<string> topicIds) => string.Join(TopicSeparator, topicIds.Take(MaxTopics));

    /// <summary>The request's filters in the cache's codes.</summary>
    public SearchFilter Filter(SearchRequest request)
    {
        gate.EnterReadLock();
        try
        {
            bool[]? mask = null;
            if (request.Classes is { } allowed)
            {
                mask = new bool[256];
                foreach (var name in allowed)
                {
                    if (classes.TryGetValue(name, out var code))
                    {
                        mask[code] = true;
                    }
                }
            }

            return new SearchFilter(request.Chat is { } chat ? chats.GetValueOrDefault(chat, -1) : null, request.Since?.ToUnixTimeMilliseconds(), request.Until?.ToUnixTimeMilliseconds(), mask, request.SenderId,
                request.TopicId is { } topic ? topics.GetValueOrDefault(topic, -1) : null);
        }
        finally
        {
            gate.ExitReadLock();
        }
    }

    /// <summary>Whether the entry passes <paramref name="filter"/>; false when the cache has not loaded it.</summary>
    public bool Passes(long id, SearchFilter filter)
    {
        gate.EnterReadLock();
        try
        {
            return entries.TryGetValue(id, out var at) && filter.Passes(at.Segment.Fields(at.Slot));
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
    public (long Min, long Max)? IdRange(SearchFilter filter)
    {
        gate.EnterReadLock();
        try
        {
            (long Min, long Max)? range = null;
            foreach (var segment in segments)
            {
                if (segment.IdRange(filter) is { } found)
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
    public void Rank(SearchRequest request, SearchFilter filter, double minimumSimilarity, SearchTopK best, CancellationToken cancellationToken)
    {
        gate.EnterReadLock();
        try
        {
            foreach (var segment in segments)
            {
                if (segment.Version == request.EmbeddingVersion && segment.Dimensions == request.Embedding.Length)
                {
                    segment.Rank(request.Embedding, filter, minimumSimilarity, best, cancellationToken);
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
        var version = reader.GetString(4);
        var dimensions = reader.GetInt32(5);
        var topicIds = reader.GetString(9).Split(TopicSeparator, StringSplitOptions.RemoveEmptyEntries);
        var fields = new SearchEntryFields(Code(chats, reader.GetString(2), (long)chats.Count), reader.GetInt64(3), Code(classes, reader.GetString(7), (byte)classes.Count),
            reader.IsDBNull(8) ? long.MinValue : reader.GetInt64(8), TopicCode(topicIds, 0), TopicCode(topicIds, 1), TopicCode(topicIds, 2));
        if (entries.TryGetValue(id, out var at))
        {
            if (at.Segment.Version == version && at.Segment.Dimensions == dimensions)
            {
                at.Segment.Set(at.Slot, fields, reader, VectorColumn);
                return;
            }

            // Re-embedded by another embedder: the old slot stays as a tombstone (never ranked) until the process restarts.
            at.Segment.Retire(at.Slot);
        }

        var segment = Segment(version, dimensions);
        entries[id] = (segment, segment.Add(id, fields, reader, VectorColumn));
    }

    private int TopicCode(string[] topicIds, int index) => index < topicIds.Length ? Code(topics, topicIds[index], topics.Count) : -1;

    /// <summary>The value's code, giving it <paramref name="next"/> when it has none (the five classes and the empty one fit a byte many times over).</summary>
    private static T Code<T>(Dictionary<string, T> codes, string value, T next) where T : struct
    {
        if (!codes.TryGetValue(value, out var code))
        {
            codes[value] = code = next;
        }

        return code;
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
