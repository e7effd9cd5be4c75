using System.Net.Http.Json;
using System.Text.Json;
using Sift.Messages;
using Sift.Storage;
using Sift.Tests.Infrastructure;

namespace Sift.Tests.Messages;

/// <summary>Chat message counts kept in shards: exact under concurrency, retries and re-imports, with no document every message writes.</summary>
public sealed class ChatStatisticsTests : IAsyncLifetime
{
    private const long ChatId = -1001;
    private static readonly DateTimeOffset Start = new(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);
    private readonly SiftApp app = new(settings: new Dictionary<string, string?> { ["Triggers:Enabled"] = "false" });

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await app.DisposeAsync();

    [Fact]
    public async Task ConcurrentMessagesOfOneChatAreEachCountedOnce()
    {
        var store = app.Get<MessageStore>();

        await Task.WhenAll(Enumerable.Range(1, 300).Select(i => store.SaveAsync(Message(i, Start.AddSeconds(i)), default)));
        await Task.WhenAll(Enumerable.Range(1, 300).Select(i => store.SaveAsync(Message(i, Start.AddSeconds(i)), default)));

        var chat = await ChatAsync();
        Assert.Equal(300, chat.GetProperty("messageCount").GetInt64());
        Assert.Equal(Start.AddSeconds(300), chat.GetProperty("lastMessageAt").GetDateTimeOffset());
    }

    [Fact]
    public async Task ARetryAfterACrashBetweenCountingAndCreatingCountsOnce()
    {
        var message = Message(7, Start);

        // The first delivery counted the message, then its process died before creating it.
        await app.Get<ChatStatistics>().CountAsync(message, default);
        var outcome = await app.Get<MessageStore>().SaveAsync(message, default);

        Assert.Equal(SaveOutcome.Created, outcome);
        Assert.Equal(1, (await ChatAsync()).GetProperty("messageCount").GetInt64());
    }

    [Fact]
    public async Task EditsAndReimportsLongAfterDoNotCountAgain()
    {
        var store = app.Get<MessageStore>();
        for (var i = 1; i <= ChatStatsShard.Remembered * ChatStatistics.Shards + 10; i++)
        {
            await store.SaveAsync(Message(i, Start.AddSeconds(i)), default);
        }

        var edited = await store.SaveAsync(Message(1, Start.AddSeconds(1)) with { Text = "edited", EditDate = Start.AddHours(1) }, default);
        var reimported = await store.SaveAsync(Message(2, Start.AddSeconds(2)), default);

        Assert.Equal((SaveOutcome.Updated, SaveOutcome.Unchanged), (edited, reimported));
        Assert.Equal(ChatStatsShard.Remembered * ChatStatistics.Shards + 10, (await ChatAsync()).GetProperty("messageCount").GetInt64());
    }

    [Fact]
    public async Task MessagesWithinAMinuteOfEachOtherLeaveTheChatDocumentAlone()
    {
        var store = app.Get<MessageStore>();
        await store.SaveAsync(Message(1, Start), default);
        var before = await app.Get<IDocumentStore>().GetAsync<ChatDocument>(MessageStore.Chats, "chats", $"{ChatId}", default);

        for (var i = 2; i <= 20; i++)
        {
            await store.SaveAsync(Message(i, Start.AddSeconds(i)), default);
        }

        var within = await app.Get<IDocumentStore>().GetAsync<ChatDocument>(MessageStore.Chats, "chats", $"{ChatId}", default);
        await store.SaveAsync(Message(21, Start.AddMinutes(2)), default);
        var after = await app.Get<IDocumentStore>().GetAsync<ChatDocument>(MessageStore.Chats, "chats", $"{ChatId}", default);

        Assert.Equal(before!.ETag, within!.ETag);
        Assert.Equal(Start.AddMinutes(2), after!.Value.LastMessageAt);
    }

    private async Task<JsonElement> ChatAsync() =>
        (await app.Api().GetFromJsonAsync<JsonElement>("/api/chats")).GetProperty("items").EnumerateArray().Single(c => c.GetProperty("chatId").GetInt64() == ChatId);

    private static MessageDocument Message(long messageId, DateTimeOffset date) => SampleMessages.Text(ChatId, messageId, date, "Busy group");
}
