using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Sift.Analysis;
using Sift.Knowledge;
using Sift.Telegram;
using Sift.Tests.Infrastructure;
using Sift.Tests.Knowledge;
using Sift.Tests.Telegram;

namespace Sift.Tests.Events;

/// <summary><c>GET /api/events</c> over HTTP: what happens in Sift reaches an open stream, of one chat or all.</summary>
public sealed class LiveEventTests
{
    private const long BotId = 7000000001;
    private const string PrivateChat = "111111111@bot7000000001";
    private static readonly string[] SignalClasses = ["signal", "high_quality"];

    [Fact]
    public async Task AMessageFromTheWebhookIsStreamedAsStoredThenAnalyzed()
    {
        await using var telegram = await FakeTelegram.StartAsync();
        await using var app = new SiftApp(telegram);
        await app.RegisterBotAsync(telegram, BotId);
        await using var stream = await LiveStream.OpenAsync(app.Api(), $"/api/events?chatId={Uri.EscapeDataString(PrivateChat)}");

        await PostAsync(app, messageId: 5, "Deploy of 2.4 is blocked by the failing migration, please look");

        var stored = LiveStream.Data(await stream.NextAsync(e => LiveStream.Is(e, "message.stored", 5), "message.stored of message 5"));
        var analyzed = LiveStream.Data(await stream.NextAsync(e => LiveStream.Is(e, "message.analyzed", 5), "message.analyzed of message 5"));
        Assert.Equal(PrivateChat, stored.GetProperty("chatId").GetString());
        Assert.Equal(PrivateChat, analyzed.GetProperty("chatId").GetString());
        Assert.True(analyzed.GetProperty("importance").GetDouble() > 0);
        Assert.Contains(analyzed.GetProperty("class").GetString(), SignalClasses);
    }

    [Fact]
    public async Task AChatsStreamLeavesOtherChatsOutAndTheUnfilteredStreamHasBoth()
    {
        await using var app = new SiftApp();
        await using var one = await LiveStream.OpenAsync(app.Api(), "/api/events?chatId=2");
        await using var all = await LiveStream.OpenAsync(app.Api(), "/api/events");
        var messages = app.Get<Sift.Messages.MessageStore>();

        await messages.SaveAsync(Conversation.Message(1, 10, "alice", null, "The first chat's message"), default);
        await messages.SaveAsync(Conversation.Message(2, 20, "bob", null, "The second chat's message"), default);

        var first = await one.NextAsync(e => e.EventType == "message.stored", "a stored message");
        Assert.Equal(("2", 20), (LiveStream.Data(first).GetProperty("chatId").GetString(), LiveStream.Data(first).GetProperty("messageId").GetInt64()));
        await all.NextAsync(e => LiveStream.Is(e, "message.stored", 10), "chat 1's message");
        await all.NextAsync(e => LiveStream.Is(e, "message.stored", 20), "chat 2's message");
    }

    [Fact]
    public async Task AClientThatReconnectsWithTheLastEventIdGetsWhatHappenedWhileItWasAway()
    {
        await using var app = new SiftApp();
        string lastId;
        await using (var stream = await LiveStream.OpenAsync(app.Api(), "/api/events?chatId=3"))
        {
            lastId = stream.Seen[^1].EventId!;
        }

        await app.Get<Sift.Messages.MessageStore>().SaveAsync(Conversation.Message(3, 30, "carol", null, "Sent while nobody listened"), default);
        await using var again = await LiveStream.OpenAsync(app.Api(), "/api/events?chatId=3", lastId);

        await again.NextAsync(e => LiveStream.Is(e, "message.stored", 30), "the message stored while the client was away");
    }

    [Fact]
    public async Task AStreamEndsAfterItsDurationAndSaysHowSoonToReconnect()
    {
        await using var app = new SiftApp(settings: new Dictionary<string, string?> { ["Events:StreamDuration"] = "00:00:10", ["Events:PollInterval"] = "00:00:00.500" });
        await using var stream = await LiveStream.OpenAsync(app.Api(), "/api/events");

        Assert.Equal(TimeSpan.FromMilliseconds(500), stream.ReconnectionInterval);
        Assert.True(await stream.EndsAsync(TimeSpan.FromSeconds(60)));
    }

