using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Sift.Analysis;
using Sift.Api;
using Sift.Digests;
using Sift.Messages;
using Sift.Tests.Infrastructure;
using Sift.Tests.Messages;

using Sift.Tests.Knowledge;

namespace Sift.Tests.Digests;

public sealed class DigestTests
{
    private static readonly string[] ClassNames = ["high_quality", "signal", "low_quality", "noise", "spam", "unanalysed"];

    [Fact]
    public async Task TheDigestShowsTheDaysTopMessagesAtomsOpenProposalsAndCounts()
    {
        await using var app = new SiftApp(settings: Conversation.Settings());
        await Conversation.SaveAsync(app);
        // A message of the next day is not part of this day's digest.
        await app.Get<Sift.Messages.MessageStore>().SaveAsync(
            Conversation.Message(Conversation.ChatId, 99, "alice", null, "We decided to ship on Monday.") with
            { Date = Conversation.Day.AddDays(1).AddHours(1) }, default);
        await Conversation.RunAsync(app);
        var proposals = await Conversation.AllAsync(app.Api(), $"/api/proposals?chatId={Conversation.ChatId}");
        (await app.Api().PostAsync($"/api/proposals/{Conversation.ChatId}/{proposals[0].GetProperty("id").GetString()}/reject", null)).EnsureSuccessStatusCode();

        var digest = await app.Api().GetFromJsonAsync<JsonElement>($"/api/chats/{Conversation.ChatId}/digest?date=2026-03-10");

        // What the digest must agree with: the day's messages as the messages API shows them, analysed.
        var day = await Conversation.AllAsync(app.Api(), $"/api/messages?chatId={Conversation.ChatId}&since=2026-03-10T00:00:00Z&until=2026-03-11T00:00:00Z&limit=200");
        Assert.Equal(day.Count, digest.GetProperty("messages").GetInt64());
        Assert.Equal(21, day.Count);
        var expectedTop = day.OrderByDescending(m => m.GetProperty("analysis").GetProperty("importance").GetDouble())
            .ThenBy(m => m.GetProperty("date").GetString(), StringComparer.Ordinal).Take(10).Select(m => m.GetProperty("messageId").GetInt64());
        var top = digest.GetProperty("topMessages").EnumerateArray().ToList();
        Assert.Equal(expectedTop, top.Select(m => m.GetProperty("messageId").GetInt64()));
        var first = day.Single(m => m.GetProperty("messageId").GetInt64() == top[0].GetProperty("messageId").GetInt64());
        Assert.Equal(first.GetProperty("analysis").GetProperty("class").GetString(), top[0].GetProperty("class").GetString());
        Assert.Equal(first.GetProperty("analysis").GetProperty("topics")[0].GetProperty("id").GetString(), top[0].GetProperty("topics")[0].GetString());
        Assert.StartsWith(first.GetProperty("text").GetString()![..20], top[0].GetProperty("excerpt").GetString(), StringComparison.Ordinal);
        var byClass = ClassNames.ToDictionary(c => c, c => (long)day.Count(m => m.GetProperty("analysis").GetProperty("class").GetString() == c));
        Assert.Equal(byClass, digest.GetProperty("byClass").Deserialize<Dictionary<string, long>>());
        Assert.Equal(0, byClass["unanalysed"]);
        Assert.All(ClassNames.SkipLast(1), c => Assert.True(byClass[c] > 0, $"the day has {c} messages"));
        var byTopic = day.GroupBy(m => m.GetProperty("analysis").GetProperty("topics")[0].GetProperty("id").GetString()!)
            .OrderBy(g => g.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => (long)g.Count());
        Assert.Equal(byTopic, digest.GetProperty("byTopic").Deserialize<Dictionary<string, long>>());
        Assert.Equal(["docs", "ops", "release", "security", "uncategorized"], byTopic.Keys);
        Assert.Equal(14, digest.GetProperty("atoms").GetArrayLength());
        Assert.Equal(6, digest.GetProperty("openProposals").GetArrayLength());
        Assert.All(digest.GetProperty("openProposals").EnumerateArray(), p => Assert.Equal("pending", p.GetProperty("status").GetString()));
    }

    /// <summary>The day is read a page at a time keeping the counts and the best ten: by its third page, no message of the first is still held.</summary>
    [Fact]
    public async Task TheDigestHoldsOnePageOfTheDayNotTheDay()
    {
        CountingDocumentStore store = null!;
        await using var app = new SiftApp(settings: new Dictionary<string, string?> { ["Triggers:Enabled"] = "false" })
        {
            ExtraServices = CountingDocumentStore.Around(found => store = found),
        };
        const int Messages = 2 * Paging.MaxLimit + 10;
        for (var id = 1; id <= Messages; id++)
        {
            var importance = id % 100 / 100.0;
            await app.Get<MessageStore>().SaveAsync(SampleMessages.Text(-700, id, Conversation.Day.AddSeconds(id)) with { Text = $"Message {id}", Analysis = Analysis(importance) }, default);
        }

        var firstPage = new List<WeakReference>();
        var pages = 0;
        var firstPageHeld = -1;
        store.Queried = items =>
        {
            var read = items.OfType<MessageDocument>().ToList();
            pages += read.Count > 0 ? 1 : 0;
            if (pages == 1)
            {
                firstPage.AddRange(read.Select(m => new WeakReference(m)));
            }
            else if (pages == 3 && firstPageHeld < 0)
            {
                GC.Collect();
                GC.WaitForPendingFinalizers();
                GC.Collect();
                firstPageHeld = firstPage.Count(m => m.IsAlive);
            }
        };

        var digest = await app.Api().GetFromJsonAsync<JsonElement>($"/api/chats/-700/digest?date={Conversation.Day:yyyy-MM-dd}");

        Assert.Equal(Messages, digest.GetProperty("messages").GetInt64());
        var expectedTop = Enumerable.Range(1, Messages).OrderByDescending(id => id % 100).ThenBy(id => id).Take(DigestBuilder.TopMessages).Select(id => (long)id);
        Assert.Equal(expectedTop, digest.GetProperty("topMessages").EnumerateArray().Select(m => m.GetProperty("messageId").GetInt64()));
        Assert.Equal(Paging.MaxLimit, firstPage.Count);
        Assert.Equal(0, firstPageHeld);
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

    private static MessageAnalysis Analysis(double importance) => new()
    {
        TextHash = "test",
        AnalyzerVersion = "test",
        TopicsVersion = "test",
        Importance = importance,
        Class = MessageClass.Signal,
        TopicIds = ["uncategorized"],
        EmbeddingVersion = "test",
        AnalyzedAt = Conversation.Day,
    };
}
