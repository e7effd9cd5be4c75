using System.Text.Json;
using Sift.Messages;

namespace Sift.Telegram.Mapping;

internal static class MessageMapper
{
    /// <param name="raw">The same message as JSON, for service fields Sift has no wire type for.</param>
    /// <exception cref="MalformedUpdateException">The chat id is outside Telegram's ranges: no bot or export could have numbered it.</exception>
    public static MessageDocument ToDocument(Message message, JsonElement raw, Delivery delivery, DateTimeOffset now)
    {
        if (!TelegramIds.IsChat(message.Chat.Id))
        {
            throw new MalformedUpdateException(TelegramIds.Describe(message.Chat.Id));
        }

        var (kind, serviceAction) = MessageKinds.Detect(message, raw);
        var key = ChatKey.Numbered(message.Chat.Id, delivery.Account);
        return new MessageDocument
        {
            Id = MessageDocument.MakeId(key, message.MessageId),
            ChatId = message.Chat.Id,
            Account = key.Account,
            MessageId = message.MessageId,
            Date = UnixTime.ToDate(message.Date) ?? throw new MalformedUpdateException("date is not a unix time."),
            Kind = kind,
            Text = message.Text ?? message.Caption ?? message.Poll?.Question,
            Chat = new ChatInfo(message.Chat.Id, message.Chat.Type ?? "unknown", TelegramNames.Of(message.Chat), message.Chat.Username),
            Sender = ToSender(message),
            Entities = ToEntities(message.Entities ?? message.CaptionEntities),
            ReplyToMessageId = message.ReplyToMessage?.MessageId,
            Forward = ForwardMapping.From(message),
            ThreadId = message.MessageThreadId,
            Media = MediaMapping.From(message, kind),
            ServiceAction = serviceAction,
            EditDate = UnixTime.ToDate(message.EditDate),
            EditCount = 0,
            History = [],
            Source = delivery.Source,
            Origin = delivery.Origin,
            StoredAt = now,
            UpdatedAt = now,
        };
    }

    // sender_chat wins over from: when a message is sent on behalf of a chat (anonymous admin,
    // linked channel), Telegram fills from with a placeholder bot for older clients.
    private static SenderInfo? ToSender(Message message) =>
        message.SenderChat is { } chat ? new SenderInfo("chat", chat.Id, TelegramNames.Of(chat), chat.Username, false)
        : message.From is { } user ? new SenderInfo("user", user.Id, TelegramNames.Of(user), user.Username, user.IsBot)
        : null;

    private static TextEntity[] ToEntities(IReadOnlyList<MessageEntity>? entities) =>
        entities is null ? [] :
        [
            .. entities.Select(e => new TextEntity(e.Type ?? "unknown", e.Offset, e.Length, e.Url, e.User?.Id, e.Language)),
        ];
}
