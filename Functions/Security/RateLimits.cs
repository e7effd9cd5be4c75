using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Microsoft.Extensions.Options;
using Sift.Api;
using Sift.Storage;

namespace Sift.Security;

/// <summary>Section <c>RateLimits</c>: requests per API key per minute, counted across every instance.</summary>
public sealed class RateLimitOptions : IValidatableObject
{
    public const string Section = "RateLimits";

    public int RequestsPerMinute { get; set; } = 600;

    /// <summary>Of those, the ones that change something or start work (POST, PUT, PATCH, DELETE), unless the function declares another <see cref="RateClass"/>.</summary>
    public int WorkRequestsPerMinute { get; set; } = 60;

    /// <summary>API requests without a valid key one client address may make a minute before it is answered 429 (<see cref="FailedAuthentications"/>).</summary>
    public int FailedAuthenticationsPerMinute { get; set; } = 30;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (RequestsPerMinute < 1)
        {
            yield return new ValidationResult("RateLimits:RequestsPerMinute must be at least 1.", [nameof(RequestsPerMinute)]);
        }

        if (WorkRequestsPerMinute < 1)
        {
            yield return new ValidationResult("RateLimits:WorkRequestsPerMinute must be at least 1.", [nameof(WorkRequestsPerMinute)]);
        }

        if (FailedAuthenticationsPerMinute < 1)
        {
            yield return new ValidationResult("RateLimits:FailedAuthenticationsPerMinute must be at least 1.", [nameof(FailedAuthenticationsPerMinute)]);
        }
    }
}

/// <summary>
/// Fixed one-minute windows kept in the store and counted with single-document read-modify-write,
/// so every instance spends the same budget and it works on any adapter. A request refused for its
/// work budget is not counted against the general one, so retried writes cannot starve the reads.
/// </summary>
internal sealed class RateLimiter(IDocumentStore store, IOptions<RateLimitOptions> options, TimeProvider clock)
{
    public const string Collection = RateWindowCounter.Collection;
    private const int WindowSeconds = 60;
    private const string Requests = "requests";
    private const string Work = "work";
    private readonly RateWindowCounter counter = new(store);

    // Cosmos drops a window on its own two minutes after its last count; Maintenance still purges (and does so on SQLite).
    public static CollectionDefinition Definition { get; } = new(Collection, ["expiresAt"], []) { Expiry = TimeSpan.FromSeconds(2 * WindowSeconds) };

    /// <summary>Counts one request of <paramref name="keyId"/>.</summary>
    /// <exception cref="RateLimitedException">The key's budget for this window is spent.</exception>
    public async Task AcquireAsync(string keyId, bool work, CancellationToken cancellationToken)
    {
        // The stricter budget first: a write it refuses must not spend the budget reads share.
        if (work)
        {
            await CountAsync(keyId, Work, options.Value.WorkRequestsPerMinute, cancellationToken);
        }

        await CountAsync(keyId, Requests, options.Value.RequestsPerMinute, cancellationToken);
    }

    /// <summary>Deletes windows that have ended; returns how many. Not a hot path: it queries across partitions.</summary>
    public Task<int> PurgeExpiredAsync(CancellationToken cancellationToken) =>
        store.DeleteBeforeAsync<RateWindow>(Collection, "expiresAt", clock.GetUtcNow().ToUnixTimeSeconds(), w => (w.KeyId, RateWindow.Id(w.Bucket, w.Start)), cancellationToken);

    private async Task CountAsync(string keyId, string bucket, int limit, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().ToUnixTimeSeconds();
        var start = now - (now % WindowSeconds);
        var end = start + WindowSeconds;
        if (!await counter.TryTakeAsync(keyId, bucket, start, end, limit, cancellationToken))
        {
            throw new RateLimitedException(
                $"This API key may make {limit} {(bucket == Work ? "changing " : "")}requests a minute; retry after the window ends.",
                TimeSpan.FromSeconds(end - now));
        }
    }
}

/// <summary>What a request spends of its key's budgets when its HTTP method alone would say it wrongly.</summary>
public enum RateClass
{
    /// <summary>A person deciding or editing a proposal: a write, but no work started, so it counts against <c>RequestsPerMinute</c> only.</summary>
    Review,
}

/// <summary>Declares a function's <see cref="RateClass"/>; read from the endpoint's metadata standalone and from the method under the Functions host.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class RateClassAttribute(RateClass rateClass) : Attribute
{
    public RateClass Class { get; } = rateClass;
}

public static class RateLimitExtensions
{
    /// <summary>
    /// Limits authenticated API requests per key. Runs after authorization, so an unknown key gets
    /// its 401 first; the webhook is never limited (Telegram must not be refused), nor are health
    /// and the OpenAPI document.
    /// </summary>
    public static IApplicationBuilder UseRateLimits(this IApplicationBuilder app) => app.Use(LimitAsync);

    private static async Task LimitAsync(HttpContext context, RequestDelegate next)
    {
        await AcquireAsync(context, context.GetEndpoint()?.Metadata.GetMetadata<RateClassAttribute>());
        await next(context);
    }

    /// <summary>Counts the request against its key's budget; throws <see cref="RateLimitedException"/> when it is spent.</summary>
    /// <param name="declared">The function's declared class; without one, a POST, PUT, PATCH or DELETE is work.</param>
    public static async Task AcquireAsync(HttpContext context, RateClassAttribute? declared)
    {
        if (IsLimited(context.Request.Path) && context.User.FindFirstValue(ApiKeyAuthentication.KeyIdClaim) is { } keyId)
        {
            var method = context.Request.Method;
            var work = declared is null && (HttpMethods.IsPost(method) || HttpMethods.IsPut(method) || HttpMethods.IsPatch(method) || HttpMethods.IsDelete(method));
            await context.RequestServices.GetRequiredService<RateLimiter>().AcquireAsync(keyId, work, context.RequestAborted);
        }
    }

    private static bool IsLimited(PathString path) =>
        path.StartsWithSegments("/api")
        && !path.StartsWithSegments("/api/telegram/webhook")
        && !path.StartsWithSegments("/api/health")
        && !path.StartsWithSegments("/api/openapi.json");
}
