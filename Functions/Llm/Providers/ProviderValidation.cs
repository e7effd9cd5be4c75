using System.Text.RegularExpressions;
using Sift.Api;
using Sift.Security;

namespace Sift.Llm;

/// <summary>
/// Builds a provider from what is stored and what a request sends, checking every field and
/// reporting all errors at once. Error messages never echo an API key.
/// </summary>
internal static partial class ProviderValidation
{
    public const int DefaultTimeoutSeconds = 60;
    public const int MaxTimeoutSeconds = 600;
    public const int DefaultMaxConcurrency = 4;
    public const int MaxMaxConcurrency = 64;
    private const int MaxNameLength = 100;
    private const int MaxModelLength = 200;
    private const int MaxKeyLength = 1000;

    /// <summary>
    /// The hosts of Azure OpenAI resources: the resource's own subdomain (global, Azure Government,
    /// Azure operated by 21Vianet), its custom subdomain, and an AI Foundry resource. Sift signs in
    /// to these with its managed identity, so an endpoint elsewhere would receive the identity's token.
    /// </summary>
    internal static readonly string[] AzureHostSuffixes =
    [
        ".openai.azure.com", ".cognitiveservices.azure.com", ".services.ai.azure.com",
        ".openai.azure.us", ".cognitiveservices.azure.us",
        ".openai.azure.cn", ".cognitiveservices.azure.cn",
    ];

    private static readonly Dictionary<ProviderType, string[]> TypeFields = new()
    {
        [ProviderType.AzureOpenAi] = ["endpoint", "chatDeployment", "embeddingDeployment", "authentication", "clientId", "apiKey"],
        [ProviderType.OpenAiCompatible] = ["baseUrl", "model", "apiKey"],
        [ProviderType.Offline] = [],
    };

    /// <param name="stored">Null on create.</param>
    public static ProviderDocument Build(
        string id, ProviderType type, ProviderDocument? stored, ProviderInput input, SecretProtector secrets, DateTimeOffset now)
    {
        var errors = new Dictionary<string, string[]>();
        foreach (var field in input.SentTypeFields().Where(f => !TypeFields[type].Contains(f)))
        {
            errors[field] = [$"{field} does not apply to {EnumQuery.Name(type)} providers."];
        }

        var name = input.Name is null ? stored?.Name ?? id : input.Name.Trim();
        Check(errors, "name", name.Length is > 0 and <= MaxNameLength, $"name is 1-{MaxNameLength} characters.");
        var timeout = input.TimeoutSeconds ?? stored?.TimeoutSeconds ?? DefaultTimeoutSeconds;
        Check(errors, "timeoutSeconds", timeout is >= 1 and <= MaxTimeoutSeconds, $"timeoutSeconds is between 1 and {MaxTimeoutSeconds}.");
        var concurrency = input.MaxConcurrency ?? stored?.MaxConcurrency ?? DefaultMaxConcurrency;
        Check(errors, "maxConcurrency", concurrency is >= 1 and <= MaxMaxConcurrency, $"maxConcurrency is between 1 and {MaxMaxConcurrency}.");

        var provider = new ProviderDocument(id, name, type, null, null, null, null, null, null, null, null, null, timeout, concurrency, stored?.CreatedAt ?? now, now);
        provider = type switch
        {
            ProviderType.AzureOpenAi => AzureOpenAi(provider, stored, input, errors),
            ProviderType.OpenAiCompatible => OpenAiCompatible(provider, stored, input, errors),
            _ => provider,
        };
        if (TypeFields[type].Contains("apiKey"))
        {
            provider = WithKey(provider, stored, input.ApiKey, secrets, errors);
        }

        return errors.Count > 0 ? throw new ValidationException(errors) : provider;
    }

    private static ProviderDocument AzureOpenAi(ProviderDocument provider, ProviderDocument? stored, ProviderInput input, Dictionary<string, string[]> errors)
    {
        var endpoint = Text(input.Endpoint, stored?.Endpoint);
        Check(errors, "endpoint", IsUrl(endpoint, httpsOnly: true), "endpoint is required: the resource's https URL (e.g. https://my-resource.openai.azure.com), without credentials.");
        Check(errors, "endpoint", !IsUrl(endpoint, httpsOnly: true) || IsAzureHost(new Uri(endpoint!).IdnHost),
            $"endpoint must be an Azure OpenAI resource, a host ending in {string.Join(", ", AzureHostSuffixes)}.");
        var chat = Text(input.ChatDeployment, stored?.ChatDeployment);
        var embedding = Text(input.EmbeddingDeployment, stored?.EmbeddingDeployment);
        Check(errors, "chatDeployment", chat is null || DeploymentName().IsMatch(chat), "chatDeployment is 1-64 characters of letters, digits, '.', '_' and '-'.");
        Check(errors, "embeddingDeployment", embedding is null || DeploymentName().IsMatch(embedding), "embeddingDeployment is 1-64 characters of letters, digits, '.', '_' and '-'.");
        Check(errors, "chatDeployment", chat is not null || embedding is not null, "chatDeployment or embeddingDeployment is required.");

        var authentication = input.Authentication is null ? stored?.Authentication ?? AzureAuthentication.ManagedIdentity : Parse(input.Authentication, errors);
        // Switching to a key drops a client id that was not sent, as switching to the identity drops the key (WithKey).
        var clientId = authentication == AzureAuthentication.ManagedIdentity || input.ClientId is not null ? Text(input.ClientId, stored?.ClientId) : null;
        Check(errors, "clientId", clientId is null || authentication == AzureAuthentication.ManagedIdentity, "clientId applies only to authentication managedIdentity.");
        Check(errors, "clientId", clientId is null || Guid.TryParse(clientId, out _), "clientId is the client id (a GUID) of a user-assigned managed identity.");
        return provider with { Endpoint = endpoint, ChatDeployment = chat, EmbeddingDeployment = embedding, Authentication = authentication, ClientId = clientId };
    }

