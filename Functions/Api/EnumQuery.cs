using System.Reflection;
using System.Text.Json.Serialization;

namespace Sift.Api;

/// <summary>
/// Parses an enum from a query value: case-insensitive, only the documented names (the JSON
/// names), never a number, one value. Anything else is a 400 listing the valid values.
/// </summary>
public static class EnumQuery
{
    public static T? Parse<T>(string? value, string parameter) where T : struct, Enum
    {
        if (value is null)
        {
            return null;
        }

        foreach (var (name, member) in Names<T>())
        {
            if (string.Equals(name, value, StringComparison.OrdinalIgnoreCase))
            {
                return member;
            }
        }

        throw new ValidationException(parameter,
            $"{parameter} must be one of {string.Join(", ", Names<T>().Select(n => n.Name))} (got '{ProblemTitles.Echo(value)}').");
    }

    /// <summary>The name <paramref name="value"/> has in JSON, as stored documents hold it (for equality filters).</summary>
    public static string Name<T>(T value) where T : struct, Enum => Names<T>().Single(n => n.Member.Equals(value)).Name;

    /// <summary>The name each member has in JSON: its <see cref="JsonStringEnumMemberNameAttribute"/>, else its camelCase name.</summary>
    public static IEnumerable<(string Name, T Member)> Names<T>() where T : struct, Enum =>
        Enum.GetValues<T>().Select(member => (
            typeof(T).GetField(member.ToString())!.GetCustomAttribute<JsonStringEnumMemberNameAttribute>()?.Name
                ?? System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(member.ToString()),
            member));
}
