namespace Sift.Security;

/// <summary>A collection whose documents hold protected values.</summary>
public interface IProtectedSecrets
{
    /// <summary>Rewrites each value still in the unbound v1 format as v2 (<see cref="SecretProtector.Rebind"/>); returns how many.</summary>
    Task<int> RebindAsync(CancellationToken cancellationToken);
}

/// <summary>
/// At start, before requests are served, binds every secret stored before secrets were bound to
/// their records (format v1) to its record. Each value is rewritten once, with its document's ETag:
/// a v2 value is never touched again, so every start after the first finds nothing to do.
/// </summary>
internal sealed partial class ProtectedSecretsUpgrade(IEnumerable<IProtectedSecrets> collections, ILogger<ProtectedSecretsUpgrade> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var rebound = 0;
        foreach (var collection in collections)
        {
            rebound += await collection.RebindAsync(cancellationToken);
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
