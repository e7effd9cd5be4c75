using System.ComponentModel.DataAnnotations;

namespace Sift.Orchestration;

/// <summary>Section <c>Orchestration</c>.</summary>
public sealed class OrchestrationOptions : IValidatableObject
{
    public const string Section = "Orchestration";

    /// <summary>Runs of one step before the instance is Failed with the step's error.</summary>
    public int MaxAttempts { get; set; } = 5;

    /// <summary>Backoff before the first retry of a failed step; doubles with each attempt (with jitter).</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>An active instance untouched for this long is assumed to have lost its work message and is re-enqueued by Maintenance.</summary>
    public TimeSpan StallTimeout { get; set; } = TimeSpan.FromMinutes(6);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (MaxAttempts is < 1 or > 100)
        {
            yield return new("Orchestration:MaxAttempts must be between 1 and 100.", [nameof(MaxAttempts)]);
        }

        if (RetryDelay < TimeSpan.Zero || RetryDelay > TimeSpan.FromHours(1))
        {
            yield return new("Orchestration:RetryDelay must be between 0 and 1 hour.", [nameof(RetryDelay)]);
        }

        if (StallTimeout < TimeSpan.FromSeconds(1))
        {
            yield return new("Orchestration:StallTimeout must be at least one second.", [nameof(StallTimeout)]);
        }
    }
}
