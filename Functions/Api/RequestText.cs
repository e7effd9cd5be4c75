using System.Buffers;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace Sift.Api;

/// <summary>A request field of free text that may hold line feeds and tabs (a description, an edited proposal).</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class MultiLineTextAttribute : Attribute;

/// <summary>
/// Every string a request body holds is refused when it carries a control character (CR, ESC,
/// NUL...) or a Unicode line separator: names and ids are one line of text, and a raw control
/// character would end up in logs, terminals and other people's screens. Fields marked
/// <see cref="MultiLineTextAttribute"/> may hold line feeds and tabs, nothing else.
/// </summary>
internal sealed class RequestTextConverter(bool multiLine) : JsonConverter<string>
{
    /// <summary>The message <see cref="BindingErrors"/> recognises; the field comes from the exception's path.</summary>
    public const string Refusal = "sift:control-character";

    public static RequestTextConverter SingleLine { get; } = new(multiLine: false);

    public static RequestTextConverter MultiLine { get; } = new(multiLine: true);

    public override bool HandleNull => false;

    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var text = reader.GetString();
        return text is not null && text.AsSpan().IndexOfAny(multiLine ? RefusedInMultiLine : RefusedInSingleLine) >= 0 ? throw new JsonException(Refusal) : text;
    }

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);

    /// <summary>Marks the fields that may hold several lines (<see cref="MultiLineTextAttribute"/>) on the options' type resolver.</summary>
    public static void AllowMultiLine(JsonTypeInfo type)
    {
        foreach (var property in type.Properties)
        {
            if (property.PropertyType == typeof(string) && property.AttributeProvider?.IsDefined(typeof(MultiLineTextAttribute), inherit: true) == true)
            {
                property.CustomConverter = MultiLine;
            }
        }
    }

    public static string Rule(string field, Type? requestType) =>
        IsMultiLine(field, requestType)
            ? $"{field} may hold line feeds and tabs but no other control characters (CR, ESC, NUL...)."
            : $"{field} may not hold control characters (line breaks, tabs, ESC, NUL...).";

    private static bool IsMultiLine(string field, Type? requestType) =>
        requestType?.GetProperties().FirstOrDefault(p => string.Equals(p.Name, field, StringComparison.OrdinalIgnoreCase))?.IsDefined(typeof(MultiLineTextAttribute), true) == true;

    private static readonly SearchValues<char> RefusedInSingleLine = SearchValues.Create(Refused(""));
    private static readonly SearchValues<char> RefusedInMultiLine = SearchValues.Create(Refused("\n\t"));

    /// <summary>The C0 and C1 controls and DEL (<see cref="char.IsControl(char)"/>), and the Unicode line and paragraph separators, but <paramref name="allowed"/>.</summary>
    private static string Refused(string allowed) =>
        new([.. Enumerable.Range(0, 0xA0).Select(c => (char)c).Where(c => char.IsControl(c) && !allowed.Contains(c)), '\u2028', '\u2029']);
}
