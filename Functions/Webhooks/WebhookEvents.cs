using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Sift.Api;
using Sift.Hosting;
using Sift.Storage;

namespace Sift.Webhooks;

/// <summary>What a webhook can be sent: its name is the <c>event</c> of the body and the <c>X-Sift-Event</c> header.</summary>
public enum WebhookEvent
{
    [JsonStringEnumMemberName("proposal.approved")] ProposalApproved,
    [JsonStringEnumMemberName("proposal.rejected")] ProposalRejected,
    [JsonStringEnumMemberName("digest.ready")] DigestReady,
}

/// <summary>
/// An event as it is sent: the body is made once, when the event is first published, so every attempt at every
/// webhook sends (and signs) the same bytes. <see cref="Queued"/> says its deliveries are all on the queue.
/// </summary>
public sealed record WebhookEventDocument(string Id, WebhookEvent Event, DateTimeOffset Time, string Body, bool Queued);

/// <summary>The body of every delivery: what happened, the event's stable id, when, and what it is about.</summary>
public sealed record WebhookEnvelope(WebhookEvent Event, string Id, DateTimeOffset Time, object Data);

/// <summary>
/// Publishes events to the webhooks that want them: one queued delivery per webhook. Publishing the same event
/// again (a proposal approved twice, a digest claimed again after a crash) queues nothing once its deliveries
/// are queued; an event no webhook wants is not stored; the event's id and each delivery's id derive from what it is about, so they are the same every time.
/// </summary>
public sealed class WebhookEvents(IDocumentStore store, IQueueClient queues, WebhookRegistry webhooks, TimeProvider clock)
{
    public const string Collection = "webhook-events";

    /// <summary>Partition and id: the event's id. Cosmos drops an event on its own past <see cref="WebhookOptions.Expiry"/>; Maintenance deletes it first.</summary>
    public static CollectionDefinition Definition { get; } = new(Collection, ["time"], []) { Expiry = WebhookOptions.Expiry };

    /// <param name="subject">What the event is about, unique for its kind (a proposal's chat and id, a chat and day).</param>
    /// <param name="data">Makes the event's data; called only when a webhook wants the event and it is not stored yet.</param>
    public async Task PublishAsync(WebhookEvent name, string subject, Func<Task<object>> data, CancellationToken cancellationToken)
    {
        var wanting = (await webhooks.ListAsync(Paging.MaxLimit, null, cancellationToken)).Items.Where(w => w.Events.Contains(name)).ToList();
        if (wanting.Count == 0)
        {
            return;
        }

        var id = IdOf(EnumQuery.Name(name), subject);
        var stored = (await store.GetAsync<WebhookEventDocument>(Collection, id, id, cancellationToken))?.Value;
        if (stored is { Queued: true })
        {
            return;
        }

        if (stored is null)
        {
            var now = clock.GetUtcNow();
            var created = new WebhookEventDocument(id, name, now, JsonSerializer.Serialize(new WebhookEnvelope(name, id, now, await data()), SiftJson.Options), false);
            await store.ModifyAsync<WebhookEventDocument>(Collection, id, id, current => current ?? created, cancellationToken);
        }

        foreach (var webhook in wanting)
        {
            await queues.SendJsonAsync(WebhookDeliveryMessage.Queue, new WebhookDeliveryMessage(webhook.Id, id, 1), cancellationToken);
        }

        await store.ModifyAsync<WebhookEventDocument>(Collection, id, id, current => current is null ? null : current with { Queued = true }, cancellationToken);
    }

    public async Task<WebhookEventDocument?> FindAsync(string id, CancellationToken cancellationToken) =>
        (await store.GetAsync<WebhookEventDocument>(Collection, id, id, cancellationToken))?.Value;

    public static string IdOf(string name, string subject) => "ev" + Hash(name, subject);

    /// <summary>The same for every attempt of one event at one webhook: what a receiver deduplicates on.</summary>
    public static string DeliveryIdOf(string webhookId, string eventId) => "dl" + Hash(webhookId, eventId);

    /// <returns>The events, distinct, when there is at least one; else none, with the error added (an unknown name is refused when the body is read).</returns>
    internal static IReadOnlyList<WebhookEvent> Check(IReadOnlyList<WebhookEvent>? events, Dictionary<string, string[]> errors)
    {
        if (events is not { Count: > 0 })
        {
            errors["events"] = [$"events must list one or more of {string.Join(", ", EnumQuery.Names<WebhookEvent>().Select(n => n.Name))}."];
            return [];
        }

        return events.Distinct().ToList();
    }

    private static string Hash(string first, string second) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{first}\n{second}")).AsSpan(0, 16));
}
