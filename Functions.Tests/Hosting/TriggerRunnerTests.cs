using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Sift.Hosting;
using Sift.Storage;
using Sift.Telegram;
using Sift.Tests.Infrastructure;
using Sift.Tests.Telegram;

namespace Sift.Tests.Hosting;

public sealed class TriggerRunnerTests : IAsyncLifetime
{
    private const long BotId = 7000000002;
    private FakeTelegram telegram = null!;

    public async Task InitializeAsync() => telegram = await FakeTelegram.StartAsync();

    public async Task DisposeAsync() => await telegram.DisposeAsync();

    [Fact]
    public async Task RestartWithMessagesStillQueuedStoresThemAll()
    {
        using var data = new TempDirectory();
        await using (var stopped = new SiftApp(telegram, data.Path, new Dictionary<string, string?> { ["Triggers:Enabled"] = "false" }))
        {
            await stopped.RegisterBotAsync(telegram, BotId);
            await Task.WhenAll(Enumerable.Range(1, 50).Select(i => PostAsync(stopped, i)));
            Assert.Equal(50, await stopped.Get<IQueueClient>().CountAsync(TelegramUpdateMessage.Queue, default));
        }

        await using var restarted = new SiftApp(telegram, data.Path);

        await Eventually.ReturnsAsync(() => CountMessagesAsync(restarted), n => n == 50, "50 messages after the restart");
    }

    [Fact]
    public async Task MessagesInFlightWhenTheProcessDiedAreProcessedAfterTheirLease()
    {
        using var data = new TempDirectory();
        await using (var crashed = new SiftApp(telegram, data.Path, new Dictionary<string, string?> { ["Triggers:Enabled"] = "false" }))
        {
            await crashed.RegisterBotAsync(telegram, BotId);
            await Task.WhenAll(Enumerable.Range(1, 5).Select(i => PostAsync(crashed, i)));
            // Received but never completed: what a process that died mid-batch leaves behind.
            var leased = await crashed.Get<IQueueClient>().ReceiveAsync(TelegramUpdateMessage.Queue, 5, TimeSpan.FromSeconds(2), default);
            Assert.Equal(5, leased.Count);
        }

        await using var restarted = new SiftApp(telegram, data.Path);

        await Eventually.ReturnsAsync(() => CountMessagesAsync(restarted), n => n == 5, "5 messages once their lease ended");
    }

    [Fact]
    public async Task ShutdownWaitsForRunningHandlersToFinish()
    {
        using var data = new TempDirectory();
        var handler = new GatedHandler();
        await using (var app = AppWith(handler, data.Path, drainTimeout: "00:00:30"))
        {
            await app.Get<IQueueClient>().SendJsonAsync(GatedHandler.Queue, new GatedMessage("finish-me"), default);
            await handler.Started.Task.WaitAsync(TimeSpan.FromSeconds(30));
            // The handler may finish only once shutdown has begun.
            app.Get<IHostApplicationLifetime>().ApplicationStopping.Register(() => handler.Release.TrySetResult());
        }

        Assert.Equal(["finish-me"], handler.Finished);
        await using var after = AppWith(handler, data.Path, enabled: false);
        Assert.Equal(0, await after.Get<IQueueClient>().CountAsync(GatedHandler.Queue, default));
    }

    [Fact]
    public async Task ShutdownReleasesMessagesWhoseHandlersOutlastTheDrainTimeout()
    {
        using var data = new TempDirectory();
        var handler = new GatedHandler();
        await using (var app = AppWith(handler, data.Path, drainTimeout: "00:00:00.300"))
        {
            await app.Get<IQueueClient>().SendJsonAsync(GatedHandler.Queue, new GatedMessage("too-slow"), default);
            await handler.Started.Task.WaitAsync(TimeSpan.FromSeconds(30));
        }

        Assert.Empty(handler.Finished);
        await using var after = AppWith(handler, data.Path, enabled: false);
        // Visible at once, not after the 30 s lease: the runner released it on the way out.
        var released = Assert.Single(await after.Get<IQueueClient>().ReceiveAsync(GatedHandler.Queue, 10, TimeSpan.FromMinutes(1), default));
        Assert.Contains("too-slow", released.Body);
    }

    [Fact]
    public async Task AHandlerThatOutlastsItsLeaseRunsOnce()
    {
        using var data = new TempDirectory();
        var handler = new GatedHandler();
        // Renewal at half the lease leaves two seconds of slack for a busy CI machine.
        await using var app = AppWith(handler, data.Path, lease: "00:00:04");
        await app.Get<IQueueClient>().SendJsonAsync(GatedHandler.Queue, new GatedMessage("long"), default);
        await handler.Started.Task.WaitAsync(TimeSpan.FromSeconds(30));

        // Three renewals at half a lease each: the handler has run past one and a half leases.
        await Eventually.ReturnsAsync(() => Task.FromResult(app.Logs.Count(line => line.Contains("renewed the lease", StringComparison.Ordinal))),
            renewals => renewals >= 3, "the lease to be renewed three times");
        handler.Release.TrySetResult();

        await Eventually.ReturnsAsync(() => app.Get<IQueueClient>().CountAsync(GatedHandler.Queue, default), n => n == 0, "the message to be completed");
        Assert.Equal(["long"], handler.Finished);
        Assert.Equal(1, handler.Starts);
    }

