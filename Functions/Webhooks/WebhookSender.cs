using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Sift.Api;
using Sift.Hosting;

namespace Sift.Webhooks;

/// <summary>What one attempt came to: the receiver's status code when it answered, and a sentence when it failed.</summary>
public sealed record SendResult(int? StatusCode, string? Error)
{
    public bool Succeeded => Error is null;
}

/// <summary>
/// POSTs an event's body to a webhook, signed: <c>X-Sift-Signature: t={unix seconds},v1={hex HMAC-SHA256 of "{t}.{body}"}</c>
/// keyed with the webhook's secret (its UTF-8 bytes), so a receiver can check who sent it and refuse a replay
/// of an old one. A 2xx answer is success; any other answer, a redirect (never followed), a timeout or a refused
/// address is a failure with a sentence saying which.
/// </summary>
public sealed class WebhookSender(HttpClient http, TimeProvider clock, IOptions<WebhookOptions> options)
{
    public const string SignatureHeader = "X-Sift-Signature";
    public const string EventHeader = "X-Sift-Event";
    public const string DeliveryHeader = "X-Sift-Delivery";

    public async Task<SendResult> SendAsync(WebhookDocument webhook, string secret, WebhookEventDocument @event, string deliveryId, CancellationToken cancellationToken)
    {
        var timestamp = clock.GetUtcNow().ToUnixTimeSeconds();
        using var request = new HttpRequestMessage(HttpMethod.Post, webhook.Url) { Content = new StringContent(@event.Body, Encoding.UTF8, "application/json") };
        request.Headers.Add(SignatureHeader, Signature(secret, timestamp, @event.Body));
        request.Headers.Add(EventHeader, EnumQuery.Name(@event.Event));
        request.Headers.Add(DeliveryHeader, deliveryId);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.Value.RequestTimeout);
        try
        {
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            var code = (int)response.StatusCode;
            return response.IsSuccessStatusCode
                ? new SendResult(code, null)
                : new SendResult(code, code is >= 300 and < 400
                    ? $"The receiver answered {code} (a redirect, which is not followed)."
                    : $"The receiver answered {code} {response.ReasonPhrase}.");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new SendResult(null, $"No answer within {options.Value.RequestTimeout.TotalSeconds:0} s.");
        }
        catch (HttpRequestException e)
        {
            return new SendResult(null, e.InnerException is AddressRefusedException refused
                ? $"The connection was refused: {refused.Message}."
                : $"The request failed ({e.HttpRequestError}).");
        }
    }

    /// <summary>The header value: <c>t=...,v1=...</c>.</summary>
    public static string Signature(string secret, long timestamp, string body)
    {
        var t = timestamp.ToString(CultureInfo.InvariantCulture);
        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"{t}.{body}"));
        return $"t={t},v1={Convert.ToHexStringLower(mac)}";
    }
}
