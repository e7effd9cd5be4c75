using System.Text;

namespace Sift.Ingestion.Feeds;

/// <summary>
/// Decides XML or JSON from the first bytes, because servers label feeds text/html, text/plain or
/// application/octet-stream as often as correctly.
/// </summary>
internal static class FeedSniffer
{
    public enum Kind { Xml, Json }

    /// <param name="Start">Where the parser should begin reading.</param>
    /// <param name="SkippedLines">Line breaks before <paramref name="Start"/>, to correct reported line numbers.</param>
    public readonly record struct Result(Kind Kind, int Start, int SkippedLines);

    public static Result Sniff(ReadOnlySpan<byte> content, string servedAs)
    {
        if (content.IsEmpty)
        {
            throw new FeedFormatException($"The content{servedAs} is empty.");
        }
        if (content.StartsWith([(byte)0xFE, (byte)0xFF]) || content.StartsWith([(byte)0xFF, (byte)0xFE]))
        {
            return new Result(Kind.Xml, 0, 0); // UTF-16 is XML's business; JSON must be UTF-8
        }
        var bom = content.StartsWith([(byte)0xEF, (byte)0xBB, (byte)0xBF]) ? 3 : 0;
        var first = content[bom..].IndexOfAnyExcept(" \t\r\n"u8);
        if (first < 0)
        {
            throw new FeedFormatException($"The content{servedAs} is empty (only whitespace).");
        }
        var start = bom + first;
        var rest = content[start..];
        if (rest[0] is (byte)'{' or (byte)'[')
        {
            return new Result(Kind.Json, start, 0);
        }
        if (rest[0] != '<')
        {
            throw new FeedFormatException($"The content{servedAs} is neither XML nor JSON; it starts with \"{Preview(rest)}\".");
        }
        if (StartsWithIgnoreCase(rest, "<!doctype html"u8) || StartsWithIgnoreCase(rest, "<html"u8))
        {
            throw new FeedFormatException($"The content{servedAs} is an HTML page, not a feed.");
        }
        // Whitespace before the XML declaration is a common publishing bug that XML forbids; skip it.
        return first > 0 && rest.StartsWith("<?xml"u8)
            ? new Result(Kind.Xml, start, content[..start].Count((byte)'\n'))
            : new Result(Kind.Xml, 0, 0);
    }

    private static bool StartsWithIgnoreCase(ReadOnlySpan<byte> content, ReadOnlySpan<byte> prefix) =>
        content.Length >= prefix.Length && Ascii.EqualsIgnoreCase(content[..prefix.Length], prefix);

    private static string Preview(ReadOnlySpan<byte> content)
    {
        var text = Encoding.UTF8.GetString(content[..Math.Min(content.Length, 24)]);
        return new string([.. text.Where(c => !char.IsControl(c))]);
    }
}
