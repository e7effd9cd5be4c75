using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.DurableTask.Client;
using Sift.Storage;

namespace Sift.Orchestration;

/// <summary>Durable Functions' runtime statuses, written exactly so (PascalCase) in the API.</summary>
public enum OrchestrationStatus
{
    [JsonStringEnumMemberName(nameof(Pending))] Pending,
    [JsonStringEnumMemberName(nameof(Running))] Running,
    [JsonStringEnumMemberName(nameof(Completed))] Completed,
    [JsonStringEnumMemberName(nameof(Failed))] Failed,
    [JsonStringEnumMemberName(nameof(Terminated))] Terminated,
    [JsonStringEnumMemberName(nameof(Suspended))] Suspended,
}

/// <summary>How far an instance is, as its custom status: set by the orchestrator after each activity.</summary>
public sealed record OrchestrationProgress(long Done, long? Total, string? Note)
{
    public static OrchestrationProgress None { get; } = new(0, null, null);
}

/// <summary>An orchestration instance as Sift shows it, read from Durable's metadata.</summary>
public sealed record OrchestrationInstance(
    string InstanceId, string Name, OrchestrationStatus Status, JsonElement? Input, JsonElement? Output, string? Error,
    OrchestrationProgress Progress, DateTimeOffset CreatedAt, DateTimeOffset LastUpdatedAt)
{
    /// <summary>Statuses in which a start of the same id is refused (a singleton holds).</summary>
    public static readonly OrchestrationRuntimeStatus[] ActiveStatuses =
        [OrchestrationRuntimeStatus.Pending, OrchestrationRuntimeStatus.Running, OrchestrationRuntimeStatus.Suspended];

    public bool IsActive => Status is OrchestrationStatus.Pending or OrchestrationStatus.Running or OrchestrationStatus.Suspended;

    public bool HasEnded => Status is OrchestrationStatus.Completed or OrchestrationStatus.Failed or OrchestrationStatus.Terminated;

    public static OrchestrationInstance From(OrchestrationMetadata metadata)
    {
        var status = StatusOf(metadata.RuntimeStatus);
        // Only a completed instance's output is the orchestrator's JSON: a failed one's is the failure's text, a
        // terminated one's the reason it was given.
        var error = status switch
        {
            // Azure Storage keeps no failure details, only the message as the output.
            OrchestrationStatus.Failed => metadata.FailureDetails?.ErrorMessage ?? Reason(metadata.SerializedOutput) ?? "The orchestration failed.",
            OrchestrationStatus.Terminated => Reason(metadata.SerializedOutput) ?? "Terminated.",
            _ => null,
        };
        var progress = Json(metadata.SerializedCustomStatus) is { ValueKind: JsonValueKind.Object } custom
            ? custom.Deserialize<OrchestrationProgress>(SiftJson.Options) ?? OrchestrationProgress.None
            : OrchestrationProgress.None;
        return new(metadata.InstanceId, metadata.Name, status, Json(metadata.SerializedInput),
            status == OrchestrationStatus.Completed ? Json(metadata.SerializedOutput) : null, error, progress, metadata.CreatedAt, metadata.LastUpdatedAt);
    }

    /// <summary>The text of an output that is not the orchestrator's: a JSON string (a termination's reason as Sift sends it), or plain text.</summary>
    private static string? Reason(string? output)
    {
        if (string.IsNullOrEmpty(output))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<JsonElement>(output) is { ValueKind: JsonValueKind.String } text ? text.GetString() : output;
        }
        catch (JsonException)
        {
            return output;
        }
    }

    public static OrchestrationStatus StatusOf(OrchestrationRuntimeStatus status) => status switch
    {
        OrchestrationRuntimeStatus.Pending => OrchestrationStatus.Pending,
        OrchestrationRuntimeStatus.Completed => OrchestrationStatus.Completed,
        OrchestrationRuntimeStatus.Failed => OrchestrationStatus.Failed,
        OrchestrationRuntimeStatus.Terminated => OrchestrationStatus.Terminated,
        OrchestrationRuntimeStatus.Suspended => OrchestrationStatus.Suspended,
        // Running, and ContinuedAsNew (a run that moved to its next execution is still running).
        _ => OrchestrationStatus.Running,
    };

    public static OrchestrationRuntimeStatus[] RuntimeStatusesOf(OrchestrationStatus status) => status switch
    {
        OrchestrationStatus.Pending => [OrchestrationRuntimeStatus.Pending],
        OrchestrationStatus.Completed => [OrchestrationRuntimeStatus.Completed],
        OrchestrationStatus.Failed => [OrchestrationRuntimeStatus.Failed],
        OrchestrationStatus.Terminated => [OrchestrationRuntimeStatus.Terminated],
        OrchestrationStatus.Suspended => [OrchestrationRuntimeStatus.Suspended],
        _ => [OrchestrationRuntimeStatus.Running],
    };

    private static JsonElement? Json(string? serialized) =>
        string.IsNullOrEmpty(serialized) ? null : JsonSerializer.Deserialize<JsonElement>(serialized);
}
