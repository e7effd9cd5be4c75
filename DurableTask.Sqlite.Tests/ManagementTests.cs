using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace Sift.DurableTask.Sqlite.Tests;

public sealed class ManagementTests : IDisposable
{
    private readonly TempDirectory directory = new();

    [Fact]
    public async Task PurgeDeletesAnEndedInstanceAndLeavesARunningOne()
    {
        await using var backend = await StartAsync();
        var ended = await backend.Client.ScheduleNewOrchestrationInstanceAsync("Echo", "a");
        await backend.WaitAsync(ended);
        var running = await backend.Client.ScheduleNewOrchestrationInstanceAsync("Wait", "b");
        await backend.WaitStartedAsync(running);

        var purgedEnded = await backend.Client.PurgeInstanceAsync(ended);
        var purgedRunning = await backend.Client.PurgeInstanceAsync(running);

        Assert.Equal(1, purgedEnded.PurgedInstanceCount);
        Assert.Equal(0, purgedRunning.PurgedInstanceCount);
        Assert.Null(await backend.Client.GetInstanceAsync(ended));
        Assert.Equal(OrchestrationRuntimeStatus.Running, (await backend.Client.GetInstanceAsync(running))?.RuntimeStatus);
    }

    [Fact]
    public async Task PurgeByFilterDeletesOnlyTheMatchingStatuses()
    {
        await using var backend = await StartAsync();
        var since = DateTimeOffset.UtcNow.AddMinutes(-1);
        var completed = await Task.WhenAll(Enumerable.Range(0, 3).Select(i => backend.Client.ScheduleNewOrchestrationInstanceAsync("Echo", $"c{i}")));
        var terminated = await backend.Client.ScheduleNewOrchestrationInstanceAsync("Wait", "t");
        await backend.WaitStartedAsync(terminated);
        await backend.Client.TerminateInstanceAsync(terminated, "stop");
        foreach (var id in completed.Append(terminated))
        {
            await backend.WaitAsync(id);
        }

        // The sidecar needs a CreatedFrom: without one its filter conversion throws (NullReferenceException, "Exception was thrown by handler").
        var purged = await backend.Client.PurgeAllInstancesAsync(new PurgeInstancesFilter(CreatedFrom: since, Statuses: [OrchestrationRuntimeStatus.Completed]));

        Assert.Equal(3, purged.PurgedInstanceCount);
        foreach (var id in completed)
        {
            Assert.Null(await backend.Client.GetInstanceAsync(id));
        }

        Assert.Equal(OrchestrationRuntimeStatus.Terminated, (await backend.Client.GetInstanceAsync(terminated))?.RuntimeStatus);
    }

    [Fact]
    public async Task QueryFiltersByStatusAndPrefixAndPagesWithContinuation()
    {
        await using var backend = await StartAsync();
        var wanted = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            wanted.Add(await backend.Client.ScheduleNewOrchestrationInstanceAsync("Echo", "x", new StartOrchestrationOptions($"knowledge-{i}")));
            await backend.WaitAsync(wanted[^1]);
        }

        await backend.Client.ScheduleNewOrchestrationInstanceAsync("Echo", "x", new StartOrchestrationOptions("ingest-1"));
        await backend.WaitAsync("ingest-1");
        var running = await backend.Client.ScheduleNewOrchestrationInstanceAsync("Wait", "x", new StartOrchestrationOptions("knowledge-running"));
        await backend.WaitStartedAsync(running);

        var query = new OrchestrationQuery(Statuses: [OrchestrationRuntimeStatus.Completed], InstanceIdPrefix: "knowledge-", PageSize: 2);
        var pages = new List<Page<OrchestrationMetadata>>();
        await foreach (var page in backend.Client.GetAllInstancesAsync(query).AsPages())
        {
            pages.Add(page);
        }

        var future = new OrchestrationQuery(CreatedFrom: DateTimeOffset.UtcNow.AddHours(1));
        var none = new List<OrchestrationMetadata>();
        await foreach (var instance in backend.Client.GetAllInstancesAsync(future))
        {
            none.Add(instance);
        }

        Assert.Equal([2, 2, 1], pages.Select(p => p.Values.Count));
        Assert.Equal(wanted, pages.SelectMany(p => p.Values).Select(i => i.InstanceId));
        Assert.NotNull(pages[0].ContinuationToken);
        Assert.Null(pages[^1].ContinuationToken);
        Assert.Empty(none);
    }

    [Fact]
    public async Task UnknownInstanceIsNotFound()
    {
        await using var backend = await StartAsync();

        Assert.Null(await backend.Client.GetInstanceAsync("nobody"));
        Assert.Equal(0, (await backend.Client.PurgeInstanceAsync("nobody")).PurgedInstanceCount);
    }

    public void Dispose() => directory.Dispose();

    private Task<Backend> StartAsync() => Backend.StartAsync(directory.Path, tasks =>
    {
        tasks.AddOrchestratorFunc<string, string>("Echo", (_, value) => Task.FromResult(value));
        tasks.AddOrchestratorFunc<string, string>("Wait", (context, _) => context.WaitForExternalEvent<string>("Never"));
    });
}
