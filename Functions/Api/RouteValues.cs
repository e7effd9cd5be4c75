using System.Globalization;
using System.Reflection;

namespace Sift.Api;

/// <summary>
/// Typed route values of HTTP functions, which take every route value as text (the Functions host
/// knows no route constraints). A number that is not one names nothing, so it is the 404 routing
/// answered when the route held a constraint; a value of Sift's own form (a chat key) that does not
/// parse is a 400 naming the form.
/// </summary>
public static class RouteValues
{
    /// <exception cref="NotFoundException">Not a whole number.</exception>
    public static long Number(HttpRequest request, string value) =>
        long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number)
            ? number
            : throw new NotFoundException($"Nothing is found at {request.Method} {ProblemTitles.Echo(request.Path.Value)}.");

    /// <exception cref="ValidationException">Not a <typeparamref name="T"/>.</exception>
    public static T Parse<T>(string value, string name) where T : IParsable<T> =>
        T.TryParse(value, CultureInfo.InvariantCulture, out var parsed)
            ? parsed
            : throw new ValidationException(name, $"{name} must be {BindingErrors.FormOf(typeof(T))} (got '{ProblemTitles.Echo(value)}').");
}
