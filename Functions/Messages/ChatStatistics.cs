using System.Globalization;
using Sift.Storage;

namespace Sift.Messages;

/// <summary>
/// How many messages each chat has, kept without a document that every message of a chat writes:
/// a chat's count is split over <see cref="Shards"/> documents in the chat's own partition, and a
/// message counts in the shard its id picks. Telegram numbers a chat's messages consecutively, so
/// the messages of a busy chat handled at the same time land in different shards and do not race:
/// there are as many shards as messages of a queue an instance has in flight (<c>host.json</c>
/// <c>batchSize</c> 32 + <c>newBatchThreshold</c> 32). With 16, a sustained load of one chat
/// retried 0.63 counts per message (four messages in flight per shard); with 64, 0.12.
/// </summary>
/// <remarks>
/// A message is counted just before it is created, and a shard remembers the ids it counted last;
/// a delivery retried after a crash between the two writes finds its id there and does not count
/// again. Only a retry that comes after <see cref="ChatStatsShard.Remembered"/> newer messages of
/// the same shard (64 × 64 of the chat) could count twice. A shard stays small (64 ids), so counting
/// rewrites little and reading a chat's totals reads as much as it did with 16 shards of 256.
/// </remarks>
public sealed class ChatStatistics(IDocumentStore store)
{
    public const string Collection = "chat-stats";
    public const int Shards = 64;

    public static CollectionDefinition Definition { get; } = new(Collection);

    /// <summary>Counts <paramref name="message"/>, which is not stored yet; counting it again changes nothing.</summary>
    public Task CountAsync(MessageDocument message, CancellationToken cancellationToken)
    {
        var shard = (int)((ulong)message.MessageId % Shards);
        return store.ModifyAsync<ChatStatsShard>(Collection, message.Key.ToString(), shard.ToString(CultureInfo.InvariantCulture),
            stored => (stored ?? ChatStatsShard.Empty(message.Key, shard)).Count(message), cancellationToken);
    }

    /// <summary>The chat's message count and latest message time: one single-partition query of at most <see cref="Shards"/> small documents.</summary>
    public async Task<ChatTotals> ReadAsync(ChatKey chat, CancellationToken cancellationToken)
    {
        var shards = await store.QueryAsync<ChatStatsShard>(Collection, new DocumentQuery { Partition = chat.ToString(), Limit = Shards }, cancellationToken);
        return new ChatTotals(shards.Items.Sum(s => s.Messages), shards.Items.Max(s => s.LastMessageAt));
    }
}

public sealed record ChatTotals(long Messages, DateTimeOffset? LastMessageAt);

/// <summary>One shard of a chat's statistics, with the message ids it counted last.</summary>
public sealed record ChatStatsShard(ChatKey ChatId, int Shard, long Messages, DateTimeOffset? LastMessageAt, IReadOnlyList<long> Recent)
{
    public const int Remembered = 64;

    public static ChatStatsShard Empty(ChatKey chatId, int shard) => new(chatId, shard, 0, null, []);

    /// <returns>The shard with <paramref name="message"/> counted, or null when it was counted already.</returns>
    public ChatStatsShard? Count(MessageDocument message) => Recent.Contains(message.MessageId)
        ? null
        : this with
        {
            Messages = Messages + 1,
            LastMessageAt = LastMessageAt is { } last && last > message.Date ? last : message.Date,
            Recent = [.. Recent.TakeLast(Remembered - 1), message.MessageId],
        };
}
