using System.Text.Json.Serialization;
using Sift.Messages;
using Sift.Topics;

namespace Sift.Analysis;

/// <summary>
/// The purposes a model serves, one port each (<c>classify</c>, <c>embed</c>, <c>extract</c>): the
/// offline analyzer implements all three deterministically; a language-model agent can take over
/// any of them. Each implementation's <c>Version</c> names it and its settings, so a change of
/// model makes earlier results stale. <see cref="IModelPurposes"/> says which serves each purpose now.
/// </summary>
public interface IModelPurposes
{
    Task<ITopicClassifier> ClassifierAsync(CancellationToken cancellationToken);

    Task<IEmbedder> EmbedderAsync(CancellationToken cancellationToken);

    Task<IKnowledgeExtractor> ExtractorAsync(CancellationToken cancellationToken);
}

public interface ITopicClassifier
{
    string Version { get; }

    /// <returns>At most three topics, highest confidence first; <see cref="TopicMatch.UncategorizedId"/> when none fits.</returns>
    Task<IReadOnlyList<TopicMatch>> ClassifyAsync(string text, IReadOnlyList<Topic> topics, CancellationToken cancellationToken);
}

public interface IEmbedder
{
    string Version { get; }

    /// <returns>A unit-length vector, of the same length for every text (all zero for a text with nothing to embed).</returns>
    Task<float[]> EmbedAsync(string text, CancellationToken cancellationToken);
}

public interface IKnowledgeExtractor
{
    string Version { get; }

    /// <summary>The knowledge one batch of a chat's messages holds; each atom cites the messages it comes from.</summary>
    Task<Extraction> ExtractAsync(ExtractionBatch batch, CancellationToken cancellationToken);
}

/// <param name="Tokens">What the extraction cost in model tokens (0 offline), for the run's token budget.</param>
public sealed record Extraction(IReadOnlyList<ExtractedAtom> Atoms, long Tokens = 0);

public enum AtomKind
{
    [JsonStringEnumMemberName("decision")] Decision,
    [JsonStringEnumMemberName("problem")] Problem,
    [JsonStringEnumMemberName("solution")] Solution,
    [JsonStringEnumMemberName("question")] Question,
    [JsonStringEnumMemberName("insight")] Insight,
    [JsonStringEnumMemberName("action_item")] ActionItem,
}

/// <summary>Messages of one chat, in date order, threads kept together.</summary>
/// <param name="RunId">The knowledge run the batch belongs to, for accounting its tokens.</param>
public sealed record ExtractionBatch(ChatKey ChatId, IReadOnlyList<BatchMessage> Messages, string? RunId = null);

public sealed record BatchMessage(
    long MessageId, DateTimeOffset Date, string? SenderName, string? SenderUsername, long? ReplyToMessageId, string Text, string? TopicId);

/// <param name="DueDate">When the text gives one (resolved against the cited message's date).</param>
public sealed record ExtractedAtom(
    AtomKind Kind, string Title, string Content, double Confidence, string? TopicId, string? Owner, DateOnly? DueDate, IReadOnlyList<long> SourceMessageIds);
