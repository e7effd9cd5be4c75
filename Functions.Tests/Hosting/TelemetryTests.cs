using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using System.Net.Http.Json;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Trace;
using Sift.Messages;
using Sift.Telegram;
using Sift.Tests.Infrastructure;
using Sift.Tests.Telegram;

namespace Sift.Tests.Hosting;

public sealed class TelemetryTests : IAsyncLifetime
{
    // Every app in this test process sees every span (listeners are process-wide), so this bot id is used by no other test.
    private const long BotId = 7000004242;
    private readonly List<Activity> spans = [];
    private readonly ConcurrentQueue<string> exported = new();
    private FakeTelegram telegram = null!;
    private WebApplication collector = null!;
    private Uri collectorUrl = null!;

    public async Task InitializeAsync()
    {
        telegram = await FakeTelegram.StartAsync();
        // An OTLP/HTTP collector that takes whatever it is sent.
        (collector, collectorUrl) = await LoopbackServer.StartAsync(app => app.MapPost("/v1/{signal}", (string signal) =>
        {
            exported.Enqueue(signal);
            return Results.Ok();
        }));
    }

    public async Task DisposeAsync()
    {
        await telegram.DisposeAsync();
        await collector.DisposeAsync();
    }

    [Fact]
    public async Task TracesAndMetricsGoToTheOtlpEndpoint()
    {
        await using var app = App();

        (await app.CreateClient().GetAsync("/api/health")).EnsureSuccessStatusCode();

        await Eventually.ReturnsAsync(() => Task.FromResult(exported.ToArray()), signals => signals.Contains("traces") && signals.Contains("metrics"),
            "traces and metrics to reach the collector");
    }

    [Fact]
    public async Task WithoutAnOtlpEndpointNothingIsRecorded()
    {
        await using var app = new SiftApp(telegram) { ExtraServices = RecordSpans };

        (await app.CreateClient().GetAsync("/api/health")).EnsureSuccessStatusCode();

        Assert.Null(app.Services.GetService<TracerProvider>());
        Assert.Empty(Spans());
    }

    [Fact]
    public async Task AWebhookRequestIsTracedAndItsTraceIdReachesTheStoredMessage()
    {
        await using var app = App();
        await app.RegisterBotAsync(telegram, BotId);
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Add(TelegramWebhook.SecretHeader, app.WebhookSecret(BotId));
        var update = UpdateSamples.Update("message", UpdateSamples.Message(""" "text": "traced" """, messageId: 4242));

        using var response = await client.PostAsync($"/api/telegram/webhook/{BotId}", new StringContent(update, Encoding.UTF8, "application/json"));
        response.EnsureSuccessStatusCode();
        var stored = await Eventually.ReturnsAsync(
            () => app.Get<MessageStore>().FindAsync(ChatKey.Numbered(111111111, ChatKey.Bot(BotId)), 4242, default), message => message is not null, "the message is stored");

        // Spans are exported when they end, which may be just after the work they cover is visible.
        var finished = await Eventually.ReturnsAsync(() => Task.FromResult(Spans()),
            all => all.Any(IsWebhookRequest) && all.Any(s => s.Source.Name == "Sift" && s.DisplayName == "ProcessTelegramUpdate"), "both spans end");

        Assert.Equal(Assert.Single(finished, IsWebhookRequest).TraceId.ToHexString(), stored!.CorrelationId);
    }

    [Fact]
    public async Task BotApiSpansDoNotCarryTheToken()
    {
        await using var app = App();
        var token = telegram.AddBot(BotId, "traced_bot");

        (await app.Api().PostAsJsonAsync("/api/bots", new { token })).EnsureSuccessStatusCode();

        // Listeners are process-wide, so tests running alongside add spans too: this test's calls go to its own fake's port.
        var fake = telegram.BaseUrl.GetLeftPart(UriPartial.Authority);
        var getMe = Assert.Single(Spans(), s => s.Kind == ActivityKind.Client && s.GetTagItem("url.full") is string url
            && url.StartsWith(fake, StringComparison.Ordinal) && url.EndsWith("/getMe", StringComparison.Ordinal));
        // The fake Telegram runs in this process, so its own server spans (token in the path) are seen too; Sift's are the rest.
        var sifts = Spans().Where(s => !(s.Kind == ActivityKind.Server && s.GetTagItem("url.path") is string path && path.StartsWith("/bot", StringComparison.Ordinal)));
        Assert.DoesNotContain(sifts, s => s.TagObjects.Any(tag => tag.Value?.ToString()?.Contains(token[^20..], StringComparison.Ordinal) == true));
        Assert.Contains("/bot[redacted]/getMe", (string)getMe.GetTagItem("url.full")!, StringComparison.Ordinal);
    }

    private static bool IsWebhookRequest(Activity span) =>
        span.Kind == ActivityKind.Server && span.GetTagItem("url.path") is "/api/telegram/webhook/7000004242";

    private List<Activity> Spans()
    {
        lock (spans)
        {
            return [.. spans];
        }
    }

    private SiftApp App() => new(telegram, settings: new Dictionary<string, string?>
    {
        ["OTEL_EXPORTER_OTLP_ENDPOINT"] = collectorUrl.GetLeftPart(UriPartial.Authority),
        ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
        ["OTEL_BSP_SCHEDULE_DELAY"] = "100",
        ["OTEL_METRIC_EXPORT_INTERVAL"] = "100",
    })
    {
        ExtraServices = RecordSpans,
    };

    private void RecordSpans(IServiceCollection services) =>
        services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddInMemoryExporter(new LockedList(spans)));

    /// <summary>The exporter adds from the export thread while the test reads.</summary>
    private sealed class LockedList(List<Activity> inner) : ICollection<Activity>
    {
        public int Count { get { lock (inner) { return inner.Count; } } }

        public bool IsReadOnly => false;

        public void Add(Activity item) { lock (inner) { inner.Add(item); } }

        public void Clear() { lock (inner) { inner.Clear(); } }

        public bool Contains(Activity item) { lock (inner) { return inner.Contains(item); } }

        public void CopyTo(Activity[] array, int arrayIndex) { lock (inner) { inner.CopyTo(array, arrayIndex); } }

        public bool Remove(Activity item) { lock (inner) { return inner.Remove(item); } }

        public IEnumerator<Activity> GetEnumerator() => Spans().GetEnumerator();

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();

        private List<Activity> Spans() { lock (inner) { return [.. inner]; } }
    }
}
