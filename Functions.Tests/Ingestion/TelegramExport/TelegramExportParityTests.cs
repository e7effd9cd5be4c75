using Sift.Ingestion;
using Sift.Ingestion.TelegramExport;
using Sift.Messages;
using Sift.Tests.Telegram;
using static Sift.Tests.Ingestion.TelegramExport.TelegramExportSamples;

namespace Sift.Tests.Ingestion.TelegramExport;

/// <summary>
/// One message, arriving by webhook and again in an export, is one document: same id and, where the
/// export carries them, the same fields. Supergroups and channels only: elsewhere a bot and the
/// exporting user number messages differently.
/// </summary>
public class TelegramExportParityTests
{
    private const string FormattedText = "Hi 👋 Sift — see https://sift.example #news";

    [Fact]
    public void FormattedTextInSupergroupIsTheSameDocument()
    {
        var webhook = UpdateSamples.MapMessage(UpdateSamples.Message(
            $$"""
            "text": "{{FormattedText}}", "entities": [{"offset": 6, "length": 4, "type": "bold"},
              {"offset": 17, "length": 20, "type": "url"}, {"offset": 38, "length": 5, "type": "hashtag"}]
            """,
            UpdateSamples.SupergroupChat));
        var export = Map(Message(FromAlice + """
            , "text": ["Hi 👋 ", {"type": "bold", "text": "Sift"}, " — see ", {"type": "link", "text": "https://sift.example"}, " ",
              {"type": "hashtag", "text": "#news"}]
            """));

        AssertSameDocument(webhook, export);
        Assert.Equal(FormattedText, export.Text);
    }

    [Fact]
    public void EditedReplyIsTheSameDocument()
    {
        var webhook = UpdateSamples.MapMessage(UpdateSamples.Message(
            $$"""
            "reply_to_message": {"message_id": 40, "chat": {{UpdateSamples.SupergroupChat}}, "date": 1735780000, "text": "Q"},
            "edit_date": {{Date + 60}}, "text": "Hi Alice"
            """,
            UpdateSamples.SupergroupChat, UpdateSamples.Bob), "edited_message");
        var export = Map(Message(FromBob + $$""", "edited_unixtime": "{{Date + 60}}", "reply_to_message_id": 40, "text": "Hi Alice" """));

        AssertSameDocument(webhook, export);
        Assert.Equal((40L, Time.AddSeconds(60)), (export.ReplyToMessageId, export.EditDate));
    }

    [Fact]
    public void PhotoPostInChannelIsTheSameDocument()
    {
        var post = UpdateSamples.Message(
            $$""" "sender_chat": {{UpdateSamples.ChannelChat}}, {{UpdateSamples.Contents["photo"]}} """, UpdateSamples.ChannelChat, from: null);
        var webhook = UpdateSamples.MapMessage(post, "channel_post");
        var export = Map(Message("""
             "from": "Sift news", "from_id": "channel9876543210",
             "photo": "photos/photo_1.jpg", "width": 1280, "height": 960, "text": "Sunset over the IJ"
            """), Channel);

        AssertSameDocument(webhook, export);
        Assert.Equal((1280, 960), (export.Media?.Width, export.Media?.Height));
    }

    [Theory]
    [InlineData(""" "pinned_message": {"message_id": 40, "chat": {"id": -1001234567890, "type": "supergroup"}, "date": 0} """,
        """ "actor": "Alice Liddell", "actor_id": "user111111111", "action": "pin_message", "message_id": 40 """)]
    [InlineData(""" "new_chat_members": [{"id": 111111111, "is_bot": false, "first_name": "Alice"}] """,
        """ "actor": "Alice Liddell", "actor_id": "user111111111", "action": "join_group_by_link", "inviter": "Bob" """)]
    [InlineData(""" "new_chat_title": "Sift devs 2" """,
        """ "actor": "Alice Liddell", "actor_id": "user111111111", "action": "edit_group_title", "title": "Sift devs 2" """)]
    [InlineData(""" "forum_topic_created": {"name": "Releases", "icon_color": 7322096} """,
        """ "actor": "Alice Liddell", "actor_id": "user111111111", "action": "topic_created", "title": "Releases" """)]
    public void ServiceMessageIsTheSameDocument(string webhookBody, string exportBody)
    {
        var webhook = UpdateSamples.MapMessage(UpdateSamples.Message(webhookBody, UpdateSamples.SupergroupChat));
        var export = Map(Message(exportBody + """, "text": "" """, type: "service"));

        AssertSameDocument(webhook, export);
        Assert.Equal(MessageKind.Service, export.Kind);
    }

    [Fact]
    public async Task EveryStoredMessageOfTheSampleExportsMaps()
    {
        var messages = (await ReadAllAsync(SingleChat)).Concat(await ReadAllAsync(FullExport))
            .Select(exported => TelegramExportMapping.Map(exported, Export, Now)).ToList();

        Assert.Equal(23, messages.Count(m => m is not null)); // 24 entries, one of them unsupported
        Assert.Equal(
            [MessageKind.Service, MessageKind.Service, MessageKind.Text, MessageKind.Text, MessageKind.Text, MessageKind.Text, MessageKind.Text,
             MessageKind.Photo, MessageKind.Voice, MessageKind.Sticker, MessageKind.Document, MessageKind.Poll, MessageKind.Location,
             MessageKind.Contact, MessageKind.Service, MessageKind.Service, MessageKind.Service],
            messages.Take(17).Select(m => m!.Kind));
        Assert.Equal(
            ["supergroup_chat_created", "new_chat_members", "pinned_message", "forum_topic_created", "edit_chat_theme", "group_chat_created"],
            messages.Where(m => m?.Kind == MessageKind.Service).Select(m => m!.ServiceAction));
        Assert.Equal(
            ["222222222@export0123456789ab:1001", "222222222@export0123456789ab:1002", "-4012345678@export0123456789ab:2001", "-4012345678@export0123456789ab:2002", "111111111@export0123456789ab:3001", "-1009876543210:321"],
            messages.Skip(18).Select(m => m!.Id));
    }

    private static readonly DateTimeOffset Time = DateTimeOffset.FromUnixTimeSeconds(Date);

    private static void AssertSameDocument(MessageDocument webhook, MessageDocument export)
    {
        Assert.Equal(
            (webhook.Id, webhook.ChatId, webhook.MessageId, webhook.Date, webhook.Text, webhook.Kind, webhook.ServiceAction),
            (export.Id, export.ChatId, export.MessageId, export.Date, export.Text, export.Kind, export.ServiceAction));
        Assert.Equal(webhook.Entities, export.Entities);
        Assert.Equal((webhook.Chat.Id, webhook.Chat.Type, webhook.Chat.Title), (export.Chat.Id, export.Chat.Type, export.Chat.Title));
        Assert.Equal((webhook.Sender?.Type, webhook.Sender?.Id, webhook.Sender?.Name), (export.Sender?.Type, export.Sender?.Id, export.Sender?.Name));
        Assert.Equal((webhook.ReplyToMessageId, webhook.EditDate), (export.ReplyToMessageId, export.EditDate));
    }
}
