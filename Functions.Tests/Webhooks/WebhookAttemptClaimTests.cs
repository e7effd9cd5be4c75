using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Sift.Hosting;
using Sift.Storage;
using Sift.Tests.Infrastructure;
using Sift.Tests.Knowledge;
using Sift.Webhooks;

namespace Sift.Tests.Webhooks;

/// <summary>
/// One send per attempt: copies of one delivery message handled at the same moment, or after the copy that was sending
/// stopped. The test is the only consumer of the queue (triggers off) and runs the DeliverWebhook function itself.
/// </summary>
public sealed class WebhookAttemptClaimTests
{
    private static readonly string[] DigestReadyOnly = ["digest.ready"];
    private readonly ManualClock clock = new(new DateTimeOffset(2026, 3, 11, 9, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task TheSameDeliveryMessageHandledTwiceAtOnceSendsOnce()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var app = App();
        var (webhookId, message) = await PublishAsync(app, receiver.Url);
        var release = receiver.Hold();

        var first = DeliverAsync(app, message);
        var second = DeliverAsync(app, message);
        // The copy that lost the claim finishes while the other is still waiting for the receiver's answer.
        var loser = await Task.WhenAny(first, second).WaitAsync(TimeSpan.FromSeconds(30));
        var inFlight = await LogAsync(app, webhookId);
        release();
        await Task.WhenAll(first, second);

        await loser;
        Assert.Equal("sending", inFlight.Single().GetProperty("outcome").GetString());
        Assert.Single(receiver.Received);
        var log = await LogAsync(app, webhookId);
        Assert.Equal(("succeeded", 200), (log.Single().GetProperty("outcome").GetString(), log.Single().GetProperty("statusCode").GetInt32()));
        // The loser came back for after the claim's lease; by then the attempt is done, and it sends nothing.
        Assert.Equal(1, await app.Get<IQueueClient>().CountAsync(WebhookDeliveryMessage.Queue, default));
        clock.Advance(app.Get<Microsoft.Extensions.Options.IOptions<WebhookOptions>>().Value.ClaimLease);
        await DeliverAsync(app, message);
        Assert.Single(receiver.Received);
        Assert.Single(await LogAsync(app, webhookId));
    }

    [Fact]
    public async Task AnAttemptWhoseSenderStoppedIsSentAgainOnlyOnceItsLeaseEnds()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var app = App();
        var (webhookId, message) = await PublishAsync(app, receiver.Url);
        var release = receiver.Hold();
        using var crash = new CancellationTokenSource();
        var stopped = DeliverAsync(app, message, crash.Token);
        await Eventually.ReturnsAsync(() => Task.FromResult(receiver.Received.Count), count => count == 1, "the first send");

        await crash.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => stopped);
        release();
        await DeliverAsync(app, message);
        var beforeTheLeaseEnds = (receiver.Received.Count, (await LogAsync(app, webhookId)).Single().GetProperty("outcome").GetString());
        clock.Advance(app.Get<Microsoft.Extensions.Options.IOptions<WebhookOptions>>().Value.ClaimLease);
        await DeliverAsync(app, message);

        Assert.Equal((1, "sending"), beforeTheLeaseEnds);
        Assert.Equal(2, receiver.Received.Count);
        Assert.Single(receiver.Received.Select(r => r.Headers["X-Sift-Delivery"]).Distinct());
        var log = await LogAsync(app, webhookId);
        Assert.Equal(("succeeded", 1), (log.Single().GetProperty("outcome").GetString(), log.Single().GetProperty("attempt").GetInt32()));
    }

    private SiftApp App() => new(settings: new Dictionary<string, string?>
    {
        ["Triggers:Enabled"] = "false",
        [WebhookOptions.AllowPrivateAddressesSetting] = "true",
        // The receiver holds its answer for as long as a test needs: no send may time out meanwhile.
        ["Webhooks:RequestTimeout"] = "00:02:00",
    })
    {
        ExtraServices = services => services.AddSingleton<TimeProvider>(clock),
    };

    /// <summary>A webhook for digest.ready and one such event published: its delivery message is the one on the queue.</summary>
    private static async Task<(string WebhookId, string Message)> PublishAsync(SiftApp app, Uri url)
    {
        using var created = await app.Api().PostAsJsonAsync("/api/webhooks", new { url, events = DigestReadyOnly });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var webhookId = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        await app.Get<WebhookEvents>().PublishAsync(WebhookEvent.DigestReady, "-1001/2026-03-10", () => Task.FromResult<object>(new { messages = 3 }), default);
        var queued = await app.Get<IQueueClient>().ReceiveAsync(WebhookDeliveryMessage.Queue, 1, TimeSpan.FromMinutes(5), default);
        await app.Get<IQueueClient>().CompleteAsync(queued.Single(), default);
        return (webhookId, queued.Single().Body);
    }

    private static Task DeliverAsync(SiftApp app, string message, CancellationToken cancellationToken = default) =>
        app.Get<IReadOnlyList<FunctionEntry>>().Single(f => f.Name == nameof(DeliverWebhook)).InvokeAsync(app.Get<IServiceScopeFactory>(), message, cancellationToken);

    private static Task<List<JsonElement>> LogAsync(SiftApp app, string webhookId) => Conversation.AllAsync(app.Api(), $"/api/webhooks/{webhookId}/deliveries");
}
