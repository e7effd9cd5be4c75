using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Sift.Security;
using Sift.Storage;
using Sift.Hosting;

namespace Sift.Telegram;

/// <summary>
/// A bot's webhook deliveries as getWebhookInfo last reported them, kept on the bot.
/// <see cref="PendingSince"/> is when a check first saw updates waiting at Telegram (cleared by a
/// check that sees none): Telegram's <c>last_error_date</c> moves on every failed attempt, so it
/// cannot tell how long the oldest update has waited, and Telegram drops updates after 24 h.
/// </summary>
public sealed record WebhookHealth(int PendingUpdateCount, DateTimeOffset? LastErrorDate, string? LastErrorMessage, DateTimeOffset? PendingSince, DateTimeOffset CheckedAt)
{
    public static WebhookHealth Observe(WebhookHealth? previous, TelegramWebhookInfo info, DateTimeOffset now) => new(
        info.PendingUpdateCount, info.LastErrorDate, info.LastErrorMessage,
        info.PendingUpdateCount > 0 ? previous?.PendingSince ?? now : null,
        now);

    /// <summary>Why the webhook is stale (updates have waited at Telegram for <paramref name="staleAfter"/> or longer), or null.</summary>
    public string? Problem(TimeSpan staleAfter, DateTimeOffset now) =>
        PendingSince is { } since && now - since >= staleAfter
            ? $"{PendingUpdateCount} update(s) waiting at Telegram since {since:O}"
                + (LastErrorMessage is { Length: > 0 } error ? $"; last delivery error at {LastErrorDate:O}: {error}" : "")
            : null;
}

/// <summary>Asks Telegram about every bot whose webhook Sift set, and keeps the answer on the bot.</summary>
public sealed partial class WebhookMonitor(BotRegistry bots, TelegramBotApi telegram, SecretProtector secrets, IDocumentStore store, TimeProvider clock, ILogger<WebhookMonitor> logger)
{
    /// <summary>Checks every bot; one bot's failure is logged and does not stop the others.</summary>
    public async Task CheckAllAsync(CancellationToken cancellationToken)
    {
        string? continuation = null;
        do
        {
            var page = await bots.ListAsync(100, continuation, cancellationToken);
            foreach (var bot in page.Items.Where(b => b.WebhookUrl is not null))
            {
                await CheckAsync(bot, cancellationToken);
            }

            continuation = page.Continuation;
        }
        while (continuation is not null);
    }

    private async Task CheckAsync(BotDocument bot, CancellationToken cancellationToken)
    {
        try
        {
            var info = await telegram.GetWebhookInfoAsync(secrets.Unprotect(bot.ProtectedToken, BotRegistry.TokenBinding(bot.Id)), cancellationToken);
            var now = clock.GetUtcNow();
            await store.ModifyAsync<BotDocument>(BotRegistry.Collection, BotRegistry.Partition, BotRegistry.Id(bot.Id),
                current => current is null ? null : current with { Webhook = WebhookHealth.Observe(current.Webhook, info, now) }, cancellationToken);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            // Expected (Telegram unreachable, token revoked): one line, no stack trace. Messages never hold the token.
            LogCheckFailed(logger, bot.Id, LogText.Escape(e.Message));
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook check of bot {BotId} failed: {Reason}")]
    private static partial void LogCheckFailed(ILogger logger, long botId, string reason);
}

/// <summary>Part of <c>/api/health/ready</c>: degraded when any bot's webhook is stale, naming the bot and why.</summary>
internal sealed class WebhookHealthCheck(BotRegistry bots, IOptions<TelegramOptions> options, TimeProvider clock) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        var problems = new List<string>();
        string? continuation = null;
        do
        {
            var page = await bots.ListAsync(100, continuation, cancellationToken);
            problems.AddRange(page.Items
                .Select(bot => (bot, problem: bot.Webhook?.Problem(options.Value.WebhookStaleAfter, now)))
                .Where(b => b.problem is not null)
                .Select(b => $"bot {b.bot.Id} (@{b.bot.Username}): {b.problem}"));
            continuation = page.Continuation;
        }
        while (continuation is not null);

        return problems.Count == 0
            ? HealthCheckResult.Healthy("Telegram holds no stale updates for any bot.")
            : HealthCheckResult.Degraded(string.Join("; ", problems));
    }
}
