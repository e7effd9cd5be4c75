using System.Diagnostics;
using System.Text.Json;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Azure.Functions.Worker;
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
/// which sends it to the poison queue with the reason. Telegram calls it, authenticated by the bot's
/// secret header instead of an API key, so it answers at routing: authentication, authorization and
/// rate limits have nothing to do for it.
/// </summary>
[Tags("Telegram")]
public sealed class TelegramWebhook(BotDirectory bots, IQueueClient queues, IDocumentStore store, TimeProvider clock)
{
    public const string SecretHeader = "X-Telegram-Bot-Api-Secret-Token";
    public const long BodyLimit = 1024 * 1024;

    [Function("ReceiveTelegramUpdate")]
    [EndpointSummary("Receives a Telegram update")]
    [EndpointDescription($"Telegram sends each update here with the bot's webhook secret in {SecretHeader}; it is queued and answered with 200.")]
    [AllowAnonymous]
    [AnswersAtRouting]
    [JsonBody(typeof(JsonElement), Description = "A Telegram Bot API Update object.")]
    [Problems(StatusCodes.Status400BadRequest, StatusCodes.Status401Unauthorized, StatusCodes.Status404NotFound, StatusCodes.Status413PayloadTooLarge)]
    public async Task<Results<Ok, ProblemHttpResult>> AcceptAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/telegram/webhook/{botId}")] HttpRequest request, string botId, CancellationToken cancellationToken)
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
            : JsonSerializer.Serialize(new TelegramUpdateMessage(id, correlationId, now, null, await StorePayloadAsync(update, cancellationToken), "telegram-webhook"), SiftJson.Options);
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

    private async Task<string> StorePayloadAsync(JsonElement update, CancellationToken cancellationToken)
    {
        var id = Guid.NewGuid().ToString("N");
        await store.CreateAsync(UpdatePayload.Collection, id, id, new UpdatePayload(id, update), cancellationToken);
        return id;
    }
}
