using Microsoft.DurableTask.Client;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Azure.Functions.Worker;
using Sift.Api;
using Sift.Orchestration;
using Sift.Security;

namespace Sift.Analysis;

[Tags("Messages")]
[Problems(StatusCodes.Status400BadRequest, StatusCodes.Status401Unauthorized, StatusCodes.Status403Forbidden)]
public sealed class ReanalysisFunctions(OrchestrationClient orchestrations)
{
    /// <summary>
    /// Analyses the chosen messages again (after the analyzer or the topics changed): 202 with the
    /// status URL, whose progress counts the messages examined; 409 while a reanalysis of the same
    /// chat (or of everything) runs. Messages whose analysis is current are left as they are.
    /// </summary>
    [Function("ReanalyzeMessages")]
    [EndpointSummary("Analyses a chat's or every chat's messages again")]
    [Authorize(Roles.Operator)]
    [JsonBody(typeof(ReanalyzeRequest))]
    [Problems(StatusCodes.Status409Conflict, StatusCodes.Status413PayloadTooLarge)]
    public async Task<Accepted<OrchestrationStatusResponse>> ReanalyzeAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/messages/reanalyze")] HttpRequest request, [DurableClient] DurableTaskClient durable, CancellationToken cancellationToken)
    {
        var reanalysis = await RequestJson.ReadAsync<ReanalyzeRequest>(request, cancellationToken);
        reanalysis.Filter();
        var instance = await orchestrations.StartOrConflictAsync(Reanalysis.Name, reanalysis.InstanceId, Reanalysis.Start(reanalysis),
            $"A reanalysis of {(reanalysis.ChatId is { } chat ? $"chat {chat}" : "every chat")} is running", cancellationToken);
        return TypedResults.Accepted(OrchestrationStatusResponse.Url(instance.InstanceId), OrchestrationStatusResponse.From(instance));
    }
}
