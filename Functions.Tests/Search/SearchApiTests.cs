using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Sift.Storage;
using Sift.Tests.Api;
using Sift.Tests.Infrastructure;

namespace Sift.Tests.Search;

public sealed class SearchApiTests : IAsyncLifetime
{
    private readonly SiftApp app = new(settings: new Dictionary<string, string?> { ["Triggers:Enabled"] = "false" });

    public Task InitializeAsync() => SearchCorpus.IndexAsync(app.Get<ISearchIndex>());

    public async Task DisposeAsync() => await app.DisposeAsync();

    [Fact]
    public async Task ExactPhraseRanksItsMessageFirst()
    {
        var results = await SearchAsync("database migration timed out");

        Assert.Equal(1, results[0].MessageId);
        Assert.Contains("<mark>migration</mark>", results[0].Snippet, StringComparison.Ordinal);
        Assert.True(results[0].TextScore > 0);
        Assert.InRange(results[0].VectorScore!.Value, 0.3, 1.0);
    }

    [Fact]
    public async Task ParaphraseSharingWordsRanksTheRightMessageAboveUnrelatedOnes()
    {
        var results = await SearchAsync("production deploy is failing during migrations");

        Assert.Equal(1, results[0].MessageId);
        Assert.All(results.Skip(1), r => Assert.True(r.Score < results[0].Score));
        Assert.DoesNotContain(results.Take(2), r => r.MessageId is 2 or 8);
    }

    [Fact]
    public async Task RussianQueryFindsTheRussianMessage()
    {
        var results = await SearchAsync("упала миграция базы данных");

        Assert.Equal(4, results[0].MessageId);
        Assert.Contains("<mark>базы</mark>", results[0].Snippet, StringComparison.Ordinal);
    }

    [Fact]
    public async Task QueryInOneLanguageFindsAMessageInAnotherThroughASharedTerm()
    {
        var results = await SearchAsync("our kubernetes cluster restarted");

        Assert.Equal(5, results[0].MessageId);
    }

    [Fact]
    public async Task AccentsAndCaseDoNotMatter()
    {
        var results = await SearchAsync("CAFE");

        Assert.Equal(6, results[0].MessageId);
        Assert.Contains("<mark>Café</mark>", results[0].Snippet, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ChatFilterKeepsOnlyThatChatsMessages()
    {
        var results = await SearchAsync("deployment", "&chatId=2");

        Assert.Equal([7L], results.Select(r => r.MessageId));
    }

    [Fact]
    public async Task TimeFilterIncludesSinceAndExcludesUntil()
    {
        var since = SearchCorpus.Start.AddHours(2).ToString("O");
        var until = SearchCorpus.Start.AddHours(4).ToString("O");

        var results = await SearchAsync("the kubernetes reviewing деплой", $"&since={Uri.EscapeDataString(since)}&until={Uri.EscapeDataString(until)}");

        Assert.Equal([3L, 4L], results.Select(r => r.MessageId).Order());
    }

    [Fact]
    public async Task LimitCapsTheNumberOfResults()
    {
        Assert.Equal(2, (await SearchAsync("the deployment review lunch", "&limit=2")).Count);
        Assert.True((await SearchAsync("the deployment review lunch")).Count > 2);
    }

    [Fact]
    public async Task ReindexingANewTextReplacesTheOldEntry()
    {
        await app.Get<ISearchIndex>().IndexAsync(SearchCorpus.Entry(1, 2, 1, "Lunch is cancelled, the sushi bar is closed"), default);

        Assert.DoesNotContain(await SearchAsync("italian"), r => r.MessageId == 2 && r.TextScore is not null);
        var sushi = await SearchAsync("sushi");
        Assert.Equal(2, sushi[0].MessageId);
        Assert.Single(sushi, r => r.MessageId == 2);
    }

    [Fact]
    public async Task MessageMatchedByMeaningOnlyShowsItsOpeningWithoutMarks()
    {
        await app.Get<ISearchIndex>().IndexAsync(SearchCorpus.Entry(3, 30, 1, "Deployments <frozen> & paused"), default);

        // "deployment" is no word of that message; nearly all its trigrams are shared with "deployments".
        var results = await SearchAsync("deployment", "&chatId=3");

        var hit = Assert.Single(results);
        Assert.Null(hit.TextScore);
        Assert.Equal("Deployments &lt;frozen&gt; &amp; paused", hit.Snippet);
    }

    [Fact]
    public async Task ANeighbourByMeaningAloneBelowTheFloorIsLeftOut()
    {
        var index = app.Get<ISearchIndex>();
        await index.IndexAsync(SearchCorpus.Entry(3, 31, 1, "The API holds 1200 rps at p99 40 ms"), default);
        await index.IndexAsync(SearchCorpus.Entry(3, 32, 2, "ok"), default);

        // "ok" is 0.32 from "1200 rps" by one shared hashed bucket, below the floor of 0.35.
        var results = await SearchAsync("1200 rps", "&chatId=3");

        Assert.Equal([31L], results.Select(r => r.MessageId));
    }

    [Theory]
    [InlineData("", "q")]
    [InlineData("?q=%20%20%20", "q")]
    [InlineData("?q=!!!%20???%20...", "q")]
    [InlineData("?q=deploy&limit=0", "limit")]
    [InlineData("?q=deploy&limit=51", "limit")]
    [InlineData("?q=deploy&since=2026-03-02T00:00:00Z&until=2026-03-01T00:00:00Z", "until")]
    public async Task InvalidParameterAnswers400NamingIt(string query, string parameter)
    {
        using var response = await app.Api().GetAsync("/api/search" + query);

        var problem = await Problems.AssertAsync(response, 400);
        Assert.True(problem.GetProperty("errors").TryGetProperty(parameter, out _), problem.ToString());
    }

    [Theory]
    [InlineData("since=yesterday")]
    [InlineData("chatId=abc")]
    [InlineData("limit=ten")]
    public async Task UnreadableParameterAnswers400(string parameter)
    {
        using var response = await app.Api().GetAsync($"/api/search?q=deploy&{parameter}");

        await Problems.AssertAsync(response, 400);
    }

    [Fact]
    public async Task QueryLongerThan500CharactersAnswers400()
    {
        using var response = await app.Api().GetAsync($"/api/search?q={new string('a', 501)}");

        await Problems.AssertAsync(response, 400);
    }

    [Theory]
    [InlineData("\"unbalanced")]
    [InlineData("NEAR(deployment production)")]
    [InlineData("deploy*")]
    [InlineData("deployment AND OR NOT")]
    [InlineData("text:deployment")]
    [InlineData("^deployment")]
    [InlineData("(((deployment")]
    [InlineData("'; DROP TABLE search_entries; --")]
    [InlineData("-deployment +\"\"\"")]
    public async Task SearchSyntaxInTheQueryIsReadAsPlainWords(string q)
    {
        using var response = await app.Api().GetAsync($"/api/search?q={Uri.EscapeDataString(q)}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task SearchNeedsAKey()
    {
        using var response = await app.CreateClient().GetAsync("/api/search?q=deployment");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    private async Task<List<Result>> SearchAsync(string q, string more = "")
    {
        using var response = await app.Api().GetAsync($"/api/search?q={Uri.EscapeDataString(q)}{more}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return body.GetProperty("items").Deserialize<List<Result>>(JsonSerializerOptions.Web)!;
    }

    private sealed record Result(long ChatId, long MessageId, DateTimeOffset Date, double Score, string Snippet, double? TextScore, double? VectorScore);
}
