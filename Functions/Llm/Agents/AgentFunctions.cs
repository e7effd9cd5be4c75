using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Azure.Functions.Worker;
using Sift.Api;
using Sift.Security;
using Sift.Storage;

namespace Sift.Llm;

/// <summary>Which model serves a purpose, with what settings; the <c>Llm:Agents:*</c> settings name them.</summary>
[Tags("Agents")]
[Problems(StatusCodes.Status400BadRequest, StatusCodes.Status401Unauthorized, StatusCodes.Status403Forbidden)]
public sealed class AgentFunctions(AgentCatalog agents)
{
    [Function("CreateAgent")]
    [EndpointSummary("Adds an agent: a provider's model with its settings")]
    [Authorize(Roles.Admin)]
    [JsonBody(typeof(CreateAgentRequest))]
    [Problems(StatusCodes.Status409Conflict, StatusCodes.Status413PayloadTooLarge)]
    public async Task<Created<AgentResponse>> CreateAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/agents")] HttpRequest request, CancellationToken cancellationToken)
    {
        var agent = await agents.CreateAsync(await RequestJson.ReadAsync<CreateAgentRequest>(request, cancellationToken), cancellationToken);
        return TypedResults.Created($"/api/agents/{agent.Id}", AgentResponse.From(agent));
    }

    [Function("ListAgents")]
    [EndpointSummary("The agents")]
    [Authorize(Roles.Admin)]
    [QueryParameters(typeof(PageQuery))]
    public async Task<Ok<Page<AgentResponse>>> ListAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/agents")] HttpRequest request, CancellationToken cancellationToken)
    {
        var query = StrictQuery.Bind<PageQuery>(request);
        var page = await agents.ListAsync(Paging.Limit(query.Limit), query.Continuation, cancellationToken);
        return TypedResults.Ok(new Page<AgentResponse>(page.Items.Select(AgentResponse.From).ToList(), page.Continuation));
    }

    [Function("GetAgent")]
    [EndpointSummary("One agent")]
    [Authorize(Roles.Admin)]
    [Problems(StatusCodes.Status404NotFound)]
    public async Task<Ok<AgentResponse>> GetAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/agents/{id}")] HttpRequest request, string id, CancellationToken cancellationToken) =>
        TypedResults.Ok(AgentResponse.From(await agents.GetAsync(id, cancellationToken)));

    [Function("UpdateAgent")]
    [EndpointSummary("Changes an agent; fields left out stay as they are")]
    [Authorize(Roles.Admin)]
    [JsonBody(typeof(UpdateAgentRequest))]
    [Problems(StatusCodes.Status404NotFound, StatusCodes.Status413PayloadTooLarge)]
    public async Task<Ok<AgentResponse>> UpdateAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "patch", Route = "api/agents/{id}")] HttpRequest request, string id, CancellationToken cancellationToken)
    {
        var change = await RequestJson.ReadAsync<UpdateAgentRequest>(request, cancellationToken);
        return TypedResults.Ok(AgentResponse.From(await agents.UpdateAsync(id, change, cancellationToken)));
    }

    [Function("DeleteAgent")]
    [EndpointSummary("Deletes an agent")]
    [Authorize(Roles.Admin)]
    [Problems(StatusCodes.Status404NotFound)]
    public async Task<NoContent> DeleteAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = "api/agents/{id}")] HttpRequest request, string id, CancellationToken cancellationToken)
    {
        await agents.DeleteAsync(id, cancellationToken);
        return TypedResults.NoContent();
    }
}
