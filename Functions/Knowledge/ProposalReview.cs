using Sift.Api;

namespace Sift.Knowledge;

/// <summary>
/// What a review may do to a proposal: pending → approved | rejected, once. Repeating the same
/// decision changes nothing; the opposite decision, or an edit after either, is a conflict.
/// Each is a change for <see cref="KnowledgeStore.ReviewAsync"/> (it may run more than once).
/// </summary>
internal static class ProposalReview
{
    public const int MaxTitleLength = 200;
    public const int MaxContentLength = 4000;
    public const int MaxOwnerLength = 100;
    public const int MaxReasonLength = 500;

    public static Func<ProposalDocument, ProposalDocument> Approve(Reviewer reviewer, string? reason, DateTimeOffset now)
    {
        var kept = Reason(reason);
        return proposal => proposal.Status switch
        {
            ProposalStatus.Approved => proposal,
            ProposalStatus.Rejected => throw new ConflictException($"Proposal '{proposal.Id}' was rejected; a rejected proposal cannot be approved."),
            _ => proposal with { Status = ProposalStatus.Approved, ReviewedBy = reviewer, ReviewedAt = now, Reason = kept, UpdatedAt = now },
        };
    }

    public static Func<ProposalDocument, ProposalDocument> Reject(Reviewer reviewer, string? reason, DateTimeOffset now)
    {
        var kept = Reason(reason);
        return proposal => proposal.Status switch
        {
            ProposalStatus.Rejected => proposal,
            ProposalStatus.Approved => throw new ConflictException($"Proposal '{proposal.Id}' was approved; an approved proposal cannot be rejected."),
            _ => proposal with { Status = ProposalStatus.Rejected, ReviewedBy = reviewer, ReviewedAt = now, Reason = kept, UpdatedAt = now },
        };
    }

    public static Func<ProposalDocument, ProposalDocument> Edit(EditProposalRequest request, DateTimeOffset now)
    {
        Check(request);
        return proposal =>
        {
            if (proposal.Status != ProposalStatus.Pending)
            {
                throw new ConflictException($"Proposal '{proposal.Id}' is {EnumQuery.Name(proposal.Status)}; only a pending proposal can be edited.");
            }

            var edited = proposal with
            {
                Title = request.Title?.Trim() ?? proposal.Title,
                Content = request.Content?.Trim() ?? proposal.Content,
                Owner = request.Owner?.Trim() ?? proposal.Owner,
                DueDate = request.DueDate ?? proposal.DueDate,
            };
            return edited == proposal ? proposal : edited with { UpdatedAt = now };
        };
    }

    /// <summary>A decision's reason as kept: trimmed, null when blank.</summary>
    private static string? Reason(string? reason) => reason switch
    {
        { Length: > MaxReasonLength } => throw new ValidationException("reason", $"reason must be at most {MaxReasonLength} characters."),
        _ when string.IsNullOrWhiteSpace(reason) => null,
        _ => reason.Trim(),
    };

    private static void Check(EditProposalRequest request)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (request.Title is { } title && (string.IsNullOrWhiteSpace(title) || title.Length > MaxTitleLength))
        {
            errors["title"] = [$"title must be 1-{MaxTitleLength} characters."];
        }

        if (request.Content is { } content && (string.IsNullOrWhiteSpace(content) || content.Length > MaxContentLength))
        {
            errors["content"] = [$"content must be 1-{MaxContentLength} characters."];
        }

        if (request.Owner is { } owner && (string.IsNullOrWhiteSpace(owner) || owner.Length > MaxOwnerLength))
        {
            errors["owner"] = [$"owner must be 1-{MaxOwnerLength} characters."];
        }

        if (errors.Count > 0)
        {
            throw new ValidationException(errors);
        }
    }
}
