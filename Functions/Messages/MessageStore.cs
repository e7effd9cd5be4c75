using Sift.Analysis;
using Sift.Api;
using Sift.Events;
using Sift.Hosting;
using Sift.Storage;

namespace Sift.Messages;

/// <summary>What saving a copy of a message did; <see cref="Refused"/>: another origin's copy is stored, and stays as it is.</summary>
public enum SaveOutcome { Created, Updated, Unchanged, Refused }

/// <summary>
/// The one save path for messages from every source. Safe to run twice and concurrently with
/// itself: creation relies on create-if-absent, changes on replace-with-ETag, and a lost race is
/// simply read again and merged. A new message is counted in its chat's statistics just before it
/// is created (see <see cref="ChatStatistics"/>), so no message is counted twice or missed.
/// A message that is new or whose text changed is queued for analysis (and so is the message it
/// replies to, whose reply count changed); a redelivery of one not yet analysed queues it again,
/// which heals a crash between the save and the send. A copy from another origin than the stored
/// one (<see cref="MessageDocument.Origin"/>) changes nothing: one source never overwrites another's message.
/// </summary>
public sealed class MessageStore(IDocumentStore store, ChatStatistics statistics, IQueueClient queues, EventJournal events, TimeProvider clock)
{
    public const string Messages = "messages";
    public const string Chats = "chats";
    public const string DateField = "date";
    public const string ReplyField = "replyToMessageId";
    public const string ClassField = "analysis.class";
    public const string ImportanceField = "analysis.importance";
    public const string TopicIdsField = "analysis.topicIds";
    public const string TextField = "text";
    private const string ChatsPartition = "chats";

    public static IEnumerable<CollectionDefinition> Collections =>
    [
        new(Messages, SortFields: [DateField], FilterFields: [ReplyField, ClassField, ImportanceField]) { ArrayFields = [TopicIdsField], TextFields = [TextField] },
        new(Chats, SortFields: ["lastMessageAt"], FilterFields: []),
        ChatStatistics.Definition,
    ];

    public async Task<SaveOutcome> SaveAsync(MessageDocument incoming, CancellationToken cancellationToken)
    {
        var partition = incoming.Key.ToString();
        var stored = await store.GetAsync<MessageDocument>(Messages, partition, incoming.Id, cancellationToken);
        if (stored is null)
        {
            await statistics.CountAsync(incoming, cancellationToken);
            try
            {
                var created = await store.CreateAsync(Messages, partition, incoming.Id, MessageHistory.First(incoming, clock.GetUtcNow()), cancellationToken);
                await TouchChatAsync(created.Value, cancellationToken);
                await QueueAnalysisAsync(created.Value, isNew: true, cancellationToken);
                await events.MessageStoredAsync(created.Value, cancellationToken);
                return SaveOutcome.Created;
            }
            catch (DocumentConflictException)
            {
                // Another delivery of the same message created it first: merge into what it stored.
            }
        }

        // Messages are never deleted, so the document read here exists.
        var refused = false;
        var saved = await store.ModifyAsync<MessageDocument>(Messages, partition, incoming.Id, current =>
        {
            refused = current is not null && current.Origin != incoming.Origin;
            return current is null ? MessageHistory.First(incoming, clock.GetUtcNow())
                : refused ? null
                : MessageHistory.Merge(current, incoming, clock.GetUtcNow());
        }, cancellationToken, stored);
        if (refused)
        {
            return SaveOutcome.Refused;
        }

        // Also on Unchanged: a redelivery heals a crash between saving the message and its chat, or its analysis request.
        await TouchChatAsync(saved.Value!, cancellationToken);
        if (saved.Outcome != ModifyOutcome.Unchanged || saved.Value!.Analysis is null)
        {
            await QueueAnalysisAsync(saved.Value!, isNew: saved.Outcome == ModifyOutcome.Created, cancellationToken);
        }

        if (saved.Outcome != ModifyOutcome.Unchanged)
        {
            await events.MessageStoredAsync(saved.Value!, cancellationToken);
        }

        return saved.Outcome switch
        {
            ModifyOutcome.Created => SaveOutcome.Created,
            ModifyOutcome.Updated => SaveOutcome.Updated,
            _ => SaveOutcome.Unchanged,
        };
    }

    public async Task<MessageDocument> GetAsync(ChatKey chat, long messageId, CancellationToken cancellationToken) =>
        await FindAsync(chat, messageId, cancellationToken) ?? throw new NotFoundException($"Message {messageId} of chat {chat} was not found.");

