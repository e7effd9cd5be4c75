using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Azure.Functions.Worker;
using Sift.Api;
using Sift.Hosting;
using Sift.Security;
using Sift.Storage;

namespace Sift.Webhooks;

[Tags("Webhooks")]
[Problems(StatusCodes.Status400BadRequest, StatusCodes.Status401Unauthorized, StatusCodes.Status403Forbidden)]
public sealed class WebhookFunctions(WebhookRegistry webhooks, IDocumentStore store)
{
    /// <summary>The answer holds the signing secret, shown this once.</summary>
    [Function("CreateWebhook")]
    [EndpointSummary("Registers a URL that receives signed events")]
    [Authorize(Roles.Admin)]
    [JsonBody(typeof(CreateWebhookRequest))]
    [Problems(StatusCodes.Status409Conflict, StatusCodes.Status413PayloadTooLarge)]
    public async Task<Created<WebhookResponse>> CreateAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/webhooks")] HttpRequest request, CancellationToken cancellationToken)
    {
        var (webhook, secret) = await webhooks.CreateAsync(await RequestJson.ReadAsync<CreateWebhookRequest>(request, cancellationToken), cancellationToken);
        return TypedResults.Created($"/api/webhooks/{webhook.Id}", WebhookResponse.From(webhook) with { Secret = secret });
    }

    [Function("ListWebhooks")]
    [EndpointSummary("The registered webhooks")]
    [Authorize(Roles.Admin)]
    [QueryParameters(typeof(PageQuery))]
    public async Task<Ok<Page<WebhookResponse>>> ListAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/webhooks")] HttpRequest request, CancellationToken cancellationToken)
    {
        var query = StrictQuery.Bind<PageQuery>(request);
        var page = await webhooks.ListAsync(Paging.Limit(query.Limit), query.Continuation, cancellationToken);
        return TypedResults.Ok(new Page<WebhookResponse>(page.Items.Select(WebhookResponse.From).ToList(), page.Continuation));
    }

    [Function("GetWebhook")]
    [EndpointSummary("One registered webhook")]
    [Authorize(Roles.Admin)]
    [Problems(StatusCodes.Status404NotFound)]
    public async Task<Ok<WebhookResponse>> GetAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/webhooks/{id}")] HttpRequest request, string id, CancellationToken cancellationToken) =>
        TypedResults.Ok(WebhookResponse.From(await webhooks.GetAsync(id, cancellationToken)));

    /// <summary>Deliveries still queued for it are dropped.</summary>
    [Function("DeleteWebhook")]
    [EndpointSummary("Removes a webhook")]
    [Authorize(Roles.Admin)]
    [Problems(StatusCodes.Status404NotFound)]
    public async Task<NoContent> DeleteAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = "api/webhooks/{id}")] HttpRequest request, string id, CancellationToken cancellationToken)
    {
        await webhooks.DeleteAsync(id, cancellationToken);
        return TypedResults.NoContent();
    }

    /// <summary>Newest first, one item per attempt; the delivery id is the same for every attempt of one event.</summary>
    [Function("ListWebhookDeliveries")]
    [EndpointSummary("A webhook's delivery log")]
    [Authorize(Roles.Admin)]
    [QueryParameters(typeof(PageQuery))]
    [Problems(StatusCodes.Status404NotFound)]
    public async Task<Ok<Page<WebhookDeliveryResponse>>> ListDeliveriesAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/webhooks/{id}/deliveries")] HttpRequest request, string id, CancellationToken cancellationToken)
    {
        var query = StrictQuery.Bind<PageQuery>(request);
        var webhook = await webhooks.GetAsync(id, cancellationToken);
        var page = await store.QueryAsync<WebhookAttemptDocument>(WebhookAttemptDocument.Collection, new DocumentQuery
        {
            Partition = webhook.Id, SortField = "at", Limit = Paging.Limit(query.Limit), Continuation = query.Continuation,
        }, cancellationToken);
        return TypedResults.Ok(new Page<WebhookDeliveryResponse>(page.Items.Select(WebhookDeliveryResponse.From).ToList(), page.Continuation));
    }
}
