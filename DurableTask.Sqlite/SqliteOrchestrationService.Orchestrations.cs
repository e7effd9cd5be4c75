using DurableTask.Core;
using DurableTask.Core.Exceptions;
using DurableTask.Core.History;
using Microsoft.Data.Sqlite;

namespace Sift.DurableTask.Sqlite;

public sealed partial class SqliteOrchestrationService
{
    private static readonly OrchestrationStatus[] ActiveStatuses = [OrchestrationStatus.Pending, OrchestrationStatus.Running, OrchestrationStatus.Suspended];

    /// <summary>Locks the next instance with visible messages (one work item per instance) with all of them and its history.</summary>
    public async Task<TaskOrchestrationWorkItem> LockNextTaskOrchestrationWorkItemAsync(TimeSpan receiveTimeout, CancellationToken cancellationToken) =>
        (await FetchAsync(orchestrationWork, now => database.WriteAsync((connection, transaction) =>
            TryLockOrchestration(connection, transaction, now), cancellationToken), receiveTimeout, cancellationToken))!;

    public Task RenewTaskOrchestrationWorkItemLockAsync(TaskOrchestrationWorkItem workItem)
    {
        var locked = (LockedOrchestration)workItem;
        var until = DateTime.UtcNow + settings.LockTimeout;
        locked.LockedUntilUtc = until;
        return database.WriteAsync((connection, transaction) => Database.Execute(connection, transaction,
            "UPDATE instances SET lock_expires = $until WHERE instance_id = $id AND lock_token = $token",
            ("$until", Instances.Ticks(until)), ("$id", locked.InstanceId), ("$token", locked.Token)));
    }

    /// <summary>
    /// Saves an episode in one transaction: the new history, the activities, timers and messages it sends, the
    /// instance's state and the removal of the messages it consumed. Nothing is saved if the lock was lost or the
    /// instance replaced meanwhile.
    /// </summary>
    public async Task CompleteTaskOrchestrationWorkItemAsync(
        TaskOrchestrationWorkItem workItem,
        OrchestrationRuntimeState newOrchestrationRuntimeState,
        IList<TaskMessage> outboundMessages,
        IList<TaskMessage> orchestratorMessages,
        IList<TaskMessage> timerMessages,
        TaskMessage? continuedAsNewMessage,
        OrchestrationState? orchestrationState)
    {
        var locked = (LockedOrchestration)workItem;
        var saved = await database.WriteAsync((connection, transaction) =>
        {
            var now = DateTime.UtcNow;
            var current = Database.Query(connection, transaction, "SELECT execution_id, lock_token FROM instances WHERE instance_id = $id",
                row => (Execution: row.GetString(0), Token: row.IsDBNull(1) ? null : row.GetString(1)), ("$id", locked.InstanceId));
            if (current is not [var instance] || instance.Token != locked.Token || instance.Execution != locked.ExecutionId)
            {
                return false;
            }

            AppendHistory(connection, transaction, locked, newOrchestrationRuntimeState);
            foreach (var sequence in locked.MessageSequences)
            {
                Database.Execute(connection, transaction, "DELETE FROM messages WHERE seq = $seq", ("$seq", sequence));
            }

            foreach (var activity in outboundMessages)
            {
                Database.Execute(connection, transaction,
                    "INSERT INTO activities (instance_id, execution_id, visible_at, message) VALUES ($id, $execution, $now, $message)",
                    ("$id", activity.OrchestrationInstance.InstanceId), ("$execution", activity.OrchestrationInstance.ExecutionId),
                    ("$now", Instances.Ticks(now)), ("$message", Json.Write(activity)));
            }

            foreach (var timer in timerMessages)
            {
                Instances.Enqueue(connection, transaction, timer, ((TimerFiredEvent)timer.Event).FireAt);
            }

            foreach (var message in orchestratorMessages)
            {
                SendFromOrchestration(connection, transaction, message, now);
            }

            if (orchestrationState is not null)
            {
                UpdateState(connection, transaction, orchestrationState, now);
            }

            // DTFx's own dispatcher continues as new with a start message; the sidecar replaces the runtime state instead.
            if (continuedAsNewMessage is not null)
            {
                Instances.Start(connection, transaction, continuedAsNewMessage, dedupeStatuses: null, now);
            }

            // Unlocked here rather than by a second commit in Release, which then matches no token and writes nothing.
            Unlock(connection, transaction, locked);
            return true;
        });
        if (!saved)
        {
            histories.Remove(locked.InstanceId);
            Log.OrchestrationLockLost(logger, locked.InstanceId);
            return;
        }

        if (orchestrationState is null || Instances.IsTerminal(orchestrationState.OrchestrationStatus) || continuedAsNewMessage is not null)
        {
            histories.Remove(locked.InstanceId);
        }
        else
        {
            histories.Set(locked.InstanceId, orchestrationState.OrchestrationInstance.ExecutionId, newOrchestrationRuntimeState.Events);
        }

        stateChanged.Pulse();
        orchestrationWork.Pulse();
        if (outboundMessages.Count > 0)
        {
            activityWork.Pulse();
        }
    }

