namespace Sift.DurableTask.Sqlite;

/// <summary>
/// The tables. Times are UTC ticks. A lock is an owner (the service's process, see <see cref="ProcessOwner"/>),
/// a token (the one work item holding it) and an expiry (the safety net for an owner that lives but never finishes).
/// </summary>
internal static class Schema
{
    public const string Script = """
        CREATE TABLE IF NOT EXISTS instances (
            instance_id TEXT PRIMARY KEY,
            execution_id TEXT NOT NULL,
            name TEXT NOT NULL,
            version TEXT,
            status TEXT NOT NULL,
            created_at INTEGER NOT NULL,
            updated_at INTEGER NOT NULL,
            completed_at INTEGER,
            scheduled_start INTEGER,
            input TEXT,
            output TEXT,
            custom_status TEXT,
            failure TEXT,
            tags TEXT,
            parent TEXT,
            lock_owner TEXT,
            lock_token TEXT,
            lock_expires INTEGER);
        CREATE INDEX IF NOT EXISTS instances_by_created ON instances (created_at, instance_id);
        CREATE INDEX IF NOT EXISTS instances_by_owner ON instances (lock_owner) WHERE lock_owner IS NOT NULL;

        -- The current execution's history; continue-as-new and a restart of the id replace it.
        CREATE TABLE IF NOT EXISTS history (
            instance_id TEXT NOT NULL,
            sequence INTEGER NOT NULL,
            execution_id TEXT NOT NULL,
            event TEXT NOT NULL,
            PRIMARY KEY (instance_id, sequence)) WITHOUT ROWID;

        -- Messages to orchestrations: starts, activity results, timers (visible at their fire time), events, terminations.
        CREATE TABLE IF NOT EXISTS messages (
            seq INTEGER PRIMARY KEY AUTOINCREMENT,
            instance_id TEXT NOT NULL,
            execution_id TEXT,
            visible_at INTEGER NOT NULL,
            message TEXT NOT NULL);
        CREATE INDEX IF NOT EXISTS messages_by_visible ON messages (visible_at);
        CREATE INDEX IF NOT EXISTS messages_by_instance ON messages (instance_id, visible_at);

        -- Activities to run: one row per scheduled task, deleted when its result is enqueued.
        CREATE TABLE IF NOT EXISTS activities (
            seq INTEGER PRIMARY KEY AUTOINCREMENT,
            instance_id TEXT NOT NULL,
            execution_id TEXT NOT NULL,
            visible_at INTEGER NOT NULL,
            message TEXT NOT NULL,
            lock_owner TEXT,
            lock_token TEXT,
            lock_expires INTEGER);
        CREATE INDEX IF NOT EXISTS activities_by_instance ON activities (instance_id);
        CREATE INDEX IF NOT EXISTS activities_by_owner ON activities (lock_owner) WHERE lock_owner IS NOT NULL;
        """;

    public const string DeleteAll = "DELETE FROM history; DELETE FROM messages; DELETE FROM activities; DELETE FROM instances;";
}
