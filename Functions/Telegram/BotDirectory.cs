using Microsoft.Extensions.Caching.Memory;
using Sift.Storage;

namespace Sift.Telegram;

/// <summary>
/// Answers the webhook's "is this bot ours" from a cache, so accepting an update costs no I/O but
/// the enqueue. Unknown ids are not remembered: a flood of distinct made-up ids would otherwise
/// cost a cache entry each; each costs one indexed point read instead.
/// </summary>
public sealed class BotDirectory(IDocumentStore store, IMemoryCache cache)
{
    private static readonly TimeSpan KnownFor = TimeSpan.FromMinutes(5);

    public async ValueTask<bool> IsRegisteredAsync(long botId, CancellationToken cancellationToken)
    {
        if (cache.TryGetValue(Key(botId), out bool known))
        {
            return known;
        }

        known = await store.GetAsync<BotDocument>(BotRegistry.Collection, BotRegistry.Partition, BotRegistry.Id(botId), cancellationToken) is not null;
        if (known)
        {
            cache.Set(Key(botId), known, KnownFor);
        }

        return known;
    }

    /// <summary>Drops what this instance remembers of a bot after it was registered or deleted here.</summary>
    public void Forget(long botId) => cache.Remove(Key(botId));

    private static string Key(long botId) => $"bot-registered:{botId}";
}
