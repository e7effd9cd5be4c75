using Sift.Ingestion;
using Sift.Ingestion.Feeds;
using static Sift.Tests.Ingestion.Feeds.FeedSamples;

namespace Sift.Tests.Ingestion.Feeds;

public class FeedParserTests
{
    private static DateTimeOffset Utc(int year, int month, int day, int hour, int minute, int second) =>
        new(year, month, day, hour, minute, second, TimeSpan.Zero);

    [Fact]
    public void Rss20FeedReadsChannelAndItemsInDocumentOrder()
    {
        var feed = Parse(Rss20, "application/rss+xml");

        Assert.Equal("rss", feed.Format);
        Assert.Equal("Sift Engineering", feed.Title);
        Assert.Equal("https://blog.sift.example/", feed.Link);
        Assert.Equal(["Group commits & SQLite", "Hello, world", "Link only"], feed.Items.Select(i => i.Title));
    }

    [Fact]
    public void Rss20ItemPrefersContentEncodedAndDcCreator()
    {
        var item = Parse(Rss20).Items[0];

        Assert.Equal("tag:blog.sift.example,2006:post-17", item.Id);
        Assert.Equal("https://blog.sift.example/2006/01/group-commits", item.Link);
        Assert.Equal("One writer per file.\nFewer fsyncs & less waiting.", item.Text);
        Assert.Equal("Ada Lovelace", item.Author);
        Assert.Equal(Utc(2006, 1, 2, 22, 4, 5), item.Published);
        Assert.Equal(TimeSpan.Zero, item.Published!.Value.Offset);
        Assert.Null(item.Updated);
    }

    [Fact]
    public void Rss20ItemReadsEntityEncodedDescriptionAndAuthor()
    {
        var item = Parse(Rss20).Items[1];

        Assert.Equal("https://blog.sift.example/2006/01/hello", item.Id);
        Assert.Equal("First post & welcome.\nMore soon.", item.Text);
        Assert.Equal("editor@sift.example (The Editor)", item.Author);
        Assert.Equal(Utc(2006, 1, 1, 9, 0, 0), item.Published);
    }

    [Fact]
    public void Rss20ItemWithoutBodyHasNullText()
    {
        var item = Parse(Rss20).Items[2];

        Assert.Null(item.Text);
        Assert.Null(item.Author);
    }

    [Fact]
    public void Rss10RdfItemsLiveBesideTheChannel()
    {
        var feed = Parse(Rss10);

        Assert.Equal("rss", feed.Format);
        Assert.Equal("Planet Example", feed.Title);
        Assert.Equal("https://planet.example/", feed.Link);
        Assert.Equal(2, feed.Items.Count);
        var first = feed.Items[0];
        Assert.Equal("https://planet.example/a", first.Id); // rdf:about, not the tracking link
        Assert.Equal("https://planet.example/a?utm=rss", first.Link);
        Assert.Equal("Plain description.", first.Text);
        Assert.Equal("Grace Hopper", first.Author);
        Assert.Equal(Utc(2006, 1, 2, 14, 4, 5), first.Published);
        Assert.Equal(Utc(2006, 1, 2, 14, 4, 5), first.Updated);
        Assert.Equal("Encoded body", feed.Items[1].Text);
    }

    [Fact]
    public void Rss090RdfUsesTheNetscapeNamespace()
    {
        var feed = Parse("""
            <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://my.netscape.com/rdf/simple/0.9/">
              <channel><title>Mozilla Dot Org</title><link>http://www.mozilla.org</link></channel>
              <item><title>New Status Updates</title><link>http://www.mozilla.org/status/</link></item>
            </rdf:RDF>
            """);

        var item = Assert.Single(feed.Items);
        Assert.Equal("Mozilla Dot Org", feed.Title);
        Assert.Equal("http://www.mozilla.org/status/", item.Id);
        Assert.Equal("New Status Updates", item.Title);
    }

    [Fact]
    public void RssItemWithOnlyAnAtomLinkUsesIt()
    {
        var item = ParseSingle(RssWith("""<item><title>t</title><atom:link rel="alternate" href="https://t.example/via-atom"/></item>"""));

        Assert.Equal("https://t.example/via-atom", item.Link);
        Assert.Equal("https://t.example/via-atom", item.Id);
    }

