using System.Text.Json;
using System.Text.RegularExpressions;
using DurableTask.Core.Exceptions;
using Microsoft.DurableTask;
using Page = Sift.Storage.Page<Sift.Orchestration.OrchestrationInstance>;
using Microsoft.DurableTask.Client;
using Sift.Api;
using Sift.Storage;

namespace Sift.Orchestration;

/// <summary>
/// Starts, reads, terminates and purges orchestration instances through Durable's client. Of many concurrent starts of
/// one id, one takes the id's <see cref="StartClaims">claim</see> and schedules; the others are told the instance
/// exists. The schedule also names the statuses in which the id refuses a second start (Pending, Running, Suspended),
/// so another client starting the id (the Functions host's own) cannot run it twice either.
/// </summary>
public sealed partial class OrchestrationClient(
    DurableClientAccessor durable, IEnumerable<OrchestrationRegistration> orchestrations, ContinuationProtection continuations, IDocumentStore store)
{
    private readonly StartClaims claims = new(store);

    private const string ListCollection = "orchestrations";
    private static readonly TimeSpan TerminationWait = TimeSpan.FromSeconds(5);

    /// <returns>The instance, and whether this call started it (false: it was already Pending, Running or Suspended).</returns>
    public async Task<(OrchestrationInstance Instance, bool Started)> StartAsync(string name, string instanceId, object? input, CancellationToken cancellationToken)
    {
        ValidateId(instanceId);
        if (!orchestrations.Any(o => o.Name == name))
        {
            throw new InvalidOperationException($"No orchestration is named '{name}'.");
        }

        var current = await FindAsync(instanceId, cancellationToken);
        if (!await claims.TryClaimAsync(instanceId, current, cancellationToken))
        {
            return (current ?? Scheduled(name, instanceId, input), false);
        }

        try
        {
            var options = new StartOrchestrationOptions(instanceId).WithDedupeStatuses(OrchestrationInstance.ActiveStatuses);
            await durable.Client.ScheduleNewOrchestrationInstanceAsync(name, input, options, cancellationToken);
        }
        catch (OrchestrationAlreadyExistsException)
        {
            return (await GetAsync(instanceId, cancellationToken), false);
        }

        return (await FindAsync(instanceId, cancellationToken) ?? Scheduled(name, instanceId, input), true);
    }

    /// <summary>Starts the instance, or throws a ConflictException carrying its status URL while it is active.</summary>
    /// <param name="busy">Says, for people, what is already running.</param>
    public async Task<OrchestrationInstance> StartOrConflictAsync(string name, string instanceId, object? input, string busy, CancellationToken cancellationToken)
    {
        var (instance, started) = await StartAsync(name, instanceId, input, cancellationToken);
        return started ? instance : throw Busy(instance, busy);
    }

    /// <summary>The 409 for an instance that is still active: the status URL goes with it.</summary>
    public static ConflictException Busy(OrchestrationInstance running, string busy) =>
        new($"{busy} ({running.Status}); try again when it has ended.")
        {
            Extensions = { ["statusUrl"] = OrchestrationStatusResponse.Url(running.InstanceId) },
        };

    public async Task<OrchestrationInstance?> FindAsync(string instanceId, CancellationToken cancellationToken) =>
        await durable.Client.GetInstanceAsync(instanceId, getInputsAndOutputs: true, cancellationToken) is { } metadata ? OrchestrationInstance.From(metadata) : null;

    public async Task<OrchestrationInstance> GetAsync(string instanceId, CancellationToken cancellationToken) =>
        await FindAsync(instanceId, cancellationToken) ?? throw new NotFoundException($"No orchestration instance '{ProblemTitles.Echo(instanceId)}'.");

    /// <summary>A page of instances, by name (its id prefix) or an id prefix of the caller's, and status.</summary>
    public async Task<Page> ListAsync(
        string? name, OrchestrationStatus? status, int limit, string? continuation, CancellationToken cancellationToken, string? idPrefix = null)
    {
        var prefix = idPrefix ?? (name is null ? null : orchestrations.FirstOrDefault(o => o.Name == name)?.IdPrefix);
        var scope = $"{name}|{prefix}|{status}";
        var position = continuation is null ? null : continuations.OpenOpaque(continuation, ListCollection, scope);
        if (name is not null && prefix is null)
        {
            return new Page([], null);
        }

        var query = new OrchestrationQuery
        {
            InstanceIdPrefix = prefix,
            Statuses = status is { } s ? OrchestrationInstance.RuntimeStatusesOf(s) : null,
            PageSize = limit,
            ContinuationToken = position,
            FetchInputsAndOutputs = true,
        };
        await foreach (var page in durable.Client.GetAllInstancesAsync(query).AsPages(query.ContinuationToken, limit).WithCancellation(cancellationToken))
        {
            var items = page.Values.Select(OrchestrationInstance.From).Where(i => name is null || i.Name == name).ToList();
            return new Page(items,
                page.ContinuationToken is { } next ? continuations.SealOpaque(next, ListCollection, scope) : null);
        }

        return new Page([], null);
    }

    /// <summary>Terminates an active instance and waits a few seconds for it to say so.</summary>
    /// <exception cref="ConflictException">The instance already ended.</exception>
    public async Task<OrchestrationInstance> TerminateAsync(string instanceId, string reason, CancellationToken cancellationToken)
    {
        var instance = await GetAsync(instanceId, cancellationToken);
        if (instance.HasEnded)
        {
            throw new ConflictException($"Instance '{instanceId}' already ended ({instance.Status}).");
        }

        await durable.Client.TerminateInstanceAsync(instanceId, reason, cancellationToken);
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        wait.CancelAfter(TerminationWait);
        try
        {
            return OrchestrationInstance.From(await durable.Client.WaitForInstanceCompletionAsync(instanceId, getInputsAndOutputs: true, wait.Token));
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return await GetAsync(instanceId, cancellationToken);
        }
    }

    /// <summary>Deletes an ended instance with its history.</summary>
    public async Task PurgeAsync(string instanceId, CancellationToken cancellationToken)
    {
        var instance = await GetAsync(instanceId, cancellationToken);
        if (!instance.HasEnded)
        {
            throw new ConflictException($"Instance '{instanceId}' is {instance.Status}; terminate it before purging.");
        }

        await durable.Client.PurgeInstanceAsync(instanceId, cancellation: cancellationToken);
        await claims.ForgetAsync(instanceId, cancellationToken);
    }

    private static OrchestrationInstance Scheduled(string name, string instanceId, object? input) => new(
        instanceId, name, OrchestrationStatus.Pending, input is null ? null : JsonSerializer.SerializeToElement(input, SiftJson.Options), null, null,
        OrchestrationProgress.None, DateTimeOffset.UtcNow, DateTimeOffset.UtcNow);

    private static void ValidateId(string instanceId)
    {
        if (!InstanceIdFormat().IsMatch(instanceId))
        {
            throw new ValidationException("instanceId", "An instance id is 1-200 characters of letters, digits, '-', '_', '.', ':' and '@'.");
        }
    }

    [GeneratedRegex("^[A-Za-z0-9_.:@-]{1,200}$")]
    private static partial Regex InstanceIdFormat();
}
