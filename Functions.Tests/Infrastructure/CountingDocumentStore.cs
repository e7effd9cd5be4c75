using Microsoft.Extensions.DependencyInjection;
using System.Collections.Concurrent;
using Sift.Storage;

namespace Sift.Tests.Infrastructure;

/// <summary>Counts the operations that reach the document store, by operation and collection, to measure what a flow costs.</summary>
public sealed class CountingDocumentStore(IDocumentStore inner) : IDocumentStore
{
    public ConcurrentDictionary<string, int> Operations { get; } = new();

    public int Total => Operations.Values.Sum();

    /// <summary>Wraps the app's store in a counter that <paramref name="found"/> receives once it is built.</summary>
    public static Action<IServiceCollection> Around(Action<CountingDocumentStore> found) => services =>
    {
        var registration = services.Last(s => s.ServiceType == typeof(IDocumentStore));
        services.Remove(registration);
        services.AddSingleton<IDocumentStore>(provider =>
        {
            var counting = new CountingDocumentStore((IDocumentStore)registration.ImplementationFactory!(provider));
            found(counting);
            return counting;
        });
    };

    public Task<Stored<T>?> GetAsync<T>(string collection, string partition, string id, CancellationToken cancellationToken) =>
        Count("get", collection, inner.GetAsync<T>(collection, partition, id, cancellationToken));

    public Task<Stored<T>> CreateAsync<T>(string collection, string partition, string id, T document, CancellationToken cancellationToken) =>
        Count("create", collection, inner.CreateAsync(collection, partition, id, document, cancellationToken));

    public Task<Stored<T>> ReplaceAsync<T>(string collection, string partition, string id, T document, string etag, CancellationToken cancellationToken) =>
        Count("replace", collection, inner.ReplaceAsync(collection, partition, id, document, etag, cancellationToken));

    public Task<Stored<T>> UpsertAsync<T>(string collection, string partition, string id, T document, CancellationToken cancellationToken) =>
        Count("upsert", collection, inner.UpsertAsync(collection, partition, id, document, cancellationToken));

    public Task<bool> DeleteAsync(string collection, string partition, string id, CancellationToken cancellationToken) =>
        Count("delete", collection, inner.DeleteAsync(collection, partition, id, cancellationToken));

    /// <summary>Called with each page a query returns, before the caller has it.</summary>
    public Action<IEnumerable<object>>? Queried { get; set; }

    public async Task<Page<T>> QueryAsync<T>(string collection, DocumentQuery query, CancellationToken cancellationToken)
    {
        var page = await Count("query", collection, inner.QueryAsync<T>(collection, query, cancellationToken));
        Queried?.Invoke(page.Items.Cast<object>());
        return page;
    }

    public Task<long> CountAsync(string collection, DocumentQuery query, CancellationToken cancellationToken) =>
        Count("count", collection, inner.CountAsync(collection, query, cancellationToken));

    /// <summary>Point operations (everything but queries) since the last <see cref="Reset"/> on the collections <paramref name="counted"/> accepts.</summary>
    public int PointOperations(Func<string, bool> counted) =>
        Operations.Where(o => o.Key.Split(' ') is [not "query", var collection] && counted(collection)).Sum(o => o.Value);

    public void Reset() => Operations.Clear();

    private Task<T> Count<T>(string operation, string collection, Task<T> call)
    {
        Operations.AddOrUpdate($"{operation} {collection}", 1, (_, n) => n + 1);
        return call;
    }
}
