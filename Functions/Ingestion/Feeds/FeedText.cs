using System.Buffers;
using System.Net;

namespace Sift.Ingestion.Feeds;

/// <summary>
/// Turns feed titles and bodies into readable plain text. Bodies are HTML more often than not, and a
/// feed is untrusted input, so the tag stripper advances on every step: malformed markup such as
/// <c>&lt;p &lt;b&gt;</c>, an unclosed comment or an unterminated tag loses text, never hangs.
/// </summary>
internal static class FeedText
{
    /// <summary>Long enough for an article; bounds what one item costs downstream.</summary>
    public const int MaxLength = 16_000;

    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> BlockTags = new HashSet<string>(
        ["p", "br", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "dl", "dt", "dd", "tr", "table", "blockquote",
         "pre", "hr", "section", "article", "header", "footer", "aside", "nav", "figure", "figcaption", "address", "main"],
        StringComparer.OrdinalIgnoreCase).GetAlternateLookup<ReadOnlySpan<char>>();

    // Cells sit side by side; without a space "<td>a</td><td>b</td>" would read "ab".
    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> SpacedTags = new HashSet<string>(
        ["td", "th", "img"], StringComparer.OrdinalIgnoreCase).GetAlternateLookup<ReadOnlySpan<char>>();

    private static readonly SearchValues<char> AsciiLettersAndDigits =
        SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789");

    /// <summary>The value trimmed, or null when it is missing or only whitespace.</summary>
    public static string? Trimmed(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    /// <summary>Plain text with its line breaks kept and other whitespace collapsed.</summary>
    public static string? FromPlain(string? text)
    {
        if (text is null)
        {
            return null;
        }
        var sink = new TextSink(MaxLength);
        foreach (var c in text)
        {
            if (c is '\n' or '\r')
            {
                sink.Break();
            }
            else
            {
                sink.Append(c);
            }
            if (sink.Full)
            {
                break;
            }
        }
        return sink.Result();
    }

    /// <summary>One line of text, as a title should be; HTML titles pass through <see cref="FromHtml"/> first.</summary>
    public static string? Line(string? text) => FromPlain(text)?.Replace('\n', ' ');

    /// <summary>Readable text of an HTML fragment: tags removed, block elements as line breaks, entities decoded.</summary>
    public static string? FromHtml(string? html)
    {
        if (html is null)
        {
            return null;
        }
        var sink = new TextSink(MaxLength);
        var i = 0;
        while (i < html.Length && !sink.Full)
        {
            var tag = html.IndexOf('<', i);
            var textEnd = tag < 0 ? html.Length : tag;
            if (textEnd > i)
            {
                sink.Append(WebUtility.HtmlDecode(html[i..textEnd]));
            }
            i = tag < 0 ? html.Length : SkipMarkup(html, tag, sink);
        }
        return sink.Result();
    }

    /// <returns>The index after the markup at <paramref name="start"/>; always greater than it.</returns>
    private static int SkipMarkup(string html, int start, TextSink sink)
    {
        var rest = html.AsSpan(start);
        if (rest.StartsWith("<!--", StringComparison.Ordinal))
        {
            return After(html, "-->", start + 4);
        }
        if (rest.StartsWith("<![CDATA[", StringComparison.Ordinal))
        {
            var end = html.IndexOf("]]>", start + 9, StringComparison.Ordinal);
            sink.Append(end < 0 ? html[(start + 9)..] : html[(start + 9)..end]);
            return end < 0 ? html.Length : end + 3;
        }
        if (rest.Length < 2 || !(char.IsAsciiLetter(rest[1]) || rest[1] is '/' or '!' or '?'))
        {
            sink.Append('<'); // "a < b" or "<3": a literal, as browsers read it
            return start + 1;
        }

        var tagEnd = TagEnd(html, start + 1);
        if (tagEnd < 0)
        {
            return html.Length; // an unterminated tag swallows the rest, as in a browser
        }
        var closing = rest[1] == '/';
        var nameStart = closing ? 2 : 1;
        var nameLength = rest[nameStart..].IndexOfAnyExcept(AsciiLettersAndDigits);
        var name = nameLength < 0 ? rest[nameStart..] : rest.Slice(nameStart, nameLength);
        if (BlockTags.Contains(name))
        {
            sink.Break();
        }
        else if (SpacedTags.Contains(name))
        {
            sink.Append(' ');
        }
        if (!closing && (name.Equals("script", StringComparison.OrdinalIgnoreCase) || name.Equals("style", StringComparison.OrdinalIgnoreCase)))
        {
            // Code and CSS are not text; resume at the closing tag (or give up on the rest).
            var close = html.IndexOf("</" + name.ToString(), tagEnd, StringComparison.OrdinalIgnoreCase);
            return close < 0 ? html.Length : close;
        }
        return tagEnd + 1;
    }

    private static int After(string html, string terminator, int from)
    {
        var end = html.IndexOf(terminator, from, StringComparison.Ordinal);
        return end < 0 ? html.Length : end + terminator.Length;
    }

    /// <summary>The '>' that ends a tag, skipping '>' inside quoted attribute values.</summary>
    private static int TagEnd(string html, int from)
    {
        var quote = '\0';
        var previous = '\0';
        for (var j = from; j < html.Length; j++)
        {
            var c = html[j];
            if (quote != '\0')
            {
                if (c == quote)
                {
                    quote = '\0';
                }
            }
            else if (c is '"' or '\'' && previous == '=')
            {
                quote = c;
            }
            else if (c == '>')
            {
                return j;
            }
            if (!char.IsWhiteSpace(c))
            {
                previous = c;
            }
        }
        // An unterminated quote must not swallow the document: fall back to the first '>'.
        return html.IndexOf('>', from);
    }
}
