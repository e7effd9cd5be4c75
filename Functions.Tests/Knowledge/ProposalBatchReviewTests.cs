using System.Net;
using System.Net.Http.Json;
using System.Reflection;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Sift.Analysis;
using Sift.Hosting;
using Sift.Security;
using Sift.Tests.Infrastructure;
using static Sift.Tests.Knowledge.ProposalReviewTests;

namespace Sift.Tests.Knowledge;

public sealed class ProposalBatchReviewTests
{
    [Fact]
    public async Task ABatchAnswersEachItemDecidedConflictOrNotFound()
    {
        await using var app = new SiftApp();
        var (operatorApi, keyId) = await KeyAsync(app, "Maria Lopez", "operator");
        var pending = await SeedAsync(app, AtomKind.ActionItem, "Prepare the release notes");
        var approved = await SeedAsync(app, AtomKind.Decision, "We ship on Thursday");
        var rejected = await SeedAsync(app, AtomKind.ActionItem, "Rotate the staging keys");
        (await app.Api().PostAsync($"{approved}/approve", null)).EnsureSuccessStatusCode();
        (await app.Api().PostAsync($"{rejected}/reject", null)).EnsureSuccessStatusCode();

        using var response = await operatorApi.PostAsJsonAsync("/api/proposals/review", new
        {
            decision = "approve",
            items = new[] { Item(pending), Item(approved), Item(rejected), new { chatId = "1", id = "p-nope" } },
            reason = "Agreed at the planning",
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var items = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(["decided", "decided", "conflict", "notFound"], items.Select(i => i.GetProperty("outcome").GetString()));
        Assert.Equal(["approved", "approved", "rejected"], items.Take(3).Select(i => i.GetProperty("proposal").GetProperty("status").GetString()));
        Assert.Contains("rejected proposal cannot be approved", items[2].GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(JsonValueKind.Null, items[3].GetProperty("proposal").ValueKind);
        var stored = await app.Api().GetFromJsonAsync<JsonElement>(pending);
        Assert.Equal(("approved", "Agreed at the planning", "Maria Lopez", keyId), (stored.GetProperty("status").GetString(), stored.GetProperty("reason").GetString(),
            stored.GetProperty("reviewedBy").GetProperty("name").GetString(), stored.GetProperty("reviewedBy").GetProperty("keyId").GetString()));
        // The approval made before keeps its own (absent) reason: a repeated decision changes nothing.
        Assert.Equal(JsonValueKind.Null, (await app.Api().GetFromJsonAsync<JsonElement>(approved)).GetProperty("reason").ValueKind);
    }

    [Fact]
    public async Task ConcurrentOppositeBatchesGiveEachProposalOneDecision()
    {
        await using var app = new SiftApp();
        var urls = new List<string>();
        for (var i = 0; i < 20; i++)
        {
            urls.Add(await SeedAsync(app, AtomKind.ActionItem, $"Task number {i}"));
        }

        async Task<List<JsonElement>> BatchAsync(string decision)
        {
            using var response = await app.Api().PostAsJsonAsync("/api/proposals/review", new { decision, items = urls.Select(Item) });
            return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("items").EnumerateArray().ToList();
        }

        var answers = await Task.WhenAll(BatchAsync("approve"), BatchAsync("reject"));

        for (var i = 0; i < urls.Count; i++)
        {
            var (approve, reject) = (answers[0][i].GetProperty("outcome").GetString(), answers[1][i].GetProperty("outcome").GetString());
            Assert.True((approve, reject) is ("decided", "conflict") or ("conflict", "decided"), $"{approve}, {reject}");
            var status = (await app.Api().GetFromJsonAsync<JsonElement>(urls[i])).GetProperty("status").GetString();
            Assert.Equal(approve == "decided" ? "approved" : "rejected", status);
        }
    }

    [Theory]
    [InlineData("""{"decision": "maybe", "items": [{"chatId": "1", "id": "ID"}]}""", "decision")]
    [InlineData("""{"items": [{"chatId": "1", "id": "ID"}]}""", "decision")]
    [InlineData("""{"decision": "reject", "items": []}""", "items")]
    [InlineData("""{"decision": "reject"}""", "items")]
    [InlineData("""{"decision": "reject", "items": [{"chatId": "1", "id": "ID"}, {"chatId": "1"}]}""", "items[1]")]
    [InlineData("""{"decision": "reject", "items": [{"chatId": "1", "id": "ID", "status": "approved"}]}""", "status")]
    [InlineData("""{"decision": "reject", "items": [{"chatId": "not a chat", "id": "ID"}]}""", "chatId")]
    [InlineData("""{"decision": "reject", "items": [{"chatId": "1", "id": "ID"}], "reason": "REASON"}""", "reason")]
    [InlineData("""{"decision": "reject", "items": MANY}""", "items")]
    public async Task ABadBatchIs400ProblemAndChangesNothing(string body, string field)
    {
        await using var app = new SiftApp();
        var url = await SeedAsync(app, AtomKind.ActionItem, "Prepare the release notes");
        var item = JsonSerializer.Serialize(Item(url));
        var json = body.Replace("ID", url.Split('/')[^1], StringComparison.Ordinal).Replace("REASON", new string('x', 501), StringComparison.Ordinal)
            .Replace("MANY", "[" + string.Join(",", Enumerable.Repeat(item, 101)) + "]", StringComparison.Ordinal);

        using var response = await app.Api().PostAsync("/api/proposals/review", new StringContent(json, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(field, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal("pending", (await app.Api().GetFromJsonAsync<JsonElement>(url)).GetProperty("status").GetString());
    }

    [Fact]
    public async Task ReadersCannotReviewInABatch()
    {
        await using var app = new SiftApp();
        var (reader, _) = await KeyAsync(app, "viewer", "reader");
        var url = await SeedAsync(app, AtomKind.Decision, "We use Postgres for reporting");

        using var response = await reader.PostAsJsonAsync("/api/proposals/review", new { decision = "approve", items = new[] { Item(url) } });

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("pending", (await app.Api().GetFromJsonAsync<JsonElement>(url)).GetProperty("status").GetString());
    }

    [Fact]
    public async Task ReviewsAreNotWorkForTheRateLimitWhileOtherWritesAre()
    {
        // One window for the whole test: the clock stands still.
        var clock = new ManualClock(Conversation.Day.AddDays(2));
        await using var app = new SiftApp(settings: new Dictionary<string, string?> { ["RateLimits:RequestsPerMinute"] = "600", ["RateLimits:WorkRequestsPerMinute"] = "3" })
        {
            ExtraServices = services => services.AddSingleton<TimeProvider>(clock),
        };
        var urls = new List<string>();
        for (var i = 0; i < 102; i++)
        {
            urls.Add(await SeedAsync(app, AtomKind.ActionItem, $"Task number {i}"));
        }

        var statuses = new List<HttpStatusCode>();
        foreach (var url in urls.Take(100))
        {
            using var approve = await app.Api().PostAsync($"{url}/approve", null);
            statuses.Add(approve.StatusCode);
        }

        using var edit = await app.Api().PatchAsJsonAsync(urls[100], new { owner = "@carol" });
        using var batch = await app.Api().PostAsJsonAsync("/api/proposals/review", new { decision = "reject", items = urls.Skip(100).Select(Item) });
        var writes = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            using var created = await app.Api().PostAsJsonAsync("/api/keys", new { name = $"k{i}", role = "reader" });
            writes.Add(created.StatusCode);
        }

        Assert.All(statuses, status => Assert.Equal(HttpStatusCode.OK, status));
        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (edit.StatusCode, batch.StatusCode));
        Assert.Equal([HttpStatusCode.Created, HttpStatusCode.Created, HttpStatusCode.Created, HttpStatusCode.TooManyRequests], writes);
    }

    /// <summary>Under the Functions host the worker reads the class from the function's method (standalone, the test above shows it).</summary>
    [Fact]
    public async Task TheReviewFunctionsAndNoOthersDeclareTheReviewRateClassOnTheirMethods()
    {
        await using var app = new SiftApp(settings: new Dictionary<string, string?> { ["Triggers:Enabled"] = "false" });

        var declared = app.Get<IReadOnlyList<FunctionEntry>>().Where(f => f.Method.GetCustomAttribute<RateClassAttribute>()?.Class == RateClass.Review).Select(f => f.Name);

        Assert.Equal(["ApproveProposal", "EditProposal", "RejectProposal", "ReviewProposals"], declared.Order());
    }

    private static object Item(string url) => new { chatId = url.Split('/')[^2], id = url.Split('/')[^1] };
}
