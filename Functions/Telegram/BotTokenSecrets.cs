using Sift.Security;
using Sift.Storage;

namespace Sift.Telegram;

/// <summary>Bots' tokens, for the start-up rewrite of v1 secrets (<see cref="ProtectedSecretsUpgrade"/>).</summary>
internal sealed class BotTokenSecrets(IDocumentStore store, SecretProtector secrets) : IProtectedSecrets
{
    public async Task<int> RebindAsync(CancellationToken cancellationToken)
    {
        var rebound = 0;
        string? continuation = null;
        do
        {
            var page = await store.QueryAsync<BotDocument>(BotRegistry.Collection,
                new DocumentQuery { Partition = BotRegistry.Partition, Limit = 100, Continuation = continuation }, cancellationToken);
            foreach (var bot in page.Items.Where(b => secrets.Rebind(b.ProtectedToken, BotRegistry.TokenBinding(b.Id)) is not null))
            {
                await store.ModifyAsync<BotDocument>(BotRegistry.Collection, BotRegistry.Partition, BotRegistry.Id(bot.Id),
                    current => current is not null && secrets.Rebind(current.ProtectedToken, BotRegistry.TokenBinding(current.Id)) is { } bound
                        ? current with { ProtectedToken = bound }
                        : current,
                    cancellationToken);
                rebound++;
            }

            continuation = page.Continuation;
        }
        while (continuation is not null);

        return rebound;
    }
}
