using Microsoft.DurableTask.Client;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Azure.Functions.Worker;
using Sift.Api;
using Sift.Messages;
using Sift.Orchestration;
using Sift.Security;
using Sift.Storage;

namespace Sift.Knowledge;

/// <summary>The runs list's filter and page.</summary>
public sealed record AnalysisRunQuery
{
    public ChatKey? ChatId { get; init; }

    public int? Limit { get; init; }

    public string? Continuation { get; init; }
}

/// <summary>Knowledge runs: extraction of decisions, problems, solutions, questions, insights and action items from a chat's window.</summary>
[Tags("Knowledge")]
[Problems(StatusCodes.Status400BadRequest, StatusCodes.Status401Unauthorized)]
public sealed class AnalysisRunFunctions(AnalysisRuns runs)
{
    /// <summary>202 with the status URL in Location, or 409 (with it in the body) while the same window's run is Pending or Running.</summary>
    [Function("StartAnalysisRun")]
    [EndpointSummary("Starts a knowledge run over a chat's window")]
    [Authorize(Roles.Operator)]
    [JsonBody(typeof(StartAnalysisRunRequest))]
    [Problems(StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound, StatusCodes.Status409Conflict, StatusCodes.Status413PayloadTooLarge)]
    public async Task<Accepted<OrchestrationStatusResponse>> StartAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/analysis-runs")] HttpRequest request, [DurableClient] DurableTaskClient durable, CancellationToken cancellationToken)
    {
        var instance = await runs.StartAsync(await RequestJson.ReadAsync<StartAnalysisRunRequest>(request, cancellationToken), cancellationToken);
        return TypedResults.Accepted(OrchestrationStatusResponse.Url(instance.InstanceId), OrchestrationStatusResponse.From(instance));
    }

    [Function("ListAnalysisRuns")]
    [EndpointSummary("Knowledge runs, of one chat or all")]
    [Authorize(Roles.Reader)]
    [QueryParameters(typeof(AnalysisRunQuery))]
    public async Task<Ok<Page<OrchestrationStatusResponse>>> ListAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/analysis-runs")] HttpRequest request, [DurableClient] DurableTaskClient durable, CancellationToken cancellationToken)
    {
        var query = StrictQuery.Bind<AnalysisRunQuery>(request);
        var page = await runs.ListAsync(query.ChatId, Paging.Limit(query.Limit), query.Continuation, cancellationToken);
        return TypedResults.Ok(new Page<OrchestrationStatusResponse>(page.Items.Select(OrchestrationStatusResponse.From).ToList(), page.Continuation));
    }

    [Function("GetAnalysisRun")]
    [EndpointSummary("One knowledge run with its progress")]
    [Authorize(Roles.Reader)]
    [Problems(StatusCodes.Status404NotFound)]
    public async Task<Ok<OrchestrationStatusResponse>> GetAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/analysis-runs/{id}")] HttpRequest request, [DurableClient] DurableTaskClient durable, string id, CancellationToken cancellationToken) =>
        TypedResults.Ok(OrchestrationStatusResponse.From(await runs.GetAsync(id, cancellationToken)));
}
