using Sift.Messages;
using Sift.Telegram;
using static Sift.Tests.Telegram.UpdateSamples;
using Sift.Telegram.Mapping;
using Sift.Tests.Telegram;

namespace Sift.Tests.Telegram.Mapping;

public class UpdateMapperTests
{
    [Theory]
    [InlineData("message")]
    [InlineData("edited_message")]
    [InlineData("channel_post")]
    [InlineData("edited_channel_post")]
    [InlineData("business_message")]
    [InlineData("edited_business_message")]
    public void MessageCarryingUpdateIsMapped(string field)
    {
        var mapping = Map(Update(field, Message(Contents["text"]), updateId: 123456789));

        Assert.Equal(123456789, mapping.UpdateId);
        Assert.Equal(field, mapping.UpdateType);
        Assert.NotNull(mapping.Message);
        Assert.Equal("Hello, Sift", mapping.Message.Text);
    }

    [Fact]
    public void PrivateTextMessageIsStoredWithEveryBookkeepingField()
    {
        var message = MapBody(Contents["text"]);

        Assert.Equal("111111111@bot7000000001:42", message.Id);
        Assert.Equal(111111111, message.ChatId);
        Assert.Equal(42, message.MessageId);
        Assert.Equal(new DateTimeOffset(2025, 1, 2, 3, 4, 5, TimeSpan.Zero), message.Date);
        Assert.Equal(TimeSpan.Zero, message.Date.Offset);
        Assert.Equal(MessageKind.Text, message.Kind);
        Assert.Null(message.EditDate);
        Assert.Equal(0, message.EditCount);
        Assert.Empty(message.History);
        Assert.Equal(Source, message.Source);
        Assert.Equal(Now, message.StoredAt);
        Assert.Equal(Now, message.UpdatedAt);
    }

    [Fact]
    public void UnknownFieldsAreIgnored()
    {
        var json = $$"""
            {"update_id": 7, "future_update_flag": {"nested": [1, 2, 3]},
             "message": {"message_id": 42, "from": {{Alice}}, "chat": {{PrivateChat}}, "date": {{Date}},
               "text": "still here", "effect_id": "5104841245755180586", "brand_new_field": {"x": true},
               "link_preview_options": {"is_disabled": true}, "future_array": [null, "a", 1.5] } }
            """;

        var message = Map(json).Message;

        Assert.NotNull(message);
        Assert.Equal("still here", message.Text);
    }

    [Fact]
    public void UnknownValuesOfStringTypedFieldsAreKept()
    {
        var chat = """{"id": -100555, "title": "Future", "type": "hyperchat"}""";

        var message = MapBody("""
            "text": "x", "entities": [{"offset": 0, "length": 1, "type": "hologram"}],
            "forward_origin": {"type": "time_traveller", "date": 1700000000, "sender_user_name": "Marty"}
            """, chat);

        Assert.Equal("hyperchat", message.Chat.Type);
        Assert.Equal("hologram", Assert.Single(message.Entities).Type);
        Assert.Equal(new ForwardInfo("time_traveller", DateTimeOffset.FromUnixTimeSeconds(1700000000), null, "Marty", null, null), message.Forward);
    }

    [Theory]
    [InlineData("callback_query", """{"id": "4382bfdwdsb323b2d9", "from": {"id": 111111111, "is_bot": false, "first_name": "Alice"}, "message": {"message_id": 42, "chat": {"id": 111111111, "type": "private"}, "date": 1735787045, "text": "Pick"}, "chat_instance": "-2981", "data": "yes"}""")]
    [InlineData("my_chat_member", """{"chat": {"id": -1001234567890, "title": "Sift devs", "type": "supergroup"}, "from": {"id": 111111111, "is_bot": false, "first_name": "Alice"}, "date": 1735787045, "old_chat_member": {"user": {"id": 7000000001, "is_bot": true, "first_name": "Sift"}, "status": "left"}, "new_chat_member": {"user": {"id": 7000000001, "is_bot": true, "first_name": "Sift"}, "status": "member"}}""")]
    [InlineData("poll_answer", """{"poll_id": "5436123", "user": {"id": 111111111, "is_bot": false, "first_name": "Alice"}, "option_ids": [1]}""")]
    [InlineData("message_reaction", """{"chat": {"id": -1001234567890, "title": "Sift devs", "type": "supergroup"}, "message_id": 42, "user": {"id": 111111111, "is_bot": false, "first_name": "Alice"}, "date": 1735787045, "old_reaction": [], "new_reaction": [{"type": "emoji", "emoji": "👍"}]}""")]
    [InlineData("chat_join_request", """{"chat": {"id": -1001234567890, "title": "Sift devs", "type": "supergroup"}, "from": {"id": 222222222, "is_bot": false, "first_name": "Bob"}, "user_chat_id": 222222222, "date": 1735787045}""")]
    [InlineData("inline_query", """{"id": "9001", "from": {"id": 111111111, "is_bot": false, "first_name": "Alice"}, "query": "sift", "offset": ""}""")]
    [InlineData("poll", """{"id": "5436123", "question": "Lunch?", "options": [], "total_voter_count": 3, "is_closed": true, "is_anonymous": true, "type": "regular", "allows_multiple_answers": false}""")]
    [InlineData("chat_member", """{"chat": {"id": -4012345678, "type": "group", "title": "Book club"}, "from": {"id": 1, "is_bot": false, "first_name": "A"}, "date": 1735787045}""")]
    public void IgnoredUpdateTypeIsNamedWithoutMessage(string field, string payload)
    {
        var mapping = Map(Update(field, payload, updateId: 55));

        Assert.Equal(new UpdateMapping(55, field, null), mapping);
    }

    [Fact]
    public void CallbackQueryIsIgnored()
    {
        var mapping = Map("""
            {"update_id": 10, "callback_query": {"id": "1", "from": {"id": 1, "is_bot": false, "first_name": "A"},
              "message": {"message_id": 5, "date": 1735787045, "chat": {"id": 1, "type": "private"}, "text": "menu"},
              "chat_instance": "1", "data": "go"}}
            """);

        Assert.Equal("callback_query", mapping.UpdateType);
        Assert.Null(mapping.Message);
    }

    [Fact]
    public void UnrecognisedUpdateTypeIsUnknown()
    {
        var mapping = Map("""{"update_id": 11, "holographic_call": {"id": 1}}""");

        Assert.Equal(new UpdateMapping(11, "unknown", null), mapping);
    }

    [Fact]
    public void UpdateWithOnlyAnIdIsUnknown() =>
        Assert.Equal(new UpdateMapping(12, "unknown", null), Map("""{"update_id": 12}"""));
}
