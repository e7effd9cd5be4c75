using System.Text.Json;
using System.Text.Json.Nodes;
using Sift.Telegram;
using Sift.Telegram.Mapping;

namespace Sift.Ingestion.TelegramExport;

/// <summary>
/// Service messages: the export's <c>action</c> becomes the Bot API field a bot would have received,
/// so the stored <c>ServiceAction</c> is the same whichever way the message arrived. Actions no bot
/// ever sees (phone calls, screenshots, ...) keep their export name.
/// </summary>
internal static class TelegramExportServiceActions
{
    /// <summary>Adds the service field; <paramref name="message"/> must already have its chat and sender.</summary>
    public static void Add(JsonObject message, JsonElement exported)
    {
        var (field, value) = ToBotApi(exported.OptionalString("action"), exported, message);
        message[field] = value;
    }

    private static (string Field, JsonNode Value) ToBotApi(string? action, JsonElement exported, JsonObject message) => action switch
    {
        "create_group" => ("group_chat_created", true),
        // MTProto creates supergroups as channels too.
        "create_channel" => (ChatType(message) == "supergroup" ? "supergroup_chat_created" : "channel_chat_created", true),
        "edit_group_title" => ("new_chat_title", exported.OptionalString("title") ?? ""),
        "edit_group_photo" => ("new_chat_photo", new JsonArray(TelegramExportMedia.PhotoSize(exported, exported.OptionalString("photo") ?? ""))),
        "delete_group_photo" => ("delete_chat_photo", true),
        "invite_members" => ("new_chat_members", Members(exported)),
        // Who joined is the actor, whom the export names with an id.
        "join_group_by_link" or "join_group_by_request" => ("new_chat_members", new JsonArray(Actor(message))),
        "remove_members" => ("left_chat_member", Members(exported).FirstOrDefault()?.DeepClone() ?? Actor(message)),
        // Exports do not name the other side of a migration; Sift records only that it happened.
        "migrate_to_supergroup" => ("migrate_to_chat_id", 0),
        "migrate_from_group" => ("migrate_from_chat_id", 0),
        // An InaccessibleMessage (date 0): the pinned message is stored from its own entry.
        "pin_message" => ("pinned_message", new JsonObject { ["chat"] = message["chat"]!.DeepClone(), ["date"] = 0 }
            .With("message_id", exported.OptionalInt64("message_id"))),
        "topic_created" => ("forum_topic_created", new JsonObject().With("name", exported.OptionalString("title"))),
        "topic_edit" => ("forum_topic_edited", new JsonObject().With("name", exported.OptionalString("new_title"))),
        "set_messages_ttl" => ("message_auto_delete_timer_changed",
            new JsonObject().With("message_auto_delete_time", exported.OptionalInt64("period"))),
        "group_call_scheduled" => ("video_chat_scheduled", new JsonObject().With("start_date", exported.OptionalInt64("schedule_date"))),
        // The call's message gets its duration once the call has ended.
        "group_call" => exported.OptionalInt64("duration") is { } duration
            ? ("video_chat_ended", new JsonObject { ["duration"] = duration })
            : ("video_chat_started", new JsonObject()),
        "invite_to_group_call" => ("video_chat_participants_invited", new JsonObject { ["users"] = Members(exported) }),
        // Telegram Desktop writes a custom service text (information_text) without an action.
        null => (ServiceActions.ExportActionField, "custom_action"),
        _ => (ServiceActions.ExportActionField, action),
    };

    // Exports name the members an action is about, but give no ids.
    private static JsonArray Members(JsonElement exported)
    {
        var users = new JsonArray();
        if (exported.OptionalProperty("members", JsonValueKind.Array) is { } members)
        {
            foreach (var member in members.EnumerateArray())
                users.Add(new JsonObject().With("first_name", member.ValueKind == JsonValueKind.String ? member.GetString() : null));
        }
        return users;
    }

    private static JsonNode Actor(JsonObject message) => message["from"]?.DeepClone() ?? new JsonObject();

    private static string? ChatType(JsonObject message) => (string?)message["chat"]?["type"];
}
