using System.Text.Json;
using Microsoft.Azure.Cosmos;
using Sift.Analysis.Offline;
using Sift.Storage;
using Sift.Tests.Infrastructure;

namespace Sift.Tests.Search;

/// <summary>
/// The search index on Cosmos DB. cosmosdb-server (the npm emulator) stores documents and runs
/// plain SQL, so the writes are checked against it: one document per message in its chat's
/// partition, re-indexing leaves it untouched, a new version replaces it. What it cannot check,
/// and how each part is covered instead:
/// <list type="bullet">
/// <item>VectorDistance, FullTextScore, RRF and ORDER BY RANK: it has none of these functions, so
/// the hybrid query is never run here. Its text is checked as generated (every value a parameter,
/// the FullTextScore argument form of the current docs); the ranking semantics (RRF, k = 60) are
/// the ones the SQLite adapter implements and its tests check.</item>
/// <item>Whether the service accepts parameters for FullTextScore's terms and the vector inside
/// ORDER BY RANK (the docs show literals): to verify on a real account; the adapter would then
/// inline the terms as JSON string literals.</item>
/// <item>Vector embedding policy, vector index (quantizedFlat) and full-text policy/index: it
/// accepts and ignores them; <see cref="CosmosContainers.Properties"/> is checked here and
/// infra/ declares the same (InfraCoverageTests). The account capabilities
/// (EnableNoSQLVectorSearch, EnableNoSQLFullTextSearch) exist only in Azure.</item>
/// <item>Full-text tokenization and stemming: the policy is en-US (the language every account
/// offers), so Russian text is tokenized but not stemmed there, unlike nothing in SQLite
/// (unicode61 never stems): exact Cyrillic words match on both; to confirm on a real account.</item>
/// <item>RU cost and latency of the hybrid query, quantizedFlat recall with date filters,
/// cross-partition RANK merging by the SDK's query plan: service behaviour only.</item>
/// </list>
/// </summary>
public sealed class CosmosSearchIndexTests(CosmosEmulator emulator) : IClassFixture<CosmosEmulator>, IAsyncLifetime
{
    private readonly CosmosOptions options = new() { ConnectionString = emulator.ConnectionString, Database = $"t{Guid.NewGuid():N}" };
    private CosmosDocumentStore store = null!;

    public async Task InitializeAsync() => store = await CosmosDocumentStore.OpenAsync(options, [SearchIndexes.Definition], ContinuationProtection.Ephemeral(), default);

