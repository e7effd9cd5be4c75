using Sift.Api;
using Sift.Hosting;
using Sift.Messages;
using Sift.Security;
using Sift.Storage;
using Sift.Telegram;
using Sift.Webhooks;

namespace Sift.Digests;

/// <summary>
/// The claim on one chat's digest of one day: whoever creates or takes it over delivers it, and it records how far
/// delivery got (Telegram parts sent, the webhook event published), so a delivery cut short resumes where it
/// stopped and a finished one is never sent again. Partition: the chat; id: the day.
/// </summary>
public sealed record DigestClaimDocument(ChatKey ChatId, DateOnly Date, DateTimeOffset ClaimedAt, int Attempts, int PartsSent, bool Published, bool Done, string? LastError)
{
    public const string Collection = "digest-claims";
}

/// <summary>
/// The digest timer: for each chat that opted in and whose hour has come, delivers the previous day's digest
/// once. A claim left unfinished (a crash, Telegram refusing) is taken over after <see cref="Lease"/>, at most
/// <see cref="MaxAttempts"/> times; a day without messages is claimed and nothing is sent.
/// </summary>
public sealed partial class DeliverDigests(
    IDocumentStore store, DigestDeliveries deliveries, DigestBuilder digests, MessageStore messages, BotRegistry bots, TelegramBotApi telegram,
    SecretProtector secrets, WebhookEvents webhooks, TimeProvider clock, ILogger<DeliverDigests> logger) : ITimerHandler
{
    public static readonly TimeSpan Lease = TimeSpan.FromMinutes(10);
    public const int MaxAttempts = 3;

    public async Task HandleAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        string? continuation = null;
        do
        {
            var page = await deliveries.ListAsync(continuation, cancellationToken);
            foreach (var delivery in page.Items)
            {
                var day = delivery.DueDay(now);
                if (delivery.DueAt(day) < delivery.Since)
                {
                    continue;
                }

                try
                {
                    await DeliverAsync(delivery, day, now, cancellationToken);
                }
                catch (Exception e) when (e is DomainException or UpstreamException)
                {
                    LogFailed(logger, delivery.ChatId, day, e.Message);
                    await ModifyClaimAsync(delivery.ChatId, day, c => c with { LastError = e.Message }, cancellationToken);
                }
            }

            continuation = page.Continuation;
        }
        while (continuation is not null);
    }

    private async Task DeliverAsync(DigestDeliveryDocument delivery, DateOnly day, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var claimed = await store.ModifyAsync<DigestClaimDocument>(DigestClaimDocument.Collection, delivery.ChatId.ToString(), Id(day), claim => claim switch
        {
            null => new DigestClaimDocument(delivery.ChatId, day, now, 1, 0, false, false, null),
            { Done: true } or { Attempts: >= MaxAttempts } => null,
            _ when now - claim.ClaimedAt < Lease => null,
            _ => claim with { ClaimedAt = now, Attempts = claim.Attempts + 1 },
        }, cancellationToken);
        if (claimed.Outcome == ModifyOutcome.Unchanged)
        {
            return;
        }

        var claim = claimed.Value!;
        var digest = await digests.BuildAsync(delivery.ChatId, day, cancellationToken);
        var parts = DigestText.Parts(digest, (await messages.FindChatAsync(delivery.ChatId, cancellationToken))?.Title);
        if (digest.Messages > 0 && delivery.Telegram && delivery.BotId is { } botId)
        {
            var bot = await bots.GetAsync(botId, cancellationToken);
            var token = secrets.Unprotect(bot.ProtectedToken, BotRegistry.TokenBinding(bot.Id));
            for (var part = claim.PartsSent; part < parts.Count; part++)
            {
                await telegram.SendMessageAsync(token, delivery.ChatId.ChatId, parts[part], cancellationToken);
                claim = await ModifyClaimAsync(delivery.ChatId, day, c => c with { PartsSent = Math.Max(c.PartsSent, part + 1) }, cancellationToken);
            }
        }

        if (digest.Messages > 0 && delivery.Webhook && !claim.Published)
        {
            await webhooks.PublishAsync(WebhookEvent.DigestReady, $"{delivery.ChatId}/{Id(day)}",
                () => Task.FromResult<object>(new DigestReady(digest, string.Join("\n", parts))),
                cancellationToken);
            await ModifyClaimAsync(delivery.ChatId, day, c => c with { Published = true }, cancellationToken);
        }

        await ModifyClaimAsync(delivery.ChatId, day, c => c with { Done = true, LastError = null }, cancellationToken);
        LogDelivered(logger, delivery.ChatId, day, digest.Messages);
    }

    private async Task<DigestClaimDocument> ModifyClaimAsync(ChatKey chat, DateOnly day, Func<DigestClaimDocument, DigestClaimDocument> change, CancellationToken cancellationToken) =>
        (await store.ModifyAsync<DigestClaimDocument>(DigestClaimDocument.Collection, chat.ToString(), Id(day), c => c is null ? null : change(c), cancellationToken)).Value!;

    private static string Id(DateOnly day) => day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    [LoggerMessage(Level = LogLevel.Information, Message = "Digest of chat {ChatId} for {Day} delivered ({Messages} messages)")]
    private static partial void LogDelivered(ILogger logger, ChatKey chatId, DateOnly day, long messages);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Digest of chat {ChatId} for {Day} not delivered: {Reason}")]
    private static partial void LogFailed(ILogger logger, ChatKey chatId, DateOnly day, string reason);
}

/// <summary>The data of a digest.ready webhook event: the digest, and its text as Telegram is sent it (HTML, user text escaped).</summary>
public sealed record DigestReady(DigestResponse Digest, string Html);
