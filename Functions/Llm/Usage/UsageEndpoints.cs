using Microsoft.AspNetCore.Http.HttpResults;
using Sift.Security;

namespace Sift.Llm;

internal static class UsageEndpoints
{
    public static RouteGroupBuilder MapUsage(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/usage").WithTags("Usage").RequireAuthorization(Roles.Reader)
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status401Unauthorized);
        group.MapGet("/", GetAsync)
            .WithSummary("Tokens and calls of language models")
            .WithDescription("For one UTC day (default today): totals, and per agent, run and purpose. With runId and no day: the run's calls over every day it spanned. An unknown runId is 404.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return group;
    }

    private static async Task<Ok<UsageResponse>> GetAsync([AsParameters] UsageQuery query, UsageReports reports, CancellationToken cancellationToken) =>
        TypedResults.Ok(await reports.ReadAsync(query, cancellationToken));
}
