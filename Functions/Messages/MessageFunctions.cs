using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Azure.Functions.Worker;
using Sift.Api;
using Sift.Security;
using Sift.Storage;

namespace Sift.Messages;

[Tags("Messages")]
[Problems(StatusCodes.Status400BadRequest, StatusCodes.Status401Unauthorized)]
public sealed class MessageFunctions(MessageStore messages)
{
    [Function("ListMessages")]
    [EndpointSummary("Stored messages with their analysis, filtered and paged")]
    [Authorize(Roles.Reader)]
    [QueryParameters(typeof(MessageListQuery))]
    public async Task<Ok<Page<MessageResponse>>> ListAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/messages")] HttpRequest request, CancellationToken cancellationToken)
    {
        var query = StrictQuery.Bind<MessageListQuery>(request);
        var page = await messages.ListAsync(MessageFilter.From(query), Paging.Limit(query.Limit), query.Continuation, cancellationToken);
        return TypedResults.Ok(new Page<MessageResponse>(page.Items.Select(MessageResponse.From).ToList(), page.Continuation));
    }

    [Function("GetMessage")]
    [EndpointSummary("One stored message with its analysis")]
    [Authorize(Roles.Reader)]
    [Problems(StatusCodes.Status404NotFound)]
    public async Task<Ok<MessageResponse>> GetAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/messages/{chatId}/{messageId}")] HttpRequest request,
        string chatId, string messageId, CancellationToken cancellationToken)
    {
        var id = RouteValues.Number(request, messageId);
        return TypedResults.Ok(MessageResponse.From(await messages.GetAsync(RouteValues.Parse<ChatKey>(chatId, nameof(chatId)), id, cancellationToken)));
    }

    [Function("ListChats")]
    [EndpointSummary("The chats messages were stored from, with their statistics")]
    [Authorize(Roles.Reader)]
    [QueryParameters(typeof(PageQuery))]
    public async Task<Ok<Page<ChatSummary>>> ListChatsAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/chats")] HttpRequest request, CancellationToken cancellationToken)
    {
        var query = StrictQuery.Bind<PageQuery>(request);
        return TypedResults.Ok(await messages.ListChatsAsync(Paging.Limit(query.Limit), query.Continuation, cancellationToken));
    }
}
