using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Sift.Storage;
using Sift.Tests.Infrastructure;
using Sift.Tests.Knowledge;
using Sift.Webhooks;

namespace Sift.Tests.Webhooks;

/// <summary>
/// Maintenance deletes stored webhook events and delivery-log entries past <c>Webhooks:Retention</c>, on each store adapter.
/// The documents are written straight into the store, as publishing and delivering write them, because a page of them
/// takes more than the API makes in a test's time.
/// </summary>
public abstract class WebhookRetentionContract
{
    private static readonly DateTimeOffset Start = new(2026, 1, 5, 3, 0, 0, TimeSpan.Zero);
    private static readonly string[] DigestReadyOnly = ["digest.ready"];
    private readonly ManualClock clock = new(Start);

    /// <summary>Settings that put the app's store on the adapter under test.</summary>
    protected abstract Dictionary<string, string?> StoreSettings { get; }

    [Fact]
    public async Task MaintenanceDeletesWhatIsOlderThanTheRetentionPageByPageAndAgainDeletesNothing()
    {
        await using var app = new SiftApp(settings: new Dictionary<string, string?>(StoreSettings) { ["Webhooks:Retention"] = "30.00:00:00" })
        {
            ExtraServices = services => services.AddSingleton<TimeProvider>(clock),
        };
        var webhooks = new[] { await CreateWebhookAsync(app), await CreateWebhookAsync(app) };
        var store = app.Get<IDocumentStore>();
        // More than a page (200) of each, 40 days before the run; one of each 20 days before it.
        await WriteAsync(store, webhooks, events: 205, attemptsPerWebhook: 110);
        clock.Advance(TimeSpan.FromDays(20));
        var kept = await WriteAsync(store, webhooks, events: 1, attemptsPerWebhook: 1);
        clock.Advance(TimeSpan.FromDays(20));

        await app.RunTimerAsync("Maintenance");
        var afterFirst = (await CountAsync(store, WebhookEvents.Collection), await CountAsync(store, WebhookAttemptDocument.Collection));
        await app.RunTimerAsync("Maintenance");

        Assert.Equal((1, 2), afterFirst);
        Assert.Equal((1, 2), (await CountAsync(store, WebhookEvents.Collection), await CountAsync(store, WebhookAttemptDocument.Collection)));
        Assert.NotNull(await store.GetAsync<WebhookEventDocument>(WebhookEvents.Collection, kept, kept, default));
        foreach (var webhook in webhooks)
        {
            var log = await Conversation.AllAsync(app.Api(), $"/api/webhooks/{webhook}/deliveries");
            Assert.Equal(kept, log.Single().GetProperty("eventId").GetString());
        }

        Assert.Equal(2, (await app.Api().GetFromJsonAsync<JsonElement>("/api/webhooks")).GetProperty("items").GetArrayLength());
    }

    /// <returns>The id of the last event written.</returns>
    private async Task<string> WriteAsync(IDocumentStore store, string[] webhooks, int events, int attemptsPerWebhook)
    {
        var now = clock.GetUtcNow();
        var ids = Enumerable.Range(0, events).Select(_ => "ev" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16))).ToList();
        foreach (var id in ids)
        {
            await store.CreateAsync(WebhookEvents.Collection, id, id, new WebhookEventDocument(id, WebhookEvent.DigestReady, now, "{}", true), default);
        }

        foreach (var webhook in webhooks)
        {
            for (var i = 0; i < attemptsPerWebhook; i++)
            {
                var eventId = ids[i % ids.Count];
                var deliveryId = WebhookEvents.DeliveryIdOf(webhook, eventId);
                var id = WebhookAttemptDocument.IdOf(deliveryId, 1);
                await store.CreateAsync(WebhookAttemptDocument.Collection, webhook, id,
                    new WebhookAttemptDocument(id, webhook, deliveryId, eventId, WebhookEvent.DigestReady, 1, now, 200, null, DeliveryOutcome.Succeeded), default);
            }
        }

        return ids[^1];
    }

    private static async Task<string> CreateWebhookAsync(SiftApp app)
    {
        using var response = await app.Api().PostAsJsonAsync("/api/webhooks", new { url = "https://93.184.216.34/hook", events = DigestReadyOnly });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
    }

    private static Task<long> CountAsync(IDocumentStore store, string collection) => store.CountAsync(collection, new DocumentQuery(), default);
}

public sealed class WebhookRetentionOnSqliteTests : WebhookRetentionContract
{
    protected override Dictionary<string, string?> StoreSettings => [];
}

public sealed class WebhookRetentionOnCosmosTests(CosmosEmulator emulator) : WebhookRetentionContract, IClassFixture<CosmosEmulator>
{
    protected override Dictionary<string, string?> StoreSettings => new()
    {
        ["CosmosDb"] = emulator.ConnectionString,
        ["CosmosDb:database"] = $"app{Guid.NewGuid():N}",
        ["Secrets:Key"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
    };
}
