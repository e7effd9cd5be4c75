using System.ComponentModel;
using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Azure.Functions.Worker;
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

    [Description("atom, messages or both, comma-separated: adds each proposal's atom and the first 10 messages it cites.")]
    public string? Expand { get; init; }
}

/// <summary>What one proposal's answer adds.</summary>
public sealed record ProposalGetQuery
{
    [Description("atom, messages or both, comma-separated: adds the proposal's atom and the first 10 messages it cites.")]
    public string? Expand { get; init; }
}

[Tags("Knowledge")]
[Problems(StatusCodes.Status400BadRequest, StatusCodes.Status401Unauthorized)]
public sealed class ProposalFunctions(KnowledgeStore knowledge, ProposalExpansion expansion, TimeProvider clock)
{
    /// <summary>Newest first.</summary>
    [Function("ListProposals")]
    [EndpointSummary("Proposed decisions and action items, filtered and paged")]
    [Authorize(Roles.Reader)]
    [QueryParameters(typeof(ProposalQuery))]
    public async Task<Ok<Page<ProposalResponse>>> ListAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/proposals")] HttpRequest request, CancellationToken cancellationToken)
    {
        var query = StrictQuery.Bind<ProposalQuery>(request);
        var expand = ProposalExpansion.Parse(query.Expand);
        var filter = new ProposalFilter(query.ChatId, EnumQuery.Parse<ProposalStatus>(query.Status, "status"), EnumQuery.Parse<AtomKind>(query.Kind, "kind"),
            query.TopicId, Paging.Limit(query.Limit), query.Continuation, query.Since, query.Until);
        var page = await knowledge.ListProposalsAsync(filter, cancellationToken);
        return TypedResults.Ok(new Page<ProposalResponse>(await expansion.ExpandAsync(page.Items, expand, cancellationToken), page.Continuation));
    }

    [Function("GetProposal")]
    [EndpointSummary("One proposal with its review")]
    [Authorize(Roles.Reader)]
    [QueryParameters(typeof(ProposalGetQuery))]
    [Problems(StatusCodes.Status404NotFound)]
    public async Task<Ok<ProposalResponse>> GetAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/proposals/{chatId}/{id}")] HttpRequest request, string chatId, string id, CancellationToken cancellationToken)
    {
        var chat = RouteValues.Parse<ChatKey>(chatId, nameof(chatId));
        var expand = ProposalExpansion.Parse(StrictQuery.Bind<ProposalGetQuery>(request).Expand);
        return TypedResults.Ok(await expansion.ExpandAsync(await knowledge.GetProposalAsync(chat, id, cancellationToken), expand, cancellationToken));
    }

    /// <summary>Only while pending (409 after a review); fields left out stay as they are.</summary>
    [Function("EditProposal")]
    [EndpointSummary("Edits a pending proposal")]
    [Authorize(Roles.Operator)]
    [RateClass(RateClass.Review)]
    [JsonBody(typeof(EditProposalRequest))]
    [Problems(StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound, StatusCodes.Status409Conflict, StatusCodes.Status413PayloadTooLarge)]
    public async Task<Ok<ProposalResponse>> EditAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "patch", Route = "api/proposals/{chatId}/{id}")] HttpRequest request, string chatId, string id, CancellationToken cancellationToken)
    {
        var chat = RouteValues.Parse<ChatKey>(chatId, nameof(chatId));
        var edit = await RequestJson.ReadAsync<EditProposalRequest>(request, cancellationToken);
        return TypedResults.Ok(ProposalResponse.From(await knowledge.ReviewAsync(chat, id, ProposalReview.Edit(edit, clock.GetUtcNow()), cancellationToken)));
    }

    /// <summary>Approving an approved proposal changes nothing (its first reason stays) and answers it again; a rejected one is 409.</summary>
    [Function("ApproveProposal")]
    [EndpointSummary("Approves a proposal, with a reason if given")]
    [Authorize(Roles.Operator)]
    [RateClass(RateClass.Review)]
    [JsonBody(typeof(ReviewProposalRequest), IsOptional = true)]
    [Problems(StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound, StatusCodes.Status409Conflict, StatusCodes.Status413PayloadTooLarge)]
    public async Task<Ok<ProposalResponse>> ApproveAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/proposals/{chatId}/{id}/approve")] HttpRequest request, string chatId, string id,
        CancellationToken cancellationToken)
    {
        var chat = RouteValues.Parse<ChatKey>(chatId, nameof(chatId));
        var review = await RequestJson.ReadOrNullAsync<ReviewProposalRequest>(request, cancellationToken);
        return TypedResults.Ok(ProposalResponse.From(await knowledge.ReviewAsync(chat, id,
            ProposalReview.Approve(Reviewer.Of(request.HttpContext.User), review?.Reason, clock.GetUtcNow()), cancellationToken)));
    }

    /// <summary>Rejecting a rejected proposal changes nothing; an approved one is 409.</summary>
    [Function("RejectProposal")]
    [EndpointSummary("Rejects a proposal, with a reason if given")]
    [Authorize(Roles.Operator)]
    [RateClass(RateClass.Review)]
    [JsonBody(typeof(ReviewProposalRequest), IsOptional = true)]
    [Problems(StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound, StatusCodes.Status409Conflict, StatusCodes.Status413PayloadTooLarge)]
    public async Task<Ok<ProposalResponse>> RejectAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/proposals/{chatId}/{id}/reject")] HttpRequest request, string chatId, string id,
        CancellationToken cancellationToken)
    {
        var chat = RouteValues.Parse<ChatKey>(chatId, nameof(chatId));
        var review = await RequestJson.ReadOrNullAsync<ReviewProposalRequest>(request, cancellationToken);
        return TypedResults.Ok(ProposalResponse.From(await knowledge.ReviewAsync(chat, id,
            ProposalReview.Reject(Reviewer.Of(request.HttpContext.User), review?.Reason, clock.GetUtcNow()), cancellationToken)));
    }

    /// <summary>
    /// Each item is decided on its own and answered in order: decided (also when it had the decision already), conflict
    /// (it has the other decision) or notFound. A body that is not valid changes nothing.
    /// </summary>
    [Function("ReviewProposals")]
    [EndpointSummary("Approves or rejects up to 100 proposals at once")]
    [Authorize(Roles.Operator)]
    [RateClass(RateClass.Review)]
    [JsonBody(typeof(ReviewProposalsRequest))]
    [Problems(StatusCodes.Status403Forbidden, StatusCodes.Status413PayloadTooLarge)]
    public async Task<Ok<ReviewProposalsResponse>> ReviewManyAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/proposals/review")] HttpRequest request, CancellationToken cancellationToken)
    {
        var review = await RequestJson.ReadAsync<ReviewProposalsRequest>(request, cancellationToken);
        return TypedResults.Ok(await ProposalBatchReview.ReviewAsync(knowledge, review, Reviewer.Of(request.HttpContext.User), clock.GetUtcNow(), cancellationToken));
    }
}
