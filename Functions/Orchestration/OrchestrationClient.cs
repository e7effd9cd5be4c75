using System.Diagnostics;
using System.Text.Json;
using System.Text.RegularExpressions;
using Sift.Api;
using Sift.Hosting;
using Sift.Storage;

namespace Sift.Orchestration;

/// <summary>
/// Starts, reads, terminates and purges orchestration instances. Starting an id whose instance
/// is Pending or Running starts nothing; starting one whose last execution ended starts a new
/// execution. Every change is one ETag-checked replace of the instance document.
/// </summary>
public sealed partial class OrchestrationClient(IDocumentStore store, IQueueClient queues, TimeProvider clock, IEnumerable<OrchestratorRegistration> orchestrators)
{
    public static CollectionDefinition Definition { get; } = new(OrchestrationInstance.Collection, ["lastUpdatedAt"], ["name", "status", "subject"]);

    /// <param name="subject">What the instance is about (e.g. <c>chat:42</c>), for lists of the instances about one thing.</param>
    /// <returns>The instance, and whether this call started it (false: it was already Pending or Running).</returns>
    public async Task<(OrchestrationInstance Instance, bool Started)> StartAsync(
        string name, string instanceId, object? input, CancellationToken cancellationToken, string? subject = null)
    {
        ValidateId(instanceId);
        var orchestrator = orchestrators.SingleOrDefault(o => o.Name == name) ?? throw new InvalidOperationException($"No orchestration is named '{name}'.");
        var serializedInput = input is null ? (JsonElement?)null : JsonSerializer.SerializeToElement(input, SiftJson.Options);
        var result = await store.ModifyAsync<OrchestrationInstance>(OrchestrationInstance.Collection, instanceId, instanceId, existing =>
        {
            if (existing is { IsActive: true })
            {
                return existing;
            }

            var now = clock.GetUtcNow();
            return new OrchestrationInstance
            {
                InstanceId = instanceId,
                Name = name,
                ExecutionId = Guid.NewGuid().ToString("N"),
                Status = OrchestrationStatus.Pending,
                Input = serializedInput,
                Subject = subject,
                Step = orchestrator.FirstStep,
                CorrelationId = Activity.Current?.TraceId.ToHexString() ?? Guid.NewGuid().ToString("N"),
                CreatedAt = now,
                LastUpdatedAt = now,
                Executions = existing is null ? [] : [existing.Summary, .. existing.Executions.Take(OrchestrationInstance.MaxHistory - 1)],
            };
        }, cancellationToken);
        if (result.Outcome == ModifyOutcome.Unchanged)
        {
            return (result.Value!, false);
        }

        // A crash before this send leaves a Pending instance that Maintenance re-enqueues.
        await queues.SendJsonAsync(WorkItem.Queue, result.Value!.NextWork, cancellationToken);
        return (result.Value, true);
    }

    /// <summary>Starts the instance, or throws a ConflictException carrying its status URL while it is Pending or Running.</summary>
    /// <param name="busy">Says, for people, what is already running.</param>
    public async Task<OrchestrationInstance> StartOrConflictAsync(
        string name, string instanceId, object? input, string busy, CancellationToken cancellationToken, string? subject = null)
    {
        var (instance, started) = await StartAsync(name, instanceId, input, cancellationToken, subject);
        return started ? instance : throw Busy(instance, busy);
    }

    /// <summary>The 409 for an instance that is still Pending or Running: the status URL goes with it.</summary>
    public static ConflictException Busy(OrchestrationInstance running, string busy) =>
        new($"{busy} ({running.Status}); try again when it has ended.")
        {
            Extensions = { ["statusUrl"] = OrchestrationStatusResponse.Url(running.InstanceId) },
        };

    public async Task<OrchestrationInstance?> FindAsync(string instanceId, CancellationToken cancellationToken) =>
        (await store.GetAsync<OrchestrationInstance>(OrchestrationInstance.Collection, instanceId, instanceId, cancellationToken))?.Value;

    public async Task<OrchestrationInstance> GetAsync(string instanceId, CancellationToken cancellationToken) =>
        await FindAsync(instanceId, cancellationToken) ?? throw new NotFoundException($"No orchestration instance '{instanceId}'.");

