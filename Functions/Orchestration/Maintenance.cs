using Microsoft.Extensions.Options;
using Sift.Hosting;
using Sift.Security;
using Sift.Telegram;

namespace Sift.Orchestration;

/// <summary>
/// Timer: re-enqueues orchestrations whose work message was lost (a crash between commit and send),
/// deletes ended rate-limit windows, then records each bot's webhook health (last, so that a Telegram
/// outage holds up nothing else).
/// </summary>
internal sealed partial class Maintenance(
    OrchestrationClient orchestrations, RateLimiter rateLimits, WebhookMonitor webhooks, IOptions<OrchestrationOptions> options, ILogger<Maintenance> logger)
    : ITimerHandler
{
    public async Task HandleAsync(CancellationToken cancellationToken)
    {
        var recovered = await orchestrations.RecoverStalledAsync(options.Value.StallTimeout, cancellationToken);
        if (recovered > 0)
        {
            LogRecovered(logger, recovered);
        }

        await rateLimits.PurgeExpiredAsync(cancellationToken);
        await webhooks.CheckAllAsync(cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Maintenance re-enqueued {Count} stalled orchestration(s)")]
    private static partial void LogRecovered(ILogger logger, int count);
}
