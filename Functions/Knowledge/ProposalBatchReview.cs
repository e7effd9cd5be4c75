using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;
using ValidationException = Sift.Api.ValidationException;
using Sift.Api;
using Sift.Messages;

namespace Sift.Knowledge;

public enum ReviewDecision
{
    [JsonStringEnumMemberName("approve")] Approve,
    [JsonStringEnumMemberName("reject")] Reject,
}

public sealed record ProposalRef([property: Required] ChatKey? ChatId, [property: Required] string? Id);

/// <summary>One decision for up to 100 proposals, with one reason for all.</summary>
public sealed record ReviewProposalsRequest(
    [property: Required] ReviewDecision? Decision,
    [property: Required, Length(1, ProposalBatchReview.MaxItems)] IReadOnlyList<ProposalRef>? Items,
    [property: MultiLineText, MaxLength(ProposalReview.MaxReasonLength)] string? Reason = null);

public enum ReviewOutcome
{
    /// <summary>The proposal now has the decision (also when it had it already: repeating a decision changes nothing).</summary>
    [JsonStringEnumMemberName("decided")] Decided,

    /// <summary>It has the opposite decision, which stays (a single review answers 409).</summary>
    [JsonStringEnumMemberName("conflict")] Conflict,

    [JsonStringEnumMemberName("notFound")] NotFound,
}

/// <param name="Proposal">The proposal as it is now; null when not found.</param>
/// <param name="Detail">Why it was not decided; null when it was.</param>
public sealed record ProposalReviewResult(ChatKey ChatId, string Id, ReviewOutcome Outcome, ProposalResponse? Proposal, string? Detail);

/// <summary>One result per item, in the request's order.</summary>
public sealed record ReviewProposalsResponse(IReadOnlyList<ProposalReviewResult> Items);

/// <summary>
/// Decides many proposals with one request: the whole body is checked before any proposal changes, then each item is a
/// review of its own (<see cref="KnowledgeStore.ReviewAsync"/>: one document, safe to repeat and to run concurrently),
/// so a proposal not found or already decided otherwise is reported and the rest go on.
/// </summary>
internal static class ProposalBatchReview
{
    public const int MaxItems = 100;

    public static async Task<ReviewProposalsResponse> ReviewAsync(
        KnowledgeStore knowledge, ReviewProposalsRequest request, Reviewer reviewer, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var (decision, items) = Check(request);
        var change = decision == ReviewDecision.Approve ? ProposalReview.Approve(reviewer, request.Reason, now) : ProposalReview.Reject(reviewer, request.Reason, now);
        var results = new List<ProposalReviewResult>(items.Count);
        foreach (var (chatId, id) in items)
        {
            try
            {
                var decided = await knowledge.ReviewAsync(chatId, id, change, cancellationToken);
                results.Add(new(chatId, id, ReviewOutcome.Decided, ProposalResponse.From(decided), null));
            }
            catch (ConflictException e)
            {
                results.Add(new(chatId, id, ReviewOutcome.Conflict, ProposalResponse.From(await knowledge.GetProposalAsync(chatId, id, cancellationToken)), e.Message));
            }
            catch (NotFoundException e)
            {
                results.Add(new(chatId, id, ReviewOutcome.NotFound, null, e.Message));
            }
        }

        return new ReviewProposalsResponse(results);
    }

    private static (ReviewDecision Decision, List<(ChatKey ChatId, string Id)> Items) Check(ReviewProposalsRequest request)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (request.Decision is null)
        {
            errors["decision"] = ["decision is required: approve or reject."];
        }

        if (request.Items is not { Count: >= 1 and <= MaxItems })
        {
            errors["items"] = [$"items must list 1-{MaxItems} proposals."];
        }

        var items = new List<(ChatKey, string)>();
        foreach (var (item, index) in (request.Items ?? []).Select((item, index) => (item, index)))
        {
            if (item is not { ChatId: { } chatId, Id: { } id } || string.IsNullOrWhiteSpace(id))
            {
                errors[$"items[{index}]"] = ["Each item needs a chatId and an id."];
                continue;
            }

            items.Add((chatId, id));
        }

        if (errors.Count > 0)
        {
            throw new ValidationException(errors);
        }

        return (request.Decision!.Value, items);
    }
}
