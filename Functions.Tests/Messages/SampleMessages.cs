using Sift.Messages;

namespace Sift.Tests.Messages;

/// <summary>Stored-message documents for tests that save straight through the one save path.</summary>
internal static class SampleMessages
{
    /// <summary>A text message <c>message {messageId}</c> from Alice in the group <paramref name="title"/>.</summary>
    public static MessageDocument Text(long chatId, long messageId, DateTimeOffset date, string title = "Team") => new()
    {
        Id = MessageDocument.MakeId(new ChatKey(chatId, null), messageId),
        ChatId = chatId,
        MessageId = messageId,
        Date = date,
        Kind = MessageKind.Text,
        Text = $"message {messageId}",
        Chat = new ChatInfo(chatId, "group", title, null),
        Sender = new SenderInfo("user", 1, "Alice", "alice", false),
        Source = "test",
    };
}
