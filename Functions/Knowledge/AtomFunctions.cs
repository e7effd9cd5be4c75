using System.ComponentModel;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Azure.Functions.Worker;
using Sift.Analysis;
using Sift.Api;
using Sift.Security;
using Sift.Storage;
using Sift.Messages;

namespace Sift.Knowledge;

/// <summary>The atoms list's filters; with chatId the list stays in that chat's partition.</summary>
public sealed record AtomQuery
{
    public ChatKey? ChatId { get; init; }

    [Description("One of decision, problem, solution, question, insight, action_item, in any case.")]
    public string? Kind { get; init; }

    public string? TopicId { get; init; }

    public DateTimeOffset? Since { get; init; }

    public DateTimeOffset? Until { get; init; }

    public int? Limit { get; init; }

    public string? Continuation { get; init; }
}

[Tags("Knowledge")]
[Problems(StatusCodes.Status400BadRequest, StatusCodes.Status401Unauthorized)]
public sealed class AtomFunctions(KnowledgeStore knowledge)
{
    /// <summary>Newest first by the latest message each atom cites; since is inclusive, until exclusive.</summary>
    [Function("ListAtoms")]
    [EndpointSummary("Knowledge atoms (decisions, problems, solutions, questions, insights, action items), filtered and paged")]
    [Authorize(Roles.Reader)]
    [QueryParameters(typeof(AtomQuery))]
    public async Task<Ok<Page<AtomResponse>>> ListAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/atoms")] HttpRequest request, CancellationToken cancellationToken)
    {
        var query = StrictQuery.Bind<AtomQuery>(request);
        var filter = new AtomFilter(query.ChatId, EnumQuery.Parse<AtomKind>(query.Kind, "kind"), query.TopicId, query.Since, query.Until,
            Paging.Limit(query.Limit), query.Continuation);
        var page = await knowledge.ListAtomsAsync(filter, cancellationToken);
        return TypedResults.Ok(new Page<AtomResponse>(page.Items.Select(AtomResponse.From).ToList(), page.Continuation));
    }

    [Function("GetAtom")]
    [EndpointSummary("One knowledge atom with the messages it cites")]
    [Authorize(Roles.Reader)]
    [Problems(StatusCodes.Status404NotFound)]
    public async Task<Ok<AtomResponse>> GetAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/atoms/{chatId}/{id}")] HttpRequest request, string chatId, string id, CancellationToken cancellationToken) =>
        TypedResults.Ok(AtomResponse.From(await knowledge.GetAtomAsync(RouteValues.Parse<ChatKey>(chatId, nameof(chatId)), id, cancellationToken)));
}
