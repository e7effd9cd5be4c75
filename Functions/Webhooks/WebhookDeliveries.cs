using Microsoft.Extensions.Options;
using Sift.Hosting;
using Sift.Storage;

namespace Sift.Webhooks;

/// <summary>One delivery attempt of an event at a webhook, queued.</summary>
public sealed record WebhookDeliveryMessage(string WebhookId, string EventId, int Attempt)
{
    public const string Queue = "webhook-deliveries";
}

public enum DeliveryOutcome { Succeeded, Retrying, Failed }

/// <summary>
/// One line of a webhook's delivery log: one attempt. Its id is the delivery's and the attempt's number, so an
/// attempt is logged once however often its queue message is delivered.
/// </summary>
public sealed record WebhookAttemptDocument(
    string Id, string WebhookId, string DeliveryId, string EventId, string Event, int Attempt, DateTimeOffset At, int? StatusCode, string? Error, DeliveryOutcome Outcome)
{
    public const string Collection = "webhook-deliveries";

    public static CollectionDefinition Definition { get; } = new(Collection, ["at"], []);

    public static string IdOf(string deliveryId, int attempt) => $"{deliveryId}-{attempt:D2}";
}

/// <summary>
/// Sends one attempt and logs it; after a failure short of <see cref="WebhookOptions.MaxAttempts"/> it queues the next,
/// delayed by <see cref="WebhookOptions.RetryDelay"/>. A message whose attempt is already logged only makes sure the
/// next one is queued (the handler may have stopped between the two), so a redelivered message never sends or logs twice.
/// </summary>
public sealed partial class DeliverWebhook(
    IDocumentStore store, IQueueClient queues, WebhookRegistry webhooks, WebhookEvents events, WebhookSender sender, TimeProvider clock,
    IOptions<WebhookOptions> options, ILogger<DeliverWebhook> logger) : IQueueHandler<WebhookDeliveryMessage>
{
    public async Task HandleAsync(WebhookDeliveryMessage message, CancellationToken cancellationToken)
    {
        if (message.Attempt < 1)
        {
            throw new PermanentMessageException($"A webhook delivery's attempt must be 1 or more (got {message.Attempt}).");
        }

        if (await webhooks.FindAsync(message.WebhookId, cancellationToken) is not { } webhook)
        {
            LogDropped(logger, message.EventId, message.WebhookId);
            return;
        }

        var deliveryId = WebhookEvents.DeliveryIdOf(webhook.Id, message.EventId);
        var id = WebhookAttemptDocument.IdOf(deliveryId, message.Attempt);
        var logged = (await store.GetAsync<WebhookAttemptDocument>(WebhookAttemptDocument.Collection, webhook.Id, id, cancellationToken))?.Value;
        if (logged is null)
        {
            var @event = await events.FindAsync(message.EventId, cancellationToken)
                ?? throw new PermanentMessageException($"Webhook event '{message.EventId}' is not stored.");
            var result = await sender.SendAsync(webhook, webhooks.Secret(webhook), @event, deliveryId, cancellationToken);
            var outcome = result.Succeeded ? DeliveryOutcome.Succeeded : message.Attempt >= options.Value.MaxAttempts ? DeliveryOutcome.Failed : DeliveryOutcome.Retrying;
            var attempt = new WebhookAttemptDocument(id, webhook.Id, deliveryId, @event.Id, @event.Event, message.Attempt, clock.GetUtcNow(), result.StatusCode, result.Error, outcome);
            logged = (await store.ModifyAsync<WebhookAttemptDocument>(WebhookAttemptDocument.Collection, webhook.Id, id, current => current ?? attempt, cancellationToken)).Value!;
            if (!result.Succeeded)
            {
                LogFailed(logger, deliveryId, message.Attempt, webhook.Id, result.Error!);
            }
        }

        if (logged.Outcome == DeliveryOutcome.Retrying)
        {
            await queues.SendJsonAsync(WebhookDeliveryMessage.Queue, message with { Attempt = message.Attempt + 1 }, cancellationToken, options.Value.RetryDelay(message.Attempt));
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Delivery of event {EventId} dropped: webhook {WebhookId} was deleted")]
    private static partial void LogDropped(ILogger logger, string eventId, string webhookId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Delivery {DeliveryId} attempt {Attempt} to webhook {WebhookId} failed: {Error}")]
    private static partial void LogFailed(ILogger logger, string deliveryId, int attempt, string webhookId, string error);
}
