using System.Text;
using Sift.Ingestion;
using Sift.Ingestion.Feeds;

namespace Sift.Tests.Ingestion.Feeds;

/// <summary>Feeds shaped like the ones publishers serve: namespaces, CDATA, escaped HTML, extras.</summary>
internal static class FeedSamples
{
    public const string Rss20 = """
        <?xml version="1.0" encoding="UTF-8"?>
        <rss version="2.0"
             xmlns:content="http://purl.org/rss/1.0/modules/content/"
             xmlns:dc="http://purl.org/dc/elements/1.1/"
             xmlns:atom="http://www.w3.org/2005/Atom"
             xmlns:media="http://search.yahoo.com/mrss/">
          <channel>
            <title>Sift Engineering</title>
            <link>https://blog.sift.example/</link>
            <atom:link href="https://blog.sift.example/feed.xml" rel="self" type="application/rss+xml" />
            <description>Notes from the team</description>
            <language>en-us</language>
            <lastBuildDate>Tue, 03 Jan 2006 10:00:00 GMT</lastBuildDate>
            <item>
              <title>Group commits &amp; SQLite</title>
              <link>https://blog.sift.example/2006/01/group-commits</link>
              <guid isPermaLink="false">  tag:blog.sift.example,2006:post-17  </guid>
              <pubDate>Mon, 02 Jan 2006 15:04:05 -0700</pubDate>
              <dc:creator><![CDATA[Ada Lovelace]]></dc:creator>
              <category>storage</category>
              <description>Short teaser that should lose to content:encoded.</description>
              <content:encoded><![CDATA[<p>One <b>writer</b> per file.</p><p>Fewer fsyncs &amp; less waiting.</p>]]></content:encoded>
              <media:thumbnail url="https://blog.sift.example/img/17.png" />
            </item>
            <item>
              <title>Hello, world</title>
              <link>https://blog.sift.example/2006/01/hello</link>
              <guid>https://blog.sift.example/2006/01/hello</guid>
              <pubDate>Sun, 01 Jan 2006 09:00:00 GMT</pubDate>
              <author>editor@sift.example (The Editor)</author>
              <description>&lt;p&gt;First post &amp;amp; welcome.&lt;br/&gt;More soon.&lt;/p&gt;</description>
            </item>
            <item>
              <title>Link only</title>
              <link>https://blog.sift.example/2005/12/link-only</link>
              <pubDate>Sat, 31 Dec 2005 23:59:59 +0000</pubDate>
            </item>
          </channel>
        </rss>
        """;

    public const string Rss10 = """
        <?xml version="1.0" encoding="utf-8"?>
        <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"
                 xmlns="http://purl.org/rss/1.0/"
                 xmlns:dc="http://purl.org/dc/elements/1.1/"
                 xmlns:content="http://purl.org/rss/1.0/modules/content/">
          <channel rdf:about="https://planet.example/rss10.xml">
            <title>Planet Example</title>
            <link>https://planet.example/</link>
            <description>Aggregated</description>
            <items>
              <rdf:Seq>
                <rdf:li rdf:resource="https://planet.example/a" />
                <rdf:li rdf:resource="https://planet.example/b" />
              </rdf:Seq>
            </items>
          </channel>
          <item rdf:about="https://planet.example/a">
            <title>First RDF item</title>
            <link>https://planet.example/a?utm=rss</link>
            <description>Plain description.</description>
            <dc:creator>Grace Hopper</dc:creator>
            <dc:date>2006-01-02T15:04:05+01:00</dc:date>
          </item>
          <item>
            <title>Second RDF item</title>
            <link>https://planet.example/b</link>
            <content:encoded>&lt;div&gt;Encoded body&lt;/div&gt;</content:encoded>
          </item>
        </rdf:RDF>
        """;

    /// <summary>Declares windows-1252: encode it with <see cref="Windows1252"/>.</summary>
    public const string Rss091 = """
        <?xml version="1.0" encoding="windows-1252"?>
        <rss version="0.91">
          <channel>
            <title>Old School</title>
            <link>http://old.example/</link>
            <description>Since 2000</description>
            <language>en</language>
            <item>
              <title>Café opens</title>
              <link>http://old.example/cafe</link>
              <description>Naïve pricing: €5.</description>
            </item>
          </channel>
        </rss>
        """;

