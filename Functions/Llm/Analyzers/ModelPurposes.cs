using Sift.Analysis;

namespace Sift.Llm;

/// <summary>
/// Which implementation serves each purpose now: the agent the settings name for it, called
/// through the one model client, or the offline analyzer (the registered ports) when the setting
/// says <c>offline</c>. Resolved per use, so an edited agent takes effect within the directory's cache time.
/// </summary>
internal sealed class ModelPurposes(
    IAgentDirectory agents, IModelClient client, IUsageLedger usage, ModelPrivacy privacy, TimeProvider clock,
    ITopicClassifier offlineClassifier, IEmbedder offlineEmbedder, IKnowledgeExtractor offlineExtractor) : IModelPurposes
{
    public async Task<ITopicClassifier> ClassifierAsync(CancellationToken cancellationToken) =>
        await agents.ResolveAsync(AgentPurpose.Classify, cancellationToken) is { } target
            ? new ModelTopicClassifier(client, target, Calls(target, AgentPurpose.Classify), privacy)
            : offlineClassifier;

    public async Task<IEmbedder> EmbedderAsync(CancellationToken cancellationToken) =>
        await agents.ResolveAsync(AgentPurpose.Embed, cancellationToken) is { } target
            ? new ModelEmbedder(client, target, Calls(target, AgentPurpose.Embed), privacy)
            : offlineEmbedder;

    public async Task<IKnowledgeExtractor> ExtractorAsync(CancellationToken cancellationToken) =>
        await agents.ResolveAsync(AgentPurpose.Extract, cancellationToken) is { } target
            ? new ModelKnowledgeExtractor(client, target, Calls(target, AgentPurpose.Extract), privacy)
            : offlineExtractor;

    private ModelCalls Calls(ModelTarget target, AgentPurpose purpose) => new(target, purpose, usage, clock);
}

/// <summary>Records what each call of one agent cost, whether it succeeded or not (a refused answer costs tokens too).</summary>
internal sealed class ModelCalls(ModelTarget target, AgentPurpose purpose, IUsageLedger usage, TimeProvider clock)
{
    public Task RecordAsync(TokenUsage tokens, int calls, string? runId, CancellationToken cancellationToken) =>
        usage.RecordAsync(Guid.NewGuid().ToString("N"), new UsageRecord(target.AgentId, target.ProviderId, purpose, runId, tokens, calls, clock.GetUtcNow()), cancellationToken);
}
