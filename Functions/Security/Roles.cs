namespace Sift.Security;

/// <summary>
/// The roles an API key holds, each including the ones before it: a reader reads, an operator
/// also runs things (sources, runs, bots, queues, proposal review), an admin also manages keys
/// and providers. Route groups name the policy of the least role they need.
/// </summary>
public static class Roles
{
    public const string Reader = "reader";
    public const string Operator = "operator";
    public const string Admin = "admin";

    public static IReadOnlyList<string> All { get; } = [Reader, Operator, Admin];

    public static bool IsValid(string? role) => role is not null && All.Contains(role);

    /// <summary>The roles that may do what <paramref name="role"/> may: it and every role above it.</summary>
    public static string[] AtLeast(string role) => All.SkipWhile(r => r != role).ToArray();

    /// <summary>The least role that meets every one of <paramref name="policies"/> (role names), or null when none names a role.</summary>
    public static string? Needed(IEnumerable<string?> policies) =>
        policies.OfType<string>().Where(IsValid).MaxBy(p => All.TakeWhile(r => r != p).Count());
}
