using System.Text.Json;

namespace Sift.Storage;

/// <summary>
/// The search index on Cosmos DB: one document per message in the <c>search</c> collection
/// (partition = chat), written through the store port like every other document, and searched
/// with the service's own hybrid ranking (<see cref="CosmosSearchQuery"/>). The service computes
/// RRF but returns neither it nor BM25 (FullTextScore may not be projected): a hit's score is the
/// reciprocal-rank share of its position, its text score null, its vector score the projected
/// VectorDistance; the snippet is cut and escaped here (<see cref="SearchSnippets.Around"/>).
/// </summary>
internal sealed class CosmosSearchIndex(CosmosDocumentStore store) : ISearchIndex
{
    public async Task IndexAsync(SearchEntry entry, CancellationToken cancellationToken)
    {
        var document = new SearchDocument(entry.Chat, entry.MessageId, entry.Date.ToUniversalTime(), entry.Text, entry.Embedding, entry.EmbeddingVersion,
            entry.Class, entry.SenderId, entry.Sender, entry.Topics);
        var partition = entry.Chat;
        var id = entry.MessageId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        // A point read (1 RU) spares the write (and re-indexing the vector) when nothing changed.
        if (await store.GetAsync<SearchDocument>(SearchIndexes.Collection, partition, id, cancellationToken) is { } stored && stored.Value.SameAs(document))
        {
            return;
        }

        await store.UpsertAsync(SearchIndexes.Collection, partition, id, document, cancellationToken);
    }

    public async Task ReclassifyAsync(string chat, long messageId, string messageClass, CancellationToken cancellationToken) =>
        await store.ModifyAsync<SearchDocument>(SearchIndexes.Collection, chat, messageId.ToString(System.Globalization.CultureInfo.InvariantCulture),
            stored => stored is null || stored.Class == messageClass ? null : stored with { Class = messageClass }, cancellationToken);

    public async Task<IReadOnlyList<SearchHit>> SearchAsync(SearchRequest request, CancellationToken cancellationToken)
    {
        var terms = SearchTerms.Of(request.Text);
        var sql = CosmosSearchQuery.Build(request, terms);
        var partition = request.Chat;
        var hits = new List<SearchHit>();
        await foreach (var item in store.ReadAllAsync(SearchIndexes.Collection, sql, partition, request.Limit, cancellationToken))
        {
            var text = item.GetProperty("text").GetString() ?? "";
            double? vectorScore = item.TryGetProperty("vectorScore", out var score) && score.ValueKind == JsonValueKind.Number ? score.GetDouble() : null;
            // The service fuses without a floor: a neighbour by meaning alone (none of its words matched) must be near enough here.
            if (!SearchSnippets.Holds(text, terms) && (vectorScore ?? 0) < request.VectorOnlyFloor)
            {
                continue;
            }

            hits.Add(new SearchHit(item.GetProperty("chat").GetString()!, item.GetProperty("messageId").GetInt64(),
                item.GetProperty("date").Deserialize<DateTimeOffset>(SiftJson.Options), 1.0 / (RankFusion.K + hits.Count + 1),
                SearchSnippets.Around(text, terms), null, vectorScore, String(item, "class") ?? "",
                item.TryGetProperty("senderId", out var sender) && sender.ValueKind == JsonValueKind.Number ? sender.GetInt64() : null, String(item, "sender")));
            if (hits.Count == request.Limit)
            {
                break;
            }
        }

        return hits;
    }

    private static string? String(JsonElement item, string name) =>
        item.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private sealed record SearchDocument(
        string Chat, long MessageId, DateTimeOffset Date, string Text, float[] Embedding, string EmbeddingVersion,
        string? Class, long? SenderId, string? Sender, IReadOnlyList<string>? TopicIds)
    {
        public bool SameAs(SearchDocument other) =>
            (Chat, MessageId, Date, Text, EmbeddingVersion, Class ?? "", SenderId, Sender)
                == (other.Chat, other.MessageId, other.Date, other.Text, other.EmbeddingVersion, other.Class ?? "", other.SenderId, other.Sender)
            && Embedding.AsSpan().SequenceEqual(other.Embedding) && (TopicIds ?? []).SequenceEqual(other.TopicIds ?? []);
    }
}