    public Task<Page<OrchestrationInstance>> ListAsync(
        string? name, OrchestrationStatus? status, int limit, string? continuation, CancellationToken cancellationToken, string? subject = null)
    {
        var filters = DocumentQuery.Present(("subject", subject), ("name", name), ("status", status is { } s ? EnumQuery.Name(s) : null));
        return store.QueryAsync<OrchestrationInstance>(OrchestrationInstance.Collection,
            new DocumentQuery { SortField = "lastUpdatedAt", Equal = filters, Limit = limit, Continuation = continuation }, cancellationToken);
    }

    /// <exception cref="ConflictException">The instance already ended.</exception>
    public async Task<OrchestrationInstance> TerminateAsync(string instanceId, string reason, CancellationToken cancellationToken) =>
        (await store.ModifyAsync<OrchestrationInstance>(OrchestrationInstance.Collection, instanceId, instanceId, stored =>
        {
            if (stored is null)
            {
                throw new NotFoundException($"No orchestration instance '{instanceId}'.");
            }

            if (!stored.IsActive)
            {
                throw new ConflictException($"Instance '{instanceId}' already ended ({stored.Status}).");
            }

            var now = clock.GetUtcNow();
            return stored with { Status = OrchestrationStatus.Terminated, Error = reason, LastUpdatedAt = now, CompletedAt = now };
        }, cancellationToken)).Value!;

    /// <summary>Deletes an ended instance with its results and history.</summary>
    public async Task PurgeAsync(string instanceId, CancellationToken cancellationToken)
    {
        var instance = await GetAsync(instanceId, cancellationToken);
        if (instance.IsActive)
        {
            throw new ConflictException($"Instance '{instanceId}' is {instance.Status}; terminate it before purging.");
        }

        foreach (var executionId in instance.Executions.Select(e => e.ExecutionId).Prepend(instance.ExecutionId))
        {
            await new OrchestrationResults(store, instanceId, executionId).DeleteAllAsync(cancellationToken);
        }

        await store.DeleteAsync(StallRecovery.Collection, instanceId, instanceId, cancellationToken);
        await store.DeleteAsync(OrchestrationInstance.Collection, instanceId, instanceId, cancellationToken);
    }

    /// <summary>
    /// Re-enqueues the current step of active instances nobody touched for <paramref name="stallTimeout"/>,
    /// without changing them (see <see cref="StallRecovery"/>).
    /// </summary>
    /// <returns>How many instances were recovered.</returns>
    public async Task<int> RecoverStalledAsync(TimeSpan stallTimeout, CancellationToken cancellationToken)
    {
        var recovered = 0;
        var cutoff = UtcTimestampConverter.ToText(clock.GetUtcNow() - stallTimeout);
        // Instances written before statuses were PascalCase say "pending" or "running" until their next write.
        foreach (var status in new[] { EnumQuery.Name(OrchestrationStatus.Pending), EnumQuery.Name(OrchestrationStatus.Running), "pending", "running" })
        {
            var page = await store.QueryAsync<OrchestrationInstance>(OrchestrationInstance.Collection, new DocumentQuery
            {
                SortField = "lastUpdatedAt",
                Equal = new Dictionary<string, object> { ["status"] = status },
                Until = cutoff,
                Limit = 200,
            }, cancellationToken);
            foreach (var instance in page.Items)
            {
                recovered += await RecoverAsync(instance, stallTimeout, cancellationToken) ? 1 : 0;
            }
        }

        return recovered;
    }

    private async Task<bool> RecoverAsync(OrchestrationInstance stalled, TimeSpan stallTimeout, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var note = await store.ModifyAsync<StallRecovery>(StallRecovery.Collection, stalled.InstanceId, stalled.InstanceId,
            last => last is not null && last.Covers(stalled, now, stallTimeout) ? last : StallRecovery.Of(stalled, now), cancellationToken);
        if (note.Outcome == ModifyOutcome.Unchanged)
        {
            return false;
        }

        // A stale send (the instance moved on since the query) is dropped by the worker.
        await queues.SendJsonAsync(WorkItem.Queue, stalled.NextWork, cancellationToken);
        return true;
    }

    private static void ValidateId(string instanceId)
    {
        if (!InstanceIdFormat().IsMatch(instanceId))
        {
            throw new ValidationException("instanceId", "An instance id is 1-200 characters of letters, digits, '-', '_', '.' and ':'.");
        }
    }

    [GeneratedRegex("^[A-Za-z0-9_.:-]{1,200}$")]
    private static partial Regex InstanceIdFormat();
}
