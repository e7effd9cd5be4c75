using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Sift.Telegram;
using Sift.Tests.Infrastructure;
using Sift.Tests.Knowledge;
using Sift.Tests.Telegram;
using Sift.Tests.Webhooks;
using Sift.Webhooks;

namespace Sift.Tests.Web;

/// <summary>
/// The web app in Debian's Chromium, driven by Playwright (web/e2e, node's test runner) against Sift
/// on a real loopback port: a day of a team chat stored, analysed and run through a knowledge run, one
/// message delivered through the webhook and one poisoned, a source that never ran, and a webhook receiver
/// (on loopback, which Sift may reach here) for the webhooks page to register. One browser test delivers a
/// message through the webhook itself, to see it appear in an open chat. Screenshots are kept in the
/// test output's browser/.
/// </summary>
public sealed class BrowserTests
{
    private const string Chromium = "/usr/bin/chromium";
    private const string WebhookText = """Deploy checklist <img src=x onerror="pwned=1"> is in the wiki""";

    [Fact]
    public async Task APersonSignsInAndUsesEveryPageWithTheKeyboardOnly()
    {
        Assert.True(File.Exists(Chromium), $"The browser tests need Chromium at {Chromium}: apt-get install chromium (.ci/run installs it).");
        await using var telegram = await FakeTelegram.StartAsync();
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var app = new SiftApp(telegram, settings: Conversation.Settings(new() { [WebhookOptions.AllowPrivateAddressesSetting] = "true" }));
        app.UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        app.StartServer();
        await Conversation.SaveAsync(app);
        await Conversation.RunAsync(app);
        await DeliverThroughWebhookAsync(app, telegram);
        (await app.Api().PostAsJsonAsync("/api/sources", new { type = "telegram-export", name = "Team archive" })).EnsureSuccessStatusCode();

        var (exitCode, output) = await RunBrowserTestsAsync(Address(app), app.WebhookSecret(UpdateSamples.BotId), receiver.Url);

        Assert.True(exitCode == 0, output);
        Assert.Contains("# pass 11", output, StringComparison.Ordinal);
        Assert.Equal(["proposal.approved"], receiver.Received.Select(r => r.Headers["X-Sift-Event"]));
    }

    private static async Task DeliverThroughWebhookAsync(SiftApp app, FakeTelegram telegram)
    {
        var botId = await app.RegisterBotAsync(telegram, UpdateSamples.BotId);
        using var webhook = app.CreateClient();
        webhook.DefaultRequestHeaders.Add(TelegramWebhook.SecretHeader, app.WebhookSecret(botId));
        var message = UpdateSamples.Message($"\"text\": {JsonSerializer.Serialize(WebhookText)}", UpdateSamples.SupergroupChat);
        using var delivered = await webhook.PostAsync($"/api/telegram/webhook/{botId}", new StringContent(UpdateSamples.Update("message", message), Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.OK, delivered.StatusCode);
        // A chat id outside Telegram's ranges: accepted, then poisoned at once.
        var stray = UpdateSamples.Message("\"text\": \"from nowhere\"", """{"id": -2000000000000, "title": "Nowhere", "type": "supergroup"}""", messageId: 43);
        using var poisoned = await webhook.PostAsync($"/api/telegram/webhook/{botId}", new StringContent(UpdateSamples.Update("message", stray, 900000002), Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.OK, poisoned.StatusCode);
        await Eventually.ReturnsAsync(() => app.Api().GetFromJsonAsync<JsonElement>("/api/search?q=checklist"),
            found => found.GetProperty("items").GetArrayLength() == 1, "the webhook's message to be searchable");
        await Eventually.ReturnsAsync(() => app.Api().GetFromJsonAsync<JsonElement>("/api/queues"),
            queues => queues.GetProperty("items").EnumerateArray().Any(q => q.GetProperty("poisonDepth").GetInt64() == 1), "the stray update to be poisoned");
    }

    private static string Address(SiftApp app) =>
        app.Get<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();

    /// <param name="webhookSecret">The bot's webhook secret, for the test that delivers a message while a chat is open.</param>
    private static async Task<(int ExitCode, string Output)> RunBrowserTestsAsync(string address, string webhookSecret, Uri webhookReceiver)
    {
        var start = new ProcessStartInfo("node") { WorkingDirectory = RepositoryFiles.PathOf("web"), RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add("--test");
        start.ArgumentList.Add("e2e/");
        start.Environment["SIFT_URL"] = address;
        start.Environment["SIFT_KEY"] = SiftApp.AdminKey;
        start.Environment["SIFT_WEBHOOK"] = $"{address}/api/telegram/webhook/{UpdateSamples.BotId}";
        start.Environment["SIFT_WEBHOOK_SECRET"] = webhookSecret;
        start.Environment["SIFT_WEBHOOK_RECEIVER"] = webhookReceiver.ToString();
        start.Environment["SIFT_OUTPUT"] = Path.Combine(AppContext.BaseDirectory, "browser");
        start.Environment["CHROMIUM"] = Chromium;
        using var node = Process.Start(start)!;
        var stdout = node.StandardOutput.ReadToEndAsync();
        var stderr = node.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        try
        {
            await node.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            node.Kill(entireProcessTree: true);
        }

        return (node.HasExited ? node.ExitCode : -1, await stdout + await stderr);
    }
}
