using System.Collections.Concurrent;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Sift.Llm;
using Sift.Tests.Infrastructure;

namespace Sift.Tests.Llm;

/// <summary>Circuit states a test sets, standing in for the model client's breakers.</summary>
internal sealed class FakeCircuits : IModelCircuits
{
    private readonly ConcurrentDictionary<string, CircuitState> states = new(StringComparer.Ordinal);

    public void Set(string providerId, CircuitState state) => states[providerId] = state;

    public CircuitState StateOf(string providerId) => states.GetValueOrDefault(providerId, CircuitState.Closed);
}

internal static class LlmApps
{
    public const string OpenAiKey = "sk-test-0123456789abcdefghijklmnopqrstuv";
    public const string AzureKey = "azure-key-9876543210ZYXWVUTSRQPONMLK";

    /// <summary>Sift with triggers off and <paramref name="circuits"/> in place of the model client's breakers.</summary>
    public static SiftApp Create(FakeCircuits circuits, IDictionary<string, string?>? settings = null, TimeProvider? clock = null)
    {
        var all = new Dictionary<string, string?> { ["Triggers:Enabled"] = "false" };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            all[key] = value;
        }

        return new SiftApp(settings: all)
        {
            ExtraServices = services =>
            {
                services.AddSingleton<IModelCircuits>(circuits);
                if (clock is not null)
                {
                    services.AddSingleton(clock);
                }
            },
        };
    }

    public static async Task CreateOpenAiProviderAsync(this SiftApp app, string id = "openai", string? apiKey = OpenAiKey)
    {
        using var response = await app.Api().PostAsJsonAsync("/api/providers",
            new { id, type = "openai-compatible", baseUrl = "https://api.openai.example/v1", model = "gpt-4o-mini", apiKey });
        response.EnsureSuccessStatusCode();
    }

    public static async Task CreateAgentAsync(this SiftApp app, string id, string providerId, string purpose, string? model = null)
    {
        using var response = await app.Api().PostAsJsonAsync("/api/agents", new { id, providerId, purpose, model });
        response.EnsureSuccessStatusCode();
    }
}
