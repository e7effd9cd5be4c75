namespace Sift.Orchestration;

/// <summary>
/// Maintenance's note that it re-sent an instance's work: one per instance, in a collection of its
/// own, so recovering never changes the instance document (a running step's ETag-checked commit
/// stays valid) and the next Maintenance run sends the same work again only after another stall
/// timeout. A re-sent message for a step that is in fact still running is harmless: the step is
/// idempotent and only one of the two commits with the ETag both read.
/// </summary>
internal sealed record StallRecovery(string InstanceId, string ExecutionId, string Step, int Attempt, DateTimeOffset InstanceUpdatedAt, DateTimeOffset RecoveredAt)
{
    public const string Collection = "orchestration-recoveries";

    /// <summary>Whether this note already covers <paramref name="instance"/> as it stands at <paramref name="now"/>.</summary>
    public bool Covers(OrchestrationInstance instance, DateTimeOffset now, TimeSpan stallTimeout) =>
        ExecutionId == instance.ExecutionId && Step == instance.Step && Attempt == instance.Attempt
        && InstanceUpdatedAt == instance.LastUpdatedAt && now - RecoveredAt < stallTimeout;

    public static StallRecovery Of(OrchestrationInstance instance, DateTimeOffset now) =>
        new(instance.InstanceId, instance.ExecutionId, instance.Step, instance.Attempt, instance.LastUpdatedAt, now);
}