    public Task DisposeAsync()
    {
        store.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task IndexingStoresOneDocumentPerMessageInItsChatsPartition()
    {
        await new CosmosSearchIndex(store).IndexAsync(SearchCorpus.Entries[0], default);

        var (stored, _) = await ReadAsync("1", "1");

        Assert.Equal(("1", "1"), (stored.GetProperty("id").GetString(), stored.GetProperty("pk").GetString()));
        var doc = stored.GetProperty("doc");
        Assert.Equal((1L, "2026-03-01T09:00:00.000Z", SearchCorpus.Entries[0].Text, SearchCorpus.Version),
            (doc.GetProperty("messageId").GetInt64(), doc.GetProperty("date").GetString(), doc.GetProperty("text").GetString(), doc.GetProperty("embeddingVersion").GetString()));
        Assert.Equal(SearchCorpus.Entries[0].Embedding, doc.GetProperty("embedding").EnumerateArray().Select(v => v.GetSingle()));
    }

    [Fact]
    public async Task ReindexingTheSameEntryLeavesTheDocumentUntouched()
    {
        var search = new CosmosSearchIndex(store);
        await search.IndexAsync(SearchCorpus.Entries[0], default);
        var (_, etag) = await ReadAsync("1", "1");

        await search.IndexAsync(SearchCorpus.Entries[0] with { Embedding = HashingEmbedder.Embed(SearchCorpus.Entries[0].Text) }, default);

        Assert.Equal(etag, (await ReadAsync("1", "1")).ETag);
    }

    [Fact]
    public async Task NewVersionOfAMessageReplacesItsDocument()
    {
        var search = new CosmosSearchIndex(store);
        await search.IndexAsync(SearchCorpus.Entries[0], default);

        await search.IndexAsync(SearchCorpus.Entry(1, 1, 0, "edited text"), default);

        Assert.Equal("edited text", (await ReadAsync("1", "1")).Document.GetProperty("doc").GetProperty("text").GetString());
    }

    [Fact]
    public void ContainerDeclaresTheVectorAndFullTextPolicies()
    {
        var properties = CosmosContainers.Properties(SearchIndexes.Definition);

        var embedding = Assert.Single(properties.VectorEmbeddingPolicy.Embeddings);
        Assert.Equal(("/doc/embedding", VectorDataType.Float32, 256, DistanceFunction.Cosine), (embedding.Path, embedding.DataType, embedding.Dimensions, embedding.DistanceFunction));
        var vectorIndex = Assert.Single(properties.IndexingPolicy.VectorIndexes);
        Assert.Equal(("/doc/embedding", VectorIndexType.QuantizedFlat), (vectorIndex.Path, vectorIndex.Type));
        var text = Assert.Single(properties.FullTextPolicy.FullTextPaths);
        Assert.Equal(("/doc/text", "en-US", "en-US"), (text.Path, text.Language, properties.FullTextPolicy.DefaultLanguage));
        Assert.Equal(["/doc/text"], properties.IndexingPolicy.FullTextIndexes.Select(i => i.Path));
        Assert.Equal(["/pk/?", "/doc/date/?", "/doc/class/?", "/doc/senderId/?", "/doc/topicIds/[]/?"], properties.IndexingPolicy.IncludedPaths.Select(p => p.Path));
    }

    [Fact]
    public void HybridQueryFusesVectorDistanceAndFullTextScoreWithEveryValueAParameter()
    {
        var request = Request("\"deploy\" OR prod*", chat: -100, since: SearchCorpus.Start, until: SearchCorpus.Start.AddDays(1));

        var query = CosmosSearchQuery.Build(request, SearchTerms.Of(request.Text));

        Assert.Equal("""
            SELECT TOP 5 c.doc.chat, c.doc.messageId, c.doc.date, c.doc.text, c.doc.class, c.doc.senderId, c.doc.sender, VectorDistance(c.doc.embedding, @vector) AS vectorScore
            FROM c WHERE c.doc.embeddingVersion = @version AND c.pk = @pk AND c.doc.date >= @since AND c.doc.date < @until ORDER BY RANK RRF(VectorDistance(c.doc.embedding, @vector), FullTextScore(c.doc.text, @t0, @t1, @t2))
            """, query.QueryText);
        var parameters = query.GetQueryParameters().ToDictionary(p => p.Name, p => p.Value);
        Assert.Equal(("deploy", "or", "prod"), (parameters["@t0"], parameters["@t1"], parameters["@t2"]));
        Assert.Equal(("-100", "2026-03-01T09:00:00.000Z", SearchCorpus.Version), (parameters["@pk"], parameters["@since"], parameters["@version"]));
        Assert.Same(request.Embedding, parameters["@vector"]);
    }

    [Fact]
    public void ClassSenderAndTopicFilterAsParametersAndAnEntryOfUnknownClassCountsAsTheEmptyOne()
    {
        var request = Request("deploy") with { Classes = ["signal", ""], SenderId = 42, TopicId = "ops" };

        var query = CosmosSearchQuery.Build(request, SearchTerms.Of(request.Text));

        Assert.Contains("""
            AND ARRAY_CONTAINS(@classes, IS_DEFINED(c.doc.class) ? c.doc.class : "") AND c.doc.senderId = @sender AND ARRAY_CONTAINS(c.doc.topicIds, @topic)
            """, query.QueryText, StringComparison.Ordinal);
        var parameters = query.GetQueryParameters().ToDictionary(p => p.Name, p => p.Value);
        Assert.Equal(["signal", ""], (string[])parameters["@classes"]);
        Assert.Equal((42L, "ops"), (parameters["@sender"], parameters["@topic"]));
    }

    /// <summary>Cosmos DB has no snippet function: the snippet is cut, marked and escaped here.</summary>
    [Theory]
    [InlineData("<img src=x onerror=alert(1)> deploy failed", "…x onerror=alert(1)&gt; <mark>deploy</mark> failed")]
    [InlineData("\"деплой\" & 'rollback' <script>", "…<mark>деплой</mark>&quot; &amp; &#39;rollback&#39; &lt;script…")]
    [InlineData("a message's own \uFDD0deploy\uFDD1 markers", "a message&#39;s own <mark>deploy</mark> markers")]
    public void SnippetsCutHereAreEscapedBesideTheMarks(string text, string snippet) =>
        Assert.Equal(snippet, SearchSnippets.Around(text, ["deploy", "деплой"]));

    [Fact]
    public void QueryWithoutWordsOrdersByVectorDistanceAlone()
    {
        var query = CosmosSearchQuery.Build(Request("?!"), []);

        Assert.EndsWith("WHERE c.doc.embeddingVersion = @version ORDER BY VectorDistance(c.doc.embedding, @vector)", query.QueryText, StringComparison.Ordinal);
    }

    private static SearchRequest Request(string text, long? chat = null, DateTimeOffset? since = null, DateTimeOffset? until = null) =>
        new(text, HashingEmbedder.Embed(text), SearchCorpus.Version, chat?.ToString(System.Globalization.CultureInfo.InvariantCulture), since, until, 5);

    private async Task<(JsonElement Document, string ETag)> ReadAsync(string partition, string id)
    {
        using var client = CosmosClients.Create(options);
        using var read = await client.GetContainer(options.Database, SearchIndexes.Collection).ReadItemStreamAsync(id, new PartitionKey(partition));
        using var stored = await JsonDocument.ParseAsync(read.Content);
        return (stored.RootElement.Clone(), read.Headers.ETag);
    }
}
