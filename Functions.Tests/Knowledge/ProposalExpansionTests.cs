using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Sift.Analysis;
using Sift.Messages;
using Sift.Tests.Infrastructure;
using static Sift.Tests.Knowledge.ProposalReviewTests;

namespace Sift.Tests.Knowledge;

public sealed class ProposalExpansionTests
{
    [Fact]
    public async Task ExpandedProposalCarriesItsAtomAndTheFirstTenCitedMessages()
    {
        await using var app = new SiftApp();
        var cites = Conversation.Messages.Where(m => m.Id <= 14).Select(m => m.Id).ToList();
        await SaveMessagesAsync(app, cites);
        var url = await SeedAsync(app, AtomKind.Decision, "We move the release to Thursday", chatId: Conversation.ChatId, cites: cites);

        var proposal = await app.Api().GetFromJsonAsync<JsonElement>($"{url}?expand=atom,messages");
        var listed = (await app.Api().GetFromJsonAsync<JsonElement>($"/api/proposals?chatId={Conversation.ChatId}&expand=messages,atom")).GetProperty("items")[0];

        var atom = proposal.GetProperty("atom");
        Assert.Equal(("We move the release to Thursday", "decision", 0.9, 14), (atom.GetProperty("title").GetString(), atom.GetProperty("kind").GetString(),
            atom.GetProperty("confidence").GetDouble(), atom.GetProperty("sourceMessageIds").GetArrayLength()));
        var messages = proposal.GetProperty("messages").EnumerateArray().ToList();
        Assert.Equal(Enumerable.Range(1, 10).Select(i => (long)i), messages.Select(m => m.GetProperty("messageId").GetInt64()));
        var third = messages[2];
        Assert.Equal(("Carol", "We decided to move the release to Thursday after the demo.", Conversation.Day.AddHours(9).AddMinutes(3)),
            (third.GetProperty("senderName").GetString(), third.GetProperty("text").GetString(), third.GetProperty("date").GetDateTimeOffset()));
        Assert.Equal(proposal.GetRawText(), listed.GetRawText());
    }

    [Fact]
    public async Task WithoutExpandAProposalCarriesOnlyItsAtomsId()
    {
        await using var app = new SiftApp();
        var url = await SeedAsync(app, AtomKind.ActionItem, "Prepare the release notes");

        var plain = await app.Api().GetFromJsonAsync<JsonElement>(url);
        var atomOnly = await app.Api().GetFromJsonAsync<JsonElement>($"{url}?expand=atom");

        Assert.Equal((JsonValueKind.Null, JsonValueKind.Null), (plain.GetProperty("atom").ValueKind, plain.GetProperty("messages").ValueKind));
        Assert.StartsWith("a-", plain.GetProperty("atomId").GetString(), StringComparison.Ordinal);
        Assert.Equal((JsonValueKind.Object, JsonValueKind.Null), (atomOnly.GetProperty("atom").ValueKind, atomOnly.GetProperty("messages").ValueKind));
    }

    [Theory]
    [InlineData("/api/proposals?expand=atoms")]
    [InlineData("/api/proposals?expand=atom,")]
    [InlineData("/api/proposals/1/ID?expand=everything")]
    [InlineData("/api/proposals/1/ID?status=pending")]
    public async Task AnUnknownExpansionIs400(string path)
    {
        await using var app = new SiftApp();
        var url = await SeedAsync(app, AtomKind.ActionItem, "Prepare the release notes");

        using var response = await app.Api().GetAsync(path.Replace("ID", url.Split('/')[^1], StringComparison.Ordinal));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    private static async Task SaveMessagesAsync(SiftApp app, IEnumerable<long> ids)
    {
        var store = app.Get<MessageStore>();
        foreach (var (id, sender, replyTo, text) in Conversation.Messages.Where(m => ids.Contains(m.Id)))
        {
            await store.SaveAsync(Conversation.Message(Conversation.ChatId, id, sender, replyTo, text), default);
        }
    }
}
