namespace Sift.Messages;

/// <summary>
/// A chat Sift has seen messages from. It holds only values that are idempotent to apply
/// (the latest message time and the chat details as of that message); counts are queried,
/// never kept as counters a retry could double.
/// </summary>
public sealed record ChatDocument(long Id, string Type, string? Title, string? Username, DateTimeOffset FirstSeenAt, DateTimeOffset LastMessageAt)
{
    public static ChatDocument From(MessageDocument message, DateTimeOffset now) =>
        new(message.ChatId, message.Chat.Type, message.Chat.Title, message.Chat.Username, now, message.Date);

    /// <returns>The chat updated by <paramref name="message"/>, or null when it changes nothing.</returns>
    public ChatDocument? Apply(MessageDocument message)
    {
        if (message.Date < LastMessageAt)
        {
            return null;
        }

        var updated = this with { Type = message.Chat.Type, Title = message.Chat.Title, Username = message.Chat.Username, LastMessageAt = message.Date };
        return updated == this ? null : updated;
    }
}
