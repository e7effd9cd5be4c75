using Sift.Ingestion;
using Sift.Ingestion.TelegramExport;
using Sift.Messages;
using static Sift.Tests.Ingestion.TelegramExport.TelegramExportSamples;

namespace Sift.Tests.Ingestion.TelegramExport;

public class TelegramExportMappingTests
{
    private static readonly DateTimeOffset Time = DateTimeOffset.FromUnixTimeSeconds(Date);

    [Theory]
    [InlineData("personal_chat", 111111111L, 111111111L, "private")]
    [InlineData("bot_chat", 7000000001L, 7000000001L, "private")]
    [InlineData("saved_messages", 111111111L, 111111111L, "private")]
    [InlineData("private_group", 4012345678L, -4012345678L, "group")]
    [InlineData("private_supergroup", 1234567890L, -1001234567890L, "supergroup")]
    [InlineData("public_supergroup", 1234567890L, -1001234567890L, "supergroup")]
    [InlineData("private_channel", 9876543210L, -1009876543210L, "channel")]
    [InlineData("public_channel", 9876543210L, -1009876543210L, "channel")]
    public void ChatTypeDecidesBotApiChatId(string type, long exportId, long chatId, string chatType)
    {
        var message = Map(Message(FromAlice + """, "text": "Hi" """), new ExportChat(exportId, type, "Name"));

        Assert.Equal(new ChatInfo(chatId, chatType, "Name", null), message.Chat);
        Assert.Equal(chatId, message.ChatId);
        Assert.Equal($"{ChatKey.Numbered(chatId, Export.Account)}:42", message.Id);
    }

    [Fact]
    public void UnknownChatTypeIsRejected() =>
        Assert.Throws<TelegramExportException>(() => Map(Message(""" "text": "Hi" """), new ExportChat(1, "secret_chat", "x")));

    [Fact]
    public void DateUnixtimeIsTheDate()
    {
        var message = Map(Message(""" "text": "Hi" """));

        Assert.Equal(Time, message.Date);
        Assert.Equal((42L, MessageKind.Text, ExportSource, Now), (message.MessageId, message.Kind, message.Source, message.StoredAt));
    }

    [Fact]
    public void LocalDateWithoutUnixtimeIsReadAsUtc() =>
        Assert.Equal(
            new DateTimeOffset(2025, 1, 2, 4, 4, 5, TimeSpan.Zero),
            Map("""{"id": 42, "type": "message", "date": "2025-01-02T04:04:05", "text": "Hi"}""").Date);

    [Fact]
    public void EditedUnixtimeIsTheEditDate() =>
        Assert.Equal(Time.AddMinutes(2), Map(Message($$""" "edited": "x", "edited_unixtime": "{{Date + 120}}", "text": "Hi" """)).EditDate);

    [Fact]
    public void EditedLocalDateIsTheEditDateWithoutUnixtime() =>
        Assert.Equal(new DateTimeOffset(2025, 1, 2, 5, 0, 0, TimeSpan.Zero), Map(Message(""" "edited": "2025-01-02T05:00:00", "text": "Hi" """)).EditDate);

    [Fact]
    public void UnEditedMessageHasNoEditDate() => Assert.Null(Map(Message(""" "text": "Hi" """)).EditDate);

    [Theory]
    [InlineData("""  "from": "Alice Liddell", "from_id": "user111111111" """, "user", 111111111L, "Alice Liddell")]
    [InlineData("""  "from": "Alice Liddell", "from_id": 111111111 """, "user", 111111111L, "Alice Liddell")] // exports before 2021
    [InlineData("""  "from": "Sift news", "from_id": "channel9876543210" """, "chat", -1009876543210L, "Sift news")]
    [InlineData("""  "from": "Book club", "from_id": "chat4012345678" """, "chat", -4012345678L, "Book club")]
    [InlineData("""  "from": null, "from_id": "user5" """, "user", 5L, null)] // a deleted account
    public void FromIdDecidesTheSender(string from, string type, long id, string? name) =>
        Assert.Equal(new SenderInfo(type, id, name, null, false), Map(Message(from + """, "text": "Hi" """)).Sender);

    [Fact]
    public void MessageWithoutFromIdHasNoSender() => Assert.Null(Map(Message(""" "text": "Hi" """)).Sender);

    [Fact]
    public void TextPartsBecomeTextAndEntitiesCountedInUtf16()
    {
        var message = Map(Message(""" "text": ["Hi 👋 ", {"type": "bold", "text": "Sift"}, " 🎉", {"type": "italic", "text": "done"}] """));

        Assert.Equal("Hi 👋 Sift 🎉done", message.Text);
        Assert.Equal([new TextEntity("bold", 6, 4), new TextEntity("italic", 13, 4)], message.Entities);
    }

    [Fact]
    public void TextEntitiesWinOverTextAndPlainPartsAreNotEntities()
    {
        var message = Map(Message("""
            "text": "ignored when text_entities is present",
            "text_entities": [{"type": "plain", "text": "😀😀 "}, {"type": "code", "text": "x = 1"}, {"type": "plain", "text": "!"}]
            """));

        Assert.Equal("😀😀 x = 1!", message.Text);
        Assert.Equal([new TextEntity("code", 5, 5)], message.Entities);
    }

