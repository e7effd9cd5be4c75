using System.Globalization;
using static Sift.Tests.Ingestion.Feeds.FeedSamples;

namespace Sift.Tests.Ingestion.Feeds;

public class FeedDateTests
{
    private static DateTimeOffset Utc(string iso) => DateTimeOffset.Parse(iso, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);

    private static DateTimeOffset? RssPublished(string pubDate) =>
        ParseSingle(RssWith($"<item><title>t</title><pubDate>{pubDate}</pubDate></item>")).Published;

    [Theory]
    [InlineData("Mon, 02 Jan 2006 15:04:05 GMT", "2006-01-02T15:04:05Z")]
    [InlineData("Mon, 02 Jan 2006 15:04:05 +0000", "2006-01-02T15:04:05Z")]
    [InlineData("Mon, 02 Jan 2006 15:04:05 -0700", "2006-01-02T22:04:05Z")]
    [InlineData("Mon, 02 Jan 2006 15:04:05 +0530", "2006-01-02T09:34:05Z")]
    [InlineData("Mon, 02 Jan 2006 15:04:05 +05:30", "2006-01-02T09:34:05Z")]
    [InlineData("Mon, 02 Jan 2006 15:04:05 EST", "2006-01-02T20:04:05Z")]
    [InlineData("Mon, 02 Jan 2006 15:04:05 EDT", "2006-01-02T19:04:05Z")]
    [InlineData("Mon, 02 Jan 2006 15:04:05 PDT", "2006-01-02T22:04:05Z")]
    [InlineData("Mon, 02 Jan 2006 15:04:05 PST", "2006-01-02T23:04:05Z")]
    [InlineData("Mon, 02 Jan 2006 15:04:05 CST", "2006-01-02T21:04:05Z")]
    [InlineData("Mon, 02 Jan 2006 15:04:05 MDT", "2006-01-02T21:04:05Z")]
    [InlineData("Mon, 02 Jan 2006 15:04:05 UT", "2006-01-02T15:04:05Z")]
    [InlineData("Mon, 02 Jan 2006 15:04:05 UTC", "2006-01-02T15:04:05Z")]
    [InlineData("Mon, 02 Jan 2006 15:04:05 Z", "2006-01-02T15:04:05Z")]
    [InlineData("Mon, 02 Jan 2006 15:04:05 CEST", "2006-01-02T13:04:05Z")]
    [InlineData("Mon, 02 Jan 2006 15:04:05 GMT+0100", "2006-01-02T14:04:05Z")]
    [InlineData("02 Jan 2006 15:04:05 GMT", "2006-01-02T15:04:05Z")]
    [InlineData("Mon, 2 Jan 2006 15:04:05 GMT", "2006-01-02T15:04:05Z")]
    [InlineData("Mon,2 Jan 2006 15:04:05 GMT", "2006-01-02T15:04:05Z")]
    [InlineData("Mon, 02 Jan 06 15:04:05 GMT", "2006-01-02T15:04:05Z")]
    [InlineData("Sat, 02 Jan 99 15:04:05 GMT", "1999-01-02T15:04:05Z")]
    [InlineData("Monday, 02 January 2006 15:04:05 GMT", "2006-01-02T15:04:05Z")]
    [InlineData("mon, 02 jan 2006 15:04:05 gmt", "2006-01-02T15:04:05Z")]
    [InlineData("Mon, 02 Jan 2006 15:04 GMT", "2006-01-02T15:04:00Z")]
    [InlineData("Mon, 02 Jan 2006 15:04:05", "2006-01-02T15:04:05Z")]
    [InlineData("Mon, 02 Jan 2006", "2006-01-02T00:00:00Z")]
    [InlineData("Mon, Jan 02 2006 15:04:05 GMT", "2006-01-02T15:04:05Z")]
    [InlineData("Tue, 03 Jan 2006 15:04:05 GMT", "2006-01-03T15:04:05Z")] // wrong day name: the date wins
    [InlineData("  Mon,   02  Jan 2006\t15:04:05   GMT  ", "2006-01-02T15:04:05Z")]
    [InlineData("Mon, 02 Jan 2006 15:04:05 +0000 (Coordinated Universal Time)", "2006-01-02T15:04:05Z")]
    [InlineData("Sat, 31 Dec 2016 23:59:60 GMT", "2016-12-31T23:59:59Z")]
    [InlineData("Sun, 01 Jan 2006 01:00:00 +0200", "2005-12-31T23:00:00Z")]
    [InlineData("2006-01-02T15:04:05Z", "2006-01-02T15:04:05Z")] // ISO in pubDate happens too
    public void RssPubDateVarietyIsReadAsUtc(string pubDate, string expected)
    {
        var published = RssPublished(pubDate);

        Assert.Equal(Utc(expected), published);
        Assert.Equal(TimeSpan.Zero, published!.Value.Offset);
    }

