using System.Globalization;
using System.Text.Json;

namespace Sift.Hosting;

/// <summary>
/// A queue or timer invocation as the Functions host posts it to <c>/{FunctionName}</c>, read from
/// the host's source (Azure/azure-functions-host at 89dc438,
/// src/WebJobs.Script/Workers/MessageExtensions/ScriptInvocationContextExtensions.cs, serialized by
/// HttpScriptInvocationContextExtensions.cs with Newtonsoft): <c>{"Data": {binding: value}, "Metadata": {...}}</c>.
/// A string (a queue message: a trigger binds <c>string</c> by default) is passed through
/// <c>JsonConvert.SerializeObject</c>, so the message <c>hello</c> arrives as <c>"\"hello\""</c>;
/// Metadata's <c>Id</c> and <c>PopReceipt</c> likewise, <c>DequeueCount</c> as the text <c>"1"</c>.
/// </summary>
internal sealed record CustomHandlerInvocation(string? Message, long? DequeueCount, string? MessageId)
{
    /// <exception cref="InvalidInvocationException">The body is not an invocation of <paramref name="trigger"/>.</exception>
    public static async Task<CustomHandlerInvocation> ReadAsync(Stream body, FunctionTrigger trigger, CancellationToken cancellationToken)
    {
        JsonDocument document;
        try
        {
            document = await JsonDocument.ParseAsync(body, cancellationToken: cancellationToken);
        }
        catch (JsonException e)
        {
            throw new InvalidInvocationException($"The invocation is not JSON: {e.Message}");
        }

        using (document)
        {
            if (Property(document.RootElement, "Data") is not { ValueKind: JsonValueKind.Object } data)
            {
                throw new InvalidInvocationException("The invocation has no Data object.");
            }

            var binding = trigger is QueueTrigger ? FunctionMetadata.QueueBinding : FunctionMetadata.TimerBinding;
            if (Property(data, binding) is not { ValueKind: not JsonValueKind.Null } value)
            {
                throw new InvalidInvocationException($"The invocation's Data has no '{binding}'.");
            }

            var metadata = Property(document.RootElement, "Metadata");
            return new CustomHandlerInvocation(trigger is QueueTrigger ? Text(value) : null, Count(metadata is { } m ? Property(m, "DequeueCount") : null),
                metadata is { } found && Property(found, "Id") is { } id ? Text(id) : null);
        }
    }

    /// <summary>
    /// The JSON text of a string is unwrapped once, as the host wraps it once. Other shapes are read
    /// defensively: a plain string as itself, an object (a host that bound the message as JSON) as its text.
    /// </summary>
    private static string Text(JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.String)
        {
            return value.GetRawText();
        }

        var text = value.GetString()!;
        try
        {
            return text.StartsWith('"') && JsonSerializer.Deserialize<string>(text) is { } inner ? inner : text;
        }
        catch (JsonException)
        {
            return text;
        }
    }

    private static long? Count(JsonElement? value) => value switch
    {
        { ValueKind: JsonValueKind.Number } number when number.TryGetInt64(out var count) => count,
        { ValueKind: JsonValueKind.String } text when long.TryParse(Text(text), NumberStyles.None, CultureInfo.InvariantCulture, out var count) => count,
        _ => null,
    };

    /// <summary>Newtonsoft writes the names as declared; they are matched case-insensitively all the same.</summary>
    private static JsonElement? Property(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object
            ? element.EnumerateObject().Where(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase)).Select(p => (JsonElement?)p.Value).FirstOrDefault()
            : null;
}

/// <summary>A request to an invocation route that is not an invocation the host would send.</summary>
internal sealed class InvalidInvocationException(string reason) : Exception(reason);
