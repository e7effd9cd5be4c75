using System.Text.Json;

namespace Sift.Telegram.Mapping;

/// <summary>
/// Message fields that make a message a service message. Looked up by name on the raw JSON: Sift
/// only records which event happened, so their payloads need no wire types.
/// </summary>
internal static class ServiceActions
{
    private static readonly string[] Fields =
    [
        "new_chat_members", "left_chat_member", "new_chat_title", "new_chat_photo", "delete_chat_photo",
        "group_chat_created", "supergroup_chat_created", "channel_chat_created",
        "message_auto_delete_timer_changed", "migrate_to_chat_id", "migrate_from_chat_id", "pinned_message",
        "successful_payment", "refunded_payment", "users_shared", "chat_shared", "gift", "unique_gift",
        "connected_website", "write_access_allowed", "proximity_alert_triggered", "boost_added",
        "chat_background_set", "checklist_tasks_done", "checklist_tasks_added", "direct_message_price_changed",
        "paid_message_price_changed", "forum_topic_created", "forum_topic_edited", "forum_topic_closed",
        "forum_topic_reopened", "general_forum_topic_hidden", "general_forum_topic_unhidden",
        "giveaway_created", "giveaway_completed", "giveaway_winners",
        "suggested_post_approved", "suggested_post_approval_failed", "suggested_post_declined",
        "suggested_post_paid", "suggested_post_refunded",
        "video_chat_scheduled", "video_chat_started", "video_chat_ended", "video_chat_participants_invited",
        "web_app_data", "chat_owner_left", "chat_owner_changed",
    ];

    /// <summary>
    /// Not a Bot API field: an export converted to a Bot API message names here, as a string, a service
    /// action the Bot API has no field for (e.g. <c>phone_call</c>), so it is still stored as a service
    /// message. The prefix keeps it clear of any field a later Bot API version may add.
    /// </summary>
    public const string ExportActionField = "sift_export_action";

    public static string? Find(JsonElement message) =>
        Fields.FirstOrDefault(field =>
            message.TryGetProperty(field, out var value) && value.ValueKind is not (JsonValueKind.Null or JsonValueKind.False))
        ?? ExportAction(message);

    private static string? ExportAction(JsonElement message) =>
        message.TryGetProperty(ExportActionField, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;
}
