using Sift.Messages;

namespace Sift.Telegram.Mapping;

internal static class ForwardMapping
{
    public static ForwardInfo? From(Message message) =>
        message.ForwardOrigin is { } origin ? FromOrigin(origin) : FromLegacyFields(message);

    // Each origin type fills exactly one of sender_user / sender_user_name / sender_chat / chat, so
    // one expression serves all four and keeps what it can of an origin type added later.
    private static ForwardInfo FromOrigin(MessageOrigin origin) => new(
        origin.Type ?? "unknown",
        UnixTime.ToDate(origin.Date),
        FromId: origin.SenderUser?.Id ?? origin.SenderChat?.Id ?? origin.Chat?.Id,
        FromName: TelegramNames.Of(origin.SenderUser) ?? origin.SenderUserName
            ?? TelegramNames.Of(origin.SenderChat) ?? TelegramNames.Of(origin.Chat),
        ChatId: origin.Chat?.Id,
        MessageId: origin.MessageId);

    // Bot API before 7.0 (and exports made with it) described forwards with flat forward_* fields.
    private static ForwardInfo? FromLegacyFields(Message message)
    {
        var date = UnixTime.ToDate(message.ForwardDate);
        if (message.ForwardFromChat is { } chat)
        {
            var isChannel = chat.Type == "channel";
            return new ForwardInfo(
                isChannel ? "channel" : "chat", date, chat.Id, TelegramNames.Of(chat),
                isChannel ? chat.Id : null, isChannel ? message.ForwardFromMessageId : null);
        }
        if (message.ForwardFrom is { } user)
            return new ForwardInfo("user", date, user.Id, TelegramNames.Of(user), null, null);
        if (message.ForwardSenderName is { } name)
            return new ForwardInfo("hidden_user", date, null, name, null, null);
        return date is null ? null : new ForwardInfo("unknown", date, null, null, null, null);
    }
}
