using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using Sift.Api;
using Sift.Security;
using Sift.Storage;

namespace Sift.Telegram;

/// <summary>
/// A registered bot. The token and the webhook secret are stored only encrypted (<see cref="SecretProtector"/>);
/// the secret is random and new at every registration. A bot stored before it had one admits no webhook call until registered again.
/// </summary>
public sealed record BotDocument(
    long Id, string Username, string FirstName, string ProtectedToken, string TokenMasked, string? WebhookUrl, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt,
    WebhookHealth? Webhook = null, string? ProtectedWebhookSecret = null);

/// <summary>The bot's webhook as the last Maintenance check saw it; absent until one has run.</summary>
public sealed record WebhookHealthResponse(int PendingUpdateCount, DateTimeOffset? LastErrorDate, string? LastErrorMessage, DateTimeOffset? PendingSince, DateTimeOffset CheckedAt);

/// <param name="WebhookSecret">Only in the answer to a registration, which made it: the secret Telegram sends with each webhook call (to post an update by hand, or to set the webhook yourself). Never shown again.</param>
public sealed record BotResponse(
    long Id, string Username, string FirstName, string TokenMasked, string? WebhookUrl, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, WebhookHealthResponse? Webhook,
    string? WebhookSecret = null)
{
    public static BotResponse From(BotDocument bot) =>
        new(bot.Id, bot.Username, bot.FirstName, bot.TokenMasked, bot.WebhookUrl, bot.CreatedAt, bot.UpdatedAt,
            bot.Webhook is { } w ? new(w.PendingUpdateCount, w.LastErrorDate, w.LastErrorMessage, w.PendingSince, w.CheckedAt) : null);
}

/// <summary>
/// Registers bots with Telegram and keeps them. Registering a bot again rotates its webhook secret:
/// Telegram is given the new one (setWebhook), then it is stored, and the old one stops working on
/// this instance at once and on every other within <see cref="BotDirectory.KnownFor"/>.
/// </summary>
public sealed partial class BotRegistry(
    IDocumentStore store, TelegramBotApi telegram, SecretProtector secrets, BotDirectory directory, TimeProvider clock, IOptions<TelegramOptions> options)
{
    public const string Collection = "bots";
    public const string Partition = "bots";

    /// <summary>What a bot's token is bound to when encrypted: this bot's document, this field.</summary>
    public static SecretBinding TokenBinding(long botId) => new(Collection, Id(botId), "protectedToken");

    /// <summary>What a bot's webhook secret is bound to when encrypted: this bot's document, this field.</summary>
    public static SecretBinding WebhookSecretBinding(long botId) => new(Collection, Id(botId), "protectedWebhookSecret");

    /// <returns>The bot, whether it was new, and its new webhook secret.</returns>
    public async Task<(BotDocument Bot, bool Created, string WebhookSecret)> RegisterAsync(string? token, CancellationToken cancellationToken)
    {
        if (token is null || TokenFormat().Match(token) is not { Success: true } match
            || !long.TryParse(match.Groups["id"].ValueSpan, CultureInfo.InvariantCulture, out var tokenBotId))
        {
            throw new ValidationException("token", "token must look like '123456789:AA...' (the bot id, a colon and the secret part from @BotFather).");
        }

        var me = await telegram.GetMeAsync(token, cancellationToken);
        if (!me.IsBot || me.Id != tokenBotId)
        {
            throw new ValidationException("token", "Telegram says this token does not belong to a bot with the id it starts with.");
        }

        var webhookUrl = options.Value.WebhookUrl(me.Id);
        var webhookSecret = SecretProtector.NewSecret();
        if (webhookUrl is not null)
        {
            await telegram.SetWebhookAsync(token, webhookUrl, webhookSecret, cancellationToken);
        }

        var now = clock.GetUtcNow();
        var existing = await FindAsync(me.Id, cancellationToken);
        var bot = new BotDocument(me.Id, me.Username ?? "", me.FirstName, secrets.Protect(token, TokenBinding(me.Id)), SecretProtector.Mask(token), webhookUrl,
            existing?.CreatedAt ?? now, now, existing?.Webhook, secrets.Protect(webhookSecret, WebhookSecretBinding(me.Id)));
        await store.UpsertAsync(Collection, Partition, Id(me.Id), bot, cancellationToken);
        directory.Forget(me.Id);
        return (bot, existing is null, webhookSecret);
    }

    public async Task<BotDocument?> FindAsync(long botId, CancellationToken cancellationToken) =>
        (await store.GetAsync<BotDocument>(Collection, Partition, Id(botId), cancellationToken))?.Value;

    public async Task<BotDocument> GetAsync(long botId, CancellationToken cancellationToken) =>
        await FindAsync(botId, cancellationToken) ?? throw new NotFoundException($"Bot {botId} is not registered.");

    public Task<Page<BotDocument>> ListAsync(int limit, string? continuation, CancellationToken cancellationToken) =>
        store.QueryAsync<BotDocument>(Collection, new DocumentQuery { Partition = Partition, Limit = limit, Continuation = continuation }, cancellationToken);

    /// <summary>Removes the webhook at Telegram, then the bot. Its messages stay.</summary>
    public async Task DeleteAsync(long botId, CancellationToken cancellationToken)
    {
        var bot = await GetAsync(botId, cancellationToken);
        try
        {
            await telegram.DeleteWebhookAsync(secrets.Unprotect(bot.ProtectedToken, TokenBinding(bot.Id)), cancellationToken);
        }
        catch (TelegramApiException e) when (e.ErrorCode is 401 or 404)
        {
            // The token was revoked, so no webhook can reach us with it any more.
        }

        await store.DeleteAsync(Collection, Partition, Id(botId), cancellationToken);
        directory.Forget(botId);
    }

    public static string Id(long botId) => botId.ToString(CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^(?<id>\d{1,19}):[A-Za-z0-9_-]{30,64}$")]
    private static partial Regex TokenFormat();
}
