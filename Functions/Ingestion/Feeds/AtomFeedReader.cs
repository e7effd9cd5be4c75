using System.Xml.Linq;

namespace Sift.Ingestion.Feeds;

/// <summary>Atom 1.0 (RFC 4287).</summary>
internal static class AtomFeedReader
{
    private static readonly XNamespace Atom = FeedXml.Atom;

    public static Feed Read(XElement feed)
    {
        var feedAuthor = AuthorName(feed); // RFC 4287 4.2.1: entries without an author inherit the feed's
        return new Feed(
            "atom",
            FeedText.Line(TextOf(feed.Element(Atom + "title"))),
            FeedText.Trimmed(FeedXml.AlternateLink(feed)),
            [.. feed.Elements(Atom + "entry").Select(entry => ReadEntry(entry, feedAuthor))]);
    }

    private static FeedItem ReadEntry(XElement entry, string? feedAuthor)
    {
        var title = entry.Element(Atom + "title");
        var content = entry.Element(Atom + "content");
        var summary = entry.Element(Atom + "summary");
        var published = entry.Child(Atom + "published");
        var link = FeedText.Trimmed(FeedXml.AlternateLink(entry));

        return new FeedItem(
            ItemIds.Pick(entry.Child(Atom + "id"), link, title is null ? null : FeedXml.TextOf(title), published, (content ?? summary) is { } body ? FeedXml.TextOf(body) : null),
            FeedText.Line(TextOf(title)),
            link,
            TextOf(content) ?? TextOf(summary),
            AuthorName(entry) ?? feedAuthor,
            FeedDates.Parse(published),
            FeedDates.Parse(entry.Child(Atom + "updated")));
    }

    private static string? AuthorName(XElement parent) =>
        FeedText.Trimmed(parent.Elements(Atom + "author").Select(author => author.Child(Atom + "name")).FirstOrDefault(name => !string.IsNullOrWhiteSpace(name)));

    /// <summary>Plain text of an Atom text construct or content element, by its type attribute (RFC 4287 3.1, 4.1.3).</summary>
    private static string? TextOf(XElement? element)
    {
        if (element is null || element.Attribute("src") is not null)
        {
            return null; // out-of-line content has nothing to read here
        }
        var type = element.Attribute("type")?.Value.Trim() ?? "text";
        if (type.Equals("xhtml", StringComparison.OrdinalIgnoreCase) || type.EndsWith("xml", StringComparison.OrdinalIgnoreCase))
        {
            // The markup arrives as child elements, not escaped text.
            return FeedText.FromHtml(string.Concat(element.Nodes().Select(node => node.ToString(SaveOptions.DisableFormatting))));
        }
        if (type.Contains("html", StringComparison.OrdinalIgnoreCase)) // "html" or a media type such as text/html
        {
            return FeedText.FromHtml(FeedXml.TextOf(element));
        }
        if (type.Equals("text", StringComparison.OrdinalIgnoreCase) || type.StartsWith("text/", StringComparison.OrdinalIgnoreCase))
        {
            return FeedText.FromPlain(FeedXml.TextOf(element));
        }
        return null; // other media types are base64 (RFC 4287 4.1.3.3), not text
    }
}
