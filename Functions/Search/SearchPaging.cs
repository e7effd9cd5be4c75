using System.Text.Json;
using Sift.Storage;

namespace Sift.Search;

/// <summary>
/// Continuation tokens of a search. A fused ranking has no key to page by (a hit's place depends on
/// two rankings and on every other entry), so a token holds the offset of the next hit, sealed by
/// the store's <see cref="ContinuationProtection"/> with a fingerprint of what decides the ranking:
/// the query, every filter and the embedder. The next page runs the search again, deeper, and skips
/// what was shown; pages reach the <see cref="MaxDepth"/>th hit at most (each side of the fusion
/// keeps its best 100). A message indexed between two pages can move the others by a place.
/// </summary>
internal static class SearchPaging
{
    public const int MaxDepth = 100;
    private const string List = "search-results";

    public static string Seal(ContinuationProtection protection, int offset, string fingerprint) =>
        protection.Seal(new ContinuationToken(JsonSerializer.SerializeToElement(offset), List, "offset"), List, Query(fingerprint));

    /// <exception cref="InvalidContinuationException">The token was altered, or another query or other filters issued it.</exception>
    public static int Open(ContinuationProtection protection, string token, string fingerprint) =>
        protection.Open(token, List, Query(fingerprint)) is { Sort: { ValueKind: JsonValueKind.Number } sort } && sort.TryGetInt32(out var offset) && offset is > 0 and < MaxDepth
            ? offset
            : throw new InvalidContinuationException();

    public static string Fingerprint(string query, SearchParameters parameters, IReadOnlyList<string> classes, string embedder) =>
        JsonSerializer.Serialize(new object?[] { query, parameters.ChatId, parameters.Since, parameters.Until, classes, parameters.SenderId, parameters.TopicId, embedder }, SiftJson.Options);

    private static DocumentQuery Query(string fingerprint) => new() { Partition = fingerprint };
}
