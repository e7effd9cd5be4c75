using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Sift.Storage;

/// <summary>
/// One hybrid search on <see cref="SqliteSearchIndex"/>'s tables: the best
/// <see cref="Candidates"/> by BM25 (FTS5) and the best as many by cosine, both within the
/// filters, fused by <see cref="RankFusion"/>; then snippets and details for the hits only.
/// Both sides filter through <see cref="SearchVectorCache"/> (already caught up to
/// <paramref name="transaction"/>'s snapshot): the vector side is a scan of its memory, and the
/// full-text side ranks FTS5's matches alone, without a join to the entries table per match.
/// </summary>
internal sealed class SqliteSearchQuery(SqliteConnection connection, SqliteTransaction transaction, SearchVectorCache cache, SearchRequest request)
{
    /// <summary>Per ranking: twice the largest page, so fusion has room to promote entries both rankings hold.</summary>
    public const int Candidates = 100;

    /// <summary>Below this cosine a vector neighbour is noise for hashed embeddings (random texts score about ±0.06); it only adds unrelated hits.</summary>
    public const double MinimumSimilarity = 0.1;

    private readonly IReadOnlyList<string> terms = SearchTerms.Of(request.Text);
    private readonly SearchFilter filter = cache.Filter(request);

    public IReadOnlyList<SearchHit> Run(CancellationToken cancellationToken)
    {
        var text = terms.Count == 0 ? [] : TextRanking();
        cancellationToken.ThrowIfCancellationRequested();
        // A neighbour by meaning alone must be near enough to mean something; one that also matched words is fused whatever its cosine.
        var matched = text.Select(t => t.Id).ToHashSet();
        var vector = VectorRanking(cancellationToken).Where(v => v.Score >= request.VectorOnlyFloor || matched.Contains(v.Id)).ToList();
        var fused = RankFusion.Fuse(text.Select(t => t.Id).ToList(), vector.Select(v => v.Id).ToList());
        var top = fused.OrderByDescending(f => f.Value).ThenByDescending(f => f.Key).Take(request.Limit).Select(f => f.Key).ToList();
        if (top.Count == 0)
        {
            return [];
        }

        var bm25 = text.ToDictionary(t => t.Id, t => t.Score);
        var snippets = Snippets(top.Where(bm25.ContainsKey).ToList());
        return Details(top).Select(row => new SearchHit(row.Chat, row.MessageId, row.Date, fused[row.Id],
            snippets.GetValueOrDefault(row.Id) ?? SearchSnippets.Leading(row.Text), bm25.TryGetValue(row.Id, out var score) ? score : null,
            row.Version == request.EmbeddingVersion ? SearchVectors.Cosine(request.Embedding, row.Vector) : null, row.Class, row.SenderId, row.Sender)).ToList();
    }

    private List<(long Id, double Score)> TextRanking()
    {
        var ranking = new List<(long, double)>();
        var filtered = filter.Any;
        var range = filtered ? cache.IdRange(filter) : null;
        if (filtered && range is null)
        {
            return ranking;
        }

        // Unfiltered, FTS5 keeps only the best. Filtered, it ranks only the stretch of rows that
        // can pass (bm25's statistics are the whole table's either way), and matches arrive best
        // first until enough pass.
        using var command = Command($"""
            SELECT rowid, bm25(search_text) AS rank FROM search_text WHERE search_text MATCH $query
            {(filtered ? "AND rowid BETWEEN $min AND $max ORDER BY rank" : $"ORDER BY rank LIMIT {Candidates}")}
            """);
        command.Parameters.AddWithValue("$query", SearchTerms.Fts5Query(terms));
        if (range is { } ids)
        {
            command.Parameters.AddWithValue("$min", ids.Min);
            command.Parameters.AddWithValue("$max", ids.Max);
        }

        using var reader = command.ExecuteReader();
        while (ranking.Count < Candidates && reader.Read())
        {
            var id = reader.GetInt64(0);
            if (!filtered || cache.Passes(id, filter))
            {
                // FTS5's bm25() is negated so that ascending order is best first; the API's score grows with relevance.
                ranking.Add((id, -reader.GetDouble(1)));
            }
        }

        return ranking;
    }

    private List<(long Id, double Score)> VectorRanking(CancellationToken cancellationToken)
    {
        var best = new SearchTopK(Candidates);
        cache.Rank(request, filter, MinimumSimilarity, best, cancellationToken);
        return best.ToRanking();
    }

    private Dictionary<long, string> Snippets(List<long> ids)
    {
        var snippets = new Dictionary<long, string>();
        if (ids.Count == 0)
        {
            return snippets;
        }

        using var command = Command($"""
            SELECT rowid, snippet(search_text, 0, $open, $close, $ellipsis, 16)
            FROM search_text WHERE search_text MATCH $query AND rowid IN ({Ids(ids)})
            """);
        command.Parameters.AddWithValue("$query", SearchTerms.Fts5Query(terms));
        command.Parameters.AddWithValue("$open", SearchSnippets.Open.ToString());
        command.Parameters.AddWithValue("$close", SearchSnippets.Close.ToString());
        command.Parameters.AddWithValue("$ellipsis", SearchSnippets.Ellipsis);
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            // FTS5 copies the text as it is: escaped here, its markers become the only markup.
            snippets[reader.GetInt64(0)] = SearchSnippets.Html(reader.GetString(1));
        }

        return snippets;
    }

    private List<Row> Details(List<long> ids)
    {
        using var command = Command($"""
            SELECT e.id, e.chat_id, e.message_id, e.date, e.version, e.vector, t.text, e.class, e.sender_id, e.sender
            FROM search_entries e JOIN search_text t ON t.rowid = e.id WHERE e.id IN ({Ids(ids)})
            """);
        using var reader = command.ExecuteReader();
        var rows = new Dictionary<long, Row>();
        while (reader.Read())
        {
            rows[reader.GetInt64(0)] = new Row(reader.GetInt64(0), reader.GetString(1), reader.GetInt64(2),
                DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(3)), reader.GetString(4), (byte[])reader.GetValue(5), reader.GetString(6),
                reader.GetString(7), reader.IsDBNull(8) ? null : reader.GetInt64(8), reader.IsDBNull(9) ? null : reader.GetString(9));
        }

        // In fused order; an entry replaced since the rankings were read may be gone.
        return ids.Where(rows.ContainsKey).Select(id => rows[id]).ToList();
    }

    private SqliteCommand Command(string sql)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        return command;
    }

    /// <summary>Row ids the query itself produced (integers), so they are written into the text rather than bound one by one.</summary>
    private static string Ids(List<long> ids) => string.Join(',', ids.Select(id => id.ToString(CultureInfo.InvariantCulture)));

    private sealed record Row(long Id, string Chat, long MessageId, DateTimeOffset Date, string Version, byte[] Vector, string Text, string Class, long? SenderId, string? Sender);
}
