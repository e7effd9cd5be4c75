using System.Security.Cryptography;
using System.Text;
using Sift.Analysis.Labels;
using Sift.Analysis.Scoring;
using Sift.Api;
using Sift.Events;
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
public sealed partial class MessageAnalyzer(
    IDocumentStore store, TopicCatalog topics, IModelPurposes purposes, ITopicClassifier offlineClassifier, IEmbedder offlineEmbedder, ISearchIndex search,
    LabelMemory labels, EventJournal events, TimeProvider clock, ILogger<MessageAnalyzer> logger)
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
        var learned = (await labels.CurrentAsync(cancellationToken)).Evidence(message);
        var score = SignalScorer.Score(message, new ScoringContext(recent.Items, replies, learned));
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
        // Indexed first: a crash before the message is written leaves the request to redo, and re-indexing is an upsert.
        var details = new SearchEntry(message.Key.ToString(), message.MessageId, message.Date, message.Text ?? "", [], "", EnumQuery.Name(message.Label?.Class ?? score.Class), message.Sender?.Id,
            message.Sender?.Name ?? message.Sender?.Username, matches.Select(m => m.TopicId).ToList());
        var (embeddingVersion, fallback) = same is null ? await EmbedAndIndexAsync(details, text, embedder, cancellationToken) : (same.EmbeddingVersion, same.EmbeddingFallback);
        if (same is not null && same.Class != (message.Label?.Class ?? score.Class))
        {
            await search.ReclassifyAsync(details.Chat, message.MessageId, details.Class, cancellationToken);
        }

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
            EmbeddingVersion = embeddingVersion,
            EmbeddingFallback = fallback,
            AnalyzedAt = clock.GetUtcNow(),
        };

        var saved = await store.ModifyAsync<MessageDocument>(MessageStore.Messages, message.Key.ToString(), message.Id, stored =>
            stored is null || TextHash(stored.Text) != textHash || stored.Analysis is { } other && inputs.Match(other)
                ? null
                : stored with { Analysis = analysis.For(stored.Label) }, cancellationToken, etag is null ? null : new Stored<MessageDocument>(message, etag));
        if (saved.Value?.Analysis is { } written && EnumQuery.Name(written.Class) != details.Class)
        {
            // A person labelled the message while it was analysed: search follows the label the message shows.
            await search.ReclassifyAsync(details.Chat, message.MessageId, EnumQuery.Name(written.Class), cancellationToken);
        }

        if (saved.Outcome != ModifyOutcome.Unchanged)
        {
            await events.MessageAnalyzedAsync(saved.Value!, saved.Value!.Analysis!, cancellationToken);
        }

        return new AnalysisResult(saved.Value?.Analysis ?? analysis.For(message.Label), saved.Outcome != ModifyOutcome.Unchanged);
    }

    /// <summary>
    /// Embeds the text and indexes it for search. A model embedder that fails (unreachable after
    /// its retries, or an answer that cannot be read) never fails the analysis: nothing else needs
    /// the model's vector, so the offline embedder stands in and the analysis says so. Its inputs
    /// then name the offline embedder, so the next analysis of the message asks the model again.
    /// </summary>
    /// <returns>The embedder whose vector was indexed, and why it is not the one asked for, if it is not.</returns>
    /// <param name="entry">The message's search entry but its embedding.</param>
    /// <param name="text">What is embedded: the analysed prefix of the entry's text.</param>
    private async Task<(string Version, string? Fallback)> EmbedAndIndexAsync(SearchEntry entry, string text, IEmbedder embedder, CancellationToken cancellationToken)
    {
        var (used, fallback) = (embedder, (string?)null);
        float[] embedding;
        try
        {
            embedding = await embedder.EmbedAsync(text, cancellationToken);
        }
        catch (Exception e) when (embedder != offlineEmbedder && e is not OperationCanceledException)
        {
            (used, fallback) = (offlineEmbedder, $"The embedder {embedder.Version} failed ({e.Message}); the offline embedder stood in.");
            LogEmbeddingFallback(logger, entry.Chat, entry.MessageId, embedder.Version, e.Message);
            embedding = await offlineEmbedder.EmbedAsync(text, cancellationToken);
        }

        await search.IndexAsync(entry with { Embedding = embedding, EmbeddingVersion = used.Version }, cancellationToken);
        return (used.Version, fallback);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Message {Chat}:{MessageId} was embedded offline: the embedder {Embedder} failed: {Reason}")]
    private static partial void LogEmbeddingFallback(ILogger logger, string chat, long messageId, string embedder, string reason);

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