    [Fact]
    public async Task AKnowledgeRunStreamsItsCompletionItsProposalsAndTheirReview()
    {
        await using var app = new SiftApp(settings: Conversation.Settings());
        await Conversation.SaveAsync(app);
        await using var stream = await LiveStream.OpenAsync(app.Api(), $"/api/events?chatId={Conversation.ChatId}");

        await Conversation.RunAsync(app);

        var progress = LiveStream.Data(await stream.NextAsync(e => e.EventType == "run.progress" && LiveStream.Data(e).GetProperty("run").GetProperty("status").GetString() == "Completed",
            "the run's completion"));
        Assert.Equal(Conversation.InstanceId(), progress.GetProperty("run").GetProperty("instanceId").GetString());
        // The run's proposals are created before it completes.
        var created = LiveStream.Data(stream.Seen.First(e => e.EventType == "proposal.created"));
        var proposalId = created.GetProperty("proposalId").GetString();
        Assert.Equal("pending", created.GetProperty("status").GetString());
        (await app.Api().PostAsync($"/api/proposals/{Conversation.ChatId}/{proposalId}/approve", null)).EnsureSuccessStatusCode();
        var reviewed = LiveStream.Data(await stream.NextAsync(e => e.EventType == "proposal.reviewed", "the review"));
        Assert.Equal((proposalId, "approved"), (reviewed.GetProperty("proposalId").GetString(), reviewed.GetProperty("status").GetString()));
        Assert.Equal(progress.GetProperty("run").GetProperty("output").GetProperty("proposalsCreated").GetInt32(), stream.Seen.Count(e => e.EventType == "proposal.created"));
    }

    [Fact]
    public async Task APersonsLabelIsStreamedAsTheMessagesNewClass()
    {
        await using var app = new SiftApp();
        var messages = app.Get<Sift.Messages.MessageStore>();
        await messages.SaveAsync(Conversation.Message(6, 60, "frank", null, "Cheap followers for your channel, write me"), default);
        await Eventually.ReturnsAsync(() => messages.FindAsync(new Sift.Messages.ChatKey(6, null), 60, default), m => m?.Analysis is not null, "the message analysed");
        await using var stream = await LiveStream.OpenAsync(app.Api(), "/api/events?chatId=6");

        (await app.Api().PutAsJsonAsync("/api/messages/6/60/label", new { @class = "spam" })).EnsureSuccessStatusCode();

        var labelled = LiveStream.Data(await stream.NextAsync(e => LiveStream.Is(e, "message.analyzed", 60), "the labelled message"));
        Assert.Equal("spam", labelled.GetProperty("class").GetString());
    }

    [Fact]
    public async Task BadRequestsForTheStreamAreProblemsAndNoKeyIs401()
    {
        await using var app = new SiftApp();

        using var unknown = await app.Api().GetAsync("/api/events?chat=1");
        using var badChat = await app.Api().GetAsync("/api/events?chatId=general");
        using var badId = await SendAsync(app.Api(), "/api/events", "yesterday");
        using var anonymous = await app.CreateClient().GetAsync("/api/events");

        Assert.Equal((HttpStatusCode.BadRequest, HttpStatusCode.BadRequest, HttpStatusCode.BadRequest, HttpStatusCode.Unauthorized),
            (unknown.StatusCode, badChat.StatusCode, badId.StatusCode, anonymous.StatusCode));
        Assert.Equal("application/problem+json", badId.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Last-Event-ID must be the id of an event", await badId.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private static async Task<HttpResponseMessage> SendAsync(HttpClient client, string url, string lastEventId)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Add("Last-Event-ID", lastEventId);
        return await client.SendAsync(request);
    }

    private static async Task PostAsync(SiftApp app, long messageId, string text)
    {
        using var webhook = app.CreateClient();
        webhook.DefaultRequestHeaders.Add(TelegramWebhook.SecretHeader, app.WebhookSecret(BotId));
        using var posted = await webhook.PostAsync($"/api/telegram/webhook/{BotId}",
            new StringContent(UpdateSamples.Update("message", UpdateSamples.Message($""" "text": {JsonSerializer.Serialize(text)} """, messageId: messageId)), Encoding.UTF8, "application/json"));
        posted.EnsureSuccessStatusCode();
    }
}
