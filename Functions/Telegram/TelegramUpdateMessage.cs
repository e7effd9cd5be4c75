using System.Text.Json;

namespace Sift.Telegram;

/// <summary>
/// What the webhook puts on <c>telegram-updates</c>: the raw update as Telegram sent it, or, when
/// it would not fit in a queue message (<see cref="Storage.QueueLimits"/>), the id of the payload document that holds it.
/// </summary>
public sealed record TelegramUpdateMessage(long BotId, string CorrelationId, DateTimeOffset ReceivedAt, JsonElement? Update, string? PayloadId, string Source)
{
    public const string Queue = "telegram-updates";
}

/// <summary>An update too large for a queue message, stored until it is processed.</summary>
public sealed record UpdatePayload(string Id, JsonElement Update)
{
    public const string Collection = "update-payloads";
}
