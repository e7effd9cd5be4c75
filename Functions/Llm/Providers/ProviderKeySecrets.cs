using Sift.Security;
using Sift.Storage;

namespace Sift.Llm;

/// <summary>Providers' API keys, for the start-up rewrite of v1 secrets (<see cref="ProtectedSecretsUpgrade"/>).</summary>
internal sealed class ProviderKeySecrets(IDocumentStore store, SecretProtector secrets) : IProtectedSecrets
{
    public async Task<int> RebindAsync(CancellationToken cancellationToken)
    {
        var rebound = 0;
        string? continuation = null;
        do
        {
            var page = await store.QueryAsync<ProviderDocument>(ProviderCatalog.Collection,
                new DocumentQuery { Partition = ProviderCatalog.Partition, Limit = 100, Continuation = continuation }, cancellationToken);
            foreach (var provider in page.Items.Where(p => p.ProtectedApiKey is { } key && secrets.Rebind(key, ProviderCatalog.KeyBinding(p.Id)) is not null))
            {
                await store.ModifyAsync<ProviderDocument>(ProviderCatalog.Collection, ProviderCatalog.Partition, provider.Id,
                    current => current?.ProtectedApiKey is { } key && secrets.Rebind(key, ProviderCatalog.KeyBinding(current.Id)) is { } bound
                        ? current with { ProtectedApiKey = bound }
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
