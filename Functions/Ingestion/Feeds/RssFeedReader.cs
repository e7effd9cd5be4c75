using System.Xml.Linq;

namespace Sift.Ingestion.Feeds;

/// <summary>
/// RSS 0.91, 0.92 and 2.0 (un-namespaced elements under rss/channel) and RSS 0.90 and 1.0 (RDF, with
/// items beside the channel in the RSS namespace). Their item fields have the same names.
/// </summary>
internal static class RssFeedReader
{
    public static Feed ReadRss(XElement rss)
    {
        var channel = rss.Element("channel") ?? throw new FeedFormatException("The <rss> document has no <channel> element.");
        return Read(channel, channel.Elements("item"), XNamespace.None);
    }

    public static Feed ReadRdf(XElement rdf)
    {
        var ns = rdf.Element(FeedXml.Rss090 + "channel") is not null ? FeedXml.Rss090 : FeedXml.Rss10;
        if (rdf.Element(ns + "channel") is null)
        {
            throw new FeedFormatException($"The <rdf:RDF> document has no RSS 1.0 <channel> element (namespace {FeedXml.Rss10}).");
        }
        return Read(rdf.Element(ns + "channel"), rdf.Elements(ns + "item"), ns);
    }

    private static Feed Read(XElement? channel, IEnumerable<XElement> items, XNamespace ns) => new(
        "rss",
        FeedText.Line(channel.Child(ns + "title")),
        FeedText.Trimmed(channel.Child(ns + "link")) ?? FeedText.Trimmed(FeedXml.AlternateLink(channel)),
        [.. items.Select(item => ReadItem(item, ns))]);

    private static FeedItem ReadItem(XElement item, XNamespace ns)
    {
        var title = item.Child(ns + "title");
        var link = FeedText.Trimmed(item.Child(ns + "link")) ?? FeedText.Trimmed(FeedXml.AlternateLink(item));
        var description = item.Child(ns + "description");
        var encoded = item.Child(FeedXml.Content + "encoded");
        var pubDate = item.Child(ns + "pubDate");
        var dcDate = item.Child(FeedXml.Dc + "date");
        // RSS 1.0 has no guid; rdf:about is its item identifier.
        var guid = item.Child(ns + "guid") ?? item.Attribute(FeedXml.Rdf + "about")?.Value;

        return new FeedItem(
            ItemIds.Pick(guid, link, title, pubDate ?? dcDate, description ?? encoded),
            FeedText.Line(title),
            link,
            // RSS bodies are HTML by convention (entity-encoded or CDATA), whatever they contain.
            FeedText.FromHtml(encoded) ?? FeedText.FromHtml(description),
            FeedText.Trimmed(item.Child(ns + "author")) ?? FeedText.Trimmed(item.Child(FeedXml.Dc + "creator")),
            FeedDates.Parse(pubDate) ?? FeedDates.Parse(dcDate),
            FeedDates.Parse(item.Child(FeedXml.Atom + "updated")) ?? FeedDates.Parse(dcDate));
    }
}
