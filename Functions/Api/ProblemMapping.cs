using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Sift.Storage;
using Sift.Hosting;

namespace Sift.Api;

/// <summary>
/// The one place where exceptions become problem+json (RFC 9457). Nothing else writes errors;
/// <see cref="ProblemTitles"/> gives every problem, this one's and the framework's, its title.
/// </summary>
internal sealed partial class ProblemMapping(IProblemDetailsService problems, IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json, ILogger<ProblemMapping> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        var problem = exception switch
        {
            ValidationException e => Invalid(e),
            PayloadTooLargeException e => Problem(413, e),
            NotFoundException e => Problem(404, e),
            ConflictException e => Problem(409, e),
            UpstreamException e => Problem(e.StatusCode, e),
            RateLimitedException e => Problem(429, e),
            InvalidContinuationException e => Invalid(new ValidationException("continuation", e.Message)),
            DocumentContentionException => new ProblemDetails { Status = 503, Detail = "The data changed under too many concurrent updates; retry the request." },
            DocumentStoreException { IsTransient: true } => new ProblemDetails { Status = 503, Detail = "The store is busy; retry the request shortly." },
            BadHttpRequestException { StatusCode: 400 } e => Invalid(BindingErrors.Describe(e, context, json.Value.SerializerOptions)),
            // 413 (body over Kestrel's limit), 415 (not JSON), 408: the table's detail says it without echoing anything.
            BadHttpRequestException e => new ProblemDetails { Status = e.StatusCode },
            _ => null,
        };
        if (problem is null)
        {
            LogUnhandled(logger, exception, context.Request.Method, LogText.Escape(context.Request.Path.Value));
            problem = new ProblemDetails { Status = 500 };
        }

        if (exception switch
            {
                UpstreamException e => e.RetryAfter,
                RateLimitedException e => e.RetryAfter,
                DocumentStoreException or DocumentContentionException => TimeSpan.FromSeconds(1),
                _ => null,
            } is { } retryAfter)
        {
            context.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        context.Response.StatusCode = problem.Status!.Value;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem, Exception = exception });
    }

    private static HttpValidationProblemDetails Invalid(ValidationException e) =>
        new(e.Errors.ToDictionary()) { Status = 400, Detail = e.Message };

    private static ProblemDetails Problem(int status, DomainException e)
    {
        var problem = new ProblemDetails { Status = status, Detail = e.Message };
        foreach (var (key, value) in e.Extensions)
        {
            problem.Extensions[key] = value;
        }

        return problem;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Unhandled error in {Method} {Path}")]
    private static partial void LogUnhandled(ILogger logger, Exception error, string method, string path);
}
