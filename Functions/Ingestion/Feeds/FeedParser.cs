using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Xml;
using System.Xml.Linq;

namespace Sift.Ingestion.Feeds;

/// <summary>Reads RSS, Atom and JSON Feed documents into one <see cref="Feed"/> shape.</summary>
public static partial class FeedParser
{
    /// <summary>The size limit for a feed, in characters (XML) or bytes (JSON).</summary>
    public const int MaxDocumentLength = 20_000_000;

    /// <summary>
    /// How deep elements may nest. Feeds nest a handful of levels; loading a much deeper document costs
    /// the square of its depth and reading its text recursed once per level (200,000 nested
    /// <c>&lt;b&gt;</c> took minutes of CPU, then overflowed the stack). JSON feeds have the same
    /// limit, <see cref="JsonDocumentOptions.MaxDepth"/>'s default.
    /// </summary>
    public const int MaxDepth = 64;

    private static readonly JsonDocumentOptions JsonOptions = new()
    {
        AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip, MaxDepth = MaxDepth,
    };

    // Feeds still declare windows-1252, ISO-8859-x and the like; .NET Core reads only the
    // Unicode encodings unless the code-page provider is registered.
    static FeedParser() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    /// <summary>
    /// Detects the format from the content (not only the content type, which servers often get wrong),
    /// parses it, and throws FeedFormatException with a clear reason for anything that is not a feed
    /// (malformed XML with line/position, unknown root element, JSON that is not a JSON Feed, empty body).
    /// </summary>
    /// <param name="contentType">Used only to explain a failure; the content decides the format.</param>
    public static Feed Parse(ReadOnlySpan<byte> content, string? contentType)
    {
        var servedAs = string.IsNullOrWhiteSpace(contentType) ? "" : $" (served as {contentType.Trim()})";
        var sniffed = FeedSniffer.Sniff(content, servedAs);
        return sniffed.Kind == FeedSniffer.Kind.Json
            ? ParseJson(content[sniffed.Start..])
            : ParseXml(content[sniffed.Start..], sniffed.SkippedLines, servedAs);
    }

    private static Feed ParseJson(ReadOnlySpan<byte> json)
    {
        if (json.Length > MaxDocumentLength)
        {
            throw new FeedFormatException($"The JSON is larger than the limit of {MaxDocumentLength:N0} bytes.");
        }
        try
        {
            using var document = JsonDocument.Parse(json.ToArray(), JsonOptions);
            return JsonFeedReader.Read(document.RootElement);
        }
        catch (JsonException e)
        {
            throw new FeedFormatException(
                $"The content is not valid JSON (line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1}): {e.Message}");
        }
    }

    private static Feed ParseXml(ReadOnlySpan<byte> xml, int skippedLines, string servedAs)
    {
        var root = LoadXml(xml, skippedLines).Root!;
        var name = root.Name;
        if (name.LocalName == "rss")
        {
            return RssFeedReader.ReadRss(root);
        }
        if (name == FeedXml.Rdf + "RDF")
        {
            return RssFeedReader.ReadRdf(root);
        }
        if (name == FeedXml.Atom + "feed")
        {
            return AtomFeedReader.Read(root);
        }
        if (name.LocalName == "feed")
        {
            throw new FeedFormatException(
                $"The <feed> element is in namespace '{name.NamespaceName}', not Atom 1.0's {FeedXml.Atom.NamespaceName}.");
        }
        if (name.LocalName.Equals("html", StringComparison.OrdinalIgnoreCase))
        {
            throw new FeedFormatException($"The content{servedAs} is an HTML page, not a feed.");
        }
        throw new FeedFormatException(
            $"The XML root element <{name.LocalName}>{(name.Namespace == XNamespace.None ? "" : $" (namespace {name.NamespaceName})")} "
            + "is not a feed; expected <rss>, <rdf:RDF> or Atom <feed>.");
    }

    private static XDocument LoadXml(ReadOnlySpan<byte> xml, int skippedLines)
    {
        var settings = new XmlReaderSettings
        {
            DtdProcessing = DtdProcessing.Prohibit, // entity expansion ("billion laughs") and external entities
            XmlResolver = null,
            MaxCharactersInDocument = MaxDocumentLength,
            CheckCharacters = false, // feeds write references such as &#1; that XML forbids; the text cleanup drops them
            IgnoreComments = true,
            IgnoreProcessingInstructions = true,
        };
        var bytes = xml.ToArray();
        try
        {
            CheckDepth(bytes, settings, skippedLines);
            using var reader = XmlReader.Create(new MemoryStream(bytes, writable: false), settings);
            return XDocument.Load(reader);
        }
        catch (XmlException e)
        {
            throw new FeedFormatException(Explain(e, skippedLines));
        }
    }

    /// <summary>
    /// Reads the document once without building it, stopping at the first element deeper than
    /// <see cref="MaxDepth"/>: the reader alone costs what the document's length does, so the
    /// document is built only when it is shallow enough to build cheaply.
    /// </summary>
    private static void CheckDepth(byte[] xml, XmlReaderSettings settings, int skippedLines)
    {
        using var reader = XmlReader.Create(new MemoryStream(xml, writable: false), settings);
        while (reader.Read())
        {
            if (reader.NodeType == XmlNodeType.Element && reader.Depth >= MaxDepth)
            {
                var line = ((IXmlLineInfo)reader).LineNumber + skippedLines;
                throw new FeedFormatException($"The XML nests elements more than {MaxDepth} deep (at line {line}); a feed needs a handful of levels.");
            }
        }
    }

    // XmlException carries no error code, so its (English, under invariant globalization) message is
    // the only way to tell a prohibited DTD or the size limit from malformed XML.
    private static string Explain(XmlException e, int skippedLines) =>
        e.Message.Contains("DTD", StringComparison.Ordinal)
            ? "DTDs are not allowed in feeds: a <!DOCTYPE> can expand entities without bound or fetch external files."
            : e.Message.Contains(nameof(XmlReaderSettings.MaxCharactersInDocument), StringComparison.Ordinal)
                ? $"The XML is larger than the limit of {MaxDocumentLength:N0} characters."
                : $"The content is not well-formed XML at line {e.LineNumber + skippedLines}, position {e.LinePosition}: {LineInfo().Replace(e.Message, "")}";

    // XmlException repeats the position at the end of its message; the message above states it once,
    // corrected for any blank lines skipped before the XML declaration.
    [GeneratedRegex(@"\s*Line \d+, position \d+\.\s*$")]
    private static partial Regex LineInfo();
}
