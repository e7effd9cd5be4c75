using System.ClientModel;
using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;
using Polly.Timeout;
using Sift.Hosting;

namespace Sift.Llm;

/// <summary>
/// One resilience pipeline per provider, so one provider's outage never slows another's calls:
/// retries (outermost, with backoff and jitter, honouring the provider's wait), the concurrency cap,
/// the circuit breaker (each attempt counts) and the per-attempt timeout (innermost).
/// </summary>
internal sealed partial class ProviderPipelines(IOptions<ModelClientOptions> options, TimeProvider clock, ILogger<ProviderPipelines> logger) : IModelCircuits
{
    internal static readonly ResiliencePropertyKey<TimeSpan> AttemptTimeout = new("sift.llm.attempt-timeout");

    private readonly ConcurrentDictionary<string, ProviderPipeline> pipelines = new(StringComparer.Ordinal);
    private readonly ModelClientOptions settings = options.Value;

    public CircuitState StateOf(string providerId) => pipelines.TryGetValue(providerId, out var pipeline)
        ? pipeline.Circuit.CircuitState switch
        {
            Polly.CircuitBreaker.CircuitState.Closed => CircuitState.Closed,
            Polly.CircuitBreaker.CircuitState.HalfOpen => CircuitState.HalfOpen,
            _ => CircuitState.Open,
        }
        : CircuitState.Closed;

