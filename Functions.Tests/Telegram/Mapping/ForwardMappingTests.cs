using Sift.Messages;
using static Sift.Tests.Telegram.UpdateSamples;
using Sift.Tests.Telegram;

namespace Sift.Tests.Telegram.Mapping;

public class ForwardMappingTests
{
    private const long OriginDate = 1735000000;
    private static readonly DateTimeOffset OriginTime = DateTimeOffset.FromUnixTimeSeconds(OriginDate);

    [Fact]
    public void ForwardFromUserNamesTheUser() =>
        Assert.Equal(
            new ForwardInfo("user", OriginTime, 222222222, "Bob", null, null),
            Forward($$"""{"type": "user", "date": {{OriginDate}}, "sender_user": {{Bob}}}"""));

    [Fact]
    public void ForwardFromHiddenUserKeepsOnlyTheName() =>
        Assert.Equal(
            new ForwardInfo("hidden_user", OriginTime, null, "Dora Private", null, null),
            Forward($$"""{"type": "hidden_user", "date": {{OriginDate}}, "sender_user_name": "Dora Private"}"""));

    [Fact]
    public void ForwardFromChatNamesTheChat() =>
        Assert.Equal(
            new ForwardInfo("chat", OriginTime, -1001234567890, "Sift devs", null, null),
            Forward($$"""{"type": "chat", "date": {{OriginDate}}, "sender_chat": {{SupergroupChat}}, "author_signature": "Admin"}"""));

    [Fact]
    public void ForwardFromChannelPointsAtTheOriginalPost() =>
        Assert.Equal(
            new ForwardInfo("channel", OriginTime, -1009876543210, "Sift news", -1009876543210, 321),
            Forward($$"""{"type": "channel", "date": {{OriginDate}}, "chat": {{ChannelChat}}, "message_id": 321, "author_signature": "Alice"}"""));

    [Fact]
    public void ForwardOriginWinsOverLegacyFields()
    {
        var message = MapBody($$"""
            "forward_origin": {"type": "user", "date": {{OriginDate}}, "sender_user": {{Bob}}},
            "forward_from": {{Alice}}, "forward_date": 1,
            "text": "fwd"
            """);

        Assert.Equal(222222222, message.Forward?.FromId);
        Assert.Equal(OriginTime, message.Forward?.Date);
    }

    [Fact]
    public void LegacyForwardFromUserIsMapped() =>
        Assert.Equal(
            new ForwardInfo("user", OriginTime, 222222222, "Bob", null, null),
            Legacy($$""" "forward_from": {{Bob}}, "forward_date": {{OriginDate}} """));

    [Fact]
    public void LegacyForwardFromChannelIsMapped() =>
        Assert.Equal(
            new ForwardInfo("channel", OriginTime, -1009876543210, "Sift news", -1009876543210, 321),
            Legacy($$""" "forward_from_chat": {{ChannelChat}}, "forward_from_message_id": 321, "forward_signature": "Alice", "forward_date": {{OriginDate}} """));

    [Fact]
    public void LegacyForwardFromGroupIsMapped() =>
        Assert.Equal(
            new ForwardInfo("chat", OriginTime, -1001234567890, "Sift devs", null, null),
            Legacy($$""" "forward_from_chat": {{SupergroupChat}}, "forward_date": {{OriginDate}} """));

    [Fact]
    public void LegacyForwardFromHiddenUserIsMapped() =>
        Assert.Equal(
            new ForwardInfo("hidden_user", OriginTime, null, "Dora Private", null, null),
            Legacy($$""" "forward_sender_name": "Dora Private", "forward_date": {{OriginDate}} """));

    [Fact]
    public void AutomaticForwardFromLinkedChannelIsForwardedFromChannel()
    {
        var body = $$"""
            "sender_chat": {{ChannelChat}}, "is_automatic_forward": true,
            "forward_origin": {"type": "channel", "chat": {{ChannelChat}}, "message_id": 321, "date": {{OriginDate}}},
            "text": "Release 1.0"
            """;

        var message = MapBody(body, SupergroupChat, """{"id": 777000, "is_bot": false, "first_name": "Telegram"}""");

        Assert.Equal(("chat", -1009876543210L), (message.Sender?.Type, message.Sender?.Id));
        Assert.Equal(("channel", 321L), (message.Forward?.Type, message.Forward?.MessageId));
    }

    private static ForwardInfo? Forward(string origin) =>
        MapBody($$""" "forward_origin": {{origin}}, "text": "forwarded" """, GroupChat).Forward;

    private static ForwardInfo? Legacy(string fields) =>
        MapBody($$""" {{fields}}, "text": "forwarded" """, GroupChat).Forward;
}
