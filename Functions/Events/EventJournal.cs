using Sift.Analysis;
using Sift.Knowledge;
using Sift.Messages;
using Sift.Storage;

namespace Sift.Events;

/// <summary>A live event as the journal keeps it, in its chat's partition; <see cref="At"/> orders the journal.</summary>
public sealed record EventDocument(string Id, ChatKey ChatId, DateTimeOffset At, LiveEvent Event);

/// <summary>
/// The events of every instance, in the store they all share: what lets a stream on one instance tell its client
/// what another instance did (no message bus is needed, and none is served for the isolated worker here). The
/// journal keeps the latest event of a type for each subject (a message, a proposal): a step that runs again
/// writes over its own entry rather than adding one. Entries expire after <see cref="KeepFor"/>: Cosmos DB drops
/// them by time-to-live, and <see cref="PurgeAsync"/> deletes them on every store.
/// </summary>
public sealed class EventJournal(IDocumentStore store, TimeProvider clock)
{
    public const string Collection = "events";
    public const string AtField = "at";

    /// <summary>Longer than any client stays away and still resumes: one that was gone longer reloads what it shows.</summary>
    public static readonly TimeSpan KeepFor = TimeSpan.FromDays(1);

    public static CollectionDefinition Definition { get; } = new(Collection, [AtField], []) { Expiry = KeepFor };

    public Task MessageStoredAsync(MessageDocument message, CancellationToken cancellationToken) =>
        PublishAsync(message.Key, message.Id, new LiveEvent { Type = LiveEvent.MessageStored, At = clock.GetUtcNow(), ChatId = message.Key, MessageId = message.MessageId },
            cancellationToken);

    public Task MessageAnalyzedAsync(MessageDocument message, MessageAnalysis analysis, CancellationToken cancellationToken) =>
        PublishAsync(message.Key, message.Id, new LiveEvent
        {
            Type = LiveEvent.MessageAnalyzed, At = clock.GetUtcNow(), ChatId = message.Key, MessageId = message.MessageId, Class = analysis.Class, Importance = analysis.Importance,
        }, cancellationToken);

    /// <param name="type"><see cref="LiveEvent.ProposalCreated"/> or <see cref="LiveEvent.ProposalReviewed"/>.</param>
    public Task ProposalAsync(string type, ProposalDocument proposal, CancellationToken cancellationToken) =>
        PublishAsync(proposal.ChatId, proposal.Id, new LiveEvent { Type = type, At = clock.GetUtcNow(), ChatId = proposal.ChatId, ProposalId = proposal.Id, Status = proposal.Status },
            cancellationToken);

    /// <summary>Entries from <paramref name="from"/> on, oldest first: of one chat, or of all.</summary>
    public Task<Page<EventDocument>> ReadAsync(ChatKey? chatId, DateTimeOffset from, int limit, string? continuation, CancellationToken cancellationToken) =>
        store.QueryAsync<EventDocument>(Collection, new DocumentQuery
        {
            Partition = chatId?.ToString(),
            SortField = AtField,
            Descending = false,
            From = UtcTimestampConverter.ToText(from),
            Limit = limit,
            Continuation = continuation,
        }, cancellationToken);

    /// <summary>Deletes the entries older than <see cref="KeepFor"/>; safe to run on several instances at once.</summary>
    /// <returns>How many this call deleted.</returns>
    public Task<int> PurgeAsync(CancellationToken cancellationToken) =>
        store.DeleteBeforeAsync<EventDocument>(Collection, AtField, UtcTimestampConverter.ToText(clock.GetUtcNow() - KeepFor), e => (e.ChatId.ToString(), e.Id), cancellationToken);

    private async Task PublishAsync(ChatKey chatId, string subject, LiveEvent live, CancellationToken cancellationToken)
    {
        var id = $"{live.Type}:{subject}";
        await store.UpsertAsync(Collection, chatId.ToString(), id, new EventDocument(id, chatId, live.At, live), cancellationToken);
    }
}