    /// <summary>Runs one request through the provider's pipeline; <paramref name="attempt"/> runs once per attempt.</summary>
    /// <exception cref="ModelUnavailableException">Retries exhausted, every attempt timed out, or the circuit is open.</exception>
    public async Task<T> ExecuteAsync<T>(ModelTarget target, Func<CancellationToken, Task<T>> attempt, CancellationToken cancellationToken)
    {
        var pipeline = pipelines.GetOrAdd(target.ProviderId, id => Create(id, target.MaxConcurrency));
        var limiter = pipeline.LimiterFor(target.MaxConcurrency);
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        context.Properties.Set(AttemptTimeout, target.Timeout);
        var attempts = 0;
        try
        {
            return await pipeline.Retries.ExecuteAsync(
                async (ctx, _) =>
                {
                    attempts++;
                    // Waiting for a slot is not part of an attempt's timeout, and a backoff holds no slot.
                    await limiter.WaitAsync(ctx.CancellationToken);
                    try
                    {
                        return await pipeline.Attempt.ExecuteAsync(async (inner, _) => await attempt(inner.CancellationToken), ctx, 0);
                    }
                    finally
                    {
                        limiter.Release();
                    }
                },
                context,
                0);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested && Reason(e, target, attempts) is { } reason)
        {
            LogUnavailable(logger, target.ProviderId, LogText.Escape(reason));
            throw new ModelUnavailableException(target.ProviderId, reason, e is ClientResultException ? null : e);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    private ProviderPipeline Create(string providerId, int maxConcurrency)
    {
        var retries = new ResiliencePipelineBuilder { TimeProvider = clock };
        if (settings.MaxRetries > 0)
        {
            retries.AddRetry(new RetryStrategyOptions
            {
                MaxRetryAttempts = settings.MaxRetries,
                Delay = settings.RetryDelay,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                ShouldHandle = args => ValueTask.FromResult(IsTransient(args.Outcome.Exception, args.Context.CancellationToken)
                    && (ProviderWait(args.Outcome.Exception) ?? TimeSpan.Zero) <= settings.MaxRetryAfter),
                DelayGenerator = args => ValueTask.FromResult(ProviderWait(args.Outcome.Exception)),
                OnRetry = args =>
                {
                    LogRetrying(logger, providerId, Status(args.Outcome.Exception), args.AttemptNumber + 1, (long)args.RetryDelay.TotalMilliseconds);
                    return ValueTask.CompletedTask;
                },
            });
        }

        var circuit = new CircuitBreakerStateProvider();
        var attempt = new ResiliencePipelineBuilder { TimeProvider = clock }
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions
            {
                FailureRatio = settings.FailureRatio,
                SamplingDuration = settings.SamplingDuration,
                MinimumThroughput = settings.MinimumThroughput,
                BreakDuration = settings.BreakDuration,
                StateProvider = circuit,
                ShouldHandle = args => ValueTask.FromResult(IsTransient(args.Outcome.Exception, args.Context.CancellationToken)),
                OnOpened = args =>
                {
                    LogCircuitOpened(logger, providerId, (long)args.BreakDuration.TotalSeconds);
                    return ValueTask.CompletedTask;
                },
                OnClosed = _ =>
                {
                    LogCircuitClosed(logger, providerId);
                    return ValueTask.CompletedTask;
                },
            })
            .AddTimeout(new TimeoutStrategyOptions { TimeoutGenerator = args => ValueTask.FromResult(args.Context.Properties.GetValue(AttemptTimeout, TimeSpan.FromSeconds(60))) })
            .Build();
        return new ProviderPipeline(retries.Build(), attempt, circuit, maxConcurrency);
    }

    /// <summary>What is worth another attempt: 408, 429, 5xx, a transport failure (status 0) or a timeout, but never the caller giving up.</summary>
    private static bool IsTransient(Exception? exception, CancellationToken callerToken) => exception switch
    {
        ClientResultException { Status: 0 } => true,
        ClientResultException e => e.Status == 408 || HttpResilience.IsTransient((System.Net.HttpStatusCode)e.Status),
        TimeoutRejectedException or HttpRequestException => true,
        // The SDK's own network timeout (set to the same per-attempt timeout) may fire before ours.
        OperationCanceledException => !callerToken.IsCancellationRequested,
        _ => false,
    };

    private TimeSpan? ProviderWait(Exception? exception) =>
        exception is ClientResultException e && e.GetRawResponse() is { } response
            ? HttpResilience.RetryAfter(Header(response, "retry-after-ms"), Header(response, "Retry-After"), clock)
            : null;

    private static string? Header(System.ClientModel.Primitives.PipelineResponse response, string name) =>
        response.Headers.TryGetValue(name, out var value) ? value : null;

    private static int Status(Exception? exception) => exception is ClientResultException e ? e.Status : 0;

    private string? Reason(Exception e, ModelTarget target, int attempts) => e switch
    {
        BrokenCircuitException => $"its circuit is open after repeated failures (calls fail fast for up to {settings.BreakDuration.TotalSeconds:0} s)",
        TimeoutRejectedException or OperationCanceledException => $"no answer within {target.Timeout.TotalSeconds:0.###} s on {attempts} attempt(s)",
        _ when Refusal(e) is { } refused => refused.Message,
        ClientResultException { Status: 0 } => $"it could not be reached on {attempts} attempt(s)",
        ClientResultException c when ProviderWait(c) is { } wait && wait > settings.MaxRetryAfter => $"it answered {c.Status} and asks to wait {wait.TotalSeconds:0} s (more than {settings.MaxRetryAfter.TotalSeconds:0} s)",
        ClientResultException c => $"it answered HTTP {c.Status} on attempt {attempts}",
        HttpRequestException => $"it could not be reached on {attempts} attempt(s)",
        _ => null,
    };

    /// <summary>The outbound filter's refusal somewhere in the chain (the SDK wraps the transport's exception).</summary>
    private static AddressRefusedException? Refusal(Exception? e) => e is null ? null : e as AddressRefusedException ?? Refusal(e.InnerException);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Model provider {ProviderId} failed with status {Status} on attempt {Attempt}; retrying in {DelayMs} ms")]
    private static partial void LogRetrying(ILogger logger, string providerId, int status, int attempt, long delayMs);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Model provider {ProviderId} is unavailable: {Reason}")]
    private static partial void LogUnavailable(ILogger logger, string providerId, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Model provider {ProviderId}'s circuit opened for {BreakSeconds} s")]
    private static partial void LogCircuitOpened(ILogger logger, string providerId, long breakSeconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "Model provider {ProviderId}'s circuit closed")]
    private static partial void LogCircuitClosed(ILogger logger, string providerId);

    private sealed class ProviderPipeline(ResiliencePipeline retries, ResiliencePipeline attempt, CircuitBreakerStateProvider circuit, int maxConcurrency)
    {
        private Slots limiter = new(maxConcurrency);

        public ResiliencePipeline Retries { get; } = retries;

        public ResiliencePipeline Attempt { get; } = attempt;

        public CircuitBreakerStateProvider Circuit { get; } = circuit;

        /// <summary>The provider's slots; a changed cap (the provider's settings were edited) starts a new set, and calls in flight release to the old one.</summary>
        public SemaphoreSlim LimiterFor(int cap)
        {
            var current = Volatile.Read(ref limiter);
            if (current.Cap == cap)
            {
                return current.Semaphore;
            }

            var replacement = new Slots(cap);
            return (Interlocked.CompareExchange(ref limiter, replacement, current) == current ? replacement : Volatile.Read(ref limiter)).Semaphore;
        }

        private sealed record Slots(int Cap)
        {
            public SemaphoreSlim Semaphore { get; } = new(Math.Max(1, Cap));
        }
    }
}
