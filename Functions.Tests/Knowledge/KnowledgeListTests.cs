using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Sift.Analysis;
using Sift.Tests.Infrastructure;

namespace Sift.Tests.Knowledge;

public sealed class KnowledgeListTests
{
    [Fact]
    public async Task AtomsFilterByKindTopicAndDatesAndPageWithContinuations()
    {
        await using var app = new SiftApp(settings: Conversation.Settings());
        await Conversation.SaveAsync(app);
        await Conversation.RunAsync(app);
        var api = app.Api();
        var chat = $"/api/atoms?chatId={Conversation.ChatId}";

        var paged = await Conversation.AllAsync(api, $"{chat}&limit=3");
        var actions = await Conversation.AllAsync(api, $"{chat}&kind=ACTION_ITEM");
        var ops = await Conversation.AllAsync(api, $"{chat}&topicId=ops");
        var opsProblems = await Conversation.AllAsync(api, $"{chat}&topicId=ops&kind=problem");
        var early = await Conversation.AllAsync(api, $"{chat}&until={Uri.EscapeDataString(Conversation.Day.AddHours(9).AddMinutes(6).ToString("O"))}");
        var everywhere = await Conversation.AllAsync(api, "/api/atoms");

        Assert.Equal(14, paged.Count);
        Assert.Equal(14, paged.Select(a => a.GetProperty("id").GetString()).Distinct().Count());
        Assert.Equal(paged.Select(a => a.GetProperty("date").GetString()).OrderDescending(StringComparer.Ordinal), paged.Select(a => a.GetProperty("date").GetString()));
        Assert.Equal(4, actions.Count);
        Assert.All(ops, a => Assert.Equal("ops", a.GetProperty("topicId").GetString()));
        Assert.Equal(6, ops.Count); // problems 1 and 12, the solution, the two insights, the Postgres decision
        Assert.Equal(2, opsProblems.Count);
        Assert.Equal(5, early.Count); // atoms whose latest message is before 09:06: messages 1-5
        Assert.Equal(14, everywhere.Count);
        var one = paged[0];
        var fetched = await api.GetFromJsonAsync<JsonElement>($"/api/atoms/{Conversation.ChatId}/{one.GetProperty("id").GetString()}");
        Assert.Equal(one.GetRawText(), fetched.GetRawText());
        Assert.Equal(HttpStatusCode.NotFound, (await api.GetAsync($"/api/atoms/{Conversation.ChatId}/a-nope")).StatusCode);
    }

    [Theory]
    [InlineData("/api/atoms?kind=decisions", "kind must be one of decision, problem, solution, question, insight, action_item")]
    [InlineData("/api/proposals?status=open", "status must be one of pending, approved, rejected")]
    [InlineData("/api/proposals?kind=idea", "kind must be one of decision")]
    [InlineData("/api/atoms?limit=500", "limit must be between 1 and 200")]
    public async Task BadFiltersAre400ListingTheValidValues(string url, string detail)
    {
        await using var app = new SiftApp();

        using var response = await app.Api().GetAsync(url);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(detail, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ProposalsFilterByStatusKindTopicAndWindowAndPageWithContinuations()
    {
        await using var app = new SiftApp();
        var urls = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            urls.Add(await ProposalReviewTests.SeedAsync(app, i % 2 == 0 ? AtomKind.ActionItem : AtomKind.Decision, $"Task number {i} for the team", topic: i < 3 ? "release" : "ops"));
        }

        await ProposalReviewTests.SeedAsync(app, AtomKind.Question, "Who owns the dashboard", topic: "ops");
        await ProposalReviewTests.SeedAsync(app, AtomKind.ActionItem, "Task in another chat", chatId: 2);
        (await app.Api().PostAsync($"{urls[0]}/approve", null)).EnsureSuccessStatusCode();
        var api = app.Api();

        var all = await Conversation.AllAsync(api, "/api/proposals?chatId=1&limit=2");
        var pending = await Conversation.AllAsync(api, "/api/proposals?chatId=1&status=Pending");
        var decisions = await Conversation.AllAsync(api, "/api/proposals?chatId=1&kind=decision");
        var ops = await Conversation.AllAsync(api, "/api/proposals?chatId=1&topicId=ops&status=pending");
        var everywhere = await Conversation.AllAsync(api, "/api/proposals?kind=action_item");
        var proposedSince2000 = await Conversation.AllAsync(api, "/api/proposals?chatId=1&since=2000-01-01T00:00:00Z&until=2999-01-01T00:00:00Z");
        var proposedLater = await Conversation.AllAsync(api, "/api/proposals?chatId=1&since=2999-01-01T00:00:00Z");

        Assert.Equal(5, all.Count); // a question is not proposed
        Assert.Equal(4, pending.Count);
        Assert.Equal(2, decisions.Count);
        Assert.Equal(2, ops.Count);
        Assert.Equal(4, everywhere.Count);
        Assert.Equal(5, proposedSince2000.Count);
        Assert.Empty(proposedLater);
    }
}