    [Theory]
    [InlineData("")]
    [InlineData("yesterday")]
    [InlineData("Mon, 32 Jan 2006 15:04:05 GMT")]
    [InlineData("Mon, 29 Feb 2006 15:04:05 GMT")]
    [InlineData("Mon, 02 Foo 2006 15:04:05 GMT")]
    [InlineData("Mon, 02 Jan 2006 25:04:05 GMT")]
    [InlineData("Mon, 02 Jan 2006 15:04:05 XYZT")]
    [InlineData("Mon, 02 Jan 2006 15:04:05 +9900")]
    [InlineData("Mon, 02 Jan 20006 15:04:05 GMT")]
    [InlineData("Mon, 01 Jan 0001 00:00:00 +0100")]
    [InlineData("Fri, 31 Dec 9999 23:59:59 -0100")]
    [InlineData("2006-13-45T00:00:00Z")]
    [InlineData("1136214245")]
    public void UnreadableDateIsNull(string pubDate) => Assert.Null(RssPublished(pubDate));

    [Theory]
    [InlineData("2006-01-02T15:04:05Z", "2006-01-02T15:04:05Z")]
    [InlineData("2006-01-02t15:04:05z", "2006-01-02T15:04:05Z")]
    [InlineData("2006-01-02T15:04:05.123+02:00", "2006-01-02T13:04:05.123Z")]
    [InlineData("2006-01-02T15:04:05-07:00", "2006-01-02T22:04:05Z")]
    [InlineData("2006-01-02", "2006-01-02T00:00:00Z")]
    public void AtomAndJsonDatesAreRfc3339InUtc(string date, string expected)
    {
        var atom = ParseSingle(AtomWith($"<entry><id>x</id><published>{date}</published><updated>{date}</updated></entry>"));
        var json = ParseSingle(JsonWith($$"""{"id": "x", "date_published": "{{date}}", "date_modified": "{{date}}"}"""));

        Assert.All(new[] { atom.Published, atom.Updated, json.Published, json.Updated }, d => Assert.Equal(Utc(expected), d));
        Assert.Equal(TimeSpan.Zero, atom.Published!.Value.Offset);
        Assert.Equal(TimeSpan.Zero, json.Updated!.Value.Offset);
    }

    [Fact]
    public void UnreadableAtomAndJsonDatesAreNull()
    {
        var atom = ParseSingle(AtomWith("<entry><id>x</id><published>soon</published><updated>2006-02-30T00:00:00Z</updated></entry>"));
        var json = ParseSingle(JsonWith("""{"id": "x", "date_published": "soon", "date_modified": 1136214245}"""));

        Assert.Null(atom.Published);
        Assert.Null(atom.Updated);
        Assert.Null(json.Published);
        Assert.Null(json.Updated);
    }

    [Fact]
    public void RssUpdatedComesFromAtomUpdated()
    {
        var item = ParseSingle(RssWith("""
            <item><guid>g</guid><pubDate>Mon, 02 Jan 2006 15:04:05 GMT</pubDate><atom:updated>2006-01-05T10:00:00Z</atom:updated></item>
            """));

        Assert.Equal(Utc("2006-01-02T15:04:05Z"), item.Published);
        Assert.Equal(Utc("2006-01-05T10:00:00Z"), item.Updated);
    }

    [Fact]
    public void RssDcDateServesAsPublishedAndUpdatedWithoutPubDate()
    {
        var item = ParseSingle(RssWith("<item><guid>g</guid><dc:date>2006-01-02T15:04:05-05:00</dc:date></item>"));

        Assert.Equal(Utc("2006-01-02T20:04:05Z"), item.Published);
        Assert.Equal(Utc("2006-01-02T20:04:05Z"), item.Updated);
    }

    [Fact]
    public void AtomEntryWithoutPublishedHasNullPublished() =>
        Assert.Null(ParseSingle(AtomWith("<entry><id>x</id><updated>2006-01-02T00:00:00Z</updated></entry>")).Published);
}
