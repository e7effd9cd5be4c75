namespace Sift.Ingestion.Feeds;

/// <summary>A parsed web feed, the same shape whichever format it came in.</summary>
/// <param name="Format">"rss" (0.9x, 1.0/RDF and 2.0), "atom" or "json".</param>
public sealed record Feed(string Format, string? Title, string? Link, IReadOnlyList<FeedItem> Items);

/// <summary>One entry of a feed. <see cref="Id"/> is stable across fetches; dates are UTC.</summary>
public sealed record FeedItem(
    string Id, string? Title, string? Link, string? Text, string? Author, DateTimeOffset? Published, DateTimeOffset? Updated);

/// <summary>The content is not a feed this parser can read; the message says why.</summary>
public sealed class FeedFormatException(string message) : Exception(message);
