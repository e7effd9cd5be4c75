using System.ComponentModel;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Sift.Analysis;
using Sift.Api;
using Sift.Security;
using Sift.Storage;
using Sift.Messages;

namespace Sift.Knowledge;

/// <summary>The proposals list's filters; with chatId the list stays in that chat's partition.</summary>
public sealed record ProposalQuery
{
    public ChatKey? ChatId { get; init; }

    [Description("One of pending, approved, rejected, in any case.")]
    public string? Status { get; init; }

    [Description("One of decision, action_item (the kinds that are proposed), in any case.")]
    public string? Kind { get; init; }

    public string? TopicId { get; init; }

    [Description("Proposed at or after this time.")]
    public DateTimeOffset? Since { get; init; }

    [Description("Proposed before this time.")]
    public DateTimeOffset? Until { get; init; }

    public int? Limit { get; init; }

    public string? Continuation { get; init; }
}

public static class ProposalEndpoints
{
    public static RouteGroupBuilder MapProposals(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/proposals").WithTags("Knowledge").RequireAuthorization(Roles.Reader)
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status401Unauthorized);
        group.MapGet("/", ListAsync);
        group.MapGet("/{chatId}/{id}", GetAsync).ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPatch("/{chatId}/{id}", EditAsync).RequireAuthorization(Roles.Operator).ProducesReviewProblems();
        group.MapPost("/{chatId}/{id}/approve", ApproveAsync).RequireAuthorization(Roles.Operator).ProducesReviewProblems();
        group.MapPost("/{chatId}/{id}/reject", RejectAsync).RequireAuthorization(Roles.Operator).ProducesReviewProblems();
        return group;
    }

    private static RouteHandlerBuilder ProducesReviewProblems(this RouteHandlerBuilder route) =>
        route.ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status413PayloadTooLarge);

    /// <summary>Newest first.</summary>
    private static async Task<Ok<Page<ProposalResponse>>> ListAsync([AsParameters] ProposalQuery query, KnowledgeStore knowledge, CancellationToken cancellationToken)
    {
        var filter = new ProposalFilter(query.ChatId, EnumQuery.Parse<ProposalStatus>(query.Status, "status"), EnumQuery.Parse<AtomKind>(query.Kind, "kind"),
            query.TopicId, Paging.Limit(query.Limit), query.Continuation, query.Since, query.Until);
        var page = await knowledge.ListProposalsAsync(filter, cancellationToken);
        return TypedResults.Ok(new Page<ProposalResponse>(page.Items.Select(ProposalResponse.From).ToList(), page.Continuation));
    }

    private static async Task<Ok<ProposalResponse>> GetAsync(ChatKey chatId, string id, KnowledgeStore knowledge, CancellationToken cancellationToken) =>
        TypedResults.Ok(ProposalResponse.From(await knowledge.GetProposalAsync(chatId, id, cancellationToken)));

    /// <summary>Only while pending (409 after a review); fields left out stay as they are.</summary>
    private static async Task<Ok<ProposalResponse>> EditAsync(
        ChatKey chatId, string id, EditProposalRequest request, KnowledgeStore knowledge, TimeProvider clock, CancellationToken cancellationToken) =>
        TypedResults.Ok(ProposalResponse.From(await knowledge.ReviewAsync(chatId, id, ProposalReview.Edit(request, clock.GetUtcNow()), cancellationToken)));

    /// <summary>Approving an approved proposal changes nothing and answers it again; a rejected one is 409.</summary>
    private static async Task<Ok<ProposalResponse>> ApproveAsync(
        ChatKey chatId, string id, ClaimsPrincipal caller, KnowledgeStore knowledge, TimeProvider clock, CancellationToken cancellationToken) =>
        TypedResults.Ok(ProposalResponse.From(await knowledge.ReviewAsync(chatId, id, ProposalReview.Approve(ReviewerOf(caller), clock.GetUtcNow()), cancellationToken)));

    /// <summary>Rejecting a rejected proposal changes nothing; an approved one is 409.</summary>
    private static async Task<Ok<ProposalResponse>> RejectAsync(
        ChatKey chatId, string id, ReviewProposalRequest? request, ClaimsPrincipal caller, KnowledgeStore knowledge, TimeProvider clock, CancellationToken cancellationToken) =>
        TypedResults.Ok(ProposalResponse.From(await knowledge.ReviewAsync(chatId, id,
            ProposalReview.Reject(ReviewerOf(caller), request?.Reason, clock.GetUtcNow()), cancellationToken)));

    private static Reviewer ReviewerOf(ClaimsPrincipal caller) =>
        new(caller.FindFirstValue(ApiKeyAuthentication.KeyIdClaim) ?? "unknown", caller.FindFirstValue(ClaimTypes.Name) ?? "unknown");
}