    /// <summary>Offers the work item's messages again after <see cref="SqliteOrchestrationServiceSettings.AbandonDelay"/>.</summary>
    public Task AbandonTaskOrchestrationWorkItemAsync(TaskOrchestrationWorkItem workItem)
    {
        var locked = (LockedOrchestration)workItem;
        var visible = Instances.Ticks(DateTime.UtcNow + settings.AbandonDelay);
        return database.WriteAsync((connection, transaction) =>
        {
            foreach (var sequence in locked.MessageSequences)
            {
                Database.Execute(connection, transaction, """
                    UPDATE messages SET visible_at = MAX(visible_at, $visible) WHERE seq = $seq
                    AND EXISTS (SELECT 1 FROM instances WHERE instance_id = $id AND lock_token = $token)
                    """, ("$visible", visible), ("$seq", sequence), ("$id", locked.InstanceId), ("$token", locked.Token));
            }
        });
    }

    public async Task ReleaseTaskOrchestrationWorkItemAsync(TaskOrchestrationWorkItem workItem)
    {
        var locked = (LockedOrchestration)workItem;
        await database.WriteAsync((connection, transaction) => Unlock(connection, transaction, locked));
        // Messages that arrived while the instance was locked are now offered.
        orchestrationWork.Pulse();
    }

    private static int Unlock(SqliteConnection connection, SqliteTransaction transaction, LockedOrchestration locked) =>
        Database.Execute(connection, transaction,
            "UPDATE instances SET lock_owner = NULL, lock_token = NULL, lock_expires = NULL WHERE instance_id = $id AND lock_token = $token",
            ("$id", locked.InstanceId), ("$token", locked.Token));

    private (TaskOrchestrationWorkItem? Item, DateTime? NextVisible) TryLockOrchestration(SqliteConnection connection, SqliteTransaction transaction, DateTime now)
    {
        // Read under the writer gate: a stop takes the owner away before it releases the owner's locks under the gate.
        if (OwnerId is not { } self)
        {
            return (null, null);
        }

        var nowTicks = Instances.Ticks(now);
        while (true)
        {
            var candidates = Database.Query(connection, transaction, """
                SELECT i.instance_id, i.execution_id, i.status FROM messages m JOIN instances i ON i.instance_id = m.instance_id
                WHERE m.visible_at <= $now AND (i.lock_owner IS NULL OR i.lock_expires <= $now)
                ORDER BY m.seq LIMIT 1
                """, row => (Id: row.GetString(0), Execution: row.GetString(1), Status: row.GetString(2)), ("$now", nowTicks));
            if (candidates is not [var instance])
            {
                var next = Database.Scalar(connection, transaction, "SELECT MIN(visible_at) FROM messages WHERE visible_at > $now", ("$now", nowTicks));
                return (null, next is long ticks ? Instances.Time(ticks) : null);
            }

            var messages = Database.Query(connection, transaction,
                "SELECT seq, execution_id, message FROM messages WHERE instance_id = $id AND visible_at <= $now ORDER BY seq",
                row => (Sequence: row.GetInt64(0), Execution: row.IsDBNull(1) ? null : row.GetString(1), Json: row.GetString(2)),
                ("$id", instance.Id), ("$now", nowTicks));
            // Messages for an ended or replaced execution are never read: a finished instance does not run again.
            var stale = messages.Where(m => Instances.IsTerminal(instance.Status) || (m.Execution is not null && m.Execution != instance.Execution)).ToList();
            foreach (var message in stale)
            {
                Database.Execute(connection, transaction, "DELETE FROM messages WHERE seq = $seq", ("$seq", message.Sequence));
            }

            if (stale.Count > 0)
            {
                Log.StaleMessagesDropped(logger, stale.Count, instance.Id);
            }

            var fresh = messages.Except(stale).ToList();
            if (fresh.Count == 0)
            {
                continue;
            }

            var token = Guid.NewGuid().ToString("N");
            var until = now + settings.LockTimeout;
            Database.Execute(connection, transaction,
                "UPDATE instances SET lock_owner = $owner, lock_token = $token, lock_expires = $until WHERE instance_id = $id",
                ("$owner", self), ("$token", token), ("$until", Instances.Ticks(until)), ("$id", instance.Id));
            var count = (long)Database.Scalar(connection, transaction, "SELECT COUNT(*) FROM history WHERE instance_id = $id", ("$id", instance.Id))!;
            var history = histories.Get(instance.Id, instance.Execution, count) ?? [.. Database.Query(connection, transaction,
                "SELECT event FROM history WHERE instance_id = $id ORDER BY sequence", row => Json.Read<HistoryEvent>(row.GetString(0)), ("$id", instance.Id))];
            return (new LockedOrchestration
            {
                InstanceId = instance.Id,
                OrchestrationRuntimeState = new OrchestrationRuntimeState(history),
                NewMessages = fresh.ConvertAll(m =>
                {
                    var message = Json.Read<TaskMessage>(m.Json);
                    message.SequenceNumber = m.Sequence;
                    return message;
                }),
                LockedUntilUtc = until,
                Token = token,
                ExecutionId = instance.Execution,
                MessageSequences = fresh.ConvertAll(m => m.Sequence),
            }, null);
        }
    }

