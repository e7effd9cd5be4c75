using Required = System.ComponentModel.DataAnnotations.RequiredAttribute;
using Sift.Api;

namespace Sift.Llm;

/// <param name="Model">The model, or for Azure OpenAI the deployment; null takes the provider's (its model, or its chat or embedding deployment by purpose).</param>
public sealed record AgentDocument(
    string Id, string Name, string ProviderId, AgentPurpose Purpose, string? Model, double? Temperature, int? MaxOutputTokens,
    DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

public sealed record AgentResponse(
    string Id, string Name, string ProviderId, AgentPurpose Purpose, string? Model, double? Temperature, int? MaxOutputTokens,
    DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt)
{
    public static AgentResponse From(AgentDocument a) =>
        new(a.Id, a.Name, a.ProviderId, a.Purpose, a.Model, a.Temperature, a.MaxOutputTokens, a.CreatedAt, a.UpdatedAt);
}

/// <param name="Purpose"><c>classify</c>, <c>extract</c> or <c>embed</c>.</param>
public sealed record CreateAgentRequest(
    [property: Required] string? Id, string? Name, [property: Required] string? ProviderId, [property: Required] string? Purpose,
    string? Model, double? Temperature, int? MaxOutputTokens);

/// <summary>What a PATCH may change; absent or null stays, <c>"model": ""</c> goes back to the provider's default.</summary>
[ImmutableFields("id", "purpose")]
public sealed record UpdateAgentRequest(string? Name, string? ProviderId, string? Model, double? Temperature, int? MaxOutputTokens);

/// <summary>The limits of an agent, checked field by field and reported all at once.</summary>
internal static class AgentValidation
{
    public const double MaxTemperature = 2;
    public const int MaxOutputTokensLimit = 32768;
    private const int MaxNameLength = 100;
    private const int MaxModelLength = 200;

    /// <param name="provider">The agent's provider, or null when it does not exist.</param>
    public static AgentDocument Check(AgentDocument agent, ProviderDocument? provider)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(agent.Name) || agent.Name.Length > MaxNameLength)
        {
            errors["name"] = [$"name is 1-{MaxNameLength} characters."];
        }

        if (provider is null)
        {
            errors["providerId"] = [$"providerId must name an existing provider (no provider '{ProblemTitles.Echo(agent.ProviderId)}')."];
        }
        else if (agent.Model is null && DefaultModel(provider, agent.Purpose) is null && provider.Type != ProviderType.Offline)
        {
            errors["model"] = [$"model is required: provider '{provider.Id}' has no {(agent.Purpose == AgentPurpose.Embed ? "embeddingDeployment" : "chatDeployment")} to default to."];
        }

        if (agent.Model is { Length: > MaxModelLength })
        {
            errors["model"] = [$"model is at most {MaxModelLength} characters."];
        }

        var generates = agent.Purpose != AgentPurpose.Embed;
        if (agent.Temperature is { } t && (!generates || t is < 0 or > MaxTemperature || double.IsNaN(t)))
        {
            errors["temperature"] = [generates ? $"temperature is between 0 and {MaxTemperature}." : "temperature does not apply to embed agents."];
        }

        if (agent.MaxOutputTokens is { } m && (!generates || m is < 1 or > MaxOutputTokensLimit))
        {
            errors["maxOutputTokens"] = [generates ? $"maxOutputTokens is between 1 and {MaxOutputTokensLimit}." : "maxOutputTokens does not apply to embed agents."];
        }

        return errors.Count > 0 ? throw new ValidationException(errors) : agent;
    }

    /// <summary>The model an agent without one uses: the provider's model, or its deployment for the purpose.</summary>
    public static string? DefaultModel(ProviderDocument provider, AgentPurpose purpose) => provider.Type switch
    {
        ProviderType.AzureOpenAi => purpose == AgentPurpose.Embed ? provider.EmbeddingDeployment : provider.ChatDeployment,
        ProviderType.OpenAiCompatible => provider.Model,
        _ => null,
    };
}
