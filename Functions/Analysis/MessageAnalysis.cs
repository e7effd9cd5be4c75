using System.Text.Json.Serialization;

namespace Sift.Analysis;

/// <summary>What a message is worth reading for, from most to least: the names are the API's and the stored documents'.</summary>
public enum MessageClass
{
    [JsonStringEnumMemberName("high_quality")] HighQuality,
    [JsonStringEnumMemberName("signal")] Signal,
    [JsonStringEnumMemberName("low_quality")] LowQuality,
    [JsonStringEnumMemberName("noise")] Noise,
    [JsonStringEnumMemberName("spam")] Spam,
}

/// <summary>
/// The analysis of one version of a message, kept on the message document. It says which text
/// (<see cref="TextHash"/>) and which analyzer, topics and reply count it was computed from, so a
/// redelivered analysis request for the same inputs changes nothing.
/// </summary>
public sealed record MessageAnalysis
{
    public required string TextHash { get; init; }
    public required string AnalyzerVersion { get; init; }
    public required string TopicsVersion { get; init; }

    /// <summary>Replies the message had when analysed (a factor of its importance), capped at <see cref="AnalysisKey.MaxReplies"/>.</summary>
    public int Replies { get; init; }

    /// <summary>0..1.</summary>
    public required double Importance { get; init; }
    public required MessageClass Class { get; init; }

    /// <summary>What decided <see cref="Importance"/> and <see cref="Class"/>, largest weight first.</summary>
    public IReadOnlyList<AnalysisFactor> Factors { get; init; } = [];

    /// <summary>While a person's label decides <see cref="Class"/>: the class and importance the model gave; null otherwise.</summary>
    public MessageClass? ModelClass { get; init; }
    public double? ModelImportance { get; init; }

    /// <summary>The best topics, at most three, highest confidence first; <c>uncategorized</c> when none matched.</summary>
    public IReadOnlyList<TopicMatch> Topics { get; init; } = [];

    /// <summary>The ids of <see cref="Topics"/>, for the <c>topicId</c> filter.</summary>
    public IReadOnlyList<string> TopicIds { get; init; } = [];
    public required string EmbeddingVersion { get; init; }

    /// <summary>Why the offline embedder stood in for the model that serves the embed purpose (it failed); null when it did not.</summary>
    public string? EmbeddingFallback { get; init; }
    public required DateTimeOffset AnalyzedAt { get; init; }

    /// <summary>Signal enough to read and to extract knowledge from.</summary>
    public bool IsSignal => Class is MessageClass.Signal or MessageClass.HighQuality;
}

/// <summary>One reason behind a score: a positive weight raised the importance, a negative one lowered it.</summary>
public sealed record AnalysisFactor(string Name, double Weight, string? Detail = null);

public sealed record TopicMatch(string TopicId, string Name, double Confidence)
{
    public const string UncategorizedId = "uncategorized";
}
