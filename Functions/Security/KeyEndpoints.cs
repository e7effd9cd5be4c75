using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Sift.Api;
using Sift.Storage;

namespace Sift.Security;

public sealed record CreateApiKeyRequest(string? Name, string? Role);

/// <summary>A key as every list shows it: masked. The plaintext is in <see cref="CreatedApiKeyResponse"/> only, once.</summary>
public sealed record ApiKeyResponse(string Id, string Name, string Role, string Masked, DateTimeOffset CreatedAt, string CreatedBy)
{
    internal static ApiKeyResponse From(ApiKeyDocument key) => new(key.KeyId, key.Name, key.Role, key.Masked, key.CreatedAt, key.CreatedBy);
}

public sealed record CreatedApiKeyResponse(string Id, string Name, string Role, string Masked, DateTimeOffset CreatedAt, string CreatedBy, string Key);

public static class KeyEndpoints
{
    public const int MaxNameLength = 100;

    public static RouteGroupBuilder MapKeys(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/keys").WithTags("Keys").RequireAuthorization(Roles.Admin)
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status429TooManyRequests);
        group.MapPost("/", CreateAsync).ProducesValidationProblem();
        group.MapGet("/", ListAsync).ProducesValidationProblem();
        group.MapDelete("/{id}", RevokeAsync).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        return group;
    }

    /// <summary>201 with the key in the body: the only time it is ever shown.</summary>
    private static async Task<Created<CreatedApiKeyResponse>> CreateAsync(
        CreateApiKeyRequest request, ClaimsPrincipal caller, ApiKeyStore keys, CancellationToken cancellationToken)
    {
        var (name, role) = Validate(request);
        var (document, key) = await keys.CreateAsync(name, role, KeyIdOf(caller), cancellationToken);
        return TypedResults.Created($"/api/keys/{document.KeyId}",
            new CreatedApiKeyResponse(document.KeyId, document.Name, document.Role, document.Masked, document.CreatedAt, document.CreatedBy, key));
    }

    private static async Task<Ok<Page<ApiKeyResponse>>> ListAsync(ApiKeyStore keys, int? limit, string? continuation, CancellationToken cancellationToken)
    {
        var page = await keys.ListAsync(Paging.Limit(limit), continuation, cancellationToken);
        return TypedResults.Ok(new Page<ApiKeyResponse>(page.Items.Select(ApiKeyResponse.From).ToList(), page.Continuation));
    }

    /// <summary>204 once the key no longer works on this instance; other instances drop it within <see cref="ApiKeyStore.CacheFor"/>.</summary>
    private static async Task<NoContent> RevokeAsync(string id, ClaimsPrincipal caller, ApiKeyStore keys, CancellationToken cancellationToken)
    {
        await keys.RevokeAsync(id, KeyIdOf(caller), cancellationToken);
        return TypedResults.NoContent();
    }

    private static (string Name, string Role) Validate(CreateApiKeyRequest request)
    {
        var errors = new Dictionary<string, string[]>();
        var name = request.Name?.Trim();
        if (string.IsNullOrEmpty(name) || name.Length > MaxNameLength)
        {
            errors["name"] = [$"name must be 1 to {MaxNameLength} characters."];
        }

        if (!Roles.IsValid(request.Role))
        {
            errors["role"] = [$"role must be one of: {string.Join(", ", Roles.All)}."];
        }

        return errors.Count == 0 ? (name!, request.Role!) : throw new ValidationException(errors);
    }

    private static string KeyIdOf(ClaimsPrincipal caller) => caller.FindFirstValue(ApiKeyAuthentication.KeyIdClaim)!;
}
