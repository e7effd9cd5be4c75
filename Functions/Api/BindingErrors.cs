using System.Globalization;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.Metadata;

namespace Sift.Api;

/// <summary>
/// Turns ASP.NET's binding failures and System.Text.Json's reader errors into sentences for the
/// caller: the parameter or JSON field, and the form it must have, never a CLR type name.
/// </summary>
internal static partial class BindingErrors
{
    /// <remarks>The exception handler has cleared the request's endpoint; its feature still names it.</remarks>
    public static ValidationException Describe(BadHttpRequestException error, HttpContext context, JsonSerializerOptions json)
    {
        if (error.InnerException is JsonException inner)
        {
            return DescribeJson(inner, (context.Features.Get<Microsoft.AspNetCore.Diagnostics.IExceptionHandlerFeature>()?.Endpoint ?? context.GetEndpoint())?.Metadata.GetMetadata<IAcceptsMetadata>()?.RequestType, json);
        }

        if (BindFailure().Match(error.Message) is { Success: true } bind)
        {
            // Query parameters are camelCase, as clients send them.
            var name = JsonNamingPolicy.CamelCase.ConvertName(bind.Groups["name"].Value);
            return new ValidationException(name, $"{name} must be {FormOfTypeName(bind.Groups["type"].Value)} (got '{ProblemTitles.Echo(bind.Groups["value"].Value)}').");
        }

        if (MissingBody().IsMatch(error.Message))
        {
            return new ValidationException("body", "This request needs a JSON object as its body.");
        }

        if (MissingParameter().Match(error.Message) is { Success: true } missing)
        {
            return new ValidationException(missing.Groups["name"].Value, $"{missing.Groups["name"].Value} is required.");
        }

        return new ValidationException("body", "The request could not be read.");
    }

    /// <summary>
    /// A query or route value that does not parse as its parameter's type, named, or null. The
    /// endpoint delegates generated at compile time answer a nullable parameter that does not parse
    /// with a bare 400 instead of an exception; this finds the value the way the delegate read it.
    /// </summary>
    public static ValidationException? DescribeUnparsed(HttpContext context)
    {
        foreach (var parameter in context.GetEndpoint()?.Metadata.GetOrderedMetadata<IParameterBindingMetadata>() ?? [])
        {
            var raw = context.Request.RouteValues.TryGetValue(parameter.Name, out var routed) ? routed?.ToString() : context.Request.Query[parameter.Name].ToString();
            var type = Nullable.GetUnderlyingType(parameter.ParameterInfo.ParameterType) ?? parameter.ParameterInfo.ParameterType;
            if (parameter.HasTryParse && !string.IsNullOrEmpty(raw) && !Parses(raw, type))
            {
                // Query parameters are camelCase, as clients send them.
                var name = JsonNamingPolicy.CamelCase.ConvertName(parameter.Name);
                return new ValidationException(name, $"{name} must be {FormOf(type)} (got '{ProblemTitles.Echo(raw)}').");
            }
        }

        return null;
    }

    /// <summary>Whether the value parses as the delegates parse it; a type not listed here is not second-guessed.</summary>
    private static bool Parses(string raw, Type type) => Type.GetTypeCode(type) switch
    {
        TypeCode.Int32 => int.TryParse(raw, NumberStyles.Integer, CultureInfo.InvariantCulture, out _),
        TypeCode.Int64 => long.TryParse(raw, NumberStyles.Integer, CultureInfo.InvariantCulture, out _),
        TypeCode.Double => double.TryParse(raw, NumberStyles.Float | NumberStyles.AllowThousands, CultureInfo.InvariantCulture, out _),
        TypeCode.Boolean => bool.TryParse(raw, out _),
        TypeCode.DateTime => DateTime.TryParse(raw, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AllowWhiteSpaces, out _),
        _ when type == typeof(DateTimeOffset) => DateTimeOffset.TryParse(raw, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AllowWhiteSpaces, out _),
        _ when type == typeof(Guid) => Guid.TryParse(raw, out _),
        // A type of Sift's own (IParsable): asked, as the delegates ask it.
        _ when type.GetMethod("TryParse", BindingFlags.Public | BindingFlags.Static, [typeof(string), typeof(IFormatProvider), type.MakeByRefType()]) is { } tryParse =>
            (bool)tryParse.Invoke(null, [raw, CultureInfo.InvariantCulture, null])!,
        _ => true,
    };

