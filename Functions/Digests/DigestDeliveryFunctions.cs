using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Azure.Functions.Worker;
using Sift.Api;
using Sift.Hosting;
using Sift.Messages;
using Sift.Security;

namespace Sift.Digests;

[Tags("Digests")]
[Problems(StatusCodes.Status400BadRequest, StatusCodes.Status401Unauthorized, StatusCodes.Status404NotFound)]
public sealed class DigestDeliveryFunctions(DigestDeliveries deliveries)
{
    /// <summary>Each day from the hour on, the previous UTC day's digest is posted into the chat by the bot and/or sent as a digest.ready webhook event, once.</summary>
    [Function("SetDigestDelivery")]
    [EndpointSummary("Delivers a chat's daily digest to Telegram and/or webhooks")]
    [Authorize(Roles.Operator)]
    [JsonBody(typeof(DigestDeliveryRequest))]
    [Problems(StatusCodes.Status403Forbidden, StatusCodes.Status413PayloadTooLarge)]
    public async Task<Ok<DigestDeliveryResponse>> SetAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "api/chats/{chatId}/digest/delivery")] HttpRequest request, string chatId, CancellationToken cancellationToken)
    {
        var chat = RouteValues.Parse<ChatKey>(chatId, nameof(chatId));
        var settings = await RequestJson.ReadAsync<DigestDeliveryRequest>(request, cancellationToken);
        return TypedResults.Ok(DigestDeliveryResponse.From(await deliveries.SetAsync(chat, settings, cancellationToken)));
    }

    [Function("GetDigestDelivery")]
    [EndpointSummary("How a chat's daily digest is delivered")]
    [Authorize(Roles.Reader)]
    public async Task<Ok<DigestDeliveryResponse>> GetAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/chats/{chatId}/digest/delivery")] HttpRequest request, string chatId, CancellationToken cancellationToken) =>
        TypedResults.Ok(DigestDeliveryResponse.From(await deliveries.GetAsync(RouteValues.Parse<ChatKey>(chatId, nameof(chatId)), cancellationToken)));

    [Function("DeleteDigestDelivery")]
    [EndpointSummary("Stops delivering a chat's daily digest")]
    [Authorize(Roles.Operator)]
    [Problems(StatusCodes.Status403Forbidden)]
    public async Task<NoContent> DeleteAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = "api/chats/{chatId}/digest/delivery")] HttpRequest request, string chatId, CancellationToken cancellationToken)
    {
        await deliveries.DeleteAsync(RouteValues.Parse<ChatKey>(chatId, nameof(chatId)), cancellationToken);
        return TypedResults.NoContent();
    }
}

/// <summary>The digest timer (<see cref="Digests.DeliverDigests"/>).</summary>
public sealed class DigestTriggers(IServiceProvider services)
{
    [Function(nameof(DeliverDigests))]
    public Task DeliverDigests([TimerTrigger("%Digests:Schedule%")] TimerInfo timer, CancellationToken cancellationToken) =>
        QueueFunction.RunAsync<DeliverDigests>(services, cancellationToken);
}
