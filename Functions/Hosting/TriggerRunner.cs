using Microsoft.Extensions.Options;
using Sift.Storage;

namespace Sift.Hosting;

/// <summary>The standalone trigger runner: runs every queue function of the catalog in this process.</summary>
internal sealed class TriggerRunner(
    IEnumerable<FunctionDefinition> catalog,
    IQueueClient queues,
    IServiceScopeFactory scopes,
    QueueHostOptions host,
    IOptions<TriggerOptions> options,
    ILoggerFactory loggers) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) => !options.Value.Enabled
        ? Task.CompletedTask
        : Task.WhenAll(catalog
            .Where(function => function.Trigger is QueueTrigger)
            .Select(function => new QueueFunctionRunner(function, (QueueTrigger)function.Trigger, queues, scopes, host, options,
                loggers.CreateLogger<QueueFunctionRunner>()).RunAsync(stoppingToken)));
}
