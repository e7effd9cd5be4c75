using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Sift.Storage;
using Sift.Telegram;
using Sift.Tests.Infrastructure;

namespace Sift.Tests.Telegram;

/// <summary>Updates posted to the webhook, processed by the runner, read back through the API.</summary>
public sealed class UpdateProcessingTests : IAsyncLifetime
{
    private const long BotId = 7000000001;
    private const long ChatId = 111111111;

    /// <summary>The private chat as the bot numbers it.</summary>
    private const string Chat = "111111111@bot7000000001";
    private FakeTelegram telegram = null!;
    private SiftApp app = null!;
    private HttpClient webhook = null!;

    public async Task InitializeAsync()
    {
        telegram = await FakeTelegram.StartAsync();
        app = new SiftApp(telegram);
        await app.RegisterBotAsync(telegram, BotId);
        webhook = app.CreateClient();
        webhook.DefaultRequestHeaders.Add(TelegramWebhook.SecretHeader, app.WebhookSecret(BotId));
    }

    public async Task DisposeAsync()
    {
        await app.DisposeAsync();
        await telegram.DisposeAsync();
    }

    public static TheoryData<string> Kinds => new(UpdateSamples.Contents.Keys);

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task EveryKindOfMessageIsStored(string kind)
    {
        await PostAsync(UpdateSamples.Update("message", UpdateSamples.Message(UpdateSamples.Contents[kind], messageId: 1)));

        var message = await WaitForMessageAsync(Chat, 1);
        var expected = kind switch { "video_note" => "videoNote", "paid_media" => "other", _ => kind };
        Assert.Equal(expected, message.GetProperty("kind").GetString());
        Assert.Equal($"{Chat}:1", message.GetProperty("id").GetString());
        Assert.Equal(ChatId, message.GetProperty("chat").GetProperty("id").GetInt64());
        Assert.Equal("2025-01-02T03:04:05.000Z", message.GetProperty("date").GetString());
        Assert.Equal(0, message.GetProperty("editCount").GetInt32());
    }

    [Theory]
    [InlineData("channel_post", UpdateSamples.ChannelChat, "-1009876543210")]
    [InlineData("message", UpdateSamples.SupergroupChat, "-1001234567890")]
    [InlineData("business_message", UpdateSamples.PrivateChat, Chat)]
    public async Task MessagesFromEveryKindOfChatAreStored(string field, string chat, string chatId)
    {
        await PostAsync(UpdateSamples.Update(field, UpdateSamples.Message(""" "text": "news" """, chat, from: field == "channel_post" ? null : UpdateSamples.Alice, messageId: 7)));

        var message = await WaitForMessageAsync(chatId, 7);
        Assert.Equal("news", message.GetProperty("text").GetString());
    }

    [Fact]
    public async Task EditUpdatesTheSameMessageAndKeepsItsHistory()
    {
        await PostAsync(UpdateSamples.Update("message", UpdateSamples.Message(""" "text": "frist" """), updateId: 1));
        await WaitForMessageAsync(Chat, 42);

        await PostAsync(UpdateSamples.Update("edited_message", UpdateSamples.Message(""" "edit_date": 1735787100, "text": "first" """), updateId: 2));

        var message = await WaitForMessageAsync(Chat, 42, m => m.GetProperty("editCount").GetInt32() == 1);
        Assert.Equal("first", message.GetProperty("text").GetString());
        Assert.Equal("2025-01-02T03:05:00.000Z", message.GetProperty("editDate").GetString());
        Assert.Equal("frist", Assert.Single(message.GetProperty("history").EnumerateArray()).GetProperty("text").GetString());
    }

    [Fact]
    public async Task EditArrivingBeforeItsOriginalKeepsTheEditedText()
    {
        await PostAsync(UpdateSamples.Update("edited_message", UpdateSamples.Message(""" "edit_date": 1735787100, "text": "edited" """), updateId: 2));
        await WaitForMessageAsync(Chat, 42);

        await PostAsync(UpdateSamples.Update("message", UpdateSamples.Message(""" "text": "original" """), updateId: 1));

        var message = await WaitForMessageAsync(Chat, 42, m => m.GetProperty("history").GetArrayLength() == 1);
        Assert.Equal("edited", message.GetProperty("text").GetString());
        Assert.Equal(1, message.GetProperty("editCount").GetInt32());
        Assert.Equal("original", message.GetProperty("history")[0].GetProperty("text").GetString());
    }

