using Sift.Knowledge;
using Sift.Messages;
using Sift.Storage;

namespace Sift.Analysis.Labels;

/// <summary>
/// A message's label as <c>GET /api/labels</c> lists it, in the chat's partition under the
/// message's id: one per labelled message, the latest correction (a relabel replaces it, a removal deletes it).
/// </summary>
public sealed record LabelDocument(string Id, ChatKey ChatId, long MessageId, MessageClass Class, MessageClass? PreviousClass, Reviewer LabelledBy, DateTimeOffset LabelledAt)
{
    public const string Collection = "labels";
    public const string SortField = "labelledAt";
    public const string ClassField = "class";

    public static CollectionDefinition Definition { get; } = new(Collection, SortFields: [SortField], FilterFields: [ClassField]);

    public static LabelDocument Of(MessageDocument message, MessageLabel label) =>
        new(message.Id, message.Key, message.MessageId, label.Class, label.Previous, label.By, label.At);
}

/// <summary>A correction as the API shows it.</summary>
/// <param name="PreviousClass">The class the message had before (the model's, or an earlier label's); null when it was not analysed yet.</param>
public sealed record LabelResponse(ChatKey ChatId, long MessageId, MessageClass Class, MessageClass? PreviousClass, ReviewerResponse LabelledBy, DateTimeOffset LabelledAt)
{
    public static LabelResponse From(LabelDocument label) =>
        new(label.ChatId, label.MessageId, label.Class, label.PreviousClass, new ReviewerResponse(label.LabelledBy.KeyId, label.LabelledBy.Name), label.LabelledAt);
}

/// <summary>The body of <c>PUT /api/messages/{chatId}/{messageId}/label</c>.</summary>
/// <param name="Class">One of high_quality, signal, low_quality, noise, spam.</param>
public sealed record LabelRequest(MessageClass? Class);

/// <summary>The labels list's filters; with chatId it stays in that chat's partition.</summary>
public sealed record LabelQuery
{
    public ChatKey? ChatId { get; init; }

    [System.ComponentModel.Description("One of high_quality, signal, low_quality, noise, spam: only labels giving this class.")]
    public string? Class { get; init; }

    public int? Limit { get; init; }

    public string? Continuation { get; init; }
}
