using System.Globalization;
using Sift.Api;
using Sift.Storage;

namespace Sift.Messages;

public enum SaveOutcome { Created, Updated, Unchanged }

/// <summary>
/// The one save path for messages from every source. Safe to run twice and concurrently with
/// itself: creation relies on create-if-absent, changes on replace-with-ETag, and a lost race is
/// simply read again and merged. A new message is counted in its chat's statistics just before it
/// is created (see <see cref="ChatStatistics"/>), so no message is counted twice or missed.
/// </summary>
public sealed class MessageStore(IDocumentStore store, ChatStatistics statistics, TimeProvider clock)
{
    public const string Messages = "messages";
    public const string Chats = "chats";
    private const string ChatsPartition = "chats";

    public static IEnumerable<CollectionDefinition> Collections =>
    [
        new(Messages, SortFields: ["date"], FilterFields: []),
        new(Chats, SortFields: ["lastMessageAt"], FilterFields: []),
        ChatStatistics.Definition,
    ];

    public async Task<SaveOutcome> SaveAsync(MessageDocument incoming, CancellationToken cancellationToken)
    {
        var partition = Partition(incoming.ChatId);
        var stored = await store.GetAsync<MessageDocument>(Messages, partition, incoming.Id, cancellationToken);
        if (stored is null)
        {
            await statistics.CountAsync(incoming, cancellationToken);
            try
            {
                var created = await store.CreateAsync(Messages, partition, incoming.Id, MessageHistory.First(incoming, clock.GetUtcNow()), cancellationToken);
                await TouchChatAsync(created.Value, cancellationToken);
                return SaveOutcome.Created;
            }
            catch (DocumentConflictException)
            {
                // Another delivery of the same message created it first: merge into what it stored.
            }
        }

        // Messages are never deleted, so the document read here exists.
        var saved = await store.ModifyAsync<MessageDocument>(Messages, partition, incoming.Id, current => current is null
            ? MessageHistory.First(incoming, clock.GetUtcNow())
            : MessageHistory.Merge(current, incoming, clock.GetUtcNow()), cancellationToken, stored);

        // Also on Unchanged: a redelivery heals a crash between saving the message and its chat.
        await TouchChatAsync(saved.Value!, cancellationToken);
        return saved.Outcome switch
        {
            ModifyOutcome.Created => SaveOutcome.Created,
            ModifyOutcome.Updated => SaveOutcome.Updated,
            _ => SaveOutcome.Unchanged,
        };
    }

    public async Task<MessageDocument> GetAsync(long chatId, long messageId, CancellationToken cancellationToken) =>
        await FindAsync(chatId, messageId, cancellationToken) ?? throw new NotFoundException($"Message {messageId} of chat {chatId} was not found.");

    public async Task<MessageDocument?> FindAsync(long chatId, long messageId, CancellationToken cancellationToken) =>
        (await store.GetAsync<MessageDocument>(Messages, Partition(chatId), MessageDocument.MakeId(chatId, messageId), cancellationToken))?.Value;

    /// <summary>Newest first; <paramref name="since"/> is inclusive, <paramref name="until"/> exclusive.</summary>
    public Task<Page<MessageDocument>> ListAsync(long? chatId, DateTimeOffset? since, DateTimeOffset? until, int limit, string? continuation, CancellationToken cancellationToken) =>
        store.QueryAsync<MessageDocument>(Messages, new DocumentQuery
        {
            Partition = chatId is { } id ? Partition(id) : null,
            SortField = "date",
            From = since is { } from ? UtcTimestampConverter.ToText(from) : null,
            Until = until is { } to ? UtcTimestampConverter.ToText(to) : null,
            Limit = limit,
            Continuation = continuation,
        }, cancellationToken);

    public async Task<Page<ChatSummary>> ListChatsAsync(int limit, string? continuation, CancellationToken cancellationToken)
    {
        var page = await store.QueryAsync<ChatDocument>(Chats,
            new DocumentQuery { Partition = ChatsPartition, SortField = "lastMessageAt", Limit = limit, Continuation = continuation }, cancellationToken);
        var items = new List<ChatSummary>(page.Items.Count);
        foreach (var chat in page.Items)
        {
            var totals = await statistics.ReadAsync(chat.Id, cancellationToken);
            items.Add(new ChatSummary(chat.Id, chat.Type, chat.Title, chat.Username, totals.Messages, chat.FirstSeenAt, totals.LastMessageAt ?? chat.LastMessageAt));
        }

        return new Page<ChatSummary>(items, page.Continuation);
    }

    private async Task TouchChatAsync(MessageDocument message, CancellationToken cancellationToken) =>
        await store.ModifyAsync<ChatDocument>(Chats, ChatsPartition, Partition(message.ChatId),
            chat => chat is null ? ChatDocument.From(message, clock.GetUtcNow()) : chat.Apply(message), cancellationToken);

    private static string Partition(long chatId) => chatId.ToString(CultureInfo.InvariantCulture);
}

public sealed record ChatSummary(long Id, string Type, string? Title, string? Username, long MessageCount, DateTimeOffset FirstSeenAt, DateTimeOffset LastMessageAt);
