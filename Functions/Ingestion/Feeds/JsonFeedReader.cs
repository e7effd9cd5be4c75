using System.Text.Json;

namespace Sift.Ingestion.Feeds;

/// <summary>JSON Feed 1.1 and 1.0 (https://www.jsonfeed.org/version/1.1/).</summary>
internal static class JsonFeedReader
{
    public static Feed Read(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new FeedFormatException($"The JSON is not a JSON Feed: its top level is {Describe(root.ValueKind)}, not an object.");
        }
        var version = String(root, "version");
        if (version is null
            || !(version.StartsWith("https://jsonfeed.org/version/", StringComparison.OrdinalIgnoreCase)
                 || version.StartsWith("http://jsonfeed.org/version/", StringComparison.OrdinalIgnoreCase)))
        {
            throw new FeedFormatException("The JSON is not a JSON Feed: it has no \"version\" of the form https://jsonfeed.org/version/1.1.");
        }
        if (!root.TryGetProperty("items", out var items) || items.ValueKind != JsonValueKind.Array)
        {
            throw new FeedFormatException("The JSON Feed has no \"items\" array.");
        }
        // JSON Feed 1.1: an item without authors has the feed's.
        var feedAuthor = AuthorName(root);
        return new Feed(
            "json",
            FeedText.Line(String(root, "title")),
            FeedText.Trimmed(String(root, "home_page_url")),
            [.. items.EnumerateArray().Where(item => item.ValueKind == JsonValueKind.Object).Select(item => ReadItem(item, feedAuthor))]);
    }

    private static FeedItem ReadItem(JsonElement item, string? feedAuthor)
    {
        var url = FeedText.Trimmed(String(item, "url"));
        var title = String(item, "title");
        var published = String(item, "date_published");
        var contentText = String(item, "content_text");
        var contentHtml = String(item, "content_html");
        var summary = String(item, "summary");

        return new FeedItem(
            ItemIds.Pick(Id(item), url, title, published, contentText ?? contentHtml ?? summary),
            FeedText.Line(title),
            url,
            FeedText.FromPlain(contentText) ?? FeedText.FromHtml(contentHtml) ?? FeedText.FromPlain(summary),
            AuthorName(item) ?? feedAuthor,
            FeedDates.Parse(published),
            FeedDates.Parse(String(item, "date_modified")));
    }

    /// <summary>JSON Feed 1.0 allowed numeric ids; their JSON text is the id ("42", not 42.0).</summary>
    private static string? Id(JsonElement item) =>
        item.TryGetProperty("id", out var id) && id.ValueKind is JsonValueKind.String or JsonValueKind.Number
            ? id.ValueKind == JsonValueKind.String ? id.GetString() : id.GetRawText()
            : null;

    /// <summary>The first named author of 1.1's "authors", else 1.0's "author".</summary>
    private static string? AuthorName(JsonElement parent)
    {
        if (parent.TryGetProperty("authors", out var authors) && authors.ValueKind == JsonValueKind.Array)
        {
            foreach (var author in authors.EnumerateArray())
            {
                if (author.ValueKind == JsonValueKind.Object && FeedText.Trimmed(String(author, "name")) is { } name)
                {
                    return name;
                }
            }
        }
        return parent.TryGetProperty("author", out var single) && single.ValueKind == JsonValueKind.Object
            ? FeedText.Trimmed(String(single, "name"))
            : null;
    }

    /// <summary>A string property; a value of another type is treated as absent rather than failing the feed.</summary>
    private static string? String(JsonElement parent, string name) =>
        parent.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        _ => "null",
    };
}
