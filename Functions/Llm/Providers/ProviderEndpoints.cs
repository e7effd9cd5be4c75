using Microsoft.AspNetCore.Http.HttpResults;
using Sift.Api;
using Sift.Security;
using Sift.Storage;

namespace Sift.Llm;

internal static class ProviderEndpoints
{
    /// <summary>Where models come from; admin only, since a provider holds a key and decides where message text goes.</summary>
    public static RouteGroupBuilder MapProviders(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/providers").WithTags("Providers").RequireAuthorization(Roles.Admin)
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
        group.MapPost("/", CreateAsync).ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status413PayloadTooLarge);
        group.MapGet("/", ListAsync);
        group.MapGet("/{id}", GetAsync).ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPatch("/{id}", UpdateAsync).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status413PayloadTooLarge);
        group.MapDelete("/{id}", DeleteAsync).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        return group;
    }

    private static async Task<Created<ProviderResponse>> CreateAsync(CreateProviderRequest request, ProviderCatalog providers, IModelCircuits circuits, CancellationToken cancellationToken)
    {
        var provider = await providers.CreateAsync(request, cancellationToken);
        return TypedResults.Created($"/api/providers/{provider.Id}", ProviderResponse.From(provider, circuits));
    }

    private static async Task<Ok<Page<ProviderResponse>>> ListAsync(ProviderCatalog providers, IModelCircuits circuits, int? limit, string? continuation, CancellationToken cancellationToken)
    {
        var page = await providers.ListAsync(Paging.Limit(limit), continuation, cancellationToken);
        return TypedResults.Ok(new Page<ProviderResponse>(page.Items.Select(p => ProviderResponse.From(p, circuits)).ToList(), page.Continuation));
    }

    private static async Task<Ok<ProviderResponse>> GetAsync(string id, ProviderCatalog providers, IModelCircuits circuits, CancellationToken cancellationToken) =>
        TypedResults.Ok(ProviderResponse.From(await providers.GetAsync(id, cancellationToken), circuits));

    private static async Task<Ok<ProviderResponse>> UpdateAsync(
        string id, UpdateProviderRequest request, ProviderCatalog providers, IModelCircuits circuits, CancellationToken cancellationToken) =>
        TypedResults.Ok(ProviderResponse.From(await providers.UpdateAsync(id, request, cancellationToken), circuits));

    private static async Task<NoContent> DeleteAsync(string id, ProviderCatalog providers, CancellationToken cancellationToken)
    {
        await providers.DeleteAsync(id, cancellationToken);
        return TypedResults.NoContent();
    }
}
