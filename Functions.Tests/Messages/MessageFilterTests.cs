using System.Net.Http.Json;
using System.Text.Json;
using Sift.Analysis;
using Sift.Messages;
using Sift.Tests.Api;
using Sift.Tests.Infrastructure;

namespace Sift.Tests.Messages;

/// <summary>The analysis filters of <c>GET /api/messages</c>, over messages whose analysis is stored with them.</summary>
public sealed class MessageFilterTests : IAsyncLifetime
{
    private readonly SiftApp app = new(settings: new Dictionary<string, string?> { ["Triggers:Enabled"] = "false" });
    private static readonly DateTimeOffset Start = new(2026, 5, 4, 8, 0, 0, TimeSpan.Zero);

    public async Task InitializeAsync()
    {
        var store = app.Get<MessageStore>();
        (long Id, string Text, MessageClass Class, double Importance, string[] Topics)[] messages =
        [
            (1, "Деплой упал с ошибкой 502", MessageClass.HighQuality, 0.9, ["deploy"]),
            (2, "ok", MessageClass.Noise, 0.05, ["uncategorized"]),
            (3, "EARN $$$ FROM HOME t.me/+promo", MessageClass.Spam, 0.0, ["uncategorized"]),
            (4, "Who owns the billing export?", MessageClass.Signal, 0.55, ["billing", "deploy"]),
            (5, "деплой завтра в 10:00", MessageClass.Signal, 0.6, ["deploy"]),
        ];
        foreach (var (id, text, cls, importance, topics) in messages)
        {
            await store.SaveAsync(SampleMessages.Text(-200, id, Start.AddMinutes(id)) with { Text = text, Analysis = Analysis(cls, importance, topics) }, default);
        }

        await store.SaveAsync(SampleMessages.Text(-300, 1, Start) with { Text = "other chat деплой", Analysis = Analysis(MessageClass.Signal, 0.5, ["deploy"]) }, default);
    }

    public async Task DisposeAsync() => await app.DisposeAsync();

    [Theory]
    [InlineData("class=signal", new long[] { 5, 4 })]
    [InlineData("class=HIGH_QUALITY", new long[] { 1 })]
    [InlineData("importanceMin=0.56", new long[] { 5, 1 })]
    [InlineData("topicId=deploy", new long[] { 5, 4, 1 })]
    [InlineData("topicId=billing", new long[] { 4 })]
    [InlineData("q=%D0%94%D0%95%D0%9F%D0%9B%D0%9E%D0%99", new long[] { 5, 1 })]
    [InlineData("q=BILLING", new long[] { 4 })]
    [InlineData("class=signal&topicId=deploy&importanceMin=0.58&q=%D0%B7%D0%B0%D0%B2%D1%82%D1%80%D0%B0", new long[] { 5 })]
    public async Task FiltersNarrowTheChatsMessages(string filter, long[] expected)
    {
        var page = await app.Api().GetFromJsonAsync<JsonElement>($"/api/messages?chatId=-200&{filter}");

        Assert.Equal(expected, page.GetProperty("items").EnumerateArray().Select(m => m.GetProperty("messageId").GetInt64()));
    }

    [Fact]
    public async Task FiltersSpanChatsWithoutAChatId()
    {
        var page = await app.Api().GetFromJsonAsync<JsonElement>("/api/messages?topicId=deploy&class=signal");

        Assert.Equal(["-200:5", "-200:4", "-300:1"], page.GetProperty("items").EnumerateArray().Select(m => m.GetProperty("id").GetString()));
    }

    [Fact]
    public async Task FilteredListPagesWithItsContinuation()
    {
        var first = await app.Api().GetFromJsonAsync<JsonElement>("/api/messages?chatId=-200&topicId=deploy&limit=2");
        var token = Uri.EscapeDataString(first.GetProperty("continuation").GetString()!);
        var second = await app.Api().GetFromJsonAsync<JsonElement>($"/api/messages?chatId=-200&topicId=deploy&limit=2&continuation={token}");

        Assert.Equal([5L, 4L, 1L], first.GetProperty("items").EnumerateArray().Concat(second.GetProperty("items").EnumerateArray()).Select(m => m.GetProperty("messageId").GetInt64()));
        Assert.Equal(JsonValueKind.Null, second.GetProperty("continuation").ValueKind);
        await Problems.AssertAsync(await app.Api().GetAsync($"/api/messages?chatId=-200&topicId=billing&limit=2&continuation={token}"), 400);
    }

    [Fact]
    public async Task AMessageShowsItsAnalysis()
    {
        var message = await app.Api().GetFromJsonAsync<JsonElement>("/api/messages/-200/4");

        var analysis = message.GetProperty("analysis");
        Assert.Equal("signal", analysis.GetProperty("class").GetString());
        Assert.Equal(0.55, analysis.GetProperty("importance").GetDouble());
        Assert.Equal(["billing", "deploy"], analysis.GetProperty("topics").EnumerateArray().Select(t => t.GetProperty("id").GetString()));
        Assert.Equal("length", analysis.GetProperty("factors")[0].GetProperty("name").GetString());
    }

    [Fact]
    public async Task UnknownClassIs400ListingTheClasses()
    {
        var problem = await Problems.AssertAsync(await app.Api().GetAsync("/api/messages?class=important"), 400);

        Assert.Contains("high_quality, signal, low_quality, noise, spam", problem.Detail());
    }

    [Theory]
    [InlineData("importanceMin=1.5")]
    [InlineData("importanceMin=-0.1")]
    [InlineData("importanceMin=NaN")]
    [InlineData("importanceMin=high")]
    [InlineData("q=%20%20")]
    [InlineData("class=1")]
    public async Task BadFilterIs400(string filter)
    {
        await Problems.AssertAsync(await app.Api().GetAsync($"/api/messages?{filter}"), 400);
    }

    /// <summary>q reads every text in scope (it has no index): across chats it needs a bounded time range.</summary>
    [Theory]
    [InlineData("q=deploy")]
    [InlineData("q=deploy&since=2026-05-01T00:00:00Z")]
    [InlineData("q=deploy&since=2026-03-01T00:00:00Z&until=2026-05-05T00:00:00Z")]
    public async Task TextFilterWithoutAChatOrATimeRangeIs400SayingSo(string filter)
    {
        var problem = await Problems.AssertAsync(await app.Api().GetAsync($"/api/messages?{filter}"), 400);

        Assert.Contains("give a chatId, or since and until at most 31 days apart", problem.Detail(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TextFilterWithinATimeRangeSpansChats()
    {
        var page = await app.Api().GetFromJsonAsync<JsonElement>(
            "/api/messages?q=%D0%B4%D0%B5%D0%BF%D0%BB%D0%BE%D0%B9&since=2026-05-04T00:00:00Z&until=2026-05-05T00:00:00Z");

        Assert.Equal(["-200:1", "-200:5", "-300:1"], page.GetProperty("items").EnumerateArray().Select(m => m.GetProperty("id").GetString()).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task TooLongTextFilterIs400()
    {
        await Problems.AssertAsync(await app.Api().GetAsync($"/api/messages?q={new string('a', 201)}"), 400);
    }

    private static MessageAnalysis Analysis(MessageClass cls, double importance, string[] topics) => new()
    {
        TextHash = "test",
        AnalyzerVersion = "test",
        TopicsVersion = "test",
        Importance = importance,
        Class = cls,
        Factors = [new AnalysisFactor("length", 0.1)],
        Topics = topics.Select(t => new TopicMatch(t, t, 0.5)).ToList(),
        TopicIds = topics,
        EmbeddingVersion = "test",
        AnalyzedAt = Start,
    };
}
