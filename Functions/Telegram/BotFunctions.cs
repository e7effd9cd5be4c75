using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Azure.Functions.Worker;
using Sift.Api;
using Sift.Security;
using Sift.Storage;

namespace Sift.Telegram;

public sealed record RegisterBotRequest([property: System.ComponentModel.DataAnnotations.Required] string? Token);

[Tags("Bots")]
[Problems(StatusCodes.Status400BadRequest, StatusCodes.Status401Unauthorized)]
public sealed class BotFunctions(BotRegistry bots)
{
    /// <summary>201 for a new bot, 200 for one registered again; either way with its new webhook secret, shown this once.</summary>
    [Function("RegisterBot")]
    [EndpointSummary("Registers a bot by its token and sets its webhook at Telegram")]
    [Authorize(Roles.Operator)]
    [JsonBody(typeof(RegisterBotRequest))]
    [Problems(StatusCodes.Status403Forbidden, StatusCodes.Status413PayloadTooLarge, StatusCodes.Status502BadGateway)]
    public async Task<Results<Created<BotResponse>, Ok<BotResponse>>> RegisterAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/bots")] HttpRequest request, CancellationToken cancellationToken)
    {
        var registration = await RequestJson.ReadAsync<RegisterBotRequest>(request, cancellationToken);
        var (bot, created, secret) = await bots.RegisterAsync(registration.Token, cancellationToken);
        var response = BotResponse.From(bot) with { WebhookSecret = secret };
        return created ? TypedResults.Created($"/api/bots/{bot.Id}", response) : TypedResults.Ok(response);
    }

    [Function("ListBots")]
    [EndpointSummary("The registered bots")]
    [Authorize(Roles.Reader)]
    [QueryParameters(typeof(PageQuery))]
    public async Task<Ok<Page<BotResponse>>> ListAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/bots")] HttpRequest request, CancellationToken cancellationToken)
    {
        var query = StrictQuery.Bind<PageQuery>(request);
        var page = await bots.ListAsync(Paging.Limit(query.Limit), query.Continuation, cancellationToken);
        return TypedResults.Ok(new Page<BotResponse>(page.Items.Select(BotResponse.From).ToList(), page.Continuation));
    }

    [Function("GetBot")]
    [EndpointSummary("One registered bot")]
    [Authorize(Roles.Reader)]
    [Problems(StatusCodes.Status404NotFound)]
    public async Task<Ok<BotResponse>> GetAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/bots/{id}")] HttpRequest request, string id, CancellationToken cancellationToken) =>
        TypedResults.Ok(BotResponse.From(await bots.GetAsync(RouteValues.Number(request, id), cancellationToken)));

    [Function("DeleteBot")]
    [EndpointSummary("Removes a bot and its webhook at Telegram")]
    [Authorize(Roles.Operator)]
    [Problems(StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound, StatusCodes.Status502BadGateway)]
    public async Task<NoContent> DeleteAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = "api/bots/{id}")] HttpRequest request, string id, CancellationToken cancellationToken)
    {
        await bots.DeleteAsync(RouteValues.Number(request, id), cancellationToken);
        return TypedResults.NoContent();
    }
}
