namespace Sift.Analysis;

/// <summary>Every purpose served by the registered default implementations: the offline analyzer, unless a language-model setup replaces this.</summary>
internal sealed class OfflinePurposes(ITopicClassifier classifier, IEmbedder embedder, IKnowledgeExtractor extractor) : IModelPurposes
{
    public Task<ITopicClassifier> ClassifierAsync(CancellationToken cancellationToken) => Task.FromResult(classifier);

    public Task<IEmbedder> EmbedderAsync(CancellationToken cancellationToken) => Task.FromResult(embedder);

    public Task<IKnowledgeExtractor> ExtractorAsync(CancellationToken cancellationToken) => Task.FromResult(extractor);
}