    public static ValidationException DescribeJson(JsonException error, Type? requestType, JsonSerializerOptions json)
    {
        var path = error.Path is { Length: > 2 } p && p.StartsWith("$.", StringComparison.Ordinal) ? p[2..] : null;
        if (error.Message.Contains("could not be mapped to any .NET member", StringComparison.Ordinal) && QuotedName().Match(error.Message) is { Success: true } unmapped)
        {
            var name = unmapped.Groups["name"].Value;
            return requestType?.GetCustomAttribute<ImmutableFieldsAttribute>()?.Names.Contains(name) == true
                ? new ValidationException(name, $"The field '{name}' cannot be changed.")
                : new ValidationException(ProblemTitles.Echo(name), $"Unknown field '{ProblemTitles.Echo(name)}'.");
        }

        if (error.Message == RequestTextConverter.Refusal)
        {
            var field = ProblemTitles.Echo(path ?? "body");
            return new ValidationException(field, RequestTextConverter.Rule(field, requestType));
        }

        if (error.Message == RequestTimeConverter.Refusal)
        {
            var field = ProblemTitles.Echo(path ?? "body");
            return new ValidationException(field, RequestTimes.Rule(field));
        }

        if (error.Message.StartsWith("Duplicate", StringComparison.Ordinal))
        {
            var name = path ?? (QuotedName().Match(error.Message) is { Success: true } d ? d.Groups["name"].Value : "body");
            return new ValidationException(ProblemTitles.Echo(name), $"The field '{ProblemTitles.Echo(name)}' appears more than once.");
        }

        if (error.Message.Contains("could not be converted", StringComparison.Ordinal))
        {
            if (path is null)
            {
                return new ValidationException("body", "The body must be a JSON object.");
            }

            var type = PropertyType(requestType, path, json);
            return new ValidationException(ProblemTitles.Echo(path),
                type is null ? $"{ProblemTitles.Echo(path)} has the wrong form." : $"{ProblemTitles.Echo(path)} must be {FormOf(type)}.");
        }

        // A syntax error: the reader's own message may quote the input, so only its position is told.
        return new ValidationException("body", $"The body is not valid JSON (line {(error.LineNumber ?? 0) + 1}, byte {(error.BytePositionInLine ?? 0) + 1}).");
    }

    /// <summary>The declared type of a (possibly nested) property of the request, found by its JSON path.</summary>
    private static Type? PropertyType(Type? type, string path, JsonSerializerOptions json)
    {
        foreach (var segment in path.Split('.'))
        {
            if (type is null || json.GetTypeInfo(type) is not { Kind: JsonTypeInfoKind.Object } info)
            {
                return null;
            }

            type = info.Properties.FirstOrDefault(p => p.Name == segment)?.PropertyType;
        }

        return type;
    }

    /// <summary>The form a value of <paramref name="type"/> must have, in words.</summary>
    public static string FormOf(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (type.IsEnum)
        {
            return "a string";
        }

        if (type.GetCustomAttribute<System.ComponentModel.DescriptionAttribute>() is { } described)
        {
            return described.Description;
        }

        return Type.GetTypeCode(type) switch
        {
            TypeCode.Int16 or TypeCode.Int32 or TypeCode.Int64 or TypeCode.UInt16 or TypeCode.UInt32 or TypeCode.UInt64 or TypeCode.Byte => "a whole number",
            TypeCode.Single or TypeCode.Double or TypeCode.Decimal => "a number",
            TypeCode.Boolean => "true or false",
            TypeCode.String => "a string",
            TypeCode.DateTime => "an ISO-8601 time",
            _ when type == typeof(DateTimeOffset) => "an ISO-8601 time",
            _ when type != typeof(string) && typeof(System.Collections.IEnumerable).IsAssignableFrom(type) => "a JSON array",
            _ => "a JSON object",
        };
    }

    /// <summary>ASP.NET names a parameter's type by its short name (<c>Nullable&lt;int&gt;</c>, <c>DateTimeOffset</c>).</summary>
    private static string FormOfTypeName(string typeName) => NullableName().Replace(typeName, "$1") switch
    {
        "int" or "long" or "short" or "uint" or "ulong" => "a whole number",
        "double" or "float" or "decimal" => "a number",
        "bool" => "true or false",
        "DateTimeOffset" or "DateTime" => "an ISO-8601 time",
        "Guid" => "a GUID",
        _ => "a valid value",
    };

    [GeneratedRegex("""^Failed to bind parameter "(?<type>.+) (?<name>[^ "]+)" from "(?<value>.*)"\.$""", RegexOptions.Singleline)]
    private static partial Regex BindFailure();

    [GeneratedRegex("^Implicit body inferred|was not provided from body|^Failed to read parameter .* from the request body", RegexOptions.Singleline)]
    private static partial Regex MissingBody();

    [GeneratedRegex("""^Required parameter "(?<type>.+) (?<name>[^ "]+)" was not provided""")]
    private static partial Regex MissingParameter();

    [GeneratedRegex("^Nullable<(.+)>$")]
    private static partial Regex NullableName();

    [GeneratedRegex("'(?<name>[^']*)'")]
    private static partial Regex QuotedName();
}
