using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Azure.Functions.Worker;
using Sift.Api;
using Sift.Security;
using Sift.Storage;

namespace Sift.Llm;

/// <summary>Where models come from; admin only, since a provider holds a key and decides where message text goes.</summary>
[Tags("Providers")]
[Problems(StatusCodes.Status400BadRequest, StatusCodes.Status401Unauthorized, StatusCodes.Status403Forbidden)]
public sealed class ProviderFunctions(ProviderCatalog providers, IModelCircuits circuits)
{
    [Function("CreateProvider")]
    [EndpointSummary("Adds a model provider (an endpoint and its key)")]
    [Authorize(Roles.Admin)]
    [JsonBody(typeof(CreateProviderRequest))]
    [Problems(StatusCodes.Status409Conflict, StatusCodes.Status413PayloadTooLarge)]
    public async Task<Created<ProviderResponse>> CreateAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/providers")] HttpRequest request, CancellationToken cancellationToken)
    {
        var provider = await providers.CreateAsync(await RequestJson.ReadAsync<CreateProviderRequest>(request, cancellationToken), cancellationToken);
        return TypedResults.Created($"/api/providers/{provider.Id}", ProviderResponse.From(provider, circuits));
    }

    [Function("ListProviders")]
    [EndpointSummary("The model providers, keys masked, with their circuits")]
    [Authorize(Roles.Admin)]
    [QueryParameters(typeof(PageQuery))]
    public async Task<Ok<Page<ProviderResponse>>> ListAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/providers")] HttpRequest request, CancellationToken cancellationToken)
    {
        var query = StrictQuery.Bind<PageQuery>(request);
        var page = await providers.ListAsync(Paging.Limit(query.Limit), query.Continuation, cancellationToken);
        return TypedResults.Ok(new Page<ProviderResponse>(page.Items.Select(p => ProviderResponse.From(p, circuits)).ToList(), page.Continuation));
    }

    [Function("GetProvider")]
    [EndpointSummary("One model provider, its key masked")]
    [Authorize(Roles.Admin)]
    [Problems(StatusCodes.Status404NotFound)]
    public async Task<Ok<ProviderResponse>> GetAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/providers/{id}")] HttpRequest request, string id, CancellationToken cancellationToken) =>
        TypedResults.Ok(ProviderResponse.From(await providers.GetAsync(id, cancellationToken), circuits));

    [Function("UpdateProvider")]
    [EndpointSummary("Changes a model provider; fields left out stay as they are")]
    [Authorize(Roles.Admin)]
    [JsonBody(typeof(UpdateProviderRequest))]
    [Problems(StatusCodes.Status404NotFound, StatusCodes.Status413PayloadTooLarge)]
    public async Task<Ok<ProviderResponse>> UpdateAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "patch", Route = "api/providers/{id}")] HttpRequest request, string id, CancellationToken cancellationToken)
    {
        var change = await RequestJson.ReadAsync<UpdateProviderRequest>(request, cancellationToken);
        return TypedResults.Ok(ProviderResponse.From(await providers.UpdateAsync(id, change, cancellationToken), circuits));
    }

    [Function("DeleteProvider")]
    [EndpointSummary("Deletes a model provider no agent uses")]
    [Authorize(Roles.Admin)]
    [Problems(StatusCodes.Status404NotFound, StatusCodes.Status409Conflict)]
    public async Task<NoContent> DeleteAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = "api/providers/{id}")] HttpRequest request, string id, CancellationToken cancellationToken)
    {
        await providers.DeleteAsync(id, cancellationToken);
        return TypedResults.NoContent();
    }
}
