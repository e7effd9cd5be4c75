using System.Net;
using System.Text.Json;
using Microsoft.Azure.Cosmos;

namespace Sift.Storage;

/// <summary>
/// The document store on Cosmos DB: a container per collection, each document stored as
/// <c>{ "id": escaped id, "pk": partition, "doc": body }</c> so a body's own <c>id</c> (of any
/// type) never meets Cosmos's. Bodies go through System.Text.Json and <see cref="SiftJson"/>
/// on the stream APIs, so they are the same JSON as on SQLite. Point operations give the port's
/// single-document atomicity; queries page with the same signed keyset tokens as SQLite.
/// </summary>
internal sealed class CosmosDocumentStore : IDocumentStore, IDisposable
{
    private readonly CosmosClient client;
    private readonly Database database;
    private readonly Dictionary<string, CollectionDefinition> collections;
    private readonly ContinuationProtection continuations;

    private CosmosDocumentStore(CosmosClient client, Database database, Dictionary<string, CollectionDefinition> collections, ContinuationProtection continuations)
    {
        this.client = client;
        this.database = database;
        this.collections = collections;
        this.continuations = continuations;
    }

    /// <summary>Connects and creates the database and containers that are missing.</summary>
    /// <exception cref="InvalidOperationException">The account cannot be reached or a container cannot be created; the message names the setting.</exception>
    public static async Task<CosmosDocumentStore> OpenAsync(CosmosOptions options, IEnumerable<CollectionDefinition> definitions, ContinuationProtection continuations,
        CancellationToken cancellationToken)
    {
        var collections = definitions.DistinctBy(d => d.Name).ToDictionary(d => d.Name);
        var client = CosmosClients.Create(options);
        try
        {
            var database = await CosmosContainers.EnsureAsync(client, options.Database, collections.Values, cancellationToken);
            return new CosmosDocumentStore(client, database, collections, continuations);
        }
        catch (Exception e) when (e is CosmosException or HttpRequestException or TimeoutException)
        {
            client.Dispose();
            throw new InvalidOperationException($"CosmosDb: the account at {options.Endpoint()} cannot be used: {FirstLine(e.Message)}");
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }

    public async Task<Stored<T>?> GetAsync<T>(string collection, string partition, string id, CancellationToken cancellationToken)
    {
        using var response = await Container(collection).ReadItemStreamAsync(CosmosIds.Escape(id), new PartitionKey(partition), cancellationToken: cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        Ensure(response, collection, id);
        using var stored = await JsonDocument.ParseAsync(response.Content, cancellationToken: cancellationToken);
        return new Stored<T>(Body<T>(stored.RootElement), response.Headers.ETag);
    }

    public async Task<Stored<T>> CreateAsync<T>(string collection, string partition, string id, T document, CancellationToken cancellationToken)
    {
        using var body = Wrap(collection, partition, id, document);
        using var response = await Container(collection).CreateItemStreamAsync(body, new PartitionKey(partition), cancellationToken: cancellationToken);
        return response.StatusCode == HttpStatusCode.Conflict
            ? throw new DocumentConflictException(collection, id)
            : new Stored<T>(document, Ensure(response, collection, id));
    }

    public async Task<Stored<T>> ReplaceAsync<T>(string collection, string partition, string id, T document, string etag, CancellationToken cancellationToken)
    {
        using var body = Wrap(collection, partition, id, document);
        using var response = await Container(collection).ReplaceItemStreamAsync(body, CosmosIds.Escape(id), new PartitionKey(partition),
            new ItemRequestOptions { IfMatchEtag = etag }, cancellationToken);
        return response.StatusCode is HttpStatusCode.PreconditionFailed or HttpStatusCode.NotFound
            ? throw new DocumentPreconditionException(collection, id)
            : new Stored<T>(document, Ensure(response, collection, id));
    }

    public async Task<Stored<T>> UpsertAsync<T>(string collection, string partition, string id, T document, CancellationToken cancellationToken)
    {
        using var body = Wrap(collection, partition, id, document);
        using var response = await Container(collection).UpsertItemStreamAsync(body, new PartitionKey(partition), cancellationToken: cancellationToken);
        return new Stored<T>(document, Ensure(response, collection, id));
    }

    public async Task<bool> DeleteAsync(string collection, string partition, string id, CancellationToken cancellationToken)
    {
        using var response = await Container(collection).DeleteItemStreamAsync(CosmosIds.Escape(id), new PartitionKey(partition), cancellationToken: cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return false;
        }

        Ensure(response, collection, id);
        return true;
    }

    public async Task<Page<T>> QueryAsync<T>(string collection, DocumentQuery query, CancellationToken cancellationToken)
    {
        var position = query.Continuation is { Length: > 0 } token ? continuations.Open(token, collection, query) : null;
        var definition = Definition(collection);
        var sql = new CosmosQueryBuilder(definition, query, position).Select();
        var items = new List<T>();
        ContinuationToken? last = null;
        await foreach (var stored in ReadAllAsync(collection, sql, query.Partition, query.Limit + 1, cancellationToken))
        {
            if (items.Count == query.Limit)
            {
                return new Page<T>(items, continuations.Seal(last!, collection, query));
            }

            items.Add(Body<T>(stored));
            var sortValue = query.SortField is { } field && SortValue(stored.GetProperty("doc"), field) is { } value ? value.Clone() : (JsonElement?)null;
            last = new ContinuationToken(sortValue, stored.GetProperty("pk").GetString()!, stored.GetProperty("id").GetString()!);
        }

        return new Page<T>(items, null);
    }

    public async Task<long> CountAsync(string collection, DocumentQuery query, CancellationToken cancellationToken)
    {
        var sql = new CosmosQueryBuilder(Definition(collection), query, null).Count();
        long count = 0;
        // A cross-partition count may arrive as one partial count per partition range: their sum is the count.
        await foreach (var partial in ReadAllAsync(collection, sql, query.Partition, null, cancellationToken))
        {
            count += partial.GetInt64();
        }

        return count;
    }

    public void Dispose() => client.Dispose();

    /// <summary>Every result of <paramref name="sql"/>, page by page; also how the search adapter runs its own queries on a collection of this store.</summary>
    internal async IAsyncEnumerable<JsonElement> ReadAllAsync(string collection, QueryDefinition sql, string? partition, int? pageSize,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var options = new QueryRequestOptions { MaxItemCount = pageSize ?? -1 };
        if (partition is not null)
        {
            options.PartitionKey = new PartitionKey(partition);
        }

        using var iterator = Container(collection).GetItemQueryStreamIterator(sql, requestOptions: options);
        while (iterator.HasMoreResults)
        {
            using var response = await iterator.ReadNextAsync(cancellationToken);
            Ensure(response, collection, null);
            using var page = await JsonDocument.ParseAsync(response.Content, cancellationToken: cancellationToken);
            foreach (var item in page.RootElement.GetProperty("Documents").EnumerateArray())
            {
                yield return item.Clone();
            }
        }
    }

    private MemoryStream Wrap<T>(string collection, string partition, string id, T document)
    {
        var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteStartObject();
            writer.WriteString("id", CosmosIds.Escape(id));
            writer.WriteString("pk", partition);
            writer.WritePropertyName("doc");
            JsonSerializer.Serialize(writer, document, SiftJson.Options);
            // The container's default expires documents already; a per-document ttl still does
            // where infra declared the container with TTL on but no default.
            if (Definition(collection).Expiry is { } expiry)
            {
                writer.WriteNumber("ttl", (int)Math.Ceiling(expiry.TotalSeconds));
            }

            writer.WriteEndObject();
        }

        stream.Position = 0;
        return stream;
    }

    private static T Body<T>(JsonElement stored) => stored.GetProperty("doc").Deserialize<T>(SiftJson.Options)!;

    private static JsonElement? SortValue(JsonElement doc, string field)
    {
        foreach (var segment in field.Split('.'))
        {
            if (doc.ValueKind != JsonValueKind.Object || !doc.TryGetProperty(segment, out doc))
            {
                return null;
            }
        }

        return doc;
    }

    /// <returns>The ETag of a successful response.</returns>
    /// <exception cref="DocumentStoreException">Any other answer (429 after the SDK's retries, 5xx, 403...).</exception>
    private static string Ensure(ResponseMessage response, string collection, string? id) =>
        response.IsSuccessStatusCode
            ? response.Headers.ETag
            : throw new DocumentStoreException(collection, id, (int)response.StatusCode, FirstLine(response.ErrorMessage ?? response.StatusCode.ToString()));

    private static string FirstLine(string text) => text.Split('\n', 2)[0].Trim();

    private Container Container(string collection) => database.GetContainer(Definition(collection).Name);

    private CollectionDefinition Definition(string collection) =>
        collections.TryGetValue(collection, out var definition)
            ? definition
            : throw new InvalidOperationException($"Collection '{collection}' is not registered.");
}
