using System.Security;
using static Sift.Tests.Ingestion.Feeds.FeedSamples;

namespace Sift.Tests.Ingestion.Feeds;

public class FeedTextTests
{
    private static string? RssText(string html) =>
        ParseSingle(RssWith($"<item><guid>g</guid><description>{SecurityElement.Escape(html)}</description></item>")).Text;

    [Theory]
    [InlineData("<p>One</p><p>Two</p>", "One\nTwo")]
    [InlineData("a<br>b<br/>c<BR />d", "a\nb\nc\nd")]
    [InlineData("<div>x</div><div>y</div>", "x\ny")]
    [InlineData("<ul><li>one</li><li>two</li></ul>", "one\ntwo")]
    [InlineData("<h1>Title</h1><h6>Small</h6>text", "Title\nSmall\ntext")]
    [InlineData("<b>bold</b> and <i>italic</i>, <a href=\"/x\">link</a>", "bold and italic, link")]
    [InlineData("Tom &amp; Jerry &lt;3 &quot;cheese&quot; &#8212; &#x263A; &eacute;", "Tom & Jerry <3 \"cheese\" \u2014 \u263A \u00E9")]
    [InlineData("&lt;script&gt;alert(1)&lt;/script&gt;", "<script>alert(1)</script>")]
    [InlineData("  lots \t of\n\n  space&nbsp;&nbsp;here  ", "lots of space here")]
    [InlineData("<p>\n  First\n  line\n</p>\n\n<p>\n  Second\n</p>", "First line\nSecond")]
    [InlineData("<p></p><p>  </p><br><br>Only", "Only")]
    [InlineData("<table><tr><td>a</td><td>b</td></tr><tr><td>c</td></tr></table>", "a b\nc")]
    [InlineData("a<script>var x = '<p>';</script>b<style>p { color: red }</style>c", "abc")]
    [InlineData("keep<!-- a comment with <p> inside -->going", "keepgoing")]
    [InlineData("<img src=\"x.png\" alt=\"a > b\">caption", "caption")]
    [InlineData("if a < b and c > d", "if a < b and c > d")]
    [InlineData("<p class=\"it's\">quote</p>", "quote")]
    public void HtmlBecomesReadablePlainText(string html, string expected) => Assert.Equal(expected, RssText(html));

    [Theory]
    [InlineData("<p <b>bold</b>", "bold")]
    [InlineData("text<!-- never closed <p>more", "text")]
    [InlineData("text <p unterminated", "text")]
    [InlineData("<a href=\"unterminated>link</a> after", "link after")]
    [InlineData("<<<>>>", "<<<>>>")]
    [InlineData("<", "<")]
    [InlineData("</", null)]
    [InlineData("<![CDATA[inner <b>text</b>", "inner <b>text</b>")]
    [InlineData("<script>never closed", null)]
    [InlineData("&amp", "&amp")]
    [InlineData("&#x1;&#7;visible&#x1F;", "visible")]
    public void MalformedHtmlDegradesWithoutFailing(string html, string? expected) => Assert.Equal(expected, RssText(html));

    [Fact]
    public void CdataHtmlIsStrippedLikeEscapedHtml()
    {
        var item = ParseSingle(RssWith("<item><guid>g</guid><description><![CDATA[<p>Hello <em>there</em> &amp; bye</p>]]></description></item>"));

        Assert.Equal("Hello there & bye", item.Text);
    }

    [Fact]
    public void RssContentEncodedWinsOverDescriptionUnlessEmpty()
    {
        var feed = Parse(RssWith("""
            <item><guid>1</guid><description>short</description><content:encoded><![CDATA[<p>full</p>]]></content:encoded></item>
            <item><guid>2</guid><description>short</description><content:encoded>  </content:encoded></item>
            """));

        Assert.Equal(["full", "short"], feed.Items.Select(i => i.Text));
    }

    [Fact]
    public void AtomTextContentIsNotTreatedAsHtml()
    {
        var item = ParseSingle(AtomWith("<entry><id>x</id><content type=\"text\">a &lt;b&gt; c</content></entry>"));

        Assert.Equal("a <b> c", item.Text);
    }

    [Fact]
    public void AtomContentWithSrcOrBinaryTypeFallsBackToSummary()
    {
        var feed = Parse(AtomWith("""
            <entry><id>1</id><content src="https://t.example/1.html" type="text/html"/><summary>linked</summary></entry>
            <entry><id>2</id><content type="image/png">iVBORw0KGgo=</content><summary>binary</summary></entry>
            """));

        Assert.Equal(["linked", "binary"], feed.Items.Select(i => i.Text));
    }

    [Fact]
    public void JsonContentTextIsNotTreatedAsHtml() =>
        Assert.Equal("1 < 2 <b>", ParseSingle(JsonWith("""{"id": "x", "content_text": "1 < 2 <b>"}""")).Text);

    [Fact]
    public void TextIsCappedAt16000Characters()
    {
        var text = RssText("<p>" + new string('x', 20_000) + "</p>");

        Assert.Equal(16_000, text!.Length);
    }

    [Fact]
    public void CapCountsTextAfterWhitespaceIsCollapsed()
    {
        var text = RssText(string.Concat(Enumerable.Repeat("word          \n\n<br>  ", 5_000)));

        Assert.Equal(15_999, text!.Length); // 3,199 × "word\n" + "word": the next break and word would pass the cap
        Assert.StartsWith("word\nword\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void XmlCharacterReferencesToControlCharactersAreDropped() =>
        Assert.Equal("visible", ParseSingle(RssWith("<item><guid>g</guid><description>&#x1;visible&#x0B;</description></item>")).Text);

    [Fact]
    public void CapNeverSplitsASurrogatePair()
    {
        var text = ParseSingle(JsonWith($$"""{"id": "x", "content_text": "a{{string.Concat(Enumerable.Repeat("😀", 9_000))}}"}""")).Text;

        Assert.Equal(15_999, text!.Length);
        Assert.False(char.IsHighSurrogate(text[^1]));
    }

    [Fact]
    public void HugeMalformedHtmlBecomesCappedTextWithoutMarkup()
    {
        var html = string.Concat(Enumerable.Repeat("<p <b>x</b <a href='y>z <", 100_000)) + "<!-- <script";

        var text = ParseSingle(JsonWith($$"""{"id": "x", "content_html": "{{html.Replace("\"", "\\\"", StringComparison.Ordinal)}}"}""")).Text;

        // How fast is bench's business; here, that it finishes with bounded, markup-free text.
        Assert.NotNull(text);
        Assert.True(text.Length <= 16_000, $"{text.Length} characters");
        Assert.DoesNotContain("<b>", text, StringComparison.Ordinal);
    }

    [Fact]
    public void TitlesAreOneLine()
    {
        var feed = Parse(AtomWith("""<entry><id>x</id><title type="html">&lt;p&gt;Two&lt;/p&gt;&lt;p&gt;lines&lt;/p&gt;</title></entry>"""));

        Assert.Equal("Two lines", Assert.Single(feed.Items).Title);
    }
}
