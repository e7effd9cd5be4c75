using Microsoft.AspNetCore.Http.HttpResults;
using Sift.Api;
using Sift.Security;
using Sift.Storage;

namespace Sift.Llm;

internal static class AgentEndpoints
{
    /// <summary>Which model serves a purpose, with what settings; the <c>Llm:Agents:*</c> settings name them.</summary>
    public static RouteGroupBuilder MapAgents(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/agents").WithTags("Agents").RequireAuthorization(Roles.Admin)
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
        group.MapPost("/", CreateAsync).ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status413PayloadTooLarge);
        group.MapGet("/", ListAsync);
        group.MapGet("/{id}", GetAsync).ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPatch("/{id}", UpdateAsync).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status413PayloadTooLarge);
        group.MapDelete("/{id}", DeleteAsync).ProducesProblem(StatusCodes.Status404NotFound);
        return group;
    }

    private static async Task<Created<AgentResponse>> CreateAsync(CreateAgentRequest request, AgentCatalog agents, CancellationToken cancellationToken)
    {
        var agent = await agents.CreateAsync(request, cancellationToken);
        return TypedResults.Created($"/api/agents/{agent.Id}", AgentResponse.From(agent));
    }

    private static async Task<Ok<Page<AgentResponse>>> ListAsync(AgentCatalog agents, int? limit, string? continuation, CancellationToken cancellationToken)
    {
        var page = await agents.ListAsync(Paging.Limit(limit), continuation, cancellationToken);
        return TypedResults.Ok(new Page<AgentResponse>(page.Items.Select(AgentResponse.From).ToList(), page.Continuation));
    }

    private static async Task<Ok<AgentResponse>> GetAsync(string id, AgentCatalog agents, CancellationToken cancellationToken) =>
        TypedResults.Ok(AgentResponse.From(await agents.GetAsync(id, cancellationToken)));

    private static async Task<Ok<AgentResponse>> UpdateAsync(string id, UpdateAgentRequest request, AgentCatalog agents, CancellationToken cancellationToken) =>
        TypedResults.Ok(AgentResponse.From(await agents.UpdateAsync(id, request, cancellationToken)));

    private static async Task<NoContent> DeleteAsync(string id, AgentCatalog agents, CancellationToken cancellationToken)
    {
        await agents.DeleteAsync(id, cancellationToken);
        return TypedResults.NoContent();
    }
}
