using System.Net;
using Polly;
using Polly.Retry;

namespace Sift.Hosting;

/// <summary>
/// The one retry pipeline for outgoing HTTP: retries 429, 5xx and transport failures with
/// exponential backoff and jitter, and waits what the server's Retry-After says when it says it
/// (up to <paramref name="maxRetryAfter"/>: a longer wait is reported, not slept through).
/// </summary>
public static class HttpResilience
{
    public static ResiliencePipeline<HttpResponseMessage> Create(int maxRetries, TimeSpan baseDelay, TimeSpan maxRetryAfter, TimeProvider clock)
    {
        var builder = new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = clock };
        // Polly refuses a retry strategy of zero attempts: no retries is no strategy.
        return maxRetries == 0 ? builder.Build() : builder
            .AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                MaxRetryAttempts = maxRetries,
                Delay = baseDelay,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                ShouldHandle = args => ValueTask.FromResult(args.Outcome switch
                {
                    { Exception: HttpRequestException } => true,
                    { Exception: TimeoutException } => true,
                    { Exception: TaskCanceledException { InnerException: TimeoutException } } => true,
                    { Result: { } response } => IsTransient(response.StatusCode) && (RetryAfter(response, clock) ?? TimeSpan.Zero) <= maxRetryAfter,
                    _ => false,
                }),
                DelayGenerator = args => ValueTask.FromResult(args.Outcome.Result is { } response ? RetryAfter(response, clock) : null),
                OnRetry = args =>
                {
                    args.Outcome.Result?.Dispose();
                    return ValueTask.CompletedTask;
                },
            })
            .Build();
    }

    public static bool IsTransient(HttpStatusCode status) => status == HttpStatusCode.TooManyRequests || (int)status >= 500;

    /// <summary>
    /// The wait a 429/503 asks for, from raw header values: Azure's <c>retry-after-ms</c> (milliseconds)
    /// first, else a delta-seconds or HTTP-date <c>Retry-After</c>. For clients that see headers as
    /// strings (the OpenAI SDK's responses) rather than as an <see cref="HttpResponseMessage"/>.
    /// </summary>
    public static TimeSpan? RetryAfter(string? retryAfterMs, string? retryAfter, TimeProvider clock)
    {
        if (double.TryParse(retryAfterMs, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var ms) && ms >= 0)
        {
            return TimeSpan.FromMilliseconds(ms);
        }

        if (System.Net.Http.Headers.RetryConditionHeaderValue.TryParse(retryAfter, out var parsed))
        {
            return parsed switch
            {
                { Delta: { } delta } => delta,
                { Date: { } date } => date - clock.GetUtcNow() is var wait && wait > TimeSpan.Zero ? wait : TimeSpan.Zero,
                _ => null,
            };
        }

        return null;
    }

    /// <summary>The wait a 429/503 asks for, from a delta-seconds or HTTP-date Retry-After.</summary>
    public static TimeSpan? RetryAfter(HttpResponseMessage response, TimeProvider clock) => response.Headers.RetryAfter switch
    {
        { Delta: { } delta } => delta,
        { Date: { } date } => date - clock.GetUtcNow() is var wait && wait > TimeSpan.Zero ? wait : TimeSpan.Zero,
        _ => null,
    };
}
