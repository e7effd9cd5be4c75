using Microsoft.DurableTask.Client;
using System.ComponentModel;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Azure.Functions.Worker;
using Sift.Api;
using Sift.Security;
using Sift.Storage;

namespace Sift.Orchestration;

/// <summary>The query of <c>GET /api/orchestrations</c>.</summary>
public sealed record OrchestrationListQuery
{
    /// <summary>The orchestration's name: ingest, analysis-run or reanalyze.</summary>
    public string? Name { get; init; }

    [Description("One of Pending, Running, Completed, Failed, Terminated, Suspended, in any case.")]
    public string? Status { get; init; }

    public int? Limit { get; init; }

    public string? Continuation { get; init; }
}

/// <summary>The orchestration management API over Durable's client: status and progress, lists, terminate, purge.</summary>
[Tags("Orchestrations")]
[Problems(StatusCodes.Status400BadRequest, StatusCodes.Status401Unauthorized)]
public sealed class OrchestrationFunctions(OrchestrationClient orchestrations)
{
    [Function("ListOrchestrations")]
    [EndpointSummary("Orchestration instances by name and status, paged")]
    [Authorize(Roles.Reader)]
    [QueryParameters(typeof(OrchestrationListQuery))]
    public async Task<Ok<Page<OrchestrationStatusResponse>>> ListAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/orchestrations")] HttpRequest request, [DurableClient] DurableTaskClient durable, CancellationToken cancellationToken)
    {
        var query = StrictQuery.Bind<OrchestrationListQuery>(request);
        var page = await orchestrations.ListAsync(query.Name, EnumQuery.Parse<OrchestrationStatus>(query.Status, "status"), Paging.Limit(query.Limit), query.Continuation, cancellationToken);
        return TypedResults.Ok(new Page<OrchestrationStatusResponse>(page.Items.Select(OrchestrationStatusResponse.From).ToList(), page.Continuation));
    }

    [Function("GetOrchestration")]
    [EndpointSummary("An orchestration instance's status, progress, output or error")]
    [Authorize(Roles.Reader)]
    [Problems(StatusCodes.Status404NotFound)]
    public async Task<Ok<OrchestrationStatusResponse>> GetAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/orchestrations/{instanceId}")] HttpRequest request, [DurableClient] DurableTaskClient durable, string instanceId,
        CancellationToken cancellationToken) =>
        TypedResults.Ok(OrchestrationStatusResponse.From(await orchestrations.GetAsync(instanceId, cancellationToken)));

    [Function("TerminateOrchestration")]
    [EndpointSummary("Stops an active orchestration instance, with a reason")]
    [Authorize(Roles.Operator)]
    [JsonBody(typeof(TerminateRequest), IsOptional = true)]
    [Problems(StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound, StatusCodes.Status409Conflict, StatusCodes.Status413PayloadTooLarge)]
    public async Task<Ok<OrchestrationStatusResponse>> TerminateAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/orchestrations/{instanceId}/terminate")] HttpRequest request, [DurableClient] DurableTaskClient durable, string instanceId,
        CancellationToken cancellationToken)
    {
        var terminate = await RequestJson.ReadOrNullAsync<TerminateRequest>(request, cancellationToken);
        if (terminate?.Reason is { Length: > TerminateRequest.MaxReasonLength })
        {
            throw new ValidationException("reason", $"reason must be at most {TerminateRequest.MaxReasonLength} characters.");
        }

        var reason = string.IsNullOrWhiteSpace(terminate?.Reason) ? "Terminated through the API." : terminate.Reason;
        return TypedResults.Ok(OrchestrationStatusResponse.From(await orchestrations.TerminateAsync(instanceId, reason, cancellationToken)));
    }

    [Function("PurgeOrchestration")]
    [EndpointSummary("Deletes an ended orchestration instance and its history")]
    [Authorize(Roles.Operator)]
    [Problems(StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound, StatusCodes.Status409Conflict)]
    public async Task<NoContent> PurgeAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = "api/orchestrations/{instanceId}")] HttpRequest request, [DurableClient] DurableTaskClient durable, string instanceId,
        CancellationToken cancellationToken)
    {
        await orchestrations.PurgeAsync(instanceId, cancellationToken);
        return TypedResults.NoContent();
    }
}
