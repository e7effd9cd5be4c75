namespace Sift.Storage;

/// <summary>
/// The document-store port. Collections hold JSON documents addressed by (partition, id).
/// Domain code may rely on single-document atomicity only: <see cref="CreateAsync{T}"/> fails
/// when the id exists and <see cref="ReplaceAsync{T}"/> fails on a stale ETag, and that is all.
/// </summary>
public interface IDocumentStore
{
    Task<Stored<T>?> GetAsync<T>(string collection, string partition, string id, CancellationToken cancellationToken);

    /// <exception cref="DocumentConflictException">A document with this id exists in the partition.</exception>
    Task<Stored<T>> CreateAsync<T>(string collection, string partition, string id, T document, CancellationToken cancellationToken);

    /// <exception cref="DocumentPreconditionException">The document changed since <paramref name="etag"/> was read, or is gone.</exception>
    Task<Stored<T>> ReplaceAsync<T>(string collection, string partition, string id, T document, string etag, CancellationToken cancellationToken);

    Task<Stored<T>> UpsertAsync<T>(string collection, string partition, string id, T document, CancellationToken cancellationToken);

    /// <returns>False when there was nothing to delete.</returns>
    Task<bool> DeleteAsync(string collection, string partition, string id, CancellationToken cancellationToken);

    Task<Page<T>> QueryAsync<T>(string collection, DocumentQuery query, CancellationToken cancellationToken);

    Task<long> CountAsync(string collection, DocumentQuery query, CancellationToken cancellationToken);
}

public sealed record Stored<T>(T Value, string ETag);

public sealed record Page<T>(IReadOnlyList<T> Items, string? Continuation);

/// <summary>
/// The query model both adapters support: optional partition, equality filters on declared
/// fields, a range and an order on one declared sort field, a limit and a continuation token.
/// </summary>
public sealed record DocumentQuery
{
    public string? Partition { get; init; }
    /// <summary>Field → value (string, integer or boolean) that matching documents hold.</summary>
    public IReadOnlyDictionary<string, object> Equal { get; init; } = new Dictionary<string, object>();

    /// <summary>Declared filter field → the least number it may hold (inclusive).</summary>
    public IReadOnlyDictionary<string, double> AtLeast { get; init; } = new Dictionary<string, double>();

    /// <summary>Declared array field → a value (string or integer) the array holds.</summary>
    public IReadOnlyDictionary<string, object> Holds { get; init; } = new Dictionary<string, object>();

    /// <summary>Declared text field → text the field contains, ignoring case (as <see cref="string.ToLowerInvariant"/> folds it).</summary>
    public IReadOnlyDictionary<string, string> Contains { get; init; } = new Dictionary<string, string>();
    public string? SortField { get; init; }
    public bool Descending { get; init; } = true;

    /// <summary>Inclusive lower bound on the sort field (a string or an integer, like the field).</summary>
    public object? From { get; init; }

    /// <summary>Exclusive upper bound on the sort field.</summary>
    public object? Until { get; init; }
    public int Limit { get; init; } = 50;
    public string? Continuation { get; init; }

    /// <summary>This query limited to sort-field times in [<paramref name="since"/>, <paramref name="until"/>), either end open.</summary>
    public DocumentQuery Within(DateTimeOffset? since, DateTimeOffset? until) => this with
    {
        From = since is { } from ? UtcTimestampConverter.ToText(from) : null,
        Until = until is { } to ? UtcTimestampConverter.ToText(to) : null,
    };

    /// <summary>Equality filters from (field, value) pairs, leaving out the fields whose value is null.</summary>
    public static IReadOnlyDictionary<string, object> Present(params (string Field, object? Value)[] filters) =>
        filters.Where(f => f.Value is not null).ToDictionary(f => f.Field, f => f.Value!, StringComparer.Ordinal);

