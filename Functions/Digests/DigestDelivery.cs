using System.ComponentModel;
using Required = System.ComponentModel.DataAnnotations.RequiredAttribute;
using Sift.Api;
using Sift.Messages;
using Sift.Storage;
using Sift.Telegram;

namespace Sift.Digests;

/// <param name="Telegram">Post the digest into the chat through the bot.</param>
/// <param name="Webhook">Publish it as a digest.ready event to the webhooks that want it.</param>
/// <param name="Hour">The UTC hour from which the previous day's digest is delivered, 0-23.</param>
/// <param name="BotId">The bot that posts it; needed for Telegram unless the chat key names the bot (7@bot123456).</param>
public sealed record DigestDeliveryRequest(
    [property: Required] bool? Telegram, [property: Required] bool? Webhook, [property: Required, Description("The UTC hour, 0-23.")] int? Hour, long? BotId = null);

/// <summary>A chat's opt-in to delivered digests; <see cref="Since"/> is when it opted in, and no digest due before it is sent.</summary>
public sealed record DigestDeliveryDocument(ChatKey ChatId, bool Telegram, bool Webhook, int Hour, long? BotId, DateTimeOffset Since, DateTimeOffset UpdatedAt)
{
    public const string Collection = "digest-deliveries";
    public const string Partition = "digest-deliveries";

    /// <summary>The latest day whose digest is due at <paramref name="now"/>: the day before the last time the clock passed <see cref="Hour"/>.</summary>
    public DateOnly DueDay(DateTimeOffset now) => DateOnly.FromDateTime(now.UtcDateTime.AddHours(-Hour)).AddDays(-1);

    public DateTimeOffset DueAt(DateOnly day) => new(day.AddDays(1).ToDateTime(new TimeOnly(Hour, 0)), TimeSpan.Zero);
}

public sealed record DigestDeliveryResponse(ChatKey ChatId, bool Telegram, bool Webhook, int Hour, long? BotId, DateTimeOffset Since, DateTimeOffset UpdatedAt)
{
    public static DigestDeliveryResponse From(DigestDeliveryDocument d) => new(d.ChatId, d.Telegram, d.Webhook, d.Hour, d.BotId, d.Since, d.UpdatedAt);
}

/// <summary>Which chats want their digest delivered, and how.</summary>
public sealed class DigestDeliveries(IDocumentStore store, ChatStatistics chats, BotRegistry bots, TimeProvider clock)
{
    public async Task<DigestDeliveryDocument> SetAsync(ChatKey chat, DigestDeliveryRequest request, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (request.Hour is not (>= 0 and <= 23))
        {
            errors["hour"] = ["hour must be a UTC hour, 0-23."];
        }

        if (request.Telegram is null || request.Webhook is null)
        {
            errors[request.Telegram is null ? "telegram" : "webhook"] = ["telegram and webhook are required: true or false each."];
        }
        else if (request.Telegram != true && request.Webhook != true)
        {
            errors["telegram"] = ["telegram or webhook must be true (to stop delivering the digest, DELETE it)."];
        }

        var botId = request.BotId ?? BotOf(chat);
        if (request.Telegram == true && botId is null)
        {
            errors["botId"] = [$"botId must name the bot that posts into chat {chat} (a bot that is a member of it)."];
        }
        else if (request.Telegram == true && request.BotId is { } named && BotOf(chat) is { } numbering && named != numbering)
        {
            errors["botId"] = [$"chat {chat} is bot {numbering}'s private chat or group: only that bot can post into it."];
        }
        else if (request.Telegram == true && await bots.FindAsync(botId!.Value, cancellationToken) is null)
        {
            errors["botId"] = [$"Bot {botId} is not registered."];
        }

        if (errors.Count > 0)
        {
            throw new ValidationException(errors);
        }

        if ((await chats.ReadAsync(chat, cancellationToken)).Messages == 0)
        {
            throw new NotFoundException($"No messages of chat {chat} are stored.");
        }

        var now = clock.GetUtcNow();
        return (await store.ModifyAsync<DigestDeliveryDocument>(Collection, Partition, chat.ToString(), current =>
            new DigestDeliveryDocument(chat, request.Telegram!.Value, request.Webhook!.Value, request.Hour!.Value, request.Telegram.Value ? botId : null, current?.Since ?? now, now),
            cancellationToken)).Value!;
    }

    public async Task<DigestDeliveryDocument> GetAsync(ChatKey chat, CancellationToken cancellationToken) =>
        (await store.GetAsync<DigestDeliveryDocument>(Collection, Partition, chat.ToString(), cancellationToken))?.Value
        ?? throw new NotFoundException($"Chat {chat} has no digest delivery.");

    public async Task DeleteAsync(ChatKey chat, CancellationToken cancellationToken)
    {
        if (!await store.DeleteAsync(Collection, Partition, chat.ToString(), cancellationToken))
        {
            throw new NotFoundException($"Chat {chat} has no digest delivery.");
        }
    }

    public Task<Page<DigestDeliveryDocument>> ListAsync(string? continuation, CancellationToken cancellationToken) =>
        store.QueryAsync<DigestDeliveryDocument>(Collection, new DocumentQuery { Partition = Partition, Limit = Paging.MaxLimit, Continuation = continuation }, cancellationToken);

    /// <summary>The bot whose private chat or group this is (<c>7@bot123456</c>), else null.</summary>
    private static long? BotOf(ChatKey chat) =>
        chat.Account is { } account && account.StartsWith("bot", StringComparison.Ordinal) && long.TryParse(account.AsSpan(3), System.Globalization.CultureInfo.InvariantCulture, out var id) ? id : null;

    private const string Collection = DigestDeliveryDocument.Collection;
    private const string Partition = DigestDeliveryDocument.Partition;
}
