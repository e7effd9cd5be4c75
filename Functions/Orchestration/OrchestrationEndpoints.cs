using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Sift.Api;
using Sift.Hosting;
using Sift.Security;
using Sift.Storage;

namespace Sift.Orchestration;

/// <summary>What the API shows of an instance.</summary>
public sealed record OrchestrationStatusResponse(
    string InstanceId, string Name, OrchestrationStatus Status, ProgressResponse Progress,
    JsonElement? Input, JsonElement? Output, string? Error, DateTimeOffset CreatedAt, DateTimeOffset LastUpdatedAt)
{
    public static OrchestrationStatusResponse From(OrchestrationInstance i) =>
        new(i.InstanceId, i.Name, i.Status, new(i.Progress.Done, i.Progress.Total, i.Progress.Note), i.Input, i.Output, i.Error, i.CreatedAt, i.LastUpdatedAt);

    public static string Url(string instanceId) => $"/api/orchestrations/{Uri.EscapeDataString(instanceId)}";
}

public sealed record ProgressResponse(long Done, long? Total, string? Note);

public sealed record TerminateRequest([property: MultiLineText] string? Reason)
{
    public const int MaxReasonLength = 500;
}

public static class OrchestrationEndpoints
{
    public static IHostApplicationBuilder AddOrchestration(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<OrchestrationOptions>().BindConfiguration(OrchestrationOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddCollection(new CollectionDefinition(StartClaims.Collection));
        builder.Services.AddDurableBackend();
        builder.Services.AddSingleton<OrchestrationClient>();
        builder.Services.AddTimerFunction<Maintenance>("Maintenance", "Maintenance:Schedule", "30 * * * * *");
        return builder;
    }

    public static RouteGroupBuilder MapOrchestrations(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/orchestrations").WithTags("Orchestrations").RequireAuthorization(Roles.Reader)
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status401Unauthorized);
        group.MapGet("/", ListAsync);
        group.MapGet("/{instanceId}", GetAsync).ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("/{instanceId}/terminate", TerminateAsync).RequireAuthorization(Roles.Operator).ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status413PayloadTooLarge);
        group.MapDelete("/{instanceId}", PurgeAsync).RequireAuthorization(Roles.Operator).ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        return group;
    }

    private static async Task<Ok<Page<OrchestrationStatusResponse>>> ListAsync(
        OrchestrationClient orchestrations, string? name,
        [System.ComponentModel.Description("One of Pending, Running, Completed, Failed, Terminated, Suspended, in any case.")] string? status, int? limit, string? continuation, CancellationToken cancellationToken)
    {
        var page = await orchestrations.ListAsync(name, EnumQuery.Parse<OrchestrationStatus>(status, "status"), Paging.Limit(limit), continuation, cancellationToken);
        return TypedResults.Ok(new Page<OrchestrationStatusResponse>(page.Items.Select(OrchestrationStatusResponse.From).ToList(), page.Continuation));
    }

    private static async Task<Ok<OrchestrationStatusResponse>> GetAsync(string instanceId, OrchestrationClient orchestrations, CancellationToken cancellationToken) =>
        TypedResults.Ok(OrchestrationStatusResponse.From(await orchestrations.GetAsync(instanceId, cancellationToken)));

    private static async Task<Ok<OrchestrationStatusResponse>> TerminateAsync(
        string instanceId, TerminateRequest? request, OrchestrationClient orchestrations, CancellationToken cancellationToken)
    {
        if (request?.Reason is { Length: > TerminateRequest.MaxReasonLength })
        {
            throw new ValidationException("reason", $"reason must be at most {TerminateRequest.MaxReasonLength} characters.");
        }

        var reason = string.IsNullOrWhiteSpace(request?.Reason) ? "Terminated through the API." : request.Reason;
        return TypedResults.Ok(OrchestrationStatusResponse.From(await orchestrations.TerminateAsync(instanceId, reason, cancellationToken)));
    }

    private static async Task<NoContent> PurgeAsync(string instanceId, OrchestrationClient orchestrations, CancellationToken cancellationToken)
    {
        await orchestrations.PurgeAsync(instanceId, cancellationToken);
        return TypedResults.NoContent();
    }
}
