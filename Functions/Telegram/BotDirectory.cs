using Microsoft.Extensions.Caching.Memory;
using Sift.Storage;

namespace Sift.Telegram;

/// <summary>
/// Answers the webhook's "is this bot ours" from a cache, so accepting an update costs no I/O but
/// the enqueue. Unknown ids are remembered briefly too, so a flood for a stranger stays cheap.
/// </summary>
public sealed class BotDirectory(IDocumentStore store, IMemoryCache cache)
{
    private static readonly TimeSpan KnownFor = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan UnknownFor = TimeSpan.FromSeconds(10);

    public async ValueTask<bool> IsRegisteredAsync(long botId, CancellationToken cancellationToken)
    {
        if (cache.TryGetValue(Key(botId), out bool known))
        {
            return known;
        }

        known = await store.GetAsync<BotDocument>(BotRegistry.Collection, BotRegistry.Partition, BotRegistry.Id(botId), cancellationToken) is not null;
        cache.Set(Key(botId), known, known ? KnownFor : UnknownFor);
        return known;
    }

    /// <summary>Drops what this instance remembers of a bot after it was registered or deleted here.</summary>
    public void Forget(long botId) => cache.Remove(Key(botId));

    private static string Key(long botId) => $"bot-registered:{botId}";
}
