using DurableTask.Core;
using DurableTask.Core.Query;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Sift.DurableTask.Sqlite;

/// <summary>
/// A Durable Task Framework backend on one SQLite file, for one node: instances, history, orchestration messages
/// (timers are messages visible at their fire time) and activity work items, each change committed in one durable
/// transaction. Locks belong to the process holding them (see <see cref="ProcessOwner"/>): a restart releases a dead
/// owner's locks at once, and a live owner's locks never expire before <see cref="SqliteOrchestrationServiceSettings.LockTimeout"/>.
/// </summary>
public sealed partial class SqliteOrchestrationService :
    IOrchestrationService, IOrchestrationServiceClient, IOrchestrationServiceQueryClient, IOrchestrationServicePurgeClient, IDisposable
{
    private static readonly TimeSpan OwnerSweepInterval = TimeSpan.FromSeconds(15);

    private readonly SqliteOrchestrationServiceSettings settings;
    private readonly Database database;
    private readonly ILogger logger;
    private readonly WorkSignal orchestrationWork = new();
    private readonly WorkSignal activityWork = new();
    private readonly WorkSignal stateChanged = new();
    private readonly HistoryCache histories = new();
    private readonly Lock ownerLock = new();
    private ProcessOwner? owner;
    private DateTime nextOwnerSweep;

    public SqliteOrchestrationService(SqliteOrchestrationServiceSettings settings, ILoggerFactory? loggerFactory = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        settings.Validate();
        this.settings = settings;
        logger = (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger<SqliteOrchestrationService>();
        database = new Database(settings.DatabasePath);
    }

    public int TaskOrchestrationDispatcherCount => 1;

    public int MaxConcurrentTaskOrchestrationWorkItems => settings.MaxConcurrentOrchestrations;

    public BehaviorOnContinueAsNew EventBehaviourForContinueAsNew => BehaviorOnContinueAsNew.Carryover;

    public int TaskActivityDispatcherCount => 1;

    public int MaxConcurrentTaskActivityWorkItems => settings.MaxConcurrentActivities;

    /// <summary>Takes an owner id for this process and releases the locks of owners whose process is gone.</summary>
    public async Task StartAsync()
    {
        lock (ownerLock)
        {
            owner ??= ProcessOwner.Acquire(settings.OwnersDirectory);
        }

        Log.Started(logger, settings.DatabasePath, OwnerId!);
        await SweepDeadOwnersAsync();
    }

    public Task StopAsync() => StopAsync(isForced: false);

    /// <summary>
    /// Releases this owner's locks, so what was in flight runs again at once, wherever it is fetched next. A forced stop
    /// writes nothing: the locks and the owner file stay, and the next service to start on the folder takes them back as
    /// a dead owner's.
    /// </summary>
    public async Task StopAsync(bool isForced)
    {
        ProcessOwner? stopping;
        lock (ownerLock)
        {
            (stopping, owner) = (owner, null);
        }

        if (stopping is null || isForced)
        {
            stopping?.Close(released: false);
            return;
        }

        var released = false;
        try
        {
            await ReleaseLocksAsync([stopping.Id]);
            released = true;
        }
        finally
        {
            stopping.Close(released);
        }
    }

    public Task CreateAsync() => CreateAsync(recreateInstanceStore: false);

    public Task CreateAsync(bool recreateInstanceStore) =>
        recreateInstanceStore ? DeleteAsync() : Task.CompletedTask;

    /// <summary>The schema is created when the service is constructed.</summary>
    public Task CreateIfNotExistsAsync() => Task.CompletedTask;

    public Task DeleteAsync() => DeleteAsync(deleteInstanceStore: true);

    public Task DeleteAsync(bool deleteInstanceStore) =>
        database.WriteAsync((connection, transaction) => Database.Execute(connection, transaction, Schema.DeleteAll));

    public bool IsMaxMessageCountExceeded(int currentMessageCount, OrchestrationRuntimeState runtimeState) => false;

    public int GetDelayInSecondsAfterOnProcessException(Exception exception) => exception is OperationCanceledException ? 0 : 1;

    public int GetDelayInSecondsAfterOnFetchException(Exception exception) => exception is OperationCanceledException ? 0 : 1;

    public void Dispose() => StopAsync().GetAwaiter().GetResult();

    /// <summary>The owner locks are stamped with; none before <see cref="StartAsync"/> or after a stop, when no work is handed out.</summary>
    private string? OwnerId => owner?.Id;

    private async Task SweepDeadOwnersAsync()
    {
        nextOwnerSweep = DateTime.UtcNow + OwnerSweepInterval;
        if (owner is { } self)
        {
            await self.ClaimGoneAsync(ReleaseLocksAsync);
        }
    }

    private Task SweepDeadOwnersIfDueAsync() => DateTime.UtcNow >= nextOwnerSweep ? SweepDeadOwnersAsync() : Task.CompletedTask;

    private async Task ReleaseLocksAsync(IReadOnlyList<string> owners)
    {
        var (instances, activities) = await database.WriteAsync((connection, transaction) =>
        {
            var (instances, activities) = (0, 0);
            foreach (var gone in owners)
            {
                instances += Database.Execute(connection, transaction,
                    "UPDATE instances SET lock_owner = NULL, lock_token = NULL, lock_expires = NULL WHERE lock_owner = $owner", ("$owner", gone));
                activities += Database.Execute(connection, transaction,
                    "UPDATE activities SET lock_owner = NULL, lock_token = NULL, lock_expires = NULL WHERE lock_owner = $owner", ("$owner", gone));
            }

            return (instances, activities);
        });
        if (owners.Count > 0 && (owner is null || !owners.Contains(owner.Id)))
        {
            Log.DeadOwnersReleased(logger, owners.Count, instances, activities);
        }

        orchestrationWork.Pulse();
        activityWork.Pulse();
    }

    /// <summary>
    /// Offers work until <paramref name="receiveTimeout"/>: <paramref name="tryLock"/> locks an item or says when the
    /// next becomes visible; between tries the fetch sleeps until this process writes work, the next item becomes
    /// visible or the polling interval passes (for work other processes write).
    /// </summary>
    private async Task<T?> FetchAsync<T>(WorkSignal signal, Func<DateTime, Task<(T? Item, DateTime? NextVisible)>> tryLock, TimeSpan receiveTimeout, CancellationToken cancellationToken)
        where T : class
    {
        var deadline = receiveTimeout == Timeout.InfiniteTimeSpan ? DateTime.MaxValue : DateTime.UtcNow + receiveTimeout;
        while (true)
        {
            var pulse = signal.Next;
            await SweepDeadOwnersIfDueAsync();
            var (item, nextVisible) = await tryLock(DateTime.UtcNow);
            if (item is not null)
            {
                return item;
            }

            var now = DateTime.UtcNow;
            if (now >= deadline)
            {
                return null;
            }

            // The next item may have become visible since tryLock looked: then look again at once.
            var until = new[] { deadline, now + settings.PollingInterval, nextVisible ?? DateTime.MaxValue }.Min();
            await WorkSignal.WaitAsync(pulse, new[] { until - now, TimeSpan.Zero }.Max(), cancellationToken);
        }
    }
}
