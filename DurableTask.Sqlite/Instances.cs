using DurableTask.Core;
using DurableTask.Core.Exceptions;
using DurableTask.Core.History;
using Microsoft.Data.Sqlite;

namespace Sift.DurableTask.Sqlite;

/// <summary>The statements on instance rows and their messages that several operations share.</summary>
internal static class Instances
{
    public const string StateColumns =
        "instance_id, execution_id, name, version, status, created_at, updated_at, completed_at, scheduled_start, input, output, custom_status, failure, tags, parent";

    private static readonly string[] Terminal =
        [nameof(OrchestrationStatus.Completed), nameof(OrchestrationStatus.Failed), nameof(OrchestrationStatus.Terminated), nameof(OrchestrationStatus.Canceled)];

    /// <summary>The terminal statuses as an SQL list, for <c>status IN (...)</c>.</summary>
    public static readonly string TerminalList = string.Join(", ", Terminal.Select(s => $"'{s}'"));

    public static bool IsTerminal(string status) => Terminal.Contains(status);

    public static bool IsTerminal(OrchestrationStatus status) => IsTerminal(status.ToString());

    public static long Ticks(DateTime time) => time.ToUniversalTime().Ticks;

    public static DateTime Time(long ticks) => new(ticks, DateTimeKind.Utc);

    /// <summary>Reads a row selected with <see cref="StateColumns"/>.</summary>
    public static OrchestrationState ReadState(SqliteDataReader row, bool withInputsAndOutputs) => new()
    {
        OrchestrationInstance = new OrchestrationInstance { InstanceId = row.GetString(0), ExecutionId = row.GetString(1) },
        Name = row.GetString(2),
        Version = row.IsDBNull(3) ? null : row.GetString(3),
        OrchestrationStatus = Enum.Parse<OrchestrationStatus>(row.GetString(4)),
        CreatedTime = Time(row.GetInt64(5)),
        LastUpdatedTime = Time(row.GetInt64(6)),
        CompletedTime = row.IsDBNull(7) ? DateTime.MinValue : Time(row.GetInt64(7)),
        ScheduledStartTime = row.IsDBNull(8) ? null : Time(row.GetInt64(8)),
        Input = withInputsAndOutputs && !row.IsDBNull(9) ? row.GetString(9) : null,
        Output = withInputsAndOutputs && !row.IsDBNull(10) ? row.GetString(10) : null,
        Status = withInputsAndOutputs && !row.IsDBNull(11) ? row.GetString(11) : null,
        FailureDetails = withInputsAndOutputs ? Json.ReadOrNull<FailureDetails>(row.IsDBNull(12) ? null : row.GetString(12)) : null,
        // Never null: the sidecar copies the tags into its response with a collection initializer.
        Tags = Json.ReadOrNull<Dictionary<string, string>>(row.IsDBNull(13) ? null : row.GetString(13)) ?? [],
        ParentInstance = Json.ReadOrNull<ParentInstance>(row.IsDBNull(14) ? null : row.GetString(14)),
    };

    /// <summary>
    /// Creates the instance of a start message, Pending, with the message queued. An existing instance whose status
    /// is in <paramref name="dedupeStatuses"/> refuses it; any other is replaced: its history, messages and
    /// activities go (a work item in flight on it keeps its lock and then finds the execution changed).
    /// </summary>
    public static void Start(SqliteConnection connection, SqliteTransaction transaction, TaskMessage message, OrchestrationStatus[]? dedupeStatuses, DateTime now)
    {
        var start = (ExecutionStartedEvent)message.Event;
        var id = message.OrchestrationInstance.InstanceId;
        var existing = (string?)Database.Scalar(connection, transaction, "SELECT status FROM instances WHERE instance_id = $id", ("$id", id));
        if (existing is not null && dedupeStatuses is not null && dedupeStatuses.Contains(Enum.Parse<OrchestrationStatus>(existing)))
        {
            throw new OrchestrationAlreadyExistsException($"An orchestration with id '{id}' already exists. It's in the {existing} state.");
        }

        if (existing is not null)
        {
            Forget(connection, transaction, id);
        }

        var sql = existing is null
            ? """
              INSERT INTO instances (instance_id, execution_id, name, version, status, created_at, updated_at, scheduled_start, input, tags, parent)
              VALUES ($id, $execution, $name, $version, 'Pending', $created, $now, $scheduled, $input, $tags, $parent)
              """
            : """
              UPDATE instances SET execution_id = $execution, name = $name, version = $version, status = 'Pending', created_at = $created,
                  updated_at = $now, completed_at = NULL, scheduled_start = $scheduled, input = $input, output = NULL, custom_status = NULL,
                  failure = NULL, tags = $tags, parent = $parent
              WHERE instance_id = $id
              """;
        Database.Execute(connection, transaction, sql,
            ("$id", id), ("$execution", message.OrchestrationInstance.ExecutionId), ("$name", start.Name), ("$version", start.Version),
            ("$created", Ticks(start.Timestamp)), ("$now", Ticks(now)), ("$scheduled", start.ScheduledStartTime is { } at ? Ticks(at) : null),
            ("$input", start.Input), ("$tags", Json.Write(start.Tags)), ("$parent", Json.Write(start.ParentInstance)));
        Enqueue(connection, transaction, message, start.ScheduledStartTime ?? now);
    }

    /// <summary>
    /// Queues a message for an instance that exists (one that does not would never read it). Nothing is visible
    /// before the instance's scheduled start, so an instance is never offered without its start message.
    /// </summary>
    public static void Enqueue(SqliteConnection connection, SqliteTransaction transaction, TaskMessage message, DateTime visibleAt) =>
        Database.Execute(connection, transaction, """
            INSERT INTO messages (instance_id, execution_id, visible_at, message)
            SELECT instance_id, $execution, MAX($visible, COALESCE(scheduled_start, 0)), $message FROM instances WHERE instance_id = $id
            """,
            ("$id", message.OrchestrationInstance.InstanceId), ("$execution", message.OrchestrationInstance.ExecutionId),
            ("$visible", Ticks(visibleAt)), ("$message", Json.Write(message)));

    /// <summary>Deletes an instance's history, messages and activities, keeping its row.</summary>
    public static void Forget(SqliteConnection connection, SqliteTransaction transaction, string instanceId)
    {
        foreach (var table in new[] { "history", "messages", "activities" })
        {
            Database.Execute(connection, transaction, $"DELETE FROM {table} WHERE instance_id = $id", ("$id", instanceId));
        }
    }

    /// <summary>Deletes the terminal instances among the ones <paramref name="where"/> selects, with all they hold.</summary>
    public static int PurgeTerminal(SqliteConnection connection, SqliteTransaction transaction, string where, params (string Name, object? Value)[] parameters)
    {
        var ids = Database.Query(connection, transaction,
            $"SELECT instance_id FROM instances WHERE status IN ({TerminalList}) AND ({where})", row => row.GetString(0), parameters);
        foreach (var id in ids)
        {
            Forget(connection, transaction, id);
            Database.Execute(connection, transaction, "DELETE FROM instances WHERE instance_id = $id", ("$id", id));
        }

        return ids.Count;
    }
}
