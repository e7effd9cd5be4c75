using Sift.Hosting;
using Sift.Orchestration;

namespace Sift.Ingestion;

/// <summary>
/// Timer: starts <c>ingest-{sourceId}</c> for every enabled, polled source whose interval has passed
/// since its last run began. Starting is singleton per source, so an overlapping tick starts nothing.
/// Exports run when uploaded, not on a schedule.
/// </summary>
internal sealed partial class ScheduledIngestion(SourceRegistry sources, OrchestrationClient orchestrations, TimeProvider clock, ILogger<ScheduledIngestion> logger)
    : ITimerHandler
{
    public async Task HandleAsync(CancellationToken cancellationToken)
    {
        string? continuation = null;
        do
        {
            var page = await sources.ListAsync(200, continuation, cancellationToken);
            foreach (var source in page.Items.Where(s => s.Enabled && s.Type != SourceType.TelegramExport))
            {
                var last = await orchestrations.FindAsync(source.InstanceIdOf, cancellationToken);
                if (last is null || (!last.IsActive && clock.GetUtcNow() - last.CreatedAt >= TimeSpan.FromMinutes(source.IntervalMinutes)))
                {
                    var (_, started) = await orchestrations.StartAsync(SourceRegistry.Orchestration, source.InstanceIdOf, IngestionInput.Of(source), cancellationToken);
                    if (started && logger.IsEnabled(LogLevel.Information))
                    {
                        var name = LogText.Escape(source.Name);
                        LogStarted(logger, source.Id, name);
                    }
                }
            }

            continuation = page.Continuation;
        }
        while (continuation is not null);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Scheduled ingestion of source {SourceId} ({Name})")]
    private static partial void LogStarted(ILogger logger, string sourceId, string name);
}
