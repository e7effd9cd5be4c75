using System.Globalization;
using System.Text.Json;
using Sift.Api;
using Sift.Storage;

namespace Sift.Knowledge;

/// <summary>
/// What a knowledge run's activities found, kept in the store rather than in the orchestration's history (selected
/// messages and extracted atoms are large): each unit of work writes its own record under its own key, and fan-in
/// reads them all. The orchestration passes only keys and counts. A run's records are one partition,
/// <c>{instanceId}/{run}</c>, deleted when the run has its summary.
/// </summary>
public sealed class RunRecords(IDocumentStore store, string instanceId, string run)
{
    public const string Collection = "orchestration-results";

    private string Partition => $"{instanceId}/{run}";

    /// <summary>
    /// Records a unit's result unless one is already there: when a step is redone after a crash,
    /// the first complete account of its work stands (the redo finds that work already done).
    /// </summary>
    public async Task AddOnceAsync<T>(string key, T result, CancellationToken cancellationToken)
    {
        try
        {
            await store.CreateAsync(Collection, Partition, key, new ResultDocument(key, JsonSerializer.SerializeToElement(result, SiftJson.Options)), cancellationToken);
        }
        catch (DocumentConflictException)
        {
        }
    }

    public async Task<T?> GetAsync<T>(string key, CancellationToken cancellationToken) =>
        await store.GetAsync<ResultDocument>(Collection, Partition, key, cancellationToken) is { } stored ? stored.Value.Value.Deserialize<T>(SiftJson.Options) : default;

    public async Task<IReadOnlyList<T>> ListAsync<T>(CancellationToken cancellationToken)
    {
        var results = new List<T>();
        string? continuation = null;
        do
        {
            var page = await store.QueryAsync<ResultDocument>(Collection, new DocumentQuery { Partition = Partition, Limit = 200, Continuation = continuation }, cancellationToken);
            results.AddRange(page.Items.Select(r => r.Value.Deserialize<T>(SiftJson.Options)!));
            continuation = page.Continuation;
        }
        while (continuation is not null);

        return results;
    }

    public async Task DeleteAllAsync(CancellationToken cancellationToken)
    {
        var page = await store.QueryAsync<ResultDocument>(Collection, new DocumentQuery { Partition = Partition, Limit = 200 }, cancellationToken);
        while (page.Items.Count > 0)
        {
            foreach (var result in page.Items)
            {
                await store.DeleteAsync(Collection, Partition, result.Key, cancellationToken);
            }

            page = await store.QueryAsync<ResultDocument>(Collection, new DocumentQuery { Partition = Partition, Limit = 200 }, cancellationToken);
        }
    }

    /// <summary>A zero-padded key, so results list in unit order.</summary>
    public static string Key(long unit) => unit.ToString("D10", CultureInfo.InvariantCulture);

    private sealed record ResultDocument(string Key, JsonElement Value);
}
