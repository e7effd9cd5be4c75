using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;
using Sift.Hosting;

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

    /// <summary>
    /// How long one run of a step may take before it is cancelled and counted as a failed attempt. Below
    /// <see cref="StallTimeout"/> and <c>Triggers:MessageLease</c>, so a running step is never taken for a lost one.
    /// </summary>
    public TimeSpan StepTimeout { get; set; } = TimeSpan.FromMinutes(2);

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

        if (StepTimeout <= TimeSpan.Zero || StepTimeout >= StallTimeout)
        {
            yield return new("Orchestration:StepTimeout must be positive and below Orchestration:StallTimeout.", [nameof(StepTimeout)]);
        }
    }
}

/// <summary>A step must end before the runner's lease on its message does (standalone runner; the Functions host renews its own).</summary>
internal sealed class StepTimeoutValidation(IOptions<TriggerOptions> triggers) : IValidateOptions<OrchestrationOptions>
{
    public ValidateOptionsResult Validate(string? name, OrchestrationOptions options) =>
        options.StepTimeout < triggers.Value.MessageLease
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail($"Orchestration:StepTimeout ({options.StepTimeout}) must be below Triggers:MessageLease ({triggers.Value.MessageLease}).");
}
