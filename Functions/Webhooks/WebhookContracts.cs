using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace Sift.Webhooks;

public sealed record CreateWebhookRequest(
    [property: Required, Description("An absolute https URL that receives the events as POSTs.")] string? Url,
    [property: Required, Description("One or more events to receive.")] IReadOnlyList<WebhookEvent>? Events);

/// <param name="Secret">Only in the answer to the creation, which made it: the key of the X-Sift-Signature HMAC. Never shown again.</param>
public sealed record WebhookResponse(string Id, string Url, IReadOnlyList<WebhookEvent> Events, string SecretMasked, DateTimeOffset CreatedAt, string? Secret = null)
{
    public static WebhookResponse From(WebhookDocument w) => new(w.Id, w.Url, w.Events, w.SecretMasked, w.CreatedAt);
}

/// <summary>One attempt: the receiver's status code if it answered, the error sentence if it failed, and what came of it.</summary>
public sealed record WebhookDeliveryResponse(
    string DeliveryId, string EventId, WebhookEvent Event, int Attempt, DateTimeOffset At, int? StatusCode, string? Error, DeliveryOutcome Outcome)
{
    public static WebhookDeliveryResponse From(WebhookAttemptDocument a) => new(a.DeliveryId, a.EventId, a.Event, a.Attempt, a.At, a.StatusCode, a.Error, a.Outcome);
}
