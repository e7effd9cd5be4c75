using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Sift.Storage;

namespace Sift.Api;

/// <summary>The one place where exceptions become problem+json (RFC 9457). Nothing else writes errors.</summary>
internal sealed partial class ProblemMapping(IProblemDetailsService problems, ILogger<ProblemMapping> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        var problem = exception switch
        {
            ValidationException e => new HttpValidationProblemDetails(e.Errors.ToDictionary()) { Status = 400, Title = e.Title, Detail = e.Message },
            PayloadTooLargeException e => Problem(413, e),
            NotFoundException e => Problem(404, e),
            ConflictException e => Problem(409, e),
            UpstreamException e => Problem(e.StatusCode, e),
            RateLimitedException e => Problem(429, e),
            InvalidContinuationException e => new HttpValidationProblemDetails(new Dictionary<string, string[]> { ["continuation"] = [e.Message] })
                { Status = 400, Title = "Invalid request", Detail = e.Message },
            DocumentContentionException => new ProblemDetails { Status = 503, Title = "Busy", Detail = "The data changed under too many concurrent updates; retry the request." },
            BadHttpRequestException e => new ProblemDetails { Status = e.StatusCode, Title = "Bad request", Detail = ClientMessage(e) },
            _ => null,
        };
        if (problem is null)
        {
            LogUnhandled(logger, exception, context.Request.Method, context.Request.Path);
            problem = new ProblemDetails { Status = 500, Title = "Internal error", Detail = "The request failed; the error is logged with the trace id." };
        }

        if (exception switch { UpstreamException e => e.RetryAfter, RateLimitedException e => e.RetryAfter, _ => null } is { } retryAfter)
        {
            context.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        context.Response.StatusCode = problem.Status!.Value;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem, Exception = exception });
    }

    private static ProblemDetails Problem(int status, DomainException e)
    {
        var problem = new ProblemDetails { Status = status, Title = e.Title, Detail = e.Message };
        foreach (var (key, value) in e.Extensions)
        {
            problem.Extensions[key] = value;
        }

        return problem;
    }

    /// <summary>ASP.NET's binding messages are safe to show; a JSON reader error is described by its inner exception.</summary>
    private static string ClientMessage(BadHttpRequestException e) =>
        e.InnerException is System.Text.Json.JsonException json ? $"The body is not valid JSON for this request: {json.Message}" : e.Message;

    [LoggerMessage(Level = LogLevel.Error, Message = "Unhandled error in {Method} {Path}")]
    private static partial void LogUnhandled(ILogger logger, Exception error, string method, string path);
}
