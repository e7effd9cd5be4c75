using System.Text.Json;
using System.Text.Json.Serialization;

namespace Sift.Orchestration;

/// <summary>Durable Functions' vocabulary, written exactly so (PascalCase) in the API and in stored documents.</summary>
public enum OrchestrationStatus
{
    [JsonStringEnumMemberName(nameof(Pending))] Pending,
    [JsonStringEnumMemberName(nameof(Running))] Running,
    [JsonStringEnumMemberName(nameof(Completed))] Completed,
    [JsonStringEnumMemberName(nameof(Failed))] Failed,
    [JsonStringEnumMemberName(nameof(Terminated))] Terminated,
}

/// <summary>
/// The stored status: written as documented, read in any casing, because documents written
/// before the vocabulary was fixed hold it in camelCase ("running").
/// </summary>
public sealed class StoredStatusConverter : JsonConverter<OrchestrationStatus>
{
    public override OrchestrationStatus Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.String && reader.GetString() is { Length: > 0 } text && char.IsLetter(text[0])
            && Enum.TryParse<OrchestrationStatus>(text, ignoreCase: true, out var status)
            ? status
            : throw new JsonException("An orchestration status is one of Pending, Running, Completed, Failed, Terminated.");

    public override void Write(Utf8JsonWriter writer, OrchestrationStatus value, JsonSerializerOptions options) => writer.WriteStringValue(value.ToString());
}

public sealed record OrchestrationProgress(long Done, long? Total, string? Note)
{
    public static OrchestrationProgress None { get; } = new(0, null, null);
}

/// <summary>An earlier execution of an instance id, kept in brief.</summary>
public sealed record ExecutionSummary(string ExecutionId, [property: JsonConverter(typeof(StoredStatusConverter))] OrchestrationStatus Status, DateTimeOffset CreatedAt, DateTimeOffset? CompletedAt, string? Error);

/// <summary>
/// One orchestration instance: a single document, so every state change is one ETag-checked
/// replace. <see cref="Step"/> and <see cref="Attempt"/> name the one worker message that may
/// advance it; any other message is stale.
/// </summary>
public sealed record OrchestrationInstance
{
    public const string Collection = "orchestrations";
    public const int MaxHistory = 10;

    public required string InstanceId { get; init; }
    public required string Name { get; init; }
    public required string ExecutionId { get; init; }
    [JsonConverter(typeof(StoredStatusConverter))]
    public required OrchestrationStatus Status { get; init; }
    public JsonElement? Input { get; init; }

    /// <summary>What the instance is about (e.g. <c>chat:42</c>), when its caller lists instances by it.</summary>
    public string? Subject { get; init; }
    public JsonElement? State { get; init; }
    public JsonElement? Output { get; init; }
    public string? Error { get; init; }
    public OrchestrationProgress Progress { get; init; } = OrchestrationProgress.None;
    /// <summary>Ties the logs of every step to the request (or trace) that started the execution.</summary>
    public string? CorrelationId { get; init; }
    public required string Step { get; init; }
    public int Attempt { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public required DateTimeOffset LastUpdatedAt { get; init; }
    public DateTimeOffset? CompletedAt { get; init; }
    public IReadOnlyList<ExecutionSummary> Executions { get; init; } = [];

    public bool IsActive => Status is OrchestrationStatus.Pending or OrchestrationStatus.Running;

    public WorkItem NextWork => new(InstanceId, ExecutionId, Step, Attempt);

    public ExecutionSummary Summary => new(ExecutionId, Status, CreatedAt, CompletedAt, Error);
}

/// <summary>The message on <c>orchestration-work</c>: advance this step of this execution, this attempt.</summary>
public sealed record WorkItem(string InstanceId, string ExecutionId, string Step, int Attempt)
{
    public const string Queue = "orchestration-work";
}
