using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Azure.Functions.Worker;
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

[Tags("Keys")]
[Problems(StatusCodes.Status401Unauthorized, StatusCodes.Status403Forbidden)]
public sealed class KeyFunctions(ApiKeyStore keys)
{
    public const int MaxNameLength = 100;

    /// <summary>201 with the key in the body: the only time it is ever shown.</summary>
    [Function("CreateApiKey")]
    [EndpointSummary("Creates an API key with a role")]
    [Authorize(Roles.Admin)]
    [JsonBody(typeof(CreateApiKeyRequest))]
    [Problems(StatusCodes.Status400BadRequest)]
    public async Task<Created<CreatedApiKeyResponse>> CreateAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/keys")] HttpRequest request, CancellationToken cancellationToken)
    {
        var (name, role) = Validate(await RequestJson.ReadAsync<CreateApiKeyRequest>(request, cancellationToken));
        var (document, key) = await keys.CreateAsync(name, role, KeyIdOf(request.HttpContext.User), cancellationToken);
        return TypedResults.Created($"/api/keys/{document.KeyId}",
            new CreatedApiKeyResponse(document.KeyId, document.Name, document.Role, document.Masked, document.CreatedAt, document.CreatedBy, key));
    }

    [Function("ListApiKeys")]
    [EndpointSummary("The API keys, masked")]
    [Authorize(Roles.Admin)]
    [QueryParameters(typeof(PageQuery))]
    [Problems(StatusCodes.Status400BadRequest)]
    public async Task<Ok<Page<ApiKeyResponse>>> ListAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/keys")] HttpRequest request, CancellationToken cancellationToken)
    {
        var query = StrictQuery.Bind<PageQuery>(request);
        var page = await keys.ListAsync(Paging.Limit(query.Limit), query.Continuation, cancellationToken);
        return TypedResults.Ok(new Page<ApiKeyResponse>(page.Items.Select(ApiKeyResponse.From).ToList(), page.Continuation));
    }

    /// <summary>204 once the key no longer works on this instance; other instances drop it within <see cref="ApiKeyStore.CacheFor"/>.</summary>
    [Function("RevokeApiKey")]
    [EndpointSummary("Revokes an API key")]
    [Authorize(Roles.Admin)]
    [Problems(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound, StatusCodes.Status409Conflict)]
    public async Task<NoContent> RevokeAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = "api/keys/{id}")] HttpRequest request, string id, CancellationToken cancellationToken)
    {
        await keys.RevokeAsync(id, KeyIdOf(request.HttpContext.User), cancellationToken);
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
