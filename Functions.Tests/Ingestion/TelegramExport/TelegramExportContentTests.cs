using Sift.Ingestion;
using Sift.Ingestion.TelegramExport;
using Sift.Messages;
using static Sift.Tests.Ingestion.TelegramExport.TelegramExportSamples;

namespace Sift.Tests.Ingestion.TelegramExport;

/// <summary>Media, other contents and service actions of exported messages.</summary>
public class TelegramExportContentTests
{
    private const string NotIncluded = "(File not included. Change data exporting settings to download.)";

    [Fact]
    public void PhotoPathIsTheFileId()
    {
        var message = Map(Message(""" "photo": "photos/photo_1.jpg", "photo_file_size": 120000, "width": 1280, "height": 960, "text": "" """));

        Assert.Equal(MessageKind.Photo, message.Kind);
        Assert.Equal(new MediaInfo("photos/photo_1.jpg", "photos/photo_1.jpg", FileSize: 120000, Width: 1280, Height: 960), message.Media);
        Assert.Null(message.Text);
    }

    [Theory]
    [InlineData("sticker", MessageKind.Sticker, null, null, 512, 512, null)]
    [InlineData("video_file", MessageKind.Video, "clip.mp4", "video/mp4", 1920, 1080, 12)]
    [InlineData("video_message", MessageKind.VideoNote, null, null, 384, 384, 8)]
    [InlineData("voice_message", MessageKind.Voice, null, "audio/ogg", null, null, 5)]
    [InlineData("audio_file", MessageKind.Audio, "song.mp3", "audio/mpeg", null, null, 215)]
    [InlineData("animation", MessageKind.Animation, "cat.gif.mp4", "video/mp4", 480, 270, 3)]
    [InlineData(null, MessageKind.Document, "report.pdf", "application/pdf", null, null, null)]
    public void MediaTypeDecidesKindAndMedia(
        string? mediaType, MessageKind kind, string? fileName, string? mimeType, int? width, int? height, int? duration)
    {
        var fields = new List<string> { """ "file": "files/f", "file_size": 1000 """ };
        if (mediaType is not null) fields.Add($""" "media_type": "{mediaType}" """);
        if (fileName is not null) fields.Add($""" "file_name": "{fileName}" """);
        if (mimeType is not null) fields.Add($""" "mime_type": "{mimeType}" """);
        if (width is not null) fields.Add($""" "width": {width}, "height": {height} """);
        if (duration is not null) fields.Add($""" "duration_seconds": {duration} """);

        var message = Map(Message(string.Join(", ", fields) + """, "text": "" """));

        Assert.Equal(kind, message.Kind);
        Assert.Equal(new MediaInfo("files/f", "files/f", fileName, mimeType, 1000, width, height, duration), message.Media);
    }

    [Fact]
    public void FileNotIncludedNoteIsTheFileId() =>
        Assert.Equal(NotIncluded, Map(Message($$""" "file": "{{NotIncluded}}", "media_type": "video_file", "text": "" """)).Media?.FileId);

    [Fact]
    public void TextOfADocumentIsItsCaption()
    {
        var message = Map(Message(""" "file": "files/report.pdf", "text": "Q4 report" """));

        Assert.Equal((MessageKind.Document, "Q4 report"), (message.Kind, message.Text));
    }

    [Fact]
    public void PollQuestionIsTheText()
    {
        var message = Map(Message("""
            "poll": {"question": "Lunch?", "closed": true, "total_voters": 2,
              "answers": [{"text": "Pizza", "voters": 1, "chosen": true}, {"text": "Sushi", "voters": 1, "chosen": false}]},
            "text": ""
            """));

        Assert.Equal((MessageKind.Poll, "Lunch?"), (message.Kind, message.Text));
    }

    [Theory]
    [InlineData(""" "location_information": {"latitude": 52.370216, "longitude": 4.895168} """, MessageKind.Location)]
    [InlineData(""" "place_name": "Rijksmuseum", "address": "Museumstraat 1", "location_information": {"latitude": 52.36, "longitude": 4.88} """, MessageKind.Venue)]
    [InlineData(""" "location_information": null """, MessageKind.Other)]
    [InlineData(""" "contact_information": {"first_name": "Carol", "last_name": "", "phone_number": "+31 6 12345678"} """, MessageKind.Contact)]
    [InlineData(""" "dice": {"emoji": "🎲", "value": 4} """, MessageKind.Dice)]
    [InlineData(""" "game_title": "Lumberjack", "game_description": "Chop wood" """, MessageKind.Game)]
    [InlineData(""" "invoice_information": {"title": "T-shirt", "description": "Sift tee", "amount": 2500, "currency": "EUR"} """, MessageKind.Invoice)]
    public void FilelessContentDecidesKind(string content, MessageKind kind)
    {
        var message = Map(Message(content + """, "text": "" """));

        Assert.Equal(kind, message.Kind);
        Assert.Null(message.Media);
    }

