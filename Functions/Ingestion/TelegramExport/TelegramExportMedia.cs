using System.Text.Json;
using System.Text.Json.Nodes;

namespace Sift.Ingestion.TelegramExport;

/// <summary>
/// Message contents. Exports have no Telegram file ids; the file's path relative to the export (or
/// Telegram Desktop's note that it was not downloaded) takes their place, as file_id and
/// file_unique_id alike, so the stored media says where to find the file.
/// </summary>
internal static class TelegramExportMedia
{
    /// <summary>Adds the content fields; true when the content is a file, whose text the Bot API calls a caption.</summary>
    public static bool Add(JsonObject message, JsonElement exported)
    {
        if (exported.OptionalString("photo") is { } photo)
        {
            message["photo"] = new JsonArray(PhotoSize(exported, photo, exported.OptionalInt64("photo_file_size")));
            return true;
        }
        if (exported.OptionalString("file") is { } file)
        {
            AddFile(message, exported, file);
            return true;
        }
        AddFileless(message, exported);
        return false;
    }

    /// <summary>One size of a photo: exports keep only the largest.</summary>
    public static JsonObject PhotoSize(JsonElement exported, string path, long? fileSize = null) =>
        FileObject(path, fileSize)
            .With("width", exported.OptionalInt64("width"))
            .With("height", exported.OptionalInt64("height"));

    private static void AddFile(JsonObject message, JsonElement exported, string path)
    {
        var file = FileObject(path, exported.OptionalInt64("file_size"));
        var duration = exported.OptionalInt64("duration_seconds");
        var width = exported.OptionalInt64("width");
        var height = exported.OptionalInt64("height");
        var fileName = exported.OptionalString("file_name");
        var mimeType = exported.OptionalString("mime_type");
        switch (exported.OptionalString("media_type"))
        {
            case "sticker":
                message["sticker"] = file.With("type", "regular").With("width", width).With("height", height)
                    .With("emoji", exported.OptionalString("sticker_emoji"));
                break;
            case "video_file":
                message["video"] = file.With("width", width).With("height", height).With("duration", duration)
                    .With("file_name", fileName).With("mime_type", mimeType);
                break;
            case "video_message":
                message["video_note"] = file.With("length", width).With("duration", duration);
                break;
            case "voice_message":
                message["voice"] = file.With("duration", duration).With("mime_type", mimeType);
                break;
            case "audio_file":
                message["audio"] = file.With("duration", duration).With("file_name", fileName).With("mime_type", mimeType)
                    .With("performer", exported.OptionalString("performer")).With("title", exported.OptionalString("title"));
                break;
            case "animation":
                // The Bot API sends an animation's file twice, as animation and as document.
                message["document"] = file.DeepClone().AsObject().With("file_name", fileName).With("mime_type", mimeType);
                message["animation"] = file.With("width", width).With("height", height).With("duration", duration)
                    .With("file_name", fileName).With("mime_type", mimeType);
                break;
            default:
                message["document"] = file.With("file_name", fileName).With("mime_type", mimeType);
                break;
        }
    }

    private static void AddFileless(JsonObject message, JsonElement exported)
    {
        if (exported.OptionalProperty("poll", JsonValueKind.Object) is { } poll)
            message["poll"] = Poll(poll);
        if (exported.OptionalProperty("location_information", JsonValueKind.Object) is { } point
            && point.OptionalDouble("latitude") is { } latitude && point.OptionalDouble("longitude") is { } longitude)
        {
            var location = new JsonObject { ["latitude"] = latitude, ["longitude"] = longitude };
            var title = exported.OptionalString("place_name");
            var address = exported.OptionalString("address");
            if (title is not null || address is not null)
                message["venue"] = new JsonObject { ["location"] = location.DeepClone() }.With("title", title).With("address", address);
            message["location"] = location;
        }
        if (exported.OptionalProperty("contact_information", JsonValueKind.Object) is { } contact)
        {
            message["contact"] = new JsonObject()
                .With("phone_number", contact.OptionalString("phone_number"))
                .With("first_name", contact.OptionalString("first_name"))
                .With("last_name", contact.OptionalString("last_name") is { Length: > 0 } last ? last : null);
        }
        if (exported.OptionalProperty("dice", JsonValueKind.Object) is { } dice)
            message["dice"] = new JsonObject().With("emoji", dice.OptionalString("emoji")).With("value", dice.OptionalInt64("value"));
        if (exported.OptionalString("game_title") is { } game)
            message["game"] = new JsonObject { ["title"] = game }.With("description", exported.OptionalString("game_description"));
        if (exported.OptionalProperty("invoice_information", JsonValueKind.Object) is { } invoice)
        {
            message["invoice"] = new JsonObject()
                .With("title", invoice.OptionalString("title")).With("description", invoice.OptionalString("description"))
                .With("currency", invoice.OptionalString("currency")).With("total_amount", invoice.OptionalInt64("amount"));
        }
    }

    private static JsonObject Poll(JsonElement poll)
    {
        var options = new JsonArray();
        if (poll.OptionalProperty("answers", JsonValueKind.Array) is { } answers)
        {
            foreach (var answer in answers.EnumerateArray())
                options.Add(new JsonObject { ["text"] = answer.OptionalString("text"), ["voter_count"] = answer.OptionalInt64("voters") ?? 0 });
        }
        return new JsonObject
        {
            ["question"] = poll.OptionalString("question"),
            ["options"] = options,
            ["total_voter_count"] = poll.OptionalInt64("total_voters") ?? 0,
            ["is_closed"] = poll.TryGetProperty("closed", out var closed) && closed.ValueKind == JsonValueKind.True,
        };
    }

    private static JsonObject FileObject(string path, long? fileSize) =>
        new JsonObject { ["file_id"] = path, ["file_unique_id"] = path }.With("file_size", fileSize);
}
