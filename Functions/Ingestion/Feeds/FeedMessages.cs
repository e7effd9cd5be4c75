using System.Text;
using Sift.Messages;

namespace Sift.Ingestion.Feeds;

/// <summary>A feed item as a message of the feed's chat; its id is stable across fetches, so a fetch again finds the same document.</summary>
internal static class FeedMessages
{
    public const int MaxText = 16_000;

    public static MessageDocument ToMessage(Source source, Feed feed, FeedItem item, MessageDocument? existing, DateTimeOffset now)
    {
        var chatId = source.ChatId?.ChatId ?? SourceRegistry.FeedChatId(source.Id);
        var messageId = SourceRegistry.StableHash(item.Id);
        var text = Text(item);
        return new MessageDocument
        {
            Id = MessageDocument.MakeId(new ChatKey(chatId, null), messageId),
            ChatId = chatId,
            MessageId = messageId,
            Date = item.Published ?? item.Updated ?? existing?.Date ?? now,
            Kind = MessageKind.Text,
            Text = text,
            Chat = new ChatInfo(chatId, "feed", feed.Title ?? source.Name, null),
            Sender = item.Author is { } author ? new SenderInfo("author", 0, author, null, false) : null,
            EditDate = EditDate(existing, item, text, now),
            Source = "feed",
            Origin = $"feed{source.Id}",
            StoredAt = now,
            UpdatedAt = now,
        };
    }

    /// <summary>
    /// A changed item is an edit: dated by the feed's own update time when it has one that moved
    /// forward, else by the time the change was seen. An unchanged item keeps the stored version.
    /// </summary>
    private static DateTimeOffset? EditDate(MessageDocument? existing, FeedItem item, string text, DateTimeOffset now) => existing switch
    {
        null => null,
        _ when existing.Text == text || existing.History.Any(v => v.Text == text) => existing.EditDate,
        _ when item.Updated is { } updated && updated > (existing.EditDate ?? existing.Date) => updated,
        _ => now,
    };

    private static string Text(FeedItem item)
    {
        var text = new StringBuilder();
        foreach (var part in new[] { item.Title, item.Text, item.Link })
        {
            if (!string.IsNullOrWhiteSpace(part))
            {
                text.Append(text.Length > 0 ? "\n\n" : "").Append(part.Trim());
            }
        }

        return text.Length > MaxText ? text.ToString(0, MaxText) : text.ToString();
    }
}
