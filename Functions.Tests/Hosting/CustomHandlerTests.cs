using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Sift.Hosting;
using Sift.Messages;
using Sift.Storage;
using Sift.Telegram;
using Sift.Tests.Infrastructure;
using static Sift.Tests.Telegram.UpdateSamples;

namespace Sift.Tests.Hosting;

/// <summary>
/// The custom-handler contract: Sift started by the Functions host (FUNCTIONS_CUSTOMHANDLER_PORT set)
/// answers the requests the host builds (<see cref="HostInvocations"/>, copied from the host's source).
/// The queues are SQLite here; the tests play the host, receiving a message and posting its invocation.
/// </summary>
public sealed class CustomHandlerTests : IAsyncLifetime
{
    internal static readonly Dictionary<string, string?> HostSettings = new()
    {
        [FunctionsHost.PortSetting] = "7123",
        ["Ingestion:Schedule"] = "0 */5 * * * *",
        ["Maintenance:Schedule"] = "30 * * * * *",
    };

    private const string EmptyResult = """{"Outputs":{},"Logs":[],"ReturnValue":null}""";
    private readonly Faults faults = new();
    private FakeTelegram telegram = null!;
    private SiftApp app = null!;

    public async Task InitializeAsync()
    {
        telegram = await FakeTelegram.StartAsync();
        app = new SiftApp(telegram, settings: HostSettings)
        {
            ExtraServices = services =>
            {
                faults.Install(services);
            },
        };
    }

    public async Task DisposeAsync()
    {
        await app.DisposeAsync();
        await telegram.DisposeAsync();
    }

