using System.Buffers.Text;
using System.Text.Json;
using Sift.Api;

namespace Sift.Storage;

/// <summary>
/// Keyset position of the last item of a page (sort value, partition, id), as an opaque
/// base64url string. Keyset paging stays correct while documents are added between pages.
/// </summary>
internal sealed record ContinuationToken(JsonElement? Sort, string Partition, string Id)
{
    public string Encode() => Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(this, SiftJson.Options));

    public static ContinuationToken Decode(string token)
    {
        try
        {
            var decoded = JsonSerializer.Deserialize<ContinuationToken>(Base64Url.DecodeFromChars(token), SiftJson.Options);
            if (decoded is { Partition: not null, Id: not null })
            {
                return decoded;
            }
        }
        catch (Exception e) when (e is FormatException or JsonException)
        {
        }

        throw new ValidationException("continuation", "The continuation token is not valid.");
    }

    /// <summary>The sort value in a form the store can bind: a string, an integer or null.</summary>
    public object? SortValue => Sort switch
    {
        { ValueKind: JsonValueKind.String } s => s.GetString(),
        { ValueKind: JsonValueKind.Number } n when n.TryGetInt64(out var l) => l,
        { ValueKind: JsonValueKind.Number } n => n.GetDouble(),
        _ => null,
    };
}
