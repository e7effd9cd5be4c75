using System.Text.Json;
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

public static class OrchestrationExtensions
{
    public static IHostApplicationBuilder AddOrchestration(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<OrchestrationOptions>().BindConfiguration(OrchestrationOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddCollection(new CollectionDefinition(StartClaims.Collection));
        builder.Services.AddSingleton<DurableClientAccessor>();
        builder.Services.AddSingleton<OrchestrationClient>();
        return builder;
    }
}
