using System.Security.Cryptography;
using System.Text;

namespace Sift.Ingestion.Feeds;

/// <summary>
/// Item ids that stay the same across fetches, so a re-fetched item is recognised rather than
/// stored twice: the feed's own id, else the item's link, else a hash of what the item says.
/// </summary>
internal static class ItemIds
{
    public static string Pick(string? id, string? link, string? title, string? date, string? body) =>
        FeedText.Trimmed(id) ?? FeedText.Trimmed(link) ?? ContentHash(title, date, body);

    /// <summary>First 32 hex characters of SHA-256 over title, date and body, trimmed and newline-separated.</summary>
    public static string ContentHash(string? title, string? date, string? body)
    {
        // The separator keeps ("ab", "c") and ("a", "bc") apart.
        var source = string.Join('\n', title?.Trim() ?? "", date?.Trim() ?? "", body?.Trim() ?? "");
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(source)))[..32];
    }
}
