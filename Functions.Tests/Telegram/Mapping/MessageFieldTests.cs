using Sift.Messages;
using static Sift.Tests.Telegram.UpdateSamples;
using Sift.Tests.Telegram;

namespace Sift.Tests.Telegram.Mapping;

public class MessageFieldTests
{
    [Theory]
    [InlineData(PrivateChat, 111111111L, "private", "Alice Liddell", "alice")]
    [InlineData(GroupChat, -4012345678L, "group", "Book club", null)]
    [InlineData(SupergroupChat, -1001234567890L, "supergroup", "Sift devs", "siftdevs")]
    [InlineData(ChannelChat, -1009876543210L, "channel", "Sift news", "siftnews")]
    public void ChatIsDescribedByIdTypeTitleAndUsername(string chat, long id, string type, string title, string? username)
    {
        var message = MapBody(Contents["text"], chat);

        Assert.Equal(new ChatInfo(id, type, title, username), message.Chat);
        Assert.Equal(id, message.ChatId);
        Assert.Equal($"{ChatKey.Numbered(id, ChatKey.Bot(BotId))}:42", message.Id);
    }

    [Fact]
    public void PrivateChatWithFirstNameOnlyIsTitledByIt() =>
        Assert.Equal("Bob", MapBody(Contents["text"], """{"id": 222222222, "first_name": "Bob", "type": "private"}""").Chat.Title);

    [Fact]
    public void UserSenderIsNamedFromFirstAndLastName() =>
        Assert.Equal(new SenderInfo("user", 111111111, "Alice Liddell", "alice", false), MapBody(Contents["text"]).Sender);

    [Fact]
    public void BotSenderIsMarkedAsBot() =>
        Assert.Equal(new SenderInfo("user", 7000000001, "Sift", "sift_bot", true), MapBody(Contents["text"], GroupChat, Bot).Sender);

    [Fact]
    public void AnonymousAdminIsSenderChatNotPlaceholderBot()
    {
        var message = MapBody($$""" "sender_chat": {{SupergroupChat}}, "text": "Announcement" """, SupergroupChat, AnonymousAdminBot);

        Assert.Equal(new SenderInfo("chat", -1001234567890, "Sift devs", "siftdevs", false), message.Sender);
    }

    [Fact]
    public void ChannelPostIsSentByTheChannel()
    {
        var post = Message($$""" "sender_chat": {{ChannelChat}}, "author_signature": "Alice", "text": "Release 1.0" """, ChannelChat, from: null);

        var message = MapMessage(post, "channel_post");

        Assert.Equal(new SenderInfo("chat", -1009876543210, "Sift news", "siftnews", false), message.Sender);
        Assert.Equal("channel", message.Chat.Type);
    }

    [Fact]
    public void MessageWithoutSenderHasNoSender() =>
        Assert.Null(MapBody(Contents["text"], ChannelChat, from: null).Sender);

    [Fact]
    public void TextEntitiesAreMapped()
    {
        var message = MapBody("""
            "text": "/start @sift see https://x.dev and code",
            "entities": [
              {"offset": 0, "length": 6, "type": "bot_command"},
              {"offset": 7, "length": 5, "type": "mention"},
              {"offset": 17, "length": 4, "type": "text_link", "url": "https://sift.dev"},
              {"offset": 22, "length": 3, "type": "text_mention", "user": {"id": 222222222, "is_bot": false, "first_name": "Bob"}},
              {"offset": 30, "length": 4, "type": "pre", "language": "csharp"}
            ]
            """);

        TextEntity[] expected =
        [
            new("bot_command", 0, 6), new("mention", 7, 5), new("text_link", 17, 4, Url: "https://sift.dev"),
            new("text_mention", 22, 3, UserId: 222222222), new("pre", 30, 4, Language: "csharp"),
        ];
        Assert.Equal(expected, message.Entities);
    }

    [Fact]
    public void CaptionAndCaptionEntitiesAreTextAndEntities()
    {
        var message = MapBody("""
            "document": {"file_name": "a.pdf", "file_id": "d", "file_unique_id": "u"},
            "caption": "See #report", "caption_entities": [{"offset": 4, "length": 7, "type": "hashtag"}]
            """);

        Assert.Equal("See #report", message.Text);
        Assert.Equal(new TextEntity("hashtag", 4, 7), Assert.Single(message.Entities));
    }

    [Fact]
    public void MessageWithoutEntitiesHasEmptyEntities() => Assert.Empty(MapBody(Contents["text"]).Entities);

    [Fact]
    public void ReplyAndThreadAreMapped()
    {
        var message = MapBody($$"""
            "message_thread_id": 17, "is_topic_message": true,
            "reply_to_message": {"message_id": 40, "from": {{Bob}}, "chat": {{SupergroupChat}}, "date": 1735700000, "text": "Question?"},
            "text": "Answer"
            """, SupergroupChat);

        Assert.Equal(40, message.ReplyToMessageId);
        Assert.Equal(17, message.ThreadId);
    }

    [Fact]
    public void MessageWithoutReplyOrThreadHasNeither()
    {
        var message = MapBody(Contents["text"]);

        Assert.Null(message.ReplyToMessageId);
        Assert.Null(message.ThreadId);
        Assert.Null(message.Forward);
    }

    [Fact]
    public void EditedMessageCarriesEditDate()
    {
        var message = MapMessage(Message(""" "edit_date": 1735790000, "text": "Hello, Sift (fixed)" """), "edited_message");

        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1735790000), message.EditDate);
        Assert.Equal("Hello, Sift (fixed)", message.Text);
        Assert.Equal(0, message.EditCount);
    }

    [Fact]
    public void EditedChannelPostCarriesEditDate()
    {
        var post = Message($$""" "sender_chat": {{ChannelChat}}, "edit_date": 1735790001, "text": "v2" """, ChannelChat, from: null);

        var mapping = Map(Update("edited_channel_post", post));

        Assert.Equal("edited_channel_post", mapping.UpdateType);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1735790001), mapping.Message?.EditDate);
    }

    [Fact]
    public void BusinessMessageIsStored()
    {
        var body = """ "business_connection_id": "AbCdEf123", "sender_business_bot": {"id": 7000000001, "is_bot": true, "first_name": "Sift"}, "text": "On my way" """;

        var message = MapMessage(Message(body, PrivateChat, Bob), "business_message");

        Assert.Equal(("On my way", "111111111@bot7000000001:42"), (message.Text, message.Id));
        Assert.Equal(222222222, message.Sender?.Id);
    }
}
