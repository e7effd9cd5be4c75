using System.Globalization;
using Sift.Analysis;
using Sift.Api;
using Sift.Hosting;
using Sift.Storage;

namespace Sift.Messages;

public enum SaveOutcome { Created, Updated, Unchanged }

/// <summary>
/// The one save path for messages from every source. Safe to run twice and concurrently with
/// itself: creation relies on create-if-absent, changes on replace-with-ETag, and a lost race is
/// simply read again and merged. A new message is counted in its chat's statistics just before it
/// is created (see <see cref="ChatStatistics"/>), so no message is counted twice or missed.
/// A message that is new or whose text changed is queued for analysis (and so is the message it
/// replies to, whose reply count changed); a redelivery of one not yet analysed queues it again,
/// which heals a crash between the save and the send.
/// </summary>
public sealed class MessageStore(IDocumentStore store, ChatStatistics statistics, IQueueClient queues, TimeProvider clock)
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
        var partition = Partition(incoming.ChatId);
        var stored = await store.GetAsync<MessageDocument>(Messages, partition, incoming.Id, cancellationToken);
        if (stored is null)
        {
            await statistics.CountAsync(incoming, cancellationToken);
            try
            {
                var created = await store.CreateAsync(Messages, partition, incoming.Id, MessageHistory.First(incoming, clock.GetUtcNow()), cancellationToken);
                await TouchChatAsync(created.Value, cancellationToken);
                await QueueAnalysisAsync(created.Value, isNew: true, cancellationToken);
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

        // Also on Unchanged: a redelivery heals a crash between saving the message and its chat, or its analysis request.
        await TouchChatAsync(saved.Value!, cancellationToken);
        if (saved.Outcome != ModifyOutcome.Unchanged || saved.Value!.Analysis is null)
        {
            await QueueAnalysisAsync(saved.Value!, isNew: saved.Outcome == ModifyOutcome.Created, cancellationToken);
        }

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
        (await FindStoredAsync(chatId, messageId, cancellationToken))?.Value;

    /// <summary>The message with the ETag it was read with, for a caller that writes it back.</summary>
    public Task<Stored<MessageDocument>?> FindStoredAsync(long chatId, long messageId, CancellationToken cancellationToken) =>
        store.GetAsync<MessageDocument>(Messages, Partition(chatId), MessageDocument.MakeId(chatId, messageId), cancellationToken);

    /// <summary>Newest first; <see cref="MessageFilter.Since"/> is inclusive, <see cref="MessageFilter.Until"/> exclusive.</summary>
    public Task<Page<MessageDocument>> ListAsync(MessageFilter filter, int limit, string? continuation, CancellationToken cancellationToken) =>
        store.QueryAsync<MessageDocument>(Messages, Query(filter) with { Limit = limit, Continuation = continuation }, cancellationToken);

    public Task<long> CountAsync(MessageFilter filter, CancellationToken cancellationToken) => store.CountAsync(Messages, Query(filter), cancellationToken);

    private static DocumentQuery Query(MessageFilter filter) =>
        new DocumentQuery
        {
            Partition = filter.ChatId is { } id ? Partition(id) : null,
            SortField = DateField,
            Equal = DocumentQuery.Present((ClassField, filter.Class is { } c ? EnumQuery.Name(c) : null)),
            AtLeast = filter.ImportanceMin is { } least ? new Dictionary<string, double> { [ImportanceField] = least } : new Dictionary<string, double>(),
            Holds = DocumentQuery.Present((TopicIdsField, filter.TopicId)),
            Contains = filter.Text is { } text ? new Dictionary<string, string> { [TextField] = text } : new Dictionary<string, string>(),
        }.Within(filter.Since, filter.Until);

    /// <summary>The chat as its latest message described it; null for a chat never seen.</summary>
    public async Task<ChatDocument?> FindChatAsync(long chatId, CancellationToken cancellationToken) =>
        (await store.GetAsync<ChatDocument>(Chats, ChatsPartition, Partition(chatId), cancellationToken))?.Value;

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

    /// <summary>An update that kept the text (a late original, an edit of entities only) keeps its analysis, and the analyzer finds it current.</summary>
    private async Task QueueAnalysisAsync(MessageDocument message, bool isNew, CancellationToken cancellationToken)
    {
        await queues.SendJsonAsync(AnalyzeMessageRequest.Queue, new AnalyzeMessageRequest(message.ChatId, message.MessageId), cancellationToken);
        if (isNew && message.ReplyToMessageId is { } parent)
        {
            await queues.SendJsonAsync(AnalyzeMessageRequest.Queue, new AnalyzeMessageRequest(message.ChatId, parent), cancellationToken);
        }
    }

    private async Task TouchChatAsync(MessageDocument message, CancellationToken cancellationToken) =>
        await store.ModifyAsync<ChatDocument>(Chats, ChatsPartition, Partition(message.ChatId),
            chat => chat is null ? ChatDocument.From(message, clock.GetUtcNow()) : chat.Apply(message), cancellationToken);

    private static string Partition(long chatId) => chatId.ToString(CultureInfo.InvariantCulture);
}

public sealed record ChatSummary(long Id, string Type, string? Title, string? Username, long MessageCount, DateTimeOffset FirstSeenAt, DateTimeOffset LastMessageAt);