    private static ProviderDocument OpenAiCompatible(ProviderDocument provider, ProviderDocument? stored, ProviderInput input, Dictionary<string, string[]> errors)
    {
        var baseUrl = Text(input.BaseUrl, stored?.BaseUrl);
        Check(errors, "baseUrl", IsUrl(baseUrl, httpsOnly: false), "baseUrl is required: an http(s) URL such as https://api.openai.com/v1, without credentials.");
        var model = Text(input.Model, stored?.Model);
        Check(errors, "model", model is { Length: <= MaxModelLength }, $"model is required, at most {MaxModelLength} characters.");
        return provider with { BaseUrl = baseUrl, Model = model };
    }

    /// <summary>null keeps the stored key, "" removes it, anything else replaces it (re-encrypted only when it differs).</summary>
    private static ProviderDocument WithKey(ProviderDocument provider, ProviderDocument? stored, string? apiKey, SecretProtector secrets, Dictionary<string, string[]> errors)
    {
        var identity = provider.Authentication == AzureAuthentication.ManagedIdentity;
        if (apiKey is { Length: > 0 })
        {
            Check(errors, "apiKey", !identity, "apiKey needs authentication apiKey; with managedIdentity Sift signs in with its identity.");
            Check(errors, "apiKey", apiKey.Length <= MaxKeyLength && !apiKey.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)),
                $"apiKey is at most {MaxKeyLength} characters without spaces or control characters.");
            var same = stored?.ProtectedApiKey is { } protectedKey && Unprotect(secrets, protectedKey, provider.Id) == apiKey;
            return same ? provider with { ProtectedApiKey = stored!.ProtectedApiKey, ApiKeyMasked = stored.ApiKeyMasked }
                : provider with { ProtectedApiKey = secrets.Protect(apiKey, ProviderCatalog.KeyBinding(provider.Id)), ApiKeyMasked = SecretProtector.Mask(apiKey) };
        }

        var kept = apiKey is null && !identity ? stored : null;
        // A key belongs to the host it was given for: a new host gets it only when it is sent again.
        Check(errors, "apiKey", kept?.ProtectedApiKey is null || SameOrigin(Url(stored!), Url(provider)),
            "apiKey must be sent again when the endpoint moves to another host (or \"\" for none): a stored key is sent only to the host it was given for.");
        Check(errors, "apiKey", kept?.ProtectedApiKey is not null || provider.Authentication != AzureAuthentication.ApiKey, "apiKey is required with authentication apiKey.");
        return provider with { ProtectedApiKey = kept?.ProtectedApiKey, ApiKeyMasked = kept?.ApiKeyMasked };
    }

    private static string? Unprotect(SecretProtector secrets, string protectedKey, string providerId)
    {
        try
        {
            return secrets.Unprotect(protectedKey, ProviderCatalog.KeyBinding(providerId));
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return null;
        }
    }

    private static AzureAuthentication Parse(string value, Dictionary<string, string[]> errors)
    {
        try
        {
            return EnumQuery.Parse<AzureAuthentication>(value, "authentication")!.Value;
        }
        catch (ValidationException e)
        {
            errors["authentication"] = [e.Message];
            return AzureAuthentication.ManagedIdentity;
        }
    }

    /// <summary>The sent value trimmed (an empty string clears it), else the stored one.</summary>
    private static string? Text(string? sent, string? stored) => sent is null ? stored : sent.Trim() is { Length: > 0 } value ? value : null;

    private static string? Url(ProviderDocument provider) => provider.Type == ProviderType.AzureOpenAi ? provider.Endpoint : provider.BaseUrl;

    private static bool SameOrigin(string? a, string? b) =>
        Uri.TryCreate(a, UriKind.Absolute, out var first) && Uri.TryCreate(b, UriKind.Absolute, out var second)
        && Uri.Compare(first, second, UriComponents.SchemeAndServer, UriFormat.Unescaped, StringComparison.OrdinalIgnoreCase) == 0;

    private static bool IsAzureHost(string host) =>
        AzureHostSuffixes.Any(suffix => host.Length > suffix.Length && host.EndsWith(suffix, StringComparison.OrdinalIgnoreCase));

    private static bool IsUrl(string? value, bool httpsOnly) =>
        Uri.TryCreate(value, UriKind.Absolute, out var url) && (url.Scheme == "https" || (!httpsOnly && url.Scheme == "http"))
        && url.UserInfo.Length == 0 && url.Query.Length == 0 && url.Fragment.Length == 0;

    private static void Check(Dictionary<string, string[]> errors, string field, bool ok, string error)
    {
        if (!ok && !errors.ContainsKey(field))
        {
            errors[field] = [error];
        }
    }

    [GeneratedRegex("^[A-Za-z0-9._-]{1,64}$")]
    private static partial Regex DeploymentName();
}
