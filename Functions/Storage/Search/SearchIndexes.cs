using Microsoft.Extensions.Options;

namespace Sift.Storage;

/// <summary>
/// Where the search index lives: with the store on Cosmos DB, in its <c>search</c> collection
/// (so Azure keeps nothing on local disk); else in <c>search.db</c> beside the store's file.
/// </summary>
public static class SearchIndexes
{
    public const string Collection = "search";
    public const string File = "search.db";

    /// <summary>The offline embedder's size; the Cosmos container's vector policy is fixed to it when created.</summary>
    public const int Dimensions = 256;

    internal const string VectorField = "embedding";
    internal const string TextField = "text";
    internal const string DateField = "date";
    internal const string VersionField = "embeddingVersion";
    internal const string ClassField = "class";
    internal const string SenderField = "senderId";
    internal const string TopicsField = "topicIds";

    /// <summary>Partitioned by chat, so a search within one chat reads one partition; dates filter by range, class, sender and topic by value.</summary>
    public static CollectionDefinition Definition { get; } = new(Collection, [], [DateField, ClassField, SenderField])
    {
        Vector = new VectorField(VectorField, Dimensions),
        FullTextField = TextField,
        ArrayFields = [TopicsField],
    };

    public static IServiceCollection AddSearchIndex(this IServiceCollection services)
    {
        services.AddCollection(Definition);
        services.AddSingleton<ISearchIndex>(provider => provider.GetRequiredService<IDocumentStore>() is CosmosDocumentStore cosmos
            ? new CosmosSearchIndex(cosmos)
            : SqliteSearchIndex.Open(Path.Combine(provider.GetRequiredService<IOptions<StorageOptions>>().Value.FullPath, File)));
        return services;
    }
}
