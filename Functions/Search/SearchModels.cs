using System.ComponentModel;
using Sift.Analysis;
using Sift.Api;
using Sift.Messages;
using Sift.Storage;

namespace Sift.Search;

public sealed record SearchParameters
{
    /// <summary>The words to find: 1–500 characters after trimming, at least one letter or digit. Operators, quotes and stars are plain text.</summary>
    public string? Q { get; init; }

    public ChatKey? ChatId { get; init; }

    /// <summary>Inclusive.</summary>
    public DateTimeOffset? Since { get; init; }

    /// <summary>Exclusive.</summary>
    public DateTimeOffset? Until { get; init; }

    [Description("Classes to include: any of high_quality, signal, low_quality, noise, spam, repeated (class=spam&class=noise) or comma-separated (class=spam,noise). " +
        "Default: all but spam and noise.")]
    public string[]? Class { get; init; }

    [Description("Only messages from this sender (the sender's Telegram id).")]
    public long? SenderId { get; init; }

    [Description("Only messages with this among their top topics.")]
    public string? TopicId { get; init; }

    /// <summary>1–50, default 20.</summary>
    public int? Limit { get; init; }

    [Description("From the previous page, with the same q and filters. Pages reach the 100th hit at most.")]
    public string? Continuation { get; init; }

    public const int DefaultLimit = 20;
    public const int MaxLimit = 50;
    public const int MaxQueryLength = 500;

    /// <summary>What a search shows unless asked: everything but spam and noise, and entries whose class is not known yet.</summary>
    public static readonly IReadOnlyList<string> DefaultClasses = ["high_quality", "signal", "low_quality", ""];

    /// <returns>The trimmed query and the classes to include, in a fixed order.</returns>
    /// <exception cref="ValidationException">Each invalid parameter, named.</exception>
    public (string Query, IReadOnlyList<string> Classes) Validate()
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

        if (TopicId is { Length: 0 or > 100 })
        {
            errors["topicId"] = ["topicId must be 1 to 100 characters."];
        }

        var classes = DefaultClasses;
        try
        {
            if (Class is { Length: > 0 } asked)
            {
                classes = asked.SelectMany(value => value.Split(',', StringSplitOptions.TrimEntries))
                    .Select(name => EnumQuery.Name(EnumQuery.Parse<MessageClass>(name, "class")!.Value)).Distinct().Order(StringComparer.Ordinal).ToList();
            }
        }
        catch (ValidationException e)
        {
            errors["class"] = [.. e.Errors["class"]];
        }

        return errors.Count > 0 ? throw new ValidationException(errors) : (query, classes);
    }
}

/// <param name="Continuation">Pass it back with the same parameters for the next page; null on the last page.</param>
public sealed record SearchResults(IReadOnlyList<SearchResult> Items, string? Continuation);

/// <param name="Score">The fused relevance (reciprocal rank fusion); higher first, comparable within one answer only.</param>
/// <param name="Snippet">HTML: the message's text escaped, with the matched words between &lt;mark&gt; and &lt;/mark&gt; (the only markup), or the opening of the message when it matched by meaning only.</param>
/// <param name="TextScore">BM25, higher is better; null when no word matched (or on Cosmos DB, which does not return it).</param>
/// <param name="VectorScore">Cosine similarity of the embeddings; null when the message was embedded by another embedder.</param>
/// <param name="Class">The message's class when it was indexed; null when not known.</param>
/// <param name="Sender">Who wrote it, when known.</param>
/// <param name="ChatTitle">The chat's title as its latest message gave it; null for a private chat or one never described.</param>
public sealed record SearchResult(
    ChatKey ChatId, long MessageId, DateTimeOffset Date, double Score, string Snippet, double? TextScore, double? VectorScore,
    MessageClass? Class, SearchSender? Sender, string? ChatTitle)
{
    public static SearchResult From(SearchHit hit, string? chatTitle) =>
        new(ChatKey.Parse(hit.Chat, null), hit.MessageId, hit.Date, hit.Score, hit.Snippet, hit.TextScore, hit.VectorScore,
            EnumQuery.Names<MessageClass>().Where(n => n.Name == hit.Class).Select(n => (MessageClass?)n.Member).FirstOrDefault(),
            hit.SenderId is { } id ? new SearchSender(id, hit.Sender) : null, chatTitle);
}

/// <param name="Id">The sender's Telegram id (a user, or a chat posting as itself).</param>
public sealed record SearchSender(long Id, string? Name);
