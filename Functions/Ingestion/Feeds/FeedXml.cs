using System.Xml.Linq;

namespace Sift.Ingestion.Feeds;

/// <summary>The namespaces feeds use, and what RSS and Atom share.</summary>
internal static class FeedXml
{
    public static readonly XNamespace Atom = "http://www.w3.org/2005/Atom";
    public static readonly XNamespace Rdf = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
    public static readonly XNamespace Rss10 = "http://purl.org/rss/1.0/";
    public static readonly XNamespace Rss090 = "http://my.netscape.com/rdf/simple/0.9/";
    public static readonly XNamespace Content = "http://purl.org/rss/1.0/modules/content/";
    public static readonly XNamespace Dc = "http://purl.org/dc/elements/1.1/";

    /// <summary>The text of the first child called <paramref name="name"/>, or null.</summary>
    public static string? Child(this XElement? parent, XName name) => parent?.Element(name) is { } child ? TextOf(child) : null;

    /// <summary>
    /// All the text inside <paramref name="element"/>, as <see cref="XElement.Value"/> gives it, but
    /// read by walking its descendants rather than recursing once per level of nesting.
    /// </summary>
    public static string TextOf(XElement element) =>
        element.FirstNode is XText only && only.NextNode is null
            ? only.Value
            : string.Concat(element.DescendantNodes().OfType<XText>().Select(text => text.Value));

    /// <summary>
    /// The href of the first atom:link that points at the page itself: rel="alternate", or no rel,
    /// which RFC 4287 defines as alternate. Skips rel="self", "enclosure", "replies" and the like.
    /// </summary>
    public static string? AlternateLink(XElement? parent) =>
        parent?.Elements(Atom + "link")
            .FirstOrDefault(link => link.Attribute("rel")?.Value.Trim() is null or "alternate")
            ?.Attribute("href")?.Value;
}
