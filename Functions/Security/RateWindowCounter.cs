using Sift.Storage;

namespace Sift.Security;

/// <summary>
/// One key's count in one fixed window, one document per (key, bucket, window) in the key's
/// partition. <see cref="ExpiresAt"/> (Unix seconds) lets Maintenance delete old windows; on
/// Cosmos the collection's expiry (<see cref="RateLimiter.Definition"/>) also drops them.
/// </summary>
internal sealed record RateWindow(string KeyId, string Bucket, long Start, int Count, long ExpiresAt)
{
    public static string Id(string bucket, long start) => $"{bucket}:{start}";
}

/// <summary>
/// Counts requests into <see cref="RateWindow"/> documents. This instance's concurrent requests
/// for one window are coalesced into one read-modify-write at a time, so they never race each
/// other for the document's ETag: only instances contend, not requests, and a burst from one key
/// costs a few store writes rather than a storm of retries.
/// </summary>
internal sealed class RateWindowCounter(IDocumentStore store)
{
    public const string Collection = "ratelimits";
    private readonly Dictionary<string, Pending> pending = [];

    /// <returns>Whether the request fits in the window's <paramref name="limit"/> (and was counted).</returns>
    public Task<bool> TryTakeAsync(string keyId, string bucket, long start, long end, int limit, CancellationToken cancellationToken)
    {
        var request = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        var name = $"{keyId}/{RateWindow.Id(bucket, start)}";
        lock (pending)
        {
            if (!pending.TryGetValue(name, out var window))
            {
                pending[name] = window = new Pending(new RateWindow(keyId, bucket, start, 0, end), limit);
                _ = Task.Run(() => DrainAsync(name, window), CancellationToken.None);
            }

            window.Waiting.Add(request);
        }

        return request.Task.WaitAsync(cancellationToken);
    }

    /// <summary>Applies whatever has queued up for the window in one update, until nothing is left.</summary>
    private async Task DrainAsync(string name, Pending window)
    {
        while (true)
        {
            List<TaskCompletionSource<bool>> taken;
            lock (pending)
            {
                if (window.Waiting.Count == 0)
                {
                    pending.Remove(name);
                    return;
                }

                taken = window.Waiting;
                window.Waiting = [];
            }

            try
            {
                var admitted = await AddAsync(window.Template, taken.Count, window.Limit);
                for (var i = 0; i < taken.Count; i++)
                {
                    taken[i].TrySetResult(i < admitted);
                }
            }
            catch (Exception e)
            {
                taken.ForEach(request => request.TrySetException(e));
            }
        }
    }

    private async Task<int> AddAsync(RateWindow template, int requests, int limit)
    {
        var admitted = 0;
        // The change may run more than once; the value of its last run is the one that was written.
        await store.ModifyAsync<RateWindow>(Collection, template.KeyId, RateWindow.Id(template.Bucket, template.Start), stored =>
        {
            var count = stored?.Count ?? 0;
            admitted = Math.Clamp(limit - count, 0, requests);
            return admitted == 0 ? null : (stored ?? template) with { Count = count + admitted };
        }, CancellationToken.None);
        return admitted;
    }

    private sealed class Pending(RateWindow template, int limit)
    {
        public RateWindow Template { get; } = template;
        public int Limit { get; } = limit;
        public List<TaskCompletionSource<bool>> Waiting { get; set; } = [];
    }
}
