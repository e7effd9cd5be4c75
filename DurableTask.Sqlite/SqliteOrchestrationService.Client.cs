using DurableTask.Core;
using DurableTask.Core.History;

namespace Sift.DurableTask.Sqlite;

public sealed partial class SqliteOrchestrationService
{
    /// <summary>Starts an instance; an existing one with the id is replaced whatever its status (use dedupe statuses to refuse).</summary>
    public Task CreateTaskOrchestrationAsync(TaskMessage creationMessage) => CreateTaskOrchestrationAsync(creationMessage, dedupeStatuses: null);

    /// <summary>
    /// Starts an instance, or throws <see cref="global::DurableTask.Core.Exceptions.OrchestrationAlreadyExistsException"/> when one
    /// with the id has a status in <paramref name="dedupeStatuses"/>. The check and the start are one transaction, so of concurrent
    /// starts of one id exactly one succeeds.
    /// </summary>
    public async Task CreateTaskOrchestrationAsync(TaskMessage creationMessage, OrchestrationStatus[]? dedupeStatuses)
    {
        ArgumentNullException.ThrowIfNull(creationMessage);
        if (creationMessage.Event is not ExecutionStartedEvent)
        {
            throw new ArgumentException("A creation message holds an ExecutionStartedEvent.", nameof(creationMessage));
        }

        await database.WriteAsync((connection, transaction) =>
            Instances.Start(connection, transaction, creationMessage, dedupeStatuses, DateTime.UtcNow));
        stateChanged.Pulse();
        orchestrationWork.Pulse();
    }

    /// <summary>Queues a message for an existing instance; a message for an id that does not exist is dropped.</summary>
    public Task SendTaskOrchestrationMessageAsync(TaskMessage message) => SendTaskOrchestrationMessageBatchAsync(message);

    public async Task SendTaskOrchestrationMessageBatchAsync(params TaskMessage[] messages)
    {
        ArgumentNullException.ThrowIfNull(messages);
        await database.WriteAsync((connection, transaction) =>
        {
            var now = DateTime.UtcNow;
            foreach (var message in messages)
            {
                Instances.Enqueue(connection, transaction, message, now);
            }
        });
        orchestrationWork.Pulse();
    }

    /// <summary>Terminates through a message, so the orchestration ends where it stands, even while it waits on a timer.</summary>
    public Task ForceTerminateTaskOrchestrationAsync(string instanceId, string reason) =>
        SendTaskOrchestrationMessageAsync(new TaskMessage
        {
            OrchestrationInstance = new OrchestrationInstance { InstanceId = instanceId },
            Event = new ExecutionTerminatedEvent(-1, reason),
        });

    /// <summary>
    /// Waits until the instance ends (one not created yet is waited for too, as the sidecar's client expects); null if
    /// <paramref name="timeout"/> passes first. A non-positive timeout waits until <paramref name="cancellationToken"/> says stop.
    /// </summary>
    public async Task<OrchestrationState> WaitForOrchestrationAsync(string instanceId, string? executionId, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = timeout <= TimeSpan.Zero ? DateTime.MaxValue : DateTime.UtcNow + timeout;
        while (true)
        {
            var pulse = stateChanged.Next;
            var state = await GetOrchestrationStateAsync(instanceId, executionId);
            if (state is not null && Instances.IsTerminal(state.OrchestrationStatus))
            {
                return state;
            }

            var now = DateTime.UtcNow;
            if (now >= deadline)
            {
                return null!;
            }

            await WorkSignal.WaitAsync(pulse, new[] { deadline - now, settings.PollingInterval }.Min(), cancellationToken);
        }
    }

    /// <summary>The instance's state: only the latest execution is kept, so there is one at most.</summary>
    public async Task<IList<OrchestrationState>> GetOrchestrationStateAsync(string instanceId, bool allExecutions) =>
        await GetOrchestrationStateAsync(instanceId, executionId: null) is { } state ? [state] : [];

    public Task<OrchestrationState> GetOrchestrationStateAsync(string instanceId, string? executionId) =>
        Task.FromResult(database.Read(connection => Database.Query(connection, null,
            $"SELECT {Instances.StateColumns} FROM instances WHERE instance_id = $id AND ($execution IS NULL OR execution_id = $execution)",
            row => Instances.ReadState(row, withInputsAndOutputs: true), ("$id", instanceId), ("$execution", executionId)).SingleOrDefault())!);

    /// <summary>The current execution's history as a JSON array of DTFx history events (with their type names).</summary>
    public Task<string> GetOrchestrationHistoryAsync(string instanceId, string? executionId) =>
        Task.FromResult(database.Read(connection =>
        {
            var events = Database.Query(connection, null, """
                SELECT event FROM history WHERE instance_id = $id AND ($execution IS NULL OR execution_id = $execution) ORDER BY sequence
                """, row => Json.Read<HistoryEvent>(row.GetString(0)), ("$id", instanceId), ("$execution", executionId));
            return Json.Write(events)!;
        }));

    /// <summary>Deletes the ended instances older than <paramref name="thresholdDateTimeUtc"/> by the chosen time.</summary>
    public Task PurgeOrchestrationHistoryAsync(DateTime thresholdDateTimeUtc, OrchestrationStateTimeRangeFilterType timeRangeFilterType)
    {
        var column = timeRangeFilterType switch
        {
            OrchestrationStateTimeRangeFilterType.OrchestrationCreatedTimeFilter => "created_at",
            OrchestrationStateTimeRangeFilterType.OrchestrationCompletedTimeFilter => "completed_at",
            _ => "updated_at",
        };
        return database.WriteAsync((connection, transaction) =>
            Instances.PurgeTerminal(connection, transaction, $"{column} < $threshold", ("$threshold", Instances.Ticks(thresholdDateTimeUtc))));
    }
}
