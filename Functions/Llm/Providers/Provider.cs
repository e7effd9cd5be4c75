using Required = System.ComponentModel.DataAnnotations.RequiredAttribute;
using System.Text.Json.Serialization;
using Sift.Api;

namespace Sift.Llm;

/// <summary>How Sift signs in to Azure OpenAI.</summary>
public enum AzureAuthentication
{
    [JsonStringEnumMemberName("managedIdentity")] ManagedIdentity,
    [JsonStringEnumMemberName("apiKey")] ApiKey,
}

/// <summary>A provider as stored. The API key is held only encrypted (<see cref="Security.SecretProtector"/>) and masked.</summary>
public sealed record ProviderDocument(
    string Id, string Name, ProviderType Type,
    string? Endpoint, string? ChatDeployment, string? EmbeddingDeployment, AzureAuthentication? Authentication, string? ClientId,
    string? BaseUrl, string? Model,
    string? ProtectedApiKey, string? ApiKeyMasked,
    int TimeoutSeconds, int MaxConcurrency, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

/// <summary>A provider as the API shows it: the key masked, never itself; <paramref name="Circuit"/> is its breaker's state now.</summary>
public sealed record ProviderResponse(
    string Id, string Name, ProviderType Type,
    string? Endpoint, string? ChatDeployment, string? EmbeddingDeployment, AzureAuthentication? Authentication, string? ClientId,
    string? BaseUrl, string? Model, string? ApiKeyMasked,
    int TimeoutSeconds, int MaxConcurrency, CircuitState Circuit, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt)
{
    public static ProviderResponse From(ProviderDocument p, IModelCircuits circuits) =>
        new(p.Id, p.Name, p.Type, p.Endpoint, p.ChatDeployment, p.EmbeddingDeployment, p.Authentication, p.ClientId, p.BaseUrl, p.Model,
            p.ApiKeyMasked, p.TimeoutSeconds, p.MaxConcurrency, circuits.StateOf(p.Id), p.CreatedAt, p.UpdatedAt);
}

/// <param name="Type"><c>azure-openai</c>, <c>openai-compatible</c> or <c>offline</c>.</param>
/// <param name="ApiKey">Write-only: stored encrypted, shown as <c>apiKeyMasked</c>.</param>
public sealed record CreateProviderRequest(
    [property: Required] string? Id, string? Name, [property: Required] string? Type,
    string? Endpoint, string? ChatDeployment, string? EmbeddingDeployment, string? Authentication, string? ClientId,
    string? BaseUrl, string? Model, string? ApiKey, int? TimeoutSeconds, int? MaxConcurrency)
{
    internal ProviderInput Input => new(Name, Endpoint, ChatDeployment, EmbeddingDeployment, Authentication, ClientId, BaseUrl, Model, ApiKey, TimeoutSeconds, MaxConcurrency);
}

/// <summary>
/// What a PATCH may change. A field absent or null stays as it is; an empty string clears an
/// optional field, so <c>"apiKey": ""</c> removes the key and a new value replaces it.
/// </summary>
[ImmutableFields("id", "type")]
public sealed record UpdateProviderRequest(
    string? Name, string? Endpoint, string? ChatDeployment, string? EmbeddingDeployment, string? Authentication, string? ClientId,
    string? BaseUrl, string? Model, string? ApiKey, int? TimeoutSeconds, int? MaxConcurrency)
{
    internal ProviderInput Input => new(Name, Endpoint, ChatDeployment, EmbeddingDeployment, Authentication, ClientId, BaseUrl, Model, ApiKey, TimeoutSeconds, MaxConcurrency);
}

/// <summary>The settable fields of a provider, from either request; null means not sent.</summary>
internal sealed record ProviderInput(
    string? Name, string? Endpoint, string? ChatDeployment, string? EmbeddingDeployment, string? Authentication, string? ClientId,
    string? BaseUrl, string? Model, string? ApiKey, int? TimeoutSeconds, int? MaxConcurrency)
{
    /// <summary>The type-specific fields that were sent, by their JSON names.</summary>
    public IEnumerable<string> SentTypeFields()
    {
        (string Field, object? Value)[] fields =
        [
            ("endpoint", Endpoint), ("chatDeployment", ChatDeployment), ("embeddingDeployment", EmbeddingDeployment), ("authentication", Authentication),
            ("clientId", ClientId), ("baseUrl", BaseUrl), ("model", Model), ("apiKey", ApiKey),
        ];
        return fields.Where(f => f.Value is not null).Select(f => f.Field);
    }
}
