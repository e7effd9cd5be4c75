using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Sift.Hosting;

namespace Sift.Orchestration;

/// <summary>The housekeeping timer (<see cref="Maintenance"/>).</summary>
public sealed class MaintenanceTrigger(IServiceProvider services)
{
    [Function(nameof(Maintenance))]
    public Task Maintenance([TimerTrigger("%Maintenance:Schedule%")] TimerInfo timer, [DurableClient] DurableTaskClient durable, CancellationToken cancellationToken) =>
        QueueFunction.RunAsync<Maintenance>(services, cancellationToken);
}
