using System.ComponentModel.DataAnnotations;

namespace Sift.Ingestion;

/// <summary>Section <c>Ingestion</c>.</summary>
public sealed class IngestionOptions : IValidatableObject
{
    public const string Section = "Ingestion";

    /// <summary>A feed is requested at most once per this interval (retries excepted).</summary>
    public TimeSpan FeedMinRequestInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Retries of a feed request that failed with 429, 5xx or a transport error.</summary>
    public int FeedRetries { get; set; } = 3;

    public TimeSpan FeedRetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest Retry-After a run waits out; a longer one fails the run with the time to come back.</summary>
    public TimeSpan FeedMaxRetryAfter { get; set; } = TimeSpan.FromSeconds(60);

    public long FeedMaxBytes { get; set; } = 20 * 1024 * 1024;

    /// <summary>Items one fetch stores, the newest: a feed listing thousands of items costs a run this many messages, not all of them.</summary>
    public int FeedMaxItems { get; set; } = 200;

    /// <summary>How long one feed request may take, headers and body together; a slow body cannot hold a worker past it.</summary>
    public TimeSpan FeedRequestTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Lets feed URLs (and redirects) reach loopback, private and link-local addresses: for local setups and tests only.</summary>
    public bool AllowPrivateAddresses { get; set; }

    /// <summary>getUpdates long-poll timeout.</summary>
    public TimeSpan PollingTimeout { get; set; } = TimeSpan.FromSeconds(10);

    public int PollingBatchSize { get; set; } = 100;

    public int ExportPageSize { get; set; } = 500;

    public long MaxUploadBytes { get; set; } = 1024L * 1024 * 1024;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (FeedMinRequestInterval < TimeSpan.Zero || FeedRetryDelay < TimeSpan.Zero || FeedMaxRetryAfter < TimeSpan.Zero)
        {
            yield return new("Ingestion:FeedMinRequestInterval, FeedRetryDelay and FeedMaxRetryAfter must not be negative.");
        }

        if (FeedRetries is < 0 or > 10)
        {
            yield return new("Ingestion:FeedRetries must be between 0 and 10.");
        }

        if (FeedRequestTimeout < TimeSpan.FromSeconds(1) || FeedRequestTimeout > TimeSpan.FromMinutes(10))
        {
            yield return new("Ingestion:FeedRequestTimeout must be between 1 second and 10 minutes.");
        }

        if (FeedMaxItems is < 1 or > 10_000)
        {
            yield return new("Ingestion:FeedMaxItems must be between 1 and 10000.");
        }

        if (PollingTimeout < TimeSpan.Zero || PollingTimeout > TimeSpan.FromSeconds(50))
        {
            yield return new("Ingestion:PollingTimeout must be between 0 and 50 seconds.");
        }

        if (PollingBatchSize is < 1 or > 100)
        {
            yield return new("Ingestion:PollingBatchSize must be between 1 and 100.");
        }

        if (ExportPageSize is < 1 or > 5000 || FeedMaxBytes < 1024 || MaxUploadBytes < 1024)
        {
            yield return new("Ingestion:ExportPageSize must be 1-5000, FeedMaxBytes and MaxUploadBytes at least 1024.");
        }
    }
}
