using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace Sift.Security;

/// <summary>
/// Authenticates <c>X-Api-Key</c>; a missing or unknown key gets 401 problem+json, and past
/// <see cref="RateLimitOptions.FailedAuthenticationsPerMinute"/> from one address, 429 with Retry-After.
/// </summary>
internal sealed class ApiKeyAuthentication(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    ApiKeyStore keys,
    FailedAuthentications failures,
    IProblemDetailsService problems) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string Header = "X-Api-Key";

    /// <summary>The public id of the caller's key: what rate limits count by and what a key revocation names.</summary>
    public const string KeyIdClaim = "sift:key-id";

    /// <summary>The authentication property a forbid passes with the role the request needed.</summary>
    public const string NeededRoleItem = "sift:needed-role";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Request.Headers.TryGetValue(Header, out var values) || values.Count != 1 || string.IsNullOrEmpty(values[0]))
        {
            return AuthenticateResult.NoResult();
        }

        if (failures.RetryAfter(Context) is not null)
        {
            return AuthenticateResult.Fail("Too many failed attempts from this address.");
        }

        var key = await keys.FindAsync(values[0]!, Context.RequestAborted);
        if (key is null)
        {
            return AuthenticateResult.Fail("Unknown API key.");
        }

        var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, key.Name), new Claim(ClaimTypes.Role, key.Role), new Claim(KeyIdClaim, key.KeyId)], SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        if (failures.Fail(Context) is { } wait)
        {
            Response.Headers.RetryAfter = ((int)Math.Ceiling(wait.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
            return WriteAsync(StatusCodes.Status429TooManyRequests, "Too many requests",
                $"Too many requests without a valid API key came from this address; retry after {Math.Ceiling(wait.TotalSeconds)} s.");
        }

        return WriteAsync(StatusCodes.Status401Unauthorized, "Unauthorized", $"A valid API key is required in the {Header} header.");
    }

    /// <summary>Names the key's role and the one the function needs, so the caller knows which key to use instead.</summary>
    protected override Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        var role = Context.User.FindFirstValue(ClaimTypes.Role) ?? "unknown";
        // The Functions host's worker middleware says which role it checked; on the standalone host the endpoint's attributes say.
        var needed = properties.Items.TryGetValue(NeededRoleItem, out var item) ? item
            : Roles.Needed(Context.GetEndpoint()?.Metadata.GetOrderedMetadata<IAuthorizeData>().Select(a => a.Policy) ?? []);
        return WriteAsync(StatusCodes.Status403Forbidden, "Forbidden", needed is null
            ? $"This API key's role is {role}; it may not do this."
            : $"This API key's role is {role}; this needs {needed}. Send a key with that role (an admin makes one with POST /api/keys).");
    }

    private async Task WriteAsync(int status, string title, string detail)
    {
        Response.StatusCode = status;
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = Context,
            ProblemDetails = new ProblemDetails { Status = status, Title = title, Detail = detail },
        });
    }
}
