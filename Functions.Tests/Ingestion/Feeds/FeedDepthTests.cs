using System.Text;
using Sift.Ingestion;
using Sift.Ingestion.Feeds;
using static Sift.Tests.Ingestion.Feeds.FeedSamples;

namespace Sift.Tests.Ingestion.Feeds;

/// <summary>How deep a feed may nest elements: a deep document costs the square of its depth to build, and its text was read by recursion.</summary>
public class FeedDepthTests
{
    /// <summary>200,000 nested elements (1.4 MB) took minutes of CPU to load, then overflowed the stack when the description was read.</summary>
    [Fact]
    public void AFeedNestedDeeperThanTheLimitIsRefusedWithTheReason()
    {
        var content = RssWith($"<item><title>Deep</title><description>{Nested(200_000)}</description></item>");

        var error = Assert.Throws<FeedFormatException>(() => Parse(content));

        Assert.Contains($"more than {FeedParser.MaxDepth} deep", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AnAtomEntryNestedDeeperThanTheLimitIsRefused()
    {
        var content = AtomWith($"<entry><id>urn:e</id><title>Deep</title><content type=\"xhtml\">{Nested(FeedParser.MaxDepth)}</content></entry>");

        Assert.Contains("deep", Assert.Throws<FeedFormatException>(() => Parse(content)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TextNestedWithinTheLimitIsReadWhole()
    {
        // rss, channel, item and description are four levels; the innermost element is at the deepest level allowed.
        var item = ParseSingle(RssWith($"<item><title>Deep</title><description>{Nested(FeedParser.MaxDepth - 4)}</description></item>"));

        Assert.Equal("deep text", item.Text);
    }

    [Fact]
    public void AJsonFeedNestedDeeperThanTheLimitIsRefused()
    {
        var content = JsonWith($$"""{"id": "x", "content_text": "a", "extra": {{new string('[', 10_000)}}{{new string(']', 10_000)}}}""");

        var error = Assert.Throws<FeedFormatException>(() => FeedParser.Parse(Encoding.UTF8.GetBytes(content), "application/feed+json"));

        Assert.Contains("depth", error.Message, StringComparison.Ordinal);
    }

    private static string Nested(int depth) =>
        string.Concat(Enumerable.Repeat("<b>", depth)) + "deep text" + string.Concat(Enumerable.Repeat("</b>", depth));
}