    [Theory]
    [InlineData("""{"type": "bold", "text": "ab"}""", "bold", null, null, null)]
    [InlineData("""{"type": "italic", "text": "ab"}""", "italic", null, null, null)]
    [InlineData("""{"type": "underline", "text": "ab"}""", "underline", null, null, null)]
    [InlineData("""{"type": "strikethrough", "text": "ab"}""", "strikethrough", null, null, null)]
    [InlineData("""{"type": "spoiler", "text": "ab"}""", "spoiler", null, null, null)]
    [InlineData("""{"type": "blockquote", "text": "ab"}""", "blockquote", null, null, null)]
    [InlineData("""{"type": "code", "text": "ab"}""", "code", null, null, null)]
    [InlineData("""{"type": "pre", "text": "ab", "language": "csharp"}""", "pre", null, null, "csharp")]
    [InlineData("""{"type": "pre", "text": "ab", "language": ""}""", "pre", null, null, null)]
    [InlineData("""{"type": "text_link", "text": "ab", "href": "https://sift.example/"}""", "text_link", "https://sift.example/", null, null)]
    [InlineData("""{"type": "link", "text": "ab"}""", "url", null, null, null)]
    [InlineData("""{"type": "mention", "text": "ab"}""", "mention", null, null, null)]
    [InlineData("""{"type": "mention_name", "text": "ab", "user_id": 222222222}""", "text_mention", null, 222222222L, null)]
    [InlineData("""{"type": "hashtag", "text": "ab"}""", "hashtag", null, null, null)]
    [InlineData("""{"type": "cashtag", "text": "ab"}""", "cashtag", null, null, null)]
    [InlineData("""{"type": "bot_command", "text": "ab"}""", "bot_command", null, null, null)]
    [InlineData("""{"type": "email", "text": "ab"}""", "email", null, null, null)]
    [InlineData("""{"type": "phone", "text": "ab"}""", "phone_number", null, null, null)]
    [InlineData("""{"type": "custom_emoji", "text": "ab", "document_id": "5368324170671202286"}""", "custom_emoji", null, null, null)]
    public void EntityTypesBecomeBotApiEntities(string part, string type, string? url, long? userId, string? language) =>
        Assert.Equal([new TextEntity(type, 1, 2, url, userId, language)], Map(Message($$""" "text": ["x", {{part}}, "y"] """)).Entities);

    [Theory]
    [InlineData("bank_card")]
    [InlineData("unknown")]
    public void EntitiesTheBotApiDoesNotHaveAreDropped(string type) =>
        Assert.Empty(Map(Message($$""" "text": ["x", {"type": "{{type}}", "text": "ab"}] """)).Entities);

    [Fact]
    public void TextOfAFileIsItsCaption()
    {
        var message = Map(Message(""" "photo": "photos/p.jpg", "width": 10, "height": 10, "text": ["See ", {"type": "bold", "text": "this"}] """));

        Assert.Equal((MessageKind.Photo, "See this"), (message.Kind, message.Text));
        Assert.Equal([new TextEntity("bold", 4, 4)], message.Entities);
    }

    [Fact]
    public void ReplyToMessageIdIsTheReply() =>
        Assert.Equal(40, Map(Message(""" "reply_to_message_id": 40, "text": "Hi" """)).ReplyToMessageId);

    [Fact]
    public void ReplyInTheSameChatNamedByPeerIsTheReply() =>
        Assert.Equal(40, Map(Message(""" "reply_to_message_id": 40, "reply_to_peer_id": "channel1234567890", "text": "Hi" """)).ReplyToMessageId);

    [Fact]
    public void ReplyToAnotherChatIsNotAReply() =>
        Assert.Null(Map(Message(""" "reply_to_message_id": 40, "reply_to_peer_id": "channel9876543210", "text": "Hi" """)).ReplyToMessageId);

    [Theory]
    [InlineData("""  "forwarded_from": "Carol", "forwarded_from_id": "user333333333" """, "user", 333333333L, "Carol", null)]
    [InlineData("""  "forwarded_from": "Sift news", "forwarded_from_id": "channel9876543210" """, "channel", -1009876543210L, "Sift news", -1009876543210L)]
    [InlineData("""  "forwarded_from": "Book club", "forwarded_from_id": "chat4012345678" """, "chat", -4012345678L, "Book club", null)]
    [InlineData("""  "forwarded_from": "Dora Private" """, "hidden_user", null, "Dora Private", null)]
    [InlineData("""  "forwarded_from": null """, "hidden_user", null, null, null)]
    public void ForwardedFromBecomesForwardOrigin(string forward, string type, long? fromId, string? name, long? chatId) =>
        Assert.Equal(new ForwardInfo(type, null, fromId, name, chatId, null), Map(Message(forward + """, "text": "fwd" """)).Forward);

    [Fact]
    public void MessageThatIsNotForwardedHasNoForward() => Assert.Null(Map(Message(""" "text": "Hi" """)).Forward);
}
