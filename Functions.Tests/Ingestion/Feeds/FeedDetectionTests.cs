using System.Text;
using Sift.Ingestion;
using Sift.Ingestion.Feeds;
using static Sift.Tests.Ingestion.Feeds.FeedSamples;

namespace Sift.Tests.Ingestion.Feeds;

public class FeedDetectionTests
{
    private static FeedFormatException Rejects(string content, string? contentType = null) =>
        Assert.Throws<FeedFormatException>(() => Parse(content, contentType));

    [Theory]
    [InlineData(Rss20, "text/html", "rss")]
    [InlineData(Atom, "text/html; charset=utf-8", "atom")]
    [InlineData(JsonFeed11, "text/plain", "json")]
    [InlineData(JsonFeed11, "application/xml", "json")]
    [InlineData(Rss10, "application/octet-stream", "rss")]
    [InlineData(Atom, null, "atom")]
    [InlineData(JsonFeed10, "", "json")]
    public void FormatComesFromTheContentNotTheContentType(string content, string? contentType, string format) =>
        Assert.Equal(format, Parse(content, contentType).Format);

    [Fact]
    public void ByteOrderMarkAndLeadingWhitespaceAreTolerated()
    {
        var bom = new byte[] { 0xEF, 0xBB, 0xBF };

        var xml = FeedParser.Parse([.. bom, .. Encoding.UTF8.GetBytes("\r\n\n  " + Rss20)], "application/rss+xml");
        var json = FeedParser.Parse([.. bom, .. Encoding.UTF8.GetBytes("\n " + JsonFeed11)], "application/json");

        Assert.Equal(3, xml.Items.Count);
        Assert.Equal(3, json.Items.Count);
    }

    [Fact]
    public void Utf16FeedIsRead()
    {
        var feed = FeedParser.Parse(Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes(Atom.Replace("utf-8", "utf-16", StringComparison.Ordinal))).ToArray(), null);

        Assert.Equal("Example Atom", feed.Title);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   \r\n\t ")]
    public void EmptyContentIsRejected(string content) =>
        Assert.Contains("empty", Rejects(content, "application/rss+xml").Message, StringComparison.Ordinal);

    [Fact]
    public void EmptySpanIsRejected() =>
        Assert.Contains("empty", Assert.Throws<FeedFormatException>(() => FeedParser.Parse([], null)).Message, StringComparison.Ordinal);

    [Fact]
    public void MalformedXmlNamesTheLine()
    {
        var error = Rejects("<?xml version=\"1.0\"?>\n<rss version=\"2.0\">\n<channel>\n<title>Broken</channel>\n</rss>");

        Assert.Contains("not well-formed XML", error.Message, StringComparison.Ordinal);
        Assert.Contains("line 4", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("Line 4", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MalformedXmlAfterSkippedBlankLinesNamesTheRealLine() =>
        Assert.Contains("line 5", Rejects("\n\n<?xml version=\"1.0\"?>\n<rss>\n<channel><title>&nbsp;</title></channel></rss>").Message, StringComparison.Ordinal);

    [Fact]
    public void TruncatedXmlIsRejected() =>
        Assert.Contains("not well-formed XML", Rejects(Rss20[..(Rss20.Length / 2)]).Message, StringComparison.Ordinal);

    [Theory]
    [InlineData(BillionLaughs)]
    [InlineData(ExternalEntity)]
    [InlineData("<!DOCTYPE rss SYSTEM \"http://my.netscape.com/publish/formats/rss-0.91.dtd\">\n<rss version=\"0.91\"><channel><title>t</title></channel></rss>")]
    public void DoctypeIsRejectedBeforeAnyEntityIsExpanded(string content) =>
        Assert.Contains("DTDs are not allowed", Rejects(content).Message, StringComparison.Ordinal);

    [Theory]
    [InlineData("<html><head><title>Not found</title></head><body><p>Oops</p></body></html>")]
    [InlineData("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Home</title></head><body></body></html>")]
    [InlineData("<?xml version=\"1.0\"?><html xmlns=\"http://www.w3.org/1999/xhtml\"><body/></html>")]
    public void HtmlPageIsNotAFeed(string content) =>
        Assert.Contains("HTML page, not a feed", Rejects(content, "text/html").Message, StringComparison.Ordinal);

    [Theory]
    [InlineData("<opml version=\"2.0\"><head/><body/></opml>", "<opml>")]
    [InlineData("<svg xmlns=\"http://www.w3.org/2000/svg\"/>", "<svg>")]
    [InlineData("<feed><title>no namespace</title></feed>", "namespace")]
    [InlineData("<feed xmlns=\"http://purl.org/atom/ns#\" version=\"0.3\"/>", "http://purl.org/atom/ns#")]
    [InlineData("<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\"/>", "<channel>")]
    [InlineData("<rss version=\"2.0\"/>", "<channel>")]
    public void OtherXmlIsNotAFeed(string content, string reason) =>
        Assert.Contains(reason, Rejects(content, "application/xml").Message, StringComparison.Ordinal);

    [Theory]
    [InlineData("""{"name": "not a feed"}""", "version")]
    [InlineData("""{"version": "https://example.com/other/1", "items": []}""", "version")]
    [InlineData("""{"version": "https://jsonfeed.org/version/1.1", "title": "no items"}""", "items")]
    [InlineData("""{"version": "https://jsonfeed.org/version/1.1", "items": {}}""", "items")]
    [InlineData("""[{"id": "1"}]""", "array")]
    [InlineData("""{"version": "https://jsonfeed.org/version/1.1", "items": [""", "not valid JSON")]
    [InlineData("""{'version': 1}""", "not valid JSON")]
    public void JsonThatIsNotAJsonFeedIsRejected(string content, string reason) =>
        Assert.Contains(reason, Rejects(content, "application/json").Message, StringComparison.Ordinal);

    [Theory]
    [InlineData("Hello, this is plain text", "text/plain")]
    [InlineData("%PDF-1.7", "application/rss+xml")]
    public void NeitherXmlNorJsonIsRejected(string content, string contentType)
    {
        var error = Rejects(content, contentType);

        Assert.Contains("neither XML nor JSON", error.Message, StringComparison.Ordinal);
        Assert.Contains(contentType, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void OversizedJsonIsRejected()
    {
        var content = Encoding.UTF8.GetBytes(EmptyJson + new string(' ', FeedParser.MaxDocumentLength));

        Assert.Contains("limit", Assert.Throws<FeedFormatException>(() => FeedParser.Parse(content, null)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void OversizedXmlIsRejected()
    {
        var content = Encoding.UTF8.GetBytes(RssWith("<item><description>" + new string('x', FeedParser.MaxDocumentLength) + "</description></item>"));

        Assert.Contains("20,000,000 characters", Assert.Throws<FeedFormatException>(() => FeedParser.Parse(content, null)).Message, StringComparison.Ordinal);
    }
}
