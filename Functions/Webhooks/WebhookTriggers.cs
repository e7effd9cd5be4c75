using Microsoft.Azure.Functions.Worker;
using Sift.Hosting;

namespace Sift.Webhooks;

/// <summary>Sends what <see cref="WebhookEvents"/> queued: one attempt a message.</summary>
public sealed class WebhookTriggers(IServiceProvider services)
{
    [Function(nameof(DeliverWebhook))]
    public Task DeliverWebhook([QueueTrigger(WebhookDeliveryMessage.Queue, Connection = QueueFunction.Connection)] string message, CancellationToken cancellationToken) =>
        QueueFunction.RunAsync<DeliverWebhook, WebhookDeliveryMessage>(services, WebhookDeliveryMessage.Queue, message, cancellationToken);
}
