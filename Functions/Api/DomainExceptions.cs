namespace Sift.Api;

/// <summary>
/// Failures the domain reports to its caller. <see cref="ProblemMapping"/> is the one place that
/// turns them into problem+json; nothing below an endpoint knows about HTTP.
/// </summary>
public abstract class DomainException(string title, string detail, Exception? inner = null) : Exception(detail, inner)
{
    public string Title { get; } = title;
    public IDictionary<string, object?> Extensions { get; } = new Dictionary<string, object?>();
}

public sealed class NotFoundException(string detail) : DomainException("Not found", detail);

public sealed class ConflictException(string detail) : DomainException("Conflict", detail);

public sealed class ValidationException(IReadOnlyDictionary<string, string[]> errors)
    : DomainException("Invalid request", string.Join(" ", errors.SelectMany(e => e.Value)))
{
    public ValidationException(string field, string error) : this(new Dictionary<string, string[]> { [field] = [error] }) { }

    public IReadOnlyDictionary<string, string[]> Errors { get; } = errors;
}

public sealed class PayloadTooLargeException(long limitBytes)
    : DomainException("Payload too large", $"The request body exceeds the limit of {limitBytes} bytes.");

/// <summary>The caller spent its request budget; <see cref="RetryAfter"/> is the time until its window ends.</summary>
public sealed class RateLimitedException(string detail, TimeSpan retryAfter) : DomainException("Too many requests", detail)
{
    public TimeSpan RetryAfter { get; } = retryAfter;
}

/// <summary>An external service refused or failed; <see cref="StatusCode"/> says how to report it.</summary>
public class UpstreamException(string title, string detail, int statusCode, TimeSpan? retryAfter = null, Exception? inner = null)
    : DomainException(title, detail, inner)
{
    public int StatusCode { get; } = statusCode;
    public TimeSpan? RetryAfter { get; } = retryAfter;
}
