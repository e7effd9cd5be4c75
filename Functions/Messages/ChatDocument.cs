namespace Sift.Messages;

/// <summary>
/// A chat Sift has seen messages from, in the one <c>chats</c> partition so chats list in a single
/// query. It holds only values that are idempotent to apply (the chat details as of the latest
/// message, and when the chat was last active) and is written rarely: when the details change or
/// the chat's activity moves on by <see cref="ActivityResolution"/>, so the messages of a busy chat
/// do not all write it. Message counts live in <see cref="ChatStatistics"/>.
/// </summary>
public sealed record ChatDocument(ChatKey Id, string Type, string? Title, string? Username, DateTimeOffset FirstSeenAt, DateTimeOffset LastMessageAt)
{
    /// <summary>How far behind the latest message <see cref="LastMessageAt"/> (the chats list's order) may fall.</summary>
    public static readonly TimeSpan ActivityResolution = TimeSpan.FromMinutes(1);

    public static ChatDocument From(MessageDocument message, DateTimeOffset now) =>
        new(message.Key, message.Chat.Type, message.Chat.Title, message.Chat.Username, now, message.Date);

    /// <returns>The chat updated by <paramref name="message"/>, or null when it need not change.</returns>
    public ChatDocument? Apply(MessageDocument message)
    {
        if (message.Date < LastMessageAt)
        {
            return null;
        }

        var details = this with { Type = message.Chat.Type, Title = message.Chat.Title, Username = message.Chat.Username };
        return details != this || message.Date - LastMessageAt >= ActivityResolution ? details with { LastMessageAt = message.Date } : null;
    }
}
