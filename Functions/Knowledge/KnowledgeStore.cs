using Sift.Analysis;
using Sift.Events;
using Sift.Api;
using Sift.Storage;
using Sift.Messages;
using Sift.Webhooks;

namespace Sift.Knowledge;

/// <summary>Filters of the atoms list: one chat (one partition) or all, equality on kind and topic, a range of dates.</summary>
public sealed record AtomFilter(ChatKey? ChatId, AtomKind? Kind, string? TopicId, DateTimeOffset? Since, DateTimeOffset? Until, int Limit, string? Continuation);

/// <summary>Filters of the proposals list: one chat or all, equality on status, kind and topic, and when they were proposed.</summary>
public sealed record ProposalFilter(
    ChatKey? ChatId, ProposalStatus? Status, AtomKind? Kind, string? TopicId, int Limit, string? Continuation, DateTimeOffset? Since = null, DateTimeOffset? Until = null);

/// <summary>Atoms and proposals as stored: written by runs, read by the API and the digest.</summary>
public sealed class KnowledgeStore(IDocumentStore store, WebhookEvents webhooks, EventJournal events, TimeProvider clock)
{
    /// <summary>Writes a run's atoms (an unchanged atom is not rewritten) and proposes each new action item and decision.</summary>
    /// <returns>How many proposals this call created.</returns>
    public async Task<int> SaveAsync(ChatKey chatId, string runId, IReadOnlyList<MergedAtom> atoms, CancellationToken cancellationToken)
    {
        var created = 0;
        foreach (var merged in atoms)
        {
            var now = clock.GetUtcNow();
            var a = merged.Atom;
            var fresh = new AtomDocument
            {
                Id = merged.Id, ChatId = chatId, Kind = a.Kind, Title = a.Title, Content = a.Content, Confidence = a.Confidence, TopicId = a.TopicId,
                Owner = a.Owner, DueDate = a.DueDate, SourceMessageIds = a.SourceMessageIds, Date = a.Date, RunId = runId, CreatedAt = now, UpdatedAt = now,
            };
            var atom = (await store.ModifyAsync<AtomDocument>(AtomDocument.Collection, Partition(chatId), merged.Id,
                stored => stored is null ? fresh : stored.SameAs(fresh) ? stored : fresh with { CreatedAt = stored.CreatedAt }, cancellationToken)).Value!;
            if (ProposalDocument.IsProposed(atom.Kind) && await ProposeAsync(atom, cancellationToken))
            {
                created++;
            }
        }

        return created;
    }

    public async Task<AtomDocument> GetAtomAsync(ChatKey chatId, string id, CancellationToken cancellationToken) =>
        (await store.GetAsync<AtomDocument>(AtomDocument.Collection, Partition(chatId), id, cancellationToken))?.Value
        ?? throw new NotFoundException($"No atom '{ProblemTitles.Echo(id)}' in chat {chatId}.");

    /// <summary>Newest first by the date of the latest message an atom cites.</summary>
    public Task<Page<AtomDocument>> ListAtomsAsync(AtomFilter filter, CancellationToken cancellationToken) =>
        store.QueryAsync<AtomDocument>(AtomDocument.Collection, new DocumentQuery
        {
            Partition = filter.ChatId is { } chat ? Partition(chat) : null,
            Equal = DocumentQuery.Present(("kind", filter.Kind is { } kind ? EnumQuery.Name(kind) : null), ("topicId", filter.TopicId)),
            SortField = "date",
            Limit = filter.Limit,
            Continuation = filter.Continuation,
        }.Within(filter.Since, filter.Until), cancellationToken);

    public async Task<ProposalDocument> GetProposalAsync(ChatKey chatId, string id, CancellationToken cancellationToken) =>
        (await store.GetAsync<ProposalDocument>(ProposalDocument.Collection, Partition(chatId), id, cancellationToken))?.Value
        ?? throw new NotFoundException($"No proposal '{ProblemTitles.Echo(id)}' in chat {chatId}.");

