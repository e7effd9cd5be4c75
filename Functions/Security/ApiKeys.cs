using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Caching.Memory;
using Sift.Api;
using Sift.Storage;

namespace Sift.Security;

/// <summary>An API key as stored: the document id is the SHA-256 of the key, so the key itself is never kept; <see cref="KeyId"/> is its public name.</summary>
public sealed record ApiKeyDocument(string Id, string KeyId, string Name, string Role, string Masked, DateTimeOffset CreatedAt, string CreatedBy);

/// <summary>Which key the configured <c>Auth:BootstrapAdminKey</c> is, so changing the setting can revoke the previous one.</summary>
internal sealed record BootstrapMarker(string Hash);

public sealed class ApiKeyStore(IDocumentStore store, IMemoryCache cache, TimeProvider clock)
{
    public const string Collection = "apikeys";
    private const string Partition = "apikeys";
    private const string MarkerPartition = "bootstrap";
    private const string MarkerId = "admin";

    /// <summary>How long a found key is remembered: a key revoked on another instance stops working here within this time.</summary>
    public static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(10);

    private readonly Lock gate = new();
    private long revocations;

    public static CollectionDefinition Definition { get; } = new(Collection, [], ["keyId", "role"]);

    public async Task<ApiKeyDocument?> FindAsync(string key, CancellationToken cancellationToken)
    {
        var id = Hash(key);
        if (cache.TryGetValue(CacheKey(id), out ApiKeyDocument? known))
        {
            return known;
        }

        // Only hits are cached: a stranger's guesses would otherwise cost an entry each, without bound.
        var seen = Interlocked.Read(ref revocations);
        var found = (await store.GetAsync<ApiKeyDocument>(Collection, Partition, id, cancellationToken))?.Value;
        lock (gate)
        {
            // A revocation that finished while we read may have deleted what we found: do not bring it back.
            if (found is not null && seen == revocations)
            {
                cache.Set(CacheKey(id), found, CacheFor);
            }
        }

        return found;
    }

    /// <summary>Creates a key; the returned plaintext is the only copy there will ever be.</summary>
    public async Task<(ApiKeyDocument Document, string Key)> CreateAsync(string name, string role, string createdBy, CancellationToken cancellationToken)
    {
        var key = Generate();
        var document = NewDocument(key, name, role, createdBy);
        await store.CreateAsync(Collection, Partition, document.Id, document, cancellationToken);
        return (document, key);
    }

    public Task<Page<ApiKeyDocument>> ListAsync(int limit, string? continuation, CancellationToken cancellationToken) =>
        store.QueryAsync<ApiKeyDocument>(Collection, new DocumentQuery { Partition = Partition, Limit = limit, Continuation = continuation }, cancellationToken);

    /// <exception cref="NotFoundException">No key has this id.</exception>
    /// <exception cref="ConflictException">The caller tried to revoke its own key.</exception>
    public async Task RevokeAsync(string keyId, string callerKeyId, CancellationToken cancellationToken)
    {
        var found = await store.QueryAsync<ApiKeyDocument>(Collection, new DocumentQuery
        {
            Partition = Partition,
            Equal = new Dictionary<string, object> { ["keyId"] = keyId },
            Limit = 1,
        }, cancellationToken);
        var document = found.Items.Count == 1 ? found.Items[0] : throw new NotFoundException($"There is no API key '{keyId}'.");
        // Refusing self-revocation means the admin who revokes always keeps a working admin key.
        if (document.KeyId == callerKeyId)
        {
            throw new ConflictException("An API key cannot revoke itself; revoke it with another admin key.");
        }

        await RevokeHashAsync(document.Id, cancellationToken);
    }

    public async Task<bool> AnyAdminAsync(CancellationToken cancellationToken) =>
        (await store.QueryAsync<ApiKeyDocument>(Collection, new DocumentQuery
        {
            Partition = Partition,
            Equal = new Dictionary<string, object> { ["role"] = Roles.Admin },
            Limit = 1,
        }, cancellationToken)).Items.Count > 0;

    /// <summary>
    /// Makes <paramref name="key"/> the bootstrap admin key and revokes the one configured before
    /// it. Each step is idempotent, so a crash part-way is finished by the next start. An unchanged
    /// key is left alone: if it was revoked through the API, it stays revoked.
    /// </summary>
    internal async Task EnsureBootstrapAsync(string key, CancellationToken cancellationToken)
    {
        var hash = Hash(key);
        var marker = (await store.GetAsync<BootstrapMarker>(Collection, MarkerPartition, MarkerId, cancellationToken))?.Value;
        if (marker?.Hash == hash)
        {
            return;
        }

        try
        {
            var document = NewDocument(key, "bootstrap-admin", Roles.Admin, "Auth:BootstrapAdminKey");
            await store.CreateAsync(Collection, Partition, document.Id, document, cancellationToken);
        }
        catch (DocumentConflictException)
        {
        }

        if (marker is not null)
        {
            await RevokeHashAsync(marker.Hash, cancellationToken);
        }

        await store.UpsertAsync(Collection, MarkerPartition, MarkerId, new BootstrapMarker(hash), cancellationToken);
    }

    /// <summary>
    /// Keys stored before keys had a public id, a mask and a creator get them, so they can be listed
    /// and revoked like the others; their id is taken from the hash, which is all that is left of them.
    /// </summary>
    internal async Task UpgradeEarlierKeysAsync(CancellationToken cancellationToken)
    {
        string? continuation = null;
        do
        {
            var page = await ListAsync(200, continuation, cancellationToken);
            foreach (var earlier in page.Items.Where(k => k.KeyId is null))
            {
                await store.ModifyAsync<ApiKeyDocument>(Collection, Partition, earlier.Id, stored => stored is { KeyId: null }
                    ? stored with { KeyId = stored.Id[..12], Masked = "(created by an earlier version)", CreatedBy = "an earlier version" }
                    : stored, cancellationToken);
            }

            continuation = page.Continuation;
        }
        while (continuation is not null);
    }

    internal async Task<string> CreateGeneratedAdminAsync(CancellationToken cancellationToken) =>
        (await CreateAsync("admin", Roles.Admin, "first start", cancellationToken)).Key;

    private async Task RevokeHashAsync(string hash, CancellationToken cancellationToken)
    {
        await store.DeleteAsync(Collection, Partition, hash, cancellationToken);
        lock (gate)
        {
            revocations++;
            cache.Remove(CacheKey(hash));
        }
    }

    private ApiKeyDocument NewDocument(string key, string name, string role, string createdBy) =>
        new(Hash(key), Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6)), name, role, SecretProtector.Mask(key), clock.GetUtcNow(), createdBy);

    public static string Generate() => "sk_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static string Hash(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    private static string CacheKey(string hash) => $"apikey:{hash}";
}
