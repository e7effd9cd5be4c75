using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Sift.Storage;

/// <summary>The one JSON shape of Sift: camelCase, enums as camelCase strings, fixed-width UTC times.</summary>
public static class SiftJson
{
    public static JsonSerializerOptions Options { get; } = Configure(new JsonSerializerOptions(JsonSerializerDefaults.Web));

    /// <summary>Applies Sift's conventions to options owned by someone else (ASP.NET's, for instance).</summary>
    public static JsonSerializerOptions Configure(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        options.DefaultIgnoreCondition = JsonIgnoreCondition.Never;
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false));
        options.Converters.Add(new UtcTimestampConverter());
        return options;
    }
}

/// <summary>
/// Writes times as <c>yyyy-MM-ddTHH:mm:ss.fffZ</c>: ISO-8601 UTC of fixed width, so stored
/// documents sort and page correctly by comparing the strings (SQLite and Cosmos alike).
/// Reads any ISO-8601 time.
/// </summary>
public sealed class UtcTimestampConverter : JsonConverter<DateTimeOffset>
{
    public const string Format = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";

    public static string ToText(DateTimeOffset value) =>
        value.ToUniversalTime().ToString(Format, CultureInfo.InvariantCulture);

    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.GetDateTimeOffset().ToUniversalTime();

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
        writer.WriteStringValue(ToText(value));
}