    /// <summary>Refuses what no adapter can run: a sort on an undeclared field, or no room for a single item (programming errors, not client input).</summary>
    internal void Check(CollectionDefinition definition)
    {
        if (SortField is { } field && !definition.SortFields.Contains(field))
        {
            throw new InvalidOperationException($"'{field}' is not a sort field of '{definition.Name}'.");
        }

        if (Limit < 1)
        {
            throw new InvalidOperationException("The limit of a query must be positive.");
        }

        foreach (var filtered in Equal.Keys.Concat(AtLeast.Keys).Where(f => !definition.FilterFields.Contains(f)))
        {
            throw new InvalidOperationException($"'{filtered}' is not a filter field of '{definition.Name}'.");
        }

        foreach (var array in Holds.Keys.Where(f => !definition.ArrayFields.Contains(f)))
        {
            throw new InvalidOperationException($"'{array}' is not an array field of '{definition.Name}'.");
        }

        foreach (var text in Contains.Keys.Where(f => !definition.TextFields.Contains(f)))
        {
            throw new InvalidOperationException($"'{text}' is not a text field of '{definition.Name}'.");
        }
    }
}

/// <summary>
/// What a collection declares up front: the fields it is filtered and sorted on, so every
/// adapter can index them (SQLite expression indexes, Cosmos indexing policy).
/// </summary>
public sealed record CollectionDefinition(string Name, IReadOnlyList<string> SortFields, IReadOnlyList<string> FilterFields)
{
    public CollectionDefinition(string name) : this(name, [], []) { }

    /// <summary>Fields holding arrays of strings or integers, filtered on by what they hold (<see cref="DocumentQuery.Holds"/>).</summary>
    public IReadOnlyList<string> ArrayFields { get; init; } = [];

    /// <summary>
    /// Fields searched for text they contain (<see cref="DocumentQuery.Contains"/>). No index can
    /// serve a contains-match, so none is built: such a filter narrows a list that a partition,
    /// an indexed filter or the sort range already bounds.
    /// </summary>
    public IReadOnlyList<string> TextFields { get; init; } = [];

    /// <summary>
    /// How long after its last write a document may be dropped by the store on its own (Cosmos
    /// time-to-live). Only a backstop: domain code still deletes what it no longer needs (SQLite
    /// keeps documents until then), and may not rely on an expired document being gone.
    /// </summary>
    public TimeSpan? Expiry { get; init; }

    /// <summary>A field holding an embedding, for vector search (Cosmos: vector embedding policy and vector index).</summary>
    public VectorField? Vector { get; init; }

    /// <summary>A text field for full-text search (Cosmos: full-text policy and full-text index).</summary>
    public string? FullTextField { get; init; }
}

/// <param name="Dimensions">Fixed when the container is created: a different embedder needs a new container.</param>
public sealed record VectorField(string Field, int Dimensions);

public sealed class DocumentConflictException(string collection, string id)
    : Exception($"Document '{id}' already exists in '{collection}'.");

public sealed class DocumentPreconditionException(string collection, string id)
    : Exception($"Document '{id}' in '{collection}' changed or was removed since it was read.");

/// <summary>The store answered something other than success or the outcomes the port names (throttled after retries, unavailable, forbidden).</summary>
public sealed class DocumentStoreException(string collection, string? id, int status, string detail)
    : Exception($"The store refused an operation on {(id is null ? "" : $"document '{id}' in ")}'{collection}' with status {status}: {detail}")
{
    /// <summary>Throttled past the SDK's retries, timed out or unavailable: the same request may succeed a little later.</summary>
    public bool IsTransient => status is 408 or 429 or 449 or 503;
}

/// <summary>A continuation token that this list did not issue: altered, or from another list or other filters.</summary>
public sealed class InvalidContinuationException()
    : Exception("The continuation token is not valid for this list: pass back the token exactly as the previous page of the same query gave it.");

/// <summary>A read-modify-write lost the race for a document more times than it may retry; the caller may try again later.</summary>
public sealed class DocumentContentionException(string collection, string id, int attempts)
    : Exception($"Document '{id}' in '{collection}' kept changing during {attempts} attempts to update it.");
