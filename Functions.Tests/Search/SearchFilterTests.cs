using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Sift.Messages;
using Sift.Storage;
using Sift.Tests.Api;
using Sift.Tests.Infrastructure;
using Sift.Tests.Knowledge;

namespace Sift.Tests.Search;

/// <summary>
/// Search over a chat stored and analysed through the one save path (<see cref="Conversation"/>):
/// what the analysis found (class, sender, topics) filters it, each hit names its sender and chat,
/// snippets are HTML with only the marks as markup, and pages continue.
/// </summary>
public sealed class SearchFilterTests : IAsyncLifetime
{
    private const long Bob = 1003;
    private readonly SiftApp app = new(settings: Conversation.Settings());

    public async Task InitializeAsync()
    {
        await Conversation.SaveAsync(app);
        await app.Get<MessageStore>().SaveAsync(Conversation.Message(Conversation.ChatId, 40, "mallory", null,
            "<img src=x onerror=alert(document.cookie)> the deploy broke again & nobody <b>noticed</b>"), default);
        await Eventually.ReturnsAsync(() => app.Get<MessageStore>().FindAsync(new ChatKey(Conversation.ChatId, null), 40, default), m => m?.Analysis is not null, "the markup message analysed");
    }

    public async Task DisposeAsync() => await app.DisposeAsync();

    [Fact]
    public async Task AMessagesMarkupComesBackEscapedBesideTheMarks()
    {
        var hit = Assert.Single(await SearchAsync("deploy broke noticed"), h => h.GetProperty("messageId").GetInt64() == 40);

        var snippet = hit.GetProperty("snippet").GetString()!;
        Assert.Contains("&lt;img src=x onerror=alert(document.cookie)&gt;", snippet, StringComparison.Ordinal);
        Assert.Contains("<mark>deploy</mark> <mark>broke</mark>", snippet, StringComparison.Ordinal);
        Assert.Contains("&amp; nobody &lt;b&gt;<mark>noticed</mark>&lt;/b&gt;", snippet, StringComparison.Ordinal);
        Assert.DoesNotContain("<img", snippet, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>", snippet, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SpamAndNoiseAreLeftOutUnlessAsked()
    {
        Assert.DoesNotContain(await SearchAsync("earn week offer"), h => h.GetProperty("messageId").GetInt64() == 23);

        var spam = Assert.Single(await SearchAsync("earn week offer", "&class=spam"));
        Assert.Equal((23, "spam"), (spam.GetProperty("messageId").GetInt64(), spam.GetProperty("class").GetString()));
        Assert.Contains(await SearchAsync("earn week offer", "&class=signal,SPAM"), h => h.GetProperty("messageId").GetInt64() == 23);
        Assert.Contains(await SearchAsync("earn week offer", "&class=noise&class=spam"), h => h.GetProperty("messageId").GetInt64() == 23);
        Assert.All(await SearchAsync("ok lol", "&class=noise"), h => Assert.Equal("noise", h.GetProperty("class").GetString()));
    }

    [Fact]
    public async Task AnUnknownClassIsRefusedNamingTheValidOnes()
    {
        using var response = await app.Api().GetAsync("/api/search?q=deploy&class=signal,ham");

        var problem = await Problems.AssertAsync(response, 400);
        Assert.Contains("high_quality, signal, low_quality, noise, spam", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SenderAndTopicFilterAndEachHitNamesItsSenderAndChat()
    {
        var bobs = await SearchAsync("migration timeout", $"&senderId={Bob}");

        var hit = Assert.Single(bobs);
        Assert.Equal(2, hit.GetProperty("messageId").GetInt64());
        Assert.Equal((Bob, "Bob"), (hit.GetProperty("sender").GetProperty("id").GetInt64(), hit.GetProperty("sender").GetProperty("name").GetString()));
        Assert.Equal("Platform team", hit.GetProperty("chatTitle").GetString());
        Assert.Equal([1L, 2L], (await SearchAsync("migration timeout", "&topicId=ops")).Select(h => h.GetProperty("messageId").GetInt64()).Order());
        Assert.Empty(await SearchAsync("migration timeout", "&topicId=docs"));
    }

    [Fact]
    public async Task PagesContinueWhereTheLastEndedAndTogetherAreTheOneShotRanking()
    {
        const string Query = "the release deploy migration keys guide dashboard logs";
        var oneShot = (await SearchAsync(Query, "&limit=50")).Select(h => h.GetProperty("messageId").GetInt64()).ToList();

        var paged = (await Conversation.AllAsync(app.Api(), $"/api/search?q={Uri.EscapeDataString(Query)}&limit=3")).Select(h => h.GetProperty("messageId").GetInt64()).ToList();

        Assert.True(oneShot.Count > 6, $"{oneShot.Count} hits");
        Assert.Equal(oneShot, paged);
    }

    [Fact]
    public async Task AContinuationFromAnotherQueryOrAlteredIsRefused()
    {
        var first = await app.Api().GetFromJsonAsync<JsonElement>("/api/search?q=release&limit=1");
        var token = first.GetProperty("continuation").GetString()!;

        using var other = await app.Api().GetAsync($"/api/search?q=deploy&limit=1&continuation={Uri.EscapeDataString(token)}");
        using var altered = await app.Api().GetAsync($"/api/search?q=release&limit=1&continuation={Uri.EscapeDataString("A" + token[1..])}");
        using var filtered = await app.Api().GetAsync($"/api/search?q=release&limit=1&class=spam&continuation={Uri.EscapeDataString(token)}");
        using var same = await app.Api().GetAsync($"/api/search?q=release&limit=1&continuation={Uri.EscapeDataString(token)}");

        await Problems.AssertAsync(other, 400);
        await Problems.AssertAsync(altered, 400);
        await Problems.AssertAsync(filtered, 400);
        Assert.Equal(HttpStatusCode.OK, same.StatusCode);
    }

    private async Task<List<JsonElement>> SearchAsync(string q, string more = "")
    {
        using var response = await app.Api().GetAsync($"/api/search?q={Uri.EscapeDataString(q)}&chatId={Conversation.ChatId}{more}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return [.. (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("items").EnumerateArray()];
    }
}
