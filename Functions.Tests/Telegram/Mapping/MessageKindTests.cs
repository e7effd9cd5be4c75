using Sift.Messages;
using static Sift.Tests.Telegram.UpdateSamples;
using Sift.Tests.Telegram;

namespace Sift.Tests.Telegram.Mapping;

public class MessageKindTests
{
    [Theory]
    [InlineData("text", MessageKind.Text)]
    [InlineData("photo", MessageKind.Photo)]
    [InlineData("video", MessageKind.Video)]
    [InlineData("video_note", MessageKind.VideoNote)]
    [InlineData("animation", MessageKind.Animation)]
    [InlineData("document", MessageKind.Document)]
    [InlineData("sticker", MessageKind.Sticker)]
    [InlineData("voice", MessageKind.Voice)]
    [InlineData("audio", MessageKind.Audio)]
    [InlineData("poll", MessageKind.Poll)]
    [InlineData("location", MessageKind.Location)]
    [InlineData("venue", MessageKind.Venue)]
    [InlineData("contact", MessageKind.Contact)]
    [InlineData("dice", MessageKind.Dice)]
    [InlineData("game", MessageKind.Game)]
    [InlineData("invoice", MessageKind.Invoice)]
    [InlineData("story", MessageKind.Story)]
    [InlineData("giveaway", MessageKind.Giveaway)]
    [InlineData("paid_media", MessageKind.Other)]
    public void ContentDecidesKind(string content, MessageKind kind)
    {
        var message = MapBody(Contents[content]);

        Assert.Equal(kind, message.Kind);
        Assert.Null(message.ServiceAction);
    }

    [Theory]
    [InlineData("new_chat_members", """[{"id": 222222222, "is_bot": false, "first_name": "Bob"}]""")]
    [InlineData("left_chat_member", """{"id": 222222222, "is_bot": false, "first_name": "Bob"}""")]
    [InlineData("new_chat_title", "\"Book club 2\"")]
    [InlineData("new_chat_photo", """[{"file_id": "p", "file_unique_id": "u", "width": 160, "height": 160}]""")]
    [InlineData("delete_chat_photo", "true")]
    [InlineData("group_chat_created", "true")]
    [InlineData("supergroup_chat_created", "true")]
    [InlineData("message_auto_delete_timer_changed", """{"message_auto_delete_time": 86400}""")]
    [InlineData("migrate_to_chat_id", "-1001234567890")]
    [InlineData("pinned_message", """{"message_id": 40, "chat": {"id": -4012345678, "type": "group", "title": "Book club"}, "date": 1735700000, "text": "Rules"}""")]
    [InlineData("forum_topic_created", """{"name": "Releases", "icon_color": 7322096}""")]
    [InlineData("forum_topic_closed", "{}")]
    [InlineData("general_forum_topic_hidden", "{}")]
    [InlineData("video_chat_started", "{}")]
    [InlineData("video_chat_ended", """{"duration": 3600}""")]
    [InlineData("video_chat_scheduled", """{"start_date": 1736000000}""")]
    [InlineData("video_chat_participants_invited", """{"users": [{"id": 222222222, "is_bot": false, "first_name": "Bob"}]}""")]
    [InlineData("users_shared", """{"request_id": 1, "users": [{"user_id": 222222222}]}""")]
    [InlineData("chat_shared", """{"request_id": 2, "chat_id": -1001234567890}""")]
    [InlineData("write_access_allowed", """{"from_request": true}""")]
    [InlineData("boost_added", """{"boost_count": 2}""")]
    [InlineData("chat_background_set", """{"type": {"type": "fill", "fill": {"type": "solid", "color": 0}, "dark_theme_dimming": 0}}""")]
    [InlineData("successful_payment", """{"currency": "EUR", "total_amount": 2500, "invoice_payload": "tee", "telegram_payment_charge_id": "t", "provider_payment_charge_id": "p"}""")]
    [InlineData("proximity_alert_triggered", """{"traveler": {"id": 1, "is_bot": false, "first_name": "A"}, "watcher": {"id": 2, "is_bot": false, "first_name": "B"}, "distance": 50}""")]
    [InlineData("giveaway_created", "{}")]
    [InlineData("giveaway_completed", """{"winner_count": 3}""")]
    [InlineData("giveaway_winners", """{"chat": {"id": -1009876543210, "type": "channel", "title": "Sift news"}, "giveaway_message_id": 9, "winners_selection_date": 1736000000, "winner_count": 1, "winners": [], "unclaimed_prize_count": 0}""")]
    public void ServiceFieldMakesServiceMessage(string field, string value)
    {
        var message = MapBody($"\"{field}\": {value}", GroupChat);

        Assert.Equal(MessageKind.Service, message.Kind);
        Assert.Equal(field, message.ServiceAction);
        Assert.Null(message.Text);
        Assert.Null(message.Media);
    }

    [Fact]
    public void NewChatMembersInSupergroupIsServiceWithSender()
    {
        var message = MapBody($$""" "new_chat_members": [{{Bob}}, {{Bot}}] """, SupergroupChat, from: Bob);

        Assert.Equal((MessageKind.Service, "new_chat_members"), (message.Kind, message.ServiceAction));
        Assert.Equal(222222222, message.Sender?.Id);
    }

    [Fact]
    public void MessageWithNothingRecognisedIsOther()
    {
        var message = MapBody(""" "checklist_of_the_future": {"items": []} """);

        Assert.Equal(MessageKind.Other, message.Kind);
        Assert.Null(message.ServiceAction);
        Assert.Null(message.Text);
    }

    [Fact]
    public void PollQuestionBecomesText() =>
        Assert.Equal("Lunch?", MapBody(Contents["poll"]).Text);

    [Fact]
    public void VenueIsNotMappedAsLocation() =>
        Assert.Equal(MessageKind.Venue, MapBody(Contents["venue"]).Kind);

    [Fact]
    public void FileLessKindsHaveNoMedia()
    {
        foreach (var content in new[] { "text", "poll", "location", "venue", "contact", "dice", "game", "invoice", "story", "giveaway" })
            Assert.Null(MapBody(Contents[content]).Media);
    }
}
