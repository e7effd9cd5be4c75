using System.Text.Json;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Sift.Hosting;

/// <summary>
/// <c>GET|HEAD /api/health</c>: 200 when the store and queues answer, 503 otherwise.
/// <c>GET|HEAD /api/health/ready</c>: the same plus the ready checks (<see cref="HostingExtensions.ReadyTag"/>);
/// 503 naming the reason when any is degraded (e.g. a bot's updates waiting too long at Telegram).
/// No key needed for the status; each check's status and description (bot ids, usernames,
/// Telegram's errors, provider ids) only with a valid key.
/// </summary>
[Tags("Health")]
public sealed class HealthFunctions(HealthCheckService health)
{
    [Function("GetHealth")]
    [EndpointSummary("Health of the store and the queues")]
    [AllowAnonymous]
    [ProducesResponseType(StatusCodes.Status200OK, Description = "Healthy: the store and the queues answer.")]
    [ProducesResponseType(StatusCodes.Status503ServiceUnavailable, Description = "Not healthy: a dependency does not answer.")]
    public async Task GetAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = "api/health")] HttpRequest request, CancellationToken cancellationToken) =>
        await WriteAsync(request, await health.CheckHealthAsync(check => !check.Tags.Contains(HostingExtensions.ReadyTag), cancellationToken), degradedIsReady: true);

    [Function("GetReadiness")]
    [EndpointSummary("Health of the store, the queues and what Sift depends on outside (Telegram, model providers)")]
    [AllowAnonymous]
    [ProducesResponseType(StatusCodes.Status200OK, Description = "Ready: every check passes.")]
    [ProducesResponseType(StatusCodes.Status503ServiceUnavailable, Description = "Not ready: a check fails or is degraded; with a key, each check says why.")]
    public async Task GetReadyAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = "api/health/ready")] HttpRequest request, CancellationToken cancellationToken) =>
        await WriteAsync(request, await health.CheckHealthAsync(cancellationToken), degradedIsReady: false);

    /// <summary>As the health checks middleware answers: never cached.</summary>
    private static Task WriteAsync(HttpRequest request, HealthReport report, bool degradedIsReady)
    {
        var response = request.HttpContext.Response;
        response.StatusCode = report.Status == HealthStatus.Healthy || (degradedIsReady && report.Status == HealthStatus.Degraded)
            ? StatusCodes.Status200OK
            : StatusCodes.Status503ServiceUnavailable;
        response.Headers.CacheControl = "no-store, no-cache";
        response.Headers.Pragma = "no-cache";
        response.Headers.Expires = "Thu, 01 Jan 1970 00:00:00 GMT";
        response.ContentType = "application/json";
        var status = report.Status.ToString().ToLowerInvariant();
        if (request.HttpContext.User.Identity?.IsAuthenticated != true)
        {
            return response.WriteAsync(JsonSerializer.Serialize(new { status }));
        }

        return response.WriteAsync(JsonSerializer.Serialize(new
        {
            status,
            checks = report.Entries.ToDictionary(e => e.Key, e => new { status = e.Value.Status.ToString().ToLowerInvariant(), description = e.Value.Description }),
        }));
    }
}
