using System.Text.Json;
using Sift.Hosting;
using Sift.Storage;
using Sift.Telegram;
using Sift.Tests.Infrastructure;
using static Sift.Tests.Telegram.UpdateSamples;
using Sift.Telegram.Mapping;

namespace Sift.Tests.Telegram;

public class MalformedUpdateTests
{
    [Theory]
    [InlineData("""[{"update_id": 1}]""", "JSON object")]
    [InlineData("42", "JSON object")]
    [InlineData("\"update\"", "JSON object")]
    [InlineData("null", "JSON object")]
    public void NonObjectUpdateIsMalformed(string json, string reason) => AssertMalformed(json, reason);

    [Fact]
    public void UpdateWithoutUpdateIdIsMalformed() =>
        AssertMalformed(Update("message", Message(Contents["text"])).Replace("\"update_id\"", "\"id\"", StringComparison.Ordinal), "update_id");

    [Theory]
    [InlineData("\"900000001\"")]
    [InlineData("1.5")]
    [InlineData("null")]
    [InlineData("1e30")]
    public void NonIntegerUpdateIdIsMalformed(string updateId) =>
        AssertMalformed($$"""{"update_id": {{updateId}}, "message": {{Message(Contents["text"])}}}""", "update_id");

    [Theory]
    [InlineData("[]", "JSON object")]
    [InlineData("null", "JSON object")]
    [InlineData("\"hello\"", "JSON object")]
    [InlineData("""{"message_id": 42, "date": 1735787045, "text": "no chat"}""", "chat")]
    [InlineData("""{"message_id": 42, "date": 1735787045, "chat": 111111111, "text": "chat is a number"}""", "chat")]
    [InlineData("""{"message_id": 42, "date": 1735787045, "chat": {"type": "private"}, "text": "chat without id"}""", "chat has no integer id")]
    [InlineData("""{"message_id": 42, "date": 1735787045, "chat": {"id": "111", "type": "private"}}""", "chat has no integer id")]
    [InlineData("""{"message_id": "42", "date": 1735787045, "chat": {"id": 1, "type": "private"}}""", "message_id")]
    [InlineData("""{"message_id": 4.2, "date": 1735787045, "chat": {"id": 1, "type": "private"}}""", "message_id")]
    [InlineData("""{"date": 1735787045, "chat": {"id": 1, "type": "private"}}""", "message_id")]
    [InlineData("""{"message_id": 42, "chat": {"id": 1, "type": "private"}}""", "date")]
    [InlineData("""{"message_id": 42, "date": "2025-01-02", "chat": {"id": 1, "type": "private"}}""", "date")]
    [InlineData("""{"message_id": 42, "date": 999999999999999, "chat": {"id": 1, "type": "private"}}""", "unix time")]
    public void UnusableMessageIsMalformed(string payload, string reason) =>
        AssertMalformed(Update("message", payload), reason);

    [Fact]
    public void MessageWithoutChatIsMalformed() =>
        AssertMalformed(Update("channel_post", """{"message_id": 42, "date": 1735787045}"""), "channel_post has no chat object");

    [Fact]
    public void MessageWithNonIntegerMessageIdIsMalformed() =>
        AssertMalformed(Update("edited_message", """{"message_id": "42", "date": 1735787045, "chat": {"id": 1}}"""), "edited_message has no integer message_id");

    [Fact]
    public void KnownFieldOfWrongTypeIsMalformed() =>
        AssertMalformed(Update("message", Message(""" "text": {"not": "a string"} """)), "not a Telegram message");

    [Fact]
    public void IgnoredPayloadIsNotValidated() =>
        Assert.Null(Map("""{"update_id": 1, "callback_query": "anything"}""").Message);

    [Fact]
    public async Task MalformedUpdateGoesToThePoisonQueueAtOnceWithOneLogLine()
    {
        await using var app = new SiftApp();
        var queues = app.Get<IQueueClient>();
        var update = JsonDocument.Parse(Update("message", """{"message_id": 42, "date": 1735787045, "text": "no chat"}""")).RootElement;

        await queues.SendJsonAsync(TelegramUpdateMessage.Queue, new TelegramUpdateMessage(1, "c-1", DateTimeOffset.UnixEpoch, update, null, "webhook"), default);

        await Eventually.ReturnsAsync(() => queues.CountAsync(QueueNames.Poison(TelegramUpdateMessage.Queue), default), n => n == 1, "the update in the poison queue");
        var poisoned = Assert.Single(await queues.PeekAsync(QueueNames.Poison(TelegramUpdateMessage.Queue), null, 10, default));
        Assert.Equal(1, poisoned.DequeueCount);
        var line = Assert.Single(app.Logs, line => line.Contains("ProcessTelegramUpdate: message", StringComparison.Ordinal));
        Assert.Contains("can never succeed", line, StringComparison.Ordinal);
        Assert.Contains("chat", line, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", line, StringComparison.Ordinal);
    }

    private static void AssertMalformed(string json, string reason)
    {
        var error = Assert.Throws<MalformedUpdateException>(() => Map(json));
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }
}
