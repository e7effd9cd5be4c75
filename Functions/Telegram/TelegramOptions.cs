using System.ComponentModel.DataAnnotations;

namespace Sift.Telegram;

/// <summary>Section <c>Telegram</c>.</summary>
public sealed class TelegramOptions : IValidatableObject
{
    public const string Section = "Telegram";

    public Uri ApiBaseUrl { get; set; } = new("https://api.telegram.org");

    /// <summary>Where Telegram can reach this app (https, as Telegram requires); when set, registering a bot also sets its webhook.</summary>
    public string? PublicBaseUrl { get; set; }

    /// <summary>Time allowed for one Bot API call.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// How long Telegram may hold undelivered updates for a bot before <c>/api/health/ready</c>
    /// reports it; well inside the 24 h after which Telegram drops them.
    /// </summary>
    public TimeSpan WebhookStaleAfter { get; set; } = TimeSpan.FromHours(1);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!ApiBaseUrl.IsAbsoluteUri || ApiBaseUrl.Scheme is not ("http" or "https"))
        {
            yield return new ValidationResult("Telegram:ApiBaseUrl must be an absolute http(s) URL.", [nameof(ApiBaseUrl)]);
        }

        if (!string.IsNullOrWhiteSpace(PublicBaseUrl)
            && !(Uri.TryCreate(PublicBaseUrl, UriKind.Absolute, out var url) && url.Scheme == "https"))
        {
            yield return new ValidationResult("Telegram:PublicBaseUrl must be an absolute https URL (Telegram delivers webhooks over https only).", [nameof(PublicBaseUrl)]);
        }

        if (RequestTimeout <= TimeSpan.Zero)
        {
            yield return new ValidationResult("Telegram:RequestTimeout must be positive.", [nameof(RequestTimeout)]);
        }

        if (WebhookStaleAfter <= TimeSpan.Zero || WebhookStaleAfter >= TimeSpan.FromHours(23))
        {
            yield return new ValidationResult("Telegram:WebhookStaleAfter must be positive and under 23 hours (Telegram drops updates after 24).", [nameof(WebhookStaleAfter)]);
        }
    }

    public string? WebhookUrl(long botId) =>
        string.IsNullOrWhiteSpace(PublicBaseUrl) ? null : $"{PublicBaseUrl.TrimEnd('/')}/api/telegram/webhook/{botId}";
}
