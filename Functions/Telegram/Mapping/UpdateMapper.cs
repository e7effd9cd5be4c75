using System.Text.Json;
using Sift.Messages;

namespace Sift.Telegram.Mapping;

internal static class UpdateMapper
{
    // An update carries exactly one payload; these six are messages Sift stores.
    private static readonly string[] MessageFields =
    [
        "message", "edited_message", "channel_post", "edited_channel_post",
        "business_message", "edited_business_message",
    ];

    // Known payloads Sift acknowledges without storing; named so logs say what was skipped.
    private static readonly HashSet<string> IgnoredFields =
    [
        "business_connection", "deleted_business_messages", "message_reaction", "message_reaction_count",
        "inline_query", "chosen_inline_result", "callback_query", "shipping_query", "pre_checkout_query",
        "purchased_paid_media", "poll", "poll_answer", "my_chat_member", "chat_member", "chat_join_request",
        "chat_boost", "removed_chat_boost", "guest_message", "managed_bot",
    ];

    /// <summary>Maps one update. Throws <see cref="MalformedUpdateException"/> when the JSON is not a usable update.</summary>
    public static UpdateMapping Map(JsonElement update, Delivery delivery, DateTimeOffset now)
    {
        if (update.ValueKind != JsonValueKind.Object)
            throw new MalformedUpdateException($"An update must be a JSON object, not {update.ValueKind}.");
        var updateId = UpdateShape.RequireInteger(update, "update_id", "update");
        var updateType = FindUpdateType(update);
        if (!MessageFields.Contains(updateType))
            return new UpdateMapping(updateId, updateType, null);

        return new UpdateMapping(updateId, updateType, MapPayload(update.GetProperty(updateType), updateType, delivery, now));
    }

    /// <summary>
    /// Maps one Bot API <c>Message</c> object that did not arrive in an update (e.g. one converted from an
    /// export), through the same checks and mapping as a webhook payload.
    /// Throws <see cref="MalformedUpdateException"/> when it is not a usable message.
    /// </summary>
    public static MessageDocument MapMessage(JsonElement message, Delivery delivery, DateTimeOffset now) =>
        MapPayload(message, "message", delivery, now);

    private static MessageDocument MapPayload(JsonElement payload, string updateType, Delivery delivery, DateTimeOffset now)
    {
        UpdateShape.RequireMessage(payload, updateType);
        var message = Deserialize(payload, updateType);
        return MessageMapper.ToDocument(message, payload, delivery, now);
    }

    private static string FindUpdateType(JsonElement update)
    {
        string? ignored = null;
        foreach (var property in update.EnumerateObject())
        {
            if (MessageFields.Contains(property.Name))
                return property.Name;
            if (ignored is null && IgnoredFields.Contains(property.Name))
                ignored = property.Name;
        }
        return ignored ?? "unknown";
    }

    private static Message Deserialize(JsonElement payload, string updateType)
    {
        try
        {
            return payload.Deserialize<Message>(TelegramJson.Options)
                ?? throw new MalformedUpdateException($"{updateType} is null.");
        }
        catch (JsonException e)
        {
            // A known field of the wrong JSON type: the payload is not the Bot API's Message.
            throw new MalformedUpdateException($"{updateType} is not a Telegram message: {e.Message}");
        }
    }
}

/// <param name="UpdateType">The update field that carried the payload, or <c>unknown</c>.</param>
/// <param name="Message">The stored form of the message; null for update types Sift ignores.</param>
internal sealed record UpdateMapping(long UpdateId, string UpdateType, MessageDocument? Message);

internal sealed class MalformedUpdateException(string message) : Exception(message);
