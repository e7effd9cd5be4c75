namespace Sift.Storage;

public enum ModifyOutcome { Created, Updated, Unchanged }

/// <summary>The document after a <see cref="DocumentStoreExtensions.ModifyAsync{T}"/>: what is stored now, and what the call did.</summary>
public sealed record Modified<T>(T? Value, ModifyOutcome Outcome);

public static class DocumentStoreExtensions
{
    /// <summary>Attempts before a read-modify-write gives up on a document that keeps changing under it.</summary>
    public const int MaxModifyAttempts = 20;

    /// <summary>
    /// The one read-modify-write loop: reads the document, applies <paramref name="change"/> and
    /// writes the result with the ETag it read (or creates it if it was absent), reading again
    /// after a jittered backoff when another writer got there first. Only single-document
    /// atomicity is relied on, so it behaves the same on every adapter.
    /// </summary>
    /// <param name="change">
    /// Given the stored document (default when absent), returns the document to store; returning
    /// the document unchanged (equal) or default writes nothing. It may run more than once, so it
    /// must not have side effects; it may throw to refuse the change.
    /// </param>
    /// <param name="current">The document as the caller has just read it, used instead of the first read.</param>
    /// <exception cref="DocumentContentionException">The document changed under every one of <see cref="MaxModifyAttempts"/> attempts.</exception>
    public static async Task<Modified<T>> ModifyAsync<T>(
        this IDocumentStore store, string collection, string partition, string id, Func<T?, T?> change, CancellationToken cancellationToken,
        Stored<T>? current = null)
        where T : class
    {
        for (var attempt = 0; attempt < MaxModifyAttempts; attempt++)
        {
            if (attempt > 0)
            {
                await Task.Delay(Backoff(attempt), cancellationToken);
            }

            var stored = attempt == 0 && current is not null ? current : await store.GetAsync<T>(collection, partition, id, cancellationToken);
            var changed = change(stored?.Value);
            if (changed is null || Equals(changed, stored?.Value))
            {
                return new Modified<T>(stored?.Value, ModifyOutcome.Unchanged);
            }

            try
            {
                return stored is null
                    ? new Modified<T>((await store.CreateAsync(collection, partition, id, changed, cancellationToken)).Value, ModifyOutcome.Created)
                    : new Modified<T>((await store.ReplaceAsync(collection, partition, id, changed, stored.ETag, cancellationToken)).Value, ModifyOutcome.Updated);
            }
            catch (Exception e) when (e is DocumentConflictException or DocumentPreconditionException)
            {
            }
        }

        throw new DocumentContentionException(collection, id, MaxModifyAttempts);
    }

    /// <summary>From about a millisecond, doubling to at most about 100 ms, with full jitter so racing writers spread out.</summary>
    private static TimeSpan Backoff(int attempt) =>
        TimeSpan.FromMilliseconds(Random.Shared.NextDouble() * Math.Min(100, Math.Pow(2, attempt)));

    /// <summary>
    /// Deletes the documents whose <paramref name="sortField"/> is before <paramref name="until"/>, oldest first, 200 at a
    /// time: what expires or outlived its retention. Safe to run again or beside itself (a document already gone is
    /// skipped). Not a hot path: it queries across partitions.
    /// </summary>
    /// <param name="until">Exclusive, in the field's form: a time's text, or a number.</param>
    /// <param name="address">Where a listed document is: its partition and id.</param>
    /// <returns>How many this call deleted.</returns>
    public static async Task<int> DeleteBeforeAsync<T>(
        this IDocumentStore store, string collection, string sortField, object until, Func<T, (string Partition, string Id)> address, CancellationToken cancellationToken)
    {
        const int batch = 200;
        var deleted = 0;
        Page<T> page;
        do
        {
            // Always the first page: what the last one held is gone.
            page = await store.QueryAsync<T>(collection, new DocumentQuery { SortField = sortField, Descending = false, Until = until, Limit = batch }, cancellationToken);
            foreach (var (partition, id) in page.Items.Select(address))
            {
                deleted += await store.DeleteAsync(collection, partition, id, cancellationToken) ? 1 : 0;
            }
        }
        while (page.Items.Count == batch);

        return deleted;
    }
}