    [Fact]
    public void Rss091InWindows1252IsDecoded()
    {
        var feed = FeedParser.Parse(Windows1252.GetBytes(Rss091), "text/xml");

        var item = Assert.Single(feed.Items);
        Assert.Equal("Old School", feed.Title);
        Assert.Equal("Café opens", item.Title);
        Assert.Equal("Naïve pricing: €5.", item.Text);
        Assert.Equal("http://old.example/cafe", item.Id);
    }

    [Fact]
    public void AtomFeedReadsEntriesWithHtmlAndXhtmlContent()
    {
        var feed = Parse(Atom, "application/atom+xml");

        Assert.Equal("atom", feed.Format);
        Assert.Equal("Example Atom", feed.Title);
        Assert.Equal("https://atom.example/", feed.Link);
        Assert.Equal(3, feed.Items.Count);

        var html = feed.Items[0];
        Assert.Equal("urn:uuid:1225c695-cfb8-4ebb-aaaa-80da344efa6a", html.Id);
        Assert.Equal("Atom HTML title", html.Title);
        Assert.Equal("https://atom.example/2006/01/html", html.Link);
        Assert.Equal("Heading\nBody with a link.", html.Text);
        Assert.Equal("Entry Author", html.Author);
        Assert.Equal(Utc(2006, 1, 2, 22, 4, 5), html.Published);
        Assert.Equal(Utc(2006, 1, 3, 6, 0, 0), html.Updated);

        var xhtml = feed.Items[1];
        Assert.Equal("First para & more.\none\ntwo", xhtml.Text);
        Assert.Null(xhtml.Published);
        Assert.Equal(Utc(2006, 1, 1, 12, 0, 0), xhtml.Updated);
    }

    [Fact]
    public void AtomEntryFallsBackToSummaryAndFeedAuthor()
    {
        var entry = Parse(Atom).Items[2];

        Assert.Equal("Just a\nplain summary.", entry.Text);
        Assert.Equal("Feed Author", entry.Author);
        Assert.Null(entry.Link);
        Assert.Equal("tag:atom.example,2006:summary", entry.Id);
    }

    [Fact]
    public void JsonFeed11ReadsItemsAndPrefersContentText()
    {
        var feed = Parse(JsonFeed11, "application/feed+json");

        Assert.Equal("json", feed.Format);
        Assert.Equal("JSON Example", feed.Title);
        Assert.Equal("https://json.example/", feed.Link);
        Assert.Equal(["https://json.example/2006/01/text", "2", "3"], feed.Items.Select(i => i.Id));

        var text = feed.Items[0];
        Assert.Equal("Text item", text.Title);
        Assert.Equal("Plain text body.\nSecond line.", text.Text);
        Assert.Equal("Item Person", text.Author);
        Assert.Equal(Utc(2006, 1, 2, 22, 4, 5), text.Published);
        Assert.Equal(Utc(2006, 1, 3, 10, 0, 0), text.Updated);

        Assert.Equal("Hello HTML & friends.", feed.Items[1].Text);
        Assert.Equal("Feed Person", feed.Items[1].Author);
        Assert.Equal("Only a summary.", feed.Items[2].Text);
        Assert.Null(feed.Items[2].Link);
    }

    [Fact]
    public void JsonFeed10NumericIdsAreTheirText()
    {
        var feed = Parse(JsonFeed10, "application/json");

        Assert.Equal(["1001", "1.5e3"], feed.Items.Select(i => i.Id));
        Assert.Equal("Numeric id.", feed.Items[0].Text);
        Assert.Equal("Old Author", feed.Items[0].Author);
        Assert.Equal("Another number.", feed.Items[1].Text);
    }

    [Theory]
    [InlineData(EmptyRss, "rss")]
    [InlineData(EmptyAtom, "atom")]
    [InlineData(EmptyJson, "json")]
    public void FeedWithoutItemsIsValidAndEmpty(string content, string format)
    {
        var feed = Parse(content);

        Assert.Equal(format, feed.Format);
        Assert.Equal("Quiet", feed.Title);
        Assert.Empty(feed.Items);
    }

    [Fact]
    public void UnknownElementsAndWrongTypedJsonFieldsAreIgnored()
    {
        var item = ParseSingle(JsonWith("""{"id": "x", "title": 42, "url": ["no"], "content_text": "ok", "authors": "nobody"}"""));

        Assert.Equal("x", item.Id);
        Assert.Null(item.Title);
        Assert.Null(item.Link);
        Assert.Null(item.Author);
        Assert.Equal("ok", item.Text);
    }
}
