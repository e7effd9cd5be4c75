using System.Diagnostics;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Sift.Api;
using Sift.Security;
using Sift.Storage;

namespace Sift.Telegram;

/// <summary>
/// <c>POST /api/telegram/webhook/{botId}</c>: check the bot and its secret (that bot's own, random,
/// rotated at each registration), enqueue the raw update, answer 200 with an empty body. The enqueue
/// is the only I/O (bots and their secrets are cached, <see cref="BotDirectory"/>). An unknown bot and
/// a wrong secret get the same 401, so the webhook does not tell which bot ids exist. The update is
/// not read further here: one from a chat outside Telegram's ranges is refused by the update handler,
/// which sends it to the poison queue with the reason.
/// </summary>
internal static class TelegramWebhook
{
    public const string SecretHeader = "X-Telegram-Bot-Api-Secret-Token";
    public const long BodyLimit = 1024 * 1024;

    public static async Task<Results<Ok, ProblemHttpResult>> AcceptAsync(
        string botId, HttpRequest request, BotDirectory bots, IQueueClient queues, IDocumentStore store, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        // An unknown bot, and one without a secret (stored before secrets were), have an empty secret, which no header matches.
        var secret = long.TryParse(botId, out var id) ? await bots.WebhookSecretAsync(id, cancellationToken) ?? [] : [];
        if (secret.Length == 0 || !SecretProtector.SameSecret(secret, request.Headers[SecretHeader].ToString()))
        {
            return TypedResults.Problem($"The {SecretHeader} header does not match the webhook secret of a bot registered here.", statusCode: StatusCodes.Status401Unauthorized);
        }

        using var body = await RequestBody.ReadAsync(request, BodyLimit, cancellationToken);
        var update = Parse(body.Memory);
        var correlationId = Activity.Current?.TraceId.ToString() ?? Guid.NewGuid().ToString("N");
        var now = clock.GetUtcNow();
        // Measured as queued, not as received: escaping can triple the update's size (non-ASCII text becomes \uXXXX).
        var inline = JsonSerializer.Serialize(new TelegramUpdateMessage(id, correlationId, now, update, null, "telegram-webhook"), SiftJson.Options);
        var message = QueueLimits.Fits(inline)
            ? inline
            : JsonSerializer.Serialize(new TelegramUpdateMessage(id, correlationId, now, null, await StorePayloadAsync(store, update, cancellationToken), "telegram-webhook"), SiftJson.Options);
        await queues.SendAsync(TelegramUpdateMessage.Queue, message, null, cancellationToken);
        return TypedResults.Ok();
    }

    private static JsonElement Parse(ReadOnlyMemory<byte> body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("update_id", out var updateId)
                && updateId.ValueKind == JsonValueKind.Number && updateId.TryGetInt64(out _))
            {
                return document.RootElement.Clone();
            }
        }
        catch (JsonException)
        {
        }

        throw new ValidationException("update_id", "The body must be a JSON Telegram update with an integer update_id.");
    }

    private static async Task<string> StorePayloadAsync(IDocumentStore store, JsonElement update, CancellationToken cancellationToken)
    {
        var id = Guid.NewGuid().ToString("N");
        await store.CreateAsync(UpdatePayload.Collection, id, id, new UpdatePayload(id, update), cancellationToken);
        return id;
    }
}
