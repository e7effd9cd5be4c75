using System.Collections.Concurrent;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace Sift.DurableTask.Sqlite.Tests;

public sealed class ActivityTests : IDisposable
{
    private readonly TempDirectory directory = new();

    [Fact]
    public async Task ActivityResultIsTheOrchestrationOutput()
    {
        await using var backend = await Backend.StartAsync(directory.Path, tasks =>
        {
            tasks.AddActivityFunc<string, string>("Greet", (_, name) => $"Hello, {name}!");
            tasks.AddOrchestratorFunc<string, string>("Hello", (context, name) => context.CallActivityAsync<string>("Greet", name));
        });

        var id = await backend.Client.ScheduleNewOrchestrationInstanceAsync("Hello", "Sift");
        var done = await backend.WaitAsync(id);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Equal("Hello, Sift!", done.ReadOutputAs<string>());
        Assert.Equal("Sift", done.ReadInputAs<string>());
    }

    [Fact]
    public async Task ChainedActivitiesEachSeeThePreviousResult()
    {
        await using var backend = await Backend.StartAsync(directory.Path, tasks =>
        {
            tasks.AddActivityFunc<int, int>("Increment", (_, value) => value + 1);
            tasks.AddOrchestratorFunc<int, int>("Chain", async (context, value) =>
            {
                for (var step = 0; step < 10; step++)
                {
                    value = await context.CallActivityAsync<int>("Increment", value);
                }

                return value;
            });
        });

        var done = await backend.WaitAsync(await backend.Client.ScheduleNewOrchestrationInstanceAsync("Chain", 5));

        Assert.Equal(15, done.ReadOutputAs<int>());
    }

    [Fact]
    public async Task FanOutOfAHundredActivitiesFansInEveryResultOnce()
    {
        var runs = new ConcurrentDictionary<int, int>();
        await using var backend = await Backend.StartAsync(directory.Path, tasks =>
        {
            tasks.AddActivityFunc<int, int>("Square", (_, value) =>
            {
                runs.AddOrUpdate(value, 1, (_, count) => count + 1);
                return value * value;
            });
            tasks.AddOrchestratorFunc<int, int>("SumOfSquares", async (context, count) =>
            {
                var squares = await Task.WhenAll(Enumerable.Range(1, count).Select(value => context.CallActivityAsync<int>("Square", value)));
                return squares.Sum();
            });
        });

        var done = await backend.WaitAsync(await backend.Client.ScheduleNewOrchestrationInstanceAsync("SumOfSquares", 100));

        Assert.Equal(338_350, done.ReadOutputAs<int>());
        Assert.Equal(100, runs.Count);
        Assert.All(runs.Values, count => Assert.Equal(1, count));
    }

    [Fact]
    public async Task FailedActivityFailsTheOrchestrationWithItsDetails()
    {
        await using var backend = await Backend.StartAsync(directory.Path, tasks =>
        {
            tasks.AddActivityFunc<string, string>("FetchPage", FetchPage);
            tasks.AddOrchestratorFunc<string, string>("Ingest", (context, url) => context.CallActivityAsync<string>("FetchPage", url));
        });

        var done = await backend.WaitAsync(await backend.Client.ScheduleNewOrchestrationInstanceAsync("Ingest", "https://example.org/feed"));

        Assert.Equal(OrchestrationRuntimeStatus.Failed, done.RuntimeStatus);
        Assert.NotNull(done.FailureDetails);
        Assert.Contains("FetchPage", done.FailureDetails.ErrorMessage, StringComparison.Ordinal);
        Assert.Equal(typeof(InvalidOperationException).FullName, done.FailureDetails.InnerFailure?.ErrorType);
        Assert.Equal("The feed https://example.org/feed answered 404.", done.FailureDetails.InnerFailure?.ErrorMessage);
    }

    [Fact]
    public async Task OrchestrationThatThrowsFailsWithItsMessage()
    {
        await using var backend = await Backend.StartAsync(directory.Path, tasks =>
            tasks.AddOrchestratorFunc<string, string>("Refuse", Refuse));

        var done = await backend.WaitAsync(await backend.Client.ScheduleNewOrchestrationInstanceAsync("Refuse", "The window is empty."));

        Assert.Equal(OrchestrationRuntimeStatus.Failed, done.RuntimeStatus);
        Assert.Equal(typeof(ArgumentException).FullName, done.FailureDetails?.ErrorType);
        Assert.Equal("The window is empty.", done.FailureDetails?.ErrorMessage);
    }

    public void Dispose() => directory.Dispose();

    private static string FetchPage(TaskActivityContext context, string url) => throw new InvalidOperationException($"The feed {url} answered 404.");

    private static string Refuse(TaskOrchestrationContext context, string reason) => throw new ArgumentException(reason);
}
