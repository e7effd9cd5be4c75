using Sift.Analysis;

namespace Sift.Messages;

/// <summary>
/// A message as the API shows it: <c>chatId</c> is its chat's key (<see cref="ChatKey"/>), <c>chat.id</c> Telegram's chat id. Same shape as the stored <see cref="MessageDocument"/> today,
/// but its own type, so the storage format can change without changing the API.
/// </summary>
public sealed record MessageResponse(
    string Id, ChatKey ChatId, long MessageId, DateTimeOffset Date, MessageKind Kind, string? Text, ChatRef Chat, SenderRef? Sender,
    IReadOnlyList<EntityRef> Entities, long? ReplyToMessageId, ForwardRef? Forward, long? ThreadId, MediaRef? Media, string? ServiceAction,
    DateTimeOffset? EditDate, int EditCount, IReadOnlyList<VersionRef> History, string Source, DateTimeOffset StoredAt, DateTimeOffset UpdatedAt,
    AnalysisRef? Analysis)
{
    public static MessageResponse From(MessageDocument m) => new(
        m.Id, m.Key, m.MessageId, m.Date, m.Kind, m.Text, new ChatRef(m.Chat.Id, m.Chat.Type, m.Chat.Title, m.Chat.Username),
        m.Sender is { } s ? new SenderRef(s.Type, s.Id, s.Name, s.Username, s.IsBot) : null,
        m.Entities.Select(e => new EntityRef(e.Type, e.Offset, e.Length, e.Url, e.UserId, e.Language)).ToList(), m.ReplyToMessageId,
        m.Forward is { } f ? new ForwardRef(f.Type, f.Date, f.FromId, f.FromName, f.ChatId, f.MessageId) : null, m.ThreadId,
        m.Media is { } media ? new MediaRef(media.FileId, media.FileUniqueId, media.FileName, media.MimeType, media.FileSize, media.Width, media.Height, media.Duration) : null,
        m.ServiceAction, m.EditDate, m.EditCount, m.History.Select(v => new VersionRef(v.Text, v.EditDate)).ToList(), m.Source, m.StoredAt, m.UpdatedAt,
        m.Analysis is { } a ? AnalysisRef.From(a) : null);
}

public sealed record ChatRef(long Id, string Type, string? Title, string? Username);

public sealed record SenderRef(string Type, long Id, string? Name, string? Username, bool IsBot);

public sealed record EntityRef(string Type, int Offset, int Length, string? Url, long? UserId, string? Language);

public sealed record ForwardRef(string Type, DateTimeOffset? Date, long? FromId, string? FromName, long? ChatId, long? MessageId);

public sealed record MediaRef(string FileId, string? FileUniqueId, string? FileName, string? MimeType, long? FileSize, int? Width, int? Height, int? Duration);

/// <summary>An earlier text of an edited message.</summary>
public sealed record VersionRef(string? Text, DateTimeOffset? EditDate);

/// <summary>The analysis of the message's current text; null until it is analysed.</summary>
/// <param name="EmbeddingVersion">The embedder whose vector search compares.</param>
/// <param name="EmbeddingFallback">Why the offline embedder stood in for the embedding model (it failed); null when it did not.</param>
public sealed record AnalysisRef(
    double Importance, MessageClass Class, IReadOnlyList<FactorRef> Factors, IReadOnlyList<TopicRef> Topics, string AnalyzerVersion, DateTimeOffset AnalyzedAt,
    string EmbeddingVersion, string? EmbeddingFallback)
{
    public static AnalysisRef From(MessageAnalysis a) => new(a.Importance, a.Class, a.Factors.Select(f => new FactorRef(f.Name, f.Weight, f.Detail)).ToList(),
        a.Topics.Select(t => new TopicRef(t.TopicId, t.Name, t.Confidence)).ToList(), a.AnalyzerVersion, a.AnalyzedAt, a.EmbeddingVersion, a.EmbeddingFallback);
}

/// <summary>One reason behind the importance: a positive weight raised it, a negative one lowered it.</summary>
public sealed record FactorRef(string Name, double Weight, string? Detail);

public sealed record TopicRef(string Id, string Name, double Confidence);