    [Theory]
    [InlineData(""" "action": "create_group", "title": "Book club", "members": ["Alice"] """, "group_chat_created")]
    [InlineData(""" "action": "edit_group_title", "title": "Book club 2" """, "new_chat_title")]
    [InlineData(""" "action": "edit_group_photo", "photo": "photos/photo_2.jpg", "width": 640, "height": 640 """, "new_chat_photo")]
    [InlineData(""" "action": "delete_group_photo" """, "delete_chat_photo")]
    [InlineData(""" "action": "invite_members", "members": ["Bob", null] """, "new_chat_members")]
    [InlineData(""" "action": "join_group_by_link", "inviter": "Alice Liddell" """, "new_chat_members")]
    [InlineData(""" "action": "join_group_by_request" """, "new_chat_members")]
    [InlineData(""" "action": "remove_members", "members": ["Bob"] """, "left_chat_member")]
    [InlineData(""" "action": "migrate_to_supergroup" """, "migrate_to_chat_id")]
    [InlineData(""" "action": "migrate_from_group", "title": "Book club" """, "migrate_from_chat_id")]
    [InlineData(""" "action": "pin_message", "message_id": 40 """, "pinned_message")]
    [InlineData(""" "action": "topic_created", "title": "Releases" """, "forum_topic_created")]
    [InlineData(""" "action": "topic_edit", "new_title": "Releases 2" """, "forum_topic_edited")]
    [InlineData(""" "action": "set_messages_ttl", "period": 86400 """, "message_auto_delete_timer_changed")]
    [InlineData(""" "action": "group_call" """, "video_chat_started")]
    [InlineData(""" "action": "group_call", "duration": 3600 """, "video_chat_ended")]
    [InlineData(""" "action": "group_call_scheduled", "schedule_date": 1736000000 """, "video_chat_scheduled")]
    [InlineData(""" "action": "invite_to_group_call", "members": ["Bob"] """, "video_chat_participants_invited")]
    [InlineData(""" "action": "phone_call", "duration_seconds": 60, "discard_reason": "hangup" """, "phone_call")]
    [InlineData(""" "action": "clear_history" """, "clear_history")]
    [InlineData(""" "action": "some_action_from_2030" """, "some_action_from_2030")]
    [InlineData(""" "information_text": "Alice did something" """, "custom_action")]
    public void ServiceActionBecomesTheBotApiServiceField(string action, string serviceAction)
    {
        var message = Map(Message(FromActor + ", " + action + """, "text": "" """, type: "service"), new ExportChat(4012345678, "private_group", "Book club"));

        Assert.Equal((MessageKind.Service, serviceAction), (message.Kind, message.ServiceAction));
        Assert.Equal(new SenderInfo("user", 111111111, "Alice Liddell", null, false), message.Sender);
        Assert.Null(message.Text);
        Assert.Null(message.Media);
    }

    [Theory]
    [InlineData("public_supergroup", "supergroup_chat_created")]
    [InlineData("private_channel", "channel_chat_created")]
    public void CreateChannelIsCreatedSupergroupOrChannel(string chatType, string serviceAction) =>
        Assert.Equal(serviceAction, Map(Message(FromActor + """, "action": "create_channel", "title": "x" """, type: "service"),
            new ExportChat(1234567890, chatType, "x")).ServiceAction);

    [Fact]
    public void ServiceMessageTextIsNotItsText() =>
        Assert.Null(Map(Message(""" "action": "send_webview_data", "text": "Order" """, type: "service")).Text);

    [Fact]
    public void UnsupportedEntryIsNotStored() =>
        Assert.Null(TelegramExportMapping.Map(Exported("""{"id": 57, "type": "unsupported"}"""), Export, Now));

    [Theory]
    [InlineData("""{"type": "message", "date_unixtime": "1735787045", "text": "Hi"}""")]
    [InlineData("""{"id": 42, "type": "message", "text": "Hi"}""")]
    [InlineData("""[1, 2]""")]
    public void EntryWithoutIdOrDateIsRejected(string entry) =>
        Assert.Throws<TelegramExportException>(() => Map(entry));

    private const string FromActor = """ "actor": "Alice Liddell", "actor_id": "user111111111" """;
}
