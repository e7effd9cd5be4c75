using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Sift.Analysis;
using Sift.Hosting;
using Sift.Storage;
using Sift.Tests.Infrastructure;
using Sift.Tests.Knowledge;
using Sift.Webhooks;

namespace Sift.Tests.Webhooks;

public sealed class WebhookTests
{
    private static readonly string[] ApprovedOnly = ["proposal.approved"];
    private static readonly string[] DigestReadyOnly = ["digest.ready"];

    [Fact]
    public async Task ApprovedProposalReachesTheWebhookSignedWithTheSecretShownOnce()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var app = App();
        var created = await CreateAsync(app, receiver.Url, "proposal.approved");
        var secret = created.GetProperty("secret").GetString()!;
        var url = await ProposalReviewTests.SeedAsync(app, AtomKind.Decision, "We use Postgres for reporting");
        var proposal = await app.Api().GetFromJsonAsync<JsonElement>(url);
        var proposalId = proposal.GetProperty("id").GetString();

        using var approve = await app.Api().PostAsync($"{url}/approve", null);

        approve.EnsureSuccessStatusCode();
        var delivery = await Eventually.ReturnsAsync(() => Task.FromResult(receiver.Received.ToList()), r => r.Count > 0, "the delivery").ContinueWith(t => t.Result.Single());
        var signature = delivery.Headers["X-Sift-Signature"].Split(',').Select(p => p.Split('=', 2)).ToDictionary(p => p[0], p => p[1]);
        var expected = Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"{signature["t"]}.{delivery.Body}")));
        Assert.Equal(expected, signature["v1"]);
        Assert.Equal("proposal.approved", delivery.Headers["X-Sift-Event"]);
        var body = JsonDocument.Parse(delivery.Body).RootElement;
        Assert.Equal("proposal.approved", body.GetProperty("event").GetString());
        Assert.Equal(proposalId, body.GetProperty("data").GetProperty("proposal").GetProperty("id").GetString());
        Assert.Equal("approved", body.GetProperty("data").GetProperty("proposal").GetProperty("status").GetString());
        Assert.Equal(proposal.GetProperty("atomId").GetString(), body.GetProperty("data").GetProperty("atom").GetProperty("id").GetString());
        var listed = await app.Api().GetFromJsonAsync<JsonElement>("/api/webhooks");
        var shown = listed.GetProperty("items").EnumerateArray().Single();
        Assert.Equal(JsonValueKind.Null, shown.GetProperty("secret").ValueKind);
        Assert.Equal(SecretMask(secret), shown.GetProperty("secretMasked").GetString());
        var stored = await app.Get<IDocumentStore>().GetAsync<JsonElement>(WebhookRegistry.Collection, WebhookRegistry.Partition, shown.GetProperty("id").GetString()!, default);
        Assert.DoesNotContain(secret, stored!.Value.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AReceiverFailingTwiceIsTriedThreeTimesWithOneDeliveryIdAndTheLogShowsEachAttempt()
    {
        await using var receiver = await WebhookReceiver.StartAsync(503, 500);
        await using var app = App();
        var webhookId = (await CreateAsync(app, receiver.Url, "proposal.rejected")).GetProperty("id").GetString();
        var url = await ProposalReviewTests.SeedAsync(app, AtomKind.ActionItem, "Prepare the release notes");

        using var reject = await app.Api().PostAsJsonAsync($"{url}/reject", new { reason = "Not ours" });

        reject.EnsureSuccessStatusCode();
        var log = await Eventually.ReturnsAsync(() => Conversation.AllAsync(app.Api(), $"/api/webhooks/{webhookId}/deliveries?limit=2"),
            l => l.Any(a => a.GetProperty("outcome").GetString() == "succeeded"), "a successful attempt");
        Assert.Equal([3, 2, 1], log.Select(a => a.GetProperty("attempt").GetInt32()));
        Assert.Equal([200, 500, 503], log.Select(a => a.GetProperty("statusCode").GetInt32()));
        Assert.Equal(["succeeded", "retrying", "retrying"], log.Select(a => a.GetProperty("outcome").GetString()));
        Assert.Equal("The receiver answered 503 Service Unavailable.", log[2].GetProperty("error").GetString());
        Assert.Single(log.Select(a => a.GetProperty("deliveryId").GetString()).Distinct());
        Assert.Equal(3, receiver.Received.Count);
        Assert.Single(receiver.Received.Select(r => r.Headers["X-Sift-Delivery"]).Distinct());
        Assert.Equal(log[0].GetProperty("deliveryId").GetString(), receiver.Received.First().Headers["X-Sift-Delivery"]);
    }

    [Fact]
    public async Task ARedeliveredAttemptAndARepeatedDecisionNeitherSendNorLogAgain()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var app = App();
        var webhookId = (await CreateAsync(app, receiver.Url, "proposal.approved")).GetProperty("id").GetString()!;
        var url = await ProposalReviewTests.SeedAsync(app, AtomKind.Decision, "We use Postgres for reporting");
        (await app.Api().PostAsync($"{url}/approve", null)).EnsureSuccessStatusCode();
        var first = await Eventually.ReturnsAsync(() => Conversation.AllAsync(app.Api(), $"/api/webhooks/{webhookId}/deliveries"), l => l.Count == 1, "the first attempt");
        var queues = app.Get<IQueueClient>();

        (await app.Api().PostAsync($"{url}/approve", null)).EnsureSuccessStatusCode();
        await queues.SendJsonAsync(WebhookDeliveryMessage.Queue, new WebhookDeliveryMessage(webhookId, first[0].GetProperty("eventId").GetString()!, 1), default);

        await Eventually.ReturnsAsync(() => queues.CountAsync(WebhookDeliveryMessage.Queue, default), depth => depth == 0, "the queue to be empty");
        Assert.Single(await Conversation.AllAsync(app.Api(), $"/api/webhooks/{webhookId}/deliveries"));
        Assert.Single(receiver.Received);
    }

    [Theory]
    [InlineData("https://127.0.0.1/hook")]
    [InlineData("https://10.1.2.3/hook")]
    [InlineData("https://169.254.169.254/latest/meta-data")]
    [InlineData("https://[::1]/hook")]
    [InlineData("https://localhost/hook")]
    [InlineData("http://93.184.216.34/hook")]
    [InlineData("http://127.0.0.1/hook")]
    [InlineData("https://user:pass@93.184.216.34/hook")]
    [InlineData("ftp://93.184.216.34/hook")]
    [InlineData("/relative/hook")]
    public async Task UrlsThatAreNotPublicHttpsAre400AndRegisterNothing(string url)
    {
        await using var app = new SiftApp();

        using var response = await app.Api().PostAsJsonAsync("/api/webhooks", new { url, events = ApprovedOnly });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty("url", out _), problem.GetRawText());
        Assert.Empty((await app.Api().GetFromJsonAsync<JsonElement>("/api/webhooks")).GetProperty("items").EnumerateArray());
    }

    [Theory]
    [InlineData("""{"url": "https://93.184.216.34/hook"}""")]
    [InlineData("""{"url": "https://93.184.216.34/hook", "events": []}""")]
    [InlineData("""{"url": "https://93.184.216.34/hook", "events": ["proposal.created"]}""")]
    [InlineData("""{"url": "https://93.184.216.34/hook", "events": ["digest.ready"], "secret": "mine"}""")]
    [InlineData("""{"events": ["digest.ready"]}""")]
    [InlineData("""["https://93.184.216.34/hook"]""")]
    public async Task BadBodiesAre400AndRegisterNothing(string body)
    {
        await using var app = new SiftApp();

        using var response = await app.Api().PostAsync("/api/webhooks", new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Empty((await app.Api().GetFromJsonAsync<JsonElement>("/api/webhooks")).GetProperty("items").EnumerateArray());
    }

    [Fact]
    public async Task ADeletedWebhookAnswers404AndItsLogIsNotShown()
    {
        await using var app = new SiftApp(settings: new Dictionary<string, string?> { [WebhookOptions.AllowPrivateAddressesSetting] = "true" });
        var id = (await CreateAsync(app, new Uri("http://127.0.0.1:9/hook"), "digest.ready")).GetProperty("id").GetString();

        using var deleted = await app.Api().DeleteAsync($"/api/webhooks/{id}");

        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await app.Api().GetAsync($"/api/webhooks/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await app.Api().GetAsync($"/api/webhooks/{id}/deliveries")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await app.Api().DeleteAsync($"/api/webhooks/{id}")).StatusCode);
    }

    [Fact]
    public async Task OnlyAdminsManageWebhooks()
    {
        await using var app = new SiftApp();
        var created = await (await app.Api().PostAsJsonAsync("/api/keys", new { name = "ops", role = "operator" })).Content.ReadFromJsonAsync<JsonElement>();
        using var operatorClient = app.CreateClient();
        operatorClient.DefaultRequestHeaders.Add("X-Api-Key", created.GetProperty("key").GetString());

        using var create = await operatorClient.PostAsJsonAsync("/api/webhooks", new { url = "https://93.184.216.34/hook", events = DigestReadyOnly });
        using var list = await operatorClient.GetAsync("/api/webhooks");

        Assert.Equal(HttpStatusCode.Forbidden, create.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, list.StatusCode);
        Assert.Empty((await app.Api().GetFromJsonAsync<JsonElement>("/api/webhooks")).GetProperty("items").EnumerateArray());
    }

    /// <summary>Webhooks that may call loopback, retried 50 ms after a first failure.</summary>
    private static SiftApp App() => new(settings: new Dictionary<string, string?>
    {
        [WebhookOptions.AllowPrivateAddressesSetting] = "true",
        ["Webhooks:FirstRetryDelay"] = "00:00:00.050",
    });

    private static async Task<JsonElement> CreateAsync(SiftApp app, Uri url, string @event)
    {
        using var response = await app.Api().PostAsJsonAsync("/api/webhooks", new { url, events = new[] { @event } });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static string SecretMask(string secret) => $"{secret[..4]}…{secret[^4..]}";
}
