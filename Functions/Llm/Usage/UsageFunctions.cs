using Microsoft.DurableTask.Client;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Azure.Functions.Worker;
using Sift.Api;
using Sift.Security;

namespace Sift.Llm;

[Tags("Usage")]
[Problems(StatusCodes.Status400BadRequest, StatusCodes.Status401Unauthorized)]
public sealed class UsageFunctions(UsageReports reports)
{
    [Function("GetUsage")]
    [EndpointSummary("Tokens and calls of language models")]
    [EndpointDescription("For one UTC day (default today): totals, and per agent, run and purpose. With runId and no day: the run's calls over every day it spanned. An unknown runId is 404.")]
    [Authorize(Roles.Reader)]
    [QueryParameters(typeof(UsageQuery))]
    [Problems(StatusCodes.Status404NotFound)]
    public async Task<Ok<UsageResponse>> GetAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/usage")] HttpRequest request, [DurableClient] DurableTaskClient durable, CancellationToken cancellationToken) =>
        TypedResults.Ok(await reports.ReadAsync(StrictQuery.Bind<UsageQuery>(request), cancellationToken));
}
