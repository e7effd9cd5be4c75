using System.Text.Json;

namespace Sift.Telegram.Mapping;

/// <summary>
/// The few fields without which an update cannot be stored, checked on the raw JSON so that the
/// error names the field instead of surfacing as a zero id or a null chat after deserializing.
/// </summary>
internal static class UpdateShape
{
    public static long RequireInteger(JsonElement parent, string field, string path) =>
        parent.TryGetProperty(field, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var number)
            ? number
            : throw new MalformedUpdateException($"{path} has no integer {field}.");

    public static void RequireMessage(JsonElement message, string updateType)
    {
        if (message.ValueKind != JsonValueKind.Object)
            throw new MalformedUpdateException($"{updateType} must be a JSON object, not {message.ValueKind}.");
        RequireInteger(message, "message_id", updateType);
        var date = RequireInteger(message, "date", updateType);
        if (UnixTime.ToDate(date) is null)
            throw new MalformedUpdateException($"{updateType}.date {date} is not a unix time.");
        if (!message.TryGetProperty("chat", out var chat) || chat.ValueKind != JsonValueKind.Object)
            throw new MalformedUpdateException($"{updateType} has no chat object.");
        RequireInteger(chat, "id", $"{updateType}.chat");
    }
}
