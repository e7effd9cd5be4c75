using Sift.Api;
using Sift.Messages;

namespace Sift.Knowledge;

/// <summary>What <c>?expand=</c> adds to proposals: <c>atom</c>, <c>messages</c>, or both, comma-separated.</summary>
[Flags]
public enum ProposalExpand
{
    None = 0,
    Atom = 1,
    Messages = 2,
}

/// <summary>
/// Adds a proposal's atom and the first <see cref="MaxMessages"/> messages it cites to its response, so a reviewer
/// reads one answer. On request only: each proposal expanded costs a read of its atom and one per message shown.
/// </summary>
public sealed class ProposalExpansion(KnowledgeStore knowledge, MessageStore messages)
{
    public const int MaxMessages = 10;

    public static ProposalExpand Parse(string? expand)
    {
        var parsed = ProposalExpand.None;
        foreach (var name in expand?.Split(',', StringSplitOptions.TrimEntries) ?? [])
        {
            parsed |= name.ToLowerInvariant() switch
            {
                "atom" => ProposalExpand.Atom,
                "messages" => ProposalExpand.Messages,
                _ => throw new ValidationException("expand", $"expand must be atom, messages or both, comma-separated (got '{ProblemTitles.Echo(expand!)}')."),
            };
        }

        return parsed;
    }

    public async Task<ProposalResponse> ExpandAsync(ProposalDocument proposal, ProposalExpand expand, CancellationToken cancellationToken)
    {
        var response = ProposalResponse.From(proposal);
        if (expand == ProposalExpand.None)
        {
            return response;
        }

        // Atoms are never deleted and are written before their proposal.
        var atom = await knowledge.GetAtomAsync(proposal.ChatId, proposal.AtomId, cancellationToken);
        IReadOnlyList<CitedMessageResponse>? cited = null;
        if (expand.HasFlag(ProposalExpand.Messages))
        {
            var found = await Task.WhenAll(atom.SourceMessageIds.Take(MaxMessages).Select(id => messages.FindAsync(proposal.ChatId, id, cancellationToken)));
            cited = [.. found.OfType<MessageDocument>().Select(CitedMessageResponse.From)];
        }

        return response with { Atom = expand.HasFlag(ProposalExpand.Atom) ? AtomResponse.From(atom) : null, Messages = cited };
    }

    /// <summary>One proposal after another, so a page makes at most <see cref="MaxMessages"/> reads at once.</summary>
    public async Task<IReadOnlyList<ProposalResponse>> ExpandAsync(IReadOnlyList<ProposalDocument> proposals, ProposalExpand expand, CancellationToken cancellationToken)
    {
        var expanded = new List<ProposalResponse>(proposals.Count);
        foreach (var proposal in proposals)
        {
            expanded.Add(await ExpandAsync(proposal, expand, cancellationToken));
        }

        return expanded;
    }
}
