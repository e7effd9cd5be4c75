using System.Globalization;
using DurableTask.Core;
using Microsoft.Data.Sqlite;

namespace Sift.DurableTask.Sqlite;

public sealed partial class SqliteOrchestrationService
{
    /// <summary>Locks the oldest activity no live owner holds.</summary>
    public async Task<TaskActivityWorkItem> LockNextTaskActivityWorkItem(TimeSpan receiveTimeout, CancellationToken cancellationToken) =>
        (await FetchAsync(activityWork, now => database.WriteAsync((connection, transaction) =>
            TryLockActivity(connection, transaction, now), cancellationToken), receiveTimeout, cancellationToken))!;

    /// <summary>Not needed by the in-process sidecar, which never calls it: a live owner's lock does not expire before the safety net.</summary>
    public async Task<TaskActivityWorkItem> RenewTaskActivityWorkItemLockAsync(TaskActivityWorkItem workItem)
    {
        var locked = (LockedActivity)workItem;
        var until = DateTime.UtcNow + settings.LockTimeout;
        await database.WriteAsync((connection, transaction) => Database.Execute(connection, transaction,
            "UPDATE activities SET lock_expires = $until WHERE seq = $seq AND lock_token = $token",
            ("$until", Instances.Ticks(until)), ("$seq", locked.Sequence), ("$token", locked.Token)));
        locked.LockedUntilUtc = until;
        return locked;
    }

    /// <summary>Deletes the activity and queues its result for the orchestration in one transaction, if the lock is still this work item's.</summary>
    public async Task CompleteTaskActivityWorkItemAsync(TaskActivityWorkItem workItem, TaskMessage responseMessage)
    {
        var locked = (LockedActivity)workItem;
        var saved = await database.WriteAsync((connection, transaction) =>
        {
            if (Database.Execute(connection, transaction, "DELETE FROM activities WHERE seq = $seq AND lock_token = $token",
                ("$seq", locked.Sequence), ("$token", locked.Token)) == 0)
            {
                return false;
            }

            Instances.Enqueue(connection, transaction, responseMessage, DateTime.UtcNow);
            return true;
        });
        if (saved)
        {
            orchestrationWork.Pulse();
        }
        else
        {
            Log.ActivityLockLost(logger, locked.Id, locked.TaskMessage.OrchestrationInstance.InstanceId);
        }
    }

    /// <summary>Offers the activity again after <see cref="SqliteOrchestrationServiceSettings.AbandonDelay"/>.</summary>
    public async Task AbandonTaskActivityWorkItemAsync(TaskActivityWorkItem workItem)
    {
        var locked = (LockedActivity)workItem;
        await database.WriteAsync((connection, transaction) => Database.Execute(connection, transaction, """
            UPDATE activities SET lock_owner = NULL, lock_token = NULL, lock_expires = NULL, visible_at = $visible
            WHERE seq = $seq AND lock_token = $token
            """, ("$visible", Instances.Ticks(DateTime.UtcNow + settings.AbandonDelay)), ("$seq", locked.Sequence), ("$token", locked.Token)));
        activityWork.Pulse();
    }

    private (TaskActivityWorkItem? Item, DateTime? NextVisible) TryLockActivity(SqliteConnection connection, SqliteTransaction transaction, DateTime now)
    {
        // Read under the writer gate: a stop takes the owner away before it releases the owner's locks under the gate.
        if (OwnerId is not { } self)
        {
            return (null, null);
        }

        var token = Guid.NewGuid().ToString("N");
        var until = now + settings.LockTimeout;
        var nowTicks = Instances.Ticks(now);
        var locked = Database.Query(connection, transaction, """
            UPDATE activities SET lock_owner = $owner, lock_token = $token, lock_expires = $until
            WHERE seq = (SELECT seq FROM activities WHERE visible_at <= $now AND (lock_owner IS NULL OR lock_expires <= $now) ORDER BY seq LIMIT 1)
            RETURNING seq, message
            """, row => (Sequence: row.GetInt64(0), Json: row.GetString(1)),
            ("$owner", self), ("$token", token), ("$until", Instances.Ticks(until)), ("$now", nowTicks));
        if (locked is not [var activity])
        {
            var next = Database.Scalar(connection, transaction, "SELECT MIN(visible_at) FROM activities WHERE visible_at > $now", ("$now", nowTicks));
            return (null, next is long ticks ? Instances.Time(ticks) : null);
        }

        var message = Json.Read<TaskMessage>(activity.Json);
        message.SequenceNumber = activity.Sequence;
        return (new LockedActivity
        {
            Id = activity.Sequence.ToString(CultureInfo.InvariantCulture),
            Sequence = activity.Sequence,
            Token = token,
            LockedUntilUtc = until,
            TaskMessage = message,
        }, null);
    }
}