    [Fact]
    public async Task DuplicateDeliveryStoresOneMessage()
    {
        var update = UpdateSamples.Update("message", UpdateSamples.Message(""" "text": "once" """));
        for (var i = 0; i < 3; i++)
        {
            await PostAsync(update);
        }

        await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => PostAsync(update)));

        await WaitForQueueToDrainAsync();
        var page = await app.Api().GetFromJsonAsync<JsonElement>($"/api/messages?chatId={Chat}");
        var message = Assert.Single(page.GetProperty("items").EnumerateArray());
        Assert.Equal(0, message.GetProperty("editCount").GetInt32());
        Assert.Empty(message.GetProperty("history").EnumerateArray());
        var chat = Assert.Single((await app.Api().GetFromJsonAsync<JsonElement>("/api/chats")).GetProperty("items").EnumerateArray());
        Assert.Equal(1, chat.GetProperty("messageCount").GetInt64());
    }

    [Fact]
    public async Task ThousandConcurrentUpdatesStoreThousandMessages()
    {
        const int count = 1000;
        using var throttle = new SemaphoreSlim(64);
        await Task.WhenAll(Enumerable.Range(1, count).Select(async i =>
        {
            await throttle.WaitAsync();
            try
            {
                await PostAsync(UpdateSamples.Update("message", UpdateSamples.Message($$""" "text": "message {{i}}" """, messageId: i), updateId: i));
            }
            finally
            {
                throttle.Release();
            }
        }));

        var chats = await Eventually.ReturnsAsync(
            () => app.Api().GetFromJsonAsync<JsonElement>("/api/chats"),
            page => page.GetProperty("items").GetArrayLength() == 1 && page.GetProperty("items")[0].GetProperty("messageCount").GetInt64() == count,
            "1,000 stored messages", TimeSpan.FromSeconds(120));
        Assert.Equal(count, chats.GetProperty("items")[0].GetProperty("messageCount").GetInt64());
        var ids = new HashSet<long>();
        string? continuation = null;
        do
        {
            var page = await app.Api().GetFromJsonAsync<JsonElement>($"/api/messages?chatId={Chat}&limit=200&continuation={continuation}");
            foreach (var item in page.GetProperty("items").EnumerateArray())
            {
                Assert.True(ids.Add(item.GetProperty("messageId").GetInt64()));
            }

            continuation = page.GetProperty("continuation").GetString();
        }
        while (continuation is not null);

        Assert.Equal(Enumerable.Range(1, count).Select(i => (long)i).ToHashSet(), ids);
    }

    [Theory]
    [InlineData("callback_query", """{"id": "4382bfdwdsb323b2d9", "from": {"id": 1, "is_bot": false, "first_name": "A"}, "chat_instance": "1", "data": "yes"}""")]
    [InlineData("my_chat_member", """{"chat": {"id": -1, "type": "group", "title": "g"}, "from": {"id": 1, "is_bot": false, "first_name": "A"}, "date": 1, "old_chat_member": {"status": "left", "user": {"id": 2, "is_bot": true, "first_name": "B"}}, "new_chat_member": {"status": "member", "user": {"id": 2, "is_bot": true, "first_name": "B"}}}""")]
    [InlineData("poll_answer", """{"poll_id": "1", "user": {"id": 1, "is_bot": false, "first_name": "A"}, "option_ids": [0]}""")]
    [InlineData("message_reaction", """{"chat": {"id": -1, "type": "group", "title": "g"}, "message_id": 1, "date": 1, "old_reaction": [], "new_reaction": [{"type": "emoji", "emoji": "👍"}]}""")]
    [InlineData("some_future_update", """{"anything": true}""")]
    public async Task IgnoredUpdateTypesStoreNothingAndFailNothing(string field, string payload)
    {
        await PostAsync(UpdateSamples.Update(field, payload, updateId: 10));

        await WaitForQueueToDrainAsync();
        Assert.Empty((await app.Api().GetFromJsonAsync<JsonElement>("/api/messages")).GetProperty("items").EnumerateArray());
        Assert.Equal(0, await app.Get<IQueueClient>().CountAsync(QueueNames.Poison(TelegramUpdateMessage.Queue), default));
    }

    [Fact]
    public async Task MalformedUpdateGoesToThePoisonQueueAndTheRunnerKeepsGoing()
    {
        await PostAsync("""{"update_id": 66, "message": {"message_id": 1, "date": 1735787045, "text": "no chat"}}""");
        await PostAsync(UpdateSamples.Update("message", UpdateSamples.Message(""" "text": "after the bad one" """, messageId: 2), updateId: 67));

        var poison = QueueNames.Poison(TelegramUpdateMessage.Queue);
        await Eventually.ReturnsAsync(() => app.Get<IQueueClient>().CountAsync(poison, default), n => n == 1, "the poison message");
        Assert.Equal("after the bad one", (await WaitForMessageAsync(Chat, 2)).GetProperty("text").GetString());
        var dead = Assert.Single(await app.Get<IQueueClient>().ReceiveAsync(poison, 10, TimeSpan.FromMinutes(1), default));
        Assert.Contains("no chat", dead.Body);
        Assert.Contains(app.Logs, line => line.Contains("moved to telegram-updates-poison"));
    }

    [Fact]
    public async Task UpdateTooLargeForTheQueueIsStoredInFull()
    {
        var text = new string('x', 200 * 1024);
        await PostAsync(UpdateSamples.Update("message", UpdateSamples.Message($$""" "text": "{{text}}" """, messageId: 3)));

        Assert.Equal(text, (await WaitForMessageAsync(Chat, 3)).GetProperty("text").GetString());
    }

    private async Task PostAsync(string update)
    {
        using var response = await webhook.PostAsync($"/api/telegram/webhook/{BotId}", new StringContent(update, Encoding.UTF8, "application/json"));
        response.EnsureSuccessStatusCode();
    }

    private Task<JsonElement> WaitForMessageAsync(string chatId, long messageId, Func<JsonElement, bool>? until = null) =>
        Eventually.ReturnsAsync(async () =>
        {
            using var response = await app.Api().GetAsync($"/api/messages/{chatId}/{messageId}");
            return response.IsSuccessStatusCode ? await response.Content.ReadFromJsonAsync<JsonElement>() : default;
        }, m => m.ValueKind == JsonValueKind.Object && (until?.Invoke(m) ?? true), $"message {chatId}:{messageId}");

    private Task<long> WaitForQueueToDrainAsync() =>
        Eventually.ReturnsAsync(() => app.Get<IQueueClient>().CountAsync(TelegramUpdateMessage.Queue, default), n => n == 0, "the queue to drain");
}
