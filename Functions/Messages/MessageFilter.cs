using System.Text.Json;
using Sift.Analysis;
using Sift.Api;
using Sift.Storage;

namespace Sift.Messages;

/// <summary>What a message list is narrowed to; every part is optional and they combine.</summary>
/// <param name="Class">Only messages analysed into this class.</param>
/// <param name="ImportanceMin">Only messages analysed at least this important (0..1).</param>
/// <param name="TopicId">Only messages with this among their top topics.</param>
/// <param name="Text">Only messages whose text contains this, ignoring case.</param>
public sealed record MessageFilter(
    ChatKey? ChatId = null, DateTimeOffset? Since = null, DateTimeOffset? Until = null, MessageClass? Class = null, double? ImportanceMin = null,
    string? TopicId = null, string? Text = null)
{
    public const int MaxTextLength = 200;

    /// <summary>The longest time range <c>q</c> reads across chats: it has no index, so it reads every message's text in scope.</summary>
    public static readonly TimeSpan MaxTextRange = TimeSpan.FromDays(31);

    /// <summary>The query's filter from the request's parameters, refusing (400) what cannot match anything sensibly.</summary>
    public static MessageFilter From(MessageListQuery query)
    {
        if (query.ImportanceMin is < 0 or > 1 || query.ImportanceMin is { } least && double.IsNaN(least))
        {
            throw new ValidationException("importanceMin", "importanceMin must be between 0 and 1.");
        }

        if (query.Q is { } q && (q.Trim().Length == 0 || q.Length > MaxTextLength))
        {
            throw new ValidationException("q", $"q must hold 1 to {MaxTextLength} characters besides spaces.");
        }

        if (query.Q is not null && query.ChatId is null && !(query.Since is { } since && query.Until is { } until && until - since <= MaxTextRange))
        {
            throw new ValidationException("q",
                $"q reads the text of every message in scope, without an index: give a chatId, or since and until at most {MaxTextRange.TotalDays:0} days apart (GET /api/search finds words in every chat).");
        }

        if (query.TopicId is { Length: 0 or > 100 })
        {
            throw new ValidationException("topicId", "topicId must be 1 to 100 characters.");
        }

        return new MessageFilter(query.ChatId, query.Since, query.Until, EnumQuery.Parse<MessageClass>(query.Class, "class"), query.ImportanceMin, query.TopicId, query.Q?.Trim());
    }
}

/// <summary>The query string of <c>GET /api/messages</c>.</summary>
public sealed record MessageListQuery
{
    public ChatKey? ChatId { get; init; }

    public DateTimeOffset? Since { get; init; }

    public DateTimeOffset? Until { get; init; }

    [System.ComponentModel.Description("One of high_quality, signal, low_quality, noise, spam.")]
    public string? Class { get; init; }

    [System.ComponentModel.Description("0..1: only messages at least this important.")]
    public double? ImportanceMin { get; init; }

    public string? TopicId { get; init; }

    [System.ComponentModel.Description("Text the message contains, ignoring case (at most 200 characters); needs chatId, or since and until at most 31 days apart.")]
    public string? Q { get; init; }

    public int? Limit { get; init; }

    public string? Continuation { get; init; }
}
