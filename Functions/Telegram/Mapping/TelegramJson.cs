using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace Sift.Telegram.Mapping;

/// <summary>The Bot API wire format, shared by the update mapper and the Bot API client.</summary>
internal static class TelegramJson
{
    public static JsonSerializerOptions Options { get; } = Create();

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions
        {
            PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
            // Telegram adds fields in every Bot API release; an update must still parse.
            UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip,
            // Optional Bot API parameters are meant to be left out, not sent as null.
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            TypeInfoResolver = new DefaultJsonTypeInfoResolver(),
        };
        // Shared process-wide: nobody may change how Telegram is parsed after start-up.
        options.MakeReadOnly();
        return options;
    }
}
