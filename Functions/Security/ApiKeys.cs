using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Caching.Memory;
using Sift.Storage;

namespace Sift.Security;

/// <summary>Section <c>Auth</c>.</summary>
public sealed class AuthOptions
{
    public const string Section = "Auth";

    /// <summary>When set, this key is the admin key. Only its SHA-256 hash is stored.</summary>
    public string? BootstrapAdminKey { get; set; }
}

/// <summary>An API key as stored: its id is the SHA-256 of the key, so the key itself is never kept.</summary>
public sealed record ApiKeyDocument(string Id, string Name, string Role, DateTimeOffset CreatedAt);

public sealed class ApiKeyStore(IDocumentStore store, IMemoryCache cache, TimeProvider clock)
{
    public const string Collection = "apikeys";
    private const string Partition = "apikeys";
    private static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(30);

    public async Task<ApiKeyDocument?> FindAsync(string key, CancellationToken cancellationToken)
    {
        var id = Hash(key);
        return await cache.GetOrCreateAsync($"apikey:{id}", async entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = CacheFor;
            return (await store.GetAsync<ApiKeyDocument>(Collection, Partition, id, cancellationToken))?.Value;
        });
    }

    public async Task<bool> AnyAsync(CancellationToken cancellationToken) =>
        (await store.QueryAsync<ApiKeyDocument>(Collection, new DocumentQuery { Partition = Partition, Limit = 1 }, cancellationToken)).Items.Count > 0;

    public Task SaveAsync(string key, string name, string role, CancellationToken cancellationToken)
    {
        var document = new ApiKeyDocument(Hash(key), name, role, clock.GetUtcNow());
        cache.Remove($"apikey:{document.Id}");
        return store.UpsertAsync(Collection, Partition, document.Id, document, cancellationToken);
    }

    public static string Generate() => "sk_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static string Hash(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
}
