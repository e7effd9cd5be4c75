using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Sift.Ingestion.TelegramExport;

/// <summary>Lenient reads of optional export fields, and writes that leave absent values out as the Bot API does.</summary>
internal static class TelegramExportFields
{
    public static string? OptionalString(this JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    /// <summary>Exports write some integers as strings (<c>date_unixtime</c>), so both are accepted.</summary>
    public static long? OptionalInt64(this JsonElement element, string name) =>
        !element.TryGetProperty(name, out var value) ? null
        : value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var number) ? number
        : value.ValueKind == JsonValueKind.String && long.TryParse(value.GetString(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out number) ? number
        : null;

    public static double? OptionalDouble(this JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetDouble() : null;

    public static JsonElement? OptionalProperty(this JsonElement element, string name, JsonValueKind kind) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == kind ? value : null;

    /// <summary>Sets <paramref name="name"/> unless <paramref name="value"/> is null.</summary>
    public static JsonObject With(this JsonObject target, string name, JsonNode? value)
    {
        if (value is not null)
            target[name] = value;
        return target;
    }
}
