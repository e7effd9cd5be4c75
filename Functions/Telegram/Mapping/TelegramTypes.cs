namespace Sift.Telegram.Mapping;

// Only the Bot API fields Sift reads; the serializer skips the rest. Telegram's string "enums"
// (chat type, entity type, origin type, sticker type) stay strings so that a value added by a
// later Bot API version still parses. Nothing is required at this level: UpdateMapper checks the
// few fields a stored message cannot do without, with a clear reason when one is missing.

internal sealed record Message(
    long MessageId,
    long Date,
    Chat Chat,
    long? MessageThreadId = null,
    User? From = null,
    Chat? SenderChat = null,
    RepliedMessage? ReplyToMessage = null,
    long? EditDate = null,
    MessageOrigin? ForwardOrigin = null,
    User? ForwardFrom = null,
    Chat? ForwardFromChat = null,
    long? ForwardFromMessageId = null,
    string? ForwardSenderName = null,
    long? ForwardDate = null,
    string? Text = null,
    IReadOnlyList<MessageEntity>? Entities = null,
    string? Caption = null,
    IReadOnlyList<MessageEntity>? CaptionEntities = null,
    Animation? Animation = null,
    IReadOnlyList<PhotoSize>? Photo = null,
    Video? Video = null,
    VideoNote? VideoNote = null,
    Document? Document = null,
    Sticker? Sticker = null,
    Voice? Voice = null,
    Audio? Audio = null,
    Story? Story = null,
    Poll? Poll = null,
    Venue? Venue = null,
    Location? Location = null,
    Contact? Contact = null,
    Dice? Dice = null,
    Game? Game = null,
    Invoice? Invoice = null,
    Giveaway? Giveaway = null);

/// <summary>Only the id: a replied-to message is stored when it arrives itself.</summary>
internal sealed record RepliedMessage(long MessageId);

internal sealed record Chat(
    long Id, string? Type = null, string? Title = null, string? Username = null,
    string? FirstName = null, string? LastName = null, bool? IsForum = null);

internal sealed record User(
    long Id, bool IsBot = false, string? FirstName = null, string? LastName = null, string? Username = null,
    string? LanguageCode = null);

internal sealed record MessageEntity(
    string? Type, int Offset, int Length, string? Url = null, User? User = null, string? Language = null,
    string? CustomEmojiId = null);

/// <summary>
/// The four Bot API origin types (user, hidden_user, chat, channel) in one flat record: a
/// polymorphic hierarchy would refuse an origin type added later.
/// </summary>
internal sealed record MessageOrigin(
    string? Type, long? Date = null, User? SenderUser = null, string? SenderUserName = null,
    Chat? SenderChat = null, Chat? Chat = null, long? MessageId = null, string? AuthorSignature = null);
