using System.Collections.ObjectModel;
using System.Net;
using Microsoft.Azure.Cosmos;

namespace Sift.Storage;

/// <summary>
/// The database and one container per collection (partition key <c>/pk</c>), created at start
/// when missing. In Azure, with local auth disabled, the app's data-plane role cannot create
/// them: there infra declares them, this only reads them and says which one is missing.
/// </summary>
internal static class CosmosContainers
{
    public const string PartitionKeyPath = "/pk";

    /// <summary>
    /// Indexes only what queries use: the partition key and the declared fields. ORDER BY on
    /// several properties needs a composite index, one per sort field as (field, pk, id) and
    /// (pk, id) for lists without a sort field, each in both directions (the service would serve
    /// a descending query from the ascending index; cosmosdb-server insists on an exact match).
    /// </summary>
    public static ContainerProperties Properties(CollectionDefinition definition)
    {
        var properties = new ContainerProperties(definition.Name, PartitionKeyPath)
        {
            DefaultTimeToLive = definition.Expiry is { } expiry ? (int)Math.Ceiling(expiry.TotalSeconds) : null,
        };
        var policy = properties.IndexingPolicy;
        policy.IndexingMode = IndexingMode.Consistent;
        policy.ExcludedPaths.Add(new ExcludedPath { Path = "/*" });
        policy.IncludedPaths.Add(new IncludedPath { Path = $"{PartitionKeyPath}/?" });
        foreach (var field in definition.SortFields.Concat(definition.FilterFields).Distinct())
        {
            policy.IncludedPaths.Add(new IncludedPath { Path = $"{CosmosQueryBuilder.IndexPath(field)}/?" });
        }

        foreach (var field in definition.ArrayFields)
        {
            policy.IncludedPaths.Add(new IncludedPath { Path = $"{CosmosQueryBuilder.IndexPath(field)}/[]/?" });
        }

        foreach (var sort in definition.SortFields.Select(CosmosQueryBuilder.IndexPath).Append(null))
        {
            foreach (var order in new[] { CompositePathSortOrder.Ascending, CompositePathSortOrder.Descending })
            {
                var paths = new Collection<CompositePath>();
                if (sort is not null)
                {
                    paths.Add(new CompositePath { Path = sort, Order = order });
                }

                paths.Add(new CompositePath { Path = PartitionKeyPath, Order = order });
                paths.Add(new CompositePath { Path = "/id", Order = order });
                policy.CompositeIndexes.Add(paths);
            }
        }

        AddSearchPolicies(definition, properties);
        return properties;
    }

    /// <summary>
    /// A declared vector field gets an embedding policy (float32, cosine) and a quantizedFlat
    /// index: exact k-NN over compressed vectors, scanned after the WHERE filters, so a search
    /// within one chat (one partition) or a date range keeps full recall; diskANN pays off past
    /// about 50,000 vectors per physical partition. A declared text field gets a full-text policy
    /// (en-US, the language every account supports) and a full-text index. The catch-all
    /// exclusion (<c>/*</c>) already keeps the vector out of the range index, as the service requires.
    /// </summary>
    private static void AddSearchPolicies(CollectionDefinition definition, ContainerProperties properties)
    {
        if (definition.Vector is { } vector)
        {
            var path = CosmosQueryBuilder.IndexPath(vector.Field);
            properties.VectorEmbeddingPolicy = new VectorEmbeddingPolicy(
                [new Embedding { Path = path, DataType = VectorDataType.Float32, Dimensions = vector.Dimensions, DistanceFunction = DistanceFunction.Cosine }]);
            properties.IndexingPolicy.VectorIndexes.Add(new VectorIndexPath { Path = path, Type = VectorIndexType.QuantizedFlat });
        }

        if (definition.FullTextField is { } field)
        {
            var path = CosmosQueryBuilder.IndexPath(field);
            properties.FullTextPolicy = new FullTextPolicy { DefaultLanguage = FullTextLanguage, FullTextPaths = [new FullTextPath { Path = path, Language = FullTextLanguage }] };
            properties.IndexingPolicy.FullTextIndexes.Add(new FullTextIndexPath { Path = path });
        }
    }

    public const string FullTextLanguage = "en-US";

    /// <exception cref="InvalidOperationException">The database or a container is missing and cannot be created, or the account cannot be reached (the message names the setting).</exception>
    public static async Task<Database> EnsureAsync(CosmosClient client, string databaseName, IEnumerable<CollectionDefinition> definitions, CancellationToken cancellationToken)
    {
        var database = client.GetDatabase(databaseName);
        await ReadOrCreateAsync($"database '{databaseName}'", () => database.ReadStreamAsync(cancellationToken: cancellationToken),
            () => client.CreateDatabaseStreamAsync(new DatabaseProperties(databaseName), cancellationToken: cancellationToken));
        await Task.WhenAll(definitions.Select(definition => ReadOrCreateAsync($"container '{definition.Name}' of database '{databaseName}'",
            () => database.GetContainer(definition.Name).ReadContainerStreamAsync(cancellationToken: cancellationToken),
            () => database.CreateContainerStreamAsync(Properties(definition), cancellationToken: cancellationToken))));
        return database;
    }

    /// <summary>Reads first: only what is missing is created, so an identity that may not create anything starts when infra declared it all.</summary>
    private static async Task ReadOrCreateAsync(string what, Func<Task<ResponseMessage>> read, Func<Task<ResponseMessage>> create)
    {
        using var found = await read();
        if (found.StatusCode != HttpStatusCode.NotFound)
        {
            Check(found, what, creating: false);
            return;
        }

        using var created = await create();
        Check(created, what, creating: true);
    }

    /// <summary>Success, or a lost creation race (409), passes; anything else ends start-up with one line.</summary>
    private static void Check(ResponseMessage response, string what, bool creating)
    {
        if (response.IsSuccessStatusCode || response.StatusCode == HttpStatusCode.Conflict)
        {
            return;
        }

        throw new InvalidOperationException(creating && response.StatusCode == HttpStatusCode.Forbidden
            ? $"CosmosDb: the {what} is missing and this identity may not create it (403): declare it in infra (Bicep), with partition key {PartitionKeyPath}."
            : $"CosmosDb: the {what} could not be read or created: {(int)response.StatusCode} {response.StatusCode}.");
    }
}
