using System.ComponentModel.DataAnnotations;

namespace Sift.Events;

/// <summary>Section <c>Events</c>: how often an open event stream looks for news, and how long it stays open.</summary>
public sealed class EventOptions : IValidatableObject
{
    public const string Section = "Events";

    /// <summary>How often a stream reads the journal and the running orchestrations: the most an event waits before it is sent.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// A stream ends after this long and the client reconnects with <c>Last-Event-ID</c>, missing nothing: a bounded
    /// response suits Azure's front ends (which cut an HTTP response at 230 s) and lets a scaled-in instance go.
    /// </summary>
    public TimeSpan StreamDuration { get; set; } = TimeSpan.FromMinutes(2);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (PollInterval < TimeSpan.FromMilliseconds(100) || PollInterval > TimeSpan.FromMinutes(1))
        {
            yield return new("Events:PollInterval must be between 100 ms and 1 minute.", [nameof(PollInterval)]);
        }

        if (StreamDuration < TimeSpan.FromSeconds(10) || StreamDuration > TimeSpan.FromMinutes(30))
        {
            yield return new("Events:StreamDuration must be between 10 seconds and 30 minutes.", [nameof(StreamDuration)]);
        }
    }
}
