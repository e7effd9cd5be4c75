using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Sift.Api;
using Sift.Telegram.Mapping;

namespace Sift.Telegram;

/// <summary>Telegram refused a call or could not be reached. Messages quote Telegram, never the token.</summary>
public sealed class TelegramApiException(int errorCode, string description, int statusCode, TimeSpan? retryAfter = null)
    : UpstreamException("Telegram " + (statusCode == 502 ? "failed" : "rejected the request"), $"Telegram answered {errorCode}: {description}", statusCode, retryAfter)
{
    /// <summary>Telegram's <c>error_code</c>, or 0 when Telegram could not be reached.</summary>
    public int ErrorCode { get; } = errorCode;

    public static TelegramApiException From(int errorCode, string description, TimeSpan? retryAfter) => errorCode switch
    {
        400 or 401 or 403 or 404 => new(errorCode, description, StatusCodes.Status400BadRequest),
        409 => new(errorCode, description, StatusCodes.Status409Conflict),
        429 => new(errorCode, description, StatusCodes.Status503ServiceUnavailable, retryAfter ?? TimeSpan.FromSeconds(5)),
        _ => new(errorCode, description, StatusCodes.Status502BadGateway),
    };
}

public sealed record TelegramBotUser(long Id, bool IsBot, string FirstName, string? Username);

/// <summary>What getWebhookInfo says about deliveries: updates Telegram still holds, and the last delivery error.</summary>
public sealed record TelegramWebhookInfo(string Url, int PendingUpdateCount, DateTimeOffset? LastErrorDate, string? LastErrorMessage);

/// <summary>
/// The few Bot API methods Sift calls. The token is part of every URL, so this client has no
/// HTTP logging and turns transport errors into messages without the URL.
/// </summary>
public sealed class TelegramBotApi(HttpClient http, IOptions<TelegramOptions> options)
{
    public static readonly IReadOnlyList<string> AllowedUpdates = ["message", "edited_message", "channel_post", "edited_channel_post"];

    public async Task<TelegramBotUser> GetMeAsync(string token, CancellationToken cancellationToken)
    {
        var result = await CallAsync(token, "getMe", null, cancellationToken);
        return new TelegramBotUser(
            result.GetProperty("id").GetInt64(),
            result.TryGetProperty("is_bot", out var isBot) && isBot.GetBoolean(),
            result.TryGetProperty("first_name", out var name) ? name.GetString() ?? "" : "",
            result.TryGetProperty("username", out var username) ? username.GetString() : null);
    }

    public Task SetWebhookAsync(string token, string url, string secretToken, CancellationToken cancellationToken) =>
        CallAsync(token, "setWebhook", new Dictionary<string, object> { ["url"] = url, ["secret_token"] = secretToken, ["allowed_updates"] = AllowedUpdates }, cancellationToken);

    public Task DeleteWebhookAsync(string token, CancellationToken cancellationToken) =>
        CallAsync(token, "deleteWebhook", new Dictionary<string, object>(), cancellationToken);

    /// <summary>Posts <paramref name="html"/> (Telegram's HTML, at most 4,096 characters after entities are parsed) into a chat, without link previews.</summary>
    public Task SendMessageAsync(string token, long chatId, string html, CancellationToken cancellationToken) =>
        CallAsync(token, "sendMessage", new Dictionary<string, object>
        {
            ["chat_id"] = chatId, ["text"] = html, ["parse_mode"] = "HTML", ["link_preview_options"] = new Dictionary<string, object> { ["is_disabled"] = true },
        }, cancellationToken);

    public async Task<TelegramWebhookInfo> GetWebhookInfoAsync(string token, CancellationToken cancellationToken)
    {
        var result = await CallAsync(token, "getWebhookInfo", null, cancellationToken);
        return new TelegramWebhookInfo(
            result.TryGetProperty("url", out var url) ? url.GetString() ?? "" : "",
            result.TryGetProperty("pending_update_count", out var pending) && pending.TryGetInt32(out var count) ? count : 0,
            result.TryGetProperty("last_error_date", out var date) && date.TryGetInt64(out var seconds) ? UnixTime.ToDate(seconds) : null,
            result.TryGetProperty("last_error_message", out var message) ? message.GetString() : null);
    }

    /// <summary>Long-polls for updates from <paramref name="offset"/>; calling with an offset confirms every update before it.</summary>
    public async Task<IReadOnlyList<JsonElement>> GetUpdatesAsync(string token, long? offset, int limit, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var body = new Dictionary<string, object> { ["limit"] = limit, ["timeout"] = (int)timeout.TotalSeconds, ["allowed_updates"] = AllowedUpdates };
        if (offset is { } from)
        {
            body["offset"] = from;
        }

        var result = await CallAsync(token, "getUpdates", body, cancellationToken, timeout);
        return result.ValueKind == JsonValueKind.Array ? [.. result.EnumerateArray()] : [];
    }

    private async Task<JsonElement> CallAsync(string token, string method, object? body, CancellationToken cancellationToken, TimeSpan longPoll = default)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.Value.RequestTimeout + longPoll);
        var url = new Uri(options.Value.ApiBaseUrl, $"/bot{token}/{method}");
        try
        {
            using var response = body is null
                ? await http.GetAsync(url, timeout.Token)
                : await http.PostAsJsonAsync(url, body, timeout.Token);
            using var answer = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(timeout.Token), cancellationToken: timeout.Token);
            var root = answer.RootElement;
            if (root.TryGetProperty("ok", out var ok) && ok.ValueKind == JsonValueKind.True && root.TryGetProperty("result", out var result))
            {
                return result.Clone();
            }

            var code = root.TryGetProperty("error_code", out var c) && c.TryGetInt32(out var n) ? n : (int)response.StatusCode;
            var description = root.TryGetProperty("description", out var d) ? d.GetString() ?? "" : response.ReasonPhrase ?? "";
            var retryAfter = root.TryGetProperty("parameters", out var p) && p.TryGetProperty("retry_after", out var r) && r.TryGetInt32(out var seconds)
                ? TimeSpan.FromSeconds(seconds) : (TimeSpan?)null;
            throw TelegramApiException.From(code, description, retryAfter);
        }
        catch (Exception e) when (e is HttpRequestException or JsonException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            var reason = e switch
            {
                OperationCanceledException => $"no answer within {(options.Value.RequestTimeout + longPoll).TotalSeconds:0} s",
                JsonException => "the answer was not Bot API JSON",
                HttpRequestException { HttpRequestError: var error } => $"the request failed ({error})",
                _ => "the request failed",
            };
            throw new TelegramApiException(0, $"{method}: {reason}", StatusCodes.Status502BadGateway);
        }
    }
}
