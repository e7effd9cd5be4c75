using System.Security.Cryptography;
using System.Text;
using Sift.Analysis.Scoring;
using Sift.Messages;
using Sift.Storage;
using Sift.Topics;

namespace Sift.Analysis;

/// <summary>
/// The one analysis path, for the queue function and for reanalysis runs alike: importance and
/// class from the signal scorer, topics from the classifier, an embedding indexed for search, all
/// recorded on the message with the inputs they came from. Safe to run twice and concurrently:
/// the search entry is an idempotent upsert, and the message is written with its ETag only while
/// it still holds the analysed text. Only a message the scorer finds signal reaches the models
/// <see cref="IModelPurposes"/> names; the rest are classified and embedded by the offline
/// analyzer (the registered <see cref="ITopicClassifier"/> and <see cref="IEmbedder"/>), at no cost.
/// </summary>
public sealed class MessageAnalyzer(
    IDocumentStore store, TopicCatalog topics, IModelPurposes purposes, ITopicClassifier offlineClassifier, IEmbedder offlineEmbedder, ISearchIndex search,
    TimeProvider clock)
{
    /// <summary>Replies beyond this add nothing to a message's importance, so they need not reanalyse it.</summary>
    public const int MaxReplies = 5;

    /// <summary>How far back, and how many, earlier messages of the chat a message is compared with for near-duplicates.</summary>
    public static readonly TimeSpan RecentWindow = TimeSpan.FromHours(24);
    public const int RecentLimit = 50;

    /// <param name="etag">The ETag <paramref name="message"/> was read with, if the caller has it: it saves a read before the write.</param>
    /// <returns>The analysis the message holds now (the stored one when it was current), and whether this call made it.</returns>
    public async Task<AnalysisResult> AnalyzeAsync(MessageDocument message, CancellationToken cancellationToken, string? etag = null)
    {
        var topicSet = await topics.CurrentAsync(cancellationToken);
        var replies = (int)Math.Min(MaxReplies, await store.CountAsync(MessageStore.Messages, RepliesTo(message), cancellationToken));
        var textHash = TextHash(message.Text);
        // Checked before the scoring reads the chat's recent messages: a redelivery or a duplicate request costs two small reads.
        if (message.Analysis is { } current && (await InputsAsync(current.IsSignal, textHash, topicSet.Version, replies, cancellationToken)).Inputs.Match(current))
        {
            return new AnalysisResult(current, Changed: false);
        }

        var recent = await store.QueryAsync<RecentMessage>(MessageStore.Messages, RecentBefore(message), cancellationToken);
        var score = SignalScorer.Score(message, new ScoringContext(recent.Items, replies));
        var (inputs, classifier, embedder) = await InputsAsync(score.Class is MessageClass.Signal or MessageClass.HighQuality, textHash, topicSet.Version, replies, cancellationToken);
        if (message.Analysis is { } scored && inputs.Match(scored))
        {
            return new AnalysisResult(scored, Changed: false);
        }

        // Topics and the embedding read the prefix the scorer read; search indexes the whole text.
        var text = AnalysedText.Of(message.Text);
        // Only the reply count moved (a reply arrived): the text's topics and vector stand, so no model is asked again.
        var same = message.Analysis is { } earlier && inputs with { Replies = earlier.Replies } == AnalysisInputs.Of(earlier) ? earlier : null;
        var matches = same?.Topics ?? await classifier.ClassifyAsync(text, topicSet.Topics, cancellationToken);
        var analysis = new MessageAnalysis
        {
            TextHash = textHash,
            AnalyzerVersion = inputs.AnalyzerVersion,
            TopicsVersion = topicSet.Version,
            Replies = replies,
            Importance = Math.Round(score.Importance, 4),
            Class = score.Class,
            Factors = score.Factors,
            Topics = matches,
            TopicIds = matches.Select(m => m.TopicId).ToList(),
            EmbeddingVersion = embedder.Version,
            AnalyzedAt = clock.GetUtcNow(),
        };

        // Indexed first: a crash before the message is written leaves the request to redo, and re-indexing is an upsert.
        if (same is null)
        {
            var embedding = await embedder.EmbedAsync(text, cancellationToken);
            await search.IndexAsync(new SearchEntry(message.Key.ToString(), message.MessageId, message.Date, message.Text ?? "", embedding, embedder.Version), cancellationToken);
        }

        var saved = await store.ModifyAsync<MessageDocument>(MessageStore.Messages, message.Key.ToString(), message.Id, stored =>
            stored is null || TextHash(stored.Text) != textHash || stored.Analysis is { } other && inputs.Match(other)
                ? null
                : stored with { Analysis = analysis }, cancellationToken, etag is null ? null : new Stored<MessageDocument>(message, etag));
        return new AnalysisResult(saved.Value?.Analysis ?? analysis, saved.Outcome != ModifyOutcome.Unchanged);
    }

    /// <summary>What an analysis of the text would be computed from, and by which implementations: the models for signal, the offline analyzer for the rest.</summary>
    private async Task<(AnalysisInputs Inputs, ITopicClassifier Classifier, IEmbedder Embedder)> InputsAsync(
        bool isSignal, string textHash, string topicsVersion, int replies, CancellationToken cancellationToken)
    {
        var classifier = isSignal ? await purposes.ClassifierAsync(cancellationToken) : offlineClassifier;
        var embedder = isSignal ? await purposes.EmbedderAsync(cancellationToken) : offlineEmbedder;
        return (new AnalysisInputs(textHash, $"{SignalScorer.Version}+{classifier.Version}", embedder.Version, topicsVersion, replies), classifier, embedder);
    }

    /// <summary>What identifies the analysed version of a message: a digest of its text.</summary>
    public static string TextHash(string? text) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text ?? "")))[..16];

    /// <summary>What an analysis is computed from: one that records the same is current.</summary>
    private sealed record AnalysisInputs(string TextHash, string AnalyzerVersion, string EmbeddingVersion, string TopicsVersion, int Replies)
    {
        public static AnalysisInputs Of(MessageAnalysis analysis) =>
            new(analysis.TextHash, analysis.AnalyzerVersion, analysis.EmbeddingVersion, analysis.TopicsVersion, analysis.Replies);

        public bool Match(MessageAnalysis analysis) => this == Of(analysis);
    }

    private static DocumentQuery RepliesTo(MessageDocument message) => new()
    {
        Partition = message.Key.ToString(),
        Equal = new Dictionary<string, object> { [MessageStore.ReplyField] = message.MessageId },
    };

    private static DocumentQuery RecentBefore(MessageDocument message) =>
        new DocumentQuery { Partition = message.Key.ToString(), SortField = MessageStore.DateField, Limit = RecentLimit }
            .Within(message.Date - RecentWindow, message.Date);
}

public sealed record AnalysisResult(MessageAnalysis Analysis, bool Changed);
