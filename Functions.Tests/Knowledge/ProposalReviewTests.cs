using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Sift.Analysis;
using Sift.Knowledge;
using Sift.Tests.Infrastructure;

namespace Sift.Tests.Knowledge;

public sealed class ProposalReviewTests
{
    [Fact]
    public async Task ApprovingTwiceAnswersTheSameProposalAndRecordsTheReviewersKey()
    {
        await using var app = new SiftApp();
        var (operatorApi, keyId) = await KeyAsync(app, "maria", "operator");
        var url = await SeedAsync(app, AtomKind.ActionItem, "Prepare the release notes");

        using var first = await operatorApi.PostAsync($"{url}/approve", null);
        using var second = await operatorApi.PostAsync($"{url}/approve", null);

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (first.StatusCode, second.StatusCode));
        var approved = await first.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("approved", approved.GetProperty("status").GetString());
        Assert.Equal(("maria", keyId), (approved.GetProperty("reviewedBy").GetProperty("name").GetString(), approved.GetProperty("reviewedBy").GetProperty("keyId").GetString()));
        Assert.Equal(approved.GetRawText(), (await second.Content.ReadFromJsonAsync<JsonElement>()).GetRawText());
    }

    [Fact]
    public async Task AnApprovedProposalCannotBeRejectedNorEdited()
    {
        await using var app = new SiftApp();
        var url = await SeedAsync(app, AtomKind.Decision, "We move the release to Thursday");
        (await app.Api().PostAsync($"{url}/approve", null)).EnsureSuccessStatusCode();

        using var reject = await app.Api().PostAsJsonAsync($"{url}/reject", new { reason = "changed my mind" });
        using var edit = await app.Api().PatchAsJsonAsync(url, new { title = "Something else" });

        Assert.Equal((HttpStatusCode.Conflict, HttpStatusCode.Conflict), (reject.StatusCode, edit.StatusCode));
        Assert.Contains("approved proposal cannot be rejected", await reject.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal("approved", (await app.Api().GetFromJsonAsync<JsonElement>(url)).GetProperty("status").GetString());
    }

    [Fact]
    public async Task ARejectedProposalCannotBeApprovedAndKeepsItsReason()
    {
        await using var app = new SiftApp();
        var url = await SeedAsync(app, AtomKind.ActionItem, "Rotate the staging keys");

        using var reject = await app.Api().PostAsJsonAsync($"{url}/reject", new { reason = "Duplicate of another task" });
        using var approve = await app.Api().PostAsync($"{url}/approve", null);

        Assert.Equal(HttpStatusCode.OK, reject.StatusCode);
        Assert.Equal("Duplicate of another task", (await reject.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("reason").GetString());
        Assert.Equal(HttpStatusCode.Conflict, approve.StatusCode);
    }

    [Fact]
    public async Task AnApprovalKeepsItsReasonAndTheReviewersName()
    {
        await using var app = new SiftApp();
        var (operatorApi, keyId) = await KeyAsync(app, "Maria Lopez", "operator");
        var url = await SeedAsync(app, AtomKind.Decision, "We ship on Thursday");

        using var approve = await operatorApi.PostAsJsonAsync($"{url}/approve", new { reason = "  Agreed in the Monday call\nby the whole team " });
        using var again = await operatorApi.PostAsJsonAsync($"{url}/approve", new { reason = "A second reason" });

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (approve.StatusCode, again.StatusCode));
        var stored = await app.Api().GetFromJsonAsync<JsonElement>(url);
        Assert.Equal(("approved", "Agreed in the Monday call\nby the whole team", "Maria Lopez", keyId),
            (stored.GetProperty("status").GetString(), stored.GetProperty("reason").GetString(),
             stored.GetProperty("reviewedBy").GetProperty("name").GetString(), stored.GetProperty("reviewedBy").GetProperty("keyId").GetString()));
    }

    [Fact]
    public async Task AnApprovalReasonOverTheLimitIs400AndChangesNothing()
    {
        await using var app = new SiftApp();
        var url = await SeedAsync(app, AtomKind.Decision, "We ship on Thursday");

        using var approve = await app.Api().PostAsJsonAsync($"{url}/approve", new { reason = new string('x', 501) });
        using var unknown = await app.Api().PostAsJsonAsync($"{url}/approve", new { reason = "fine", note = "typo" });

        Assert.Equal((HttpStatusCode.BadRequest, HttpStatusCode.BadRequest), (approve.StatusCode, unknown.StatusCode));
        Assert.Equal("application/problem+json", approve.Content.Headers.ContentType?.MediaType);
        Assert.Contains("reason must be at most 500 characters", await approve.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal("pending", (await app.Api().GetFromJsonAsync<JsonElement>(url)).GetProperty("status").GetString());
    }

    [Fact]
    public async Task APendingProposalCanBeEditedStrictly()
    {
        await using var app = new SiftApp();
        var url = await SeedAsync(app, AtomKind.ActionItem, "Prepare the release notes");

        using var edit = await app.Api().PatchAsJsonAsync(url, new { title = "Prepare the release notes for 2.0", owner = "@carol", dueDate = "2026-03-20" });
        using var unknown = await app.Api().PatchAsJsonAsync(url, new { priority = 1 });
        using var immutable = await app.Api().PatchAsJsonAsync(url, new { status = "approved" });
        using var empty = await app.Api().PatchAsJsonAsync(url, new { title = " " });

        Assert.Equal(HttpStatusCode.OK, edit.StatusCode);
        var edited = await edit.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(("Prepare the release notes for 2.0", "@carol", "2026-03-20", "pending"),
            (edited.GetProperty("title").GetString(), edited.GetProperty("owner").GetString(), edited.GetProperty("dueDate").GetString(), edited.GetProperty("status").GetString()));
        Assert.Equal((HttpStatusCode.BadRequest, HttpStatusCode.BadRequest, HttpStatusCode.BadRequest), (unknown.StatusCode, immutable.StatusCode, empty.StatusCode));
        Assert.Contains("The field 'status' cannot be changed.", await immutable.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadersSeeProposalsButCannotReviewThem()
    {
        await using var app = new SiftApp();
        var (reader, _) = await KeyAsync(app, "viewer", "reader");
        var url = await SeedAsync(app, AtomKind.Decision, "We use Postgres for reporting");

        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync(url)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await reader.PostAsync($"{url}/approve", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await app.Api().PostAsync("/api/proposals/1/p-nope/approve", null)).StatusCode);
    }

    /// <summary>Stores one atom the way a run does; returns its proposal's URL.</summary>
    internal static async Task<string> SeedAsync(
        SiftApp app, AtomKind kind, string title, long chatId = 1, string? topic = "release", DateTimeOffset? date = null, IReadOnlyList<long>? cites = null)
    {
        var atom = new CandidateAtom(kind, title, title + ".", 0.9, topic, "@bob", new DateOnly(2026, 3, 13), cites ?? [1], date ?? Conversation.Day.AddHours(9));
        var id = AtomDocument.MakeId(new Sift.Messages.ChatKey(chatId, null), kind, title.ToLowerInvariant());
        await app.Get<KnowledgeStore>().SaveAsync(new Sift.Messages.ChatKey(chatId, null), "seed", [new MergedAtom(id, atom)], default);
        return $"/api/proposals/{chatId}/{ProposalDocument.IdOf(id)}";
    }

    internal static async Task<(HttpClient Client, string KeyId)> KeyAsync(SiftApp app, string name, string role)
    {
        var created = await (await app.Api().PostAsJsonAsync("/api/keys", new { name, role })).Content.ReadFromJsonAsync<JsonElement>();
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", created.GetProperty("key").GetString());
        return (client, created.GetProperty("id").GetString()!);
    }
}
