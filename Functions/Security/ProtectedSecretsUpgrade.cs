using Sift.Storage;

namespace Sift.Security;

/// <summary>A field of a collection's documents that holds protected values.</summary>
public interface IProtectedSecrets
{
    /// <summary>Rewrites each value still in the unbound v1 format as v2 (<see cref="SecretProtector.Rebind"/>); returns how many.</summary>
    Task<int> RebindAsync(IDocumentStore store, SecretProtector secrets, CancellationToken cancellationToken);
}

/// <summary>The protected field <paramref name="Get"/> reads and <paramref name="Set"/> writes of the documents of one collection and partition.</summary>
public sealed record ProtectedField<T>(string Collection, string Partition, Func<T, string> Id, Func<T, SecretBinding> Binding,
    Func<T, string?> Get, Func<T, string, T> Set) : IProtectedSecrets where T : class
{
    public async Task<int> RebindAsync(IDocumentStore store, SecretProtector secrets, CancellationToken cancellationToken)
    {
        var rebound = 0;
        string? continuation = null;
        do
        {
            var page = await store.QueryAsync<T>(Collection, new DocumentQuery { Partition = Partition, Limit = 100, Continuation = continuation }, cancellationToken);
            foreach (var document in page.Items.Where(d => Rebound(secrets, d) is not null))
            {
                await store.ModifyAsync<T>(Collection, Partition, Id(document),
                    current => current is not null && Rebound(secrets, current) is { } bound ? Set(current, bound) : current, cancellationToken);
                rebound++;
            }

            continuation = page.Continuation;
        }
        while (continuation is not null);

        return rebound;
    }

    private string? Rebound(SecretProtector secrets, T document) => Get(document) is { } value ? secrets.Rebind(value, Binding(document)) : null;
}

/// <summary>
/// At start, before requests are served, binds every secret stored before secrets were bound to
/// their records (format v1) to its record. Each value is rewritten once, with its document's ETag:
/// a v2 value is never touched again, so every start after the first finds nothing to do.
/// </summary>
internal sealed partial class ProtectedSecretsUpgrade(IEnumerable<IProtectedSecrets> fields, IDocumentStore store, SecretProtector secrets, ILogger<ProtectedSecretsUpgrade> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var rebound = 0;
        foreach (var field in fields)
        {
            rebound += await field.RebindAsync(store, secrets, cancellationToken);
        }

        if (rebound > 0)
        {
            LogRebound(logger, rebound);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Bound {Count} secret(s) stored in the v1 format to their records (v2)")]
    private static partial void LogRebound(ILogger logger, int count);
}
