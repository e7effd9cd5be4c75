using DurableTask.Core.Exceptions;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Sift.DurableTask.Sqlite.TestHost;

// The crash test's process: runs the orchestration "steps" (three activities in a chain) on the backend in
// {folder}/backend, appends each activity run to {folder}/runs.txt and writes the output to {folder}/output.txt.
// With "hold", step 2 never ends, so the test can kill the process while it is in flight; started again without,
// the process finds the instance already there and waits for it.
var folder = args[0];
var hold = args is [_, "hold"];
var runs = Path.Combine(folder, "runs.txt");
await using var backend = await Backend.StartAsync(Path.Combine(folder, "backend"), tasks =>
{
    tasks.AddActivityFunc<int, int>("Step", async (_, step) =>
    {
        await File.AppendAllTextAsync(runs, $"{step}\n");
        if (hold && step == 2)
        {
            await Task.Delay(Timeout.Infinite);
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
}, lockTimeout: TimeSpan.FromMinutes(10));

try
{
    var options = new StartOrchestrationOptions("steps")
        .WithDedupeStatuses(OrchestrationRuntimeStatus.Pending, OrchestrationRuntimeStatus.Running, OrchestrationRuntimeStatus.Suspended);
    await backend.Client.ScheduleNewOrchestrationInstanceAsync("Steps", 3, options);
}
catch (OrchestrationAlreadyExistsException)
{
    // Started by the process that was killed.
}

var done = await backend.WaitAsync("steps");
await File.WriteAllTextAsync(Path.Combine(folder, "output.txt"), done.SerializedOutput);
