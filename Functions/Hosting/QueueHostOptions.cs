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
