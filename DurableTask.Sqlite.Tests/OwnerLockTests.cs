using DurableTask.Core;
using DurableTask.Core.History;

namespace Sift.DurableTask.Sqlite.Tests;

/// <summary>Two services on one folder, through the service's own API: who may take an orchestration's lock, and when.</summary>
public sealed class OwnerLockTests : IDisposable
{
    private readonly TempDirectory directory = new();

    [Fact]
    public async Task LiveOwnersLockIsNotTakenByAnotherService()
    {
        using var first = await StartAsync(TimeSpan.FromHours(1));
        using var second = await StartAsync(TimeSpan.FromHours(1));
        await first.CreateTaskOrchestrationAsync(StartMessage("import-1"));

        var held = await first.LockNextTaskOrchestrationWorkItemAsync(TimeSpan.FromSeconds(5), CancellationToken.None);
        var other = await second.LockNextTaskOrchestrationWorkItemAsync(TimeSpan.FromSeconds(2), CancellationToken.None);

        Assert.Equal("import-1", held.InstanceId);
        Assert.Null(other);
    }

    [Fact]
    public async Task DeadOwnersLockIsReleasedWhenTheNextServiceStarts()
    {
        var first = await StartAsync(TimeSpan.FromHours(1));
        await first.CreateTaskOrchestrationAsync(StartMessage("import-2"));
        var held = await first.LockNextTaskOrchestrationWorkItemAsync(TimeSpan.FromSeconds(5), CancellationToken.None);

        await first.StopAsync(isForced: true);
        using var second = await StartAsync(TimeSpan.FromHours(1));
        var taken = await second.LockNextTaskOrchestrationWorkItemAsync(TimeSpan.FromSeconds(10), CancellationToken.None);

        Assert.Equal("import-2", held.InstanceId);
        Assert.Equal("import-2", taken?.InstanceId);
        Assert.IsType<ExecutionStartedEvent>(Assert.Single(taken!.NewMessages).Event);
    }

    [Fact]
    public async Task LockPastTheSafetyNetIsTakenBackFromALiveOwner()
    {
        using var first = await StartAsync(TimeSpan.FromMilliseconds(200));
        using var second = await StartAsync(TimeSpan.FromHours(1));
        await first.CreateTaskOrchestrationAsync(StartMessage("import-3"));
        await first.LockNextTaskOrchestrationWorkItemAsync(TimeSpan.FromSeconds(5), CancellationToken.None);

        var taken = await second.LockNextTaskOrchestrationWorkItemAsync(TimeSpan.FromSeconds(10), CancellationToken.None);

        Assert.Equal("import-3", taken?.InstanceId);
    }

    public void Dispose() => directory.Dispose();

    private async Task<SqliteOrchestrationService> StartAsync(TimeSpan lockTimeout)
    {
        var service = new SqliteOrchestrationService(new SqliteOrchestrationServiceSettings { Directory = directory.Path, LockTimeout = lockTimeout });
        await service.StartAsync();
        return service;
    }

    private static TaskMessage StartMessage(string instanceId)
    {
        var instance = new OrchestrationInstance { InstanceId = instanceId, ExecutionId = Guid.NewGuid().ToString("N") };
        return new TaskMessage
        {
            OrchestrationInstance = instance,
            Event = new ExecutionStartedEvent(-1, "\"export.json\"") { Name = "Import", OrchestrationInstance = instance },
        };
    }
}
