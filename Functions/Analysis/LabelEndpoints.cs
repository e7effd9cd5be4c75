using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Sift.Analysis.Labels;
using Sift.Api;
using Sift.Knowledge;
using Sift.Messages;
using Sift.Security;
using Sift.Storage;

namespace Sift.Analysis;

/// <summary>
/// People correct messages' classes: an operator labels a message (it takes the class at once, and
/// the scorer learns from it), or removes the label; readers list the corrections.
/// </summary>
public static class LabelEndpoints
{
    public static IHostApplicationBuilder AddLabels(this IHostApplicationBuilder builder)
    {
        builder.Services.AddCollection(LabelDocument.Definition);
        builder.Services.AddCollection(LabelMemory.Definition);
        builder.Services.AddSingleton<LabelMemory>();
        builder.Services.AddSingleton<Labelling>();
        return builder;
    }

    public static IEndpointRouteBuilder MapLabels(this IEndpointRouteBuilder app)
    {
        var label = app.MapGroup("/api/messages/{chatId}/{messageId:long}/label").WithTags("Labels").RequireAuthorization(Roles.Operator)
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);
        label.MapPut("/", LabelAsync).ProducesProblem(StatusCodes.Status413PayloadTooLarge);
        label.MapDelete("/", RemoveAsync);
        app.MapGroup("/api/labels").WithTags("Labels").RequireAuthorization(Roles.Reader)
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status401Unauthorized)
            .MapGet("/", ListAsync);
        return app;
    }

    /// <summary>
    /// Gives the message a person's class: its analysis shows it at once (with a <c>labelled</c>
    /// factor), search filters by it, and later messages that nearly copy it, or come from its
    /// sender, lean to it. Labelling a message with the class it is labelled with changes nothing.
    /// </summary>
    private static async Task<Ok<LabelResponse>> LabelAsync(
        ChatKey chatId, long messageId, LabelRequest request, ClaimsPrincipal caller, Labelling labelling, CancellationToken cancellationToken)
    {
        var messageClass = request.Class ?? throw new ValidationException("class",
            $"class is required: one of {string.Join(", ", EnumQuery.Names<MessageClass>().Select(n => n.Name))} (DELETE removes a label).");
        return TypedResults.Ok(LabelResponse.From(await labelling.LabelAsync(chatId, messageId, messageClass, ReviewerOf(caller), cancellationToken)));
    }

    /// <summary>Removes the message's label: it takes the model's class again. 204 also when it had none.</summary>
    private static async Task<NoContent> RemoveAsync(ChatKey chatId, long messageId, Labelling labelling, CancellationToken cancellationToken)
    {
        await labelling.RemoveAsync(chatId, messageId, cancellationToken);
        return TypedResults.NoContent();
    }

    /// <summary>The corrections, newest first: one per labelled message, its latest.</summary>
    private static async Task<Ok<Page<LabelResponse>>> ListAsync([AsParameters] LabelQuery query, Labelling labelling, CancellationToken cancellationToken)
    {
        var page = await labelling.ListAsync(query.ChatId, EnumQuery.Parse<MessageClass>(query.Class, "class"), Paging.Limit(query.Limit), query.Continuation, cancellationToken);
        return TypedResults.Ok(new Page<LabelResponse>(page.Items.Select(LabelResponse.From).ToList(), page.Continuation));
    }

    private static Reviewer ReviewerOf(ClaimsPrincipal caller) =>
        new(caller.FindFirstValue(ApiKeyAuthentication.KeyIdClaim) ?? "unknown", caller.FindFirstValue(ClaimTypes.Name) ?? "unknown");
}
