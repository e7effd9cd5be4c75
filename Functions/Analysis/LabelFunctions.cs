using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Azure.Functions.Worker;
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
[Tags("Labels")]
[Problems(StatusCodes.Status400BadRequest, StatusCodes.Status401Unauthorized)]
public sealed class LabelFunctions(Labelling labelling)
{
    /// <summary>
    /// Gives the message a person's class: its analysis shows it at once (with a <c>labelled</c>
    /// factor), search filters by it, and later messages that nearly copy it, or come from its
    /// sender, lean to it. Labelling a message with the class it is labelled with changes nothing.
    /// </summary>
    [Function("LabelMessage")]
    [EndpointSummary("Gives a message a person's class")]
    [Authorize(Roles.Operator)]
    [JsonBody(typeof(LabelRequest))]
    [Problems(StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound, StatusCodes.Status413PayloadTooLarge)]
    public async Task<Ok<LabelResponse>> LabelAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "api/messages/{chatId}/{messageId}/label")] HttpRequest request,
        string chatId, string messageId, CancellationToken cancellationToken)
    {
        var id = RouteValues.Number(request, messageId);
        var chat = RouteValues.Parse<ChatKey>(chatId, nameof(chatId));
        var label = await RequestJson.ReadAsync<LabelRequest>(request, cancellationToken);
        var messageClass = label.Class ?? throw new ValidationException("class",
            $"class is required: one of {string.Join(", ", EnumQuery.Names<MessageClass>().Select(n => n.Name))} (DELETE removes a label).");
        return TypedResults.Ok(LabelResponse.From(await labelling.LabelAsync(chat, id, messageClass, Reviewer.Of(request.HttpContext.User), cancellationToken)));
    }

    /// <summary>Removes the message's label: it takes the model's class again. 204 also when it had none.</summary>
    [Function("RemoveMessageLabel")]
    [EndpointSummary("Removes a message's label, giving it the model's class again")]
    [Authorize(Roles.Operator)]
    [Problems(StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound)]
    public async Task<NoContent> RemoveAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = "api/messages/{chatId}/{messageId}/label")] HttpRequest request,
        string chatId, string messageId, CancellationToken cancellationToken)
    {
        var id = RouteValues.Number(request, messageId);
        await labelling.RemoveAsync(RouteValues.Parse<ChatKey>(chatId, nameof(chatId)), id, cancellationToken);
        return TypedResults.NoContent();
    }

    /// <summary>The corrections, newest first: one per labelled message, its latest.</summary>
    [Function("ListLabels")]
    [EndpointSummary("People's corrections of messages' classes, newest first")]
    [Authorize(Roles.Reader)]
    [QueryParameters(typeof(LabelQuery))]
    public async Task<Ok<Page<LabelResponse>>> ListAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/labels")] HttpRequest request, CancellationToken cancellationToken)
    {
        var query = StrictQuery.Bind<LabelQuery>(request);
        var page = await labelling.ListAsync(query.ChatId, EnumQuery.Parse<MessageClass>(query.Class, "class"), Paging.Limit(query.Limit), query.Continuation, cancellationToken);
        return TypedResults.Ok(new Page<LabelResponse>(page.Items.Select(LabelResponse.From).ToList(), page.Continuation));
    }
}
