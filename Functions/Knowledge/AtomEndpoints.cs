using System.ComponentModel;
using Microsoft.AspNetCore.Http.HttpResults;
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

public static class AtomEndpoints
{
    public static RouteGroupBuilder MapAtoms(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/atoms").WithTags("Knowledge").RequireAuthorization(Roles.Reader)
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status401Unauthorized);
        group.MapGet("/", ListAsync);
        group.MapGet("/{chatId}/{id}", GetAsync).ProducesProblem(StatusCodes.Status404NotFound);
        return group;
    }

    /// <summary>Newest first by the latest message each atom cites; since is inclusive, until exclusive.</summary>
    private static async Task<Ok<Page<AtomResponse>>> ListAsync([AsParameters] AtomQuery query, KnowledgeStore knowledge, CancellationToken cancellationToken)
    {
        var filter = new AtomFilter(query.ChatId, EnumQuery.Parse<AtomKind>(query.Kind, "kind"), query.TopicId, query.Since, query.Until,
            Paging.Limit(query.Limit), query.Continuation);
        var page = await knowledge.ListAtomsAsync(filter, cancellationToken);
        return TypedResults.Ok(new Page<AtomResponse>(page.Items.Select(AtomResponse.From).ToList(), page.Continuation));
    }

    private static async Task<Ok<AtomResponse>> GetAsync(ChatKey chatId, string id, KnowledgeStore knowledge, CancellationToken cancellationToken) =>
        TypedResults.Ok(AtomResponse.From(await knowledge.GetAtomAsync(chatId, id, cancellationToken)));
}
