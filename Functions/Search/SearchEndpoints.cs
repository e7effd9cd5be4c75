using Microsoft.AspNetCore.Http.HttpResults;
using Sift.Analysis;
using Sift.Api;
using Sift.Security;
using Sift.Storage;

namespace Sift.Search;

/// <summary>
/// <c>GET /api/search</c>: messages ranked by a hybrid of their words (BM25) and their meaning
/// (the embedding of <c>q</c> by the embedder that serves the embed purpose), each with the fused
/// score, both component scores and the matched snippet.
/// </summary>
public static class SearchEndpoints
{
    public static IHostApplicationBuilder AddSearch(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSearchIndex();
        return builder;
    }

    public static RouteGroupBuilder MapSearch(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/search").WithTags("Search").RequireAuthorization(Roles.Reader)
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
        group.MapGet("/", SearchAsync);
        return group;
    }

    private static async Task<Ok<SearchResults>> SearchAsync(
        [AsParameters] SearchParameters parameters, ISearchIndex index, IModelPurposes purposes, CancellationToken cancellationToken)
    {
        var query = parameters.Validate();
        var embedder = await purposes.EmbedderAsync(cancellationToken);
        var embedding = await embedder.EmbedAsync(query, cancellationToken);
        var hits = await index.SearchAsync(
            new SearchRequest(query, embedding, embedder.Version, parameters.ChatId?.ToString(), parameters.Since, parameters.Until, parameters.Limit ?? SearchParameters.DefaultLimit),
            cancellationToken);
        return TypedResults.Ok(new SearchResults(hits.Select(SearchResult.From).ToList()));
    }
}
