using System.Text.Json;
using System.Text.Json.Serialization;

namespace Sift.Llm;

/// <summary>Where models come from: Azure OpenAI, any OpenAI-compatible endpoint (OpenAI, Ollama, vLLM), or the offline analyzer.</summary>
public enum ProviderType
{
    [JsonStringEnumMemberName("azure-openai")] AzureOpenAi,
    [JsonStringEnumMemberName("openai-compatible")] OpenAiCompatible,
    [JsonStringEnumMemberName("offline")] Offline,
}

/// <summary>What an agent is for: the three model ports of the analysis (<c>Analysis/AnalysisPorts.cs</c>).</summary>
public enum AgentPurpose
{
    [JsonStringEnumMemberName("classify")] Classify,
    [JsonStringEnumMemberName("extract")] Extract,
    [JsonStringEnumMemberName("embed")] Embed,
}

/// <summary>
/// Everything one call needs to reach a model, resolved from an agent and its provider. The key is
/// plaintext only here, in memory, for the call; it is never logged or returned.
/// </summary>
/// <param name="Model">The model name, or for Azure OpenAI the deployment name.</param>
/// <param name="ApiKey">Null for Azure OpenAI with Entra ID (managed identity, <paramref name="ClientId"/> for a user-assigned one).</param>
/// <param name="Version">Names the agent and its settings: a change of model or settings makes earlier results stale.</param>
public sealed record ModelTarget(
    string ProviderId, ProviderType Type, Uri Endpoint, string Model, string? ApiKey, string? ClientId,
    string AgentId, double? Temperature, int? MaxOutputTokens, TimeSpan Timeout, int MaxConcurrency, string Version);

public sealed record ModelPrompt(string System, string User);

public sealed record TokenUsage(long InputTokens, long OutputTokens)
{
    public static TokenUsage Zero { get; } = new(0, 0);

    public long Total => InputTokens + OutputTokens;

    public TokenUsage Add(TokenUsage other) => new(InputTokens + other.InputTokens, OutputTokens + other.OutputTokens);
}

/// <param name="Calls">Requests it took, retries included; <paramref name="Usage"/> adds up every one of them.</param>
public sealed record ModelAnswer<T>(T Value, TokenUsage Usage, int Calls);

/// <summary>
/// The one client for language models, for every provider type. Every call goes through the
/// provider's resilience pipeline: a timeout per attempt, retries with jitter on 408/429/5xx that
/// honour <c>Retry-After</c> and <c>retry-after-ms</c>, a circuit breaker and a concurrency cap
/// per provider. The SDK's own retries are off, so this is the only retry policy.
/// </summary>
public interface IModelClient
{
    /// <summary>
    /// A chat completion constrained by a strict JSON schema (<c>response_format: json_schema</c>).
    /// An answer that is not JSON, or that <paramref name="validate"/> refuses (it returns the
    /// reason, or null when the answer is good), is asked for once more with the reason; a second
    /// bad answer throws <see cref="ModelOutputException"/>.
    /// </summary>
    Task<ModelAnswer<JsonElement>> CompleteJsonAsync(
        ModelTarget target, ModelPrompt prompt, string schemaName, BinaryData jsonSchema, Func<JsonElement, string?> validate, CancellationToken cancellationToken);

    /// <returns>One vector per input, in order.</returns>
    Task<ModelAnswer<IReadOnlyList<float[]>>> EmbedAsync(ModelTarget target, IReadOnlyList<string> inputs, CancellationToken cancellationToken);
}

/// <summary>The model could not be reached or kept failing: retries exhausted, the call timed out, or the provider's circuit is open.</summary>
public sealed class ModelUnavailableException(string providerId, string reason, Exception? inner = null)
    : Exception($"Provider '{providerId}' is unavailable: {reason}", inner)
{
    public string ProviderId { get; } = providerId;
}

/// <summary>The model answered twice with output that does not fit the schema.</summary>
public sealed class ModelOutputException(string providerId, string reason, TokenUsage usage)
    : Exception($"Provider '{providerId}' answered twice with output that does not fit the schema: {reason}")
{
    public TokenUsage Usage { get; } = usage;
}

public enum CircuitState
{
    [JsonStringEnumMemberName("closed")] Closed,
    [JsonStringEnumMemberName("open")] Open,
    [JsonStringEnumMemberName("half-open")] HalfOpen,
}

/// <summary>The circuit breaker of each provider that has been called, for <c>/api/providers</c> and <c>/api/health/ready</c>.</summary>
public interface IModelCircuits
{
    /// <returns>Closed for a provider not called yet.</returns>
    CircuitState StateOf(string providerId);
}