    public async Task<MessageDocument?> FindAsync(ChatKey chat, long messageId, CancellationToken cancellationToken) =>
        (await FindStoredAsync(chat, messageId, cancellationToken))?.Value;

    /// <summary>The message with the ETag it was read with, for a caller that writes it back.</summary>
    public Task<Stored<MessageDocument>?> FindStoredAsync(ChatKey chat, long messageId, CancellationToken cancellationToken) =>
        store.GetAsync<MessageDocument>(Messages, chat.ToString(), MessageDocument.MakeId(chat, messageId), cancellationToken);

    /// <summary>Newest first; <see cref="MessageFilter.Since"/> is inclusive, <see cref="MessageFilter.Until"/> exclusive.</summary>
    public Task<Page<MessageDocument>> ListAsync(MessageFilter filter, int limit, string? continuation, CancellationToken cancellationToken) =>
        store.QueryAsync<MessageDocument>(Messages, Query(filter) with { Limit = limit, Continuation = continuation }, cancellationToken);

    public Task<long> CountAsync(MessageFilter filter, CancellationToken cancellationToken) => store.CountAsync(Messages, Query(filter), cancellationToken);

    private static DocumentQuery Query(MessageFilter filter) =>
        new DocumentQuery
        {
            Partition = filter.ChatId?.ToString(),
            SortField = DateField,
            Equal = DocumentQuery.Present((ClassField, filter.Class is { } c ? EnumQuery.Name(c) : null)),
            AtLeast = filter.ImportanceMin is { } least ? new Dictionary<string, double> { [ImportanceField] = least } : new Dictionary<string, double>(),
            Holds = DocumentQuery.Present((TopicIdsField, filter.TopicId)),
            Contains = filter.Text is { } text ? new Dictionary<string, string> { [TextField] = text } : new Dictionary<string, string>(),
        }.Within(filter.Since, filter.Until);

    /// <summary>The chat as its latest message described it; null for a chat never seen.</summary>
    public async Task<ChatDocument?> FindChatAsync(ChatKey chat, CancellationToken cancellationToken) =>
        (await store.GetAsync<ChatDocument>(Chats, ChatsPartition, chat.ToString(), cancellationToken))?.Value;

    public async Task<Page<ChatSummary>> ListChatsAsync(int limit, string? continuation, CancellationToken cancellationToken)
    {
        var page = await store.QueryAsync<ChatDocument>(Chats,
            new DocumentQuery { Partition = ChatsPartition, SortField = "lastMessageAt", Limit = limit, Continuation = continuation }, cancellationToken);
        var items = new List<ChatSummary>(page.Items.Count);
        foreach (var chat in page.Items)
        {
            var totals = await statistics.ReadAsync(chat.Id, cancellationToken);
            items.Add(new ChatSummary(chat.Id, chat.Id.ChatId, chat.Type, chat.Title, chat.Username, totals.Messages, chat.FirstSeenAt, totals.LastMessageAt ?? chat.LastMessageAt));
        }

        return new Page<ChatSummary>(items, page.Continuation);
    }

    /// <summary>An update that kept the text (a late original, an edit of entities only) keeps its analysis, and the analyzer finds it current.</summary>
    private async Task QueueAnalysisAsync(MessageDocument message, bool isNew, CancellationToken cancellationToken)
    {
        await queues.SendJsonAsync(AnalyzeMessageRequest.Queue, new AnalyzeMessageRequest(message.Key, message.MessageId), cancellationToken);
        if (isNew && message.ReplyToMessageId is { } parent)
        {
            await queues.SendJsonAsync(AnalyzeMessageRequest.Queue, new AnalyzeMessageRequest(message.Key, parent), cancellationToken);
        }
    }

    private async Task TouchChatAsync(MessageDocument message, CancellationToken cancellationToken) =>
        await store.ModifyAsync<ChatDocument>(Chats, ChatsPartition, message.Key.ToString(),
            chat => chat is null ? ChatDocument.From(message, clock.GetUtcNow()) : chat.Apply(message), cancellationToken);
}

/// <param name="Id">The chat's key (<see cref="ChatKey"/>): what message, digest and knowledge routes name it by.</param>
/// <param name="ChatId">Telegram's chat id (or a feed's).</param>
public sealed record ChatSummary(ChatKey Id, long ChatId, string Type, string? Title, string? Username, long MessageCount, DateTimeOffset FirstSeenAt, DateTimeOffset LastMessageAt);
