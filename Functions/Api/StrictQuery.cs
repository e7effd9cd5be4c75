using System.Collections.Concurrent;
using System.Globalization;
using System.Reflection;
using System.Text.Json;

namespace Sift.Api;

/// <summary>
/// The one binder of query strings. An HTTP function takes only the query parameters of its query
/// record (<see cref="QueryParametersAttribute"/>), camel-cased like every JSON field and matched in
/// any case: an unknown one (a typo such as <c>?clas=spam</c>, which would otherwise be ignored and
/// answer the unfiltered list) is a 400 naming it, a function without a record takes none, a value
/// that does not parse as its property's type is a 400 naming the form it must have, and a window
/// whose <c>since</c> is after its <c>until</c> is a 400.
/// </summary>
public static class StrictQuery
{
    private static readonly ConcurrentDictionary<Type, IReadOnlyList<(string Name, PropertyInfo Property)>> Parameters = new();

    /// <summary>The names a query record declares, as clients send them.</summary>
    public static IReadOnlyList<(string Name, PropertyInfo Property)> Of(Type queryType) => Parameters.GetOrAdd(queryType, type =>
        [.. type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite).Select(p => (JsonNamingPolicy.CamelCase.ConvertName(p.Name), p))]);

    /// <summary>The check both hosts make before an HTTP function runs: the parameters its <see cref="QueryParametersAttribute"/> declares, or any for <see cref="AnyQueryAttribute"/>.</summary>
    /// <exception cref="ValidationException">An undeclared parameter, or since after until.</exception>
    public static void Check(IQueryCollection query, MethodInfo function)
    {
        if (query.Count > 0 && function.GetCustomAttribute<AnyQueryAttribute>() is null)
        {
            Check(query, function.GetCustomAttribute<QueryParametersAttribute>()?.Type);
        }
    }

    /// <exception cref="ValidationException">An undeclared parameter, or since after until.</exception>
    public static void Check(IQueryCollection query, Type? queryType) =>
        Check(query, queryType is null ? [] : Of(queryType).Select(p => p.Name).ToHashSet(StringComparer.OrdinalIgnoreCase));

    /// <param name="names">The declared names, matched in any case.</param>
    public static void Check(IQueryCollection query, IReadOnlySet<string> names)
    {
        if (query.Count == 0)
        {
            return;
        }

        var unknown = query.Keys.Where(key => !names.Contains(key)).Order(StringComparer.Ordinal).ToList();
        if (unknown.Count > 0)
        {
            var known = names.Count == 0 ? "This route takes no query parameters." : $"It takes {string.Join(", ", names.Order(StringComparer.Ordinal))}.";
            var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
            foreach (var name in unknown.Select(ProblemTitles.Echo))
            {
                errors[name] = [$"Unknown query parameter '{name}'. {known}"];
            }

            throw new ValidationException(errors);
        }

        if (Time(query, "since") is { } since && Time(query, "until") is { } until && since > until)
        {
            throw new ValidationException("until", "until must not be before since.");
        }
    }

    /// <summary>The request's query as <typeparamref name="T"/>; a parameter left out, or empty for a value type, is null.</summary>
    /// <exception cref="ValidationException">What <see cref="Check"/> refuses, or the first value that does not parse.</exception>
    public static T Bind<T>(HttpRequest request) where T : new()
    {
        Check(request.Query, typeof(T));
        var bound = new T();
        foreach (var (name, property) in Of(typeof(T)))
        {
            if (request.Query.TryGetValue(name, out var values))
            {
                property.SetValue(bound, Parse(name, values, property.PropertyType));
            }
        }

        return bound;
    }

    private static object? Parse(string name, Microsoft.Extensions.Primitives.StringValues values, Type type)
    {
        if (type == typeof(string[]))
        {
            return values.ToArray();
        }

        // Repeated values of a single parameter are one value, joined by commas (which then does not parse unless it is text).
        var raw = values.ToString();
        if (type == typeof(string))
        {
            return raw;
        }

        var target = Nullable.GetUnderlyingType(type) ?? type;
        if (string.IsNullOrEmpty(raw))
        {
            return null;
        }

        return TryParse(raw, target, out var value)
            ? value
            : throw new ValidationException(name, $"{name} must be {BindingErrors.FormOf(target)} (got '{ProblemTitles.Echo(raw)}').");
    }

    private static bool TryParse(string raw, Type type, out object? value)
    {
        var invariant = CultureInfo.InvariantCulture;
        (var parsed, value) = Type.GetTypeCode(type) switch
        {
            TypeCode.Int32 => (int.TryParse(raw, NumberStyles.Integer, invariant, out var i), (object)i),
            TypeCode.Int64 => (long.TryParse(raw, NumberStyles.Integer, invariant, out var l), l),
            TypeCode.Double => (double.TryParse(raw, NumberStyles.Float | NumberStyles.AllowThousands, invariant, out var d), d),
            TypeCode.Boolean => (bool.TryParse(raw, out var b), b),
            _ when type == typeof(DateTimeOffset) => (DateTimeOffset.TryParse(raw, invariant, DateTimeStyles.AssumeUniversal | DateTimeStyles.AllowWhiteSpaces, out var t), t),
            _ => ParseOwn(raw, type),
        };
        return parsed;
    }

    /// <summary>A type of Sift's own (a chat key) parses itself.</summary>
    private static (bool, object?) ParseOwn(string raw, Type type)
    {
        var tryParse = type.GetMethod("TryParse", BindingFlags.Public | BindingFlags.Static, [typeof(string), typeof(IFormatProvider), type.MakeByRefType()])
            ?? throw new InvalidOperationException($"A query parameter of type {type.Name} cannot be bound.");
        object?[] arguments = [raw, CultureInfo.InvariantCulture, null];
        return ((bool)tryParse.Invoke(null, arguments)!, arguments[2]);
    }

    /// <summary>A value that does not parse is left to binding, which names it.</summary>
    private static DateTimeOffset? Time(IQueryCollection query, string name) =>
        query.TryGetValue(name, out var values) && values.Count == 1
            && DateTimeOffset.TryParse(values[0], CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time) ? time : null;
}
