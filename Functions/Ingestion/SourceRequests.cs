using Sift.Api;

namespace Sift.Ingestion;

/// <summary>Type and name are required; they are nullable so that their absence is reported with the other problems.</summary>
public sealed record CreateSourceRequest([property: System.ComponentModel.DataAnnotations.Required] string? Type, [property: System.ComponentModel.DataAnnotations.Required] string? Name, string? Url, long? BotId, int? IntervalMinutes, bool? Enabled);

/// <summary>Only what can change; a source's type, chat and bot are fixed when it is created.</summary>
[ImmutableFields("type", "chatId", "botId")]
public sealed record UpdateSourceRequest(string? Name, string? Url, int? IntervalMinutes, bool? Enabled);

/// <summary>Request validation: every problem is reported at once, field by field.</summary>
internal static class SourceValidation
{
    public const int MaxNameLength = 200;

    public static SourceType Type(string? type) => type switch
    {
        "feed" => SourceType.Feed,
        "telegram-polling" => SourceType.TelegramPolling,
        "telegram-export" => SourceType.TelegramExport,
        _ => throw new ValidationException("type", "type must be one of feed, telegram-polling, telegram-export."),
    };

    public static void Check(SourceType type, string? name, string? url, long? botId, int? intervalMinutes)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(name) || name.Length > MaxNameLength)
        {
            errors["name"] = [$"name is required, at most {MaxNameLength} characters."];
        }

        if (type == SourceType.Feed && !(Uri.TryCreate(url, UriKind.Absolute, out var feedUrl) && feedUrl.Scheme is "http" or "https"))
        {
            errors["url"] = ["A feed needs an absolute http(s) url."];
        }

        if (type != SourceType.Feed && url is not null)
        {
            errors["url"] = ["Only feeds have a url."];
        }

        if (type == SourceType.TelegramPolling && botId is null)
        {
            errors["botId"] = ["A telegram-polling source needs the botId of a registered bot."];
        }

        if (type != SourceType.TelegramPolling && botId is not null)
        {
            errors["botId"] = ["Only telegram-polling sources have a botId."];
        }

        if (intervalMinutes is < 1 or > 10080)
        {
            errors["intervalMinutes"] = ["intervalMinutes must be between 1 and 10080 (a week)."];
        }

        if (errors.Count > 0)
        {
            throw new ValidationException(errors);
        }
    }

    public static int DefaultInterval(SourceType type) => type switch
    {
        SourceType.TelegramPolling => 1,
        SourceType.Feed => 15,
        _ => 60,
    };
}
