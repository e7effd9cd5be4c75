using System.Text.Json;
using Sift.Messages;
using Sift.Telegram;
using Sift.Telegram.Mapping;

namespace Sift.Tests.Telegram;

/// <summary>Bot API payloads shaped like the ones Telegram sends (field order and extras included).</summary>
internal static class UpdateSamples
{
    public const string Source = "telegram-webhook";

    /// <summary>The bot the samples are delivered to.</summary>
    public const long BotId = 7000000001;
    public const long Date = 1735787045; // 2025-01-02T03:04:05Z
    public static readonly DateTimeOffset Now = new(2025, 1, 2, 3, 5, 0, TimeSpan.Zero);

    public const string Alice = """{"id": 111111111, "is_bot": false, "first_name": "Alice", "last_name": "Liddell", "username": "alice", "language_code": "en"}""";
    public const string Bob = """{"id": 222222222, "is_bot": false, "first_name": "Bob"}""";
    public const string Bot = """{"id": 7000000001, "is_bot": true, "first_name": "Sift", "username": "sift_bot"}""";
    public const string AnonymousAdminBot = """{"id": 1087968824, "is_bot": true, "first_name": "Group", "username": "GroupAnonymousBot"}""";

    public const string PrivateChat = """{"id": 111111111, "first_name": "Alice", "last_name": "Liddell", "username": "alice", "type": "private"}""";
    public const string GroupChat = """{"id": -4012345678, "title": "Book club", "type": "group", "all_members_are_administrators": true}""";
    public const string SupergroupChat = """{"id": -1001234567890, "title": "Sift devs", "username": "siftdevs", "type": "supergroup", "is_forum": true}""";
    public const string ChannelChat = """{"id": -1009876543210, "title": "Sift news", "username": "siftnews", "type": "channel"}""";

    /// <summary>A message: the fields every message has, then <paramref name="body"/>.</summary>
    public static string Message(string body, string chat = PrivateChat, string? from = Alice, long messageId = 42)
    {
        var sender = from is null ? "" : $"\"from\": {from}, ";
        return $$"""{"message_id": {{messageId}}, {{sender}}"chat": {{chat}}, "date": {{Date}}, {{body}}}""";
    }

    public static string Update(string field, string payload, long updateId = 900000001) =>
        $$"""{"update_id": {{updateId}}, "{{field}}": {{payload}}}""";

    public static UpdateMapping Map(string updateJson)
    {
        using var document = JsonDocument.Parse(updateJson);
        return UpdateMapper.Map(document.RootElement, Delivery.Bot(Source, BotId), Now);
    }

    public static MessageDocument MapMessage(string messageJson, string field = "message") =>
        Map(Update(field, messageJson)).Message ?? throw new InvalidOperationException("No message was mapped.");

    public static MessageDocument MapBody(string body, string chat = PrivateChat, string? from = Alice) =>
        MapMessage(Message(body, chat, from));

    private const string Thumbnail = """ "thumbnail": {"file_id": "thumb-1", "file_unique_id": "thumb-u1", "file_size": 900, "width": 90, "height": 90}""";
    private const string LocationJson = """{"latitude": 52.370216, "longitude": 4.895168}""";

    /// <summary>The content fields of each kind of message, keyed by the kind's name.</summary>
    public static readonly IReadOnlyDictionary<string, string> Contents = new Dictionary<string, string>
    {
        ["text"] = """ "text": "Hello, Sift" """,
        ["photo"] = """
            "photo": [
              {"file_id": "photo-s", "file_unique_id": "photo-us", "file_size": 1200, "width": 90, "height": 67},
              {"file_id": "photo-m", "file_unique_id": "photo-um", "file_size": 15000, "width": 320, "height": 240},
              {"file_id": "photo-l", "file_unique_id": "photo-ul", "file_size": 120000, "width": 1280, "height": 960}
            ], "caption": "Sunset over the IJ"
            """,
        ["video"] = $$"""
            "video": {"duration": 12, "width": 1920, "height": 1080, "file_name": "clip.mp4", "mime_type": "video/mp4",
              {{Thumbnail}}, "file_id": "video-1", "file_unique_id": "video-u1", "file_size": 5242880}
            """,
        ["video_note"] = $$"""
            "video_note": {"duration": 8, "length": 384, {{Thumbnail}}, "file_id": "note-1", "file_unique_id": "note-u1", "file_size": 300000}
            """,
        ["animation"] = """
            "animation": {"file_name": "cat.gif.mp4", "mime_type": "video/mp4", "duration": 3, "width": 480, "height": 270,
              "file_id": "anim-1", "file_unique_id": "anim-u1", "file_size": 150000},
            "document": {"file_name": "cat.gif.mp4", "mime_type": "video/mp4", "file_id": "anim-doc-1", "file_unique_id": "anim-u1", "file_size": 150000}
            """,
        ["document"] = """
            "document": {"file_name": "report.pdf", "mime_type": "application/pdf", "file_id": "doc-1", "file_unique_id": "doc-u1", "file_size": 48213},
            "caption": "Q4 report"
            """,
        ["sticker"] = $$"""
            "sticker": {"width": 512, "height": 512, "emoji": "😀", "set_name": "HotCherry", "is_animated": true, "is_video": false,
              "type": "regular", {{Thumbnail}}, "file_id": "sticker-1", "file_unique_id": "sticker-u1", "file_size": 21000}
            """,
        ["voice"] = """ "voice": {"duration": 5, "mime_type": "audio/ogg", "file_id": "voice-1", "file_unique_id": "voice-u1", "file_size": 8000}""",
        ["audio"] = """
            "audio": {"duration": 215, "file_name": "song.mp3", "mime_type": "audio/mpeg", "title": "Song", "performer": "Band",
              "file_id": "audio-1", "file_unique_id": "audio-u1", "file_size": 3500000}
            """,
        ["poll"] = """
            "poll": {"id": "5436123", "question": "Lunch?", "options": [{"text": "Pizza", "voter_count": 0}, {"text": "Sushi", "voter_count": 0}],
              "total_voter_count": 0, "is_closed": false, "is_anonymous": true, "type": "regular", "allows_multiple_answers": false}
            """,
        ["location"] = $$""" "location": {{LocationJson}} """,
        ["venue"] = $$"""
            "location": {{LocationJson}},
            "venue": {"location": {{LocationJson}}, "title": "Rijksmuseum", "address": "Museumstraat 1", "foursquare_id": "4a27bfe0f964a520d4941fe3"}
            """,
        ["contact"] = """ "contact": {"phone_number": "+31612345678", "first_name": "Carol", "user_id": 333333333}""",
        ["dice"] = """ "dice": {"emoji": "🎲", "value": 4}""",
        ["game"] = """
            "game": {"title": "Lumberjack", "description": "Chop wood",
              "photo": [{"file_id": "game-photo", "file_unique_id": "game-u", "width": 640, "height": 360}]}
            """,
        ["invoice"] = """
            "invoice": {"title": "T-shirt", "description": "Sift tee", "start_parameter": "tee", "currency": "EUR", "total_amount": 2500}
            """,
        ["story"] = $$""" "story": {"chat": {{ChannelChat}}, "id": 17} """,
        ["giveaway"] = $$"""
            "giveaway": {"chats": [{{ChannelChat}}], "winners_selection_date": 1736000000, "winner_count": 3, "only_new_members": true}
            """,
        ["paid_media"] = """
            "paid_media": {"star_count": 10, "paid_media": [{"type": "preview", "width": 640, "height": 480}]}
            """,
    };
}
