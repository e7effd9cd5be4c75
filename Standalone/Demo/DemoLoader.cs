using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Options;
using Sift.Api;
using Sift.Knowledge;
using Sift.Messages;
using Sift.Orchestration;
using Sift.Topics;

namespace Sift.Demo;

/// <summary>Section <c>Demo</c>; <c>--demo</c> on the command line is <c>--Demo:Load=true</c>.</summary>
public sealed class DemoOptions
{
    public const string Section = "Demo";
    public const string Flag = "--demo";

    /// <summary>Load the demo chat at start, analyse it and run knowledge extraction over it, once per data directory.</summary>
    public bool Load { get; set; }

    /// <summary>The arguments with <c>--demo</c> spelled as the setting (the command-line provider would take the next argument as its value).</summary>
    public static string[] Expand(IEnumerable<string> args) =>
        [.. args.Select(a => a.Equals(Flag, StringComparison.OrdinalIgnoreCase) ? $"--{Section}:{nameof(Load)}=true" : a)];
}

/// <summary>
/// Loads the demo chat through the paths every source uses: its topics, then its messages through the one save path
/// (which queues each for analysis); once all are analysed, a knowledge run over them, so atoms, proposals and a digest
/// exist. Idempotent: messages keep their ids (a second start saves nothing new and keeps the first start's times),
/// topics that exist stay, and a chat that has had a run gets no other.
/// </summary>
internal sealed partial class DemoLoader(
    IOptions<DemoOptions> options, MessageStore messages, TopicCatalog topics, AnalysisRuns runs, DurableClientAccessor durable, DurableTaskClient client,
    IHostApplicationLifetime lifetime, TimeProvider clock, ILogger<DemoLoader> logger) : BackgroundService
{
    private static readonly TimeSpan AnalysisWait = TimeSpan.FromMinutes(10);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Load)
        {
            return;
        }

        try
        {
            await LoadAsync(stoppingToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The demo is an extra: Sift keeps serving without it.
            LogFailed(logger, e);
        }
    }

    private async Task LoadAsync(CancellationToken stoppingToken)
    {
        // After start-up, so the queue runner analyses what is saved and the orchestration worker takes the run.
        await WhenStartedAsync(stoppingToken);
        var demo = DemoConversation.Read();
        foreach (var topic in demo.Topics)
        {
            try
            {
                await topics.CreateAsync(topic, stoppingToken);
            }
            catch (ConflictException)
            {
                // Defined already (by an earlier start, or by someone): it stays as it is.
            }
        }

        var saved = 0;
        foreach (var message in demo.Documents(clock.GetUtcNow()))
        {
            saved += await messages.SaveAsync(message, stoppingToken) == SaveOutcome.Created ? 1 : 0;
        }

        LogSaved(logger, demo.Messages.Count, demo.Key, saved);
        var analysed = await WaitForAnalysisAsync(demo, stoppingToken);
        durable.Use(client);
        if ((await runs.ListAsync(demo.Key, 1, null, stoppingToken)).Items.Count > 0)
        {
            LogHadRun(logger, demo.Key);
            return;
        }

        var since = analysed.Min(m => m.Date).AddMinutes(-1);
        var run = await runs.StartAsync(new StartAnalysisRunRequest(demo.Key, since, analysed.Max(m => m.Date).AddMinutes(1)), stoppingToken);
        LogRunStarted(logger, demo.Key, run.InstanceId);
    }

    private async Task WhenStartedAsync(CancellationToken cancellationToken)
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var registration = lifetime.ApplicationStarted.Register(started.SetResult);
        await started.Task.WaitAsync(cancellationToken);
    }

    /// <summary>The demo's messages once every one has its analysis (the queue runner works through them in seconds).</summary>
    private async Task<List<MessageDocument>> WaitForAnalysisAsync(DemoConversation demo, CancellationToken cancellationToken)
    {
        var deadline = clock.GetUtcNow() + AnalysisWait;
        while (true)
        {
            var stored = new List<MessageDocument>();
            foreach (var message in demo.Messages)
            {
                if (await messages.FindAsync(demo.Key, message.Id, cancellationToken) is { Analysis: not null } analysed)
                {
                    stored.Add(analysed);
                }
            }

            if (stored.Count == demo.Messages.Count)
            {
                return stored;
            }

            if (clock.GetUtcNow() > deadline)
            {
                throw new TimeoutException($"{demo.Messages.Count - stored.Count} demo messages were not analysed within {AnalysisWait.TotalMinutes} minutes; is Triggers:Enabled false?");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(250), clock, cancellationToken);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Demo: loading the demo chat failed")]
    private static partial void LogFailed(ILogger logger, Exception error);

    [LoggerMessage(Level = LogLevel.Information, Message = "Demo: {Count} messages of chat {ChatId} saved ({Saved} new)")]
    private static partial void LogSaved(ILogger logger, int count, ChatKey chatId, int saved);

    [LoggerMessage(Level = LogLevel.Information, Message = "Demo: chat {ChatId} is analysed and has had its knowledge run")]
    private static partial void LogHadRun(ILogger logger, ChatKey chatId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Demo: knowledge run {InstanceId} of chat {ChatId} started")]
    private static partial void LogRunStarted(ILogger logger, ChatKey chatId, string instanceId);
}