    public const string Atom = """
        <?xml version="1.0" encoding="utf-8"?>
        <feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en">
          <title type="text">Example Atom</title>
          <subtitle>Atom sample</subtitle>
          <link rel="self" href="https://atom.example/feed.atom" />
          <link href="https://atom.example/" />
          <id>urn:uuid:60a76c80-d399-11d9-b93C-0003939e0af6</id>
          <updated>2006-01-02T18:30:02Z</updated>
          <author><name>Feed Author</name><email>feed@atom.example</email></author>
          <entry>
            <title type="html">Atom &lt;em&gt;HTML&lt;/em&gt; title</title>
            <link rel="alternate" type="text/html" href="https://atom.example/2006/01/html" />
            <link rel="replies" href="https://atom.example/2006/01/html#comments" />
            <id>urn:uuid:1225c695-cfb8-4ebb-aaaa-80da344efa6a</id>
            <published>2006-01-02T15:04:05-07:00</published>
            <updated>2006-01-03T08:00:00+02:00</updated>
            <author><name>Entry Author</name></author>
            <summary>Loses to content.</summary>
            <content type="html"><![CDATA[<h1>Heading</h1><p>Body with <a href="https://x.example">a link</a>.</p>]]></content>
          </entry>
          <entry>
            <title>XHTML entry</title>
            <link rel="alternate" href="https://atom.example/2006/01/xhtml" />
            <id>tag:atom.example,2006:xhtml</id>
            <updated>2006-01-01T12:00:00Z</updated>
            <content type="xhtml">
              <div xmlns="http://www.w3.org/1999/xhtml"><p>First <em>para</em> &amp; more.</p><ul><li>one</li><li>two</li></ul></div>
            </content>
          </entry>
          <entry>
            <title>Summary only</title>
            <id>tag:atom.example,2006:summary</id>
            <updated>2005-12-31T00:00:00Z</updated>
            <summary type="text">Just a
              plain summary.</summary>
          </entry>
        </feed>
        """;

    public const string JsonFeed11 = """
        {
          "version": "https://jsonfeed.org/version/1.1",
          "title": "JSON Example",
          "home_page_url": "https://json.example/",
          "feed_url": "https://json.example/feed.json",
          "authors": [{ "name": "Feed Person", "url": "https://json.example/about" }],
          "language": "en",
          "items": [
            {
              "id": "https://json.example/2006/01/text",
              "url": "https://json.example/2006/01/text",
              "title": "Text item",
              "content_text": "Plain text body.\nSecond line.",
              "content_html": "<p>Loses to content_text.</p>",
              "date_published": "2006-01-02T15:04:05-07:00",
              "date_modified": "2006-01-03T10:00:00Z",
              "authors": [{ "name": "Item Person" }],
              "tags": ["json", "feeds"]
            },
            {
              "id": "2",
              "url": "https://json.example/2006/01/html",
              "title": "HTML item",
              "content_html": "<p>Hello <strong>HTML</strong> &amp; friends.</p>",
              "date_published": "2006-01-01T00:00:00Z",
              "_custom": { "ignored": true }
            },
            {
              "id": "3",
              "summary": "Only a summary."
            }
          ]
        }
        """;

    public const string JsonFeed10 = """
        {
          "version": "https://jsonfeed.org/version/1",
          "title": "JSON 1.0",
          "home_page_url": "https://json10.example/",
          "author": { "name": "Old Author" },
          "items": [
            { "id": 1001, "url": "https://json10.example/1001", "content_text": "Numeric id." },
            { "id": 1.5e3, "content_html": "<p>Another number.</p>" }
          ]
        }
        """;

    public const string EmptyRss = """
        <?xml version="1.0"?>
        <rss version="2.0"><channel><title>Quiet</title><link>https://quiet.example/</link><description>None yet</description></channel></rss>
        """;

    public const string EmptyAtom = """
        <feed xmlns="http://www.w3.org/2005/Atom"><title>Quiet</title><id>urn:x</id><updated>2006-01-02T00:00:00Z</updated></feed>
        """;

    public const string EmptyJson = """{"version": "https://jsonfeed.org/version/1.1", "title": "Quiet", "items": []}""";

    public const string BillionLaughs = """
        <?xml version="1.0"?>
        <!DOCTYPE rss [
          <!ENTITY lol "lol">
          <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
          <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
          <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
          <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
          <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
          <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
          <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
          <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
        ]>
        <rss version="2.0"><channel><title>&lol9;</title><item><title>&lol9;</title></item></channel></rss>
        """;

    public const string ExternalEntity = """
        <?xml version="1.0"?>
        <!DOCTYPE rss [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
        <rss version="2.0"><channel><title>&secret;</title></channel></rss>
        """;

    public static Encoding Windows1252
    {
        get
        {
            Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
            return Encoding.GetEncoding(1252);
        }
    }

    public static Feed Parse(string content, string? contentType = null) => FeedParser.Parse(Encoding.UTF8.GetBytes(content), contentType);

    public static FeedItem ParseSingle(string content) => Assert.Single(Parse(content).Items);

    /// <summary>An RSS 2.0 document around the given item elements.</summary>
    public static string RssWith(string items) => $"""
        <?xml version="1.0" encoding="UTF-8"?>
        <rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:atom="http://www.w3.org/2005/Atom">
          <channel><title>T</title><link>https://t.example/</link><description>D</description>{items}</channel>
        </rss>
        """;

    /// <summary>An Atom document around the given entry elements.</summary>
    public static string AtomWith(string entries) => $"""
        <feed xmlns="http://www.w3.org/2005/Atom"><title>T</title><id>urn:t</id><updated>2006-01-02T00:00:00Z</updated>{entries}</feed>
        """;

    /// <summary>A JSON Feed 1.1 document around the given item objects.</summary>
    public static string JsonWith(string items) =>
        $$"""{"version": "https://jsonfeed.org/version/1.1", "title": "T", "items": [{{items}}]}""";
}
