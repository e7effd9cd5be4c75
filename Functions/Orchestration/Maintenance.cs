using Microsoft.Extensions.Options;
using Sift.Hosting;
using Sift.Telegram;

namespace Sift.Orchestration;

/// <summary>
/// Timer: re-enqueues orchestrations whose work message was lost (a crash between commit and send),
/// then records each bot's webhook health (after the recovery, which a Telegram outage must not hold up).
/// </summary>
internal sealed partial class Maintenance(OrchestrationClient orchestrations, WebhookMonitor webhooks, IOptions<OrchestrationOptions> options, ILogger<Maintenance> logger)
    : ITimerHandler
{
    public async Task HandleAsync(CancellationToken cancellationToken)
    {
        var recovered = await orchestrations.RecoverStalledAsync(options.Value.StallTimeout, cancellationToken);
        if (recovered > 0)
        {
            LogRecovered(logger, recovered);
        }

        await webhooks.CheckAllAsync(cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Maintenance re-enqueued {Count} stalled orchestration(s)")]
    private static partial void LogRecovered(ILogger logger, int count);
}
