using static Sift.Tests.Ingestion.Feeds.FeedSamples;

namespace Sift.Tests.Ingestion.Feeds;

public class FeedIdTests
{
    // Hash ids are stored, so they must never change between versions: these are fixed values
    // (the first 32 hex digits of SHA-256 over "title\ndate\nbody", computed outside Sift).
    [Theory]
    [InlineData("true")]
    [InlineData("false")]
    public void RssGuidIsTheItemIdWhateverIsPermaLinkSays(string isPermaLink)
    {
        var item = ParseSingle(RssWith($"""<item><guid isPermaLink="{isPermaLink}">guid-1</guid><link>https://t.example/1</link></item>"""));

        Assert.Equal("guid-1", item.Id);
        Assert.Equal("https://t.example/1", item.Link);
    }

    [Fact]
    public void RssLinkIsTheIdWithoutGuid() =>
        Assert.Equal("https://t.example/2", ParseSingle(RssWith("<item><link> https://t.example/2 </link></item>")).Id);

    [Fact]
    public void RssBlankGuidFallsBackToLink() =>
        Assert.Equal("https://t.example/3", ParseSingle(RssWith("<item><guid>  </guid><link>https://t.example/3</link></item>")).Id);

    [Fact]
    public void RssItemWithoutGuidOrLinkIsIdentifiedByAHashOfItsContent()
    {
        var item = ParseSingle(RssWith("""
            <item><title> Untitled </title><pubDate>Mon, 02 Jan 2006 15:04:05 GMT</pubDate><description>Body</description></item>
            """));

        Assert.Equal("42bb29fb9f9670b3cd53fb8877a4f929", item.Id);
        Assert.Null(item.Link);
    }

    [Theory]
    [InlineData("<title>Other</title><pubDate>Mon, 02 Jan 2006 15:04:05 GMT</pubDate><description>Body</description>")]
    [InlineData("<title>Untitled</title><pubDate>Tue, 03 Jan 2006 15:04:05 GMT</pubDate><description>Body</description>")]
    [InlineData("<title>Untitled</title><pubDate>Mon, 02 Jan 2006 15:04:05 GMT</pubDate><description>Other</description>")]
    public void ItemsThatDifferInTitleDateOrBodyGetDifferentHashIds(string other)
    {
        var feed = Parse(RssWith($"<item><title>Untitled</title><pubDate>Mon, 02 Jan 2006 15:04:05 GMT</pubDate><description>Body</description></item><item>{other}</item>"));

        Assert.NotEqual(feed.Items[0].Id, feed.Items[1].Id);
        Assert.All(feed.Items, item => Assert.Matches("^[0-9a-f]{32}$", item.Id));
    }

    [Fact]
    public void AtomIdIsTheItemId() =>
        Assert.Equal("urn:uuid:abc", ParseSingle(AtomWith("""<entry><id> urn:uuid:abc </id><link href="https://t.example/a"/></entry>""")).Id);

    [Fact]
    public void AtomAlternateLinkIsTheIdWithoutAtomId()
    {
        var item = ParseSingle(AtomWith("""
            <entry><link rel="self" href="https://t.example/self"/><link rel="enclosure" href="https://t.example/a.mp3"/>
            <link rel="alternate" href="https://t.example/page"/></entry>
            """));

        Assert.Equal("https://t.example/page", item.Id);
        Assert.Equal("https://t.example/page", item.Link);
    }

    [Fact]
    public void AtomLinkWithoutRelCountsAsAlternate() =>
        Assert.Equal("https://t.example/b", ParseSingle(AtomWith("""<entry><link rel="edit" href="https://t.example/edit"/><link href="https://t.example/b"/></entry>""")).Id);

    [Fact]
    public void AtomEntryWithoutIdOrLinkIsIdentifiedByAHashOfItsContent()
    {
        var item = ParseSingle(AtomWith("<entry><title>A</title><published>2006-01-02T15:04:05Z</published><summary>S</summary></entry>"));

        Assert.Equal("4765eb74241c1f6dd3cadea3a87c28c2", item.Id);
    }

    [Fact]
    public void JsonFeedIdIsTheItemId() =>
        Assert.Equal("abc", ParseSingle(JsonWith("""{"id": " abc ", "url": "https://t.example/j"}""")).Id);

    [Theory]
    [InlineData("42", "42")]
    [InlineData("-7", "-7")]
    [InlineData("12345678901234567890", "12345678901234567890")]
    [InlineData("4.20", "4.20")]
    public void JsonFeedNumericIdIsItsText(string json, string id) =>
        Assert.Equal(id, ParseSingle(JsonWith($$"""{"id": {{json}}, "content_text": "x"}""")).Id);

    [Theory]
    [InlineData("""{"url": "https://t.example/j"}""")]
    [InlineData("""{"id": "", "url": "https://t.example/j"}""")]
    [InlineData("""{"id": null, "url": "https://t.example/j"}""")]
    public void JsonFeedUrlIsTheIdWithoutUsableId(string json) =>
        Assert.Equal("https://t.example/j", ParseSingle(JsonWith(json)).Id);

    [Fact]
    public void JsonFeedItemWithoutIdOrUrlIsIdentifiedByAHashOfItsContent()
    {
        var item = ParseSingle(JsonWith("""{"title": "J", "date_published": "2006-01-02T15:04:05Z", "content_html": "<p>H</p>"}"""));

        Assert.Equal("13df5f1bfba35e44ac5a4363da552538", item.Id);
    }

    [Theory]
    [InlineData(Rss20)]
    [InlineData(Rss10)]
    [InlineData(Atom)]
    [InlineData(JsonFeed11)]
    [InlineData(JsonFeed10)]
    public void ParsingTheSameFeedTwiceGivesTheSameIds(string content) =>
        Assert.Equal(Parse(content).Items.Select(i => i.Id), Parse(content).Items.Select(i => i.Id));

    [Fact]
    public void HashIdsSurviveARefetchWithChangedWhitespaceAroundValues()
    {
        var first = ParseSingle(RssWith("<item><title>T</title><description>B</description></item>"));
        var second = ParseSingle(RssWith("<item>\n  <title>\n T </title>\n  <description> B\n</description>\n</item>"));

        Assert.Equal(first.Id, second.Id);
    }
}
