using Sift.Hosting;
using Sift.Storage;
using Microsoft.Extensions.Options;

namespace Sift.Orchestration;

/// <summary>
/// Queue function on <c>orchestration-work</c>: advances one step. A message for another
/// execution, step or attempt is stale and dropped. The step's side effects run first, then the
/// outcome is committed with the instance's ETag, then the next message is sent; a crash at any
/// point leaves either the step to redo or the message to re-send (Maintenance does that).
/// A step runs under <see cref="OrchestrationOptions.StepTimeout"/>, and every step logs inside a
/// scope carrying the execution's correlation id.
/// </summary>
internal sealed partial class OrchestrationWorker(
    IDocumentStore store, IQueueClient queues, IEnumerable<OrchestratorRegistration> orchestrators, IServiceProvider services, TimeProvider clock,
    IOptions<OrchestrationOptions> options, ILogger<OrchestrationWorker> logger) : IQueueHandler<WorkItem>
{
    public async Task HandleAsync(WorkItem work, CancellationToken cancellationToken)
    {
        var stored = await LoadCurrentAsync(work, cancellationToken);
        if (stored is null)
        {
            return;
        }

        var (instance, etag) = (stored.Value, stored.ETag);
        using var scope = logger.BeginScope(new Dictionary<string, object?>
        {
            ["CorrelationId"] = instance.CorrelationId, ["InstanceId"] = instance.InstanceId, ["Step"] = instance.Step,
        });
        if (instance.Status == OrchestrationStatus.Pending)
        {
            instance = instance with { Status = OrchestrationStatus.Running, LastUpdatedAt = clock.GetUtcNow() };
            if (await CommitAsync(instance, etag, cancellationToken) is not { } running)
            {
                return;
            }

            etag = running;
        }

        var outcome = await RunStepAsync(instance, cancellationToken);
        var now = clock.GetUtcNow();
        var next = outcome switch
        {
            StepResult.NextStep c => instance with { Step = c.Step, Attempt = 0, State = c.State, Progress = c.Progress, Error = null, LastUpdatedAt = now },
            StepResult.Completed c => instance with { Status = OrchestrationStatus.Completed, Output = c.Output, Progress = c.Progress, Error = null, LastUpdatedAt = now, CompletedAt = now },
            StepResult.Failed f => instance with { Status = OrchestrationStatus.Failed, Output = f.Output ?? instance.Output, Error = f.Error, Progress = f.Progress, LastUpdatedAt = now, CompletedAt = now },
            Retry r => instance with { Attempt = instance.Attempt + 1, Error = r.Error, LastUpdatedAt = now },
            _ => throw new InvalidOperationException($"Unknown step result {outcome}."),
        };
        if (await CommitAsync(next, etag, cancellationToken) is null || !next.IsActive)
        {
            return;
        }

        await queues.SendJsonAsync(WorkItem.Queue, next.NextWork, cancellationToken, outcome is Retry retry ? retry.Delay : null);
    }

    private async Task<Stored<OrchestrationInstance>?> LoadCurrentAsync(WorkItem work, CancellationToken cancellationToken)
    {
        var stored = await store.GetAsync<OrchestrationInstance>(OrchestrationInstance.Collection, work.InstanceId, work.InstanceId, cancellationToken);
        if (stored?.Value is { IsActive: true } instance && instance.ExecutionId == work.ExecutionId && instance.Step == work.Step && instance.Attempt == work.Attempt)
        {
            return stored;
        }

        LogStale(logger, work.InstanceId, work.Step, work.Attempt);
        return null;
    }

    private async Task<StepResult> RunStepAsync(OrchestrationInstance instance, CancellationToken cancellationToken)
    {
        if (orchestrators.SingleOrDefault(o => o.Name == instance.Name) is not { } registration)
        {
            return StepResult.Fail($"No orchestration is named '{instance.Name}'.", instance.Progress);
        }

        var orchestrator = (IOrchestrator)services.GetRequiredService(registration.Type);
        var stepTimeout = options.Value.StepTimeout;
        using var deadline = new CancellationTokenSource(stepTimeout, clock);
        using var step = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        try
        {
            return await orchestrator.RunStepAsync(new StepContext(instance, new OrchestrationResults(store, instance.InstanceId, instance.ExecutionId)), step.Token);
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            LogStepTimedOut(logger, instance.InstanceId, instance.Step, stepTimeout);
            return Failed(instance, StepFailure.TimedOut(stepTimeout));
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            LogStepFailed(logger, e, instance.InstanceId, instance.Step, instance.Attempt + 1, options.Value.MaxAttempts);
            return Failed(instance, StepFailure.Reason(e));
        }
    }

    /// <summary>A failed attempt: retried with backoff (doubling, with jitter) until the attempts run out.</summary>
    private StepResult Failed(OrchestrationInstance instance, string reason)
    {
        var attempts = instance.Attempt + 1;
        var error = StepFailure.Describe(instance.Step, attempts, reason);
        if (attempts >= options.Value.MaxAttempts)
        {
            return StepResult.Fail(error, instance.Progress);
        }

        var backoff = options.Value.RetryDelay * Math.Pow(2, instance.Attempt) * (0.8 + (Random.Shared.NextDouble() * 0.4));
        return new Retry(error, backoff, instance.Progress);
    }

    /// <returns>The new ETag, or null when the instance changed meanwhile (terminated, or a duplicate message won).</returns>
    private async Task<string?> CommitAsync(OrchestrationInstance instance, string etag, CancellationToken cancellationToken)
    {
        try
        {
            return (await store.ReplaceAsync(OrchestrationInstance.Collection, instance.InstanceId, instance.InstanceId, instance, etag, cancellationToken)).ETag;
        }
        catch (DocumentPreconditionException)
        {
            LogLostRace(logger, instance.InstanceId, instance.Step);
            return null;
        }
    }

    /// <summary>A transient step failure: run the same step again after <see cref="Delay"/>.</summary>
    private sealed record Retry(string Error, TimeSpan Delay, OrchestrationProgress Progress) : StepResult(Progress);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Orchestration {InstanceId}: dropped stale work for step {Step} attempt {Attempt}")]
    private static partial void LogStale(ILogger logger, string instanceId, string step, int attempt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Orchestration {InstanceId}: step {Step} failed (attempt {Attempt} of {MaxAttempts})")]
    private static partial void LogStepFailed(ILogger logger, Exception error, string instanceId, string step, int attempt, int maxAttempts);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Orchestration {InstanceId}: step {Step} did not finish within {StepTimeout}")]
    private static partial void LogStepTimedOut(ILogger logger, string instanceId, string step, TimeSpan stepTimeout);

    [LoggerMessage(Level = LogLevel.Information, Message = "Orchestration {InstanceId}: step {Step} not committed, the instance changed meanwhile")]
    private static partial void LogLostRace(ILogger logger, string instanceId, string step);
}
