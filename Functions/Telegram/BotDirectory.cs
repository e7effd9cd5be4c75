using System.Collections.Concurrent;
using System.Text;
using Sift.Security;
using Sift.Storage;

namespace Sift.Telegram;

/// <summary>
/// Answers the webhook's "is this bot ours, and what is its secret" from memory, so accepting an
/// update costs no I/O but the enqueue: each bot's secret is read and decrypted once per
/// <see cref="KnownFor"/> (an HMAC per request was 4 % of the accept path's CPU; a decryption per
/// request would cost more). That is also the longest another instance than the one that rotated a
/// secret may still admit the old one. Unknown ids are not remembered: a flood of distinct made-up
/// ids would otherwise cost an entry each; each costs one indexed point read instead. At most
/// <see cref="MaxBots"/> bots are held; past that the memory starts again.
/// </summary>
public sealed class BotDirectory(IDocumentStore store, SecretProtector secrets, TimeProvider clock)
{
    public static readonly TimeSpan KnownFor = TimeSpan.FromMinutes(1);
    public const int MaxBots = 1024;
    private readonly ConcurrentDictionary<long, Known> bots = new();

    /// <summary>Bots held in memory, for tests.</summary>
    internal int Count => bots.Count;

    /// <returns>The bot's webhook secret as UTF-8, empty when it has none yet, or null when the bot is not registered.</returns>
    public async ValueTask<byte[]?> WebhookSecretAsync(long botId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        if (bots.TryGetValue(botId, out var known) && now - known.ReadAt < KnownFor)
        {
            return known.Secret;
        }

        if ((await store.GetAsync<BotDocument>(BotRegistry.Collection, BotRegistry.Partition, BotRegistry.Id(botId), cancellationToken))?.Value is not { } bot)
        {
            bots.TryRemove(botId, out _);
            return null;
        }

        // Counted only on a miss: a ConcurrentDictionary counts under all of its locks.
        if (known is null && bots.Count >= MaxBots)
        {
            bots.Clear();
        }

        var secret = bot.ProtectedWebhookSecret is { } stored ? Encoding.UTF8.GetBytes(secrets.Unprotect(stored, BotRegistry.WebhookSecretBinding(botId))) : [];
        bots[botId] = new Known(secret, now);
        return secret;
    }

    /// <summary>Drops what this instance remembers of a bot after it was registered or deleted here.</summary>
    public void Forget(long botId) => bots.TryRemove(botId, out _);

    private sealed record Known(byte[] Secret, DateTimeOffset ReadAt);
}