    [Fact]
    public async Task AnUnreadableMessageGoesToThePoisonQueueAtOnceWithOneLogLine()
    {
        using var data = new TempDirectory();
        var handler = new GatedHandler();
        await using var app = AppWith(handler, data.Path);
        var queues = app.Get<IQueueClient>();

        await queues.SendAsync(GatedHandler.Queue, "{not json", null, default);

        await Eventually.ReturnsAsync(() => queues.CountAsync(QueueNames.Poison(GatedHandler.Queue), default), n => n == 1, "the message in the poison queue");
        var poisoned = Assert.Single(await queues.PeekAsync(QueueNames.Poison(GatedHandler.Queue), null, 10, default));
        Assert.Equal(1, poisoned.DequeueCount);
        var line = Assert.Single(app.Logs, line => line.Contains("Gated: message", StringComparison.Ordinal));
        Assert.Contains("can never succeed", line);
        Assert.Contains("is not a GatedMessage", line);
        Assert.DoesNotContain("   at ", line); // no stack trace
        Assert.Equal(0, handler.Starts);
    }

    private SiftApp AppWith(GatedHandler handler, string dataPath, string drainTimeout = "00:00:20", bool enabled = true, string lease = "00:00:30") =>
        new(telegram, dataPath, new Dictionary<string, string?>
        {
            ["Triggers:DrainTimeout"] = drainTimeout,
            ["Triggers:Enabled"] = enabled.ToString(),
            ["Triggers:MessageLease"] = lease,
            // Renewals are logged at Debug.
            ["Logging:LogLevel:Sift.Hosting.QueueFunctionRunner"] = "Debug",
        })
        {
            ExtraServices = services =>
            {
                services.AddSingleton(handler);
                // The app's functions and one more, as functions.metadata would list it.
                services.AddSingleton<IReadOnlyList<FunctionEntry>>(
                [
                    .. FunctionCatalog.Load(Path.Combine(AppContext.BaseDirectory, FunctionCatalog.FileName)),
                    new FunctionEntry("Gated", $"{typeof(GatedFunction).FullName}.{nameof(GatedFunction.Run)}",
                        [new FunctionBinding("message", "queueTrigger", "In", null, null, GatedHandler.Queue, QueueFunction.Connection, null)]),
                ]);
            },
        };

    private static async Task PostAsync(SiftApp app, int messageId)
    {
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Add(TelegramWebhook.SecretHeader, app.WebhookSecret(BotId));
        var update = UpdateSamples.Update("message", UpdateSamples.Message($$""" "text": "m{{messageId}}" """, messageId: messageId), updateId: messageId);
        using var response = await client.PostAsync($"/api/telegram/webhook/{BotId}", new StringContent(update, Encoding.UTF8, "application/json"));
        response.EnsureSuccessStatusCode();
    }

    private static async Task<long> CountMessagesAsync(SiftApp app)
    {
        var chats = await app.Api().GetFromJsonAsync<JsonElement>("/api/chats");
        return chats.GetProperty("items").EnumerateArray().Sum(c => c.GetProperty("messageCount").GetInt64());
    }
}

public sealed record GatedMessage(string Name);

public sealed class GatedFunction(IServiceProvider services)
{
    [Microsoft.Azure.Functions.Worker.Function("Gated")]
    public Task Run([Microsoft.Azure.Functions.Worker.QueueTrigger(GatedHandler.Queue)] string message, CancellationToken cancellationToken) =>
        QueueFunction.RunAsync<GatedHandler.Runner, GatedMessage>(services, GatedHandler.Queue, message, cancellationToken);
}

/// <summary>A queue function that starts, then waits for the test to let it finish.</summary>
public sealed class GatedHandler
{
    public const string Queue = "gated-test";

    public TaskCompletionSource Started { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public System.Collections.Concurrent.ConcurrentQueue<string> Finished { get; } = new();

    private int starts;

    public int Starts => Volatile.Read(ref starts);

    public sealed class Runner(GatedHandler gate) : IQueueHandler<GatedMessage>
    {
        public async Task HandleAsync(GatedMessage message, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref gate.starts);
            gate.Started.TrySetResult();
            await gate.Release.Task.WaitAsync(cancellationToken);
            gate.Finished.Enqueue(message.Name);
        }
    }
}
