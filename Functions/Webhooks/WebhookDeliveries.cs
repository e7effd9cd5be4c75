using Microsoft.Extensions.Options;
using Sift.Hosting;
using Sift.Storage;

namespace Sift.Webhooks;

/// <summary>One delivery attempt of an event at a webhook, queued.</summary>
public sealed record WebhookDeliveryMessage(string WebhookId, string EventId, int Attempt)
{
    public const string Queue = "webhook-deliveries";
}

/// <summary>What came of an attempt; <see cref="Sending"/>: claimed and not finished (in flight, or cut short and taken over after the lease).</summary>
public enum DeliveryOutcome { Sending, Succeeded, Retrying, Failed }

/// <summary>
/// One line of a webhook's delivery log: one attempt. Its id is the delivery's and the attempt's number, so an
/// attempt is logged once however often its queue message is delivered; it is created before the send, as the claim to send.
/// </summary>
public sealed record WebhookAttemptDocument(
    string Id, string WebhookId, string DeliveryId, string EventId, WebhookEvent Event, int Attempt, DateTimeOffset At, int? StatusCode, string? Error, DeliveryOutcome Outcome)
{
    public const string Collection = "webhook-deliveries";

    /// <summary>Partition: the webhook. Cosmos drops an entry on its own past <see cref="WebhookOptions.Expiry"/>; Maintenance deletes it first.</summary>
    public static CollectionDefinition Definition { get; } = new(Collection, ["at"], []) { Expiry = WebhookOptions.Expiry };

    public static string IdOf(string deliveryId, int attempt) => $"{deliveryId}-{attempt:D2}";
}

/// <summary>
/// Sends one attempt and logs it; after a failure short of <see cref="WebhookOptions.MaxAttempts"/> it queues the next,
/// delayed by <see cref="WebhookOptions.RetryDelay"/>. The attempt's log entry is created first, as a claim: of two copies
/// of one message handled at once, only the one whose create succeeds sends. A copy that finds the attempt claimed and
/// unfinished comes back when the claim's lease (<see cref="WebhookOptions.ClaimLease"/>) ends, and takes it over if it is
/// still unfinished (the sender stopped); a copy that finds it finished only makes sure the next attempt is queued (the
/// handler may have stopped between the two). So a redelivered message never sends or logs twice.
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
        var (logged, @event) = await ClaimAsync(webhook.Id, deliveryId, message, cancellationToken);
        if (@event is not null)
        {
            var result = await sender.SendAsync(webhook, webhooks.Secret(webhook), @event, deliveryId, cancellationToken);
            var outcome = result.Succeeded ? DeliveryOutcome.Succeeded : message.Attempt >= options.Value.MaxAttempts ? DeliveryOutcome.Failed : DeliveryOutcome.Retrying;
            var finished = logged with { StatusCode = result.StatusCode, Error = result.Error, Outcome = outcome };
            logged = (await store.ModifyAsync<WebhookAttemptDocument>(WebhookAttemptDocument.Collection, webhook.Id, logged.Id,
                current => current is { Outcome: DeliveryOutcome.Sending } ? finished : current, cancellationToken)).Value ?? finished;
            if (!result.Succeeded)
            {
                LogFailed(logger, deliveryId, message.Attempt, webhook.Id, result.Error!);
            }
        }

        if (logged.Outcome == DeliveryOutcome.Sending)
        {
            var leaseLeft = logged.At + options.Value.ClaimLease - clock.GetUtcNow();
            await queues.SendJsonAsync(WebhookDeliveryMessage.Queue, message, cancellationToken, leaseLeft > TimeSpan.FromSeconds(1) ? leaseLeft : TimeSpan.FromSeconds(1));
        }
        else if (logged.Outcome == DeliveryOutcome.Retrying)
        {
            await queues.SendJsonAsync(WebhookDeliveryMessage.Queue, message with { Attempt = message.Attempt + 1 }, cancellationToken, options.Value.RetryDelay(message.Attempt));
        }
    }

    /// <returns>The attempt as logged, and the event to send when this call holds the claim (created it, or took over one whose lease ended).</returns>
    private async Task<(WebhookAttemptDocument Logged, WebhookEventDocument? Event)> ClaimAsync(
        string webhookId, string deliveryId, WebhookDeliveryMessage message, CancellationToken cancellationToken)
    {
        var id = WebhookAttemptDocument.IdOf(deliveryId, message.Attempt);
        var stored = await store.GetAsync<WebhookAttemptDocument>(WebhookAttemptDocument.Collection, webhookId, id, cancellationToken);
        var now = clock.GetUtcNow();
        if (stored is not null && (stored.Value.Outcome != DeliveryOutcome.Sending || now - stored.Value.At < options.Value.ClaimLease))
        {
            return (stored.Value, null);
        }

        var @event = await events.FindAsync(message.EventId, cancellationToken)
            ?? throw new PermanentMessageException($"Webhook event '{message.EventId}' is not stored.");
        var claim = new WebhookAttemptDocument(id, webhookId, deliveryId, @event.Id, @event.Event, message.Attempt, now, null, null, DeliveryOutcome.Sending);
        try
        {
            return stored is null
                ? ((await store.CreateAsync(WebhookAttemptDocument.Collection, webhookId, id, claim, cancellationToken)).Value, @event)
                : ((await store.ReplaceAsync(WebhookAttemptDocument.Collection, webhookId, id, claim, stored.ETag, cancellationToken)).Value, @event);
        }
        catch (Exception e) when (e is DocumentConflictException or DocumentPreconditionException)
        {
            // Another copy claimed it first: it sends.
            return ((await store.GetAsync<WebhookAttemptDocument>(WebhookAttemptDocument.Collection, webhookId, id, cancellationToken))?.Value ?? claim, null);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Delivery of event {EventId} dropped: webhook {WebhookId} was deleted")]
    private static partial void LogDropped(ILogger logger, string eventId, string webhookId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Delivery {DeliveryId} attempt {Attempt} to webhook {WebhookId} failed: {Error}")]
    private static partial void LogFailed(ILogger logger, string deliveryId, int attempt, string webhookId, string error);
}
