using Microsoft.AspNetCore.Mvc;
using Sift.Api;
using Sift.Messages;
using Sift.Storage;

namespace Sift.Search;

public sealed record SearchParameters
{
    /// <summary>The words to find: 1–500 characters after trimming, at least one letter or digit. Operators, quotes and stars are plain text.</summary>
    [FromQuery(Name = "q")]
    public string? Q { get; init; }

    public ChatKey? ChatId { get; init; }

    /// <summary>Inclusive.</summary>
    public DateTimeOffset? Since { get; init; }

    /// <summary>Exclusive.</summary>
    public DateTimeOffset? Until { get; init; }

    /// <summary>1–50, default 20.</summary>
    public int? Limit { get; init; }

    public const int DefaultLimit = 20;
    public const int MaxLimit = 50;
    public const int MaxQueryLength = 500;

    /// <returns>The trimmed query.</returns>
    /// <exception cref="ValidationException">Each invalid parameter, named.</exception>
    public string Validate()
    {
        var errors = new Dictionary<string, string[]>();
        var query = Q?.Trim() ?? "";
        if (query.Length is 0 or > MaxQueryLength)
        {
            errors["q"] = [$"q is required: 1 to {MaxQueryLength} characters after trimming."];
        }
        else if (SearchTerms.Of(query).Count == 0)
        {
            errors["q"] = ["q must hold at least one letter or digit."];
        }

        if (Limit is < 1 or > MaxLimit)
        {
            errors["limit"] = [$"limit must be between 1 and {MaxLimit}."];
        }

        if (Since >= Until)
        {
            errors["until"] = ["until must be later than since."];
        }

        return errors.Count > 0 ? throw new ValidationException(errors) : query;
    }
}

public sealed record SearchResults(IReadOnlyList<SearchResult> Items);

/// <param name="Score">The fused relevance (reciprocal rank fusion); higher first, comparable within one answer only.</param>
/// <param name="Snippet">The matched words between &lt;mark&gt; and &lt;/mark&gt;, or the opening of the message when it matched by meaning only. Not HTML-escaped.</param>
/// <param name="TextScore">BM25, higher is better; null when no word matched (or on Cosmos DB, which does not return it).</param>
/// <param name="VectorScore">Cosine similarity of the embeddings; null when the message was embedded by another embedder.</param>
public sealed record SearchResult(ChatKey ChatId, long MessageId, DateTimeOffset Date, double Score, string Snippet, double? TextScore, double? VectorScore)
{
    public static SearchResult From(SearchHit hit) =>
        new(ChatKey.Parse(hit.Chat, null), hit.MessageId, hit.Date, hit.Score, hit.Snippet, hit.TextScore, hit.VectorScore);
}
