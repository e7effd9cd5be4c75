using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Sift.Orchestration;
using Sift.Tests.Infrastructure;

namespace Sift.Tests.Orchestration;

public sealed class OrchestrationTests
{
    private readonly PagesOrchestrator orchestrator = new();
    private readonly Faults faults = new();

    [Fact]
    public async Task FiftyConcurrentStartsOfOneInstanceIdRunOneExecution()
    {
        await using var app = App();
        var client = app.Get<OrchestrationClient>();

        var starts = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => Task.Run(() =>
            client.StartAsync(PagesOrchestrator.OrchestrationName, "singleton", new PagesInput(3), default))));

        var started = Assert.Single(starts, s => s.Started);
        Assert.All(starts, s => Assert.Equal(started.Instance.ExecutionId, s.Instance.ExecutionId));
        var done = await WaitForAsync(app, "singleton", OrchestrationStatus.Completed);
        Assert.Equal(6, done.GetProperty("output").GetProperty("sum").GetInt32());
        Assert.Equal(3, orchestrator.Runs.Count);
        Assert.Empty(done.GetProperty("executions").EnumerateArray());
    }

    [Fact]
    public async Task StartingAfterCompletionStartsANewExecution()
    {
        await using var app = App();
        var client = app.Get<OrchestrationClient>();
        var (first, _) = await client.StartAsync(PagesOrchestrator.OrchestrationName, "again", new PagesInput(1), default);
        await WaitForAsync(app, "again", OrchestrationStatus.Completed);

        var (second, started) = await client.StartAsync(PagesOrchestrator.OrchestrationName, "again", new PagesInput(2), default);

        Assert.True(started);
        Assert.NotEqual(first.ExecutionId, second.ExecutionId);
        var done = await WaitForAsync(app, "again", OrchestrationStatus.Completed);
        Assert.Equal(3, done.GetProperty("output").GetProperty("sum").GetInt32());
        var earlier = Assert.Single(done.GetProperty("executions").EnumerateArray());
        Assert.Equal(first.ExecutionId, earlier.GetProperty("executionId").GetString());
        Assert.Equal("Completed", earlier.GetProperty("status").GetString());
    }

    [Fact]
    public async Task CrashAfterTheSideEffectsBeforeTheCommitIsRedoneWithoutDuplicates()
    {
        // The second page has written its result; committing that step "crashes".
        faults.CrashOnReplace = (collection, document) => collection == OrchestrationInstance.Collection
            && document is OrchestrationInstance { Step: "page" } instance && instance.State?.GetProperty("page").GetInt32() == 2;
        await using var app = App();

        await app.Get<OrchestrationClient>().StartAsync(PagesOrchestrator.OrchestrationName, "crash-commit", new PagesInput(4), default);

        var done = await WaitForAsync(app, "crash-commit", OrchestrationStatus.Completed);
        Assert.True(faults.Fired);
        Assert.Equal(10, done.GetProperty("output").GetProperty("sum").GetInt32());
        Assert.Equal(4, done.GetProperty("output").GetProperty("pages").GetInt32());
        Assert.Contains(orchestrator.Runs, run => run.Value == 2); // the interrupted step ran again
    }

    [Fact]
    public async Task CrashAfterTheCommitBeforeTheNextMessageIsRecoveredByMaintenance()
    {
        faults.CrashOnSend = (queue, body) => queue == WorkItem.Queue && body.Contains("\"step\":\"sum\"", StringComparison.Ordinal);
        await using var app = App(new() { ["Orchestration:StallTimeout"] = "00:00:01", ["Maintenance:Schedule"] = "* * * * * *" });

        await app.Get<OrchestrationClient>().StartAsync(PagesOrchestrator.OrchestrationName, "crash-send", new PagesInput(3), default);

        var done = await WaitForAsync(app, "crash-send", OrchestrationStatus.Completed);
        Assert.True(faults.Fired);
        Assert.Equal(6, done.GetProperty("output").GetProperty("sum").GetInt32());
        Assert.All(orchestrator.Runs.Values, runs => Assert.Equal(1, runs));
    }

    [Fact]
    public async Task TransientFailuresAreRetriedWithBackoff()
    {
        await using var app = App();

        await app.Get<OrchestrationClient>().StartAsync(PagesOrchestrator.OrchestrationName, "flaky", new PagesInput(2, FailuresPerPage: 2), default);

        var done = await WaitForAsync(app, "flaky", OrchestrationStatus.Completed);
        Assert.Equal(3, done.GetProperty("output").GetProperty("sum").GetInt32());
        Assert.All(orchestrator.Runs.Values, runs => Assert.Equal(3, runs));
    }

    [Fact]
    public async Task AStepThatKeepsFailingFailsTheInstanceWithItsError()
    {
        await using var app = App(new() { ["Orchestration:MaxAttempts"] = "3" });

        await app.Get<OrchestrationClient>().StartAsync(PagesOrchestrator.OrchestrationName, "broken", new PagesInput(2, FailuresPerPage: 100), default);

        var failed = await WaitForAsync(app, "broken", OrchestrationStatus.Failed);
        Assert.Contains("failed 3 times", failed.GetProperty("error").GetString());
        Assert.Contains("transient failure on page 0", failed.GetProperty("error").GetString());
        Assert.Equal(3, Assert.Single(orchestrator.Runs).Value);
    }

    [Fact]
    public async Task TerminateStopsARunningInstanceAndPurgeRemovesIt()
    {
        await using var app = App();
        await app.Get<OrchestrationClient>().StartAsync(PagesOrchestrator.OrchestrationName, "long", new PagesInput(3, GateFirstPage: true), default);
        await orchestrator.FirstPageStarted.Task.WaitAsync(TimeSpan.FromSeconds(30));
        var api = app.Api();

        Assert.Equal(HttpStatusCode.Conflict, (await api.DeleteAsync("/api/orchestrations/long")).StatusCode);
        using var terminate = await api.PostAsJsonAsync("/api/orchestrations/long/terminate", new { reason = "enough" });
        orchestrator.Release.TrySetResult();

        Assert.Equal(HttpStatusCode.OK, terminate.StatusCode);
        await Task.Delay(300);
        var status = await api.GetFromJsonAsync<JsonElement>("/api/orchestrations/long");
        Assert.Equal("Terminated", status.GetProperty("status").GetString());
        Assert.Equal("enough", status.GetProperty("error").GetString());
        Assert.Equal(HttpStatusCode.Conflict, (await api.PostAsJsonAsync("/api/orchestrations/long/terminate", new { })).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await api.DeleteAsync("/api/orchestrations/long")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await api.GetAsync("/api/orchestrations/long")).StatusCode);
    }

    [Fact]
    public async Task ListFiltersByNameAndStatus()
    {
        await using var app = App();
        var client = app.Get<OrchestrationClient>();
        await client.StartAsync(PagesOrchestrator.OrchestrationName, "list-a", new PagesInput(1), default);
        await client.StartAsync(PagesOrchestrator.OrchestrationName, "list-b", new PagesInput(1), default);
        await WaitForAsync(app, "list-a", OrchestrationStatus.Completed);
        await WaitForAsync(app, "list-b", OrchestrationStatus.Completed);

        var completed = await app.Api().GetFromJsonAsync<JsonElement>($"/api/orchestrations?name={PagesOrchestrator.OrchestrationName}&status=Completed");
        var running = await app.Api().GetFromJsonAsync<JsonElement>("/api/orchestrations?status=Running");

        Assert.Equal(["list-a", "list-b"], completed.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("instanceId").GetString()).Order());
        Assert.Empty(running.GetProperty("items").EnumerateArray());
        Assert.Equal(HttpStatusCode.BadRequest, (await app.Api().GetAsync("/api/orchestrations?status=Sleeping")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await app.Api().GetAsync("/api/orchestrations/nope")).StatusCode);
    }

    private SiftApp App(Dictionary<string, string?>? settings = null)
    {
        var all = new Dictionary<string, string?> { ["Orchestration:RetryDelay"] = "00:00:00.050" };
        foreach (var (key, value) in settings ?? [])
        {
            all[key] = value;
        }

        return new SiftApp(settings: all)
        {
            ExtraServices = services =>
            {
                services.AddSingleton(orchestrator);
                services.AddSingleton(PagesOrchestrator.Registration);
                faults.Install(services);
            },
        };
    }

    /// <summary>Waits until the instance exists and has <paramref name="status"/>.</summary>
    internal static Task<JsonElement> WaitForAsync(SiftApp app, string instanceId, OrchestrationStatus status) =>
        Eventually.ReturnsAsync(
            async () =>
            {
                using var response = await app.Api().GetAsync($"/api/orchestrations/{instanceId}");
                return response.IsSuccessStatusCode ? await response.Content.ReadFromJsonAsync<JsonElement>() : default;
            },
            s => s.ValueKind == JsonValueKind.Object && s.GetProperty("status").GetString() == status.ToString(),
            $"{instanceId} to be {status}");
}
