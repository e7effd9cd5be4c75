namespace Sift.DurableTask.Sqlite;

/// <summary>Where the backend keeps its state and how it waits for work.</summary>
public sealed class SqliteOrchestrationServiceSettings
{
    /// <summary>
    /// The folder the backend owns: the database <c>durabletask.db</c> and the <c>owners/</c> folder of lock
    /// files. Give each backend a folder of its own: another component's owner files in the same folder would be
    /// taken for dead owners of this one.
    /// </summary>
    public required string Directory { get; init; }

    /// <summary>
    /// The safety net for a lock whose owner lives but never finishes: after this long another fetch takes the
    /// orchestration or activity back. A dead owner's locks are released at once instead (see the README), and
    /// the in-process sidecar never renews activity locks, so this must outlast the longest activity.
    /// </summary>
    public TimeSpan LockTimeout { get; init; } = TimeSpan.FromHours(1);

    /// <summary>
    /// How often an idle fetch looks at the database for work written by another process (work written by this
    /// one wakes it at once) and how often the service looks for owners that died.
    /// </summary>
    public TimeSpan PollingInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>How long an abandoned work item waits before it is offered again.</summary>
    public TimeSpan AbandonDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Orchestration episodes in flight at once (each instance has at most one).</summary>
    public int MaxConcurrentOrchestrations { get; init; } = 16;

    /// <summary>Activities in flight at once. The sidecar's dispatcher waits 500 ms whenever this is reached.</summary>
    public int MaxConcurrentActivities { get; init; } = 32;

    internal string DatabasePath => Path.Combine(Directory, "durabletask.db");

    internal string OwnersDirectory => Path.Combine(Directory, "owners");

    internal void Validate()
    {
        if (string.IsNullOrWhiteSpace(Directory))
        {
            throw new ArgumentException("Directory is required.", nameof(Directory));
        }

        if (LockTimeout <= TimeSpan.Zero || PollingInterval <= TimeSpan.Zero || AbandonDelay < TimeSpan.Zero)
        {
            throw new ArgumentException("LockTimeout and PollingInterval must be positive, AbandonDelay not negative.");
        }

        if (MaxConcurrentOrchestrations < 1 || MaxConcurrentActivities < 1)
        {
            throw new ArgumentException("MaxConcurrentOrchestrations and MaxConcurrentActivities must be at least 1.");
        }
    }
}
