using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Sift.Storage;
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
        await using var app = App(new() { ["Orchestration:StallTimeout"] = "00:00:03", ["Orchestration:StepTimeout"] = "00:00:02", ["Maintenance:Schedule"] = "* * * * * *" });

        await app.Get<OrchestrationClient>().StartAsync(PagesOrchestrator.OrchestrationName, "crash-send", new PagesInput(3), default);

        var done = await WaitForAsync(app, "crash-send", OrchestrationStatus.Completed);
        Assert.True(faults.Fired);
        Assert.Equal(6, done.GetProperty("output").GetProperty("sum").GetInt32());
        Assert.All(orchestrator.Runs.Values, runs => Assert.Equal(1, runs));
    }

    [Fact]
    public async Task TransientFailuresAreRetriedWithBackoff()
    {
        var clock = new ManualClock(DateTimeOffset.Parse("2026-11-23T12:00:00Z", CultureInfo.InvariantCulture));
        await using var app = App(new() { ["Orchestration:RetryDelay"] = "00:00:10" }, clock);
        var client = app.Get<OrchestrationClient>();
        await client.StartAsync(PagesOrchestrator.OrchestrationName, "flaky", new PagesInput(1, FailuresPerPage: 1), default);
        await Eventually.ReturnsAsync(() => app.Get<IQueueClient>().PeekAsync(WorkItem.Queue, null, 10, default),
            queued => queued.Any(m => m.Body.Contains("\"attempt\":1", StringComparison.Ordinal)), "the retry to be queued");
        var flaky = (await client.GetAsync("flaky", default)).ExecutionId + ":0";

        // Below the shortest backoff (0.8 x 10 s): another instance runs, the retry does not.
        clock.Advance(TimeSpan.FromSeconds(7));
        await client.StartAsync(PagesOrchestrator.OrchestrationName, "probe", new PagesInput(1), default);
        await WaitForAsync(app, "probe", OrchestrationStatus.Completed);
        Assert.Equal(1, orchestrator.Runs[flaky]);

        // Past the longest backoff (1.2 x 10 s).
        clock.Advance(TimeSpan.FromSeconds(6));
        var done = await WaitForAsync(app, "flaky", OrchestrationStatus.Completed);
        Assert.Equal(1, done.GetProperty("output").GetProperty("sum").GetInt32());
        Assert.Equal(2, orchestrator.Runs[flaky]);
    }

    [Fact]
    public async Task AStepThatKeepsFailingFailsTheInstanceWithASentenceAndLogsTheException()
    {
        await using var app = App(new() { ["Orchestration:MaxAttempts"] = "3" });

        await app.Get<OrchestrationClient>().StartAsync(PagesOrchestrator.OrchestrationName, "broken", new PagesInput(2, FailuresPerPage: 100), default);

        var failed = await WaitForAsync(app, "broken", OrchestrationStatus.Failed);
        Assert.Equal("Step 'page' failed 3 times; the last attempt: an unexpected error occurred (InvalidOperationException); the log has the details.",
            failed.GetProperty("error").GetString());
        Assert.Equal(3, Assert.Single(orchestrator.Runs).Value);
        Assert.Equal(3, app.Logs.Count(line => line.Contains("transient failure on page 0", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task ADomainFailureKeepsItsMessageInTheError()
    {
        await using var app = App(new() { ["Orchestration:MaxAttempts"] = "1" });

        await app.Get<OrchestrationClient>().StartAsync(PagesOrchestrator.OrchestrationName, "refused", new PagesInput(1, FailuresPerPage: 1, DomainFailure: true), default);

        var failed = await WaitForAsync(app, "refused", OrchestrationStatus.Failed);
        Assert.Equal("Step 'page' failed: The server refused page 0.", failed.GetProperty("error").GetString());
    }

    [Fact]
    public async Task AStepThatOutlastsTheStepTimeoutIsAFailedAttemptSayingSo()
    {
        await using var app = App(new() { ["Orchestration:MaxAttempts"] = "1", ["Orchestration:StepTimeout"] = "00:00:00.500" });

        await app.Get<OrchestrationClient>().StartAsync(PagesOrchestrator.OrchestrationName, "slow", new PagesInput(1, GateFirstPage: true), default);

        var failed = await WaitForAsync(app, "slow", OrchestrationStatus.Failed);
        Assert.Equal("Step 'page' failed: it did not finish within the step timeout of 00:00:00.5000000 (Orchestration:StepTimeout).",
            failed.GetProperty("error").GetString());
    }

    [Fact]
    public async Task RecoveryWhileAStepRunsLeavesItsCommitValidAndIsNotRepeated()
    {
        var clock = new ManualClock(DateTimeOffset.Parse("2026-11-23T12:00:00Z", CultureInfo.InvariantCulture));
        await using var app = App(clock: clock);
        var client = app.Get<OrchestrationClient>();
        await client.StartAsync(PagesOrchestrator.OrchestrationName, "outlasting", new PagesInput(2, GateFirstPage: true), default);
        await orchestrator.FirstPageStarted.Task.WaitAsync(TimeSpan.FromSeconds(30));
        var store = app.Get<IDocumentStore>();
        var before = await store.GetAsync<OrchestrationInstance>(OrchestrationInstance.Collection, "outlasting", "outlasting", default);

        // The step has now run for longer than the stall timeout (and than its message's lease).
        clock.Advance(TimeSpan.FromMinutes(7));
        Assert.Equal(1, await client.RecoverStalledAsync(TimeSpan.FromMinutes(6), default));
        Assert.Equal(0, await client.RecoverStalledAsync(TimeSpan.FromMinutes(6), default));
        var after = await store.GetAsync<OrchestrationInstance>(OrchestrationInstance.Collection, "outlasting", "outlasting", default);
        orchestrator.Release.TrySetResult();

        Assert.Equal(before!.ETag, after!.ETag);
        var done = await WaitForAsync(app, "outlasting", OrchestrationStatus.Completed);
        Assert.Equal(3, done.GetProperty("output").GetProperty("sum").GetInt32());
        Assert.Equal(2, done.GetProperty("output").GetProperty("pages").GetInt32());
    }

    [Fact]
    public async Task EveryStepLogsInsideAScopeWithTheExecutionsCorrelationId()
    {
        var scopes = new ScopeRecorder();
        await using var app = App(extra: services => services.AddSingleton<ILoggerProvider>(scopes));

        var (instance, _) = await app.Get<OrchestrationClient>().StartAsync(PagesOrchestrator.OrchestrationName, "traced", new PagesInput(2), default);

        await WaitForAsync(app, "traced", OrchestrationStatus.Completed);
        var stored = await app.Get<OrchestrationClient>().GetAsync("traced", default);
        Assert.Equal(instance.CorrelationId, stored.CorrelationId);
        Assert.Matches("^[0-9a-f]{32}$", stored.CorrelationId);
        var steps = scopes.Values.Where(scope => scope.TryGetValue("InstanceId", out var id) && Equals(id, "traced")).ToList();
        Assert.Equal(3, steps.Count); // page 0, page 1, sum
        Assert.All(steps, scope => Assert.Equal(stored.CorrelationId, scope["CorrelationId"]));
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
        // The released step has finished once its message is gone; its commit must have lost to the terminate.
        await Eventually.ReturnsAsync(() => app.Get<IQueueClient>().CountAsync(WorkItem.Queue, default), n => n == 0, "the step to finish");
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

    private SiftApp App(Dictionary<string, string?>? settings = null, TimeProvider? clock = null, Action<IServiceCollection>? extra = null)
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
                if (clock is not null)
                {
                    services.AddSingleton(clock);
                }

                extra?.Invoke(services);
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

/// <summary>Keeps the dictionary scopes loggers open, to see what a log line would carry.</summary>
internal sealed class ScopeRecorder : ILoggerProvider
{
    public ConcurrentQueue<IReadOnlyDictionary<string, object?>> Values { get; } = new();

    public ILogger CreateLogger(string categoryName) => new Logger(this);

    public void Dispose()
    {
    }

    private sealed class Logger(ScopeRecorder recorder) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull
        {
            if (state is IReadOnlyDictionary<string, object?> values)
            {
                recorder.Values.Enqueue(values);
            }

            return null;
        }

        public bool IsEnabled(LogLevel logLevel) => false;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
        }
    }
}
