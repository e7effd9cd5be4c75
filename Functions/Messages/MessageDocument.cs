using Sift.Analysis;
using Sift.Analysis.Labels;

namespace Sift.Messages;

/// <summary>
/// One stored message, whatever delivered it (webhook, polling, export, feed).
/// Id is <c>{chat key}:{messageId}</c> and the partition is the chat key (<see cref="ChatKey"/>), so
/// an edit or a redelivery always lands on the same document, and the same number given by two
/// accounts in their own private chats or basic groups lands on two.
/// </summary>
public sealed record MessageDocument
{
    public required string Id { get; init; }
    /// <summary>Telegram's chat id (or a feed's).</summary>
    public required long ChatId { get; init; }

    /// <summary>The account that numbered the message where numbering is per account (private chats, basic groups), else null.</summary>
    public string? Account { get; init; }
    public required long MessageId { get; init; }
    public required DateTimeOffset Date { get; init; }
    public required MessageKind Kind { get; init; }
    public string? Text { get; init; }
    public required ChatInfo Chat { get; init; }
    public SenderInfo? Sender { get; init; }
    public IReadOnlyList<TextEntity> Entities { get; init; } = [];
    public long? ReplyToMessageId { get; init; }
    public ForwardInfo? Forward { get; init; }
    public long? ThreadId { get; init; }
    public MediaInfo? Media { get; init; }

    /// <summary>For <see cref="MessageKind.Service"/> messages: what happened (e.g. <c>new_chat_members</c>).</summary>
    public string? ServiceAction { get; init; }

    /// <summary>Edit time of the text this document holds; null while only the original was seen.</summary>
    public DateTimeOffset? EditDate { get; init; }
    public int EditCount { get; init; }

    /// <summary>Earlier versions, oldest first, bounded to <see cref="MessageHistory.MaxVersions"/>.</summary>
    public IReadOnlyList<MessageVersion> History { get; init; } = [];

    /// <summary>What delivered the message first (e.g. <c>telegram-webhook</c>).</summary>
    public required string Source { get; init; }

    /// <summary>
    /// Whose copy this is: <c>telegram</c> for what bots receive (webhook or polling, every bot's copy
    /// the same), <c>export{sourceId}</c> for an export source, <c>feed{sourceId}</c> for a feed. A copy
    /// from another origin never replaces it (<see cref="SaveOutcome.Refused"/>). Documents stored
    /// before origins were recorded read as <c>telegram</c>.
    /// </summary>
    public string Origin { get; init; } = TelegramOrigin;

    public const string TelegramOrigin = "telegram";
    public DateTimeOffset StoredAt { get; init; }

    /// <summary>
    /// Correlation id (the webhook request's trace id) of the delivery that created the document or
    /// brought its current text; an older version arriving late only adds to the history and keeps it.
    /// Null for deliveries without one (polling, exports, feeds).
    /// </summary>
    public string? CorrelationId { get; init; }
    public DateTimeOffset UpdatedAt { get; init; }

    /// <summary>The analysis of the current text; null until it is analysed, and again when the text changes.</summary>
    public MessageAnalysis? Analysis { get; init; }

    /// <summary>A person's class for the message, which its analysis shows over the model's; null when nobody labelled it.</summary>
    public MessageLabel? Label { get; init; }

    [System.Text.Json.Serialization.JsonIgnore]
    public ChatKey Key => new(ChatId, Account);

    public static string MakeId(ChatKey chat, long messageId) => $"{chat}:{messageId}";
}

public enum MessageKind
{
    Text, Photo, Video, VideoNote, Animation, Document, Sticker, Voice, Audio, Poll, Location, Venue,
    Contact, Dice, Game, Invoice, Story, Giveaway, Service, Other,
}

public sealed record ChatInfo(long Id, string Type, string? Title, string? Username);

/// <summary>A user (<c>from</c>) or, for anonymous admins and channel posts, a chat (<c>sender_chat</c>).</summary>
public sealed record SenderInfo(string Type, long Id, string? Name, string? Username, bool IsBot);

public sealed record TextEntity(string Type, int Offset, int Length, string? Url = null, long? UserId = null, string? Language = null);

/// <summary>Where a forwarded message came from (Bot API <c>forward_origin</c>, or the older <c>forward_*</c> fields).</summary>
public sealed record ForwardInfo(string Type, DateTimeOffset? Date, long? FromId, string? FromName, long? ChatId, long? MessageId);

/// <summary>Telegram file references; the files themselves are not downloaded.</summary>
public sealed record MediaInfo(
    string FileId, string? FileUniqueId, string? FileName = null, string? MimeType = null, long? FileSize = null,
    int? Width = null, int? Height = null, int? Duration = null);

public sealed record MessageVersion(string? Text, DateTimeOffset? EditDate);
