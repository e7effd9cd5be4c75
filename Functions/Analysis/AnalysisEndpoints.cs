using Microsoft.AspNetCore.Http.HttpResults;
using Sift.Orchestration;
using Sift.Security;

namespace Sift.Analysis;

public static class AnalysisEndpoints
{
    public static RouteGroupBuilder MapAnalysis(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/messages").WithTags("Messages").RequireAuthorization(Roles.Operator)
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
        group.MapPost("/reanalyze", ReanalyzeAsync).ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status413PayloadTooLarge);
        return group;
    }

    /// <summary>
    /// Analyses the chosen messages again (after the analyzer or the topics changed): 202 with the
    /// status URL, whose progress counts the messages examined; 409 while a reanalysis of the same
    /// chat (or of everything) runs. Messages whose analysis is current are left as they are.
    /// </summary>
    private static async Task<Accepted<OrchestrationStatusResponse>> ReanalyzeAsync(ReanalyzeRequest request, OrchestrationClient orchestrations, CancellationToken cancellationToken)
    {
        request.Filter();
        var instance = await orchestrations.StartOrConflictAsync(Reanalysis.Name, request.InstanceId, Reanalysis.Start(request),
            $"A reanalysis of {(request.ChatId is { } chat ? $"chat {chat}" : "every chat")} is running", cancellationToken);
        return TypedResults.Accepted(OrchestrationStatusResponse.Url(instance.InstanceId), OrchestrationStatusResponse.From(instance));
    }
}
