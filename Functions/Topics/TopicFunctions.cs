using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Azure.Functions.Worker;
using Sift.Api;
using Sift.Security;
using Sift.Storage;

namespace Sift.Topics;

public sealed record TopicResponse(string Id, string Name, string? Description, IReadOnlyList<string> Keywords, IReadOnlyList<string> Phrases, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt)
{
    public static TopicResponse From(Topic t) => new(t.Id, t.Name, t.Description, t.Keywords, t.Phrases, t.CreatedAt, t.UpdatedAt);
}

public static class TopicExtensions
{
    public static IHostApplicationBuilder AddTopics(this IHostApplicationBuilder builder)
    {
        builder.Services.AddCollection(new CollectionDefinition(TopicCatalog.Collection));
        builder.Services.AddSingleton<TopicCatalog>();
        return builder;
    }
}

/// <summary>Messages are classified into these on analysis; a change applies to messages analysed after it (reanalyse to apply it to earlier ones).</summary>
[Tags("Topics")]
[Problems(StatusCodes.Status400BadRequest, StatusCodes.Status401Unauthorized)]
public sealed class TopicFunctions(TopicCatalog topics)
{
    [Function("CreateTopic")]
    [EndpointSummary("Adds a topic with its keywords and phrases")]
    [Authorize(Roles.Operator)]
    [JsonBody(typeof(CreateTopicRequest))]
    [Problems(StatusCodes.Status403Forbidden, StatusCodes.Status409Conflict, StatusCodes.Status413PayloadTooLarge)]
    public async Task<Created<TopicResponse>> CreateAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/topics")] HttpRequest request, CancellationToken cancellationToken)
    {
        var topic = await topics.CreateAsync(await RequestJson.ReadAsync<CreateTopicRequest>(request, cancellationToken), cancellationToken);
        return TypedResults.Created($"/api/topics/{topic.Id}", TopicResponse.From(topic));
    }

    [Function("ListTopics")]
    [EndpointSummary("The topics messages are classified into")]
    [Authorize(Roles.Reader)]
    [QueryParameters(typeof(PageQuery))]
    public async Task<Ok<Page<TopicResponse>>> ListAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/topics")] HttpRequest request, CancellationToken cancellationToken)
    {
        var query = StrictQuery.Bind<PageQuery>(request);
        var page = await topics.ListAsync(Paging.Limit(query.Limit), query.Continuation, cancellationToken);
        return TypedResults.Ok(new Page<TopicResponse>(page.Items.Select(TopicResponse.From).ToList(), page.Continuation));
    }

    [Function("GetTopic")]
    [EndpointSummary("One topic")]
    [Authorize(Roles.Reader)]
    [Problems(StatusCodes.Status404NotFound)]
    public async Task<Ok<TopicResponse>> GetAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/topics/{id}")] HttpRequest request, string id, CancellationToken cancellationToken) =>
        TypedResults.Ok(TopicResponse.From(await topics.GetAsync(id, cancellationToken)));

    [Function("UpdateTopic")]
    [EndpointSummary("Changes a topic; fields left out stay as they are")]
    [Authorize(Roles.Operator)]
    [JsonBody(typeof(UpdateTopicRequest))]
    [Problems(StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound, StatusCodes.Status413PayloadTooLarge)]
    public async Task<Ok<TopicResponse>> UpdateAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "patch", Route = "api/topics/{id}")] HttpRequest request, string id, CancellationToken cancellationToken)
    {
        var change = await RequestJson.ReadAsync<UpdateTopicRequest>(request, cancellationToken);
        return TypedResults.Ok(TopicResponse.From(await topics.UpdateAsync(id, change, cancellationToken)));
    }

    [Function("DeleteTopic")]
    [EndpointSummary("Deletes a topic")]
    [Authorize(Roles.Operator)]
    [Problems(StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound)]
    public async Task<NoContent> DeleteAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = "api/topics/{id}")] HttpRequest request, string id, CancellationToken cancellationToken)
    {
        await topics.DeleteAsync(id, cancellationToken);
        return TypedResults.NoContent();
    }
}