    [Fact]
    public async Task TheHostsReadinessProbeOfTheRootAnswers200WithoutAKey()
    {
        using var response = await app.CreateClient().GetAsync(new Uri("/", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task AWebhookUpdateDeliveredByTheHostIsStoredAndVisibleInTheApi()
    {
        var botId = await app.RegisterBotAsync(telegram);
        using var webhook = new HttpRequestMessage(HttpMethod.Post, $"/api/telegram/webhook/{botId}")
        {
            Content = new StringContent(Update("message", Message(""" "text": "hi from the host" """)), Encoding.UTF8, "application/json"),
        };
        webhook.Headers.Add(TelegramWebhook.SecretHeader, app.WebhookSecret(botId));
        Assert.Equal(HttpStatusCode.OK, (await app.CreateClient().SendAsync(webhook)).StatusCode);
        // Still in the queue: nothing in the app receives it under the host.
        var queued = Assert.Single(await app.Get<IQueueClient>().ReceiveAsync(TelegramUpdateMessage.Queue, 10, TimeSpan.FromMinutes(1), default));

        using var response = await app.CreateClient().SendAsync(HostInvocations.Queue("ProcessTelegramUpdate", queued));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(EmptyResult, await response.Content.ReadAsStringAsync());
        var stored = await app.Api().GetFromJsonAsync<JsonElement>("/api/messages/111111111@bot7000000001/42");
        Assert.Equal("hi from the host", stored.GetProperty("text").GetString());
    }

    [Fact]
    public async Task AFailedUpdateAnswers500WithoutAStackTraceAndTheHostsRetrySucceeds()
    {
        await InvokeOkAsync(HostInvocations.Queue("ProcessTelegramUpdate", UpdateMessage(Update("message", Message(""" "text": "first" """)))));
        faults.CrashOnReplace = (_, document) => document is MessageDocument;
        var edit = UpdateMessage(Update("edited_message", Message(""" "edit_date": 1735787100, "text": "second" """), updateId: 900000002));

        using var failed = await app.CreateClient().SendAsync(HostInvocations.Queue("ProcessTelegramUpdate", edit));

        Assert.Equal(HttpStatusCode.InternalServerError, failed.StatusCode);
        Assert.Equal("application/problem+json", failed.Content.Headers.ContentType?.MediaType);
        Assert.DoesNotContain("   at ", await failed.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await InvokeOkAsync(HostInvocations.Queue("ProcessTelegramUpdate", edit, dequeueCount: 2));
        var stored = await app.Api().GetFromJsonAsync<JsonElement>("/api/messages/111111111@bot7000000001/42");
        Assert.Equal("second", stored.GetProperty("text").GetString());
    }

    [Theory]
    [InlineData("malformed update")]
    [InlineData("unreadable")]
    public async Task AMessageThatCanNeverSucceedGoesToThePoisonQueueAndAnswers200SoTheHostDoesNotRetryIt(string kind)
    {
        var body = kind == "unreadable" ? "not a message" : UpdateMessage(Update("message", """{"message_id": 42, "date": 1735787045, "text": "no chat"}"""));

        await InvokeOkAsync(HostInvocations.Queue("ProcessTelegramUpdate", body, id: "m-1"));

        var poisoned = Assert.Single(await app.Get<IQueueClient>().PeekAsync(QueueNames.Poison(TelegramUpdateMessage.Queue), null, 10, default));
        Assert.Equal(body, poisoned.Body);
        var line = Assert.Single(app.Logs, line => line.Contains("ProcessTelegramUpdate: message m-1", StringComparison.Ordinal));
        Assert.Contains("can never succeed", line, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ProcessTelegramUpdate", "not json")]
    [InlineData("ProcessTelegramUpdate", "{}")]
    [InlineData("ProcessTelegramUpdate", """{"Data": {}, "Metadata": {}}""")]
    [InlineData("ProcessTelegramUpdate", """{"Data": {"message": null}}""")]
    [InlineData("ScheduledIngestion", """{"Data": {"message": "\"x\""}}""")]
    [InlineData("Maintenance", "[]")]
    public async Task AMalformedInvocationAnswers400AndChangesNothing(string function, string body)
    {
        using var response = await app.CreateClient().SendAsync(HostInvocations.Raw(function, body));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var queues = app.Get<IQueueClient>();
        Assert.Equal(0, await queues.CountAsync(TelegramUpdateMessage.Queue, default));
        Assert.Equal(0, await queues.CountAsync(QueueNames.Poison(TelegramUpdateMessage.Queue), default));

        Assert.DoesNotContain(app.Logs, line => line.Contains($"{function}: ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task TheScheduledIngestionTimerStartsIngestionOfAnEnabledSource()
    {
        using var created = await app.Api().PostAsJsonAsync("/api/sources", new { type = "feed", name = "Blog", url = "https://example.com/feed.xml", enabled = true });
        var sourceId = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();

        await InvokeOkAsync(HostInvocations.Timer("ScheduledIngestion"));

        using var instance = await app.Api().GetAsync($"/api/orchestrations/ingest-{sourceId}");
        Assert.Equal(HttpStatusCode.OK, instance.StatusCode);
    }

    [Fact]
    public async Task TheMaintenanceTimerRunsAndAnswersTheEmptyResult() => await InvokeOkAsync(HostInvocations.Timer("Maintenance"));

    [Theory]
    [InlineData("ScheduledIngestion")]
    [InlineData("Maintenance")]
    public async Task AFailedTimerAnswers500(string function)
    {
        var client = app.CreateClient();
        faults.CrashOnQuery = collection => collection is Sift.Ingestion.Source.Collection or Sift.Security.RateLimiter.Collection;

        using var response = await client.SendAsync(HostInvocations.Timer(function));

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.True(faults.Fired);
    }

    [Theory]
    [InlineData("Nope")]
    [InlineData("Api")]
    [InlineData("TelegramWebhook")]
    public async Task OnlyQueueAndTimerFunctionsHaveInvocationRoutes(string function)
    {
        using var response = await app.CreateClient().SendAsync(HostInvocations.Queue(function, "{}"));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task HttpFunctionsStillAnswerAtTheirOwnPathsWithTheirOwnChecks()
    {
        Assert.Equal(HttpStatusCode.OK, (await app.CreateClient().GetAsync("/api/health")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateClient().GetAsync("/api/messages")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await app.Api().GetAsync("/api/messages")).StatusCode);
    }

    [Fact]
    public void TheStandaloneRunnerIsNotRegistered() =>
        Assert.DoesNotContain(app.Services.GetServices<Microsoft.Extensions.Hosting.IHostedService>(), service => service is TriggerRunner);

    private static string UpdateMessage(string update) =>
        JsonSerializer.Serialize(new TelegramUpdateMessage(7000000001, "c-1", DateTimeOffset.UnixEpoch, JsonDocument.Parse(update).RootElement, null, "webhook"), SiftJson.Options);

    private async Task InvokeOkAsync(HttpRequestMessage invocation)
    {
        using var response = await app.CreateClient().SendAsync(invocation);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(EmptyResult, await response.Content.ReadAsStringAsync());
    }

}
