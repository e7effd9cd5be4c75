using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Sift.Messages;
using Sift.Tests.Infrastructure;

namespace Sift.Tests.Messages;

/// <summary>The read API over messages saved through the one save path.</summary>
public sealed class MessageApiTests : IAsyncLifetime
{
    private readonly SiftApp app = new(settings: new Dictionary<string, string?> { ["Triggers:Enabled"] = "false" });
    private static readonly DateTimeOffset Start = new(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);

    public async Task InitializeAsync()
    {
        var store = app.Get<MessageStore>();
        for (var i = 1; i <= 30; i++)
        {
            await store.SaveAsync(SampleMessages.Text(chatId: -100, messageId: i, Start.AddMinutes(i)), default);
        }

        for (var i = 1; i <= 5; i++)
        {
            await store.SaveAsync(SampleMessages.Text(chatId: 77, messageId: i, Start.AddHours(1).AddMinutes(i), title: "Later chat"), default);
        }
    }

    public async Task DisposeAsync() => await app.DisposeAsync();

    [Fact]
    public async Task ListingPagesNewestFirstWithContinuationTokens()
    {
        var ids = new List<long>();
        string? continuation = null;
        var pages = 0;
        do
        {
            var page = await app.Api().GetFromJsonAsync<JsonElement>($"/api/messages?chatId=-100&limit=7&continuation={Uri.EscapeDataString(continuation ?? "")}");
            ids.AddRange(page.GetProperty("items").EnumerateArray().Select(m => m.GetProperty("messageId").GetInt64()));
            continuation = page.GetProperty("continuation").GetString();
            pages++;
        }
        while (continuation is not null);

        Assert.Equal(Enumerable.Range(1, 30).Reverse().Select(i => (long)i), ids);
        Assert.Equal(5, pages);
    }

    [Fact]
    public async Task ListingWithoutAChatSpansAllChats()
    {
        var page = await app.Api().GetFromJsonAsync<JsonElement>("/api/messages?limit=200");

        var items = page.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(35, items.Count);
        Assert.Equal("77", items[0].GetProperty("chatId").GetString());
        Assert.Equal(JsonValueKind.Null, page.GetProperty("continuation").ValueKind);
    }

    [Fact]
    public async Task SinceIsInclusiveAndUntilExclusive()
    {
        var since = Uri.EscapeDataString(Start.AddMinutes(10).ToString("O"));
        var until = Uri.EscapeDataString(Start.AddMinutes(13).ToString("O"));

        var page = await app.Api().GetFromJsonAsync<JsonElement>($"/api/messages?chatId=-100&since={since}&until={until}");

        Assert.Equal([12L, 11L, 10L], page.GetProperty("items").EnumerateArray().Select(m => m.GetProperty("messageId").GetInt64()));
    }

    [Fact]
    public async Task MessageCarriesTheFieldsClientsRelyOn()
    {
        var message = await app.Api().GetFromJsonAsync<JsonElement>("/api/messages/-100/3");

        Assert.Equal("-100:3", message.GetProperty("id").GetString());
        Assert.Equal("-100", message.GetProperty("chatId").GetString());
        Assert.Equal(3, message.GetProperty("messageId").GetInt64());
        Assert.Equal("2026-03-01T09:03:00.000Z", message.GetProperty("date").GetString());
        Assert.Equal("text", message.GetProperty("kind").GetString());
        Assert.Equal("message 3", message.GetProperty("text").GetString());
        Assert.Equal(0, message.GetProperty("editCount").GetInt32());
        Assert.Equal("Alice", message.GetProperty("sender").GetProperty("name").GetString());
        Assert.Equal("group", message.GetProperty("chat").GetProperty("type").GetString());
    }

    [Fact]
    public async Task UnknownMessageIs404ProblemJson()
    {
        using var response = await app.Api().GetAsync("/api/messages/-100/999");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task ChatsListMessageCountsAndLastMessageTime()
    {
        var page = await app.Api().GetFromJsonAsync<JsonElement>("/api/chats");

        var chats = page.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(["77", "-100"], chats.Select(c => c.GetProperty("id").GetString()));
        Assert.Equal([5L, 30L], chats.Select(c => c.GetProperty("messageCount").GetInt64()));
        Assert.Equal("Later chat", chats[0].GetProperty("title").GetString());
        Assert.Equal("2026-03-01T09:30:00.000Z", chats[1].GetProperty("lastMessageAt").GetString());
    }

    [Theory]
    [InlineData("/api/messages?limit=0")]
    [InlineData("/api/messages?limit=201")]
    [InlineData("/api/messages?limit=abc")]
    [InlineData("/api/messages?chatId=abc")]
    [InlineData("/api/messages?since=yesterday")]
    [InlineData("/api/messages?continuation=garbage")]
    [InlineData("/api/chats?limit=-1")]
    [InlineData("/api/chats?continuation=%7B%7D")]
    public async Task BadQueryIs400ProblemJson(string url)
    {
        using var response = await app.Api().GetAsync(url);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }
}
