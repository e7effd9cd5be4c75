using Microsoft.Extensions.Options;
using Sift.Storage;

namespace Sift.Hosting;

/// <summary>
/// The standalone trigger runner: runs every queue and timer function of functions.metadata in this process.
/// Before it starts, it releases the leases of processes that died on the same data directory, so
/// their work resumes at once instead of after the lease.
/// </summary>
internal sealed partial class TriggerRunner(
    IReadOnlyList<FunctionEntry> catalog,
    IQueueClient queues,
    IServiceScopeFactory scopes,
    QueueHostOptions host,
    IOptions<TriggerOptions> options,
    IConfiguration configuration,
    TimeProvider clock,
    ProcessOwner owner,
    ILoggerFactory loggers) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Enabled)
        {
            return;
        }

        await ReleaseGoneOwnersAsync(stoppingToken);

        await Task.WhenAll(catalog.Select(function => function.Trigger.Type switch
        {
            "queueTrigger" => new QueueFunctionRunner(function, queues, scopes, host, options, clock, loggers.CreateLogger<QueueFunctionRunner>())
                .RunAsync(stoppingToken),
            "timerTrigger" => new TimerFunctionRunner(function, Schedule(configuration, function), scopes, clock, loggers.CreateLogger<TimerFunctionRunner>())
                .RunAsync(stoppingToken),
            _ => Task.CompletedTask,
        }));
    }

    /// <summary>The schedule a timer runs on; <see cref="TimerScheduleValidation"/> checks them all at start-up.</summary>
    public static CronSchedule Schedule(IConfiguration configuration, FunctionEntry timer) =>
        CronSchedule.Parse(timer.Trigger.ScheduleSetting, configuration[timer.Trigger.ScheduleSetting] ?? "");

    private async Task ReleaseGoneOwnersAsync(CancellationToken cancellationToken)
    {
        var gone = owner.ClaimGone();
        if (gone.Count > 0)
        {
            var released = await queues.ReleaseLeasesAsync(gone, cancellationToken);
            LogReleased(loggers.CreateLogger<TriggerRunner>(), released, gone.Count);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Released {Count} message(s) held by {Owners} process(es) that stopped without finishing them")]
    private static partial void LogReleased(ILogger logger, int count, int owners);
}
