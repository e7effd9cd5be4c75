using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Options;
using Sift.Events;
using Sift.Hosting;
using Sift.Security;
using Sift.Telegram;
using Sift.Webhooks;

namespace Sift.Orchestration;

/// <summary>
/// Timer: purges orchestration instances that ended more than <see cref="OrchestrationOptions.KeepEndedFor"/> ago
/// (their history would otherwise grow without end), deletes ended rate-limit windows, expired live events and outgoing
/// webhooks' events and delivery log past their retention, then records each bot's
/// webhook health (last, so that a Telegram outage holds up nothing else).
/// </summary>
internal sealed partial class Maintenance(
    DurableClientAccessor durable, RateLimiter rateLimits, EventJournal events, WebhookRetention outgoingWebhooks, WebhookMonitor webhooks,
    IOptions<OrchestrationOptions> options, TimeProvider clock,
    ILogger<Maintenance> logger) : ITimerHandler
{
    public async Task HandleAsync(CancellationToken cancellationToken)
    {
        var filter = new PurgeInstancesFilter(DateTimeOffset.UnixEpoch, clock.GetUtcNow() - options.Value.KeepEndedFor,
            [OrchestrationRuntimeStatus.Completed, OrchestrationRuntimeStatus.Failed, OrchestrationRuntimeStatus.Terminated]);
        var purged = await durable.Client.PurgeAllInstancesAsync(filter, cancellationToken);
        if (purged.PurgedInstanceCount > 0)
        {
            LogPurged(logger, purged.PurgedInstanceCount);
        }

        await rateLimits.PurgeExpiredAsync(cancellationToken);
        await events.PurgeAsync(cancellationToken);
        await outgoingWebhooks.PurgeAsync(cancellationToken);
        await webhooks.CheckAllAsync(cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Maintenance purged {Count} ended orchestration instance(s)")]
    private static partial void LogPurged(ILogger logger, int count);
}
