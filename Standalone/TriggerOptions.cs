namespace Sift.Hosting;

/// <summary>Settings of the standalone trigger runner (section <c>Triggers</c>).</summary>
public sealed class TriggerOptions : System.ComponentModel.DataAnnotations.IValidatableObject
{
    public const string Section = "Triggers";

    /// <summary>Run queue and timer functions in this process; off, requests are still served and orchestrations still run.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>How long a received message stays invisible while its handler runs; after a crash it comes back after this.</summary>
    public TimeSpan MessageLease { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How long shutdown waits for running handlers before their messages are released.</summary>
    public TimeSpan DrainTimeout { get; set; } = TimeSpan.FromSeconds(20);

    public IEnumerable<System.ComponentModel.DataAnnotations.ValidationResult> Validate(System.ComponentModel.DataAnnotations.ValidationContext validationContext)
    {
        if (MessageLease < TimeSpan.FromSeconds(1))
        {
            yield return new("Triggers:MessageLease must be at least one second.", [nameof(MessageLease)]);
        }

        if (DrainTimeout < TimeSpan.Zero)
        {
            yield return new("Triggers:DrainTimeout must not be negative.", [nameof(DrainTimeout)]);
        }
    }
}