    /// <summary>Appends the episode's events; a new execution (continue-as-new) starts the history again.</summary>
    private static void AppendHistory(SqliteConnection connection, SqliteTransaction transaction, LockedOrchestration locked, OrchestrationRuntimeState state)
    {
        var execution = state.OrchestrationInstance?.ExecutionId ?? locked.ExecutionId;
        if (execution != locked.ExecutionId)
        {
            Database.Execute(connection, transaction, "DELETE FROM history WHERE instance_id = $id", ("$id", locked.InstanceId));
        }

        var first = state.Events.Count - state.NewEvents.Count;
        for (var i = 0; i < state.NewEvents.Count; i++)
        {
            Database.Execute(connection, transaction,
                "INSERT INTO history (instance_id, sequence, execution_id, event) VALUES ($id, $sequence, $execution, $event)",
                ("$id", locked.InstanceId), ("$sequence", first + i), ("$execution", execution), ("$event", Json.Write(state.NewEvents[i])));
        }
    }

    /// <summary>A start creates the instance (unless an active one has the id); any other message goes to an existing instance.</summary>
    private static void SendFromOrchestration(SqliteConnection connection, SqliteTransaction transaction, TaskMessage message, DateTime now)
    {
        if (message.Event is not ExecutionStartedEvent)
        {
            Instances.Enqueue(connection, transaction, message, now);
            return;
        }

        try
        {
            Instances.Start(connection, transaction, message, ActiveStatuses, now);
        }
        catch (OrchestrationAlreadyExistsException)
        {
            // The id is taken by an active instance: the start is dropped, as a duplicate start is.
        }
    }

    private static void UpdateState(SqliteConnection connection, SqliteTransaction transaction, OrchestrationState state, DateTime now)
    {
        var id = state.OrchestrationInstance.InstanceId;
        var terminal = Instances.IsTerminal(state.OrchestrationStatus);
        Database.Execute(connection, transaction, """
            UPDATE instances SET execution_id = $execution, name = $name, version = $version, status = $status, created_at = $created,
                updated_at = $now, completed_at = $completed, input = $input, output = $output, custom_status = $custom, failure = $failure,
                tags = $tags, parent = $parent
            WHERE instance_id = $id
            """,
            ("$id", id), ("$execution", state.OrchestrationInstance.ExecutionId), ("$name", state.Name), ("$version", state.Version),
            ("$status", state.OrchestrationStatus.ToString()), ("$created", Instances.Ticks(state.CreatedTime)), ("$now", Instances.Ticks(now)),
            ("$completed", terminal ? Instances.Ticks(now) : null), ("$input", state.Input), ("$output", state.Output), ("$custom", state.Status),
            ("$failure", Json.Write(state.FailureDetails)), ("$tags", Json.Write(state.Tags)), ("$parent", Json.Write(state.ParentInstance)));
        if (terminal)
        {
            // What is still queued for a finished execution would never be read; activities not yet started need not run.
            Database.Execute(connection, transaction, "DELETE FROM messages WHERE instance_id = $id", ("$id", id));
            Database.Execute(connection, transaction, "DELETE FROM activities WHERE instance_id = $id AND lock_owner IS NULL", ("$id", id));
        }
    }
}
