using Microsoft.Extensions.Options;
using Sift.Storage;

namespace Sift.Hosting;

/// <summary>The standalone trigger runner: runs every queue and timer function of the catalog in this process.</summary>
internal sealed class TriggerRunner(
    IEnumerable<FunctionDefinition> catalog,
    IQueueClient queues,
    IServiceScopeFactory scopes,
    QueueHostOptions host,
    IOptions<TriggerOptions> options,
    IConfiguration configuration,
    TimeProvider clock,
    ILoggerFactory loggers) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) => !options.Value.Enabled
        ? Task.CompletedTask
        : Task.WhenAll(catalog.Select(function => function.Trigger switch
        {
            QueueTrigger queue => new QueueFunctionRunner(function, queue, queues, scopes, host, options, loggers.CreateLogger<QueueFunctionRunner>())
                .RunAsync(stoppingToken),
            TimerTrigger timer => new TimerFunctionRunner(function, timer, Schedule(configuration, timer), scopes, clock, loggers.CreateLogger<TimerFunctionRunner>())
                .RunAsync(stoppingToken),
            _ => Task.CompletedTask,
        }));

    /// <summary>The schedule a timer runs on; <see cref="HostingExtensions.AddTriggers"/> validates them all at start-up.</summary>
    public static CronSchedule Schedule(IConfiguration configuration, TimerTrigger timer) =>
        CronSchedule.Parse(timer.ScheduleSetting, configuration[timer.ScheduleSetting] is { Length: > 0 } configured ? configured : timer.DefaultSchedule);
}
