namespace Sift.Hosting;

/// <summary>
/// The <c>extensions.queues</c> section of host.json, read by the standalone runner so it
/// retries and dead-letters exactly as the Functions host would.
/// </summary>
public sealed class QueueHostOptions
{
    public int BatchSize { get; set; } = 16;
    public int NewBatchThreshold { get; set; } = 8;
    public int MaxDequeueCount { get; set; } = 5;

    /// <summary>How long a failed message stays invisible before it is retried.</summary>
    public TimeSpan VisibilityTimeout { get; set; } = TimeSpan.Zero;
    public TimeSpan MaxPollingInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How the host reads queue message text: <c>base64</c> (its default) or <c>none</c>; Sift's Azure queue sends the same way.</summary>
    public string MessageEncoding { get; set; } = "base64";

    public bool Base64Messages => string.Equals(MessageEncoding, "base64", StringComparison.OrdinalIgnoreCase);

    public static QueueHostOptions FromHostJson(string path)
    {
        var options = new QueueHostOptions();
        if (File.Exists(path))
        {
            new ConfigurationBuilder().AddJsonFile(path).Build().GetSection("extensions:queues").Bind(options);
        }

        return options.Validate(path);
    }

    private QueueHostOptions Validate(string path)
    {
        if (BatchSize is < 1 or > 32 || NewBatchThreshold < 0 || MaxDequeueCount < 1 || VisibilityTimeout < TimeSpan.Zero || MaxPollingInterval <= TimeSpan.Zero
            || !(Base64Messages || string.Equals(MessageEncoding, "none", StringComparison.OrdinalIgnoreCase)))
        {
            throw new InvalidOperationException(
                $"{path}: extensions.queues needs batchSize 1-32, newBatchThreshold >= 0, maxDequeueCount >= 1, visibilityTimeout >= 0, maxPollingInterval > 0 "
                + "and messageEncoding base64 or none.");
        }

        return this;
    }
}

/// <summary>Settings of the standalone trigger runner (section <c>Triggers</c>).</summary>
public sealed class TriggerOptions : System.ComponentModel.DataAnnotations.IValidatableObject
{
    public const string Section = "Triggers";

    /// <summary>Run queue and timer functions in this process (standalone). Off when the Functions host drives them.</summary>
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
