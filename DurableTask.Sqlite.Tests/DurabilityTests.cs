using System.Collections.Concurrent;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace Sift.DurableTask.Sqlite.Tests;

/// <summary>
/// A service stops while an activity is in flight and a new one starts on the same folder. Locks last 10 minutes
/// here and the wait for completion 1 minute, so only releasing the first owner's locks lets the work go on.
/// </summary>
public sealed class DurabilityTests : IDisposable
{
    private static readonly TimeSpan LockTimeout = TimeSpan.FromMinutes(10);
    private readonly TempDirectory directory = new();
    private readonly ConcurrentDictionary<int, int> runs = new();
    private readonly TaskCompletionSource inFlight = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenSource hold = new();

    [Fact]
    public Task RestartAfterACrashRunsOnlyTheActivityInFlightAgain() => RestartRunsOnlyTheActivityInFlightAgain(crash: true);

    [Fact]
    public Task RestartAfterAStopRunsOnlyTheActivityInFlightAgain() => RestartRunsOnlyTheActivityInFlightAgain(crash: false);

    public void Dispose()
    {
        hold.Dispose();
        directory.Dispose();
    }

    private async Task RestartRunsOnlyTheActivityInFlightAgain(bool crash)
    {
        var first = await Backend.StartAsync(directory.Path, tasks => Register(tasks, holdStepTwo: true), LockTimeout);
        var id = await first.Client.ScheduleNewOrchestrationInstanceAsync("Steps", 3);
        await inFlight.Task.WaitAsync(TimeSpan.FromMinutes(1));

        // A crash leaves the activity's lock and the owner file behind; a stop releases the lock and deletes the file.
        await first.StopAsync(forced: crash);
        var ownersLeft = Directory.GetFiles(Path.Combine(directory.Path, "owners")).Length;
        await hold.CancelAsync();
        await using var second = await Backend.StartAsync(directory.Path, tasks => Register(tasks, holdStepTwo: false), LockTimeout);
        var done = await second.WaitAsync(id);

        Assert.Equal(crash ? 1 : 0, ownersLeft);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Equal(6, done.ReadOutputAs<int>());
        Assert.Equal(new Dictionary<int, int> { [1] = 1, [2] = 2, [3] = 1 }, runs.OrderBy(r => r.Key).ToDictionary());
    }

    private void Register(DurableTaskRegistry tasks, bool holdStepTwo)
    {
        tasks.AddActivityFunc<int, int>("Step", async (_, step) =>
        {
            runs.AddOrUpdate(step, 1, (_, count) => count + 1);
            if (holdStepTwo && step == 2)
            {
                inFlight.TrySetResult();
                await Task.Delay(Timeout.Infinite, hold.Token);
            }

            return step;
        });
        tasks.AddOrchestratorFunc<int, int>("Steps", async (context, count) =>
        {
            var sum = 0;
            for (var step = 1; step <= count; step++)
            {
                sum += await context.CallActivityAsync<int>("Step", step);
            }

            return sum;
        });
    }
}
