namespace Sift.Api;

/// <summary>
/// Failures the domain reports to its caller. <see cref="ProblemMapping"/> is the one place that
/// turns them into problem+json (the title comes from the status: <see cref="ProblemTitles"/>);
/// nothing below an endpoint knows about HTTP.
/// </summary>
public abstract class DomainException(string detail, Exception? inner = null) : Exception(detail, inner)
{
    public IDictionary<string, object?> Extensions { get; } = new Dictionary<string, object?>();
}

public sealed class NotFoundException(string detail) : DomainException(detail);

public sealed class ConflictException(string detail) : DomainException(detail);

public sealed class ValidationException(IReadOnlyDictionary<string, string[]> errors)
    : DomainException(string.Join(" ", errors.SelectMany(e => e.Value)))
{
    public ValidationException(string field, string error) : this(new Dictionary<string, string[]> { [field] = [error] }) { }

    public IReadOnlyDictionary<string, string[]> Errors { get; } = errors;
}

public sealed class PayloadTooLargeException(long limitBytes)
    : DomainException($"The request body exceeds the limit of {limitBytes} bytes.");

/// <summary>The caller spent its request budget; <see cref="RetryAfter"/> is the time until its window ends.</summary>
public sealed class RateLimitedException(string detail, TimeSpan retryAfter) : DomainException(detail)
{
    public TimeSpan RetryAfter { get; } = retryAfter;
}

/// <summary>An external service refused or failed; <see cref="StatusCode"/> says how to report it, <paramref name="summary"/> opens the detail.</summary>
public class UpstreamException(string summary, string detail, int statusCode, TimeSpan? retryAfter = null, Exception? inner = null)
    : DomainException($"{summary}: {detail}", inner)
{
    public int StatusCode { get; } = statusCode;
    public TimeSpan? RetryAfter { get; } = retryAfter;
}
