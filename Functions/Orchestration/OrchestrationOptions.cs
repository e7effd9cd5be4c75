using System.ComponentModel.DataAnnotations;

namespace Sift.Orchestration;

/// <summary>Section <c>Orchestration</c>.</summary>
public sealed class OrchestrationOptions : IValidatableObject
{
    public const string Section = "Orchestration";

    /// <summary>Runs of one activity before the instance fails with the activity's error.</summary>
    public int MaxAttempts { get; set; } = 5;

    /// <summary>Backoff before the first retry of a failed activity; doubles with each attempt.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>The Durable task hub on Azure Storage (its queues, tables and blobs are named after it).</summary>
    public string TaskHub { get; set; } = "sift";

    /// <summary>Ended instances (their status, output and history) are purged by Maintenance this long after they were created.</summary>
    public TimeSpan KeepEndedFor { get; set; } = TimeSpan.FromDays(30);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (MaxAttempts is < 1 or > 100)
        {
            yield return new("Orchestration:MaxAttempts must be between 1 and 100.", [nameof(MaxAttempts)]);
        }

        if (RetryDelay <= TimeSpan.Zero || RetryDelay > TimeSpan.FromHours(1))
        {
            yield return new("Orchestration:RetryDelay must be more than 0 and at most 1 hour.", [nameof(RetryDelay)]);
        }

        if (KeepEndedFor < TimeSpan.FromHours(1))
        {
            yield return new("Orchestration:KeepEndedFor must be at least one hour.", [nameof(KeepEndedFor)]);
        }

        // Azure Storage's rule for task hub names: they name queues and tables.
        if (TaskHub is not { Length: >= 3 and <= 45 } || !char.IsAsciiLetter(TaskHub[0]) || !TaskHub.All(char.IsAsciiLetterOrDigit))
        {
            yield return new("Orchestration:TaskHub must be 3-45 letters and digits, starting with a letter.", [nameof(TaskHub)]);
        }
    }

    /// <summary>How an activity that throws is retried: <see cref="MaxAttempts"/> runs, the delay doubling from <see cref="RetryDelay"/>.</summary>
    public Microsoft.DurableTask.TaskOptions Retries() =>
        Microsoft.DurableTask.TaskOptions.FromRetryPolicy(new Microsoft.DurableTask.RetryPolicy(MaxAttempts, RetryDelay, backoffCoefficient: 2, maxRetryInterval: TimeSpan.FromMinutes(5)));
}
