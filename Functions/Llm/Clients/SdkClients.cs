using System.ClientModel;
using System.ClientModel.Primitives;
using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Azure.AI.OpenAI;
using Azure.Core;
using Azure.Identity;
using Microsoft.Extensions.Options;
using OpenAI;
using OpenAI.Chat;
using OpenAI.Embeddings;
using Sift.Hosting;

namespace Sift.Llm;

/// <summary>
/// The OpenAI SDK's clients, one per provider, endpoint, model, key and timeout (an SDK client holds
/// its HTTP pipeline and, for Entra ID, its token cache: building one per call would waste both).
/// The SDK's own retries are off and its network timeout is the per-attempt timeout, so the
/// provider's pipeline is the only retry policy. Every client connects through the outbound address
/// filter (<see cref="OutboundConnections"/>), as feeds do, unless Llm:Clients:AllowPrivateAddresses.
/// </summary>
internal sealed class SdkClients(IOptions<ModelClientOptions> options) : IDisposable
{
    private readonly HttpClient http = new(OutboundConnections.Handler(options.Value.AllowPrivateAddresses, ModelClientOptions.AllowPrivateAddressesSetting))
    {
        // Each attempt's deadline is the pipeline's network timeout (the provider's timeoutSeconds).
        Timeout = Timeout.InfiniteTimeSpan,
    };

    private readonly ConcurrentDictionary<string, Lazy<(ChatClient Chat, EmbeddingClient Embeddings)>> clients = new(StringComparer.Ordinal);

    public ChatClient ChatFor(ModelTarget target) => For(target).Chat;

    public EmbeddingClient EmbeddingsFor(ModelTarget target) => For(target).Embeddings;

    private (ChatClient Chat, EmbeddingClient Embeddings) For(ModelTarget target) =>
        clients.GetOrAdd(KeyOf(target), _ => new Lazy<(ChatClient, EmbeddingClient)>(() => Create(target))).Value;

    /// <summary>The key never holds the API key itself, only a hash of it.</summary>
    private static string KeyOf(ModelTarget target) => string.Join('\n',
        target.ProviderId, target.Type, target.Endpoint, target.Model, target.ClientId ?? "",
        target.ApiKey is null ? "" : Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(target.ApiKey))),
        target.Timeout.Ticks);

    private (ChatClient, EmbeddingClient) Create(ModelTarget target)
    {
        OpenAIClient client = target.Type switch
        {
            ProviderType.AzureOpenAi when target.ApiKey is { } key => new AzureOpenAIClient(target.Endpoint, new ApiKeyCredential(key), Configure(new AzureOpenAIClientOptions(), target)),
            ProviderType.AzureOpenAi => new AzureOpenAIClient(target.Endpoint, EntraCredential(target), Configure(new AzureOpenAIClientOptions(), target)),
            // Local servers (Ollama, vLLM) take no key, but the SDK insists on one.
            ProviderType.OpenAiCompatible => new OpenAIClient(new ApiKeyCredential(target.ApiKey ?? "unused"), Configure(new OpenAIClientOptions { Endpoint = target.Endpoint }, target)),
            _ => throw new ArgumentException($"Provider '{target.ProviderId}' is of type {target.Type}, which the model client does not call.", nameof(target)),
        };
        return (client.GetChatClient(target.Model), client.GetEmbeddingClient(target.Model));
    }

    private TokenCredential EntraCredential(ModelTarget target) =>
        options.Value.AzureCredential ?? (target.ClientId is { } clientId ? new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(clientId)) : new DefaultAzureCredential());

    public void Dispose() => http.Dispose();

    private T Configure<T>(T pipeline, ModelTarget target) where T : ClientPipelineOptions
    {
        pipeline.Transport = new HttpClientPipelineTransport(http);
        pipeline.RetryPolicy = new ClientRetryPolicy(maxRetries: 0);
        pipeline.NetworkTimeout = target.Timeout;
        return pipeline;
    }
}