    /// <summary>Newest first.</summary>
    public Task<Page<ProposalDocument>> ListProposalsAsync(ProposalFilter filter, CancellationToken cancellationToken) =>
        store.QueryAsync<ProposalDocument>(ProposalDocument.Collection, new DocumentQuery
        {
            Partition = filter.ChatId is { } chat ? Partition(chat) : null,
            Equal = DocumentQuery.Present(
                ("status", filter.Status is { } status ? EnumQuery.Name(status) : null),
                ("kind", filter.Kind is { } kind ? EnumQuery.Name(kind) : null),
                ("topicId", filter.TopicId)),
            SortField = "createdAt",
            Limit = filter.Limit,
            Continuation = filter.Continuation,
        }.Within(filter.Since, filter.Until), cancellationToken);

    /// <summary>Applies a review change to a stored proposal (<see cref="ProposalReview"/> decides what is allowed).</summary>
    /// <summary>Saves a review; a decided proposal is published to the webhooks that want its decision (again on a repeat, which queues nothing new).</summary>
    public async Task<ProposalDocument> ReviewAsync(ChatKey chatId, string id, Func<ProposalDocument, ProposalDocument> change, CancellationToken cancellationToken)
    {
        var modified = await store.ModifyAsync<ProposalDocument>(ProposalDocument.Collection, Partition(chatId), id,
            stored => change(stored ?? throw new NotFoundException($"No proposal '{ProblemTitles.Echo(id)}' in chat {chatId}.")), cancellationToken);
        var reviewed = modified.Value!;
        if (modified.Outcome != ModifyOutcome.Unchanged)
        {
            await events.ProposalAsync(LiveEvent.ProposalReviewed, reviewed, cancellationToken);
        }

        if (reviewed.Status != ProposalStatus.Pending)
        {
            await webhooks.PublishAsync(reviewed.Status == ProposalStatus.Approved ? WebhookEvent.ProposalApproved : WebhookEvent.ProposalRejected,
                $"{chatId}/{reviewed.Id}", async () => new ProposalDecided(ProposalResponse.From(reviewed),
                    (await store.GetAsync<AtomDocument>(AtomDocument.Collection, Partition(chatId), reviewed.AtomId, cancellationToken))?.Value is { } atom ? AtomResponse.From(atom) : null),
                cancellationToken);
        }

        return reviewed;
    }

    /// <summary>Create-if-absent: a proposal that exists, reviewed or not, stays as it is.</summary>
    private async Task<bool> ProposeAsync(AtomDocument atom, CancellationToken cancellationToken)
    {
        var id = ProposalDocument.IdOf(atom.Id);
        if (await store.GetAsync<ProposalDocument>(ProposalDocument.Collection, Partition(atom.ChatId), id, cancellationToken) is not null)
        {
            return false;
        }

        try
        {
            var created = await store.CreateAsync(ProposalDocument.Collection, Partition(atom.ChatId), id, new ProposalDocument
            {
                Id = id, ChatId = atom.ChatId, AtomId = atom.Id, Kind = atom.Kind, Title = atom.Title, Content = atom.Content, Owner = atom.Owner,
                DueDate = atom.DueDate, TopicId = atom.TopicId, Status = ProposalStatus.Pending, CreatedAt = clock.GetUtcNow(), UpdatedAt = clock.GetUtcNow(),
            }, cancellationToken);
            await events.ProposalAsync(LiveEvent.ProposalCreated, created.Value, cancellationToken);
            return true;
        }
        catch (DocumentConflictException)
        {
            return false;
        }
    }

    public static string Partition(ChatKey chatId) => chatId.ToString();
}

/// <summary>The data of a proposal.approved or proposal.rejected webhook event: the proposal, and the atom it proposes (null if a later run removed it).</summary>
public sealed record ProposalDecided(ProposalResponse Proposal, AtomResponse? Atom);
