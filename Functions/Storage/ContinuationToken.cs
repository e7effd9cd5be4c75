using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Sift.Storage;

/// <summary>
/// Keyset position of the last item of a page (sort value, partition, id). Keyset paging stays
/// correct while documents are added between pages.
/// </summary>
internal sealed record ContinuationToken(JsonElement? Sort, string Partition, string Id)
{
    /// <summary>The sort value in a form the store can bind: a string, an integer or null.</summary>
    public object? SortValue => Sort switch
    {
        { ValueKind: JsonValueKind.String } s => s.GetString(),
        { ValueKind: JsonValueKind.Number } n when n.TryGetInt64(out var l) => l,
        { ValueKind: JsonValueKind.Number } n => n.GetDouble(),
        _ => null,
    };
}

/// <summary>
/// Seals continuation tokens: the position is signed (HMAC-SHA256) together with a fingerprint of
/// the collection and the query that issued it, so a token is accepted only by the same list with
/// the same filters. An altered token, or one from another list, is refused instead of shifting pages.
/// </summary>
public sealed class ContinuationProtection(byte[] key)
{
    private const int MacLength = 16;

    /// <summary>A key of its own, for stores created outside the app (tests, benchmarks).</summary>
    public static ContinuationProtection Ephemeral() => new(RandomNumberGenerator.GetBytes(32));

    internal string Seal(ContinuationToken position, string collection, DocumentQuery query)
    {
        var payload = JsonSerializer.SerializeToUtf8Bytes(position, SiftJson.Options);
        return $"{Base64Url.EncodeToString(payload)}.{Base64Url.EncodeToString(Mac(payload, collection, query))}";
    }

    /// <exception cref="InvalidContinuationException">The token was altered, or another list or other filters issued it.</exception>
    internal ContinuationToken Open(string token, string collection, DocumentQuery query)
    {
        var dot = token.IndexOf('.', StringComparison.Ordinal);
        try
        {
            if (dot > 0)
            {
                var payload = Base64Url.DecodeFromChars(token.AsSpan(0, dot));
                var mac = Base64Url.DecodeFromChars(token.AsSpan(dot + 1));
                if (CryptographicOperations.FixedTimeEquals(mac, Mac(payload, collection, query))
                    && JsonSerializer.Deserialize<ContinuationToken>(payload, SiftJson.Options) is { Partition: not null, Id: not null } position)
                {
                    return position;
                }
            }
        }
        catch (Exception e) when (e is FormatException or JsonException)
        {
        }

        throw new InvalidContinuationException();
    }

    /// <summary>Seals a position another system gave (e.g. Durable's list token) for one list and its filters, named by <paramref name="scope"/>.</summary>
    public string SealOpaque(string position, string collection, string scope) =>
        Seal(new ContinuationToken(null, scope, position), collection, new DocumentQuery { Partition = scope });

    /// <exception cref="InvalidContinuationException">The token was altered or issued by another list or with other filters.</exception>
    public string OpenOpaque(string token, string collection, string scope) =>
        Open(token, collection, new DocumentQuery { Partition = scope }) is { Partition: var sealedScope, Id: var position } && sealedScope == scope
            ? position
            : throw new InvalidContinuationException();

    private byte[] Mac(byte[] payload, string collection, DocumentQuery query)
    {
        using var hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, key);
        hmac.AppendData(Encoding.UTF8.GetBytes(Fingerprint(collection, query)));
        hmac.AppendData(payload);
        return hmac.GetHashAndReset()[..MacLength];
    }

    /// <summary>Everything that decides which items a list holds and in what order; the page size may change between pages.</summary>
    private static string Fingerprint(string collection, DocumentQuery query) => JsonSerializer.Serialize(new object?[]
    {
        collection, query.Partition, query.SortField, query.Descending, query.From, query.Until,
        Sorted(query.Equal), Sorted(query.AtLeast), Sorted(query.Holds), Sorted(query.Contains),
    }, SiftJson.Options);

    private static IEnumerable<object[]> Sorted<T>(IReadOnlyDictionary<string, T> filters) where T : notnull =>
        filters.OrderBy(e => e.Key, StringComparer.Ordinal).Select(e => new object[] { e.Key, e.Value });
}
