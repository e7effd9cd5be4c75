using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Sift.Ingestion.TelegramExport;

/// <summary>
/// Exports split formatted text into parts (<c>{"type": "bold", "text": "..."}</c>); the Bot API
/// keeps one string and entities that point into it by offset and length in UTF-16 code units, which
/// is how .NET strings count, so the parts' lengths add up to the offsets directly.
/// </summary>
internal static class TelegramExportText
{
    /// <summary>Adds <c>text</c> and <c>entities</c>, or <c>caption</c> and <c>caption_entities</c>; nothing for empty text.</summary>
    public static void Add(JsonObject message, JsonElement exported, bool asCaption)
    {
        // text_entities lists every part as an object; text mixes plain strings in, or is one string.
        var parts = exported.OptionalProperty("text_entities", JsonValueKind.Array)
            ?? (exported.TryGetProperty("text", out var text) ? text : null);
        if (parts is null)
            return;
        var (value, entities) = Flatten(parts.Value);
        if (value.Length == 0)
            return;
        message[asCaption ? "caption" : "text"] = value;
        if (entities.Count > 0)
            message[asCaption ? "caption_entities" : "entities"] = entities;
    }

    private static (string Text, JsonArray Entities) Flatten(JsonElement parts)
    {
        if (parts.ValueKind == JsonValueKind.String)
            return (parts.GetString()!, []);
        var text = new StringBuilder();
        var entities = new JsonArray();
        if (parts.ValueKind != JsonValueKind.Array)
            return ("", entities);
        foreach (var part in parts.EnumerateArray())
        {
            if (part.ValueKind == JsonValueKind.String)
            {
                text.Append(part.GetString());
            }
            else if (part.ValueKind == JsonValueKind.Object && part.OptionalString("text") is { Length: > 0 } partText)
            {
                if (ToEntity(part, text.Length, partText.Length) is { } entity)
                    entities.Add(entity);
                text.Append(partText);
            }
        }
        return (text.ToString(), entities);
    }

    private static JsonObject? ToEntity(JsonElement part, int offset, int length)
    {
        var type = part.OptionalString("type");
        if (type is null or "plain" or "unknown" or "bank_card") // bank cards are not a Bot API entity
            return null;
        var entity = new JsonObject { ["type"] = BotApiType(type), ["offset"] = offset, ["length"] = length };
        return type switch
        {
            "text_link" => entity.With("url", part.OptionalString("href")),
            "mention_name" => entity.With("user", part.OptionalInt64("user_id") is { } id ? new JsonObject { ["id"] = id } : null),
            "pre" => entity.With("language", part.OptionalString("language") is { Length: > 0 } language ? language : null),
            "custom_emoji" => entity.With("custom_emoji_id", part.OptionalString("document_id")),
            _ => entity,
        };
    }

    // The export's names where they differ from the Bot API's; the rest (bold, hashtag, ...) match.
    private static string BotApiType(string type) => type switch
    {
        "link" => "url",
        "phone" => "phone_number",
        "mention_name" => "text_mention",
        _ => type,
    };
}
