using Microsoft.AspNetCore.Mvc;

namespace Sift.Api;

/// <summary>
/// The one table of problem titles, one per status, applied to every problem response (domain
/// errors, binding errors, and the framework's own 404/405/415 from status-code pages), with a
/// detail for the responses the framework writes without one.
/// </summary>
internal static class ProblemTitles
{
    public const int MaxEcho = 100;

    private static readonly Dictionary<int, string> Titles = new()
    {
        [400] = "Invalid request",
        [401] = "Unauthorized",
        [403] = "Forbidden",
        [404] = "Not found",
        [405] = "Method not allowed",
        [409] = "Conflict",
        [413] = "Payload too large",
        [415] = "Unsupported media type",
        [429] = "Too many requests",
        [500] = "Internal error",
        [502] = "Bad gateway",
        [503] = "Service unavailable",
        [504] = "Gateway timeout",
    };

    /// <summary>
    /// Types for the statuses ASP.NET Core's defaults leave without one (it gives 400-409, 412, 415, 422, 426 and 5xx theirs):
    /// each names the specification of its status.
    /// </summary>
    private static readonly Dictionary<int, string> Types = new()
    {
        [413] = "https://www.rfc-editor.org/rfc/rfc9110#section-15.5.14",
        [429] = "https://www.rfc-editor.org/rfc/rfc6585#section-4",
    };

    public static string For(int status) => Titles.GetValueOrDefault(status) ?? (status < 500 ? "Invalid request" : "Internal error");

    /// <summary>Sets the title from the table and, where nobody gave one, a detail that says what to do.</summary>
    public static void Apply(ProblemDetails problem, HttpContext context)
    {
        var status = problem.Status ?? context.Response.StatusCode;
        problem.Status = status;
        problem.Title = For(status);
        problem.Type ??= Types.GetValueOrDefault(status);
        if (string.IsNullOrWhiteSpace(problem.Detail) && status == 400 && BindingErrors.DescribeUnparsed(context) is { } unparsed)
        {
            problem.Detail = unparsed.Message;
            problem.Extensions["errors"] = unparsed.Errors;
        }
        else if (string.IsNullOrWhiteSpace(problem.Detail))
        {
            problem.Detail = DefaultDetail(status, context);
        }
    }

    /// <summary>Input echoed back is cut short, so a hostile request cannot make the answer large.</summary>
    public static string Echo(string? value) =>
        value is null ? "" : value.Length <= MaxEcho ? value : string.Concat(value.AsSpan(0, MaxEcho), "…");

    private static string DefaultDetail(int status, HttpContext context)
    {
        var request = $"{context.Request.Method} {Echo(context.Request.Path.Value)}";
        return status switch
        {
            401 => "A valid API key is required: send it in the X-Api-Key header.",
            403 => "The API key's role does not allow this request.",
            404 => $"Nothing is found at {request}.",
            405 => $"{context.Request.Method} is not allowed on {Echo(context.Request.Path.Value)}; allowed: {AllowedMethods(context)}.",
            413 => "The request body is too large.",
            415 => "The request body's content type is not supported here; send application/json.",
            429 => "Too many requests; retry after the time in the Retry-After header.",
            >= 500 => "The request failed; the error is logged with the trace id.",
            _ => $"The request {request} cannot be served.",
        };
    }

    private static string AllowedMethods(HttpContext context) =>
        context.Response.Headers.Allow is { Count: > 0 } allow ? allow.ToString() : "see the API description at /api/openapi.json";
}
