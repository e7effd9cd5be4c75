using Microsoft.AspNetCore.Http.HttpResults;
using Sift.Api;
using Sift.Security;
using Sift.Storage;

namespace Sift.Messages;

public static class MessageEndpoints
{
    public static IHostApplicationBuilder AddMessages(this IHostApplicationBuilder builder)
    {
        foreach (var collection in MessageStore.Collections)
        {
            builder.Services.AddCollection(collection);
        }

        builder.Services.AddSingleton<ChatStatistics>();
        builder.Services.AddSingleton<MessageStore>();
        return builder;
    }

    public static RouteGroupBuilder MapMessages(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api").WithTags("Messages").RequireAuthorization(Roles.Reader)
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status401Unauthorized);
        group.MapGet("/messages", ListMessagesAsync);
        group.MapGet("/messages/{chatId}/{messageId:long}", GetMessageAsync).ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/chats", ListChatsAsync);
        return group;
    }

    private static async Task<Ok<Page<MessageResponse>>> ListMessagesAsync(MessageStore messages, [AsParameters] MessageListQuery query, CancellationToken cancellationToken)
    {
        var page = await messages.ListAsync(MessageFilter.From(query), Paging.Limit(query.Limit), query.Continuation, cancellationToken);
        return TypedResults.Ok(new Page<MessageResponse>(page.Items.Select(MessageResponse.From).ToList(), page.Continuation));
    }

    private static async Task<Ok<MessageResponse>> GetMessageAsync(MessageStore messages, ChatKey chatId, long messageId, CancellationToken cancellationToken) =>
        TypedResults.Ok(MessageResponse.From(await messages.GetAsync(chatId, messageId, cancellationToken)));

    private static async Task<Ok<Page<ChatSummary>>> ListChatsAsync(MessageStore messages, int? limit, string? continuation, CancellationToken cancellationToken) =>
        TypedResults.Ok(await messages.ListChatsAsync(Paging.Limit(limit), continuation, cancellationToken));
}
