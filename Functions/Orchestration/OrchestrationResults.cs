using System.Globalization;
using System.Text.Json;
using Sift.Api;
using Sift.Storage;

namespace Sift.Orchestration;

/// <summary>
/// Fan-out/fan-in by result documents: each unit of work writes its own result under its own key,
/// and fan-in reads them all. A retried unit overwrites its result instead of counting twice.
/// </summary>
public sealed class OrchestrationResults(IDocumentStore store, string instanceId, string executionId)
{
    public const string Collection = "orchestration-results";

    private string Partition => $"{instanceId}/{executionId}";

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
