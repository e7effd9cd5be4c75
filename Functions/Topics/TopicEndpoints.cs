using Microsoft.AspNetCore.Http.HttpResults;
using Sift.Api;
using Sift.Security;
using Sift.Storage;

namespace Sift.Topics;

public sealed record TopicResponse(string Id, string Name, string? Description, IReadOnlyList<string> Keywords, IReadOnlyList<string> Phrases, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt)
{
    public static TopicResponse From(Topic t) => new(t.Id, t.Name, t.Description, t.Keywords, t.Phrases, t.CreatedAt, t.UpdatedAt);
}

public static class TopicEndpoints
{
    public static IHostApplicationBuilder AddTopics(this IHostApplicationBuilder builder)
    {
        builder.Services.AddCollection(new CollectionDefinition(TopicCatalog.Collection));
        builder.Services.AddSingleton<TopicCatalog>();
        return builder;
    }

    /// <summary>Messages are classified into these on analysis; a change applies to messages analysed after it (reanalyse to apply it to earlier ones).</summary>
    public static RouteGroupBuilder MapTopics(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/topics").WithTags("Topics").RequireAuthorization(Roles.Reader)
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status401Unauthorized);
        group.MapPost("/", CreateAsync).RequireAuthorization(Roles.Operator)
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status413PayloadTooLarge);
        group.MapGet("/", ListAsync);
        group.MapGet("/{id}", GetAsync).ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPatch("/{id}", UpdateAsync).RequireAuthorization(Roles.Operator)
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status413PayloadTooLarge);
        group.MapDelete("/{id}", DeleteAsync).RequireAuthorization(Roles.Operator)
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        return group;
    }

    private static async Task<Created<TopicResponse>> CreateAsync(CreateTopicRequest request, TopicCatalog topics, CancellationToken cancellationToken)
    {
        var topic = await topics.CreateAsync(request, cancellationToken);
        return TypedResults.Created($"/api/topics/{topic.Id}", TopicResponse.From(topic));
    }

    private static async Task<Ok<Page<TopicResponse>>> ListAsync(TopicCatalog topics, int? limit, string? continuation, CancellationToken cancellationToken)
    {
        var page = await topics.ListAsync(Paging.Limit(limit), continuation, cancellationToken);
        return TypedResults.Ok(new Page<TopicResponse>(page.Items.Select(TopicResponse.From).ToList(), page.Continuation));
    }

    private static async Task<Ok<TopicResponse>> GetAsync(string id, TopicCatalog topics, CancellationToken cancellationToken) =>
        TypedResults.Ok(TopicResponse.From(await topics.GetAsync(id, cancellationToken)));

    private static async Task<Ok<TopicResponse>> UpdateAsync(string id, UpdateTopicRequest request, TopicCatalog topics, CancellationToken cancellationToken) =>
        TypedResults.Ok(TopicResponse.From(await topics.UpdateAsync(id, request, cancellationToken)));

    private static async Task<NoContent> DeleteAsync(string id, TopicCatalog topics, CancellationToken cancellationToken)
    {
        await topics.DeleteAsync(id, cancellationToken);
        return TypedResults.NoContent();
    }
}
