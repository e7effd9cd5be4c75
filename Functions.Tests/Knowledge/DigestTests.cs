using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Sift.Tests.Infrastructure;

namespace Sift.Tests.Knowledge;

public sealed class DigestTests
{
    [Fact]
    public async Task TheDigestShowsTheDaysTopMessagesAtomsOpenProposalsAndCounts()
    {
        await using var app = new SiftApp(settings: Conversation.Settings());
        await Conversation.SaveAsync(app);
        // A message of the next day is not part of this day's digest.
        await app.Get<Sift.Messages.MessageStore>().SaveAsync(
            Conversation.Message(Conversation.ChatId, 99, "alice", null, "We decided to ship on Monday.", Sift.Analysis.MessageClass.HighQuality, "release") with
            { Date = Conversation.Day.AddDays(1).AddHours(1) }, default);
        await Conversation.RunAsync(app);
        var proposals = await Conversation.AllAsync(app.Api(), $"/api/proposals?chatId={Conversation.ChatId}");
        (await app.Api().PostAsync($"/api/proposals/{Conversation.ChatId}/{proposals[0].GetProperty("id").GetString()}/reject", null)).EnsureSuccessStatusCode();

        var digest = await app.Api().GetFromJsonAsync<JsonElement>($"/api/chats/{Conversation.ChatId}/digest?date=2026-03-10");

        Assert.Equal(21, digest.GetProperty("messages").GetInt64());
        var top = digest.GetProperty("topMessages").EnumerateArray().ToList();
        Assert.Equal(10, top.Count);
        // The three high-quality messages first (in time order), then signal by importance.
        Assert.Equal([1L, 3L, 8L, 14L, 13L, 12L, 11L, 10L, 9L, 7L], top.Select(m => m.GetProperty("messageId").GetInt64()));
        Assert.Equal(("high_quality", 0.9, "ops"), (top[0].GetProperty("class").GetString(), top[0].GetProperty("importance").GetDouble(), top[0].GetProperty("topics")[0].GetString()));
        Assert.StartsWith("The deploy to staging fails", top[0].GetProperty("excerpt").GetString(), StringComparison.Ordinal);
        Assert.Equal("""{"high_quality":3,"signal":11,"low_quality":1,"noise":3,"spam":1,"unanalysed":2}""", digest.GetProperty("byClass").GetRawText());
        Assert.Equal("""{"docs":1,"ops":6,"release":5,"security":2,"unanalysed":2,"uncategorized":5}""", digest.GetProperty("byTopic").GetRawText());
        Assert.Equal(14, digest.GetProperty("atoms").GetArrayLength());
        Assert.Equal(6, digest.GetProperty("openProposals").GetArrayLength());
        Assert.All(digest.GetProperty("openProposals").EnumerateArray(), p => Assert.Equal("pending", p.GetProperty("status").GetString()));
    }

    [Theory]
    [InlineData("?date=2026-13-01", HttpStatusCode.BadRequest)]
    [InlineData("?date=yesterday", HttpStatusCode.BadRequest)]
    [InlineData("", HttpStatusCode.OK)]
    public async Task TheDateIsADayAndDefaultsToToday(string query, HttpStatusCode status)
    {
        var clock = new ManualClock(Conversation.Day.AddHours(15));
        await using var app = new SiftApp { ExtraServices = services => services.AddSingleton<TimeProvider>(clock) };
        await Conversation.SaveAsync(app, only: 2);

        using var response = await app.Api().GetAsync($"/api/chats/{Conversation.ChatId}/digest{query}");

        Assert.Equal(status, response.StatusCode);
        if (status == HttpStatusCode.OK)
        {
            var digest = await response.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal("2026-03-10", digest.GetProperty("date").GetString());
            Assert.Equal(2, digest.GetProperty("messages").GetInt64());
        }
    }

    [Fact]
    public async Task TheDigestOfAChatWithNoMessagesIs404()
    {
        await using var app = new SiftApp();

        Assert.Equal(HttpStatusCode.NotFound, (await app.Api().GetAsync("/api/chats/42/digest")).StatusCode);
    }
}
