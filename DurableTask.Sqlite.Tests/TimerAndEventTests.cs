using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace Sift.DurableTask.Sqlite.Tests;

public sealed class TimerAndEventTests : IDisposable
{
    private readonly TempDirectory directory = new();

    [Fact]
    public async Task DurableTimerFiresAndTheOrchestrationGoesOn()
    {
        await using var backend = await Backend.StartAsync(directory.Path, tasks =>
            tasks.AddOrchestratorFunc<int, string>("Nap", async (context, milliseconds) =>
            {
                await context.CreateTimer(context.CurrentUtcDateTime.AddMilliseconds(milliseconds), CancellationToken.None);
                return "awake";
            }));

        var id = await backend.Client.ScheduleNewOrchestrationInstanceAsync("Nap", 500);
        var done = await backend.WaitAsync(id);

        Assert.Equal("awake", done.ReadOutputAs<string>());
        var history = await backend.Service.GetOrchestrationHistoryAsync(id, executionId: null);
        Assert.Contains("TimerCreatedEvent", history, StringComparison.Ordinal);
        Assert.Contains("TimerFiredEvent", history, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EventRaisedWhileWaitingResumesTheOrchestration()
    {
        await using var backend = await Backend.StartAsync(directory.Path, tasks =>
            tasks.AddOrchestratorFunc<string, string>("Review", (context, _) => context.WaitForExternalEvent<string>("Decision")));

        var id = await backend.Client.ScheduleNewOrchestrationInstanceAsync("Review", "proposal-1");
        await backend.WaitStartedAsync(id);
        await backend.Client.RaiseEventAsync(id, "Decision", "accepted");
        var done = await backend.WaitAsync(id);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Equal("accepted", done.ReadOutputAs<string>());
    }

    [Fact]
    public async Task EventRaisedBeforeTheWaitIsKeptForIt()
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var backend = await Backend.StartAsync(directory.Path, tasks =>
        {
            tasks.AddActivityFunc<string, string>("Hold", async (_, value) =>
            {
                await gate.Task;
                return value;
            });
            tasks.AddOrchestratorFunc<string, string>("Late", async (context, value) =>
            {
                var held = await context.CallActivityAsync<string>("Hold", value);
                return held + ":" + await context.WaitForExternalEvent<string>("Decision");
            });
        });

        var id = await backend.Client.ScheduleNewOrchestrationInstanceAsync("Late", "proposal-2");
        await backend.WaitStartedAsync(id);
        await backend.Client.RaiseEventAsync(id, "Decision", "rejected");
        gate.SetResult();
        var done = await backend.WaitAsync(id);

        Assert.Equal("proposal-2:rejected", done.ReadOutputAs<string>());
    }

    [Fact]
    public async Task TerminatingARunningOrchestrationEndsItWithTheReason()
    {
        await using var backend = await Backend.StartAsync(directory.Path, tasks =>
            tasks.AddOrchestratorFunc<string, string>("Review", (context, _) => context.WaitForExternalEvent<string>("Decision")));

        var id = await backend.Client.ScheduleNewOrchestrationInstanceAsync("Review", "proposal-3");
        await backend.WaitStartedAsync(id);
        await backend.Client.TerminateInstanceAsync(id, "Nobody is reviewing.");
        var done = await backend.WaitAsync(id);

        Assert.Equal(OrchestrationRuntimeStatus.Terminated, done.RuntimeStatus);
        Assert.Equal("Nobody is reviewing.", done.ReadOutputAs<string>());
    }

    [Fact]
    public async Task TerminatingAnOrchestrationWaitingOnATimerEndsItAtOnce()
    {
        await using var backend = await Backend.StartAsync(directory.Path, tasks =>
            tasks.AddOrchestratorFunc<string, string>("Sleep", async (context, _) =>
            {
                await context.CreateTimer(TimeSpan.FromHours(1), CancellationToken.None);
                return "woke";
            }));

        var id = await backend.Client.ScheduleNewOrchestrationInstanceAsync("Sleep", "x");
        await backend.WaitStartedAsync(id);
        await backend.Client.TerminateInstanceAsync(id, "Stopped.");
        var done = await backend.WaitAsync(id);

        Assert.Equal(OrchestrationRuntimeStatus.Terminated, done.RuntimeStatus);
    }

    [Fact]
    public async Task SuspendedOrchestrationKeepsItsEventsUntilResumed()
    {
        await using var backend = await Backend.StartAsync(directory.Path, tasks =>
            tasks.AddOrchestratorFunc<string, string>("Review", (context, _) => context.WaitForExternalEvent<string>("Decision")));

        var id = await backend.Client.ScheduleNewOrchestrationInstanceAsync("Review", "proposal-4");
        await backend.WaitStartedAsync(id);
        await backend.Client.SuspendInstanceAsync(id, "Reviewer away.");
        await backend.Client.RaiseEventAsync(id, "Decision", "accepted");
        var suspended = await WaitForStatusAsync(backend, id, OrchestrationRuntimeStatus.Suspended);
        await backend.Client.ResumeInstanceAsync(id, "Back.");
        var done = await backend.WaitAsync(id);

        Assert.Equal(OrchestrationRuntimeStatus.Suspended, suspended.RuntimeStatus);
        Assert.Equal("accepted", done.ReadOutputAs<string>());
    }

    public void Dispose() => directory.Dispose();

    /// <summary>Polls the instance until it shows <paramref name="status"/> (a minute at most).</summary>
    private static async Task<OrchestrationMetadata> WaitForStatusAsync(Backend backend, string id, OrchestrationRuntimeStatus status)
    {
        var deadline = DateTime.UtcNow.AddMinutes(1);
        while (true)
        {
            var instance = await backend.Client.GetInstanceAsync(id, getInputsAndOutputs: true);
            if (instance?.RuntimeStatus == status || DateTime.UtcNow > deadline)
            {
                return instance!;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(50));
        }
    }
}
