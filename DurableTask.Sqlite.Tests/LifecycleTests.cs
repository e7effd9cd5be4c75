using System.Collections.Concurrent;
using System.Text.Json;
using DurableTask.Core.History;
using DurableTask.Core.Exceptions;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace Sift.DurableTask.Sqlite.Tests;

public sealed class LifecycleTests : IDisposable
{
    private readonly TempDirectory directory = new();

    [Fact]
    public async Task ContinueAsNewCountsUpWithAFreshHistory()
    {
        await using var backend = await Backend.StartAsync(directory.Path, tasks =>
        {
            tasks.AddActivityFunc<int, int>("Increment", (_, value) => value + 1);
            tasks.AddOrchestratorFunc<int, int>("Counter", async (context, value) =>
            {
                var next = await context.CallActivityAsync<int>("Increment", value);
                if (next < 10)
                {
                    context.ContinueAsNew(next);
                }

                return next;
            });
        });

        var id = await backend.Client.ScheduleNewOrchestrationInstanceAsync("Counter", 0);
        var done = await backend.WaitAsync(id);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Equal(10, done.ReadOutputAs<int>());
        using var history = JsonDocument.Parse(await backend.Service.GetOrchestrationHistoryAsync(id, executionId: null));
        var types = history.RootElement.EnumerateArray().Select(e => e.GetProperty("EventType").GetInt32()).ToList();
        Assert.Single(types, type => type == (int)EventType.ExecutionStarted);
        Assert.Single(types, type => type == (int)EventType.TaskScheduled);
    }

    [Fact]
    public async Task CustomStatusIsVisibleWhileTheOrchestrationRuns()
    {
        await using var backend = await Backend.StartAsync(directory.Path, tasks =>
            tasks.AddOrchestratorFunc<string, string>("Import", async (context, _) =>
            {
                context.SetCustomStatus("page 1 of 2");
                await context.WaitForExternalEvent<string>("Next");
                context.SetCustomStatus("page 2 of 2");
                return "imported";
            }));

        var id = await backend.Client.ScheduleNewOrchestrationInstanceAsync("Import", "export.json");
        var running = await backend.WaitStartedAsync(id);
        await backend.Client.RaiseEventAsync(id, "Next", "go");
        var done = await backend.WaitAsync(id);

        Assert.Equal(OrchestrationRuntimeStatus.Running, running.RuntimeStatus);
        Assert.Equal("page 1 of 2", running.ReadCustomStatusAs<string>());
        Assert.Equal("page 2 of 2", done.ReadCustomStatusAs<string>());
    }

    [Fact]
    public async Task FiftyConcurrentStartsOfOneIdRunOneExecution()
    {
        var starts = new ConcurrentBag<string>();
        await using var backend = await Backend.StartAsync(directory.Path, tasks =>
        {
            tasks.AddActivityFunc<string, string>("Begin", (_, id) =>
            {
                starts.Add(id);
                return id;
            });
            tasks.AddOrchestratorFunc<string, string>("Singleton", async (context, _) =>
            {
                await context.CallActivityAsync<string>("Begin", context.InstanceId);
                return await context.WaitForExternalEvent<string>("Stop");
            });
        });
        var options = new StartOrchestrationOptions("ingest-source-1")
            .WithDedupeStatuses(OrchestrationRuntimeStatus.Pending, OrchestrationRuntimeStatus.Running, OrchestrationRuntimeStatus.Suspended);

        var results = await Task.WhenAll(Enumerable.Range(0, 50).Select(async _ =>
        {
            try
            {
                await backend.Client.ScheduleNewOrchestrationInstanceAsync("Singleton", "x", options);
                return "started";
            }
            catch (OrchestrationAlreadyExistsException)
            {
                return "exists";
            }
        }));
        await backend.WaitStartedAsync("ingest-source-1");
        await backend.Client.RaiseEventAsync("ingest-source-1", "Stop", "done");
        var done = await backend.WaitAsync("ingest-source-1");

        Assert.Equal(1, results.Count(r => r == "started"));
        Assert.Equal(49, results.Count(r => r == "exists"));
        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Equal(["ingest-source-1"], starts);
    }

    [Fact]
    public async Task StartOfAnEndedIdRunsANewExecution()
    {
        await using var backend = await Backend.StartAsync(directory.Path, tasks =>
            tasks.AddOrchestratorFunc<int, int>("Echo", (_, value) => Task.FromResult(value)));
        var options = new StartOrchestrationOptions("echo")
            .WithDedupeStatuses(OrchestrationRuntimeStatus.Pending, OrchestrationRuntimeStatus.Running);

        await backend.WaitAsync(await backend.Client.ScheduleNewOrchestrationInstanceAsync("Echo", 1, options));
        await backend.Client.ScheduleNewOrchestrationInstanceAsync("Echo", 2, options);
        var done = await backend.WaitAsync("echo");

        Assert.Equal(2, done.ReadOutputAs<int>());
    }

    public void Dispose() => directory.Dispose();
}
