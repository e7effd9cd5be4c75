using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using Sift.Api;
using Sift.Security;
using Sift.Storage;

namespace Sift.Llm;

/// <summary>
/// Resolves the agent each purpose's setting names into a <see cref="ModelTarget"/>, cached for
/// <see cref="CacheFor"/> so a burst of calls costs two reads; a change reaches every instance
/// within that time (at once on the instance that made it). The key is decrypted only here, in memory.
/// </summary>
/// <remarks>An agent whose provider is of type <c>offline</c> resolves to null, like the setting <c>offline</c>:
/// moving an agent to an offline provider switches the purpose back to the offline analyzer without a restart.</remarks>
public sealed class AgentDirectory(IDocumentStore store, SecretProtector secrets, IOptions<LlmOptions> options, TimeProvider clock) : IAgentDirectory
{
    public static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(5);

    /// <summary>The provider a <see cref="ModelUnavailableException"/> names when the setting names no agent that exists.</summary>
    private const string Unknown = "(unknown)";
    private readonly ConcurrentDictionary<AgentPurpose, Cached> cache = new();

    public async Task<ModelTarget?> ResolveAsync(AgentPurpose purpose, CancellationToken cancellationToken)
    {
        if (options.Value.Agents.AgentFor(purpose) is not { } agentId)
        {
            return null;
        }

        if (cache.TryGetValue(purpose, out var cached) && cached.AgentId == agentId && clock.GetUtcNow() - cached.ReadAt < CacheFor)
        {
            return cached.Target;
        }

        var target = await ReadAsync(purpose, agentId, cancellationToken);
        cache[purpose] = new Cached(agentId, target, clock.GetUtcNow());
        return target;
    }

    /// <summary>Drops what is cached, after an agent or a provider changed on this instance.</summary>
    public void Forget() => cache.Clear();

    private async Task<ModelTarget?> ReadAsync(AgentPurpose purpose, string agentId, CancellationToken cancellationToken)
    {
        var setting = $"Llm:Agents:{purpose}";
        var agent = (await store.GetAsync<AgentDocument>(AgentCatalog.Collection, AgentCatalog.Partition, agentId, cancellationToken))?.Value
            ?? throw new ModelUnavailableException(Unknown, $"{setting} names agent '{agentId}', which does not exist.");
        if (agent.Purpose != purpose)
        {
            throw new ModelUnavailableException(agent.ProviderId,
                $"{setting} names agent '{agentId}', which is for {EnumQuery.Name(agent.Purpose)}, not {EnumQuery.Name(purpose)}.");
        }

        var provider = (await store.GetAsync<ProviderDocument>(ProviderCatalog.Collection, ProviderCatalog.Partition, agent.ProviderId, cancellationToken))?.Value
            ?? throw new ModelUnavailableException(agent.ProviderId, $"agent '{agentId}' names provider '{agent.ProviderId}', which does not exist.");
        if (provider.Type == ProviderType.Offline)
        {
            return null;
        }

        var model = agent.Model ?? AgentValidation.DefaultModel(provider, purpose)
            ?? throw new ModelUnavailableException(provider.Id, $"agent '{agentId}' names no model and the provider has none for {EnumQuery.Name(purpose)}.");
        var endpoint = provider.Type == ProviderType.AzureOpenAi ? provider.Endpoint : provider.BaseUrl;
        return new ModelTarget(
            provider.Id, provider.Type, new Uri(endpoint!), model, Key(provider), provider.ClientId,
            agent.Id, agent.Temperature, agent.MaxOutputTokens, TimeSpan.FromSeconds(provider.TimeoutSeconds), provider.MaxConcurrency,
            $"{agent.Id}:{model}:{agent.UpdatedAt.UtcTicks.ToString(CultureInfo.InvariantCulture)}");
    }

    private string? Key(ProviderDocument provider)
    {
        try
        {
            return provider.ProtectedApiKey is { } protectedKey ? secrets.Unprotect(protectedKey, ProviderCatalog.KeyBinding(provider.Id)) : null;
        }
        catch (CryptographicException e)
        {
            throw new ModelUnavailableException(provider.Id, "its API key cannot be decrypted with the current Secrets:Key; set the key again with PATCH /api/providers/{id}.", e);
        }
    }

    private sealed record Cached(string AgentId, ModelTarget? Target, DateTimeOffset ReadAt);
}
