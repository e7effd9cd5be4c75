using System.ComponentModel.DataAnnotations;

namespace Sift.Webhooks;

/// <summary>Section <c>Webhooks</c>: outgoing webhooks' reach, retries and limits.</summary>
public sealed class WebhookOptions : IValidatableObject
{
    public const string Section = "Webhooks";
    public const string AllowPrivateAddressesSetting = Section + ":AllowPrivateAddresses";

    /// <summary>Lets webhook URLs reach loopback, private and link-local addresses, and loopback over plain http: for local setups and tests only.</summary>
    public bool AllowPrivateAddresses { get; set; }

    /// <summary>Attempts of one delivery, the first included, before it is given up.</summary>
    public int MaxAttempts { get; set; } = 8;

    /// <summary>The wait before the second attempt; each later wait doubles, up to <see cref="MaxRetryDelay"/>.</summary>
    public TimeSpan FirstRetryDelay { get; set; } = TimeSpan.FromSeconds(30);

    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromHours(6);

    /// <summary>How long a receiver may take to answer one attempt.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Webhooks that may be registered at once: every event is fanned out to each.</summary>
    public int MaxWebhooks { get; set; } = 50;

    /// <summary>How long stored events and the delivery log are kept: Maintenance deletes what is older.</summary>
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(30);

    /// <summary>The longest a retention may be: the collections' own expiry (a Cosmos TTL backstop) is a little longer.</summary>
    public static readonly TimeSpan MaxRetention = TimeSpan.FromDays(365);

    /// <summary>The stored events' and delivery log's expiry (a Cosmos TTL, in infra too): a backstop past any retention, should Maintenance stop.</summary>
    public static readonly TimeSpan Expiry = TimeSpan.FromDays(400);

    /// <summary>
    /// How long an attempt's claim holds before another copy of its message may take it over: the send's deadline
    /// and a minute for reading before and logging after it. A sender slower than that may be sent beside (receivers
    /// deduplicate on X-Sift-Delivery).
    /// </summary>
    public TimeSpan ClaimLease => RequestTimeout + TimeSpan.FromMinutes(1);

    /// <summary>From the first attempt to the last, at the longest: every wait between attempts.</summary>
    public TimeSpan RetrySpan => Enumerable.Range(1, Math.Max(MaxAttempts - 1, 0)).Aggregate(TimeSpan.Zero, (sum, failed) => sum + RetryDelay(failed));

    public TimeSpan RetryDelay(int failedAttempt)
    {
        var delay = FirstRetryDelay * Math.Pow(2, Math.Min(failedAttempt - 1, 30));
        return delay < MaxRetryDelay ? delay : MaxRetryDelay;
    }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (MaxAttempts is < 1 or > 20)
        {
            yield return new("Webhooks:MaxAttempts must be between 1 and 20.");
        }

        // A Storage queue message may be kept invisible for at most 7 days.
        var delaysValid = FirstRetryDelay >= TimeSpan.Zero && MaxRetryDelay >= FirstRetryDelay && MaxRetryDelay <= TimeSpan.FromDays(7);
        if (!delaysValid)
        {
            yield return new("Webhooks:FirstRetryDelay must not be negative and MaxRetryDelay must be between it and 7 days.");
        }

        if (RequestTimeout < TimeSpan.FromSeconds(1) || RequestTimeout > TimeSpan.FromMinutes(2))
        {
            yield return new("Webhooks:RequestTimeout must be between 1 second and 2 minutes.");
        }

        // An event is read at every attempt: it must outlive its deliveries' retries.
        if (MaxAttempts is >= 1 and <= 20 && delaysValid && (Retention < RetrySpan + TimeSpan.FromDays(1) || Retention > MaxRetention))
        {
            yield return new($"Webhooks:Retention must be between a day more than the retries take ({RetrySpan.TotalHours:0.#} h with these settings) and {MaxRetention.TotalDays:0} days.");
        }

        if (MaxWebhooks is < 1 or > Api.Paging.MaxLimit)
        {
            yield return new($"Webhooks:MaxWebhooks must be between 1 and {Api.Paging.MaxLimit}.");
        }
    }
}
