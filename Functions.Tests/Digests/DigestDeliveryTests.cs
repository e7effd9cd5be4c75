using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Sift.Analysis;
using Sift.Digests;
using Sift.Knowledge;
using Sift.Messages;
using Sift.Tests.Infrastructure;
using Sift.Tests.Knowledge;
using Sift.Tests.Webhooks;
using Sift.Webhooks;

namespace Sift.Tests.Digests;

public sealed partial class DigestDeliveryTests
{
    /// <summary>The evening before the day after <see cref="Conversation.Day"/>: the chat opts in before its hour comes.</summary>
    private readonly ManualClock clock = new(Conversation.Day.AddHours(20));
    private static readonly string[] DigestReadyOnly = ["digest.ready"];

    [Fact]
    public async Task AScheduledDigestReachesTheChatOnceAsEscapedHtmlUnder4096Characters()
    {
        await using var telegram = await FakeTelegram.StartAsync();
        await using var app = App(telegram);
        await Conversation.SaveAsync(app);
        await app.Get<MessageStore>().SaveAsync(Conversation.Message(Conversation.ChatId, 30, "<b>mallory</b>", null,
            "Decided: <script>alert('x')</script> & we ship the <i>release</i> by Friday") with { Date = Conversation.Day.AddHours(11) }, default);
        await Conversation.RunAsync(app);
        var botId = await app.RegisterBotAsync(telegram);
        using var set = await app.Api().PutAsJsonAsync($"/api/chats/{Conversation.ChatId}/digest/delivery", new { telegram = true, webhook = false, hour = 8, botId });
        Assert.Equal(HttpStatusCode.OK, set.StatusCode);

        clock.Advance(TimeSpan.FromHours(11)); // 07:00: not yet the chat's hour
        await app.RunTimerAsync("DeliverDigests");
        var early = telegram.CallsOf("sendMessage").Count();
        clock.Advance(TimeSpan.FromHours(1.5));
        await app.RunTimerAsync("DeliverDigests");
        await app.RunTimerAsync("DeliverDigests");

        Assert.Equal(0, early);
        var sent = telegram.CallsOf("sendMessage").Select(c => c.Body!.Value).ToList();
        Assert.NotEmpty(sent);
        Assert.All(sent, m =>
        {
            Assert.Equal(Conversation.ChatId, m.GetProperty("chat_id").GetInt64());
            Assert.Equal("HTML", m.GetProperty("parse_mode").GetString());
            Assert.True(m.GetProperty("text").GetString()!.Length < 4096);
        });
        var text = string.Join("\n", sent.Select(m => m.GetProperty("text").GetString()));
        Assert.StartsWith("<b>Digest of Platform team, 2026-03-10</b>", text, StringComparison.Ordinal);
        Assert.Contains("<b>Decisions</b>", text, StringComparison.Ordinal);
        Assert.Contains("<b>Open action items</b>", text, StringComparison.Ordinal);
        Assert.Contains("<b>Top messages</b>", text, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert('x')&lt;/script&gt; &amp; we ship the &lt;i&gt;release&lt;/i&gt;", text, StringComparison.Ordinal);
        Assert.Contains("<b>&lt;b&gt;mallory&lt;/b&gt;</b>", text, StringComparison.Ordinal);
        Assert.Equal(["b", "i"], Tags().Matches(text).Select(m => m.Groups["name"].Value).Distinct().Order());
        Assert.Matches(@"<i>22 messages \(.*\); \d+ things learned; \d+ proposals wait for review\.</i>$", text);
    }

    [Fact]
    public async Task ADigestReadyEventReachesTheWebhookWithTheDigestAndItsText()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var app = App(null);
        await Conversation.SaveAsync(app, only: 4);
        using var hook = await app.Api().PostAsJsonAsync("/api/webhooks", new { url = receiver.Url, events = DigestReadyOnly });
        Assert.Equal(HttpStatusCode.Created, hook.StatusCode);
        using var set = await app.Api().PutAsJsonAsync($"/api/chats/{Conversation.ChatId}/digest/delivery", new { telegram = false, webhook = true, hour = 6 });
        Assert.Equal(HttpStatusCode.OK, set.StatusCode);

        clock.Advance(TimeSpan.FromHours(10.5));
        await app.RunTimerAsync("DeliverDigests");

        var delivery = (await Eventually.ReturnsAsync(() => Task.FromResult(receiver.Received.ToList()), r => r.Count > 0, "the digest event")).Single();
        var body = JsonDocument.Parse(delivery.Body).RootElement;
        Assert.Equal("digest.ready", body.GetProperty("event").GetString());
        Assert.Equal(4, body.GetProperty("data").GetProperty("digest").GetProperty("messages").GetInt64());
        Assert.StartsWith("<b>Digest of Platform team, 2026-03-10</b>", body.GetProperty("data").GetProperty("html").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"telegram": true, "webhook": false, "hour": 24, "botId": 7000000001}""", "hour")]
    [InlineData("""{"telegram": false, "webhook": false, "hour": 8}""", "telegram")]
    [InlineData("""{"telegram": true, "webhook": false, "hour": 8}""", "botId")]
    [InlineData("""{"telegram": true, "webhook": false, "hour": 8, "botId": 42}""", "botId")]
    [InlineData("""{"telegram": true, "webhook": false, "hour": 8, "botId": 7000000001, "chat": "x"}""", null)]
    [InlineData("""{"webhook": true, "hour": 8}""", null)]
    public async Task BadDeliverySettingsAre400AndChangeNothing(string body, string? field)
    {
        await using var telegram = await FakeTelegram.StartAsync();
        await using var app = App(telegram);
        await Conversation.SaveAsync(app, only: 1);
        await app.RegisterBotAsync(telegram);

        using var response = await app.Api().PutAsync($"/api/chats/{Conversation.ChatId}/digest/delivery", new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        if (field is not null)
        {
            Assert.True((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty(field, out _));
        }

        Assert.Equal(HttpStatusCode.NotFound, (await app.Api().GetAsync($"/api/chats/{Conversation.ChatId}/digest/delivery")).StatusCode);
    }

    [Fact]
    public async Task AChatWithoutMessagesCannotOptIn()
    {
        await using var app = App(null);

        using var response = await app.Api().PutAsJsonAsync("/api/chats/-100999/digest/delivery", new { telegram = false, webhook = true, hour = 8 });

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    /// <summary>Many long decisions full of characters that escaping lengthens: each part stays under the limit and holds whole lines.</summary>
    [Fact]
    public void ALongDigestSplitsAtLineBoundariesIntoPartsUnderTheLimit()
    {
        var atoms = Enumerable.Range(1, DigestText.MaxListed).Select(i => new AtomResponse(
            $"a{i}", new ChatKey(-1, null), AtomKind.Decision, $"Decision {i} <&>", string.Concat(Enumerable.Repeat("<&> ", 100)), 0.9, null, null, null, [i],
            Conversation.Day, "run", Conversation.Day, Conversation.Day)).ToList();
        var digest = new DigestResponse(new ChatKey(-1, null), DateOnly.FromDateTime(Conversation.Day.UtcDateTime), 20, [], new Dictionary<string, long> { ["signal"] = 20 },
            new Dictionary<string, long>(), atoms, []);

        var parts = DigestText.Parts(digest, "Team");

        Assert.True(parts.Count > 1);
        Assert.All(parts, p => Assert.InRange(p.Length, 1, DigestText.MaxPartLength));
        Assert.All(parts, p => Assert.Equal(Regex.Count(p, "<b>"), Regex.Count(p, "</b>")));
        Assert.Equal(DigestText.MaxListed, parts.Sum(p => Regex.Count(p, "• <b>Decision")));
    }

    private SiftApp App(FakeTelegram? telegram) => new(telegram, settings: Conversation.Settings(new() { [WebhookOptions.AllowPrivateAddressesSetting] = "true" }))
    {
        ExtraServices = services => services.AddSingleton<TimeProvider>(clock),
    };

    [GeneratedRegex("</?(?<name>[a-z]+)>")]
    private static partial Regex Tags();
}
