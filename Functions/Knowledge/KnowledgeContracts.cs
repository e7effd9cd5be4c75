using System.ComponentModel.DataAnnotations;
using Sift.Analysis;
using Sift.Api;
using Sift.Messages;

namespace Sift.Knowledge;

/// <summary>Start a knowledge run over one chat's window; without since/until, the last Analysis:Lookback up to now (to the minute).</summary>
/// <param name="ErrorPolicy">What a batch the model cannot answer does: <c>collect</c> (default: list it, go on) or <c>failFast</c> (fail the run).</param>
/// <param name="TokenBudget">Model tokens the run may spend on extraction (default <c>Analysis:RunTokenBudget</c>).</param>
public sealed record StartAnalysisRunRequest(
    [property: Required] ChatKey? ChatId, DateTimeOffset? Since, DateTimeOffset? Until,
    [property: System.ComponentModel.Description("collect (default) or failFast.")] string? ErrorPolicy = null, long? TokenBudget = null);

/// <summary>What a reviewer may change while a proposal is pending; fields left out stay as they are.</summary>
[ImmutableFields("id", "chatId", "atomId", "kind", "topicId", "status", "reviewedBy", "reviewedAt", "reason", "createdAt", "updatedAt")]
public sealed record EditProposalRequest(string? Title, [property: MultiLineText] string? Content, string? Owner, DateOnly? DueDate);

/// <summary>Why a proposal was approved or rejected; kept with the decision.</summary>
public sealed record ReviewProposalRequest([property: MultiLineText, MaxLength(ProposalReview.MaxReasonLength)] string? Reason);

public sealed record AtomResponse(
    string Id, ChatKey ChatId, AtomKind Kind, string Title, string Content, double Confidence, string? TopicId, string? Owner, DateOnly? DueDate,
    IReadOnlyList<long> SourceMessageIds, DateTimeOffset Date, string RunId, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt)
{
    public static AtomResponse From(AtomDocument a) =>
        new(a.Id, a.ChatId, a.Kind, a.Title, a.Content, a.Confidence, a.TopicId, a.Owner, a.DueDate, a.SourceMessageIds, a.Date, a.RunId, a.CreatedAt, a.UpdatedAt);
}

public sealed record ReviewerResponse(string KeyId, string Name);

public sealed record ProposalResponse(
    string Id, ChatKey ChatId, string AtomId, AtomKind Kind, string Title, string Content, string? Owner, DateOnly? DueDate, string? TopicId,
    ProposalStatus Status, ReviewerResponse? ReviewedBy, DateTimeOffset? ReviewedAt, string? Reason, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt,
    [property: System.ComponentModel.Description("The atom the proposal came from; only with expand=atom.")] AtomResponse? Atom = null,
    [property: System.ComponentModel.Description("The first 10 messages the atom cites (atom.sourceMessageIds lists all), in its order; only with expand=messages.")]
    [property: MaxLength(ProposalExpansion.MaxMessages)] IReadOnlyList<CitedMessageResponse>? Messages = null)
{
    public static ProposalResponse From(ProposalDocument p) =>
        new(p.Id, p.ChatId, p.AtomId, p.Kind, p.Title, p.Content, p.Owner, p.DueDate, p.TopicId, p.Status,
            p.ReviewedBy is { } r ? new ReviewerResponse(r.KeyId, r.Name) : null, p.ReviewedAt, p.Reason, p.CreatedAt, p.UpdatedAt);
}

/// <summary>A message a proposal cites, as a reviewer reads it: who, when, what.</summary>
/// <param name="SenderName">The sender's name, else their @username; null when the message has no sender.</param>
/// <param name="Text">The current text (or caption); null for media without one.</param>
public sealed record CitedMessageResponse(long MessageId, DateTimeOffset Date, string? SenderName, MessageKind Kind, string? Text)
{
    public static CitedMessageResponse From(MessageDocument m) =>
        new(m.MessageId, m.Date, m.Sender is { } s ? s.Name ?? (s.Username is { } u ? "@" + u : null) : null, m.Kind, m.Text);
}
